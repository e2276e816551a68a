/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VS_SAMPLER_INTERNAL_H
#define VS_SAMPLER_INTERNAL_H

#include <stdbool.h>
#include <time.h>

#include <vsmon/sampler.h>
#include "cgroup/backend.h"
#include "procfs/host.h"
#include "procfs/taskio.h"
#include "sampler/snapshot-internal.h"
#include "util/log-internal.h"

/* One guest the sampler knows: defined in guests_dir, running per run_dir, or both. */
struct smp_ctx {
	char name[VS_NAME_MAX + 1];
	uint32_t xid;
	char template_name[VS_NAME_MAX + 1];
	bool defined;	 /* <guests_dir>/<name>.conf exists */
	bool have_state; /* <run_dir>/<name>.state exists and parsed */
	bool alive;	 /* the state's init is still that process */
	struct vs_guest_state st;
	uint64_t generation;
	struct vs_cgctx *cg; /* open while running */
	bool reopen;	     /* cgroup vanished: open again next sweep */
	struct vs_taskio tio;
	int *pids; /* from the last sweep, sorted */
	size_t npids;
	bool seen; /* scan lifecycle: marked stale, then seen */
	bool state_seen;
	struct vs_complaint complaint;
};

struct smp_registry {
	struct smp_ctx **v; /* sorted by xid */
	size_t n;
	struct timespec guests_mtime, run_mtime;
	double last_scan_mono;
	struct vs_complaint dir_complaint;
};

/* Re-read guests_dir and run_dir when either changed (or every few seconds: an
 * edited conf does not change its directory's mtime). */
int smp_registry_scan(struct smp_registry *reg, const char *guests_dir, const char *run_dir,
		      const char *proc_root, double now_mono);
void smp_registry_free(struct smp_registry *reg);
void smp_ctx_close(struct smp_ctx *c);

/* Whether pid is still the process that started at start_ticks (pid reuse). */
bool smp_pid_is(const char *proc_root, pid_t pid, uint64_t start_ticks);

struct vs_sampler {
	struct vs_config *config; /* own copy of the paths we need */
	char *proc_root, *sys_root, *cgroup_root;
	int proc_dirfd;
	enum vs_cgroup_mode mode;
	unsigned groups;
	unsigned history_len;
	struct vs_host_reader *host;
	struct cg_buf buf;
	struct smp_registry reg;
	struct vs_snapshot **ring; /* history, oldest at ring_head */
	size_t ring_head, ring_count;
	struct vs_snapshot *prev;
	uint64_t seq;
	uint64_t ctx0_generation;
	size_t prev_running_sig;      /* which guests ran, for context 0's discontinuity */
	struct vs_pagescan *pagescan; /* shared pages (SMAPS, DEEP, DISK groups); may be NULL */
	unsigned blkio_state;	      /* 0 unknown, 1 on, 2 off */
	double blkio_checked_mono;
};

/* Rates, context 0 and sums: the model computed from raw samples. */
void smp_model_rates(struct vs_metrics *cur, const struct vs_metrics *prev, double elapsed);
void smp_model_context0(struct vs_snapshot *s, const struct vs_snapshot *prev);

/* Shared-page accounting (shared-pages.c): opened when a SMAPS, DEEP or DISK group is
 * asked for; sample fills those groups of every running guest, context 0 and host. */
int smp_pagescan_open(struct vs_sampler *s);
void smp_pagescan_close(struct vs_sampler *s);
int smp_pagescan_sample(struct vs_sampler *s, struct vs_snapshot *snap, double mono);

#endif
