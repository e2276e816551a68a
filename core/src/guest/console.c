// SPDX-License-Identifier: GPL-2.0-or-later
/* The guest's console: its init's stdout and stderr go through a pipe to a small
 * detached process that appends to <state_dir>/<name>/console.log and rotates it
 * (one old copy, console.log.1) when it passes VS_CONSOLE_MAX, so a chatty guest
 * cannot fill the disk. The copier ends when the last writer in the guest does. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"

#define VS_CONSOLE_MAX (1024 * 1024)

static int console_reopen(const char *path, off_t *size)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0640);
	*size = fd >= 0 && fstat(fd, &st) == 0 ? st.st_size : 0;
	return fd;
}

static void console_copy(int in, const char *path, const char *old)
{
	char buf[16384];
	off_t size;
	int out = console_reopen(path, &size);

	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (size + n > VS_CONSOLE_MAX) {
			if (out >= 0)
				close(out);
			rename(path, old);
			out = console_reopen(path, &size);
		}
		for (ssize_t off = 0; out >= 0 && off < n;) {
			ssize_t k = write(out, buf + off, (size_t)(n - off));
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			off += k;
		}
		size += n;
	}
}

int vs_guest_console_open(const struct vs_config *cfg, const char *name, int *wfd)
{
	char *path = vs_guest_console_path(cfg, name), *old = NULL;
	int p[2] = {-1, -1}, status, r = 0;
	pid_t pid;

	if (!path || !(old = vs_asprintf("%s.1", path))) {
		r = -ENOMEM;
		goto out;
	}
	if (pipe2(p, O_CLOEXEC) < 0) {
		r = -errno;
		goto out;
	}
	/* Check we can write the log before handing out a pipe that nobody reads. */
	int t = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
	if (t < 0) {
		r = -errno;
		goto out;
	}
	close(t);
	pid = fork();
	if (pid < 0) {
		r = -errno;
		goto out;
	}
	if (pid == 0) {
		/* Fork again so the copier is nobody's child: the caller reaps this one. */
		if (fork() != 0)
			_exit(0);
		setsid();
		signal(SIGHUP, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		signal(SIGPIPE, SIG_IGN);
		prctl(PR_SET_NAME, "vsmon-console", 0, 0, 0);
		int null = open("/dev/null", O_RDWR);
		dup2(p[0], 0);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		close_range(3, ~0u, 0);
		if (chdir("/") < 0) {
			/* nothing to do: the paths are absolute */
		}
		console_copy(0, path, old);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	close(p[0]);
	p[0] = -1;
	*wfd = p[1];
	p[1] = -1;
out:
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	free(path);
	free(old);
	return r;
}
