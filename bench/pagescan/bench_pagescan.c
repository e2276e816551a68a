// SPDX-License-Identifier: GPL-2.0-or-later
/* Shared-page tiers against their baselines, on the same processes in one run:
 *   cheap tier (vs_pagescan_rollup)  vs a bare open/read/close loop over smaps_rollup;
 *   deep tier (vs_pagescan_deep)     vs `smem -t` (per-process PSS only).
 * Contexts for the deep tier: one per memory cgroup, so the cross-context attribution
 * is computed too. Needs root for the deep tier.
 *   bench_pagescan [ROUNDS] [LOAD]
 * LOAD adds known processes beside the machine's own for the run (docs/shared-pages.md
 * quotes each): anon (two holding 200 MiB of their own memory each), file (two mapping
 * one 128 MiB file, two holding 64 MiB each), or none (the default). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pagescan/pagescan.h"
#include "util/fileio.h"
#include "util/parse.h"

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* The baseline: what any tool does, open, read, close, find Pss. */
static uint64_t bare_rollup_loop(const pid_t *pids, size_t n)
{
	char path[64], buf[8192];
	uint64_t pss = 0;

	for (size_t i = 0; i < n; i++) {
		ssize_t len;
		char *p;
		int fd;
		snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pids[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		p = strstr(buf, "\nPss:");
		if (p)
			pss += strtoull(p + 5, NULL, 10) * 1024;
	}
	return pss;
}

struct group {
	char path[256];
	pid_t *pids;
	size_t n;
	uint64_t *inos;
	size_t ninos;
};

/* Processes grouped by their memory cgroup (v1 "memory" line, else the v2 "0::" one). */
static size_t group_pids(const pid_t *pids, size_t n, struct group *g, size_t max)
{
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		char p[64], *buf = NULL;
		const char *cg;
		size_t len, k;
		snprintf(p, sizeof(p), "/proc/%d/cgroup", (int)pids[i]);
		if (vs_read_file(AT_FDCWD, p, 65536, &buf, &len) < 0)
			continue;
		if (vs_parse_pid_cgroup(buf, "memory", &cg, &len) < 0 &&
		    vs_parse_pid_cgroup(buf, "", &cg, &len) < 0) {
			free(buf);
			continue;
		}
		for (k = 0; k < ng; k++)
			if (strlen(g[k].path) == len && strncmp(g[k].path, cg, len) == 0)
				break;
		if (k == ng && ng == max)
			k = max - 1; /* too many cgroups: the last group takes the rest */
		if (k == ng && ng < max) {
			snprintf(g[ng].path, sizeof(g[ng].path), "%.*s", (int)len, cg);
			ng++;
		}
		if (k < ng) {
			g[k].pids = realloc(g[k].pids, (g[k].n + 1) * sizeof(pid_t));
			g[k].pids[g[k].n++] = pids[i];
		}
		free(buf);
	}
	return ng;
}

/* A child that touches `anon` bytes of its own and, when fd >= 0, maps and reads
 * `file` bytes of that file; it tells `ready` and waits to be killed. */
static pid_t load_child(size_t anon, int fd, size_t file, int ready)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	unsigned char sum = 0;
	if (anon) {
		unsigned char *a =
		    mmap(NULL, anon, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (a == MAP_FAILED)
			_exit(1);
		for (size_t i = 0; i < anon; i += 4096)
			a[i] = 1;
	}
	if (fd >= 0) {
		const unsigned char *f = mmap(NULL, file, PROT_READ, MAP_SHARED, fd, 0);
		if (f == MAP_FAILED)
			_exit(1);
		for (size_t i = 0; i < file; i += 4096)
			sum += f[i];
	}
	(void)!write(ready, &sum, 1);
	for (;;)
		pause();
}

/* Start the processes of a named load; their pids go to kids (at most 4). */
static int load_start(const char *load, pid_t *kids, size_t *nkids)
{
	const size_t MiB = 1024 * 1024;
	int p[2] = {-1, -1}, fd = -1, r = -1;
	char c;

	*nkids = 0;
	if (strcmp(load, "none") == 0)
		return 0;
	if (strcmp(load, "anon") != 0 && strcmp(load, "file") != 0) {
		fprintf(stderr, "bench_pagescan: LOAD is none, anon or file, not %s\n", load);
		return -1;
	}
	if (pipe(p) < 0)
		goto out;
	if (strcmp(load, "anon") == 0) {
		for (int i = 0; i < 2; i++)
			kids[(*nkids)++] = load_child(200 * MiB, -1, 0, p[1]);
	} else {
		/* On disk, not tmpfs: page cache, as a template's files are. */
		char path[] = "bench-pagescan-XXXXXX";
		static char block[1 << 20];
		fd = mkstemp(path);
		if (fd < 0)
			goto out;
		unlink(path);
		memset(block, 7, sizeof(block));
		for (int i = 0; i < 128; i++)
			if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
				goto out;
		for (int i = 0; i < 2; i++)
			kids[(*nkids)++] = load_child(0, fd, 128 * MiB, p[1]);
		for (int i = 0; i < 2; i++)
			kids[(*nkids)++] = load_child(64 * MiB, -1, 0, p[1]);
	}
	for (size_t i = 0; i < *nkids; i++)
		if (kids[i] < 0 || read(p[0], &c, 1) != 1)
			goto out;
	r = 0;
out:
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	if (fd >= 0)
		close(fd);
	return r;
}

