// SPDX-License-Identifier: GPL-2.0-or-later
/* Sweep benchmark: N contexts (cgroups nested under this process's own cgroup, one
 * sleeping process each), timed three ways on the same cgroups in one run:
 *   engine  vs_sampler_sample() (reads, parses, models, builds a snapshot)
 *   bare    a C loop that pread()s the same files through kept-open descriptors
 *   cgtop   systemd-cgtop -b over the same machine
 * Prints CPU microseconds per context per sweep and the engine/bare ratio.
 * Usage: bench-sweep [N ...]   (default 200 1000). Needs root. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <vsmon/vsmon.h>
#include "cgroup/backend.h"
#include "util/fileio.h"

#define ROUNDS 20

static const char *bench_cgroot = "/sys/fs/cgroup";
static enum vs_cgroup_mode bench_mode;
static char *bench_base[VS_H__COUNT]; /* our parent cgroup path per hierarchy */

static double bench_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static bool bench_hier_used(int h)
{
	if (bench_mode == VS_CG_V2)
		return h == VS_H_UNIFIED;
	return h != VS_H_UNIFIED || bench_mode == VS_CG_HYBRID;
}

static char *bench_dir(int h, const char *rel)
{
	char *hd = vs_cgroup_hier_dir(bench_cgroot, bench_mode, (enum vs_hier)h);
	char *d = vs_path_join(hd, rel);
	free(hd);
	return d;
}

struct bench_ctx {
	pid_t pid;
	char *rel[VS_H__COUNT];
};

static int bench_make(struct bench_ctx *c, size_t i, const char *tmp)
{
	char name[64], pidbuf[32];
	struct vs_guest_state st = {0};
	c->pid = fork();
	if (c->pid == 0) {
		for (;;)
			pause();
	}
	if (c->pid < 0)
		return -errno;
	snprintf(pidbuf, sizeof(pidbuf), "%d", c->pid);
	for (int h = 0; h < VS_H__COUNT; h++) {
		if (!bench_hier_used(h))
			continue;
		c->rel[h] = vs_asprintf("%s/c%zu", bench_base[h], i);
		char *d = bench_dir(h, c->rel[h]);
		if (mkdir(d, 0755) < 0 && errno != EEXIST) {
			fprintf(stderr, "mkdir %s: %s\n", d, strerror(errno));
			free(d);
			return -errno;
		}
		char *procs = vs_path_join(d, "cgroup.procs");
		vs_write_string(procs, pidbuf);
		free(procs);
		free(d);
		st.cgroup[h] = c->rel[h];
	}
	snprintf(st.name, sizeof(st.name), "b%zu", i);
	st.xid = (uint32_t)(i + 1);
	st.init_pid = c->pid;
	st.state = VS_STATE_RUNNING;
	char stat[64], *text = NULL;
	snprintf(stat, sizeof(stat), "/proc/%d/stat", c->pid);
	if (vs_read_file(AT_FDCWD, stat, 4096, &text, NULL) == 0) {
		const char *p = strrchr(text, ')');
		unsigned long long v = 0;
		for (int f = 3; p && f <= 22; f++)
			p = strchr(p + 1, ' ');
		if (p)
			v = strtoull(p + 1, NULL, 10);
		st.init_start_ticks = v;
		free(text);
	}
	snprintf(name, sizeof(name), "%s/run/b%zu.state", tmp, i);
	vs_state_write(name, &st);
	snprintf(name, sizeof(name), "%s/guests/b%zu.conf", tmp, i);
	char conf[32];
	snprintf(conf, sizeof(conf), "xid = %zu\n", i + 1);
	vs_write_atomic(name, conf, strlen(conf), 0644);
	return 0;
}

static void bench_destroy(struct bench_ctx *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].pid > 0)
			kill(c[i].pid, SIGKILL);
	for (size_t i = 0; i < n; i++) {
		if (c[i].pid > 0)
			waitpid(c[i].pid, NULL, 0);
		for (int h = 0; h < VS_H__COUNT; h++) {
			if (!c[i].rel[h])
				continue;
			char *d = bench_dir(h, c[i].rel[h]);
			for (int k = 0; k < 50 && rmdir(d) < 0 && errno == EBUSY; k++)
				usleep(10000);
			free(d);
			free(c[i].rel[h]);
		}
	}
}

/* One file of the bare loop: kept open, or (v1 cgroup.procs, and what the descriptor
 * limit leaves out) reopened on every read, exactly as the engine reads it. */
