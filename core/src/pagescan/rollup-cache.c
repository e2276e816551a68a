// SPDX-License-Identifier: GPL-2.0-or-later
/* The cheap tier's per-process cache, by pid: kept-open smaps_rollup and stat
 * descriptors and the last rollup read.
 *
 * A rollup walks every page table entry of the process (25-50 us for a small one
 * here); /proc/PID/stat costs 2-4 us. A process whose fault counts, CPU time, size
 * and Rss did not move has not changed its own mappings, so its last rollup is used
 * again, up to max_age seconds old: its Pss can still move when other processes map
 * or unmap the pages it shares, and max_age bounds that staleness. A kept descriptor
 * is one pread per sweep where a fresh one is open, read, read at EOF and close. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pagescan-int.h"
#include "util/fileio.h"
#include "util/parse.h"

/* The index of pid, or where it would go (v is sorted by pid). */
static size_t rcache_find(const struct pagescan_rollup_cache *c, pid_t pid)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->v[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void rcache_close(struct pagescan_rollup_ent *e)
{
	if (e->rollup_fd >= 0)
		close(e->rollup_fd);
	if (e->stat_fd >= 0)
		close(e->stat_fd);
	e->rollup_fd = e->stat_fd = -1;
}

static struct pagescan_rollup_ent *rcache_insert(struct pagescan_rollup_cache *c, size_t i,
						 pid_t pid)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct pagescan_rollup_ent *nv = realloc(c->v, cap * sizeof(*nv));
		if (!nv)
			return NULL;
		c->v = nv;
		c->cap = cap;
	}
	memmove(&c->v[i + 1], &c->v[i], (c->n - i) * sizeof(c->v[0]));
	c->v[i] = (struct pagescan_rollup_ent){.pid = pid, .rollup_fd = -1, .stat_fd = -1};
	c->n++;
	return &c->v[i];
}

/* Read pid's file name through *kept, opening one when there is none or the kept one
 * fails (a process that exec'd or exited, a reused pid). A fresh descriptor is kept
 * while under the budget. Returns bytes or -errno. */
static ssize_t rcache_read(struct pagescan_rollup_cache *c, int proc_fd, pid_t pid,
			   const char *name, int *kept, char *buf, size_t cap)
{
	char path[40];
	ssize_t n;
	int fd;

	if (*kept >= 0) {
		n = vs_pread_all(*kept, buf, cap);
		if (n >= 0)
			return n;
		close(*kept);
		*kept = -1;
	}
	snprintf(path, sizeof(path), "%d/%s", (int)pid, name);
	fd = openat(proc_fd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = vs_pread_all(fd, buf, cap);
	if (c->keep_below == 0)
		/* More than the sweep's VS_FD_RESERVE: guests that start later still
		 * get their cgroup files kept open. */
		c->keep_below = vs_fd_keep_below(1024);
	if (n >= 0 && c->keep_fds && fd < c->keep_below)
		*kept = fd;
	else
		close(fd);
	return n;
}

/* What /proc/PID/stat says about the process's own memory activity. */
static bool rcache_stat_key(const char *text, uint64_t key[PAGESCAN_STAT_KEY])
{
	struct vs_pid_stat st;
	if (vs_parse_pid_stat(text, &st) < 0)
		return false;
	key[0] = st.minflt;
	key[1] = st.majflt;
	key[2] = st.utime + st.stime;
	key[3] = st.vsize_bytes;
	key[4] = st.rss_pages;
	key[5] = st.starttime;
	return true;
}

int pagescan_rollup_get(struct pagescan_rollup_cache *c, int proc_fd, pid_t pid, char *buf,
			size_t cap, struct vs_rollup *out)
{
	size_t i = rcache_find(c, pid);
	struct pagescan_rollup_ent *e = i < c->n && c->v[i].pid == pid ? &c->v[i] : NULL;
	uint64_t key[PAGESCAN_STAT_KEY] = {0};
	bool have_key = false;
	ssize_t n;
	int r;

	if (!e) {
		e = rcache_insert(c, i, pid);
		if (!e)
			return -ENOMEM;
	}
	e->stamp = c->stamp;
	if (c->max_age_sec > 0) {
		n = rcache_read(c, proc_fd, pid, "stat", &e->stat_fd, buf, cap);
		have_key = n > 0 && rcache_stat_key(buf, key);
	}
	if (have_key && e->have && memcmp(key, e->key, sizeof(key)) == 0 &&
	    c->now_mono - e->read_mono < c->max_age_sec) {
		*out = e->r;
		return e->result;
	}
	n = rcache_read(c, proc_fd, pid, "smaps_rollup", &e->rollup_fd, buf, cap);
	if (n < 0) {
		e->have = false;
		return (int)n;
	}
	r = vs_rollup_parse(buf, out);
	if (r < 0 && r != -ENODATA) {
		e->have = false;
		return r;
	}
	/* Only a rollup read after the key it is filed under can be used again. */
	e->have = have_key;
	memcpy(e->key, key, sizeof(key));
	e->read_mono = c->now_mono;
	e->result = r;
	e->r = r == 0 ? *out : (struct vs_rollup){0};
	return r;
}

void pagescan_rollup_cache_sweep(struct pagescan_rollup_cache *c, double now_mono,
				 double max_age_sec, bool keep_fds)
{
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].stamp != c->stamp) {
			rcache_close(&c->v[i]);
			continue;
		}
		if (!keep_fds) /* the figures stay; the descriptors go back */
			rcache_close(&c->v[i]);
		c->v[k++] = c->v[i];
	}
	c->keep_fds = keep_fds;
	c->n = k;
	c->stamp++;
	c->now_mono = now_mono;
	c->max_age_sec = max_age_sec;
}

void pagescan_rollup_cache_free(struct pagescan_rollup_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		rcache_close(&c->v[i]);
	free(c->v);
	*c = (struct pagescan_rollup_cache){0};
}
