// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-task write accounting on the live /proc: a child writes a known amount, and the
 * sum of the interval counts it whether its descriptor is kept or, past the
 * descriptor budget, opened again for each read. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "procfs/taskio.h"

#define MiB (1024 * 1024)

/* A child that writes len bytes to path when told to (a byte on go), then reports
 * done and waits to be killed. */
struct writer {
	pid_t pid;
	int go, done;
};

static struct writer writer_start(const char *path, size_t len)
{
	int go[2], done[2];
	struct writer w;
	char c;

	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(done), 0);
	w.pid = fork();
	assert_true(w.pid >= 0);
	if (w.pid == 0) {
		static char block[65536];
		int fd;
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		memset(block, 'x', sizeof(block));
		for (size_t n = 0; fd >= 0 && n < len; n += sizeof(block))
			if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
				_exit(2);
		(void)!write(done[1], "d", 1);
		for (;;)
			pause();
	}
	close(go[0]);
	close(done[1]);
	w.go = go[1];
	w.done = done[0];
	return w;
}

static void writer_run(struct writer *w)
{
	char c;
	assert_int_equal(write(w->go, "g", 1), 1);
	assert_int_equal(read(w->done, &c, 1), 1);
}

static void writer_stop(struct writer *w)
{
	kill(w->pid, SIGKILL);
	waitpid(w->pid, NULL, 0);
	close(w->go);
	close(w->done);
}

static uint64_t self_write_bytes(void)
{
	char buf[1024];
	FILE *f = fopen("/proc/self/io", "r");
	unsigned long long v = 0;

	while (f && fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "write_bytes: %llu", &v) == 1)
			break;
	if (f)
		fclose(f);
	return v;
}

/* Whether writes to a file in the current directory reach /proc/PID/io write_bytes:
 * tmpfs, ramfs and the like have no storage layer to account them to. Tried, not
 * guessed from the file system's type. */
static bool cwd_accounts_writes(const char *path)
{
	static char block[65536];
	uint64_t before = self_write_bytes();
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	bool wrote = fd >= 0 && write(fd, block, sizeof(block)) == (ssize_t)sizeof(block);

	if (fd >= 0)
		close(fd);
	return wrote && self_write_bytes() >= before + sizeof(block);
}

static void run(int keep_below, bool expect_kept)
{
	/* /proc/PID/io counts writes to a disk-backed file when pages are dirtied
	 * (not on tmpfs): the test directory is the build tree's. */
	char path[] = "taskio-XXXXXX";
	int tmp = mkstemp(path);
	struct vs_taskio t = {0};
	struct cg_buf buf = {0};
	uint64_t delta = 99;
	int proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	struct writer w;

	if (tmp < 0 || !cwd_accounts_writes(path)) {
		print_message("skip: writes in the test directory are not accounted (tmpfs?)\n");
		close(proc);
		if (tmp >= 0) {
			close(tmp);
			unlink(path);
		}
		skip();
	}
	assert_true(tmp >= 0 && proc >= 0);
	close(tmp);
	w = writer_start(path, 2 * MiB);
	int pids[1] = {w.pid};
	assert_int_equal(vs_taskio_update(&t, proc, pids, 1, keep_below, &buf, &delta), 0);
	assert_int_equal(delta, 0); /* a new task starts its baseline */
	assert_int_equal(t.n, 1);
	assert_int_equal(t.v[0].fd >= 0, expect_kept);
	writer_run(&w);
	assert_int_equal(vs_taskio_update(&t, proc, pids, 1, keep_below, &buf, &delta), 0);
	assert_true(delta >= 2 * MiB);
	assert_true(delta <= 2 * MiB + 64 * 1024);
	/* Gone: left out, nothing counted. */
	writer_stop(&w);
	assert_int_equal(vs_taskio_update(&t, proc, pids, 1, keep_below, &buf, &delta), 0);
	assert_int_equal(delta, 0);
	assert_int_equal(t.n, 0);
	vs_taskio_clear(&t);
	cg_buf_free(&buf);
	close(proc);
	unlink(path);
}

static void taskio_kept_descriptor(void **state)
{
	(void)state;
	run(1 << 30, true);
}

/* keep_below 0: no descriptor may be kept, every read opens the file again. */
static void taskio_past_the_budget(void **state)
{
	(void)state;
	run(0, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(taskio_kept_descriptor),
	    cmocka_unit_test(taskio_past_the_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
