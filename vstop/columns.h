/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vstop's columns: every context field of the field table, plus a few that are
 * not metrics (XID, NAME, STATE) or are derived from two fields (MEM%, IO/s).
 * A column id below VS_F__COUNT is the field id itself. */
#ifndef VSTOP_COLUMNS_H
#define VSTOP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <vsmon/vsmon.h>

enum {
	COL_XID = VS_F__COUNT,
	COL_NAME,
	COL_STATE,
	COL_MEM_PCT, /* mem_current_bytes / mem_limit_bytes */
	COL_IO_RATE, /* read + write bytes per second */
	COL__END,
};
#define VSTOP_MAX_COLS COL__END

bool col_exists(int c); /* a column a context can show */
const char *col_key(int c);
const char *col_title(int c);
const char *col_desc(int c);
const char *col_unit(int c);
int col_width(int c);
bool col_is_text(int c);
bool col_summable(int c);	 /* has a meaningful total */
int col_by_key(const char *key); /* -1 if unknown */
/* The value as a number; false when unknown or not a number. */
bool col_value(int c, const struct vs_context *x, double *out);
void col_format(char *buf, size_t len, int c, const struct vs_context *x, bool human);
void col_format_number(char *buf, size_t len, int c, double v, bool human);
/* The default columns: the field table's VS_FF_DEFAULT fields, in the order. */
size_t col_defaults(int *out, size_t max);
/* Parse "xid,name,cpu_pct": 0, or -EINVAL with *bad pointing at the unknown key. */
int col_parse_list(const char *s, int *out, size_t max, size_t *n, char *bad, size_t badlen);

#endif
