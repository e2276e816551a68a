// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-context reader: opens a context's cgroup files once and re-reads them with
 * pread each sweep (platform.md: 20 us for 6 files vs 70-87 us reopening them). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vsmon/snapshot.h>
#include "cgroup/backend.h"
#include "util/fileio.h"
#include "util/parse.h"

#define CGCTX_BUF_MIN 16384
#define CGCTX_BUF_MAX (16u << 20) /* cgroup.procs of a huge guest; beyond that we give up */

void cg_buf_free(struct cg_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->cap = 0;
}

static enum vs_hier cgctx_procs_hier(char *const paths[VS_H__COUNT])
{
	static const enum vs_hier order[] = {VS_H_PIDS, VS_H_MEMORY, VS_H_CPU, VS_H_CPUACCT};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (paths[order[i]])
			return order[i];
	return VS_H__COUNT;
}

int vs_cgctx_open(const char *cgroup_root, enum vs_cgroup_mode mode, char *const paths[VS_H__COUNT],
		  struct vs_cgctx **out)
{
	struct vs_cgctx *c = calloc(1, sizeof(*c));
	int dirfd[VS_H__COUNT];
	int r = -ENOENT, ndirs = 0, keep_below = vs_fd_keep_below(VS_FD_RESERVE);

	if (!c)
		return -ENOMEM;
	c->mode = mode;
	c->procs_dirfd = -1;
	for (int i = 0; i < CGF__COUNT; i++)
		c->fd[i] = -1;
	for (int h = 0; h < VS_H__COUNT; h++) {
		char *hdir, *dir;
		dirfd[h] = -1;
		if (!paths[h])
			continue;
		hdir = vs_cgroup_hier_dir(cgroup_root, mode, (enum vs_hier)h);
		dir = hdir ? vs_path_join(hdir, paths[h]) : NULL;
		if (dir)
			dirfd[h] = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (dirfd[h] >= 0)
			ndirs++;
		free(hdir);
		free(dir);
	}
	if (ndirs == 0)
		goto out;
	for (int f = 0; f < CGF__COUNT; f++) {
		const struct cg_file_def *d = &cg_files[f];
		enum vs_hier h;
		if (mode == VS_CG_V2) {
			if (!d->v2)
				continue;
			h = VS_H_UNIFIED;
		} else if (f == CGF_PROCS && paths[VS_H_UNIFIED] && dirfd[VS_H_UNIFIED] >= 0) {
			/* Hybrid: the unified hierarchy's list has no pid-list cache, so
			 * it is kept open like every other file (guest control puts a
			 * guest's processes in the same cgroup in every hierarchy). */
			h = VS_H_UNIFIED;
		} else if (f == CGF_PROCS) {
			h = cgctx_procs_hier(paths);
		} else {
			h = d->v1_hier;
		}
		if (h >= VS_H__COUNT || dirfd[h] < 0)
			continue;
		/* A file that does not exist (controller not enabled, older kernel) stays
		 * closed and its fields unknown. */
		c->fd[f] = openat(dirfd[h], d->name, O_RDONLY | O_CLOEXEC);
		if (c->fd[f] >= keep_below) {
			close(c->fd[f]);
			c->fd[f] = -1;
			errno = EMFILE;
		}
		/* v1 cgroup.procs: an open file keeps serving the pid list it loaded
		 * first for as long as it is re-read within a second (the kernel's
		 * pidlist cache, cgroup-v1.c), so it must be reopened every sweep. */
		bool v1_procs =
		    f == CGF_PROCS && mode != VS_CG_V2 && h != VS_H_UNIFIED && c->fd[f] >= 0;
		if (v1_procs) {
			close(c->fd[f]);
			c->fd[f] = -1;
			c->procs_dirfd = fcntl(dirfd[h], F_DUPFD_CLOEXEC, 0);
			if (c->procs_dirfd >= 0 && c->procs_dirfd < keep_below)
				continue;
			if (c->procs_dirfd >= 0)
				close(c->procs_dirfd);
			c->procs_dirfd = -1;
			errno = EMFILE;
			/* past RLIMIT_NOFILE: fall back to the whole path below */
		}
		if (c->fd[f] < 0 && (errno == EMFILE || errno == ENFILE)) {
			/* Past RLIMIT_NOFILE: slower, but every figure is still read. */
			char *hdir = vs_cgroup_hier_dir(cgroup_root, mode, h);
			char *dir = hdir ? vs_path_join(hdir, paths[h]) : NULL;
			c->path[f] = dir ? vs_path_join(dir, d->name) : NULL;
			free(hdir);
			free(dir);
		}
	}
	/* One file gives both user and system time: one descriptor and one read less per
	 * context, which keeps 1000 contexts under a 20000-descriptor limit. */
	if (c->fd[CGF_CPUACCT_ALL] >= 0) {
		for (int f = CGF_CPUACCT_USER; f <= CGF_CPUACCT_SYS; f++) {
			if (c->fd[f] >= 0)
				close(c->fd[f]);
			c->fd[f] = -1;
			free(c->path[f]);
			c->path[f] = NULL;
		}
	}
	*out = c;
	c = NULL;
	r = 0;
out:
	for (int h = 0; h < VS_H__COUNT; h++)
		if (dirfd[h] >= 0)
			close(dirfd[h]);
	free(c);
	return r;
}

void vs_cgctx_close(struct vs_cgctx *c)
{
	if (!c)
		return;
	for (int f = 0; f < CGF__COUNT; f++) {
		if (c->fd[f] >= 0)
			close(c->fd[f]);
		free(c->path[f]);
	}
	if (c->procs_dirfd >= 0)
		close(c->procs_dirfd);
	free(c);
}

