// SPDX-License-Identifier: GPL-2.0-or-later
/* The guest's init between fork and exec: already PID 1 of its pid namespace and
 * in its cgroups. Mounts the overlay, proc, a read-only sysfs and a minimal /dev,
 * pivots into the overlay, drops capabilities, sets no_new_privs and execs. Any
 * failure is reported to vsctl as (stage, errno). Only async-signal-safe work
 * and plain system calls here: this is a fork of a possibly threaded caller. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest/start-internal.h"

static const char *const child_stage_names[] = {
    [VS_ST_UNSHARE] = "creating namespaces",
    [VS_ST_CGROUPNS] = "the cgroup namespace",
    [VS_ST_HOSTNAME] = "setting the host name",
    [VS_ST_OVERLAY] = "mounting the overlay",
    [VS_ST_PROC] = "mounting /proc",
    [VS_ST_SYSFS] = "mounting /sys",
    [VS_ST_DEV] = "setting up /dev",
    [VS_ST_LOOPBACK] = "bringing up loopback",
    [VS_ST_PIVOT] = "pivot_root",
    [VS_ST_STDIO] = "console set-up",
    [VS_ST_CAPS] = "dropping capabilities",
    [VS_ST_EXEC] = "exec",
};

const char *vs_start_stage_name(int stage)
{
	if (stage < 0 || stage > VS_ST_EXEC)
		return "set-up";
	return child_stage_names[stage];
}

static void child_fail(struct vs_start_ctx *c, int stage) __attribute__((noreturn));
static void child_fail(struct vs_start_ctx *c, int stage)
{
	struct vs_start_msg m = {.kind = VS_MSG_ERR, .stage = stage, .err = errno};
	(void)!write(c->msg_wr, &m, sizeof(m));
	_exit(127);
}

/* A mount point inside the new root, created in the upper layer when the template
 * lacks it. */
static int child_mkdir(const char *root, const char *sub, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s/%s", root, sub);
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

static const char *const child_devs[] = {"null", "zero", "full", "random", "urandom", "tty"};

static int child_dev(const char *root)
{
	char p[4096], src[64];

	if (child_mkdir(root, "dev", p, sizeof(p)) < 0 ||
	    mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=256k") < 0)
		return -1;
	/* mknod inside a tmpfs works for root, but bind mounts of the host's nodes also
	 * work where device creation is refused (user namespaces: platform.md). */
	for (size_t i = 0; i < sizeof(child_devs) / sizeof(child_devs[0]); i++) {
		snprintf(p, sizeof(p), "%s/dev/%s", root, child_devs[i]);
		snprintf(src, sizeof(src), "/dev/%s", child_devs[i]);
		int fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
		if (fd < 0)
			return -1;
		close(fd);
		if (mount(src, p, NULL, MS_BIND, NULL) < 0)
			return -1;
	}
	static const char *const links[][2] = {{"/proc/self/fd", "fd"},
					       {"/proc/self/fd/0", "stdin"},
					       {"/proc/self/fd/1", "stdout"},
					       {"/proc/self/fd/2", "stderr"},
					       {"pts/ptmx", "ptmx"}};
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		snprintf(p, sizeof(p), "%s/dev/%s", root, links[i][1]);
		if (symlink(links[i][0], p) < 0)
			return -1;
	}
	if (child_mkdir(root, "dev/pts", p, sizeof(p)) < 0 ||
	    mount("devpts", p, "devpts", MS_NOSUID | MS_NOEXEC,
		  "newinstance,ptmxmode=0666,mode=0620") < 0)
		return -1;
	if (child_mkdir(root, "dev/shm", p, sizeof(p)) < 0 ||
	    mount("shm", p, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=65536k") < 0)
		return -1;
	return 0;
}

static int child_loopback(void)
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r = -1;

	if (fd < 0)
		return -1;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		r = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return r;
}

/* overlayfs splits its options on ',' and lowerdir on ':'; a path holding either (a
 * state_dir is the administrator's choice) is passed with backslash escapes, which
 * overlayfs removes (Documentation/filesystems/overlayfs.rst). dst has 2x room. */
static void child_ovl_escape(char *dst, const char *src)
{
	for (; *src; src++) {
		if (*src == ',' || *src == ':' || *src == '\\')
			*dst++ = '\\';
		*dst++ = *src;
	}
	*dst = '\0';
}

void vs_guest_child(struct vs_start_ctx *c)
{
	const struct vs_guest_conf *gc = c->gc;
	char p[4096], *opts;
	char go;
	sigset_t all;

	/* vsctl gone before it let us run: nothing of the guest has started. */
	if (read(c->sync_rd, &go, 1) != 1)
		_exit(1);
	close(c->sync_rd);
	/* Now in our cgroups: make them the root of our cgroup namespace. */
	if (unshare(CLONE_NEWCGROUP) < 0)
		child_fail(c, VS_ST_CGROUPNS);
	if (sethostname(gc->hostname, strlen(gc->hostname)) < 0)
		child_fail(c, VS_ST_HOSTNAME);
	/* Nothing mounted here may propagate back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		child_fail(c, VS_ST_OVERLAY);
	/* Each path may take twice its length once escaped. */
	opts = malloc(2 * (strlen(c->lower) + strlen(c->upper) + strlen(c->work)) + 64);
	if (!opts)
		child_fail(c, VS_ST_OVERLAY);
	strcpy(opts, "lowerdir=");
	child_ovl_escape(opts + strlen(opts), c->lower);
	strcat(opts, ",upperdir=");
	child_ovl_escape(opts + strlen(opts), c->upper);
	strcat(opts, ",workdir=");
	child_ovl_escape(opts + strlen(opts), c->work);
	if (mount("overlay", c->root, "overlay", 0, opts) < 0)
		child_fail(c, VS_ST_OVERLAY);
	if (child_mkdir(c->root, "proc", p, sizeof(p)) < 0 ||
	    mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		child_fail(c, VS_ST_PROC);
	if (child_mkdir(c->root, "sys", p, sizeof(p)) < 0 ||
	    mount("sysfs", p, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		child_fail(c, VS_ST_SYSFS);
	if (child_dev(c->root) < 0)
		child_fail(c, VS_ST_DEV);
	if (gc->net != VS_NET_HOST && child_loopback() < 0)
		child_fail(c, VS_ST_LOOPBACK);
	/* pivot_root(".", ".") stacks the old root under the new one; detaching it
	 * leaves only the guest's tree. */
	if (chdir(c->root) < 0 || syscall(SYS_pivot_root, ".", ".") < 0 ||
	    umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
		child_fail(c, VS_ST_PIVOT);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0 || dup2(null, 0) < 0 || dup2(c->console_wr, 1) < 0 ||
	    dup2(c->console_wr, 2) < 0)
		child_fail(c, VS_ST_STDIO);
	/* Everything else vsctl had open is closed on exec, the failure pipe included. */
	close_range(3, ~0u, CLOSE_RANGE_CLOEXEC);
	if (vs_guest_caps_apply(vs_guest_caps(gc)) < 0)
		child_fail(c, VS_ST_CAPS);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	char *envp[] = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
			"HOME=/root", "TERM=linux", "container=vsmon", NULL};
	/* execvpe searches the caller's PATH: give it the guest's. */
	setenv("PATH", envp[0] + 5, 1);
	execvpe(gc->init_argv[0], gc->init_argv, envp);
	child_fail(c, VS_ST_EXEC);
}
