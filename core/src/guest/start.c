// SPDX-License-Identifier: GPL-2.0-or-later
/* Starting a guest. vsctl forks a short-lived helper that unshares the pid, mount,
 * uts, ipc and net namespaces and forks the guest's init (PID 1 there), then exits:
 * the init is nobody's child, so callers such as vstop collect no zombies. The init
 * waits on a pipe until vsctl has put it into its cgroups and written the state
 * file, then sets itself up (guest_child.c) and execs. A second pipe, closed on
 * exec, carries any failure back. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vsmon/cgroup.h>
#include "guest/guest-internal.h"
#include "guest/start-internal.h"
#include "util/fileio.h"
#include "util/log-internal.h"

static int start_read_msg(int fd, struct vs_start_msg *m)
{
	size_t got = 0;
	while (got < sizeof(*m)) {
		ssize_t k = read(fd, (char *)m + got, sizeof(*m) - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return got ? -EIO : 0;
		got += (size_t)k;
	}
	return 1;
}

/* The helper: new namespaces, then the init. */
static void start_helper(struct vs_start_ctx *c)
{
	int flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC;
	struct vs_start_msg m = {.kind = VS_MSG_PID};
	pid_t pid;

	if (c->gc->net != VS_NET_HOST)
		flags |= CLONE_NEWNET;
	if (unshare(flags) < 0) {
		m = (struct vs_start_msg){.kind = VS_MSG_ERR, .stage = VS_ST_UNSHARE, .err = errno};
		(void)!write(c->msg_wr, &m, sizeof(m));
		_exit(1);
	}
	pid = fork();
	if (pid < 0) {
		m = (struct vs_start_msg){.kind = VS_MSG_ERR, .stage = VS_ST_UNSHARE, .err = errno};
		(void)!write(c->msg_wr, &m, sizeof(m));
		_exit(1);
	}
	if (pid == 0)
		vs_guest_child(c); /* does not return */
	m.pid = pid;
	(void)!write(c->msg_wr, &m, sizeof(m));
	_exit(0);
}

static int start_fail_errno(const struct vs_start_msg *m)
{
	if (m->stage == VS_ST_EXEC && (m->err == ENOENT || m->err == EACCES || m->err == ENOEXEC))
		return m->err == ENOENT ? -ENOENT : -EINVAL;
	return -(m->err ? m->err : EIO);
}

