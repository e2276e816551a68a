// SPDX-License-Identifier: GPL-2.0-or-later
/* The interactive loop: sample on the interval, read keys in between, draw. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions.h"
#include "crt.h"
#include "viewer.h"

static volatile sig_atomic_t viewer_stop;

static void viewer_on_signal(int sig)
{
	(void)sig;
	viewer_stop = 1;
}

double viewer_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void viewer_status(struct viewer *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->status, sizeof(v->status), fmt, ap);
	va_end(ap);
	v->status_until = viewer_now() + 5;
}

static void viewer_prompt(struct viewer *v, enum prompt_kind k, const char *question,
			  const char *initial)
{
	v->prompt = k;
	snprintf(v->question, sizeof(v->question), "%s", question);
	snprintf(v->input, sizeof(v->input), "%s", initial ? initial : "");
}

static const struct vs_context *viewer_selected(const struct viewer *v)
{
	return v->snap ? vs_snapshot_find(v->snap, v->sel_xid) : NULL;
}

static void viewer_save_rc(struct viewer *v)
{
	int r;
	if (!v->rc_file) {
		viewer_status(v, "no home folder: columns not saved");
		return;
	}
	r = rc_save(v->rc_file, &v->rc);
	if (r < 0)
		viewer_status(v, "cannot save %s: %s", v->rc_file, strerror(-r));
	else
		viewer_status(v, "saved %s", v->rc_file);
}

static void viewer_set_filter(struct viewer *v, const char *text)
{
	if (v->have_re)
		regfree(&v->re);
	v->have_re = false;
	v->filter[0] = '\0';
	if (text && *text) {
		int r = regcomp(&v->re, text, REG_EXTENDED | REG_ICASE | REG_NOSUB);
		if (r != 0) {
			char err[128];
			regerror(r, &v->re, err, sizeof(err));
			viewer_status(v, "filter: %s", err);
			return;
		}
		v->have_re = true;
		snprintf(v->filter, sizeof(v->filter), "%s", text);
	}
	rows_rebuild(v);
}

static void viewer_guest_action(struct viewer *v, enum act_kind k)
{
	const struct vs_context *c = viewer_selected(v);
	char q[160];
	if (!c || c->xid == 0) {
		viewer_status(v, "select a guest first (the rest of the host cannot be %sed)",
			      k == ACT_STOP ? "stopp" : act_name(k));
		return;
	}
	if (act_busy()) {
		viewer_status(v, "another guest action is still running");
		return;
	}
	v->pending_act = (int)k;
	snprintf(v->pending_guest, sizeof(v->pending_guest), "%s", c->name);
	snprintf(q, sizeof(q), "%c%s guest %s? (y/n) ", act_name(k)[0] - 32, act_name(k) + 1,
		 c->name);
	viewer_prompt(v, P_CONFIRM_GUEST, q, NULL);
}

static void viewer_prompt_done(struct viewer *v, bool ok)
{
	enum prompt_kind k = v->prompt;
	char msg[256];

	v->prompt = P_NONE;
	if (!ok)
		return;
	switch (k) {
	case P_FILTER:
		viewer_set_filter(v, v->input);
		break;
	case P_DELAY: {
		double d;
		if (vs_parse_duration(v->input, &d) < 0 || d < 0.05 || d > 86400)
			viewer_status(v, "interval: expected seconds between 0.05 and 86400");
		else
			v->delay = d;
		break;
	}
	case P_SIGNAL: {
		int sig = act_parse_signal(v->input);
		if (sig < 0) {
			viewer_status(v, "signal: expected a name (TERM, KILL, HUP) or a number");
			break;
		}
		v->pending_sig = sig;
		snprintf(msg, sizeof(msg), "Send SIG%s to %d? (y/n) ", sigabbrev_np(sig),
			 (int)v->pending_pid);
		viewer_prompt(v, P_CONFIRM_SIGNAL, msg, NULL);
		break;
	}
	case P_CONFIRM_SIGNAL:
		act_signal(v->pending_pid, v->pending_sig, msg, sizeof(msg));
		viewer_status(v, "%s", msg);
		break;
	case P_CONFIRM_GUEST: {
		int r = act_guest_begin(v->cfg, v->pending_guest, (enum act_kind)v->pending_act);
		if (r < 0)
			viewer_status(v, "cannot %s %s: %s",
				      act_name((enum act_kind)v->pending_act), v->pending_guest,
				      strerror(-r));
		else
			viewer_status(v, "%s %s: in progress",
				      act_name((enum act_kind)v->pending_act), v->pending_guest);
		break;
	}
	default:
		break;
	}
}

static void viewer_prompt_key(struct viewer *v, int key)
{
	size_t l = strlen(v->input);

	if (v->prompt == P_CONFIRM_GUEST || v->prompt == P_CONFIRM_SIGNAL) {
		viewer_prompt_done(v, key == 'y' || key == 'Y');
		return;
	}
	if (key == CRT_K_ENTER)
		viewer_prompt_done(v, true);
	else if (key == CRT_K_ESC)
		v->prompt = P_NONE;
	else if (key == CRT_K_BACKSPACE || key == 127)
		v->input[l ? l - 1 : 0] = '\0';
	else if (key >= 32 && key < 127 && l + 1 < sizeof(v->input)) {
		v->input[l] = (char)key;
		v->input[l + 1] = '\0';
	}
}

/* Moves a cursor by a navigation key; false when key is not one. */
static bool viewer_move(int key, size_t *sel, size_t n)
{
	size_t page = (size_t)views_page_rows();
	switch (key) {
	case CRT_K_UP:
		*sel = *sel ? *sel - 1 : 0;
		break;
	case CRT_K_DOWN:
		*sel = *sel + 1 < n ? *sel + 1 : *sel;
		break;
	case CRT_K_PGUP:
		*sel = *sel > page ? *sel - page : 0;
		break;
	case CRT_K_PGDN:
		*sel = n ? (*sel + page < n ? *sel + page : n - 1) : 0;
		break;
	case CRT_K_HOME:
		*sel = 0;
		break;
	case CRT_K_END:
		*sel = n ? n - 1 : 0;
		break;
	default:
		return false;
	}
	return true;
}