static double run_smem(void)
{
	char *argv[] = {"smem", "-t", NULL};
	posix_spawn_file_actions_t fa;
	double t0 = now_ms();
	pid_t pid;
	int st;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "smem", &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return now_ms() - t0;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 20;
	pid_t pids[8192];
	size_t n = 0;
	static struct group groups[256];
	struct vs_deep_ctx ctx[256];
	struct vs_deep_ctx_result res[256];
	struct vs_deep_host host = {0};
	struct vs_rollup_sum sum;
	struct vs_pagescan *ps;
	double t_bare[64], t_cheap[64], t_deep[64], t_maps[64], t_smem[8];
	const char *memroot = "/sys/fs/cgroup/memory";
	size_t ng;
	DIR *d = opendir("/proc");
	struct dirent *de;
	int deep_rc = 0, nsmem = 0;
	uint64_t bare_pss = 0;

	pid_t kids[4];
	size_t nkids = 0;
	if (rounds < 1 || rounds > 64)
		rounds = 20;
	if (load_start(argc > 2 ? argv[2] : "none", kids, &nkids) < 0) {
		fprintf(stderr, "bench_pagescan: could not start load %s\n", argv[2]);
		for (size_t i = 0; i < nkids; i++)
			if (kids[i] > 0)
				kill(kids[i], SIGKILL);
		return 2;
	}
	/* Not this process: its own scan buffers would differ between the two tiers. */
	while (d && (de = readdir(d)) && n < 8192)
		if (atoi(de->d_name) > 0 && atoi(de->d_name) != getpid())
			pids[n++] = atoi(de->d_name);
	if (d)
		closedir(d);
	if (access(memroot, F_OK) != 0)
		memroot = "/sys/fs/cgroup";
	ng = group_pids(pids, n, groups, 256);
	for (size_t k = 0; k < ng; k++) {
		char dir[512];
		snprintf(dir, sizeof(dir), "%s%s", memroot, groups[k].path);
		/* The root group is the rest of the host, as context 0 in the sampler: it
		 * claims no inodes, or it would claim every other group's too. */
		if (strcmp(groups[k].path, "/") != 0)
			vs_pagescan_memcg_inos(dir, &groups[k].inos, &groups[k].ninos);
		ctx[k] = (struct vs_deep_ctx){groups[k].pids,
					      groups[k].n,
					      groups[k].inos,
					      groups[k].ninos,
					      strcmp(groups[k].path, "/") == 0,
					      -1};
	}
	if (vs_pagescan_new("/proc", &ps) < 0)
		return 1;

	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		bare_pss = bare_rollup_loop(pids, n);
		t_bare[i] = now_ms() - t0;
		t0 = now_ms();
		vs_pagescan_rollup(ps, pids, n, &sum);
		t_cheap[i] = now_ms() - t0;
	}
	for (int i = 0; i < rounds && deep_rc == 0; i++) {
		double t0 = now_ms();
		vs_pagescan_force_maps_walk(ps, false);
		deep_rc = vs_pagescan_deep(ps, ctx, ng, res, NULL, 0, &host);
		t_deep[i] = now_ms() - t0;
		t0 = now_ms();
		vs_pagescan_force_maps_walk(ps, true);
		vs_pagescan_deep(ps, ctx, ng, res, NULL, 0, &host);
		t_maps[i] = now_ms() - t0;
	}
	/* The Pss comparison: both tiers back to back, so process churn stays small. */
	vs_pagescan_force_maps_walk(ps, false);
	if (deep_rc == 0)
		deep_rc = vs_pagescan_deep(ps, ctx, ng, res, NULL, 0, &host);
	vs_pagescan_rollup(ps, pids, n, &sum);
	for (int i = 0; i < 5; i++) {
		double t = run_smem();
		if (t < 0)
			break;
		t_smem[nsmem++] = t;
	}

	printf("processes: %zu in %zu memory cgroups, %d rounds (median ms)\n", n, ng, rounds);
	double mb = median(t_bare, rounds), mc = median(t_cheap, rounds);
	printf("cheap tier:   vs_pagescan_rollup %.2f ms   bare smaps_rollup loop %.2f ms   "
	       "ratio %.2fx (target <= 1.2x)\n",
	       mc, mb, mc / mb);
	printf("              Pss %.1f MiB (bare loop %.1f MiB)\n", sum.total.pss / 1048576.0,
	       bare_pss / 1048576.0);
	if (deep_rc != 0) {
		printf("deep tier:    unavailable (%s)\n", strerror(-deep_rc));
	} else {
		double md = median(t_deep, rounds), mm = median(t_maps, rounds);
		printf(
		    "deep tier:    %.2f ms (PAGEMAP_SCAN walk), %.2f ms (maps walk); %llu pages, "
		    "%.1f MiB distinct, working memory %.2f MiB\n",
		    md, mm, (unsigned long long)host.pages, host.distinct_bytes / 1048576.0,
		    host.mem_used_bytes / 1048576.0);
		printf("              Pss pagemap %.1f MiB vs smaps_rollup %.1f MiB (%.2f%%)\n",
		       host.pss_bytes / 1048576.0, sum.total.pss / 1048576.0,
		       100.0 * ((double)host.pss_bytes - (double)sum.total.pss) /
			   (double)sum.total.pss);
		if (nsmem)
			printf("smem -t:      %.1f ms   deep tier is %.1fx faster (target >= 4x)\n",
			       median(t_smem, nsmem), median(t_smem, nsmem) / md);
		else
			printf("smem -t:      not run (smem missing or failed)\n");
	}
	for (size_t k = 0; k < ng; k++) {
		free(groups[k].pids);
		free(groups[k].inos);
	}
	vs_pagescan_free(ps);
	for (size_t i = 0; i < nkids; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	return 0;
}
