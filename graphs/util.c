// SPDX-License-Identifier: GPL-2.0-or-later
/* Small helpers of vsgraph: messages, argument vectors, atomic files, percentiles. */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vsgraph.h"

int vsg_verbosity = VS_LOG_NOTICE;

void vsg_log(enum vs_log_level level, const char *fmt, ...)
{
	static const char *const names[] = {[VS_LOG_ERR] = "error",
					    [VS_LOG_WARNING] = "warning",
					    [VS_LOG_NOTICE] = "notice",
					    [VS_LOG_INFO] = "info",
					    [VS_LOG_DEBUG] = "debug"};
	char buf[2048];
	va_list ap;

	if ((int)level > vsg_verbosity)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "vsgraph: %s: %s\n", names[level] ? names[level] : "log", buf);
}

char *vsg_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

int vsg_strv_add(struct vsg_strv *s, const char *fmt, ...)
{
	va_list ap;
	char *str = NULL;

	if (s->n + 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		char **v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	va_start(ap, fmt);
	if (vasprintf(&str, fmt, ap) < 0)
		str = NULL;
	va_end(ap);
	if (!str)
		return -ENOMEM;
	s->v[s->n++] = str;
	s->v[s->n] = NULL;
	return 0;
}

void vsg_strv_free(struct vsg_strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

int vsg_mkdir_p(const char *path)
{
	char *p = strdup(path);
	int r = 0;

	if (!p)
		return -ENOMEM;
	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			r = -errno;
			goto out;
		}
		*q = '/';
	}
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		r = -errno;
out:
	free(p);
	return r;
}

int vsg_write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = vsg_asprintf("%s.tmp.%d", path, (int)getpid());
	int fd, r = 0;

	if (!tmp)
		return -ENOMEM;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		r = -errno;
		goto out;
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			r = -errno;
			break;
		}
		off += (size_t)w;
	}
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
out:
	free(tmp);
	return r;
}

bool vsg_file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static int util_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y ? 1 : 0;
}

double vsg_percentile(double *v, size_t n, double pct)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	if (k == 0)
		return NAN;
	qsort(v, k, sizeof(*v), util_cmp_double);
	/* rrdtool's PERCENTNAN rule: the value at round(pct * (k - 1) / 100). */
	return v[(size_t)lround(pct * (double)(k - 1) / 100.0)];
}

static int util_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int vsg_list_dirs(const char *dir, char ***list, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct vsg_strv v = {0};

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, 0) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (vsg_strv_add(&v, "%s", de->d_name) < 0) {
			closedir(d);
			vsg_strv_free(&v);
			return -ENOMEM;
		}
	}
	closedir(d);
	if (v.n)
		qsort(v.v, v.n, sizeof(char *), util_cmp_str);
	*list = v.v;
	*n = v.n;
	return 0;
}
