/* SPDX-License-Identifier: GPL-2.0-or-later */
/* INI files over libinih with errors that name the file and the line. Debian's
 * libinih does not pass line numbers to the handler, so the text is handed to it one
 * line at a time by a reader that counts them. */
#ifndef VS_UTIL_INI_H
#define VS_UTIL_INI_H

#include <ini.h>

struct vs_ini {
	const char *file; /* name for messages */
	const char *text; /* reader position */
	unsigned line;	  /* the line being parsed */
	char *errmsg;	  /* the first error, "FILE:LINE: what was expected" */
	int err;	  /* 0, or the first error's -errno */
};

/* Record the first error at the current line (later ones are dropped). */
void vs_ini_fail(struct vs_ini *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse text, calling handler(user, ...) per key; the handler may read p->line and
 * call vs_ini_fail. Lines longer than libinih's limit and lines that are not
 * "key = value", comments or blank are errors. Returns p->err. */
int vs_ini_parse(struct vs_ini *p, const char *file, const char *text, ini_handler handler,
		 void *user);

#endif
