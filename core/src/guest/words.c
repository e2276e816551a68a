// SPDX-License-Identifier: GPL-2.0-or-later
/* Argument vectors from a config value: words split on blanks, "double" and
 * 'single' quotes group, backslash escapes the next character. No expansion. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "guest/guest-internal.h"

void vs_guest_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

char **vs_guest_strv_dup(char *const *v)
{
	size_t n = 0;
	char **d;

	while (v[n])
		n++;
	d = calloc(n + 1, sizeof(*d));
	if (!d)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(d[i] = strdup(v[i]))) {
			vs_guest_strv_free(d);
			return NULL;
		}
	return d;
}

int vs_guest_split_words(const char *s, char ***out)
{
	size_t len = strlen(s), n = 0;
	char **v = calloc(len / 2 + 2, sizeof(*v));
	char *buf = malloc(len + 1);
	int r = -EINVAL;

	if (!v || !buf) {
		r = -ENOMEM;
		goto fail;
	}
	for (;;) {
		size_t k = 0;
		char quote = 0;
		bool word = false;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		for (; *s; s++) {
			if (quote) {
				if (*s == quote)
					quote = 0;
				else if (*s == '\\' && quote == '"' &&
					 (s[1] == '"' || s[1] == '\\'))
					buf[k++] = *++s;
				else
					buf[k++] = *s;
			} else if (*s == '"' || *s == '\'') {
				quote = *s;
				word = true;
			} else if (*s == '\\') {
				if (!s[1])
					goto fail;
				buf[k++] = *++s;
			} else if (*s == ' ' || *s == '\t') {
				break;
			} else {
				buf[k++] = *s;
			}
			word = true;
		}
		if (quote)
			goto fail; /* unterminated quote */
		if (!word)
			break;
		buf[k] = '\0';
		v[n] = strdup(buf);
		if (!v[n++]) {
			r = -ENOMEM;
			goto fail;
		}
	}
	if (n == 0)
		goto fail;
	free(buf);
	*out = v;
	return 0;
fail:
	free(buf);
	vs_guest_strv_free(v);
	return r;
}
