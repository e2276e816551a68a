/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VS_PROCFS_TASKIO_H
#define VS_PROCFS_TASKIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cgroup/backend.h"

/* Per-task write accounting of one context: /proc/PID/io write_bytes counts every
 * write when it is issued (buffered ones included), the only source of "writes
 * issued" on cgroup v1, which cannot charge writeback. Files stay open per pid. */
struct vs_taskio_ent {
	int pid;
	int fd; /* -1: opened again for each read (past the descriptor budget) */
	uint64_t write_bytes;
};

struct vs_taskio {
	struct vs_taskio_ent *v;
	size_t n;
};

/* Bring the table in line with pids (sorted) and read each task's write_bytes.
 * A descriptor numbered keep_below or more is not kept (vs_fd_keep_below): that
 * task's file is opened again for each read.
 * *delta: bytes written since the last call by tasks present both times (a task
 * that exits loses its last interval; a new task starts its baseline).
 * Returns 0, -EACCES when some task's file was not ours to read, or -EIO when one
 * could not be read for another reason (out of descriptors, malformed): the sum
 * would be short, and the caller reports it unknown. */
int vs_taskio_update(struct vs_taskio *t, int proc_dirfd, const int *pids, size_t npids,
		     int keep_below, struct cg_buf *buf, uint64_t *delta);
void vs_taskio_clear(struct vs_taskio *t);

#endif
