// SPDX-License-Identifier: GPL-2.0-or-later
/* The scanner handle and the memcg inode list of a context. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pagescan-int.h"

int vs_pagescan_new(const char *proc_root, struct vs_pagescan **out)
{
	struct vs_pagescan *ps = calloc(1, sizeof(*ps));
	int r;

	if (!ps)
		return -ENOMEM;
	ps->proc_fd = -1;
	ps->proc_root = strdup(proc_root ? proc_root : "/proc");
	if (!ps->proc_root) {
		r = -ENOMEM;
		goto fail;
	}
	ps->proc_fd = open(ps->proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (ps->proc_fd < 0) {
		r = -errno;
		goto fail;
	}
	*out = ps;
	return 0;
fail:
	vs_pagescan_free(ps);
	return r;
}

struct vs_pagescan *vs_pagescan_free(struct vs_pagescan *ps)
{
	if (!ps)
		return NULL;
	if (ps->proc_fd >= 0)
		close(ps->proc_fd);
	vs_pagescan_fill_free(ps->fill);
	pagescan_rollup_cache_free(&ps->rollup_cache);
	free(ps->proc_root);
	free(ps);
	return NULL;
}

void vs_pagescan_force_maps_walk(struct vs_pagescan *ps, bool on)
{
	ps->force_maps = on;
}

void vs_pagescan_force_every_page(struct vs_pagescan *ps, bool on)
{
	ps->force_every_page = on;
}

struct memcg_list {
	uint64_t *v;
	size_t n, cap;
};

static int memcg_push(struct memcg_list *l, uint64_t ino)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		uint64_t *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = ino;
	return 0;
}

/* Depth-first over child directories; cgroup trees are shallow (depth bounded by
 * cgroup.max.depth), so recursion is fine. */
static int memcg_walk(int dfd, struct memcg_list *l)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (fstat(dfd, &st) < 0) {
		r = -errno;
		close(dfd);
		return r;
	}
	r = memcg_push(l, (uint64_t)st.st_ino);
	if (r < 0) {
		close(dfd);
		return r;
	}
	d = fdopendir(dfd);
	if (!d) {
		r = -errno;
		close(dfd);
		return r;
	}
	while ((de = readdir(d))) {
		int cfd;
		if (de->d_type != DT_DIR || strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		cfd = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (cfd < 0)
			continue; /* removed meanwhile */
		r = memcg_walk(cfd, l);
		if (r < 0)
			break;
	}
	closedir(d);
	return r;
}

int vs_pagescan_memcg_inos(const char *cgdir, uint64_t **inos, size_t *n)
{
	struct memcg_list l = {0};
	int dfd = open(cgdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r;

	if (dfd < 0)
		return -errno;
	r = memcg_walk(dfd, &l);
	if (r < 0) {
		free(l.v);
		return r;
	}
	*inos = l.v;
	*n = l.n;
	return 0;
}
