// SPDX-License-Identifier: GPL-2.0-or-later
/* A context's processes, read on demand for drill-down views (not part of the sweep). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sampler/sampler-internal.h"
#include "util/fileio.h"
#include "util/parse.h"
#include "util/privilege-internal.h"

static int procs_read_one(int proc_dirfd, int pid, long ticks, long page, struct vs_proc *p)
{
	char path[64], *text = NULL;
	struct vs_pid_stat st;
	int r;

	snprintf(path, sizeof(path), "%d/stat", pid);
	r = vs_read_file(proc_dirfd, path, 4096, &text, NULL);
	if (r < 0)
		return r;
	r = vs_parse_pid_stat(text, &st);
	free(text);
	if (r < 0)
		return r;
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->ppid = st.ppid;
	p->state = st.state;
	memcpy(p->comm, st.comm, sizeof(p->comm));
	p->cpu_usec = (st.utime + st.stime) * (uint64_t)(1000000 / ticks);
	p->start_ticks = st.starttime;
	p->rss_bytes = st.rss_pages * (uint64_t)page;
	p->threads = (uint32_t)st.num_threads;
	p->pss_bytes = UINT64_MAX;
	p->uid = (uid_t)-1;

	snprintf(path, sizeof(path), "%d/status", pid);
	if (vs_read_file(proc_dirfd, path, 65536, &text, NULL) == 0) {
		const char *u = strstr(text, "\nUid:");
		if (u)
			p->uid = (uid_t)strtoul(u + 5, NULL, 10);
		free(text);
	}
	snprintf(path, sizeof(path), "%d/smaps_rollup", pid); /* 4.14 */
	if (vs_read_file(proc_dirfd, path, 65536, &text, NULL) == 0) {
		static const char *const keys[] = {"Pss", NULL};
		uint64_t v, found;
		if (vs_parse_keyed(text, keys, &v, &found) == 0 && found)
			p->pss_bytes = v;
		free(text);
	}
	snprintf(path, sizeof(path), "%d/cmdline", pid);
	size_t len = 0;
	if (vs_read_file(proc_dirfd, path, 8192, &text, &len) == 0) {
		for (size_t i = 0; i + 1 < len; i++)
			if (text[i] == '\0')
				text[i] = ' ';
		if (len)
			p->cmdline = text;
		else
			free(text);
	}
	return 0;
}

static int procs_cmp(const void *a, const void *b)
{
	const struct vs_proc *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static bool procs_in_guest(struct vs_sampler *s, int pid)
{
	for (size_t i = 0; i < s->reg.n; i++) {
		struct smp_ctx *c = s->reg.v[i];
		if (c->pids && bsearch(&pid, c->pids, c->npids, sizeof(int), procs_cmp) != NULL)
			return true;
	}
	return false;
}

int vs_sampler_procs(struct vs_sampler *s, uint32_t xid, struct vs_proc **out, size_t *n)
{
	long ticks = sysconf(_SC_CLK_TCK), page = sysconf(_SC_PAGESIZE);
	struct vs_proc *v = NULL;
	int *pids = NULL;
	size_t np = 0, k = 0;
	int r = 0;

	if (ticks <= 0)
		ticks = 100;
	if (xid != 0) {
		struct smp_ctx *c = NULL;
		for (size_t i = 0; i < s->reg.n; i++)
			if (s->reg.v[i]->xid == xid)
				c = s->reg.v[i];
		if (!c)
			return -ENOENT;
		np = c->npids;
		pids = np ? malloc(np * sizeof(int)) : NULL;
		if (np && !pids)
			return -ENOMEM;
		if (np)
			memcpy(pids, c->pids, np * sizeof(int));
	} else {
		int fd = openat(s->proc_dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
		struct dirent *e;
		size_t cap = 0;
		if (!d) {
			if (fd >= 0)
				close(fd);
			return -errno;
		}
		while ((e = readdir(d))) {
			if (!isdigit((unsigned char)e->d_name[0]))
				continue;
			int pid = atoi(e->d_name);
			if (procs_in_guest(s, pid))
				continue;
			if (np == cap) {
				cap = cap ? cap * 2 : 256;
				int *nv = realloc(pids, cap * sizeof(int));
				if (!nv) {
					closedir(d);
					r = -ENOMEM;
					goto out;
				}
				pids = nv;
			}
			pids[np++] = pid;
		}
		closedir(d);
	}
	v = np ? calloc(np, sizeof(*v)) : NULL;
	if (np && !v) {
		r = -ENOMEM;
		goto out;
	}
	struct vs_priv_saved ps;
	vs_priv_raise(VS_PRIV_PROC_READ, &ps); /* other users' smaps_rollup and cmdline */
	for (size_t i = 0; i < np; i++)
		if (procs_read_one(s->proc_dirfd, pids[i], ticks, page, &v[k]) == 0)
			k++;
	vs_priv_restore(&ps);
	if (k > 1)
		qsort(v, k, sizeof(*v), procs_cmp);
	*out = v;
	*n = k;
	v = NULL;
out:
	free(pids);
	free(v);
	return r;
}

void vs_procs_free(struct vs_proc *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].cmdline);
	free(p);
}
