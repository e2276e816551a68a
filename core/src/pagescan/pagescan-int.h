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

struct vs_pagescan {
	int proc_fd;
	char *proc_root;
	enum pagescan_walk walk;
	bool force_maps;
	uint64_t user_end; /* end of the user address space, for PAGEMAP_SCAN */
	void *fill;	   /* the sampler glue's state (fill.c) */
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
