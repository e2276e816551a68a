/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scanner handle, shared by the files of the pagescan module only. */
#ifndef VS_PAGESCAN_INT_H
#define VS_PAGESCAN_INT_H

#include <errno.h>

#include "pagescan.h"

enum pagescan_walk {
	PAGESCAN_WALK_UNKNOWN, /* not probed yet */
	PAGESCAN_WALK_IOCTL,   /* PAGEMAP_SCAN (Linux 6.7) lists present ranges */
	PAGESCAN_WALK_MAPS,    /* /proc/PID/maps ranges, pagemap read in chunks */
};

/* The cheap tier's per-process cache (rollup-cache.c), sorted by pid. */
#define PAGESCAN_STAT_KEY 6
struct pagescan_rollup_ent {
	pid_t pid;
	int rollup_fd, stat_fd; /* kept open; -1: none */
	unsigned stamp;		/* the sweep that last asked for it */
	bool have;		/* r, result and key are from a read filed under key */
	int result;		/* 0, or -ENODATA for a process without memory */
	uint64_t key[PAGESCAN_STAT_KEY];
	double read_mono; /* when r was read */
	struct vs_rollup r;
};

struct pagescan_rollup_cache {
	struct pagescan_rollup_ent *v;
	size_t n, cap;
	unsigned stamp;
	int keep_below; /* keep descriptors numbered below this; 0: not computed yet */
	bool keep_fds;
	double now_mono, max_age_sec;
};

/* pid's rollup: 0, -ENODATA (no memory of its own), -EINVAL (malformed) or -errno.
 * Reused from the last read when the process shows no memory activity and that read
 * is younger than max_age_sec (0: always read). */
int pagescan_rollup_get(struct pagescan_rollup_cache *c, int proc_fd, pid_t pid, char *buf,
			size_t cap, struct vs_rollup *out);
/* A sweep begins: forget the processes the previous sweep did not ask for; without
 * keep_fds, close every kept descriptor and keep none this sweep. */
void pagescan_rollup_cache_sweep(struct pagescan_rollup_cache *c, double now_mono,
				 double max_age_sec, bool keep_fds);
void pagescan_rollup_cache_free(struct pagescan_rollup_cache *c);

struct vs_pagescan {
	int proc_fd;
	char *proc_root;
	enum pagescan_walk walk;
	bool force_maps;
	bool force_every_page;
	uint64_t user_end; /* end of the user address space, for PAGEMAP_SCAN */
	void *fill;	   /* the sampler glue's state (fill.c) */
	struct pagescan_rollup_cache rollup_cache;
	char rollup_buf[8192];
};

/* Read a small /proc file relative to proc_fd into buf (NUL-terminated). Returns
 * bytes, or -errno; a file longer than the buffer is -EFBIG. */
ssize_t vs_pagescan_read_small(int proc_fd, const char *path, char *buf, size_t cap);

/* Whether an errno means "the process is gone". */
static inline bool vs_pagescan_gone(int err)
{
	return err == -ENOENT || err == -ESRCH;
}

void vs_pagescan_fill_free(void *fill);

#endif