static void viewer_sort(struct viewer *v, int col)
{
	v->rc.sort_col = col;
	v->rc.reverse = false;
	rows_rebuild(v);
}

static void viewer_chooser_open(struct viewer *v)
{
	size_t n = 0;
	bool have[COL__END] = {false};
	for (size_t i = 0; i < v->rc.ncols; i++) {
		v->chooser[n++] = v->rc.cols[i];
		have[v->rc.cols[i]] = true;
	}
	for (int c = VS_F__COUNT; c < COL__END; c++)
		if (!have[c])
			v->chooser[n++] = c;
	for (int c = 0; c < VS_F__COUNT; c++)
		if (col_exists(c) && !have[c])
			v->chooser[n++] = c;
	v->nchooser = n;
	v->csel = 0;
	v->back = v->view;
	v->view = V_COLUMNS;
}

/* Visible columns follow the chooser's order. */
static void viewer_chooser_apply(struct viewer *v, const bool *on)
{
	size_t k = 0;
	for (size_t i = 0; i < v->nchooser; i++)
		if (on[v->chooser[i]])
			v->rc.cols[k++] = v->chooser[i];
	v->rc.ncols = k;
}

static void viewer_chooser_key(struct viewer *v, int key)
{
	bool on[COL__END] = {false};
	for (size_t i = 0; i < v->rc.ncols; i++)
		on[v->rc.cols[i]] = true;
	if (viewer_move(key, &v->csel, v->nchooser))
		return;
	if (key == ' ') {
		int c = v->chooser[v->csel];
		if (on[c] && v->rc.ncols == 1)
			return;
		on[c] = !on[c];
	} else if ((key == '[' && v->csel > 0) || (key == ']' && v->csel + 1 < v->nchooser)) {
		size_t o = key == '[' ? v->csel - 1 : v->csel + 1;
		int t = v->chooser[o];
		v->chooser[o] = v->chooser[v->csel];
		v->chooser[v->csel] = t;
		v->csel = o;
	} else if (key == CRT_K_ENTER || key == CRT_K_ESC) {
		v->view = v->back;
		viewer_save_rc(v);
		v->hscroll = 0;
		rows_rebuild(v);
		return;
	}
	viewer_chooser_apply(v, on);
}

