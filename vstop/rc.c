// SPDX-License-Identifier: GPL-2.0-or-later
/* vstoprc: INI syntax (libinih), keys columns, sort, reverse, human. */
#include <errno.h>
#include <ini.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rc.h"

void rc_defaults(struct vstop_rc *rc)
{
	memset(rc, 0, sizeof(*rc));
	rc->ncols = col_defaults(rc->cols, VSTOP_MAX_COLS);
	rc->sort_col = VS_F_CPU_PCT;
	rc->human = true;
}

char *rc_path(bool secure)
{
	const char *xdg = secure ? NULL : getenv("XDG_CONFIG_HOME");
	const char *home = secure ? NULL : getenv("HOME");
	char *p = NULL;

	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (xdg && *xdg == '/') {
		if (asprintf(&p, "%s/vsmon/vstoprc", xdg) < 0)
			p = NULL;
	} else if (home && *home) {
		if (asprintf(&p, "%s/.config/vsmon/vstoprc", home) < 0)
			p = NULL;
	}
	return p;
}

struct rc_parse {
	struct vstop_rc rc;
	char what[160]; /* what was expected, for the message */
};

static int rc_bool(const char *v, bool *out)
{
	if (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true"))
		*out = true;
	else if (!strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}

static int rc_handler(void *user, const char *section, const char *name, const char *value)
{
	struct rc_parse *p = user;
	char bad[64];

	if (*section) {
		snprintf(p->what, sizeof(p->what), "no [section] expected");
		return 0;
	}
	if (!strcmp(name, "columns")) {
		if (col_parse_list(value, p->rc.cols, VSTOP_MAX_COLS, &p->rc.ncols, bad,
				   sizeof(bad)) < 0) {
			snprintf(p->what, sizeof(p->what),
				 "columns: a comma-separated list of field keys (vstop(1)), "
				 "unknown: %s",
				 bad);
			return 0;
		}
	} else if (!strcmp(name, "sort")) {
		p->rc.sort_col = col_by_key(value);
		if (p->rc.sort_col < 0) {
			snprintf(p->what, sizeof(p->what), "sort: a field key");
			return 0;
		}
	} else if (!strcmp(name, "reverse") || !strcmp(name, "human")) {
		if (rc_bool(value, !strcmp(name, "reverse") ? &p->rc.reverse : &p->rc.human) < 0) {
			snprintf(p->what, sizeof(p->what), "%s: yes or no", name);
			return 0;
		}
	} else {
		snprintf(p->what, sizeof(p->what), "one of the keys columns, sort, reverse, human");
		return 0;
	}
	return 1;
}

int rc_load(const char *path, struct vstop_rc *rc, bool quote, char *msg, size_t msglen)
{
	struct rc_parse p = {.rc = *rc};
	FILE *f = fopen(path, "re");
	int line;

	if (!f)
		return errno == ENOENT ? 0 : -errno;
	line = ini_parse_file(f, rc_handler, &p);
	fclose(f);
	if (line != 0) {
		/* The unknown key names only our own vocabulary unless quoting is allowed. */
		if (!quote && strstr(p.what, "unknown:"))
			*strstr(p.what, ", unknown:") = '\0';
		snprintf(msg, msglen, "%s:%d: expected %s", path, line,
			 p.what[0] ? p.what : "key = value");
		return -EINVAL;
	}
	*rc = p.rc;
	return 0;
}

static int rc_mkdirs(const char *path)
{
	char *d = strdup(path);
	if (!d)
		return -ENOMEM;
	for (char *s = d + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(d, 0700) < 0 && errno != EEXIST) {
			int e = -errno;
			free(d);
			return e;
		}
		*s = '/';
	}
	free(d);
	return 0;
}

int rc_save(const char *path, const struct vstop_rc *rc)
{
	char *tmp = NULL;
	FILE *f = NULL;
	int r;

	r = rc_mkdirs(path);
	if (r < 0)
		goto out;
	if (asprintf(&tmp, "%s.tmp.%ld", path, (long)getpid()) < 0) {
		tmp = NULL;
		r = -ENOMEM;
		goto out;
	}
	f = fopen(tmp, "wxe");
	if (!f) {
		r = -errno;
		goto out;
	}
	fprintf(f, "# vstop settings, written by vstop (c chooses columns)\ncolumns = ");
	for (size_t i = 0; i < rc->ncols; i++)
		fprintf(f, "%s%s", i ? "," : "", col_key(rc->cols[i]));
	fprintf(f, "\nsort = %s\nreverse = %s\nhuman = %s\n", col_key(rc->sort_col),
		rc->reverse ? "yes" : "no", rc->human ? "yes" : "no");
	if (fflush(f) != 0 || fsync(fileno(f)) < 0) {
		r = -errno;
		goto out;
	}
	r = fclose(f) == 0 ? 0 : -errno;
	f = NULL;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
out:
	if (f)
		fclose(f);
	if (r < 0 && tmp)
		unlink(tmp);
	free(tmp);
	return r;
}
