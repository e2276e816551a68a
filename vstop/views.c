// SPDX-License-Identifier: GPL-2.0-or-later
/* The screens: main table, processes, detail, help, column chooser. They read the
 * last snapshot and the viewer's state, and draw through crt.h only. */
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "crt.h"
#include "viewer.h"

#define HEADER_LINES 3

static int views_page;

int views_page_rows(void)
{
	return views_page > 1 ? views_page : 1;
}

static void views_host_value(char *buf, size_t len, const struct vs_host *h, enum vs_field_id id)
{
	vs_format_value(buf, len, vs_field(id), &h->m, 1);
}

static void views_header(struct viewer *v, int cols)
{
	const struct vs_host *h = vs_snapshot_host(v->snap);
	unsigned w = vs_snapshot_warnings(v->snap);
	char up[32], l1[16], l5[16], l15[16], cpu[16], ncpu[16], used[16], tot[16], sw[16], swt[16],
	    line[512];
	bool deep = false;

	views_host_value(up, sizeof(up), h, VS_F_UPTIME_SEC);
	views_host_value(l1, sizeof(l1), h, VS_F_LOAD1);
	views_host_value(l5, sizeof(l5), h, VS_F_LOAD5);
	views_host_value(l15, sizeof(l15), h, VS_F_LOAD15);
	views_host_value(cpu, sizeof(cpu), h, VS_F_CPU_PCT);
	views_host_value(ncpu, sizeof(ncpu), h, VS_F_NCPU);
	views_host_value(used, sizeof(used), h, VS_F_MEM_USED_BYTES);
	views_host_value(tot, sizeof(tot), h, VS_F_MEM_TOTAL_BYTES);
	views_host_value(sw, sizeof(sw), h, VS_F_MEM_SWAP_BYTES);
	views_host_value(swt, sizeof(swt), h, VS_F_SWAP_TOTAL_BYTES);
	snprintf(line, sizeof(line),
		 "vstop - %s  up %s  load %s %s %s  CPU %s%% of %s CPUs  every %gs%s", h->hostname,
		 up, l1, l5, l15, cpu, ncpu, v->delay, v->paused ? "  [PAUSED]" : "");
	crt_put(0, 0, cols, CRT_HEADER, line);
	for (size_t i = 0; i < vs_snapshot_count(v->snap) && !deep; i++)
		deep = vs_metrics_group_any(&vs_snapshot_at(v->snap, i)->m, VS_G_DEEP);
	char deepbuf[48];
	double dt = vs_snapshot_deep_scan_time(v->snap);
	if (w & VS_W_DEEP_UNAVAILABLE)
		snprintf(deepbuf, sizeof(deepbuf), "Deep scan: needs CAP_SYS_ADMIN");
	else if (deep && dt > 0)
		snprintf(deepbuf, sizeof(deepbuf), "Deep scan: %.0fs old",
			 vs_snapshot_time(v->snap) - dt);
	else
		snprintf(deepbuf, sizeof(deepbuf), "Deep scan: not running (PSS cheap tier only)");
	snprintf(line, sizeof(line), "Mem %s/%s  Swap %s/%s  Contexts %zu running, %zu defined  %s",
		 used, tot, sw, swt, vs_snapshot_running(v->snap), vs_snapshot_defined(v->snap),
		 deepbuf);
	crt_put(1, 0, cols, CRT_HEADER, line);
	line[0] = '\0';
	if (w & VS_W_PERMISSION)
		snprintf(line, sizeof(line),
			 "- = not readable without privilege: run as root or "
			 "see vstop(1) CAPABILITIES. ");
	if (w & VS_W_BLKIO_OFF)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 "Disk accounting is off: vsctl setup. ");
	if (line[0]) {
		crt_put(2, 0, cols, CRT_WARN, line);
	} else {
		snprintf(line, sizeof(line), "Sort %s %s%s%s%s", col_title(v->rc.sort_col),
			 v->rc.reverse ? "ascending" : "descending", v->have_re ? "  Filter /" : "",
			 v->have_re ? v->filter : "", v->have_re ? "/" : "");
		crt_put(2, 0, cols, CRT_LABEL, line);
	}
}

