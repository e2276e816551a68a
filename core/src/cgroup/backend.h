/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The cgroup backends: which files a context has on each layout and how their
 * contents map to fields. The sampler sees only struct vs_cgctx and these calls. */
#ifndef VS_CGROUP_BACKEND_H
#define VS_CGROUP_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include <vsmon/cgroup.h>
#include <vsmon/metrics.h>
#include <vsmon/state.h>

/* Every file either backend reads. */
enum cg_file {
	CGF_CPUACCT_USAGE, /* v1 */
	CGF_CPUACCT_USER,
	CGF_CPUACCT_SYS,
	CGF_CPUACCT_ALL, /* user and system in one file: replaces the two above */
	CGF_CPU_STAT,	 /* v1 and v2, different keys */
	CGF_CPU_QUOTA,
	CGF_CPU_PERIOD,
	CGF_MEM_USAGE,
	CGF_MEM_STAT, /* v1 and v2, different keys */
	CGF_MEM_LIMIT,
	CGF_MEM_MAXUSAGE,
	CGF_MEM_FAILCNT,
	CGF_MEM_MEMSW_FAILCNT, /* with swap accounting: hits of the memory+swap limit */
	CGF_MEM_OOMCTL,
	CGF_BLKIO_BYTES,
	CGF_BLKIO_IOS,
	CGF_CPU_MAX, /* v2 */
	CGF_MEM_CURRENT,
	CGF_MEM_MAX,
	CGF_MEM_PEAK,
	CGF_MEM_EVENTS,
	CGF_MEM_SWAP_CURRENT,
	CGF_IO_STAT,
	CGF_PIDS_CURRENT, /* both */
	CGF_PIDS_MAX,
	CGF_PIDS_EVENTS,
	CGF_PROCS,
	CGF_CPU_PRESSURE, /* unified hierarchy: v2, or hybrid */
	CGF_MEM_PRESSURE,
	CGF_IO_PRESSURE,
	CGF__COUNT
};

struct cg_file_def {
	const char *name;
	enum vs_hier v1_hier; /* hierarchy on v1/hybrid, or VS_H__COUNT: not on v1 */
	bool v2;	      /* present on v2 (in the unified hierarchy) */
	enum vs_group group;  /* what becomes unknown when it cannot be read */
};

extern const struct cg_file_def cg_files[CGF__COUNT];

/* Per-context reader state: kept-open descriptors, re-read with pread each sample. */
struct vs_cgctx {
	enum vs_cgroup_mode mode;
	int fd[CGF__COUNT]; /* -1: the file does not exist for this context */
	/* Files reopened on each read: v1 cgroup.procs (see cgctx.c), and those the
	 * descriptor limit did not let us keep open. */
	char *path[CGF__COUNT];
	/* v1: the directory cgroup.procs is reopened from; a one-name lookup costs
	 * less than walking its whole path every sweep. -1: use path[CGF_PROCS]. */
	int procs_dirfd;
	unsigned warnings; /* enum vs_warn, from the last read */
};

/* A growable read buffer shared by all reads of one sweep. */
struct cg_buf {
	char *data;
	size_t cap;
};
void cg_buf_free(struct cg_buf *b);

/* Open the files of a context whose cgroup paths (per hierarchy, relative to each
 * hierarchy's root) are paths[]. Returns -ENOENT when no hierarchy directory exists. */
int vs_cgctx_open(const char *cgroup_root, enum vs_cgroup_mode mode, char *const paths[VS_H__COUNT],
		  struct vs_cgctx **out);
void vs_cgctx_close(struct vs_cgctx *c);
int vs_cgctx_fd_count(const struct vs_cgctx *c);

/* Read the kept-open files of the groups asked for (1u << enum vs_group) and fill
 * the CPU, MEM, IO, TASKS and PSI fields of m (raw cumulative values; no rates).
 * cgroup.procs is read when any group asked for needs the pid list. A group whose
 * file failed is cleared and its warning bit set in c->warnings. pids/npids: the
 * processes (from cgroup.procs), malloc'ed, sorted. */
int vs_cgctx_read(struct vs_cgctx *c, unsigned groups, struct cg_buf *buf, struct vs_metrics *m,
		  int **pids, size_t *npids);

/* Values that need two files (v1 quota and period; v1 memory and memory+swap hits). */
struct cg_scratch {
	uint64_t quota_usec, period_usec;
	bool have_quota, have_period, quota_unlimited;
	uint64_t limit_hits;
	bool have_limit_hits;
};

/* Map one file's text to fields: the two layouts' knowledge, pure (tested on strings).
 * Return 0, or -EINVAL when the text is malformed (the file's group becomes unknown). */
int cg_v1_apply(enum cg_file f, const char *text, struct vs_metrics *m, struct cg_scratch *s);
int cg_v2_apply(enum cg_file f, const char *text, struct vs_metrics *m, struct cg_scratch *s);
int cg_psi_apply(enum cg_file f, const char *text, struct vs_metrics *m);
/* Shapes both layouts share: one number (divided by div, e.g. ns to us), a limit
 * ("max", or v1's huge "unlimited": the field becomes unknown), one key of a keyed file. */
int cg_apply_u64(const char *text, struct vs_metrics *m, enum vs_field_id id, uint64_t div);
int cg_apply_limit(const char *text, struct vs_metrics *m, enum vs_field_id id);
int cg_apply_keyed_one(const char *text, const char *key, struct vs_metrics *m,
		       enum vs_field_id id);
/* The files whose format both layouts share (pids controller, pressure). */
int cg_common_apply(enum cg_file f, const char *text, struct vs_metrics *m);
/* After all files: fields computed from several (the v1 CPU cap and limit hits). */
void cg_v1_finish(struct vs_metrics *m, const struct cg_scratch *s);

#endif
