// SPDX-License-Identifier: GPL-2.0-or-later
/* bench-graphs [CONTEXTS] [STEPS]: one step of every context's files written three
 * ways in one run, against a private rrdcached (journal on, as etc/rrdcached ships):
 *   BATCH     the recorder's store: every file of the step in one BATCH
 *   rrdc      librrd's client, one rrdc_update round trip per file
 *   direct    rrd_update_r per file, no daemon
 * then in-process rrd_graph_v time per graph (SVG and PNG, a day of data) and its size.
 * Prints microseconds per file update (median over STEPS steps) and ms per graph. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rrd.h>
#include <rrd_client.h>

#include "vsgraph.h"

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_d);
	return v[n / 2];
}

/* The fields the benchmark fills: a context's stored ones of the four groups drawn. */
static bool bench_field(const struct vs_field *fd)
{
	return (fd->flags & VS_FF_CONTEXT) && fd->kind != VS_FK_RATE &&
	       (fd->group == VS_G_CPU || fd->group == VS_G_MEM || fd->group == VS_G_IO ||
		fd->group == VS_G_TASKS);
}

/* Synthetic values for context i at step k: counters grow, levels wander. */
static void fill(struct vs_metrics *m, unsigned i, unsigned k)
{
	memset(m, 0, sizeof(*m));
	for (int f = 0; f < VS_F__COUNT; f++) {
		const struct vs_field *fd = &vs_fields[f];
		if (!bench_field(fd))
			continue;
		if (fd->type == VS_FT_F64)
			vs_metrics_set_f64(m, fd->id, 100.0);
		else if (fd->kind == VS_FK_COUNTER)
			vs_metrics_set_u64(m, fd->id, (uint64_t)k * 60 * (1000 + i));
		else
			vs_metrics_set_u64(m, fd->id, 1000000u + i * 1000u + k);
	}
}

/* Render data for one guest at step k: levels are at `level` (0 to 1000) parts of their
 * scale and counters grow at a rate that follows it. Limits stay put, a peak is the
 * highest level so far and events (OOM kills, limit hits) are rare, as on a real guest,
 * unless `worst`: then limits and peaks follow the level too and an event happens every
 * minute (a tick on every pixel). */
struct render_series {
	uint64_t counter[VS_F__COUNT];
	unsigned peak;
};

static bool field_is_event(const struct vs_field *fd)
{
	return strcmp(fd->key, "oom_kills") == 0 || strstr(fd->key, "_hits") != NULL;
}

static void fill_render(struct vs_metrics *m, struct render_series *s, unsigned level, unsigned k,
			bool worst)
{
	memset(m, 0, sizeof(*m));
	for (int f = 0; f < VS_F__COUNT; f++) {
		const struct vs_field *fd = &vs_fields[f];
		if (!bench_field(fd))
			continue;
		if (fd->kind == VS_FK_LIMIT && !worst) {
			if (fd->type == VS_FT_F64)
				vs_metrics_set_f64(m, fd->id, 150.0);
			else
				vs_metrics_set_u64(m, fd->id, 1200u * 1000u);
		} else if (strstr(fd->key, "_peak_") && !worst) {
			if (level > s->peak)
				s->peak = level;
			vs_metrics_set_u64(m, fd->id, (uint64_t)s->peak * 1000u);
		} else if (fd->type == VS_FT_F64) {
			vs_metrics_set_f64(m, fd->id, level / 10.0);
		} else if (fd->kind == VS_FK_COUNTER) {
			if (field_is_event(fd))
				s->counter[f] += worst || k % 180 == 90; /* 8 a day */
			else
				s->counter[f] += (uint64_t)level * 60 * 1000;
			vs_metrics_set_u64(m, fd->id, s->counter[f]);
		} else {
			vs_metrics_set_u64(m, fd->id, (uint64_t)level * 1000u);
		}
	}
}

