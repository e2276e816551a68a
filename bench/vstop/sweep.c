// SPDX-License-Identifier: GPL-2.0-or-later
/* The engine's own sweep, for comparison with vstop: sample every INTERVAL for N
 * samples with the same sampler options vstop uses, then print CPU time and peak RSS.
 * Usage: bench-vstop-sweep CONF INTERVAL N [GROUP-MASK|text] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <vsmon/vsmon.h>

int main(int argc, char **argv)
{
	struct vs_config *cfg = NULL;
	struct vs_sampler *s = NULL;
	struct rusage ru;
	struct timespec next;
	char *err = NULL;
	double interval;
	long n;
	size_t contexts = 0;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: %s CONF INTERVAL N [GROUP-MASK|text]\n", argv[0]);
		return 2;
	}
	interval = atof(argv[2]);
	n = atol(argv[3]);
	if (vs_config_load(argv[1], false, &cfg, &err) < 0) {
		fprintf(stderr, "%s\n", err ? err : "cannot load the configuration");
		return 2;
	}
	struct vs_sampler_opts o = {.config = cfg, .history_len = 1};
	/* A mask of 1u << enum vs_group, to see what each group costs; "text": the
	 * groups of vstop's default columns, as vstop -b -o text reads them. */
	if (argc == 5)
		o.groups = strcmp(argv[4], "text") == 0 ? vs_output_groups(VS_OUT_TEXT)
							: (unsigned)strtoul(argv[4], NULL, 0);
	if (vs_sampler_new(&o, &s) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (long i = 0; i < n; i++) {
		struct vs_snapshot *snap = NULL;
		if (vs_sampler_sample(s, &snap) < 0)
			return 1;
		contexts = vs_snapshot_count(snap);
		vs_snapshot_unref(snap);
		next.tv_sec += (time_t)interval;
		next.tv_nsec += (long)((interval - (long)interval) * 1e9);
		if (next.tv_nsec >= 1000000000L) {
			next.tv_sec++;
			next.tv_nsec -= 1000000000L;
		}
		if (i + 1 < n)
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("%.3f %.3f %ld %zu\n", ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6, ru.ru_maxrss, contexts);
	vs_sampler_free(s);
	vs_config_free(cfg);
	return 0;
}
