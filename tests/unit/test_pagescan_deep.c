// SPDX-License-Identifier: GPL-2.0-or-later
/* Deep tier: the radix sort and the kpage block cache on synthetic data; then real
 * scans of child processes (root only: skipped otherwise): a shared mapping between
 * two contexts, pages counted once per frame and context, a vanished process, a huge
 * sparse mapping, and "unavailable" without CAP_SYS_ADMIN. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <sys/capability.h>

#include "pagescan/pagescan.h"
#include "util/fileio.h"
#include "util/parse.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void deep_sort_matches_qsort(void **state)
{
	size_t n = 100000;
	uint64_t *a = malloc(n * 8), *b = malloc(n * 8), *scratch = malloc(n * 8);
	uint64_t x = 88172645463325252ull;

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(scratch);
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* Frame-like keys: 30 bits of pfn, 20 of context, many duplicates. */
		a[i] = b[i] = ((x % 50000) << 20) | (x >> 60);
	}
	vs_pagescan_sort_u64(a, n, scratch);
	qsort(b, n, 8, cmp_u64);
	assert_memory_equal(a, b, n * 8);
	/* Degenerate inputs. */
	vs_pagescan_sort_u64(a, 0, scratch);
	a[0] = 5;
	vs_pagescan_sort_u64(a, 1, scratch);
	assert_int_equal(a[0], 5);
	free(a);
	free(b);
	free(scratch);
}

static void deep_kpage_cache(void **state)
{
	char path[] = "/tmp/vs-kpage-XXXXXX";
	int fd = mkstemp(path);
	struct vs_kpage_cache *c = malloc(sizeof(*c));
	uint64_t v;

	assert_true(fd >= 0);
	assert_non_null(c);
	for (uint64_t i = 0; i < 2000; i++) {
		uint64_t w = i * 3;
		assert_int_equal(write(fd, &w, 8), 8);
	}
	vs_kpage_cache_init(c, fd);
	assert_int_equal(vs_kpage_get(c, 10, 20, &v), 0);
	assert_int_equal(v, 30);
	assert_int_equal(vs_kpage_get(c, 20, 20, &v), 0); /* cached */
	assert_int_equal(v, 60);
	assert_int_equal(c->reads, 1);
	assert_int_equal(vs_kpage_get(c, 21, 21, &v), 0); /* beyond the span read */
	assert_int_equal(v, 63);
	assert_int_equal(c->reads, 2);
	assert_int_equal(vs_kpage_get(c, 600, 5000, &v), 0); /* next block, to its end */
	assert_int_equal(v, 1800);
	assert_int_equal(vs_kpage_get(c, 1023, 1023, &v), 0);
	assert_int_equal(v, 3069);
	assert_int_equal(c->reads, 3);
	assert_int_equal(vs_kpage_get(c, 1999, 1999, &v), 0);
	assert_int_equal(v, 5997);
	assert_int_equal(vs_kpage_get(c, 2000, 2000, &v), -ERANGE); /* past the end */
	close(fd);
	unlink(path);
	free(c);
}

/* A child that maps `shared` (inherited), touches its own private pages, reports
 * ready on a pipe and waits to be killed. */