struct bench_file {
	int fd;
	char *path;
};

/* The engine's own file set for one context, opened the way the engine opens it. */
static size_t bench_open_files(const struct bench_ctx *c, struct bench_file *fs, size_t max)
{
	struct vs_cgctx *cg = NULL;
	size_t n = 0;
	if (vs_cgctx_open(bench_cgroot, bench_mode, c->rel, &cg) < 0)
		return 0;
	for (int f = 0; f < CGF__COUNT && n < max; f++) {
		if (cg->fd[f] >= 0)
			fs[n++] = (struct bench_file){dup(cg->fd[f]), NULL};
		else if (cg->path[f])
			fs[n++] = (struct bench_file){-1, strdup(cg->path[f])};
	}
	vs_cgctx_close(cg);
	char p[64];
	snprintf(p, sizeof(p), "/proc/%d/io", c->pid);
	if (n < max)
		fs[n++] = (struct bench_file){open(p, O_RDONLY | O_CLOEXEC), NULL};
	return n;
}

static void bench_read_file(const struct bench_file *f, char *buf)
{
	int fd = f->fd;
	if (fd < 0 && f->path)
		fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && pread(fd, buf, 16384, 0) < 0)
		buf[0] = 0;
	if (fd >= 0 && fd != f->fd)
		close(fd);
}