static pid_t start_cached(const char *dir, const char *sock)
{
	char *jdir = vsg_asprintf("%s/journal", dir), *laddr = vsg_asprintf("unix:%s", sock);
	/* A private pid file: the default /var/run/rrdcached.pid belongs to the system's. */
	char *pidf = vsg_asprintf("%s/rrdcached.pid", dir);
	mkdir(jdir, 0755);
	pid_t pid = fork();
	if (pid == 0) {
		execlp("rrdcached", "rrdcached", "-g", "-l", laddr, "-j", jdir, "-B", "-b", dir,
		       "-w", "3600", "-z", "1", "-f", "7200", "-F", "-p", pidf, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200 && access(sock, F_OK) < 0; i++)
		usleep(10000);
	free(jdir);
	free(laddr);
	free(pidf);
	return pid;
}

int main(int argc, char **argv)
{
	unsigned nctx = argc > 1 ? (unsigned)atoi(argv[1]) : 1000;
	if (nctx < 3)
		nctx = 3; /* the render part uses three guests */
	unsigned steps = argc > 2 ? (unsigned)atoi(argv[2]) : 5;
	char tmpl[] = "/tmp/bench-graphs.XXXXXX", *dir = mkdtemp(tmpl);
	char *sock = vsg_asprintf("%s/rrdcached.sock", dir), *addr = vsg_asprintf("unix:%s", sock);
	char *rrd_b = vsg_asprintf("%s/batch", dir), *rrd_d = vsg_asprintf("%s/direct", dir);
	struct vs_metrics *m = calloc(nctx, sizeof(*m));
	struct vsg_ctx_sample *cs = calloc(nctx, sizeof(*cs));
	char(*names)[16] = calloc(nctx, 16);
	double *tb = calloc(steps, sizeof(double)), *tr = calloc(steps, sizeof(double)),
	       *td = calloc(steps, sizeof(double));
	time_t t0 = (time(NULL) / 60) * 60 - 86400;
	pid_t cached;
	struct vsg_store *sb = NULL, *sd = NULL;
	unsigned long files = 0;

	if (!dir || !m || !cs || !names || !tb || !tr || !td)
		return 1;
	vsg_verbosity = VS_LOG_ERR;
	cached = start_cached(dir, sock);
	for (unsigned i = 0; i < nctx; i++) {
		snprintf(names[i], 16, "g%u", i);
		cs[i] = (struct vsg_ctx_sample){
		    .name = names[i], .xid = i + 1, .state = VS_STATE_RUNNING, .m = &m[i]};
	}
	struct vsg_store_opts ob = {.rrd_dir = rrd_b, .step = 60, .rrdcached = addr};
	struct vsg_store_opts od = {.rrd_dir = rrd_d, .step = 60};
	if (vsg_store_new(&ob, &sb) < 0 || vsg_store_new(&od, &sd) < 0)
		return 1;
	/* Step 0 creates the files (not timed). */
	for (unsigned i = 0; i < nctx; i++)
		fill(&m[i], i, 0);
	struct vsg_sample smp = {.t = t0, .ctx = cs, .n = nctx};
	vsg_store_record(sb, &smp);
	vsg_store_record(sd, &smp);
	files = vsg_store_stats(sd)->created;
	printf("contexts %u, files per step %lu, steps %u, rrdcached journal on\n", nctx, files,
	       steps);

	/* rrdc_update needs the list of files and their update strings: build them as the
	 * store does (same values), outside the timing. */
	struct vsg_strv paths = {0};
	for (unsigned i = 0; i < nctx; i++)
		for (int g = 0; g < VS_G__COUNT; g++) {
			char *sd2 = vsg_set_dir(rrd_b, VSG_SET_GUEST, names[i]);
			char *f = vsg_group_file(sd2, (enum vs_group)g);
			if (vsg_file_exists(f))
				vsg_strv_add(&paths, "%s", f);
			free(f);
			free(sd2);
		}
	rrdc_connect(addr);
	for (unsigned k = 1; k <= steps; k++) {
		for (unsigned i = 0; i < nctx; i++)
			fill(&m[i], i, 2 * k - 1);
		smp.t = t0 + (time_t)(2 * k - 1) * 60;
		double a = now_sec();
		vsg_store_record(sb, &smp);
		tb[k - 1] = (now_sec() - a) / (double)files * 1e6;

		/* rrdc_update: one round trip per file; values of the right width. */
		time_t t = t0 + (time_t)(2 * k) * 60;
		a = now_sec();
		for (size_t p = 0; p < paths.n; p++) {
			rrd_info_t *dummy = NULL;
			(void)dummy;
			size_t nds = strstr(paths.v[p], "cpu.rrd")	? 7
				     : strstr(paths.v[p], "memory.rrd") ? 10
				     : strstr(paths.v[p], "io.rrd")	? 4
									: 4;
			char val[512];
			int off = snprintf(val, sizeof(val), "%lld", (long long)t);
			for (size_t d = 0; d < nds; d++)
				off += snprintf(val + off, sizeof(val) - (size_t)off, ":%u",
						1000u * k);
			const char *vals[1] = {val};
			if (rrdc_update(paths.v[p], 1, vals) != 0 && k == 1 && p == 0)
				fprintf(stderr, "rrdc_update: %s\n", rrd_get_error());
		}
		tr[k - 1] = (now_sec() - a) / (double)paths.n * 1e6;

		for (unsigned i = 0; i < nctx; i++)
			fill(&m[i], i, 2 * k);
		smp.t = t;
		a = now_sec();
		vsg_store_record(sd, &smp);
		td[k - 1] = (now_sec() - a) / (double)files * 1e6;
	}
	rrdc_disconnect();
	const struct vsg_store_stats *s1 = vsg_store_stats(sb), *s2 = vsg_store_stats(sd);
	printf("BATCH (store, one BATCH per step):  %7.2f us per file update  (%lu updates, %lu "
	       "errors)\n",
	       median(tb, steps), s1->updates, s1->errors);
	printf("rrdc_update (one round trip each): %7.2f us per file update\n", median(tr, steps));
	printf("direct rrd_update_r (store):        %7.2f us per file update  (%lu updates, %lu "
	       "errors)\n",
	       median(td, steps), s2->updates, s2->errors);
	double a = now_sec();
	vsg_store_flush(sb);
	struct vsg_rrdcc *cc = vsg_rrdcc_new(addr);
	for (size_t p = 0; p < paths.n; p++)
		vsg_rrdcc_flush(cc, paths.v[p]);
	vsg_rrdcc_free(cc);
	printf("flushing %zu files through rrdcached: %.0f ms\n", paths.n, (now_sec() - a) * 1e3);

	/* Rendering: a day of one-minute data for one guest, graphs drawn in-process. */
	struct vsg_store *sg = NULL;
	char *rrd_g = vsg_asprintf("%s/graph", dir);
	struct vsg_store_opts og = {.rrd_dir = rrd_g, .step = 60};
	vsg_store_new(&og, &sg);
	/* Three series: g0 jumps to an unrelated level every minute (the worst case for PNG
	 * compression and for drawing), g1 follows a daily curve with a little jitter, as
	 * real load does, g2 is g0 with its limits jumping too and an event every minute. */
	static struct render_series rs[3];
	for (unsigned k = 0; k < 1440; k++) {
		unsigned noisy = (k * 7919) % 1000;
		fill_render(&m[0], &rs[0], noisy, k, false);
		fill_render(&m[1], &rs[1],
			    (unsigned)(500 + 400 * sin(2 * M_PI * k / 1440.0)) + (k * 7919) % 20, k,
			    false);
		fill_render(&m[2], &rs[2], noisy, k, true);
		struct vsg_sample one = {.t = t0 + (time_t)k * 60, .ctx = cs, .n = 3};
		vsg_store_record(sg, &one);
	}
	static const char *const graphs[] = {"cpu", "memory", "io", "tasks"};
	static const char *const series[] = {"noisy", "smooth", "worst"};
	for (int sr = 0; sr < 3; sr++) {
		char *gdir = vsg_set_dir(rrd_g, VSG_SET_GUEST, names[sr]);
		for (int png = 0; png < 2; png++) {
			struct vsg_render_opts ro = {.rrd_dir = rrd_g,
						     .png = png,
						     .width = 800,
						     .height = 300,
						     .end = t0 + 1440 * 60};
			for (size_t g = 0; g < 4; g++) {
				double tt[20];
				char *out = vsg_asprintf("%s/out.%s", dir, png ? "png" : "svg");
				for (int r = 0; r < 20; r++) {
					a = now_sec();
					vsg_render_graph(&ro, gdir, names[sr], graphs[g], VSG_P_DAY,
							 out, NULL);
					tt[r] = (now_sec() - a) * 1e3;
				}
				struct stat st;
				double kib = stat(out, &st) == 0 ? (double)st.st_size / 1024 : NAN;
				printf("render %-7s %s 800x300, day, %-6s data: %6.2f ms per graph "
				       "(median of 20), %6.1f KiB\n",
				       graphs[g], png ? "PNG" : "SVG", series[sr], median(tt, 20),
				       kib);
				free(out);
			}
		}
		free(gdir);
	}
	vsg_store_free(sg);
	vsg_store_free(sb);
	vsg_store_free(sd);
	kill(cached, SIGTERM);
	waitpid(cached, NULL, 0);
	/* Leave nothing behind. */
	pid_t rm = fork();
	if (rm == 0) {
		execlp("rm", "rm", "-rf", dir, (char *)NULL);
		_exit(127);
	}
	waitpid(rm, NULL, 0);
	vsg_strv_free(&paths);
	free(rrd_g);
	free(sock);
	free(addr);
	free(rrd_b);
	free(rrd_d);
	free(m);
	free(cs);
	free(names);
	free(tb);
	free(tr);
	free(td);
	return 0;
}
