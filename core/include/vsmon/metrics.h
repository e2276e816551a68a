/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One context's (or the host's) values, indexed by field id, each with a valid bit. */
#ifndef VSMON_METRICS_H
#define VSMON_METRICS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "fields.h"

union vs_value {
	uint64_t u64;
	double f64;
};

struct vs_metrics {
	uint64_t valid[(VS_F__COUNT + 63) / 64];
	union vs_value v[VS_F__COUNT];
};

static inline bool vs_metrics_has(const struct vs_metrics *m, enum vs_field_id id)
{
	return (m->valid[id / 64] >> (id % 64)) & 1u;
}

static inline void vs_metrics_set_u64(struct vs_metrics *m, enum vs_field_id id, uint64_t v)
{
	m->v[id].u64 = v;
	m->valid[id / 64] |= UINT64_C(1) << (id % 64);
}

static inline void vs_metrics_set_f64(struct vs_metrics *m, enum vs_field_id id, double v)
{
	m->v[id].f64 = v;
	m->valid[id / 64] |= UINT64_C(1) << (id % 64);
}

static inline void vs_metrics_clear(struct vs_metrics *m, enum vs_field_id id)
{
	m->valid[id / 64] &= ~(UINT64_C(1) << (id % 64));
}

/* 0, or -ENODATA when unknown. */
static inline int vs_metrics_get_u64(const struct vs_metrics *m, enum vs_field_id id, uint64_t *out)
{
	if (!vs_metrics_has(m, id))
		return -ENODATA;
	*out = m->v[id].u64;
	return 0;
}

/* Any field as a double (integers converted), or -ENODATA. */
int vs_metrics_get_double(const struct vs_metrics *m, enum vs_field_id id, double *out);

/* Clear every field of a group (the group became unknown). */
void vs_metrics_clear_group(struct vs_metrics *m, enum vs_group g);
bool vs_metrics_group_any(const struct vs_metrics *m, enum vs_group g);

#endif
