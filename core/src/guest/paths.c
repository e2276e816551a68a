// SPDX-License-Identifier: GPL-2.0-or-later
/* Where a guest's files live, its lock, and small process helpers. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"
#include "util/log-internal.h"
#include "util/parse.h"

char *vs_guest_conf_path(const struct vs_config *cfg, const char *name)
{
	return vs_asprintf("%s/%s.conf", cfg->guests_dir, name);
}

char *vs_guest_dir(const struct vs_config *cfg, const char *name)
{
	return vs_path_join(cfg->state_dir, name);
}

char *vs_guest_console_path(const struct vs_config *cfg, const char *name)
{
	return vs_asprintf("%s/%s/console.log", cfg->state_dir, name);
}

char *vs_guest_state_path(const struct vs_config *cfg, const char *name)
{
	return vs_asprintf("%s/%s.state", cfg->run_dir, name);
}

char *vs_template_path(const struct vs_config *cfg, const char *name)
{
	return vs_path_join(cfg->template_dir, name);
}

int vs_guest_lock(const struct vs_config *cfg, const char *name, int *out)
{
	char *path;
	int fd, r;

	r = vs_mkdir_p(cfg->run_dir, 0755);
	if (r < 0)
		return r;
	path = vs_asprintf("%s/%s.lock", cfg->run_dir, name ? name : ".vsctl");
	if (!path)
		return -ENOMEM;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			r = -errno;
			close(fd);
			return r;
		}
	}
	*out = fd;
	return 0;
}

void vs_guest_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

static int paths_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) < 0 ? -1 : 0;
	return unlink(path) < 0 ? -1 : 0;
}

int vs_rm_rf(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	/* FTW_PHYS: never follow a link out of the tree; FTW_MOUNT: never cross into a
	 * mount that was left behind. */
	if (nftw(path, paths_rm_one, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) < 0)
		return errno ? -errno : -EIO;
	return 0;
}

int vs_guest_run(char *const argv[], char **out, size_t max, bool quiet)
{
	int pfd[2] = {-1, -1}, status, r = 0;
	char *buf = NULL;
	size_t len = 0;
	pid_t pid;

	if (out) {
		if (pipe2(pfd, O_CLOEXEC) < 0)
			return -errno;
		if (!(buf = malloc(max + 1))) {
			r = -ENOMEM;
			goto out;
		}
	}
	pid = fork();
	if (pid < 0) {
		r = -errno;
		goto out;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			if (quiet)
				dup2(null, 2);
		}
		if (out)
			dup2(pfd[1], 1);
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (out) {
		close(pfd[1]);
		pfd[1] = -1;
		for (;;) {
			ssize_t k = read(pfd[0], buf + len, max - len);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			len += (size_t)k;
			if (len == max)
				break; /* the rest is dropped: bounded, like every buffer here */
		}
		close(pfd[0]);
		pfd[0] = -1;
		buf[len] = '\0';
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			r = -errno;
			goto out;
		}
	r = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (out && r == 0) {
		*out = buf;
		buf = NULL;
	}
out:
	if (pfd[0] >= 0)
		close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	free(buf);
	return r;
}

double vs_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int vs_pid_start_ticks(pid_t pid, uint64_t *out)
{
	char path[64], *text = NULL;
	struct vs_pid_stat ps;
	int r;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	r = vs_read_file(AT_FDCWD, path, 4096, &text, NULL);
	if (r < 0)
		return r;
	r = vs_parse_pid_stat(text, &ps);
	free(text);
	if (r < 0)
		return r;
	if (ps.state == 'Z' || ps.state == 'X')
		return -ESRCH; /* exited, not yet reaped */
	*out = ps.starttime;
	return 0;
}

int vs_guest_state_probe(const struct vs_config *cfg, const char *name, struct vs_guest_state *st)
{
	char *path = vs_guest_state_path(cfg, name), *err = NULL;
	struct vs_guest_state s = {0};
	uint64_t ticks;
	int r;

	if (!path)
		return -ENOMEM;
	r = vs_state_read(path, &s, &err);
	free(path);
	if (r == -ENOENT) {
		free(err);
		return 0;
	}
	if (r < 0) {
		/* A damaged state file: treat as a guest to clean up. */
		vs_logf(VS_LOG_WARNING, "%s", err ? err : "unreadable state file");
		free(err);
		memset(st, 0, sizeof(*st));
		snprintf(st->name, sizeof(st->name), "%s", name);
		return -ESTALE;
	}
	free(err);
	r = vs_pid_start_ticks(s.init_pid, &ticks);
	*st = s;
	if (r < 0 || ticks != s.init_start_ticks)
		return -ESTALE;
	return 1;
}
