// SPDX-License-Identifier: GPL-2.0-or-later
/* Value shapes common to cgroup v1 and v2 files. */
#include <errno.h>

#include "cgroup/backend.h"
#include "util/parse.h"

int cg_apply_u64(const char *text, struct vs_metrics *m, enum vs_field_id id, uint64_t div)
{
	uint64_t v;
	if (vs_parse_u64(text, &v) < 0)
		return -EINVAL;
	vs_metrics_set_u64(m, id, v / div);
	return 0;
}

int cg_apply_limit(const char *text, struct vs_metrics *m, enum vs_field_id id)
{
	uint64_t v;
	bool unlimited;
	if (vs_parse_limit(text, &v, &unlimited) < 0)
		return -EINVAL;
	if (unlimited)
		vs_metrics_clear(m, id);
	else
		vs_metrics_set_u64(m, id, v);
	return 0;
}

int cg_apply_keyed_one(const char *text, const char *key, struct vs_metrics *m, enum vs_field_id id)
{
	const char *keys[] = {key, NULL};
	uint64_t v, found;
	if (vs_parse_keyed(text, keys, &v, &found) < 0 || !found)
		return -EINVAL;
	vs_metrics_set_u64(m, id, v);
	return 0;
}

int cg_common_apply(enum cg_file f, const char *text, struct vs_metrics *m)
{
	switch (f) {
	case CGF_PIDS_CURRENT:
		return cg_apply_u64(text, m, VS_F_THREADS, 1);
	case CGF_PIDS_MAX:
		return cg_apply_limit(text, m, VS_F_PIDS_LIMIT);
	case CGF_PIDS_EVENTS:
		return cg_apply_keyed_one(text, "max", m, VS_F_PIDS_LIMIT_HITS);
	case CGF_CPU_PRESSURE:
	case CGF_MEM_PRESSURE:
	case CGF_IO_PRESSURE:
		return cg_psi_apply(f, text, m);
	default:
		return -EINVAL;
	}
}