static pid_t spawn(unsigned char *shared, size_t len, size_t private_len)
{
	int p[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		unsigned char sum = 0;
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		unsigned char *priv = private_len ? malloc(private_len) : NULL;
		for (size_t i = 0; i < len; i += 4096)
			sum += shared[i];
		for (size_t i = 0; i < private_len; i += 4096)
			priv[i] = (unsigned char)i;
		(void)!write(p[1], &sum, 1); /* uses the reads */
		for (;;)
			pause();
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

struct scan {
	struct vs_deep_ctx_result res[3];
	struct vs_deep_template tmpl[1];
	struct vs_deep_host host;
};

static int deep_run(struct vs_deep_ctx *ctx, size_t n, bool maps, struct scan *s)
{
	struct vs_pagescan *ps;
	int r;
	assert_int_equal(vs_pagescan_new("/proc", &ps), 0);
	vs_pagescan_force_maps_walk(ps, maps);
	r = vs_pagescan_deep(ps, ctx, n, s->res, s->tmpl, 1, &s->host);
	vs_pagescan_free(ps);
	return r;
}

static bool deep_possible(void)
{
	return geteuid() == 0 && access("/proc/kpagecount", R_OK) == 0;
}

#define MiB (1024u * 1024u)

static void deep_two_contexts_share(void **state)
{
	size_t len = 4 * MiB;
	unsigned char *shared;
	pid_t a, b, gone;
	struct scan s;

	if (!deep_possible())
		skip();
	shared = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(shared != MAP_FAILED);
	memset(shared, 1, len);
	a = spawn(shared, len, MiB);
	b = spawn(shared, len, 0);
	gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);

	/* Context 0 lists a twice and a vanished pid: a frame counts once per context. */
	pid_t pa[] = {a, a, gone}, pb[] = {b};
	/* The maps walk reads 8 bytes per page of address space: a sanitizer's terabytes
	 * of shadow mappings would take minutes. */
	int maps_runs = 1;
#if defined(__SANITIZE_ADDRESS__)
	maps_runs = 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	maps_runs = 0;
#endif
#endif
	for (int maps = 0; maps <= maps_runs; maps++) {
		struct vs_deep_ctx ctx[2] = {
		    {pa, 3, NULL, 0, false, 0},
		    {pb, 1, NULL, 0, false, 0},
		};
		assert_int_equal(deep_run(ctx, 2, maps, &s), 0);
		assert_int_equal(s.res[0].nvanished, 1);
		assert_true(s.res[0].cross_shared_bytes >= len);
		assert_true(s.res[1].cross_shared_bytes >= len);
		assert_true(s.res[0].shared_with_2_bytes >= len);
		assert_int_equal(s.res[0].shared_with_10_plus_bytes, 0);
		/* a's private MiB is not cross-shared; listed twice (v1 cgroup.procs may),
		 * it is walked once: neither its Rss nor its distinct frames double. */
		assert_true(s.res[0].distinct_bytes >= len + MiB);
		assert_true(s.res[0].rss_bytes <= s.res[0].distinct_bytes + 8192);
		assert_true(s.res[0].cross_shared_bytes < s.res[0].distinct_bytes - MiB + 4096);
		/* No memcg inodes given: nobody is charged. */
		assert_int_equal(s.res[0].charged_for_others_bytes, 0);
		assert_int_equal(s.res[1].charged_to_others_bytes, 0);
		/* Host: the saving is summed Rss minus distinct frames. */
		assert_int_equal(s.host.saved_bytes, s.host.rss_bytes - s.host.distinct_bytes);
		assert_true(s.host.saved_bytes >= len);
		assert_int_equal(s.tmpl[0].rss_bytes, s.host.rss_bytes);
		assert_true(s.host.pss_bytes <= s.host.rss_bytes);
	}
	reap(a);
	reap(b);
	munmap(shared, len);
}

static void deep_huge_sparse_mapping(void **state)
{
	size_t huge = (size_t)64 << 30; /* 64 GiB of address space, 3 pages touched */
	unsigned char *p;
	pid_t pid, self[1];
	struct scan s;

	if (!deep_possible())
		skip();
	p = mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		 -1, 0);
	if (p == MAP_FAILED)
		skip();
	p[0] = 1;
	p[huge / 2] = 2;
	p[huge - 1] = 3;
	pid = spawn(p, 0, 0);
	self[0] = pid;
	struct vs_deep_ctx ctx[1] = {{self, 1, NULL, 0, false, -1}};
	assert_int_equal(deep_run(ctx, 1, false, &s), 0);
	/* Three private pages (the child's copy-on-write view) plus its own text. */
	assert_true(s.res[0].rss_bytes >= 3 * 4096);
	assert_true(s.host.pages < 100000);
	reap(pid);
	munmap(p, huge);
}

/* This test's v1 memory cgroup directory, or false (pure v2: a cgroup with processes
 * cannot give its children the memory controller). */
static bool memcg_v1_dir(char *out, size_t cap)
{
	char *buf = NULL;
	const char *cg;
	size_t len;
	bool ok;

	if (access("/sys/fs/cgroup/memory/cgroup.procs", W_OK) != 0 ||
	    vs_read_file(AT_FDCWD, "/proc/self/cgroup", 65536, &buf, &len) < 0)
		return false;
	ok = vs_parse_pid_cgroup(buf, "memory", &cg, &len) == 0;
	if (ok)
		snprintf(out, cap, "/sys/fs/cgroup/memory%.*s", (int)len, cg);
	free(buf);
	return ok;
}

static void join_cgroup(const char *dir)
{
	char path[700];
	FILE *f;
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f) != 0)
		_exit(2);
}

/* A process that faults 8 MiB in memcg a, then moves to b and faults 8 MiB more: the
 * first 8 MiB stay charged to a (charges do not move with a task). The sampled
 * shortcut for exclusive anon pages must see that, and agree with looking up every
 * page. */
