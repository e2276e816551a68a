/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VS_PROCFS_HOST_H
#define VS_PROCFS_HOST_H

#include <vsmon/cgroup.h>
#include <vsmon/metrics.h>
#include "cgroup/backend.h"

/* The whole machine: /proc/{stat,meminfo,diskstats,loadavg,uptime} and /proc/pressure/,
 * the process count, and the root cgroup's memory.stat (charged anon/file/shmem in
 * the same accounting as the contexts). Files are kept open between reads. */
struct vs_host_reader;

int vs_host_reader_new(const char *proc_root, const char *sys_root, const char *cgroup_root,
		       enum vs_cgroup_mode mode, struct vs_host_reader **out);
void vs_host_reader_free(struct vs_host_reader *h);

/* Raw cumulative values into m (cpu usage in usec from ticks). */
int vs_host_read(struct vs_host_reader *h, struct cg_buf *buf, struct vs_metrics *m,
		 unsigned *warnings);

#endif
