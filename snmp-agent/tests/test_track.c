// SPDX-License-Identifier: GPL-2.0-or-later
/* The agent's per-row memory: discontinuities, state changes, hit counters and
 * the rate limit of notifications. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "track.h"

static const struct vsa_track_opts track_all = {true, true, true, 60.0};

static void ctx_init(struct vs_context *c, uint32_t xid, uint64_t gen, enum vs_ctx_state st)
{
	memset(c, 0, sizeof(*c));
	c->xid = xid;
	c->generation = gen;
	c->state = st;
}

/* Run one update over n contexts; returns the number of events, kept in *ev. */
static size_t feed(struct vsa_track *t, struct vs_context *c, size_t n, uint32_t ticks, double sec,
		   const struct vsa_track_opts *o, struct vsa_event **ev)
{
	const struct vs_context *p[8];
	size_t nev = 99;
	assert_true(n <= 8);
	for (size_t i = 0; i < n; i++)
		p[i] = &c[i];
	assert_int_equal(vsa_track_update(t, p, n, o, ticks, sec, ev, &nev), 0);
	return nev;
}

static void test_baseline_reports_nothing(void **state)
{
	struct vsa_track *t;
	struct vs_context c[2];
	struct vsa_event *ev;
	(void)state;
	assert_int_equal(vsa_track_new(&t), 0);
	ctx_init(&c[0], 0, 1, VS_STATE_RUNNING);
	ctx_init(&c[1], 7, 3, VS_STATE_RUNNING);
	vs_metrics_set_u64(&c[1].m, VS_F_MEM_LIMIT_HITS, 50);
	vs_metrics_set_u64(&c[1].m, VS_F_OOM_KILLS, 2);
	assert_int_equal(feed(t, c, 2, 100, 1.0, &track_all, &ev), 0);
	assert_null(ev);
	assert_int_equal(vsa_track_discontinuity(t, 7), 0);
	assert_int_equal(vsa_track_last_change(t), 0);
	/* unchanged counters: still nothing */
	assert_int_equal(feed(t, c, 2, 200, 2.0, &track_all, &ev), 0);
	vsa_track_free(t);
}

static void test_restart_moves_discontinuity(void **state)
{
	struct vsa_track *t;
	struct vs_context c[1];
	struct vsa_event *ev;
	(void)state;
	assert_int_equal(vsa_track_new(&t), 0);
	ctx_init(&c[0], 7, 3, VS_STATE_RUNNING);
	vs_metrics_set_u64(&c[0].m, VS_F_MEM_LIMIT_HITS, 50);
	feed(t, c, 1, 100, 1.0, &track_all, &ev);
	/* stopped: a state event, no discontinuity yet */
	ctx_init(&c[0], 7, 3, VS_STATE_STOPPED);
	assert_int_equal(feed(t, c, 1, 200, 2.0, &track_all, &ev), 1);
	assert_int_equal(ev[0].kind, VSA_EV_STATE);
	assert_int_equal(ev[0].xid, 7);
	free(ev);
	assert_int_equal(vsa_track_last_change(t), 200);
	assert_int_equal(vsa_track_discontinuity(t, 7), 0);
	/* started again with a new generation and counters from zero */
	ctx_init(&c[0], 7, 4, VS_STATE_RUNNING);
	vs_metrics_set_u64(&c[0].m, VS_F_MEM_LIMIT_HITS, 0);
	assert_int_equal(feed(t, c, 1, 300, 3.0, &track_all, &ev), 1);
	assert_int_equal(ev[0].kind, VSA_EV_STATE);
	free(ev);
	assert_int_equal(vsa_track_discontinuity(t, 7), 300);
	assert_int_equal(vsa_track_last_change(t), 300);
	vsa_track_free(t);
}

