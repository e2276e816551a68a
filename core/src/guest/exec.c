// SPDX-License-Identifier: GPL-2.0-or-later
/* Running a command inside a running guest: join its cgroups and namespaces, take
 * its capability bounding set and no_new_privs, exec. setns(CLONE_NEWPID) applies
 * to children only, hence a second fork; the first child relays the status. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"

static const struct {
	const char *name;
	int type;
} exec_ns[] = {
    {"cgroup", CLONE_NEWCGROUP}, {"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS},
    {"net", CLONE_NEWNET},	 {"pid", CLONE_NEWPID}, {"mnt", CLONE_NEWNS},
};
#define EXEC_NNS (sizeof(exec_ns) / sizeof(exec_ns[0]))

static int exec_capbnd(pid_t pid, uint64_t *out)
{
	char path[64], *text = NULL, *p;
	int r;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	r = vs_read_file(AT_FDCWD, path, 1 << 16, &text, NULL);
	if (r < 0)
		return r;
	p = strstr(text, "\nCapBnd:");
	if (!p || sscanf(p + 8, "%llx", (unsigned long long *)out) != 1)
		r = -EINVAL;
	free(text);
	return r;
}

static int exec_status(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void exec_inner(const struct vs_guest_state *st, const struct vs_guest_cg *cg,
		       const int *fds, uint64_t caps, char *const argv[]) __attribute__((noreturn));
static void exec_inner(const struct vs_guest_state *st, const struct vs_guest_cg *cg,
		       const int *fds, uint64_t caps, char *const argv[])
{
	int status;
	pid_t pid;

	(void)st;
	/* Into the guest's cgroups first, so the cgroup namespace is rooted there. */
	for (int h = 0; h < VS_H__COUNT; h++) {
		char *dir = vs_guest_cg_dir(cg, (enum vs_hier)h), *p;
		int fd;
		if (!dir)
			continue;
		p = vs_path_join(dir, "cgroup.procs");
		fd = p ? open(p, O_WRONLY | O_CLOEXEC) : -1;
		if (fd < 0 || write(fd, "0", 1) != 1)
			_exit(125);
		close(fd);
		free(p);
		free(dir);
	}
	for (size_t i = 0; i < EXEC_NNS; i++)
		if (setns(fds[i], exec_ns[i].type) < 0)
			_exit(125);
	pid = fork();
	if (pid < 0)
		_exit(125);
	if (pid == 0) {
		sigset_t none;
		if (chdir("/") < 0 || vs_guest_caps_apply(caps) < 0)
			_exit(125);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
		setenv("container", "vsmon", 1);
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			_exit(125);
	_exit(exec_status(status));
}

int vs_guest_exec(const struct vs_config *cfg, const char *name, char *const argv[], int *out,
		  char **errmsg)
{
	struct vs_guest_state st = {0};
	struct vs_guest_cg cg = {0};
	int fds[EXEC_NNS], status, r;
	struct sigaction ign = {.sa_handler = SIG_IGN}, oint, oquit;
	uint64_t caps = 0;
	pid_t pid;

	for (size_t i = 0; i < EXEC_NNS; i++)
		fds[i] = -1;
	if (!argv || !argv[0]) {
		*errmsg = vs_asprintf("no command given");
		return -EINVAL;
	}
	r = vs_guest_state_probe(cfg, name, &st);
	if (r != 1 || st.state != VS_STATE_RUNNING) {
		*errmsg = vs_asprintf("guest %s is not running", name);
		r = -ESRCH;
		goto out;
	}
	if ((r = vs_cgroup_detect_mode("/sys/fs/cgroup", &cg.mode)) < 0)
		goto out;
	for (int h = 0; h < VS_H__COUNT; h++)
		if (st.cgroup[h] && !(cg.path[h] = strdup(st.cgroup[h]))) {
			r = -ENOMEM;
			goto out;
		}
	for (size_t i = 0; i < EXEC_NNS; i++) {
		char path[64];
		snprintf(path, sizeof(path), "/proc/%ld/ns/%s", (long)st.init_pid, exec_ns[i].name);
		fds[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0) {
			r = -errno;
			*errmsg = vs_asprintf("guest %s: cannot open %s: %s", name, path,
					      strerror(errno));
			goto out;
		}
	}
	if ((r = exec_capbnd(st.init_pid, &caps)) < 0) {
		*errmsg = vs_asprintf("guest %s: cannot read its capability set", name);
		goto out;
	}
	/* The terminal's ^C belongs to the command, not to us, as with the C library's
	 * system function. */
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid = fork();
	if (pid == 0)
		exec_inner(&st, &cg, fds, caps, argv);
	if (pid < 0) {
		r = -errno;
	} else {
		while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
		r = r < 0 ? -errno : 0;
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (r == 0)
		*out = exec_status(status);
out:
	for (size_t i = 0; i < EXEC_NNS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	vs_guest_cg_clear(&cg);
	vs_state_clear(&st);
	return r;
}
