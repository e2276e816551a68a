// SPDX-License-Identifier: GPL-2.0-or-later
/* `vsgraph record`: samples every context on rrd_step boundaries and hands the values
 * to the store. SIGTERM or SIGINT ends the loop after the step in hand; what is queued
 * for rrdcached is sent and the daemon asked to flush. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vsgraph.h"

static volatile sig_atomic_t record_stop;

static void record_on_signal(int sig)
{
	(void)sig;
	record_stop = 1;
}

static int record_step(struct vs_sampler *sampler, struct vsg_store *st, unsigned step)
{
	struct vs_snapshot *snap = NULL;
	struct vsg_ctx_sample *cs = NULL;
	struct vsg_sample smp = {0};
	size_t n;
	int r;

	if ((r = vs_sampler_sample(sampler, &snap)) < 0) {
		vsg_log(VS_LOG_ERR, "sample: %s", strerror(-r));
		return r;
	}
	n = vs_snapshot_count(snap);
	cs = calloc(n ? n : 1, sizeof(*cs));
	if (!cs) {
		vs_snapshot_unref(snap);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const struct vs_context *c = vs_snapshot_at(snap, i);
		cs[i] = (struct vsg_ctx_sample){.name = c->xid ? c->name : NULL,
						.xid = c->xid,
						.state = c->state,
						.generation = c->generation,
						.m = &c->m};
	}
	/* The sample is taken just after a boundary: stamp it with that boundary, one
	 * timestamp per file per step, so consolidation and resets stay exact. */
	smp.t = (time_t)(floor(vs_snapshot_time(snap) / step) * step);
	smp.host = &vs_snapshot_host(snap)->m;
	smp.ctx = cs;
	smp.n = n;
	r = vsg_store_record(st, &smp);
	free(cs);
	vs_snapshot_unref(snap);
	return r;
}

int vsg_record_run(const struct vs_config *cfg, bool once)
{
	struct vs_sampler_opts so = {.config = cfg, .history_len = 2};
	struct vsg_store_opts sto = {.rrd_dir = cfg->rrd_dir,
				     .archive_dir = cfg->rrd_archive_dir,
				     .step = cfg->rrd_step_sec,
				     .timespans = cfg->rrd_timespans,
				     .ntimespans = cfg->rrd_timespans_n,
				     .rrdcached = cfg->rrdcached};
	struct vs_sampler *sampler = NULL;
	struct vsg_store *st = NULL;
	struct sigaction sa = {.sa_handler = record_on_signal};
	unsigned step = cfg->rrd_step_sec ? cfg->rrd_step_sec : 60;
	int r;

	if ((r = vs_sampler_new(&so, &sampler)) < 0) {
		vsg_log(VS_LOG_ERR, "cannot start the sampler: %s", strerror(-r));
		return r;
	}
	if ((r = vsg_store_new(&sto, &st)) < 0)
		goto out;
	if (once) {
		r = record_step(sampler, st, step);
		goto out;
	}
	/* No SA_RESTART: the signal cuts the sleep short. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	vsg_log(VS_LOG_NOTICE, "recording every %u s into %s%s%s", step, cfg->rrd_dir,
		*cfg->rrdcached ? " through " : "", cfg->rrdcached);
	while (!record_stop) {
		struct timespec now, next;
		clock_gettime(CLOCK_REALTIME, &now);
		next.tv_sec = (now.tv_sec / step + 1) * step;
		next.tv_nsec = 0;
		/* Sleep to the next boundary; a signal ends the loop. */
		while (!record_stop &&
		       clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		if (record_stop)
			break;
		r = record_step(sampler, st, step);
		if (r == -ENOMEM)
			break;
		/* Other failures are per step (rrdcached away: the values stay queued). */
		r = 0;
	}
	vsg_log(VS_LOG_NOTICE, "stopping: flushing");
out:
	if (st) {
		int fr = vsg_store_flush(st);
		const struct vsg_store_stats *ss = vsg_store_stats(st);
		vsg_log(VS_LOG_INFO,
			"%lu updates, %lu files created, %lu tuned, %lu warnings, "
			"%lu errors",
			ss->updates, ss->created, ss->tuned, ss->warnings, ss->errors);
		if (r == 0 && fr < 0)
			r = fr;
		if (r == 0 && once && ss->updates == 0 && ss->errors > 0)
			r = -EIO;
	}
	vsg_store_free(st);
	vs_sampler_free(sampler);
	return r;
}
