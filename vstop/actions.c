// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actions.h"

/* What `vsctl stop` waits by default before killing what is left. */
#define ACT_STOP_TIMEOUT_SEC 10.0

static pid_t act_child = -1;
static int act_fd = -1;
static char act_what[64];

const char *act_name(enum act_kind k)
{
	return k == ACT_START ? "start" : k == ACT_STOP ? "stop" : "restart";
}

/* Runs in the child: the one place that calls guest control (libvsmon's, never vsctl),
 * so a slow stop (SIGTERM, then the timeout) does not freeze the screen. */
static int act_guest_do(const struct vs_config *cfg, const char *guest, enum act_kind k, char *msg,
			size_t len)
{
	char *err = NULL;
	int r;

	switch (k) {
	case ACT_START:
		r = vs_guest_start(cfg, guest, &err);
		break;
	case ACT_STOP:
		r = vs_guest_stop(cfg, guest, ACT_STOP_TIMEOUT_SEC, &err);
		break;
	default:
		r = vs_guest_restart(cfg, guest, ACT_STOP_TIMEOUT_SEC, &err);
		break;
	}
	if (r < 0)
		snprintf(msg, len, "cannot %s %s: %s", act_name(k), guest,
			 err ? err : strerror(-r));
	free(err);
	return r;
}

int act_guest_begin(const struct vs_config *cfg, const char *guest, enum act_kind k)
{
	int p[2];

	if (act_child > 0)
		return -EBUSY;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	act_child = fork();
	if (act_child < 0) {
		int e = -errno;
		close(p[0]);
		close(p[1]);
		act_child = -1;
		return e;
	}
	if (act_child == 0) {
		char msg[256];
		int r;
		close(p[0]);
		signal(SIGINT, SIG_IGN); /* a ^C meant for the viewer must not cut a stop short */
		r = act_guest_do(cfg, guest, k, msg, sizeof(msg));
		if (r >= 0)
			snprintf(msg, sizeof(msg), "%s: %s done", guest, act_name(k));
		if (write(p[1], msg, strlen(msg)) < 0)
			r = -errno;
		_exit(r < 0 ? 1 : 0);
	}
	close(p[1]);
	act_fd = p[0];
	fcntl(act_fd, F_SETFL, O_NONBLOCK);
	snprintf(act_what, sizeof(act_what), "%s %s", act_name(k), guest);
	return 0;
}

bool act_busy(void)
{
	return act_child > 0;
}

int act_poll(char *msg, size_t len)
{
	int status;
	pid_t r;
	ssize_t n;

	if (act_child <= 0)
		return 0;
	r = waitpid(act_child, &status, WNOHANG);
	if (r == 0)
		return 0;
	n = read(act_fd, msg, len - 1);
	msg[n > 0 ? n : 0] = '\0';
	if (n <= 0)
		snprintf(msg, len, "%s: %s", act_what,
			 r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "done"
										: "failed");
	close(act_fd);
	act_fd = -1;
	act_child = -1;
	return 1;
}

void act_cleanup(void)
{
	if (act_child > 0)
		waitpid(act_child, NULL, 0);
	if (act_fd >= 0)
		close(act_fd);
	act_child = -1;
	act_fd = -1;
}

int act_signal(pid_t pid, int sig, char *msg, size_t len)
{
	if (kill(pid, sig) < 0) {
		int e = errno;
		snprintf(msg, len, "kill %d SIG%s: %s", (int)pid, sigabbrev_np(sig), strerror(e));
		return -e;
	}
	snprintf(msg, len, "sent SIG%s to %d", sigabbrev_np(sig), (int)pid);
	return 0;
}

int act_parse_signal(const char *s)
{
	char *end;
	long n;

	while (*s == ' ')
		s++;
	n = strtol(s, &end, 10);
	if (end != s && *end == '\0')
		return n > 0 && n < NSIG ? (int)n : -EINVAL;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 1; i < NSIG; i++) {
		const char *a = sigabbrev_np(i);
		if (a && strcasecmp(a, s) == 0)
			return i;
	}
	return -EINVAL;
}
