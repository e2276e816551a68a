/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ~/.config/vsmon/vstoprc ($XDG_CONFIG_HOME): column choice and order, sort, units. */
#ifndef VSTOP_RC_H
#define VSTOP_RC_H

#include <stdbool.h>
#include <stddef.h>

#include "columns.h"

struct vstop_rc {
	int cols[VSTOP_MAX_COLS];
	size_t ncols;
	int sort_col;
	bool reverse;
	bool human;
};

void rc_defaults(struct vstop_rc *rc);
/* The file's path (malloc'ed) or NULL when there is no home. With secure, the
 * environment is not trusted: the home comes from the password database. */
char *rc_path(bool secure);
/* Loads path into rc. A missing file is not an error (0, rc unchanged). On a bad
 * line returns -EINVAL and writes "FILE:LINE: what was expected" to msg; the
 * line's text is quoted only when quote is true (never for a privileged binary). */
int rc_load(const char *path, struct vstop_rc *rc, bool quote, char *msg, size_t msglen);
/* Atomically: a temporary file in the same folder, then rename. */
int rc_save(const char *path, const struct vstop_rc *rc);

#endif
