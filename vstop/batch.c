// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vstop.h"

static volatile sig_atomic_t batch_stop;

static void batch_on_signal(int sig)
{
	(void)sig;
	batch_stop = 1;
}

/* Sleep until the next tick of a fixed schedule, so intervals do not drift. */
static void batch_sleep_until(struct timespec *next, double delay)
{
	long ns = (long)((delay - (long)delay) * 1e9);
	next->tv_sec += (time_t)delay;
	next->tv_nsec += ns;
	if (next->tv_nsec >= 1000000000L) {
		next->tv_sec++;
		next->tv_nsec -= 1000000000L;
	}
	while (!batch_stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, next, NULL) == EINTR)
		;
}

int vstop_batch(const struct vstop_args *a, struct vs_sampler *s)
{
	struct sigaction sa = {.sa_handler = batch_on_signal};
	struct timespec next;
	int r;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Read only what the format prints: the text table has the default columns. */
	vs_sampler_set_groups(s, vs_output_groups(a->format));
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (long i = 0; !batch_stop && (a->iterations == 0 || i < a->iterations); i++) {
		struct vs_snapshot *snap = NULL;
		if (i > 0)
			batch_sleep_until(&next, a->delay_sec);
		if (batch_stop)
			break;
		r = vs_sampler_sample(s, &snap);
		if (r < 0) {
			fprintf(stderr, "vstop: sample failed: %s\n", strerror(-r));
			return 1;
		}
		r = vs_output_snapshot(stdout, snap, a->format, i == 0);
		vs_snapshot_unref(snap);
		if (r < 0)
			return r == -EPIPE ? 0 : 1;
	}
	return 0;
}