static int start_dirs(struct vs_start_ctx *c, char **errmsg)
{
	char *gdir = vs_guest_dir(c->cfg, c->gc->name);
	struct stat st;
	int r = 0;

	c->lower = vs_template_path(c->cfg, c->gc->template_name);
	c->upper = gdir ? vs_path_join(gdir, "upper") : NULL;
	c->work = gdir ? vs_path_join(gdir, "work") : NULL;
	c->root = gdir ? vs_path_join(gdir, "root") : NULL;
	free(gdir);
	if (!c->lower || !c->upper || !c->work || !c->root)
		return -ENOMEM;
	if (!c->gc->template_name[0] || stat(c->lower, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*errmsg = vs_asprintf("guest %s: template '%s' not found in %s", c->gc->name,
				      c->gc->template_name, c->cfg->template_dir);
		return -ENOENT;
	}
	if ((r = vs_mkdir_p(c->upper, 0755)) < 0 || (r = vs_mkdir_p(c->work, 0700)) < 0 ||
	    (r = vs_mkdir_p(c->root, 0755)) < 0 || (r = vs_mkdir_p(c->cfg->run_dir, 0755)) < 0)
		*errmsg = vs_asprintf("guest %s: cannot create its directories under %s: %s",
				      c->gc->name, c->cfg->state_dir, strerror(-r));
	return r;
}

static void start_fill_state(struct vs_start_ctx *c, const struct vs_guest_cg *cg,
			     struct vs_guest_state *st)
{
	memset(st, 0, sizeof(*st));
	snprintf(st->name, sizeof(st->name), "%s", c->gc->name);
	snprintf(st->template_name, sizeof(st->template_name), "%s", c->gc->template_name);
	st->xid = c->gc->xid;
	st->init_pid = c->pid;
	st->start_time = vs_now();
	if (c->gc->net == VS_NET_VETH)
		vs_guest_veth_name(c->gc->xid, st->veth);
	for (int h = 0; h < VS_H__COUNT; h++)
		st->cgroup[h] = cg->path[h]; /* borrowed: never vs_state_clear this one */
}

static int start_run(struct vs_start_ctx *c, const char *state_path, char **errmsg)
{
	struct vs_guest_cg cg = {0};
	struct vs_guest_state st;
	struct vs_start_msg m;
	int syncp[2] = {-1, -1}, msgp[2] = {-1, -1}, r, status;
	pid_t helper;

	r = vs_guest_cg_paths(c->cfg, c->gc->name, &cg, errmsg);
	if (r < 0)
		return r;
	if (cg.mode != VS_CG_V2) {
		int b = vs_blkio_accounting_enable("/sys", "/sys/fs/cgroup");
		if (b < 0)
			vs_logf(VS_LOG_WARNING, "cannot turn on v1 blkio accounting: %s",
				strerror(-b));
	}
	if ((r = vs_guest_cg_create(&cg, c->gc, errmsg)) < 0)
		goto out;
	if ((r = vs_guest_console_open(c->cfg, c->gc->name, &c->console_wr)) < 0) {
		*errmsg = vs_asprintf("guest %s: cannot open its console log: %s", c->gc->name,
				      strerror(-r));
		goto out;
	}
	if (pipe2(syncp, O_CLOEXEC) < 0 || pipe2(msgp, O_CLOEXEC) < 0) {
		r = -errno;
		goto out;
	}
	c->sync_rd = syncp[0];
	c->msg_wr = msgp[1];
	helper = fork();
	if (helper < 0) {
		r = -errno;
		goto out;
	}
	if (helper == 0) {
		close(syncp[1]);
		close(msgp[0]);
		start_helper(c);
	}
	close(msgp[1]);
	msgp[1] = -1;
	close(syncp[0]);
	syncp[0] = -1;
	close(c->console_wr);
	c->console_wr = -1;
	r = start_read_msg(msgp[0], &m);
	while (waitpid(helper, &status, 0) < 0 && errno == EINTR)
		;
	if (r <= 0 || m.kind != VS_MSG_PID) {
		r = r <= 0 ? -EIO : start_fail_errno(&m);
		*errmsg = vs_asprintf("guest %s: cannot create its namespaces: %s", c->gc->name,
				      strerror(-r));
		goto out;
	}
	c->pid = m.pid;
	/* Into the cgroups before it runs a single instruction of guest code. */
	if ((r = vs_guest_cg_attach(&cg, c->pid)) < 0) {
		*errmsg = vs_asprintf("guest %s: cannot move its init into its cgroups: %s",
				      c->gc->name, strerror(-r));
		goto out;
	}
	start_fill_state(c, &cg, &st);
	st.state = VS_STATE_STARTING;
	if ((r = vs_pid_start_ticks(c->pid, &st.init_start_ticks)) < 0 ||
	    (r = vs_state_write(state_path, &st)) < 0) {
		*errmsg = vs_asprintf("guest %s: cannot write %s: %s", c->gc->name, state_path,
				      strerror(-r));
		goto out;
	}
	if (c->gc->net == VS_NET_VETH && (r = vs_guest_veth_setup(c->gc, c->pid, errmsg)) < 0)
		goto out;
	if (write(syncp[1], "g", 1) != 1) {
		r = -errno;
		goto out;
	}
	r = start_read_msg(msgp[0], &m);
	if (r != 0) {
		r = r < 0 ? r : start_fail_errno(&m);
		*errmsg = m.stage == VS_ST_EXEC
			      ? vs_asprintf("guest %s: cannot run its init %s: %s", c->gc->name,
					    c->gc->init_argv[0], strerror(m.err))
			      : vs_asprintf("guest %s: %s failed: %s", c->gc->name,
					    vs_start_stage_name(m.stage), strerror(m.err));
		goto out;
	}
	st.state = VS_STATE_RUNNING;
	if ((r = vs_state_write(state_path, &st)) < 0)
		*errmsg = vs_asprintf("guest %s: cannot write %s: %s", c->gc->name, state_path,
				      strerror(-r));
out:
	for (int i = 0; i < 2; i++) {
		if (syncp[i] >= 0)
			close(syncp[i]);
		if (msgp[i] >= 0)
			close(msgp[i]);
	}
	if (c->console_wr >= 0)
		close(c->console_wr);
	vs_guest_cg_clear(&cg);
	return r;
}

int vs_guest_start(const struct vs_config *cfg, const char *name, char **errmsg)
{
	struct vs_start_ctx c = {.cfg = cfg, .console_wr = -1, .sync_rd = -1, .msg_wr = -1};
	struct vs_guest_state st = {0};
	char *state_path = NULL, *msg = NULL;
	int lock = -1, r;

	r = vs_guest_conf_load(cfg, name, &c.gc, &msg);
	if (r < 0)
		goto out;
	if (!(state_path = vs_guest_state_path(cfg, name))) {
		r = -ENOMEM;
		goto out;
	}
	if ((r = vs_guest_lock(cfg, name, &lock)) < 0) {
		msg = vs_asprintf("cannot lock %s/%s.lock: %s", cfg->run_dir, name, strerror(-r));
		goto out;
	}
	r = vs_guest_state_probe(cfg, name, &st);
	if (r == 1) {
		msg = vs_asprintf("guest %s is already running (init pid %ld)", name,
				  (long)st.init_pid);
		r = -EEXIST;
		goto out;
	}
	/* Left-overs of a start that was cut short, or of an init that died. */
	vs_guest_cleanup(cfg, name, r == -ESTALE ? &st : NULL, 0);
	if ((r = start_dirs(&c, &msg)) < 0)
		goto out;
	r = start_run(&c, state_path, &msg);
	if (r < 0) {
		vs_guest_cleanup(cfg, name, NULL, 0);
		goto out;
	}
	vs_logf(VS_LOG_INFO, "guest %s started (xid %u, init pid %ld)", name, c.gc->xid,
		(long)c.pid);
out:
	vs_state_clear(&st);
	vs_guest_unlock(lock);
	if (r < 0 && errmsg)
		*errmsg = msg ? msg : vs_asprintf("guest %s: start failed: %s", name, strerror(-r));
	else
		free(msg);
	free(state_path);
	free(c.lower);
	free(c.upper);
	free(c.work);
	free(c.root);
	vs_guest_conf_free(c.gc);
	return r;
}

int vs_guest_restart(const struct vs_config *cfg, const char *name, double timeout_sec,
		     char **errmsg)
{
	int r = vs_guest_stop(cfg, name, timeout_sec, errmsg);
	if (r < 0 && r != -ESRCH)
		return r;
	if (errmsg && r == -ESRCH) {
		free(*errmsg);
		*errmsg = NULL;
	}
	return vs_guest_start(cfg, name, errmsg);
}