/* The columns that fit, after horizontal scrolling: the first two stay put. */
static size_t views_layout(const struct viewer *v, int cols, int *cx, int *cw)
{
	size_t n = 0;
	int x = 1;

	for (size_t i = 0; i < v->rc.ncols && x < cols; i++) {
		if (i >= 2 && i < 2 + (size_t)v->hscroll)
			continue;
		cx[n] = x;
		cw[n] = col_width(v->rc.cols[i]);
		x += cw[n] + 1;
		n++;
	}
	return n;
}

static size_t views_col_index(const struct viewer *v, size_t drawn)
{
	return drawn < 2 ? drawn : drawn + (size_t)v->hscroll;
}

static void views_cell(int y, int x, int w, int c, enum crt_color color, const char *text, int cols)
{
	char cell[64];
	if (x >= cols)
		return;
	if (col_is_text(c))
		snprintf(cell, sizeof(cell), "%-*.*s", w, w, text);
	else
		snprintf(cell, sizeof(cell), "%*.*s", w, w, text);
	crt_put(y, x, cols - x, color, cell);
}

static void views_main(struct viewer *v, int rows, int cols)
{
	int cx[VSTOP_MAX_COLS], cw[VSTOP_MAX_COLS];
	size_t n = views_layout(v, cols, cx, cw);
	int first = HEADER_LINES + 1, last = rows - 3; /* table rows first..last */
	char buf[64];

	crt_fill(HEADER_LINES, CRT_TITLE);
	for (size_t i = 0; i < n; i++) {
		int c = v->rc.cols[views_col_index(v, i)];
		views_cell(HEADER_LINES, cx[i], cw[i], c,
			   c == v->rc.sort_col ? CRT_SORTCOL : CRT_TITLE, col_title(c), cols);
	}
	views_page = last - first + 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (views_page > 0 && v->sel >= v->top + (size_t)views_page)
		v->top = v->sel - (size_t)views_page + 1;
	for (int y = first; y <= last; y++) {
		size_t r = v->top + (size_t)(y - first);
		if (r >= v->nrows)
			break;
		const struct vs_context *c = vs_snapshot_at(v->snap, v->rows[r]);
		bool alert = track_alert(v, track_find(v, c->xid));
		enum crt_color color = r == v->sel		      ? CRT_SELECTED
				       : alert			      ? CRT_ALERT
				       : c->xid == 0		      ? CRT_HOST
				       : c->state == VS_STATE_STOPPED ? CRT_DIM
								      : CRT_NORMAL;
		if (r == v->sel || alert)
			crt_fill(y, color);
		/* "!" marks a limit hit or OOM kill, also without colour. */
		crt_put(y, 0, 1, alert ? CRT_ALERT : color, alert ? "!" : " ");
		for (size_t i = 0; i < n; i++) {
			int col = v->rc.cols[views_col_index(v, i)];
			col_format(buf, sizeof(buf), col, c, v->rc.human);
			views_cell(y, cx[i], cw[i], col, color, buf, cols);
		}
	}
	/* Totals over every context, and whether they match the host's own figures. */
	bool adds = true;
	for (size_t i = 0; i < n; i++) {
		int col = v->rc.cols[views_col_index(v, i)];
		double sum = 0, x;
		bool any = false;
		if (col == COL_NAME) {
			views_cell(rows - 2, cx[i], cw[i], col, CRT_TOTAL, "TOTAL", cols);
			continue;
		}
		if (!col_summable(col))
			continue;
		for (size_t k = 0; k < vs_snapshot_count(v->snap); k++)
			if (col_value(col, vs_snapshot_at(v->snap, k), &x)) {
				sum += x;
				any = true;
			}
		if (col < VS_F__COUNT && !vs_snapshot_adds_up(v->snap, vs_fields[col].group))
			adds = false;
		if (any)
			col_format_number(buf, sizeof(buf), col, sum, v->rc.human);
		else
			snprintf(buf, sizeof(buf), "-");
		views_cell(rows - 2, cx[i], cw[i], col, CRT_TOTAL, buf, cols);
	}
	for (size_t i = 0; i < n; i++)
		if (v->rc.cols[views_col_index(v, i)] == COL_STATE)
			views_cell(rows - 2, cx[i], cw[i], COL_STATE, CRT_TOTAL,
				   adds ? "=host" : "!=host", cols);
}

