// SPDX-License-Identifier: GPL-2.0-or-later
/* Columns are data: titles, widths and units come from the field table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"

struct col_pseudo {
	const char *key, *title, *unit, *desc;
	int width;
	bool text;
};

static const struct col_pseudo col_pseudos[COL__END - VS_F__COUNT] = {
    [COL_XID - VS_F__COUNT] = {"xid", "XID", "", "Context id: 0 is the rest of the host", 5, false},
    [COL_NAME - VS_F__COUNT] = {"name", "NAME", "", "Guest name (guests_dir/NAME.conf)", 14, true},
    [COL_STATE - VS_F__COUNT] = {"state", "STATE", "",
				 "running, stopped, starting, stopping or broken", 8, true},
    [COL_MEM_PCT - VS_F__COUNT] = {"mem_limit_pct", "MEM%", "percent",
				   "Memory charged in percent of the memory limit (vstop only: "
				   "mem_current_bytes / mem_limit_bytes)",
				   5, false},
    [COL_IO_RATE - VS_F__COUNT] = {"io_bytes_per_sec", "IO/s", "bytes/s",
				   "Block device read plus write rate (vstop only: the sum of "
				   "io_read_bytes_per_sec and io_write_bytes_per_sec)",
				   7, false},
};

static const struct col_pseudo *col_pseudo(int c)
{
	return c >= VS_F__COUNT && c < COL__END ? &col_pseudos[c - VS_F__COUNT] : NULL;
}

bool col_exists(int c)
{
	if (c < 0 || c >= COL__END)
		return false;
	return c >= VS_F__COUNT || (vs_fields[c].flags & VS_FF_CONTEXT);
}

const char *col_key(int c)
{
	return c < VS_F__COUNT ? vs_fields[c].key : col_pseudo(c)->key;
}

const char *col_title(int c)
{
	return c < VS_F__COUNT ? vs_fields[c].title : col_pseudo(c)->title;
}

const char *col_desc(int c)
{
	return c < VS_F__COUNT ? vs_fields[c].desc : col_pseudo(c)->desc;
}

const char *col_unit(int c)
{
	return c < VS_F__COUNT ? vs_fields[c].unit : col_pseudo(c)->unit;
}

int col_width(int c)
{
	int w = c < VS_F__COUNT ? (int)vs_fields[c].width : col_pseudo(c)->width;
	int t = (int)strlen(col_title(c));
	return w > t ? w : t;
}

bool col_is_text(int c)
{
	return c >= VS_F__COUNT && col_pseudo(c)->text;
}

bool col_summable(int c)
{
	if (c == COL_IO_RATE)
		return true;
	if (c >= VS_F__COUNT)
		return false;
	/* Levels, counters and rates add up across contexts; limits and shares do not. */
	return vs_fields[c].kind != VS_FK_LIMIT && strcmp(vs_fields[c].unit, "percent") != 0
		   ? true
		   : c == VS_F_CPU_PCT;
}

int col_by_key(const char *key)
{
	for (int c = 0; c < COL__END; c++)
		if (col_exists(c) && strcmp(col_key(c), key) == 0)
			return c;
	return -1;
}

bool col_value(int c, const struct vs_context *x, double *out)
{
	double a, b;

	switch (c) {
	case COL_XID:
		*out = x->xid;
		return true;
	case COL_NAME:
	case COL_STATE:
		return false;
	case COL_MEM_PCT:
		if (vs_metrics_get_double(&x->m, VS_F_MEM_CURRENT_BYTES, &a) < 0 ||
		    vs_metrics_get_double(&x->m, VS_F_MEM_LIMIT_BYTES, &b) < 0 || b <= 0)
			return false;
		*out = 100.0 * a / b;
		return true;
	case COL_IO_RATE:
		if (vs_metrics_get_double(&x->m, VS_F_IO_READ_BYTES_PER_SEC, &a) < 0 ||
		    vs_metrics_get_double(&x->m, VS_F_IO_WRITE_BYTES_PER_SEC, &b) < 0)
			return false;
		*out = a + b;
		return true;
	default:
		return vs_metrics_get_double(&x->m, (enum vs_field_id)c, out) == 0;
	}
}

