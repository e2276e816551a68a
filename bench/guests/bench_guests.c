// SPDX-License-Identifier: GPL-2.0-or-later
/* bench-guests [N]: builds N guests (default 50) from one busybox template in a
 * temporary state tree, then times, per guest, start; stop --timeout 0; and a
 * graceful stop (the template's init handles SIGTERM). Prints median and 95th
 * percentile of each. Needs root; its cgroups nest under its own cgroup and are
 * removed at the end. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <vsmon/guest.h>
#include <vsmon/vsmon.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	double p95 = v[(int)ceil(0.95 * n) - 1];
	printf("%-28s n=%d  median %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", what, n, v[n / 2], p95,
	       v[n - 1]);
}

static void bench_log(void *data, enum vs_log_level level, const char *msg)
{
	if (level <= VS_LOG_WARNING)
		vs_log_stderr(data, level, msg);
}

static int die(const char *what, int r, char *msg)
{
	fprintf(stderr, "bench-guests: %s: %s\n", what, msg ? msg : strerror(-r));
	free(msg);
	return 1;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 50, rc = 1, r;
	char tmpl[] = "/tmp/vsbench.XXXXXX", text[1024], name[32], *msg = NULL;
	struct vs_config *cfg = NULL;
	double *start = NULL, *kill0 = NULL, *grace = NULL;

	if (n < 1 || n > 1000 || geteuid() != 0) {
		fprintf(stderr, "usage: bench-guests [N]   (as root; N from 1 to 1000)\n");
		return 2;
	}
	vs_log_set_handler(bench_log, NULL);
	if (!mkdtemp(tmpl))
		return die("mkdtemp", -errno, NULL);
	/* run_dir on tmpfs, as /run/vsmon is: the state file is fsynced twice per start. */
	snprintf(text, sizeof(text),
		 "guests_dir = %s/guests\nstate_dir = %s/state\nrun_dir = /run/vsbench-%ld\n"
		 "cgroup_parent = vsbench-%ld\n",
		 tmpl, tmpl, (long)getpid(), (long)getpid());
	if ((r = vs_config_parse_string(text, "bench", &cfg, &msg)) < 0)
		return die("config", r, msg);
	start = calloc((size_t)n, sizeof(double));
	kill0 = calloc((size_t)n, sizeof(double));
	grace = calloc((size_t)n, sizeof(double));
	if (!start || !kill0 || !grace)
		goto out;
	if ((r = vs_template_create(cfg, "base", VS_TPL_BUSYBOX, NULL, &msg)) < 0) {
		die("template", r, msg);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "b%03d", i);
		if ((r = vs_guest_build(cfg, name, "base", 0, NULL, 0, &msg)) < 0) {
			die(name, r, msg);
			goto out;
		}
	}
	printf("%d guests from one busybox template, library calls in one process\n", n);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < n; i++) {
			snprintf(name, sizeof(name), "b%03d", i);
			double t = now_ms();
			if ((r = vs_guest_start(cfg, name, &msg)) < 0) {
				die(name, r, msg);
				goto out;
			}
			start[i] = now_ms() - t;
		}
		/* All n run at once before any stops: the realistic case for stop. */
		for (int i = 0; i < n; i++) {
			snprintf(name, sizeof(name), "b%03d", i);
			double t = now_ms();
			if ((r = vs_guest_stop(cfg, name, round ? 10 : 0, &msg)) < 0) {
				die(name, r, msg);
				goto out;
			}
			(round ? grace : kill0)[i] = now_ms() - t;
		}
		if (round == 0)
			report("start", start, n);
	}
	report("stop --timeout 0", kill0, n);
	report("stop (graceful, SIGTERM)", grace, n);
	rc = 0;
out:
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "b%03d", i);
		vs_guest_destroy(cfg, name, true, NULL);
	}
	if (cfg) {
		vs_template_remove(cfg, "base", NULL);
		/* The parent cgroups vs_guest_start created under ours. */
		enum vs_cgroup_mode mode;
		if (vs_cgroup_detect_mode("/sys/fs/cgroup", &mode) == 0)
			for (int h = 0; h < VS_H__COUNT; h++) {
				char *dir = vs_cgroup_hier_dir("/sys/fs/cgroup", mode,
							       (enum vs_hier)h),
				     *self = NULL;
				if (dir && vs_cgroup_of_pid("/proc", 0, mode, (enum vs_hier)h,
							    &self) == 0) {
					snprintf(text, sizeof(text), "%s%s/vsbench-%ld", dir,
						 strcmp(self, "/") ? self : "", (long)getpid());
					rmdir(text);
				}
				free(dir);
				free(self);
			}
		/* The temporary tree: what destroy and template remove left (counters, locks). */
		snprintf(text, sizeof(text), "%s/state/xid.counter", tmpl);
		unlink(text);
		snprintf(text, sizeof(text), "%s/state/templates", tmpl);
		rmdir(text);
		snprintf(text, sizeof(text), "%s/state", tmpl);
		rmdir(text);
		snprintf(text, sizeof(text), "%s/guests", tmpl);
		rmdir(text);
		rmdir(tmpl);
		snprintf(text, sizeof(text), "/run/vsbench-%ld/.vsctl.lock", (long)getpid());
		unlink(text);
		*strrchr(text, '/') = '\0';
		rmdir(text);
	}
	vs_config_free(cfg);
	free(start);
	free(kill0);
	free(grace);
	return rc;
}