static double bench_cgtop(size_t *rows)
{
	/* systemd-cgtop in batch mode, 5 refreshes; its CPU time from wait4. */
	struct rusage ru;
	int pipefd[2], status;
	pid_t pid;
	char buf[65536];
	size_t lines = 0;
	ssize_t k;

	if (access("/usr/bin/systemd-cgtop", X_OK) != 0 || pipe(pipefd) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		execl("/usr/bin/systemd-cgtop", "systemd-cgtop", "-b", "-n", "5", "-d", "0.5",
		      "--depth=20", "-r", (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	while ((k = read(pipefd[0], buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < k; i++)
			lines += buf[i] == '\n';
	close(pipefd[0]);
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	*rows = lines / 5;
	return ((double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec) * 1e6 +
	       (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec;
}

static int bench_run(size_t n)
{
	char tmp[] = "/tmp/vsbenchXXXXXX";
	struct bench_ctx *c = calloc(n, sizeof(*c));
	struct vs_config *cfg = NULL;
	struct vs_sampler *s = NULL;
	struct bench_file *fds = NULL;
	size_t nfds = 0;
	int r = 0;

	if (!c || !mkdtemp(tmp))
		return -ENOMEM;
	char *g = vs_path_join(tmp, "guests"), *rd = vs_path_join(tmp, "run");
	mkdir(g, 0755);
	mkdir(rd, 0755);
	for (size_t i = 0; i < n; i++)
		if ((r = bench_make(&c[i], i, tmp)) < 0)
			goto out;
	vs_config_defaults(&cfg);
	free(cfg->guests_dir);
	free(cfg->run_dir);
	cfg->guests_dir = g;
	cfg->run_dir = rd;
	g = rd = NULL;
	/* Three alternating repetitions; the minimum of each is the least disturbed by
	 * whatever else the machine runs. The two cannot hold their descriptors at once
	 * at 1000 contexts (about 22k each), so each repetition opens its own. */
	/* Core I's groups: the cgroup files and per-task io the bare loop reads too
	 * (the shared-page tiers have their own benchmark, bench/pagescan). */
	struct vs_sampler_opts o = {
	    .config = cfg,
	    .groups = (1u << VS_G_CPU) | (1u << VS_G_MEM) | (1u << VS_G_IO) | (1u << VS_G_IOTASK) |
		      (1u << VS_G_TASKS) | (1u << VS_G_PSI) | (1u << VS_G_LOAD),
	};
	double engine = 1e30, bare = 1e30;
	char *buf = malloc(16384);
	fds = malloc(n * 40 * sizeof(*fds));
	if (!buf || !fds) {
		free(buf);
		r = -ENOMEM;
		goto out;
	}
	for (int rep = 0; rep < 3; rep++) {
		struct vs_snapshot *snap = NULL;
		if ((r = vs_sampler_new(&o, &s)) < 0) {
			free(buf);
			goto out;
		}
		vs_sampler_sample(s, &snap); /* opens everything */
		vs_snapshot_unref(snap);
		double t0 = bench_cpu();
		for (int k = 0; k < ROUNDS; k++) {
			if ((r = vs_sampler_sample(s, &snap)) < 0) {
				free(buf);
				goto out;
			}
			vs_snapshot_unref(snap);
		}
		double e = (bench_cpu() - t0) / ROUNDS / (double)n;
		engine = e < engine ? e : engine;
		s = vs_sampler_free(s);

		nfds = 0;
		for (size_t i = 0; i < n; i++)
			nfds += bench_open_files(&c[i], fds + nfds, 40);
		t0 = bench_cpu();
		for (int k = 0; k < ROUNDS; k++)
			for (size_t i = 0; i < nfds; i++)
				bench_read_file(&fds[i], buf);
		double b = (bench_cpu() - t0) / ROUNDS / (double)n;
		bare = b < bare ? b : bare;
		size_t open_ok = 0;
		for (size_t i = 0; i < nfds; i++) {
			if (fds[i].fd >= 0) {
				open_ok++;
				close(fds[i].fd);
			}
			open_ok += fds[i].path != NULL;
			free(fds[i].path);
		}
		if (open_ok < nfds && rep == 0)
			printf("(bare loop: only %zu of %zu files open: RLIMIT_NOFILE; the engine "
			       "reopens what it cannot keep open)\n",
			       open_ok, nfds);
	}
	free(buf);

	size_t rows = 0;
	double cg = bench_cgtop(&rows);
	printf("%5zu contexts, %4.1f files each: engine %7.1f us/context/sweep, bare loop %7.1f "
	       "us, ratio %.2fx",
	       n, (double)nfds / (double)n, engine, bare, engine / bare);
	if (cg >= 0 && rows > 0)
		printf("; systemd-cgtop %7.1f us per cgroup per refresh (%zu rows)\n",
		       cg / 5 / (double)rows, rows);
	else
		printf("; systemd-cgtop not available\n");
out:
	free(fds);
	vs_sampler_free(s);
	vs_config_free(cfg);
	free(g);
	free(rd);
	bench_destroy(c, n);
	free(c);
	char cmd[64];
	snprintf(cmd, sizeof(cmd), "%s", tmp);
	/* remove the temp tree: state files and confs only */
	for (size_t i = 0; i < n; i++) {
		char p[128];
		snprintf(p, sizeof(p), "%s/run/b%zu.state", tmp, i);
		unlink(p);
		snprintf(p, sizeof(p), "%s/guests/b%zu.conf", tmp, i);
		unlink(p);
	}
	char p[128];
	snprintf(p, sizeof(p), "%s/run", tmp);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/guests", tmp);
	rmdir(p);
	rmdir(cmd);
	return r;
}

int main(int argc, char **argv)
{
	size_t counts[16] = {200, 1000};
	int ncounts = 2, r = 0;

	if (geteuid() != 0) {
		fprintf(stderr, "bench-sweep: needs root (creates cgroups)\n");
		return 77;
	}
	if (argc > 1) {
		ncounts = 0;
		for (int i = 1; i < argc && ncounts < 16; i++)
			counts[ncounts++] = strtoul(argv[i], NULL, 10);
	}
	if (vs_cgroup_detect_mode(bench_cgroot, &bench_mode) < 0)
		return 1;
	struct rlimit rl = {65536, 65536};
	setrlimit(RLIMIT_NOFILE, &rl);
	for (int h = 0; h < VS_H__COUNT; h++) {
		char *self = NULL;
		if (!bench_hier_used(h))
			continue;
		if (vs_cgroup_of_pid("/proc", 0, bench_mode, (enum vs_hier)h, &self) < 0)
			return 1;
		bench_base[h] =
		    vs_asprintf("%s/vsbench-%d", strcmp(self, "/") ? self : "", (int)getpid());
		free(self);
		char *d = bench_dir(h, bench_base[h]);
		mkdir(d, 0755);
		free(d);
	}
	printf("vsmon sweep benchmark, cgroup %s, %d rounds each\n",
	       vs_cgroup_mode_name(bench_mode), ROUNDS);
	for (int i = 0; i < ncounts && r == 0; i++)
		r = bench_run(counts[i]);
	for (int h = 0; h < VS_H__COUNT; h++) {
		if (!bench_base[h])
			continue;
		char *d = bench_dir(h, bench_base[h]);
		rmdir(d);
		free(d);
		free(bench_base[h]);
	}
	if (r < 0)
		fprintf(stderr, "bench-sweep: %s\n", strerror(-r));
	return r < 0;
}