static void viewer_main_key(struct viewer *v, int key)
{
	size_t si = 0;
	const struct vs_context *c;

	if (viewer_move(key, &v->sel, v->nrows)) {
		if (v->nrows)
			v->sel_xid = vs_snapshot_at(v->snap, v->rows[v->sel])->xid;
		return;
	}
	for (size_t i = 0; i < v->rc.ncols; i++)
		if (v->rc.cols[i] == v->rc.sort_col)
			si = i;
	switch (key) {
	case CRT_K_LEFT:
		v->hscroll = v->hscroll > 0 ? v->hscroll - 1 : 0;
		break;
	case CRT_K_RIGHT:
		if ((size_t)v->hscroll + 3 < v->rc.ncols)
			v->hscroll++;
		break;
	case '<':
		viewer_sort(v, v->rc.cols[si ? si - 1 : 0]);
		break;
	case '>':
		viewer_sort(v, v->rc.cols[si + 1 < v->rc.ncols ? si + 1 : si]);
		break;
	case 'P':
		viewer_sort(v, VS_F_CPU_PCT);
		break;
	case 'M':
		viewer_sort(v, VS_F_MEM_CURRENT_BYTES);
		break;
	case 'N':
		viewer_sort(v, COL_NAME);
		break;
	case 'T':
		viewer_sort(v, VS_F_TASKS);
		break;
	case 'D':
		viewer_sort(v, COL_IO_RATE);
		break;
	case 'r':
		v->rc.reverse = !v->rc.reverse;
		rows_rebuild(v);
		break;
	case '/':
		viewer_prompt(v, P_FILTER,
			      "Filter (regular expression, Enter applies, Esc cancels): /",
			      v->filter);
		break;
	case CRT_K_ESC:
		viewer_set_filter(v, NULL);
		break;
	case CRT_K_ENTER:
		c = viewer_selected(v);
		if (!c)
			break;
		v->view = V_PROCS;
		v->psel = v->ptop = 0;
		free(v->pprev);
		v->pprev = NULL;
		v->npprev = 0;
		procs_refresh(v);
		break;
	case 'i':
		v->view = V_DETAIL;
		v->dtop = 0;
		v->sample_now = true; /* every field, not only the columns' */
		break;
	case 'k':
		viewer_status(v, "k sends a signal to a process: open the process view with Enter");
		break;
	case 'c':
		viewer_chooser_open(v);
		break;
	}
}

static void viewer_procs_key(struct viewer *v, int key)
{
	if (viewer_move(key, &v->psel, v->nprocs))
		return;
	switch (key) {
	case CRT_K_ESC:
		v->view = V_MAIN;
		procs_free(v);
		break;
	case 't':
		v->tree = !v->tree;
		procs_refresh(v);
		break;
	case 'k':
		if (v->psel < v->nprocs) {
			size_t idx = v->proc_order[v->psel] & ((UINT64_C(1) << 48) - 1);
			char q[96];
			v->pending_pid = v->procs[idx].pid;
			snprintf(q, sizeof(q),
				 "Signal for %d %s (name or number): ", (int)v->pending_pid,
				 v->procs[idx].comm);
			viewer_prompt(v, P_SIGNAL, q, "TERM");
		}
		break;
	}
}

static void viewer_key(struct viewer *v, int key)
{
	if (v->prompt != P_NONE) {
		viewer_prompt_key(v, key);
		return;
	}
	if (key == CRT_K_RESIZE)
		return;
	if (v->view == V_COLUMNS) {
		viewer_chooser_key(v, key);
		return;
	}
	if (v->view == V_HELP) {
		if (key == 'q')
			v->quit = true;
		v->view = v->back;
		return;
	}
	switch (key) {
	case 'q':
		v->quit = true;
		return;
	case 'h':
	case '?':
		v->back = v->view;
		v->view = V_HELP;
		return;
	case ' ':
		v->paused = !v->paused;
		return;
	case 'u':
		v->rc.human = !v->rc.human;
		return;
	case 'd': {
		char cur[32];
		snprintf(cur, sizeof(cur), "%g", v->delay);
		viewer_prompt(v, P_DELAY, "Refresh interval in seconds: ", cur);
		return;
	}
	case 's':
		viewer_guest_action(v, ACT_STOP);
		return;
	case 'S':
		viewer_guest_action(v, ACT_START);
		return;
	case 'R':
		viewer_guest_action(v, ACT_RESTART);
		return;
	}
	if (v->view == V_MAIN)
		viewer_main_key(v, key);
	else if (v->view == V_PROCS)
		viewer_procs_key(v, key);
	else if (v->view == V_DETAIL) {
		if (key == CRT_K_ESC)
			v->view = V_MAIN;
		else
			viewer_move(key, &v->dtop, COL__END);
	}
}

