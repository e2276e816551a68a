/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The sampler: reads the host and every context, produces snapshots, keeps a
 * history ring. Not thread-safe: one thread drives a sampler. */
#ifndef VSMON_SAMPLER_H
#define VSMON_SAMPLER_H

#include <stddef.h>
#include <sys/types.h>

#include "config.h"
#include "snapshot.h"

struct vs_sampler_opts {
	const struct vs_config *config; /* guests_dir, run_dir, deep_scan_interval; required */
	const char *proc_root;		/* default "/proc" */
	const char *sys_root;		/* default "/sys" */
	const char *cgroup_root;	/* default "/sys/fs/cgroup" */
	unsigned history_len;		/* snapshots kept; default 60 */
	unsigned groups; /* 1u << enum vs_group to collect; 0 = all (the deep shared-page
			  * and disk tiers are throttled to their own intervals) */
};

struct vs_sampler;

int vs_sampler_new(const struct vs_sampler_opts *opts, struct vs_sampler **out);
struct vs_sampler *vs_sampler_free(struct vs_sampler *s); /* NULL-safe */

/* Take a sample now. *out gets a new reference (the history keeps its own). */
int vs_sampler_sample(struct vs_sampler *s, struct vs_snapshot **out);

/* A new reference to the newest snapshot, or NULL before the first sample. */
struct vs_snapshot *vs_sampler_latest(struct vs_sampler *s);

/* Up to max snapshots, oldest first, each a new reference. Returns the count. */
size_t vs_sampler_history(struct vs_sampler *s, struct vs_snapshot **out, size_t max);

/* Collect only these groups from the next sample on (1u << enum vs_group; 0: all).
 * A frontend that shows few fields reads fewer files per context; fields of the
 * other groups are unknown in the snapshots taken meanwhile. */
int vs_sampler_set_groups(struct vs_sampler *s, unsigned groups);

enum vs_cgroup_mode vs_sampler_mode(const struct vs_sampler *s);

/* One process of a context, for drill-down views (read on demand, not per sweep). */
struct vs_proc {
	pid_t pid;
	pid_t ppid;
	uid_t uid;
	char state; /* R S D Z T ... */
	char comm[16];
	char *cmdline;	   /* malloc'ed, spaces between arguments; may be NULL */
	uint64_t cpu_usec; /* utime + stime */
	uint64_t start_ticks;
	uint64_t rss_bytes;
	uint64_t pss_bytes; /* from smaps_rollup; UINT64_MAX when unreadable */
	uint32_t threads;
};

/* The processes of context xid (0: those outside every running guest). *out is a
 * malloc'ed array; free it with vs_procs_free. */
int vs_sampler_procs(struct vs_sampler *s, uint32_t xid, struct vs_proc **out, size_t *n);
void vs_procs_free(struct vs_proc *p, size_t n);

#endif
