/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VS_SNAPSHOT_INTERNAL_H
#define VS_SNAPSHOT_INTERNAL_H

#include <vsmon/snapshot.h>

struct vs_snapshot {
	int refs;
	uint64_t seq;
	double time;	       /* Unix seconds */
	double mono;	       /* CLOCK_MONOTONIC seconds, for intervals */
	double interval;       /* since the previous snapshot, 0 for the first */
	double deep_scan_time; /* Unix seconds of the deep scan carried; 0: none */
	enum vs_cgroup_mode mode;
	unsigned warnings;
	unsigned adds_up; /* bit per group */
	size_t running, defined;
	struct vs_host host;
	size_t n;
	struct vs_context *ctx; /* sorted by xid */
};

struct vs_snapshot *vs_snapshot_alloc(size_t n);

#endif
