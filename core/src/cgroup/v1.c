// SPDX-License-Identifier: GPL-2.0-or-later
/* cgroup v1: what each controller file means (Documentation/admin-guide/cgroup-v1/). */
#include <errno.h>

#include "cgroup/backend.h"
#include "util/parse.h"

static int v1_cpu_stat(const char *text, struct vs_metrics *m)
{
	static const char *const keys[] = {"nr_periods", "nr_throttled", "throttled_time", NULL};
	uint64_t v[3], found;
	if (vs_parse_keyed(text, keys, v, &found) < 0 || found != 7)
		return -EINVAL;
	vs_metrics_set_u64(m, VS_F_CPU_PERIODS, v[0]);
	vs_metrics_set_u64(m, VS_F_CPU_THROTTLED_PERIODS, v[1]);
	vs_metrics_set_u64(m, VS_F_CPU_THROTTLED_USEC, v[2] / 1000);
	return 0;
}

/* total_* are hierarchical: the guest's children (if any) included. */
static int v1_mem_stat(const char *text, struct vs_metrics *m)
{
	static const char *const keys[] = {"total_rss",		"total_cache", "total_shmem",
					   "total_mapped_file", "total_swap",  NULL};
	static const enum vs_field_id ids[] = {VS_F_MEM_ANON_BYTES, VS_F_MEM_FILE_BYTES,
					       VS_F_MEM_SHMEM_BYTES, VS_F_MEM_MAPPED_FILE_BYTES,
					       VS_F_MEM_SWAP_BYTES};
	uint64_t v[5], found;
	if (vs_parse_keyed(text, keys, v, &found) < 0 || (found & 0xf) != 0xf)
		return -EINVAL;
	for (int i = 0; i < 5; i++)
		if (found & (1u << i))
			vs_metrics_set_u64(m, ids[i], v[i]);
	/* total_swap exists only with swap accounting (swapaccount=1): else unknown. */
	return 0;
}

static int v1_blkio(const char *text, struct vs_metrics *m, enum vs_field_id rd,
		    enum vs_field_id wr)
{
	uint64_t v[2];
	if (vs_parse_blkio_throttle(text, v) < 0)
		return -EINVAL;
	vs_metrics_set_u64(m, rd, v[0]);
	vs_metrics_set_u64(m, wr, v[1]);
	return 0;
}

int cg_v1_apply(enum cg_file f, const char *text, struct vs_metrics *m, struct cg_scratch *s)
{
	uint64_t v;
	bool unl;

	switch (f) {
	case CGF_CPUACCT_USAGE:
		return cg_apply_u64(text, m, VS_F_CPU_USAGE_USEC, 1000);
	case CGF_CPUACCT_USER:
		return cg_apply_u64(text, m, VS_F_CPU_USER_USEC, 1000);
	case CGF_CPUACCT_SYS:
		return cg_apply_u64(text, m, VS_F_CPU_SYSTEM_USEC, 1000);
	case CGF_CPUACCT_ALL: {
		uint64_t user, sys;
		if (vs_parse_cpuacct_all(text, &user, &sys) < 0)
			return -EINVAL;
		vs_metrics_set_u64(m, VS_F_CPU_USER_USEC, user / 1000);
		vs_metrics_set_u64(m, VS_F_CPU_SYSTEM_USEC, sys / 1000);
		return 0;
	}
	case CGF_CPU_STAT:
		return v1_cpu_stat(text, m);
	case CGF_CPU_QUOTA:
		if (vs_parse_limit(text, &v, &unl) < 0)
			return -EINVAL;
		s->have_quota = true;
		s->quota_unlimited = unl;
		s->quota_usec = unl ? 0 : v;
		return 0;
	case CGF_CPU_PERIOD:
		if (vs_parse_u64(text, &v) < 0)
			return -EINVAL;
		s->have_period = true;
		s->period_usec = v;
		return 0;
	case CGF_MEM_USAGE:
		return cg_apply_u64(text, m, VS_F_MEM_CURRENT_BYTES, 1);
	case CGF_MEM_STAT:
		return v1_mem_stat(text, m);
	case CGF_MEM_LIMIT:
		return cg_apply_limit(text, m, VS_F_MEM_LIMIT_BYTES);
	case CGF_MEM_MAXUSAGE:
		return cg_apply_u64(text, m, VS_F_MEM_PEAK_BYTES, 1);
	case CGF_MEM_FAILCNT:
	case CGF_MEM_MEMSW_FAILCNT:
		/* A charge that fails counts in the failcnt of the one limit it hit, the
		 * memory+swap one first (memory.swap.max of a guest): both are hits of
		 * the memory limit that made the cgroup reclaim, as v2's memory.events
		 * max is. */
		if (vs_parse_u64(text, &v) < 0)
			return -EINVAL;
		s->limit_hits += v;
		s->have_limit_hits = true;
		return 0;
	case CGF_MEM_OOMCTL:
		return cg_apply_keyed_one(text, "oom_kill", m, VS_F_OOM_KILLS);
	case CGF_BLKIO_BYTES:
		return v1_blkio(text, m, VS_F_IO_READ_BYTES, VS_F_IO_WRITE_BYTES);
	case CGF_BLKIO_IOS:
		return v1_blkio(text, m, VS_F_IO_READ_OPS, VS_F_IO_WRITE_OPS);
	default:
		return cg_common_apply(f, text, m);
	}
}

void cg_v1_finish(struct vs_metrics *m, const struct cg_scratch *s)
{
	if (s->have_limit_hits)
		vs_metrics_set_u64(m, VS_F_MEM_LIMIT_HITS, s->limit_hits);
	if (s->have_quota && s->have_period && !s->quota_unlimited && s->period_usec)
		vs_metrics_set_f64(m, VS_F_CPU_LIMIT_PCT,
				   100.0 * (double)s->quota_usec / (double)s->period_usec);
}