void col_format_number(char *buf, size_t len, int c, double v, bool human)
{
	/* Reuse the engine's formatting through a one-field metrics record. */
	struct vs_metrics m;
	const struct vs_field *f;

	if (c == COL_MEM_PCT) {
		snprintf(buf, len, human ? "%.0f" : "%.2f", v);
		return;
	}
	if (c == COL_XID) {
		snprintf(buf, len, "%.0f", v);
		return;
	}
	f = c == COL_IO_RATE ? vs_field(VS_F_IO_READ_BYTES_PER_SEC) : vs_field((enum vs_field_id)c);
	memset(m.valid, 0, sizeof(m.valid));
	if (f->type == VS_FT_U64)
		vs_metrics_set_u64(&m, f->id, v < 0 ? 0 : (uint64_t)(v + 0.5));
	else
		vs_metrics_set_f64(&m, f->id, v);
	vs_format_value(buf, len, f, &m, human);
}

void col_format(char *buf, size_t len, int c, const struct vs_context *x, bool human)
{
	double v;

	if (c == COL_NAME) {
		snprintf(buf, len, "%s", x->xid == 0 ? "[rest of host]" : x->name);
		return;
	}
	if (c == COL_STATE) {
		snprintf(buf, len, "%s", x->xid == 0 ? "host" : vs_state_name(x->state));
		return;
	}
	if (c < VS_F__COUNT) {
		vs_format_value(buf, len, vs_field((enum vs_field_id)c), &x->m, human);
		return;
	}
	if (!col_value(c, x, &v)) {
		snprintf(buf, len, "-");
		return;
	}
	col_format_number(buf, len, c, v, human);
}

size_t col_defaults(int *out, size_t max)
{
	static const char *const order[] = {
	    "xid",
	    "name",
	    "state",
	    "tasks",
	    "cpu_pct",
	    "mem_current_bytes",
	    "mem_limit_bytes",
	    "mem_limit_pct",
	    "pss_bytes",
	    "shared_bytes",
	    "cross_shared_bytes",
	    "io_read_bytes_per_sec",
	    "io_write_bytes_per_sec",
	    "mem_limit_hits",
	    "oom_kills",
	};
	size_t n = 0;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]) && n < max; i++) {
		int c = col_by_key(order[i]);
		/* A field keeps its place only while the table still marks it default. */
		if (c >= 0 && (c >= VS_F__COUNT || (vs_fields[c].flags & VS_FF_DEFAULT)))
			out[n++] = c;
	}
	for (int c = 0; c < VS_F__COUNT && n < max; c++) {
		bool have = false;
		if (!(vs_fields[c].flags & VS_FF_DEFAULT) || !(vs_fields[c].flags & VS_FF_CONTEXT))
			continue;
		for (size_t i = 0; i < n; i++)
			have = have || out[i] == c;
		if (!have)
			out[n++] = c;
	}
	return n;
}

int col_parse_list(const char *s, int *out, size_t max, size_t *n, char *bad, size_t badlen)
{
	size_t k = 0;
	const char *p = s;

	while (*p) {
		size_t l = strcspn(p, ", \t");
		char key[64];
		int c;
		if (l == 0) {
			p++;
			continue;
		}
		snprintf(key, sizeof(key), "%.*s", (int)(l < 63 ? l : 63), p);
		c = col_by_key(key);
		if (c < 0 || k >= max) {
			snprintf(bad, badlen, "%s", key);
			return -EINVAL;
		}
		for (size_t i = 0; i < k; i++)
			if (out[i] == c)
				c = -1;
		if (c >= 0)
			out[k++] = c;
		p += l;
	}
	if (k == 0) {
		snprintf(bad, badlen, "(empty list)");
		return -EINVAL;
	}
	*n = k;
	return 0;
}
