// SPDX-License-Identifier: GPL-2.0-or-later
/* cgroup v2: Documentation/admin-guide/cgroup-v2.rst. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup/backend.h"
#include "util/parse.h"

static int v2_cpu_stat(const char *text, struct vs_metrics *m)
{
	static const char *const keys[] = {"usage_usec", "user_usec",	 "system_usec",
					   "nr_periods", "nr_throttled", "throttled_usec",
					   NULL};
	static const enum vs_field_id ids[] = {VS_F_CPU_USAGE_USEC,	   VS_F_CPU_USER_USEC,
					       VS_F_CPU_SYSTEM_USEC,	   VS_F_CPU_PERIODS,
					       VS_F_CPU_THROTTLED_PERIODS, VS_F_CPU_THROTTLED_USEC};
	uint64_t v[6], found;
	if (vs_parse_keyed(text, keys, v, &found) < 0 || (found & 7) != 7)
		return -EINVAL;
	/* nr_periods and friends appear only with the cpu controller enabled. */
	for (int i = 0; i < 6; i++)
		if (found & (1u << i))
			vs_metrics_set_u64(m, ids[i], v[i]);
	return 0;
}

static int v2_cpu_max(const char *text, struct vs_metrics *m)
{
	/* "max 100000" or "50000 100000" */
	char quota[32];
	const char *sp = strchr(text, ' ');
	uint64_t q, period;
	bool unl;

	if (!sp || (size_t)(sp - text) >= sizeof(quota))
		return -EINVAL;
	memcpy(quota, text, (size_t)(sp - text));
	quota[sp - text] = '\0';
	if (vs_parse_limit(quota, &q, &unl) < 0 || vs_parse_u64(sp + 1, &period) < 0 || !period)
		return -EINVAL;
	if (unl)
		vs_metrics_clear(m, VS_F_CPU_LIMIT_PCT);
	else
		vs_metrics_set_f64(m, VS_F_CPU_LIMIT_PCT, 100.0 * (double)q / (double)period);
	return 0;
}

static int v2_mem_stat(const char *text, struct vs_metrics *m)
{
	static const char *const keys[] = {"anon", "file", "shmem", "file_mapped", NULL};
	static const enum vs_field_id ids[] = {VS_F_MEM_ANON_BYTES, VS_F_MEM_FILE_BYTES,
					       VS_F_MEM_SHMEM_BYTES, VS_F_MEM_MAPPED_FILE_BYTES};
	uint64_t v[4], found;
	if (vs_parse_keyed(text, keys, v, &found) < 0 || found != 0xf)
		return -EINVAL;
	for (int i = 0; i < 4; i++)
		vs_metrics_set_u64(m, ids[i], v[i]);
	return 0;
}

static int v2_mem_events(const char *text, struct vs_metrics *m)
{
	static const char *const keys[] = {"max", "oom_kill", NULL};
	uint64_t v[2], found;
	if (vs_parse_keyed(text, keys, v, &found) < 0 || found != 3)
		return -EINVAL;
	vs_metrics_set_u64(m, VS_F_MEM_LIMIT_HITS, v[0]);
	vs_metrics_set_u64(m, VS_F_OOM_KILLS, v[1]);
	return 0;
}

static int v2_io_stat(const char *text, struct vs_metrics *m)
{
	uint64_t v[4];
	if (vs_parse_io_stat(text, v) < 0)
		return -EINVAL;
	vs_metrics_set_u64(m, VS_F_IO_READ_BYTES, v[0]);
	vs_metrics_set_u64(m, VS_F_IO_WRITE_BYTES, v[1]);
	vs_metrics_set_u64(m, VS_F_IO_READ_OPS, v[2]);
	vs_metrics_set_u64(m, VS_F_IO_WRITE_OPS, v[3]);
	return 0;
}

int cg_v2_apply(enum cg_file f, const char *text, struct vs_metrics *m, struct cg_scratch *s)
{
	(void)s;
	switch (f) {
	case CGF_CPU_STAT:
		return v2_cpu_stat(text, m);
	case CGF_CPU_MAX:
		return v2_cpu_max(text, m);
	case CGF_MEM_CURRENT:
		return cg_apply_u64(text, m, VS_F_MEM_CURRENT_BYTES, 1);
	case CGF_MEM_STAT:
		return v2_mem_stat(text, m);
	case CGF_MEM_MAX:
		return cg_apply_limit(text, m, VS_F_MEM_LIMIT_BYTES);
	case CGF_MEM_PEAK:
		return cg_apply_u64(text, m, VS_F_MEM_PEAK_BYTES, 1);
	case CGF_MEM_EVENTS:
		return v2_mem_events(text, m);
	case CGF_MEM_SWAP_CURRENT:
		return cg_apply_u64(text, m, VS_F_MEM_SWAP_BYTES, 1);
	case CGF_IO_STAT:
		return v2_io_stat(text, m);
	default:
		return cg_common_apply(f, text, m);
	}
}

int cg_psi_apply(enum cg_file f, const char *text, struct vs_metrics *m)
{
	struct vs_psi psi;
	if (vs_parse_pressure(text, &psi) < 0)
		return -EINVAL;
	switch (f) {
	case CGF_CPU_PRESSURE:
		vs_metrics_set_f64(m, VS_F_CPU_PRESSURE_SOME_PCT, psi.some_avg10);
		vs_metrics_set_u64(m, VS_F_CPU_PRESSURE_SOME_USEC, psi.some_total_usec);
		break;
	case CGF_MEM_PRESSURE:
		vs_metrics_set_f64(m, VS_F_MEM_PRESSURE_SOME_PCT, psi.some_avg10);
		vs_metrics_set_u64(m, VS_F_MEM_PRESSURE_SOME_USEC, psi.some_total_usec);
		if (psi.has_full)
			vs_metrics_set_f64(m, VS_F_MEM_PRESSURE_FULL_PCT, psi.full_avg10);
		break;
	case CGF_IO_PRESSURE:
		vs_metrics_set_f64(m, VS_F_IO_PRESSURE_SOME_PCT, psi.some_avg10);
		vs_metrics_set_u64(m, VS_F_IO_PRESSURE_SOME_USEC, psi.some_total_usec);
		if (psi.has_full)
			vs_metrics_set_f64(m, VS_F_IO_PRESSURE_FULL_PCT, psi.full_avg10);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}