static void test_hits_rate_limited(void **state)
{
	struct vsa_track *t;
	struct vs_context c[1];
	struct vsa_event *ev;
	(void)state;
	assert_int_equal(vsa_track_new(&t), 0);
	ctx_init(&c[0], 9, 1, VS_STATE_RUNNING);
	vs_metrics_set_u64(&c[0].m, VS_F_MEM_LIMIT_HITS, 0);
	vs_metrics_set_u64(&c[0].m, VS_F_OOM_KILLS, 0);
	feed(t, c, 1, 100, 1.0, &track_all, &ev);
	vs_metrics_set_u64(&c[0].m, VS_F_MEM_LIMIT_HITS, 10);
	vs_metrics_set_u64(&c[0].m, VS_F_OOM_KILLS, 1);
	assert_int_equal(feed(t, c, 1, 200, 2.0, &track_all, &ev), 2);
	assert_int_equal(ev[0].kind, VSA_EV_LIMIT_MEM);
	assert_int_equal(ev[1].kind, VSA_EV_OOM);
	free(ev);
	/* more hits within the interval: held back */
	vs_metrics_set_u64(&c[0].m, VS_F_MEM_LIMIT_HITS, 20);
	assert_int_equal(feed(t, c, 1, 300, 30.0, &track_all, &ev), 0);
	/* interval over: the held-back increase goes out without a new one */
	assert_int_equal(feed(t, c, 1, 400, 62.0, &track_all, &ev), 1);
	assert_int_equal(ev[0].kind, VSA_EV_LIMIT_MEM);
	free(ev);
	assert_int_equal(feed(t, c, 1, 500, 200.0, &track_all, &ev), 0);
	vsa_track_free(t);
}

static void test_switches_off(void **state)
{
	struct vsa_track *t;
	struct vs_context c[1];
	struct vsa_event *ev;
	const struct vsa_track_opts off = {false, false, false, 0};
	(void)state;
	assert_int_equal(vsa_track_new(&t), 0);
	ctx_init(&c[0], 9, 1, VS_STATE_RUNNING);
	vs_metrics_set_u64(&c[0].m, VS_F_PIDS_LIMIT_HITS, 0);
	feed(t, c, 1, 100, 1.0, &off, &ev);
	ctx_init(&c[0], 9, 1, VS_STATE_STOPPING);
	vs_metrics_set_u64(&c[0].m, VS_F_PIDS_LIMIT_HITS, 5);
	assert_int_equal(feed(t, c, 1, 200, 2.0, &off, &ev), 0);
	/* switched on later: the old increase is not replayed */
	vs_metrics_set_u64(&c[0].m, VS_F_PIDS_LIMIT_HITS, 6);
	assert_int_equal(feed(t, c, 1, 300, 3.0, &track_all, &ev), 1);
	assert_int_equal(ev[0].kind, VSA_EV_LIMIT_PIDS);
	free(ev);
	vsa_track_free(t);
}

static void test_rows_added_and_removed(void **state)
{
	struct vsa_track *t;
	struct vs_context c[3];
	struct vsa_event *ev;
	(void)state;
	assert_int_equal(vsa_track_new(&t), 0);
	ctx_init(&c[0], 0, 1, VS_STATE_RUNNING);
	ctx_init(&c[1], 5, 1, VS_STATE_RUNNING);
	feed(t, c, 2, 100, 1.0, &track_all, &ev);
	/* a new guest that already hit its limit before we saw it */
	ctx_init(&c[2], 6, 1, VS_STATE_RUNNING);
	vs_metrics_set_u64(&c[2].m, VS_F_MEM_LIMIT_HITS, 3);
	assert_int_equal(feed(t, c, 3, 200, 2.0, &track_all, &ev), 1);
	assert_int_equal(ev[0].kind, VSA_EV_LIMIT_MEM);
	assert_int_equal(ev[0].xid, 6);
	free(ev);
	assert_int_equal(vsa_track_discontinuity(t, 6), 200);
	assert_int_equal(vsa_track_discontinuity(t, 5), 0);
	assert_int_equal(vsa_track_last_change(t), 200);
	/* guest 5 removed */
	c[1] = c[2];
	assert_int_equal(feed(t, c, 2, 300, 3.0, &track_all, &ev), 0);
	assert_int_equal(vsa_track_last_change(t), 300);
	assert_int_equal(vsa_track_discontinuity(t, 5), 0);
	/* an empty sample */
	assert_int_equal(feed(t, c, 0, 400, 4.0, &track_all, &ev), 0);
	assert_int_equal(vsa_track_last_change(t), 400);
	vsa_track_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_baseline_reports_nothing),
	    cmocka_unit_test(test_restart_moves_discontinuity),
	    cmocka_unit_test(test_hits_rate_limited),
	    cmocka_unit_test(test_switches_off),
	    cmocka_unit_test(test_rows_added_and_removed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