int vs_cgctx_fd_count(const struct vs_cgctx *c)
{
	int n = 0;
	for (int f = 0; f < CGF__COUNT; f++)
		n += c->fd[f] >= 0 || c->path[f] || (f == CGF_PROCS && c->procs_dirfd >= 0);
	return n;
}

static ssize_t cgctx_pread(int fd, struct cg_buf *b)
{
	for (;;) {
		ssize_t n;
		if (b->cap == 0) {
			b->data = malloc(CGCTX_BUF_MIN);
			if (!b->data)
				return -ENOMEM;
			b->cap = CGCTX_BUF_MIN;
		}
		n = vs_pread_all(fd, b->data, b->cap);
		if (n != -EFBIG)
			return n;
		if (b->cap >= CGCTX_BUF_MAX)
			return -EFBIG;
		char *nb = realloc(b->data, b->cap * 2);
		if (!nb)
			return -ENOMEM;
		b->data = nb;
		b->cap *= 2;
	}
}

static int cgctx_cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

struct cgctx_pidvec {
	int *v;
	size_t n, cap;
	int err;
};

static void cgctx_add_pid(int pid, void *data)
{
	struct cgctx_pidvec *pv = data;
	if (pv->err)
		return;
	if (pv->n == pv->cap) {
		size_t cap = pv->cap ? pv->cap * 2 : 16;
		int *nv = realloc(pv->v, cap * sizeof(int));
		if (!nv) {
			pv->err = -ENOMEM;
			return;
		}
		pv->v = nv;
		pv->cap = cap;
	}
	pv->v[pv->n++] = pid;
}

static unsigned cgctx_warning_for(int err)
{
	if (err == -ENODEV || err == -ENOENT || err == -ESRCH)
		return VS_W_VANISHED;
	if (err == -EACCES || err == -EPERM)
		return VS_W_PERMISSION;
	return VS_W_READ_ERROR;
}

/* The groups that need a context's process list. */
#define CGCTX_PID_GROUPS                                                                           \
	((1u << VS_G_TASKS) | (1u << VS_G_IOTASK) | (1u << VS_G_SMAPS) | (1u << VS_G_DEEP))

int vs_cgctx_read(struct vs_cgctx *c, unsigned groups, struct cg_buf *buf, struct vs_metrics *m,
		  int **pids, size_t *npids)
{
	struct cg_scratch s = {0};
	struct cgctx_pidvec pv = {0};
	unsigned bad_groups = 0;
	int r = 0;

	c->warnings = 0;
	for (int f = 0; f < CGF__COUNT; f++) {
		ssize_t n;
		if (!(groups & (f == CGF_PROCS ? CGCTX_PID_GROUPS : 1u << cg_files[f].group)))
			continue;
		if (c->fd[f] >= 0) {
			n = cgctx_pread(c->fd[f], buf);
		} else if (c->path[f] || (f == CGF_PROCS && c->procs_dirfd >= 0)) {
			int fd = c->path[f] ? open(c->path[f], O_RDONLY | O_CLOEXEC)
					    : openat(c->procs_dirfd, cg_files[f].name,
						     O_RDONLY | O_CLOEXEC);
			n = fd < 0 ? -errno : cgctx_pread(fd, buf);
			if (fd >= 0)
				close(fd);
		} else {
			continue;
		}
		if (n < 0) {
			if (n == -ENOMEM) {
				r = -ENOMEM;
				goto out;
			}
			bad_groups |= 1u << cg_files[f].group;
			c->warnings |= cgctx_warning_for((int)n);
			continue;
		}
		if (f == CGF_PROCS) {
			long k = vs_parse_pid_list(buf->data, cgctx_add_pid, &pv);
			if (pv.err) {
				r = pv.err;
				goto out;
			}
			if (k < 0) {
				bad_groups |= 1u << VS_G_TASKS;
				c->warnings |= VS_W_READ_ERROR;
				continue;
			}
			vs_metrics_set_u64(m, VS_F_TASKS, (uint64_t)k);
			continue;
		}
		int pr = c->mode == VS_CG_V2 ? cg_v2_apply((enum cg_file)f, buf->data, m, &s)
					     : cg_v1_apply((enum cg_file)f, buf->data, m, &s);
		if (pr < 0) {
			bad_groups |= 1u << cg_files[f].group;
			c->warnings |= VS_W_READ_ERROR;
		}
	}
	if (c->mode != VS_CG_V2)
		cg_v1_finish(m, &s);
	for (int g = 0; g < VS_G__COUNT; g++)
		if (bad_groups & (1u << g))
			vs_metrics_clear_group(m, (enum vs_group)g);
	if (bad_groups & (1u << VS_G_TASKS)) {
		pv.n = 0;
	}
	if (pv.n > 1) {
		size_t k = 1;
		qsort(pv.v, pv.n, sizeof(int), cgctx_cmp_int);
		/* v1 cgroup.procs may list a pid twice (its documentation says so). */
		for (size_t i = 1; i < pv.n; i++)
			if (pv.v[i] != pv.v[k - 1])
				pv.v[k++] = pv.v[i];
		if (k != pv.n && vs_metrics_has(m, VS_F_TASKS))
			vs_metrics_set_u64(m, VS_F_TASKS, k);
		pv.n = k;
	}
	*pids = pv.v;
	*npids = pv.n;
	pv.v = NULL;
out:
	free(pv.v);
	return r;
}