/* The field groups the screen needs: the header's, the sparklines' and highlights'
 * (CPU, memory, disk, tasks), the deep scan's age, and the visible columns'; every
 * group while the detail view lists every field. The pressure files and per-task io
 * are then read only when a column shows them: vstop is left running all day. */
static unsigned viewer_groups(const struct viewer *v)
{
	unsigned g = (1u << VS_G_CPU) | (1u << VS_G_MEM) | (1u << VS_G_IO) | (1u << VS_G_TASKS) |
		     (1u << VS_G_DEEP) | (1u << VS_G_LOAD);
	if (v->view == V_DETAIL)
		return 0;
	for (size_t i = 0; i < v->rc.ncols; i++)
		if (v->rc.cols[i] >= 0 && v->rc.cols[i] < VS_F__COUNT)
			g |= 1u << vs_fields[v->rc.cols[i]].group;
	return g;
}

static int viewer_sample(struct viewer *v)
{
	struct vs_snapshot *snap = NULL;
	unsigned groups = viewer_groups(v);
	int r;

	if (groups != v->groups) {
		vs_sampler_set_groups(v->sampler, groups);
		v->groups = groups;
	}
	v->sample_now = false;
	r = vs_sampler_sample(v->sampler, &snap);
	if (r < 0) {
		viewer_status(v, "sample failed: %s", strerror(-r));
		return r;
	}
	vs_snapshot_unref(v->snap);
	v->snap = snap;
	track_update(v);
	rows_rebuild(v);
	if (v->view == V_PROCS)
		procs_refresh(v);
	return 0;
}

static void viewer_free(struct viewer *v)
{
	procs_free(v);
	free(v->pprev);
	track_free(v);
	free(v->rows);
	if (v->have_re)
		regfree(&v->re);
	vs_snapshot_unref(v->snap);
	free(v->rc_file);
}

int vstop_interactive(const struct vstop_args *a, struct vs_sampler *s, struct vs_config *cfg)
{
	struct viewer v = {
	    .args = a, .sampler = s, .cfg = cfg, .delay = a->delay_sec, .groups = UINT_MAX};
	struct sigaction sa = {.sa_handler = viewer_on_signal};
	const char *nc = a->secure ? NULL : getenv("NO_COLOR");
	char msg[320] = "";
	long samples = 0;
	double next;

	rc_defaults(&v.rc);
	v.rc_file = rc_path(a->secure);
	if (v.rc_file && rc_load(v.rc_file, &v.rc, !a->secure, msg, sizeof(msg)) < 0 && !msg[0])
		snprintf(msg, sizeof(msg), "%s: cannot read it", v.rc_file);
	if (a->columns && a->columns[0]) {
		char bad[64];
		if (col_parse_list(a->columns, v.rc.cols, VSTOP_MAX_COLS, &v.rc.ncols, bad,
				   sizeof(bad)) < 0) {
			fprintf(stderr, "vstop: -f: unknown column '%s' (see vstop(1))\n", bad);
			viewer_free(&v);
			return 2;
		}
	}
	/* Our handlers first, so curses leaves SIGINT and SIGTERM to us. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (crt_init(!(nc && *nc)) < 0) {
		fprintf(stderr, "vstop: cannot use this terminal\n");
		viewer_free(&v);
		return 1;
	}
	if (msg[0])
		viewer_status(&v, "%s", msg);
	next = viewer_now();
	while (!v.quit && !viewer_stop) {
		double now = viewer_now(), wait;
		if (!v.paused && (now >= next || v.sample_now)) {
			bool due = now >= next;
			viewer_sample(&v);
			samples++;
			if (due)
				next = next + v.delay > now ? next + v.delay : now + v.delay;
		}
		if (act_poll(msg, sizeof(msg)))
			viewer_status(&v, "%s", msg);
		views_draw(&v);
		if (a->iterations > 0 && samples >= a->iterations)
			break;
		wait = v.paused ? 1.0 : next - viewer_now();
		if (act_busy() && wait > 0.2)
			wait = 0.2;
		if (v.status[0] && v.status_until > now && v.status_until - now < wait)
			wait = v.status_until - now + 0.01;
		int key = crt_getkey(wait > 0 ? (int)(wait * 1000) + 1 : 0);
		if (key != CRT_K_NONE)
			viewer_key(&v, key);
	}
	crt_done();
	act_cleanup();
	viewer_free(&v);
	return 0;
}
