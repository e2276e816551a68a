/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An immutable, reference-counted sample of the host and every context. Frontends
 * read snapshots only; they never open /proc or /sys themselves. */
#ifndef VSMON_SNAPSHOT_H
#define VSMON_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "metrics.h"
#include "state.h"
#include "cgroup.h"

/* Warnings attached to a context or the whole snapshot (bit set = something is off). */
enum vs_warn {
	VS_W_BLKIO_OFF = 1u << 0,	 /* v1 blkio accounting is off: hint `vsctl setup` */
	VS_W_PERMISSION = 1u << 1,	 /* a file could not be read for lack of privilege */
	VS_W_DEEP_UNAVAILABLE = 1u << 2, /* deep shared-page scan needs CAP_SYS_ADMIN */
	VS_W_VANISHED = 1u << 3,	 /* cgroup removed during the sweep */
	VS_W_READ_ERROR = 1u << 4,	 /* some group could not be read (see log) */
	VS_W_NO_PSI = 1u << 5,		 /* kernel has no per-cgroup pressure files */
};

struct vs_context {
	uint32_t xid; /* 0: the rest of the host */
	char name[VS_NAME_MAX + 1];
	enum vs_ctx_state state;
	char template_name[VS_NAME_MAX + 1];
	pid_t init_pid;	     /* 0 when stopped or for context 0 */
	double start_time;   /* Unix seconds; 0 when unknown */
	uint64_t generation; /* changes when the guest (re)starts: counter discontinuity */
	unsigned warnings;   /* enum vs_warn */
	char *cgroup_path;   /* display path (memory or unified hierarchy), may be NULL */
	struct vs_metrics m;
};

struct vs_host {
	char hostname[65];
	struct vs_metrics m;
};

struct vs_snapshot;

struct vs_snapshot *vs_snapshot_ref(struct vs_snapshot *s);
struct vs_snapshot *vs_snapshot_unref(struct vs_snapshot *s); /* NULL-safe; returns NULL */

double vs_snapshot_time(const struct vs_snapshot *s); /* Unix seconds of the sample */
double
vs_snapshot_interval(const struct vs_snapshot *s); /* seconds since the previous one, 0 if first */
uint64_t vs_snapshot_seq(const struct vs_snapshot *s); /* 1, 2, 3, ... */
/* When the deep shared-page figures this snapshot carries were taken (the deep scan runs
 * on deep_scan_interval and its results are carried between scans); 0: none. */
double vs_snapshot_deep_scan_time(const struct vs_snapshot *s);
enum vs_cgroup_mode vs_snapshot_mode(const struct vs_snapshot *s);
unsigned vs_snapshot_warnings(const struct vs_snapshot *s); /* union of every context's */
const struct vs_host *vs_snapshot_host(const struct vs_snapshot *s);

/* Contexts sorted by xid: context 0 first, then every defined guest. */
size_t vs_snapshot_count(const struct vs_snapshot *s);
const struct vs_context *vs_snapshot_at(const struct vs_snapshot *s, size_t i);
const struct vs_context *vs_snapshot_find(const struct vs_snapshot *s, uint32_t xid);

/* Whether the contexts add up to the host for a group: each running guest's values
 * known, and context 0 (host minus guests) needed no clamping at zero. */
int vs_snapshot_adds_up(const struct vs_snapshot *s, enum vs_group g);

/* Number of running / defined guests (context 0 excluded). */
size_t vs_snapshot_running(const struct vs_snapshot *s);
size_t vs_snapshot_defined(const struct vs_snapshot *s);

#endif
