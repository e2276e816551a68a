// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-context memory between refreshes: limit-hit highlighting and sparklines.
 * Cost: one struct track (about 760 bytes) per context. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "viewer.h"

static uint64_t track_counter(const struct vs_context *c, enum vs_field_id id)
{
	uint64_t v;
	return vs_metrics_get_u64(&c->m, id, &v) == 0 ? v : UINT64_MAX;
}

/* A counter that grew since the last refresh; a restart (new generation) or an
 * unknown value on either side is not a hit. */
static bool track_grew(uint64_t before, uint64_t now)
{
	return before != UINT64_MAX && now != UINT64_MAX && now > before;
}

static float track_value(const struct vs_context *c, enum spark_series s)
{
	double a, b;
	switch (s) {
	case SPARK_CPU:
		return vs_metrics_get_double(&c->m, VS_F_CPU_PCT, &a) == 0 ? (float)a : NAN;
	case SPARK_MEM:
		return vs_metrics_get_double(&c->m, VS_F_MEM_CURRENT_BYTES, &a) == 0 ? (float)a
										     : NAN;
	default:
		if (vs_metrics_get_double(&c->m, VS_F_IO_READ_BYTES_PER_SEC, &a) == 0 &&
		    vs_metrics_get_double(&c->m, VS_F_IO_WRITE_BYTES_PER_SEC, &b) == 0)
			return (float)(a + b);
		/* v1 cannot charge buffered writeback: the issued-write rate is the next best */
		return vs_metrics_get_double(&c->m, VS_F_IO_ISSUED_WRITE_BYTES_PER_SEC, &a) == 0
			   ? (float)a
			   : NAN;
	}
}

void track_update(struct viewer *v)
{
	size_t n = vs_snapshot_count(v->snap), j = 0;
	uint64_t seq = vs_snapshot_seq(v->snap);
	struct track **nt = calloc(n ? n : 1, sizeof(*nt));

	if (!nt)
		return; /* keep the old generation; highlighting lags one refresh */
	for (size_t i = 0; i < n; i++) {
		const struct vs_context *c = vs_snapshot_at(v->snap, i);
		struct track *t = NULL;
		/* Both lists are sorted by xid: a merge finds the previous entry. */
		while (j < v->ntr && v->tr[j]->xid < c->xid) {
			free(v->tr[j]);
			v->tr[j++] = NULL;
		}
		if (j < v->ntr && v->tr[j]->xid == c->xid) {
			t = v->tr[j];
			v->tr[j++] = NULL;
		} else {
			t = calloc(1, sizeof(*t));
			if (!t)
				continue;
			t->xid = c->xid;
			t->generation = c->generation;
			t->hits = t->ooms = t->pid_hits = UINT64_MAX;
		}
		uint64_t hits = track_counter(c, VS_F_MEM_LIMIT_HITS);
		uint64_t ooms = track_counter(c, VS_F_OOM_KILLS);
		uint64_t ph = track_counter(c, VS_F_PIDS_LIMIT_HITS);
		if (t->generation == c->generation &&
		    (track_grew(t->hits, hits) || track_grew(t->ooms, ooms) ||
		     track_grew(t->pid_hits, ph)))
			t->alert_until = seq + HL_REFRESHES;
		t->generation = c->generation;
		t->hits = hits;
		t->ooms = ooms;
		t->pid_hits = ph;
		for (int s = 0; s < SPARK__COUNT; s++)
			t->spark[s][(t->head + t->count) % SPARK_LEN] = track_value(c, s);
		if (t->count < SPARK_LEN)
			t->count++;
		else
			t->head = (t->head + 1) % SPARK_LEN;
		nt[i] = t;
	}
	for (; j < v->ntr; j++)
		free(v->tr[j]);
	free(v->tr);
	/* Compact: an allocation failure above leaves a hole. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (nt[i])
			nt[k++] = nt[i];
	v->tr = nt;
	v->ntr = k;
}

const struct track *track_find(const struct viewer *v, uint32_t xid)
{
	size_t lo = 0, hi = v->ntr;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v->tr[mid]->xid < xid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->ntr && v->tr[lo]->xid == xid ? v->tr[lo] : NULL;
}

bool track_alert(const struct viewer *v, const struct track *t)
{
	return t && v->snap && t->alert_until > vs_snapshot_seq(v->snap);
}

void track_free(struct viewer *v)
{
	for (size_t i = 0; i < v->ntr; i++)
		free(v->tr[i]);
	free(v->tr);
	v->tr = NULL;
	v->ntr = 0;
}
