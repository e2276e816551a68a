// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-row memory of the agent; see track.h. Rows are kept in a sorted array and
 * merged against each new sample in one pass (both sides are sorted by xid). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "track.h"

enum { TRACK_CTR_MEM, TRACK_CTR_PIDS, TRACK_CTR_OOM, TRACK_CTR__COUNT };

static const enum vs_field_id track_ctr_field[TRACK_CTR__COUNT] = {
    [TRACK_CTR_MEM] = VS_F_MEM_LIMIT_HITS,
    [TRACK_CTR_PIDS] = VS_F_PIDS_LIMIT_HITS,
    [TRACK_CTR_OOM] = VS_F_OOM_KILLS,
};
static const enum vsa_event_kind track_ctr_event[TRACK_CTR__COUNT] = {
    [TRACK_CTR_MEM] = VSA_EV_LIMIT_MEM,
    [TRACK_CTR_PIDS] = VSA_EV_LIMIT_PIDS,
    [TRACK_CTR_OOM] = VSA_EV_OOM,
};

struct track_ctr {
	uint64_t last;
	bool known;
	bool pending; /* increased, notification held back by the minimum interval */
	bool sent;
	double last_sent_sec;
};

struct track_row {
	uint32_t xid;
	uint64_t generation;
	enum vs_ctx_state state;
	uint32_t disc_ticks;
	struct track_ctr ctr[TRACK_CTR__COUNT];
};

struct vsa_track {
	struct track_row *rows;
	size_t n;
	bool primed; /* the baseline sample was taken */
	uint32_t last_change_ticks;
};

int vsa_track_new(struct vsa_track **out)
{
	struct vsa_track *t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	*out = t;
	return 0;
}

struct vsa_track *vsa_track_free(struct vsa_track *t)
{
	if (t) {
		free(t->rows);
		free(t);
	}
	return NULL;
}

static const struct track_row *track_find(const struct vsa_track *t, uint32_t xid)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->rows[mid].xid == xid)
			return &t->rows[mid];
		if (t->rows[mid].xid < xid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

uint32_t vsa_track_discontinuity(const struct vsa_track *t, uint32_t xid)
{
	const struct track_row *r = track_find(t, xid);
	return r ? r->disc_ticks : 0;
}

uint32_t vsa_track_last_change(const struct vsa_track *t)
{
	return t->last_change_ticks;
}

static bool track_kind_enabled(const struct vsa_track_opts *o, int k)
{
	return k == TRACK_CTR_OOM ? o->notify_oom : o->notify_limit;
}

/* One hit counter of one row: notice an increase, release it when the minimum
 * interval since the last notification of this kind has passed. */
static void track_counter(struct track_ctr *c, const struct vs_context *ctx, int k, bool restarted,
			  bool baseline, const struct vsa_track_opts *o, double now_sec,
			  struct vsa_event *ev, size_t *nev)
{
	uint64_t v;
	if (restarted) {
		/* new cgroup: its counter started from zero */
		c->last = 0;
		c->known = true;
	}
	if (vs_metrics_get_u64(&ctx->m, track_ctr_field[k], &v) == 0) {
		if (c->known && v > c->last && !baseline)
			c->pending = true;
		c->last = v;
		c->known = true;
	}
	if (!track_kind_enabled(o, k))
		c->pending = false;
	if (c->pending && (!c->sent || now_sec - c->last_sent_sec >= o->min_interval_sec)) {
		ev[(*nev)++] = (struct vsa_event){track_ctr_event[k], ctx->xid};
		c->pending = false;
		c->sent = true;
		c->last_sent_sec = now_sec;
	}
}

int vsa_track_update(struct vsa_track *t, const struct vs_context *const *ctx, size_t n,
		     const struct vsa_track_opts *o, uint32_t now_ticks, double now_sec,
		     struct vsa_event **ev_out, size_t *nev_out)
{
	struct track_row *rows = NULL;
	struct vsa_event *ev = NULL;
	size_t nev = 0, i = 0, j = 0;
	bool baseline = !t->primed, changed = false;

	/* at most one state event and one per counter kind per row */
	if (n) {
		rows = calloc(n, sizeof(*rows));
		ev = calloc(n * (1 + TRACK_CTR__COUNT), sizeof(*ev));
		if (!rows || !ev) {
			free(rows);
			free(ev);
			return -ENOMEM;
		}
	}
	for (i = 0; i < n; i++) {
		const struct vs_context *c = ctx[i];
		struct track_row *r = &rows[i];
		while (j < t->n && t->rows[j].xid < c->xid) {
			changed = true; /* a row vanished */
			j++;
		}
		bool known = j < t->n && t->rows[j].xid == c->xid;
		bool restarted = false;
		if (known) {
			*r = t->rows[j++];
			if (r->generation != c->generation) {
				restarted = true;
				r->disc_ticks = now_ticks;
			}
			if (r->state != c->state) {
				changed = true;
				if (o->notify_state)
					ev[nev++] = (struct vsa_event){VSA_EV_STATE, c->xid};
			}
		} else {
			memset(r, 0, sizeof(*r));
			r->xid = c->xid;
			if (!baseline) {
				/* appeared while we watched: its counters are new to managers */
				restarted = true;
				changed = true;
				r->disc_ticks = now_ticks;
			}
		}
		r->generation = c->generation;
		r->state = c->state;
		for (int k = 0; k < TRACK_CTR__COUNT; k++)
			track_counter(&r->ctr[k], c, k, restarted, baseline, o, now_sec, ev, &nev);
	}
	if (j < t->n)
		changed = true;
	if (changed && !baseline)
		t->last_change_ticks = now_ticks;
	free(t->rows);
	t->rows = rows;
	t->n = n;
	t->primed = true;
	if (!nev) {
		free(ev);
		ev = NULL;
	}
	*ev_out = ev;
	*nev_out = nev;
	return 0;
}