static void deep_moved_process_charged_elsewhere(void **state)
{
	char base[512], a[600], b[600];
	size_t len = 8 * MiB;
	uint64_t *inos_a = NULL, *inos_b = NULL;
	size_t na = 0, nb = 0;
	int p[2] = {-1, -1}, setup;
	pid_t pid = -1;
	char c = 0;
	/* Asserted after the clean-up, so a failure leaves no process or cgroup. */
	uint64_t to_others[2] = {0}, for_others[2] = {0}, rss[2] = {0};
	int rc[2] = {-1, -1};

	if (!deep_possible())
		skip();
	if (!memcg_v1_dir(base, sizeof(base))) {
		print_message("skip: needs a writable v1 memory hierarchy\n");
		skip();
	}
	snprintf(a, sizeof(a), "%s/vs-deep-a-%d", base, (int)getpid());
	snprintf(b, sizeof(b), "%s/vs-deep-b-%d", base, (int)getpid());
	setup = mkdir(a, 0755) == 0 && mkdir(b, 0755) == 0 && pipe(p) == 0 ? 0 : -errno;
	if (setup == 0 && (pid = fork()) == 0) {
		unsigned char *m1, *m2;
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		join_cgroup(a);
		m1 = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		/* No huge page: khugepaged would collapse m1 into a new page charged to b
		 * between the two scans. */
		if (m1 == MAP_FAILED || madvise(m1, len, MADV_NOHUGEPAGE) < 0)
			_exit(3);
		memset(m1, 1, len);
		join_cgroup(b);
		m2 = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m2 == MAP_FAILED || madvise(m2, len, MADV_NOHUGEPAGE) < 0)
			_exit(3);
		memset(m2, 2, len);
		(void)!write(p[1], "r", 1);
		for (;;)
			pause();
	}
	if (p[1] >= 0)
		close(p[1]);
	if (setup == 0 && pid > 0 && read(p[0], &c, 1) == 1 && c == 'r' &&
	    vs_pagescan_memcg_inos(a, &inos_a, &na) == 0 &&
	    vs_pagescan_memcg_inos(b, &inos_b, &nb) == 0) {
		for (int every = 0; every <= 1; every++) {
			struct vs_deep_ctx ctx[2] = {
			    {NULL, 0, inos_a, na, false, -1},
			    {&pid, 1, inos_b, nb, false, -1},
			};
			struct vs_pagescan *ps;
			struct scan s = {0};
			if (vs_pagescan_new("/proc", &ps) < 0)
				break;
			vs_pagescan_force_every_page(ps, every);
			rc[every] = vs_pagescan_deep(ps, ctx, 2, s.res, s.tmpl, 1, &s.host);
			vs_pagescan_free(ps);
			to_others[every] = s.res[1].charged_to_others_bytes;
			for_others[every] = s.res[0].charged_for_others_bytes;
			rss[every] = s.res[1].rss_bytes;
		}
	}
	if (p[0] >= 0)
		close(p[0]);
	if (pid > 0)
		reap(pid);
	free(inos_a);
	free(inos_b);
	int gone_a = rmdir(a), gone_b = rmdir(b);
	assert_int_equal(setup, 0);
	assert_int_equal(c, 'r'); /* the child joined both cgroups and faulted its pages */
	assert_int_equal(gone_a, 0);
	assert_int_equal(gone_b, 0);
	for (int every = 0; every <= 1; every++) {
		assert_int_equal(rc[every], 0);
		/* a's 8 MiB plus the few pages the child touched between the two moves. */
		assert_true(to_others[every] >= len);
		assert_true(to_others[every] <= len + 64 * 4096);
		assert_int_equal(for_others[every], to_others[every]);
		assert_true(rss[every] >= 2 * len);
	}
	assert_int_equal(to_others[0], to_others[1]);
	/* The child may still fault a few pages of its own between the scans (under
	 * AddressSanitizer it does): its Rss agrees within 1 MiB. */
	assert_true(rss[0] + MiB >= rss[1] && rss[1] + MiB >= rss[0]);
}

/* Without CAP_SYS_ADMIN pagemap shows PFN 0: the scan is unavailable, not zeros. */
static void deep_unavailable_without_cap(void **state)
{
	pid_t pid;
	int status;

	if (!deep_possible())
		skip();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		cap_t c = cap_get_proc();
		cap_value_t v[] = {CAP_SYS_ADMIN};
		struct vs_deep_ctx_result res[1];
		struct vs_deep_host host;
		pid_t self[] = {getpid()};
		struct vs_deep_ctx ctx[1] = {{self, 1, NULL, 0, false, -1}};
		struct vs_pagescan *ps;
		if (!c || cap_set_flag(c, CAP_EFFECTIVE, 1, v, CAP_CLEAR) < 0 ||
		    cap_set_flag(c, CAP_PERMITTED, 1, v, CAP_CLEAR) < 0 || cap_set_proc(c) < 0)
			_exit(3);
		if (vs_pagescan_new("/proc", &ps) < 0)
			_exit(4);
		_exit(vs_pagescan_deep(ps, ctx, 1, res, NULL, 0, &host) == -EPERM ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(deep_sort_matches_qsort),
	    cmocka_unit_test(deep_kpage_cache),
	    cmocka_unit_test(deep_two_contexts_share),
	    cmocka_unit_test(deep_huge_sparse_mapping),
	    cmocka_unit_test(deep_moved_process_charged_elsewhere),
	    cmocka_unit_test(deep_unavailable_without_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