static void views_spark(int y, int cols, const char *label, const struct track *t, int s,
			enum vs_field_id fid, bool human)
{
	static const char *const utf[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	static const char *const ascii[] = {"_", ".", ",", "-", "=", "+", "*", "#"};
	const char *const *lv = crt_utf8() ? utf : ascii;
	char line[SPARK_LEN * 3 + 64], now[32], top[32];
	float max = 0, last = NAN;
	size_t o = 0;

	for (int i = 0; t && i < t->count; i++) {
		float x = t->spark[s][(t->head + i) % SPARK_LEN];
		if (!isnan(x) && x > max)
			max = x;
		last = x;
	}
	o += (size_t)snprintf(line, sizeof(line), "%-5s", label);
	for (int i = 0; t && i < t->count; i++) {
		float x = t->spark[s][(t->head + i) % SPARK_LEN];
		const char *ch = isnan(x) ? " " : lv[max > 0 ? (int)(x / max * 7.0f + 0.5f) : 0];
		o += (size_t)snprintf(line + o, sizeof(line) - o, "%s", ch);
	}
	for (int i = t ? t->count : 0; i < SPARK_LEN; i++)
		o += (size_t)snprintf(line + o, sizeof(line) - o, " ");
	{
		struct vs_metrics m;
		memset(&m, 0, sizeof(m));
		if (isnan(last)) {
			snprintf(now, sizeof(now), "-");
		} else {
			if (vs_field(fid)->type == VS_FT_U64)
				vs_metrics_set_u64(&m, fid, (uint64_t)last);
			else
				vs_metrics_set_f64(&m, fid, last);
			vs_format_value(now, sizeof(now), vs_field(fid), &m, human);
		}
		if (vs_field(fid)->type == VS_FT_U64)
			vs_metrics_set_u64(&m, fid, (uint64_t)max);
		else
			vs_metrics_set_f64(&m, fid, max);
		vs_format_value(top, sizeof(top), vs_field(fid), &m, human);
	}
	snprintf(line + o, sizeof(line) - o, " now %s max %s", now, top);
	crt_put(y, 0, cols, CRT_SPARK, line);
}

static const struct vs_context *views_selected(const struct viewer *v)
{
	return vs_snapshot_find(v->snap, v->sel_xid);
}

static void views_detail(struct viewer *v, int rows, int cols)
{
	const struct vs_context *c = views_selected(v);
	const struct track *t = track_find(v, v->sel_xid);
	char line[512], val[64];
	int y = HEADER_LINES;
	size_t k = 0;

	if (!c) {
		crt_put(y, 0, cols, CRT_WARN, "That context is gone. Esc goes back.");
		return;
	}
	snprintf(line, sizeof(line), "Context %s (xid %u, %s%s%s)  Esc: back", c->name, c->xid,
		 vs_state_name(c->state), c->template_name[0] ? ", template " : "",
		 c->template_name);
	crt_fill(y, CRT_TITLE);
	crt_put(y++, 0, cols, CRT_TITLE, line);
	views_spark(y++, cols, "CPU%", t, SPARK_CPU, VS_F_CPU_PCT, v->rc.human);
	views_spark(y++, cols, "MEM", t, SPARK_MEM, VS_F_MEM_CURRENT_BYTES, v->rc.human);
	views_spark(y++, cols, "DISK", t, SPARK_IO, VS_F_IO_READ_BYTES_PER_SEC, v->rc.human);
	snprintf(line, sizeof(line), "%-8s %12s %-8s %s", "FIELD", "VALUE", "UNIT",
		 "WHERE IT COMES FROM");
	crt_fill(y, CRT_TITLE);
	crt_put(y++, 0, cols, CRT_TITLE, line);
	views_page = rows - 1 - y;
	/* End and PgDn stop at the last full page, not past the last field. */
	size_t total = 0;
	for (int col = 0; col < COL__END; col++)
		total += col_exists(col) && col != COL_NAME;
	if (views_page > 0 && v->dtop + (size_t)views_page > total)
		v->dtop = total > (size_t)views_page ? total - (size_t)views_page : 0;
	for (int col = 0; col < COL__END; col++) {
		if (!col_exists(col) || col == COL_NAME)
			continue;
		if (k++ < v->dtop)
			continue;
		if (y >= rows - 1)
			break;
		col_format(val, sizeof(val), col, c, v->rc.human);
		snprintf(line, sizeof(line), "%-8s %12s %-8s %s", col_title(col), val,
			 col_unit(col), col_desc(col));
		crt_put(y++, 0, cols, CRT_NORMAL, line);
	}
}

static void views_procs(struct viewer *v, int rows, int cols)
{
	const struct vs_context *c = views_selected(v);
	char line[512], rss[16], pss[16], cpu[16], user[16];
	int y = HEADER_LINES;

	snprintf(line, sizeof(line),
		 "Processes of %s (xid %u): %zu   t: tree %s  k: signal  Esc: back",
		 c ? c->name : "?", v->sel_xid, v->nprocs, v->tree ? "on" : "off");
	crt_put(y++, 0, cols, CRT_LABEL, line);
	crt_fill(y, CRT_TITLE);
	crt_put(y++, 0, cols, CRT_TITLE, "    PID USER     S  CPU%    RSS    PSS  THR COMMAND");
	views_page = rows - 1 - y;
	if (v->psel < v->ptop)
		v->ptop = v->psel;
	if (views_page > 0 && v->psel >= v->ptop + (size_t)views_page)
		v->ptop = v->psel - (size_t)views_page + 1;
	for (size_t i = v->ptop; i < v->nprocs && y < rows - 1; i++, y++) {
		size_t idx = v->proc_order[i] & ((UINT64_C(1) << 48) - 1);
		int depth = (int)(v->proc_order[i] >> 48);
		const struct vs_proc *p = &v->procs[idx];
		struct vs_metrics m;
		memset(&m, 0, sizeof(m));
		struct passwd *pw = p->uid != (uid_t)-1 ? getpwuid(p->uid) : NULL;

		if (pw)
			snprintf(user, sizeof(user), "%.8s", pw->pw_name);
		else if (p->uid != (uid_t)-1)
			snprintf(user, sizeof(user), "%u", (unsigned)p->uid);
		else
			snprintf(user, sizeof(user), "-");
		vs_metrics_set_u64(&m, VS_F_RSS_BYTES, p->rss_bytes);
		if (p->pss_bytes != UINT64_MAX)
			vs_metrics_set_u64(&m, VS_F_PSS_BYTES, p->pss_bytes);
		vs_format_value(rss, sizeof(rss), vs_field(VS_F_RSS_BYTES), &m, v->rc.human);
		vs_format_value(pss, sizeof(pss), vs_field(VS_F_PSS_BYTES), &m, v->rc.human);
		if (isnan(v->proc_cpu[idx]))
			snprintf(cpu, sizeof(cpu), "-");
		else
			snprintf(cpu, sizeof(cpu), "%.1f", v->proc_cpu[idx]);
		snprintf(line, sizeof(line), "%7d %-8s %c %5s %6s %6s %4u %*s%s", (int)p->pid, user,
			 p->state, cpu, rss, pss, p->threads, depth * 2, "",
			 p->cmdline && *p->cmdline ? p->cmdline : p->comm);
		if (i == v->psel)
			crt_fill(y, CRT_SELECTED);
		crt_put(y, 0, cols, i == v->psel ? CRT_SELECTED : CRT_NORMAL, line);
	}
}

static const char *const views_keys[][2] = {
    {"h ?", "this help"},
    {"< >", "move the sort column left / right"},
    {"P M N T D", "sort by CPU, memory, name, tasks, disk"},
    {"r", "reverse the sort order"},
    {"/", "filter contexts by name (regular expression)"},
    {"Esc", "clear the filter; go back from a view"},
    {"Enter", "processes of the selected context"},
    {"i", "detail: every field, its source, sparklines"},
    {"t", "process tree on / off (process view)"},
    {"k", "send a signal to the selected process (process view)"},
    {"s S R", "stop, start, restart the selected guest"},
    {"d", "set the refresh interval"},
    {"space", "pause / resume refreshing"},
    {"u", "human / raw units"},
    {"c", "choose and order columns (saved in vstoprc)"},
    {"Up Down PgUp PgDn Home End", "move the cursor"},
    {"Left Right", "scroll columns"},
    {"q", "quit"},
};

static void views_help(struct viewer *v, int rows, int cols)
{
	char line[256];
	int y = HEADER_LINES;
	(void)v;
	crt_fill(y, CRT_TITLE);
	crt_put(y++, 0, cols, CRT_TITLE, "vstop keys (any key goes back)");
	for (size_t i = 0; i < sizeof(views_keys) / sizeof(views_keys[0]) && y < rows - 1; i++) {
		snprintf(line, sizeof(line), "%-27s", views_keys[i][0]);
		crt_put(y, 1, cols - 1, CRT_KEY, line);
		crt_put(y++, 29, cols - 29, CRT_NORMAL, views_keys[i][1]);
	}
	if (y < rows - 1)
		crt_put(++y, 1, cols - 1, CRT_LABEL,
			"! and red: a limit hit or OOM kill in the last 3 refreshes; dim: stopped");
}

static void views_columns(struct viewer *v, int rows, int cols)
{
	char line[256];
	int y = HEADER_LINES;
	size_t top = 0;

	crt_fill(y, CRT_TITLE);
	crt_put(y++, 0, cols, CRT_TITLE,
		"Columns: space shows/hides, [ ] move, Enter or Esc saves to vstoprc");
	views_page = rows - 1 - y;
	if (views_page > 0 && v->csel >= (size_t)views_page)
		top = v->csel - (size_t)views_page + 1;
	for (size_t i = top; i < v->nchooser && y < rows - 1; i++, y++) {
		int c = v->chooser[i];
		bool on = false;
		for (size_t k = 0; k < v->rc.ncols; k++)
			on = on || v->rc.cols[k] == c;
		snprintf(line, sizeof(line), "[%c] %-8s %-26s %s", on ? 'x' : ' ', col_title(c),
			 col_key(c), col_desc(c));
		if (i == v->csel)
			crt_fill(y, CRT_SELECTED);
		crt_put(y, 0, cols, i == v->csel ? CRT_SELECTED : CRT_NORMAL, line);
	}
}

static void views_bottom(struct viewer *v, int rows, int cols)
{
	int y = rows - 1;
	if (v->prompt != P_NONE) {
		char line[sizeof(v->question) + sizeof(v->input)];
		snprintf(line, sizeof(line), "%s%s", v->question, v->input);
		crt_fill(y, CRT_STATUS);
		crt_put(y, 0, cols, CRT_STATUS, line);
	} else if (v->status[0] && viewer_now() < v->status_until) {
		crt_fill(y, CRT_STATUS);
		crt_put(y, 0, cols, CRT_STATUS, v->status);
	} else {
		static const char *const bar[][2] = {
		    {"h", "Help"},	   {"/", "Filter"}, {"Enter", "Procs"},
		    {"i", "Detail"},	   {"P", "CPU"},    {"M", "Mem"},
		    {"s/S", "Stop/Start"}, {"c", "Cols"},   {"q", "Quit"},
		};
		int x = 0;
		for (size_t i = 0; i < sizeof(bar) / sizeof(bar[0]) && x < cols; i++) {
			x += crt_put(y, x, cols - x, CRT_KEY, bar[i][0]);
			if (x < cols)
				x += crt_put(y, x, cols - x, CRT_NORMAL, ":");
			if (x < cols)
				x += crt_put(y, x, cols - x, CRT_NORMAL, bar[i][1]);
			if (x < cols)
				x += crt_put(y, x, cols - x, CRT_NORMAL, " ");
		}
	}
}

void views_draw(struct viewer *v)
{
	int rows, cols;

	crt_size(&rows, &cols);
	crt_erase();
	if (!v->snap) {
		crt_put(0, 0, cols, CRT_HEADER, "vstop: sampling...");
		crt_flush();
		return;
	}
	views_header(v, cols);
	switch (v->view) {
	case V_MAIN:
		views_main(v, rows, cols);
		break;
	case V_PROCS:
		views_procs(v, rows, cols);
		break;
	case V_DETAIL:
		views_detail(v, rows, cols);
		break;
	case V_HELP:
		views_help(v, rows, cols);
		break;
	case V_COLUMNS:
		views_columns(v, rows, cols);
		break;
	}
	views_bottom(v, rows, cols);
	crt_flush();
}
