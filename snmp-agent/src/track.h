/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the agent remembers between samples, per context row: the generation it
 * last saw (for the discontinuity TimeStamp), its state, and the hit counters
 * that raise notifications. Pure logic on vs_context arrays, no net-snmp. */
#ifndef VSA_TRACK_H
#define VSA_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vsmon/snapshot.h>

enum vsa_event_kind {
	VSA_EV_STATE,	   /* vsmonContextStateChange */
	VSA_EV_LIMIT_MEM,  /* vsmonLimitExceeded, resource memory */
	VSA_EV_LIMIT_PIDS, /* vsmonLimitExceeded, resource tasks */
	VSA_EV_OOM,	   /* vsmonOomKill */
};

struct vsa_event {
	enum vsa_event_kind kind;
	uint32_t xid;
};

struct vsa_track_opts {
	bool notify_state;
	bool notify_limit;
	bool notify_oom;
	double min_interval_sec; /* per row and kind, for limit and OOM events */
};

struct vsa_track;

int vsa_track_new(struct vsa_track **out);
struct vsa_track *vsa_track_free(struct vsa_track *t); /* NULL-safe; returns NULL */

/* Feed one sample: ctx[] sorted by xid (as a snapshot is). now_ticks is the agent's
 * clock (1/100 s), now_sec any monotonic seconds. The first call only records a
 * baseline: nothing that happened before the agent started is reported. On success
 * *ev is a malloc'ed array of *nev events (NULL when none). */
int vsa_track_update(struct vsa_track *t, const struct vs_context *const *ctx, size_t n,
		     const struct vsa_track_opts *o, uint32_t now_ticks, double now_sec,
		     struct vsa_event **ev, size_t *nev);

/* The row's discontinuity TimeStamp: 0 unless the agent saw the guest (re)start or
 * the row appear after the first sample. */
uint32_t vsa_track_discontinuity(const struct vsa_track *t, uint32_t xid);

/* vsmonContextTableLastChange: rows added or removed, or a state changed. */
uint32_t vsa_track_last_change(const struct vsa_track *t);

#endif
