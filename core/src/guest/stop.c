// SPDX-License-Identifier: GPL-2.0-or-later
/* Stopping a guest, and cleaning up after one whose init died or whose start was
 * cut short: everything is found from the state file, or else recomputed from the
 * config (cgroup paths, veth name), so a second run always finishes the job. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"
#include "util/log-internal.h"

/* SIGTERM, then wait up to timeout_sec for the init to exit. A pidfd makes the wait
 * exact and immune to pid reuse. */
static void stop_term(const struct vs_guest_state *st, double timeout_sec)
{
	uint64_t ticks;
	int fd = (int)syscall(SYS_pidfd_open, st->init_pid, 0);

	if (fd < 0)
		return;
	if (vs_pid_start_ticks(st->init_pid, &ticks) == 0 && ticks == st->init_start_ticks &&
	    syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0) == 0) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int ms = timeout_sec > 86400 ? 86400000 : (int)(timeout_sec * 1000 + 0.5);
		while (poll(&pfd, 1, ms) < 0 && errno == EINTR)
			;
	}
	close(fd);
}

int vs_guest_cleanup(const struct vs_config *cfg, const char *name, struct vs_guest_state *given,
		     double timeout_sec)
{
	struct vs_guest_state st = {0};
	struct vs_guest_cg cg = {0};
	struct vs_guest_conf *gc = NULL;
	char *state_path = vs_guest_state_path(cfg, name), *msg = NULL;
	bool found = false;
	int r = 0, probe = 0;

	if (!state_path)
		return -ENOMEM;
	if (given) {
		st = *given;
		probe = given->init_pid ? 1 : -ESTALE;
	} else {
		probe = vs_guest_state_probe(cfg, name, &st);
	}
	if (probe == 1 && timeout_sec > 0)
		stop_term(&st, timeout_sec);
	found = probe != 0 || access(state_path, F_OK) == 0;
	/* Cgroups: the state file's, else where this config would put them. */
	cg.mode = VS_CG_NONE;
	if (vs_guest_cg_paths(cfg, name, &cg, &msg) < 0) {
		free(msg);
		msg = NULL;
	}
	for (int h = 0; h < VS_H__COUNT; h++)
		if (st.cgroup[h] && cg.mode != VS_CG_NONE) {
			free(cg.path[h]);
			cg.path[h] = strdup(st.cgroup[h]);
		}
	if (cg.mode != VS_CG_NONE && vs_guest_cg_exists(&cg)) {
		found = true;
		if ((r = vs_guest_cg_kill(&cg)) < 0)
			vs_logf(VS_LOG_ERR, "guest %s: tasks are left in its cgroups: %s", name,
				strerror(-r));
	}
	if (st.veth[0]) {
		vs_guest_veth_remove(st.veth);
	} else if (vs_guest_conf_load(cfg, name, &gc, &msg) == 0 && gc->net == VS_NET_VETH) {
		char veth[16];
		vs_guest_veth_name(gc->xid, veth);
		vs_guest_veth_remove(veth);
	}
	free(msg);
	if (cg.mode != VS_CG_NONE && vs_guest_cg_exists(&cg)) {
		int e = vs_guest_cg_remove(&cg);
		if (e < 0) {
			vs_logf(VS_LOG_ERR, "guest %s: cannot remove its cgroups: %s", name,
				strerror(-e));
			r = r < 0 ? r : e;
		}
	}
	/* The state file goes last: while it exists the next run knows there is work. */
	if (r == 0 && unlink(state_path) < 0 && errno != ENOENT)
		r = -errno;
	vs_guest_cg_clear(&cg);
	vs_guest_conf_free(gc);
	if (!given)
		vs_state_clear(&st);
	free(state_path);
	if (r < 0)
		return r;
	return found ? 0 : -ESRCH;
}

int vs_guest_stop(const struct vs_config *cfg, const char *name, double timeout_sec, char **errmsg)
{
	struct vs_guest_state st = {0};
	char *state_path = NULL, *msg = NULL;
	struct vs_guest_conf *gc = NULL;
	int lock = -1, r;

	if ((r = vs_guest_conf_load(cfg, name, &gc, &msg)) < 0)
		goto out;
	if ((r = vs_guest_lock(cfg, name, &lock)) < 0)
		goto out;
	r = vs_guest_state_probe(cfg, name, &st);
	if (r == 1) {
		st.state = VS_STATE_STOPPING;
		state_path = vs_guest_state_path(cfg, name);
		if (state_path)
			vs_state_write(state_path, &st);
		r = vs_guest_cleanup(cfg, name, &st, timeout_sec);
	} else {
		if (r == -ESTALE)
			vs_logf(VS_LOG_NOTICE, "guest %s: its init had died; cleaning up", name);
		r = vs_guest_cleanup(cfg, name, r == -ESTALE ? &st : NULL, 0);
		if (r == -ESRCH)
			msg = vs_asprintf("guest %s is not running", name);
	}
	if (r < 0 && !msg)
		msg = vs_asprintf("guest %s: stop failed: %s", name, strerror(-r));
out:
	vs_state_clear(&st);
	vs_guest_unlock(lock);
	vs_guest_conf_free(gc);
	free(state_path);
	if (r < 0 && errmsg)
		*errmsg = msg ? msg : vs_asprintf("guest %s: %s", name, strerror(-r));
	else
		free(msg);
	return r;
}
