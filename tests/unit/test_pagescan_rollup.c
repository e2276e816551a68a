// SPDX-License-Identifier: GPL-2.0-or-later
/* Cheap tier: the smaps_rollup parser on strings and the verbatim fixture, and the
 * per-context sum over a fixture /proc tree (vanished and unreadable processes). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "pagescan/pagescan.h"
#include "util/fileio.h"

#define FIXTURE VS_SHARED_FIXTURES "/cgroup-v2-host/g1-busy/proc-pid-smaps_rollup"

static char *rollup_fixture(void)
{
	char *buf = NULL;
	size_t len;
	if (vs_read_file(AT_FDCWD, FIXTURE, 1 << 16, &buf, &len) < 0)
		return NULL;
	return buf;
}

static void rollup_parse_fixture(void **state)
{
	struct vs_rollup r;
	char *buf = rollup_fixture();

	if (!buf)
		skip();
	assert_int_equal(vs_rollup_parse(buf, &r), 0);
	assert_int_equal(r.rss, 2256 * 1024);
	assert_int_equal(r.pss, 406 * 1024);
	assert_int_equal(r.shared, 2148 * 1024);
	assert_int_equal(r.uss, 108 * 1024);
	assert_int_equal(r.swap, 0);
	assert_int_equal(r.swap_pss, 0);
	assert_int_equal(r.ksm, 0);
	free(buf);
}

static void rollup_parse_strings(void **state)
{
	struct vs_rollup r;

	/* Shared and private dirty count too: freshly written pages are dirty. */
	assert_int_equal(vs_rollup_parse("00400000-7fff [rollup]\nRss: 40 kB\nPss: 20 kB\n"
					 "Shared_Clean: 8 kB\nShared_Dirty: 16 kB\n"
					 "Private_Clean: 4 kB\nPrivate_Dirty: 12 kB\n"
					 "Swap: 8 kB\nSwapPss: 4 kB\nKSM: 12 kB\n",
					 &r),
			 0);
	assert_int_equal(r.rss, 40 * 1024);
	assert_int_equal(r.pss, 20 * 1024);
	assert_int_equal(r.shared, 24 * 1024);
	assert_int_equal(r.uss, 16 * 1024);
	assert_int_equal(r.swap, 8 * 1024);
	assert_int_equal(r.swap_pss, 4 * 1024);
	assert_int_equal(r.ksm, 12 * 1024);
	/* An older kernel without SwapPss or KSM: those read as 0. */
	assert_int_equal(vs_rollup_parse("Rss: 4 kB\nPss: 4 kB\n", &r), 0);
	assert_int_equal(r.ksm, 0);
	/* Kernel threads and zombies: empty. */
	assert_int_equal(vs_rollup_parse("", &r), -ENODATA);
	/* Rss and Pss are required; a malformed value is an error. */
	assert_int_equal(vs_rollup_parse("Rss: 4 kB\n", &r), -EINVAL);
	assert_int_equal(vs_rollup_parse("Rss: 4 kB\nPss: x kB\n", &r), -EINVAL);
	assert_int_equal(vs_rollup_parse("Rss: 4 kB\nPss: 4 kB junk\n", &r), -EINVAL);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void put(const char *root, const char *rel, const char *text)
{
	char *p = vs_path_join(root, rel);
	FILE *f;
	assert_non_null(p);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void rollup_sum_fixture_tree(void **state)
{
	char root[] = "/tmp/vs-pagescan-XXXXXX", *fix = rollup_fixture(), cmd[128];

	struct vs_pagescan *ps;
	struct vs_rollup_sum s;
	const pid_t pids[] = {100, 101, 102, 103, 104};

	if (!fix)
		skip();
	assert_non_null(mkdtemp(root));
	for (int pid = 100; pid <= 104; pid++) {
		char d[64];
		snprintf(d, sizeof(d), "%s/%d", root, pid);
		if (pid != 102)
			assert_int_equal(mkdir(d, 0755), 0);
	}
	put(root, "100/smaps_rollup", fix);
	put(root, "101/smaps_rollup", "");  /* kernel thread */
	put(root, "104/smaps_rollup", fix); /* a second process */
	/* 102: gone. 103: unreadable (a directory stands in for EACCES: root reads all). */
	snprintf(cmd, sizeof(cmd), "%s/103/smaps_rollup", root);
	assert_int_equal(mkdir(cmd, 0755), 0);

	assert_int_equal(vs_pagescan_new(root, &ps), 0);
	assert_int_equal(vs_pagescan_rollup(ps, pids, 5, &s), 0);
	assert_int_equal(s.total.rss, 2 * 2256 * 1024);
	assert_int_equal(s.total.pss, 2 * 406 * 1024);
	assert_int_equal(s.total.uss, 2 * 108 * 1024);
	assert_int_equal(s.total.shared, 2 * 2148 * 1024);
	assert_int_equal(s.nread, 3);
	assert_int_equal(s.nvanished, 1);
	assert_true(s.partial);
	/* Only readable processes: not partial. */
	assert_int_equal(vs_pagescan_rollup(ps, pids, 3, &s), 0);
	assert_false(s.partial);
	assert_int_equal(s.nvanished, 1);
	vs_pagescan_free(ps);
	assert_int_equal(vs_pagescan_new("/nonexistent/proc", &ps), -ENOENT);

	free(fix);
	assert_int_equal(nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

static const char stat_a[] = "100 (sleep) S 1 100 100 0 -1 0 145 0 0 0 1 2 0 0 20 0 1 0 4521 "
			     "5844992 537 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0\n";
static const char stat_b[] = "100 (sleep) S 1 100 100 0 -1 0 146 0 0 0 1 2 0 0 20 0 1 0 4521 "
			     "5844992 538 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0\n";

/* A process whose /proc/PID/stat did not move keeps its last rollup until it is
 * max_age old; one whose stat moved is read again at once; max_age 0 always reads.
 * Files are rewritten in place, as the kernel's are regenerated on every read. */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n - 1; /* the directory's own descriptor */
}

/* One sweep at now with max_age, then pid's rollup: the Pss it sums to. */
static uint64_t sweep_pss(struct vs_pagescan *ps, double now, double max_age, pid_t pid)
{
	struct vs_rollup_sum s;
	vs_pagescan_rollup_sweep(ps, now, max_age, true);
	assert_int_equal(vs_pagescan_rollup(ps, &pid, 1, &s), 0);
	assert_int_equal(s.nread, 1);
	return s.total.pss;
}

static void rollup_reuse_until_max_age(void **state)
{
	char root[] = "/tmp/vs-pagescan-XXXXXX", d[64];
	struct vs_pagescan *ps;
	struct vs_rollup_sum s;
	const pid_t pid = 100;
	(void)state;

	assert_non_null(mkdtemp(root));
	snprintf(d, sizeof(d), "%s/100", root);
	assert_int_equal(mkdir(d, 0755), 0);
	put(root, "100/stat", stat_a);
	put(root, "100/smaps_rollup", "Rss: 8 kB\nPss: 4 kB\n");
	assert_int_equal(vs_pagescan_new(root, &ps), 0);

	assert_int_equal(sweep_pss(ps, 100.0, 5.0, pid), 4 * 1024);
	/* Pss moved (another process mapped the pages) but the process was idle. */
	put(root, "100/smaps_rollup", "Rss: 8 kB\nPss: 2 kB\n");
	assert_int_equal(sweep_pss(ps, 104.0, 5.0, pid), 4 * 1024);
	/* max_age reached: read again. */
	assert_int_equal(sweep_pss(ps, 105.0, 5.0, pid), 2 * 1024);
	/* The process faulted a page: read at once. */
	put(root, "100/smaps_rollup", "Rss: 12 kB\nPss: 6 kB\n");
	put(root, "100/stat", stat_b);
	assert_int_equal(sweep_pss(ps, 105.5, 5.0, pid), 6 * 1024);
	/* max_age 0: every sweep reads. */
	put(root, "100/smaps_rollup", "Rss: 12 kB\nPss: 3 kB\n");
	assert_int_equal(sweep_pss(ps, 105.6, 0, pid), 3 * 1024);
	/* The rollup and stat descriptors are kept between sweeps, and given back by a
	 * sweep without keep_fds (the process is short of descriptors, or the figures
	 * are no longer asked for); the figures stay until the next sweep. */
	int open_fds = count_fds();
	vs_pagescan_rollup_sweep(ps, 106.0, 5.0, false);
	assert_int_equal(count_fds(), open_fds - 2);
	vs_pagescan_rollup_sweep(ps, 111.0, 5.0, true); /* past max_age: both read */
	assert_int_equal(vs_pagescan_rollup(ps, &pid, 1, &s), 0);
	assert_int_equal(count_fds(), open_fds);
	vs_pagescan_free(ps);
	assert_int_equal(count_fds(), open_fds - 3); /* and the scanner's proc root */

	/* Without a readable stat (a fixture tree, hidepid) every sweep reads. */
	const pid_t pid2 = 101;
	snprintf(d, sizeof(d), "%s/101", root);
	assert_int_equal(mkdir(d, 0755), 0);
	put(root, "101/smaps_rollup", "Rss: 12 kB\nPss: 7 kB\n");
	assert_int_equal(vs_pagescan_new(root, &ps), 0);
	assert_int_equal(sweep_pss(ps, 200.0, 5.0, pid2), 7 * 1024);
	put(root, "101/smaps_rollup", "Rss: 12 kB\nPss: 1 kB\n");
	assert_int_equal(sweep_pss(ps, 201.0, 5.0, pid2), 1 * 1024);
	vs_pagescan_free(ps);
	assert_int_equal(nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rollup_parse_fixture),
	    cmocka_unit_test(rollup_parse_strings),
	    cmocka_unit_test(rollup_sum_fixture_tree),
	    cmocka_unit_test(rollup_reuse_until_max_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
