// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/fileio.h"
#include "util/ini.h"

void vs_ini_fail(struct vs_ini *p, const char *fmt, ...)
{
	char tail[256];
	va_list ap;

	if (p->err)
		return;
	p->err = -EINVAL;
	va_start(ap, fmt);
	vsnprintf(tail, sizeof(tail), fmt, ap);
	va_end(ap);
	p->errmsg = vs_asprintf("%s:%u: %s", p->file, p->line, tail);
	if (!p->errmsg)
		p->err = -ENOMEM;
}

static char *ini_line_reader(char *str, int num, void *stream)
{
	struct vs_ini *p = stream;
	const char *nl;
	size_t n;

	if (!*p->text)
		return NULL;
	nl = strchr(p->text, '\n');
	n = nl ? (size_t)(nl - p->text) + 1 : strlen(p->text);
	p->line++;
	if (n >= (size_t)num) {
		vs_ini_fail(p, "line too long (more than %d characters)", num - 2);
		/* Hand over a comment instead, so the rest is not parsed as a new line. */
		memcpy(str, "#\n", 3);
		p->text += n;
		return str;
	}
	memcpy(str, p->text, n);
	str[n] = '\0';
	p->text += n;
	return str;
}

int vs_ini_parse(struct vs_ini *p, const char *file, const char *text, ini_handler handler,
		 void *user)
{
	int r;

	p->file = file;
	p->text = text;
	p->line = 0;
	r = ini_parse_stream(ini_line_reader, p, handler, user);
	if (!p->err && r != 0) {
		/* A syntax error libinih found itself: no '=', an unterminated section. */
		if (r > 0)
			p->line = (unsigned)r;
		vs_ini_fail(p, "expected 'key = value', a comment or a blank line");
	}
	return p->err;
}
