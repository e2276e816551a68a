// SPDX-License-Identifier: GPL-2.0-or-later
/* The model: rates from two consecutive samples of one context, and context 0 as
 * the host minus the running guests. Only raw counters are sampled (below's split). */
#include <string.h>

#include "sampler/sampler-internal.h"

struct model_rate {
	enum vs_field_id counter, rate;
	double scale; /* rate = delta * scale / elapsed */
};

static const struct model_rate model_rates[] = {
    /* usec per second / 1e6 * 100 = percent of one CPU */
    {VS_F_CPU_USAGE_USEC, VS_F_CPU_PCT, 1e-4},
    {VS_F_IO_READ_BYTES, VS_F_IO_READ_BYTES_PER_SEC, 1},
    {VS_F_IO_WRITE_BYTES, VS_F_IO_WRITE_BYTES_PER_SEC, 1},
};

void smp_model_rates(struct vs_metrics *cur, const struct vs_metrics *prev, double elapsed)
{
	if (!prev || elapsed <= 0)
		return;
	for (size_t i = 0; i < sizeof(model_rates) / sizeof(model_rates[0]); i++) {
		uint64_t a, b;
		const struct model_rate *mr = &model_rates[i];
		if (vs_metrics_get_u64(prev, mr->counter, &a) < 0 ||
		    vs_metrics_get_u64(cur, mr->counter, &b) < 0)
			continue;
		/* A counter that went backwards: the cgroup was re-created; no rate. */
		if (b < a)
			continue;
		vs_metrics_set_f64(cur, mr->rate, (double)(b - a) * mr->scale / elapsed);
	}
}

/* Context 0 = host - sum of running guests, field by field, for the fields both
 * have. A negative result is clamped at 0 and the group marked as not adding up. */
void smp_model_context0(struct vs_snapshot *s, const struct vs_snapshot *prev)
{
	struct vs_context *c0 = &s->ctx[0];
	const struct vs_metrics *hm = &s->host.m;
	unsigned bad = 0;

	for (int f = 0; f < VS_F__COUNT; f++) {
		const struct vs_field *fd = &vs_fields[f];
		enum vs_field_id id = (enum vs_field_id)f;
		if (!(fd->flags & VS_FF_CONTEXT) || !(fd->flags & VS_FF_HOST))
			continue;
		if (fd->kind == VS_FK_LIMIT || !vs_metrics_has(hm, id))
			continue;
		if (fd->group == VS_G_PSI && fd->type == VS_FT_F64)
			continue; /* stall shares do not subtract */
		bool known = true;
		if (fd->type == VS_FT_U64) {
			uint64_t sum = 0, v;
			for (size_t i = 1; i < s->n; i++) {
				if (s->ctx[i].state != VS_STATE_RUNNING &&
				    s->ctx[i].state != VS_STATE_BROKEN)
					continue;
				if (vs_metrics_get_u64(&s->ctx[i].m, id, &v) < 0) {
					known = false;
					continue;
				}
				sum += v;
			}
			uint64_t h = hm->v[f].u64;
			if (sum > h) {
				bad |= 1u << fd->group;
				vs_metrics_set_u64(&c0->m, id, 0);
			} else {
				vs_metrics_set_u64(&c0->m, id, h - sum);
			}
		} else {
			double sum = 0, v;
			for (size_t i = 1; i < s->n; i++) {
				if (s->ctx[i].state != VS_STATE_RUNNING &&
				    s->ctx[i].state != VS_STATE_BROKEN)
					continue;
				if (vs_metrics_get_double(&s->ctx[i].m, id, &v) < 0) {
					/* a guest seen once has no rate yet: context 0 neither */
					known = false;
					continue;
				}
				sum += v;
			}
			double h = hm->v[f].f64;
			if (!known) {
				vs_metrics_clear(&c0->m, id);
				continue;
			}
			/* Rates of host and guests come from slightly different clocks:
			 * allow a small negative before calling it inconsistent. */
			if (sum > h * 1.02 + 1)
				bad |= 1u << fd->group;
			vs_metrics_set_f64(&c0->m, id, sum > h ? 0 : h - sum);
		}
		if (!known)
			bad |= 1u << fd->group;
	}
	(void)prev;
	s->adds_up = 0;
	for (int g = 0; g < VS_G__COUNT; g++)
		if (!(bad & (1u << g)))
			s->adds_up |= 1u << g;
}
