// SPDX-License-Identifier: GPL-2.0-or-later
/* A guest's cgroups: created, limited and deleted through libcgroup; killed through
 * cgroup.kill or the v1 freezer. The path differs per hierarchy when cgroup_parent
 * is relative (the caller's own cgroup differs per hierarchy), so there is one
 * libcgroup object per distinct path (platform.md). */
#include <errno.h>
#include <fcntl.h>
#include <libcgroup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"
#include "util/log-internal.h"
#include "util/parse.h"

#define CG_ROOT "/sys/fs/cgroup"

static const enum vs_hier cg_v1_hiers[] = {VS_H_CPU,   VS_H_CPUACCT, VS_H_MEMORY,
					   VS_H_BLKIO, VS_H_PIDS,    VS_H_FREEZER};

static int cg_lib_init(void)
{
	static int done, err;
	if (!done) {
		int r = cgroup_init();
		err = r ? (r == ECGOTHER ? -cgroup_get_last_errno() : -ENODEV) : 0;
		done = 1;
	}
	return err;
}

static int cg_err(int r)
{
	if (r == 0)
		return 0;
	if (r == ECGOTHER)
		return cgroup_get_last_errno() ? -cgroup_get_last_errno() : -EIO;
	if (r == ECGROUPNOTEXIST)
		return -ENOENT;
	return -EIO;
}

char *vs_guest_cg_dir(const struct vs_guest_cg *cg, enum vs_hier h)
{
	char *base, *dir;

	if (!cg->path[h])
		return NULL;
	base = vs_cgroup_hier_dir(CG_ROOT, cg->mode, h);
	if (!base)
		return NULL;
	dir = vs_path_join(base, cg->path[h]);
	free(base);
	return dir;
}

void vs_guest_cg_clear(struct vs_guest_cg *cg)
{
	for (int h = 0; h < VS_H__COUNT; h++) {
		free(cg->path[h]);
		cg->path[h] = NULL;
	}
}

int vs_guest_cg_paths(const struct vs_config *cfg, const char *name, struct vs_guest_cg *out,
		      char **errmsg)
{
	struct vs_guest_cg cg = {0};
	const char *parent = cfg->cgroup_parent;
	int r;

	r = vs_cgroup_detect_mode(CG_ROOT, &cg.mode);
	if (r < 0 || cg.mode == VS_CG_NONE) {
		*errmsg = vs_asprintf("no cgroup file system at %s", CG_ROOT);
		return r < 0 ? r : -ENODEV;
	}
	for (int h = 0; h < VS_H__COUNT; h++) {
		char *dir = vs_cgroup_hier_dir(CG_ROOT, cg.mode, (enum vs_hier)h), *self = NULL;
		bool mounted = dir && access(dir, F_OK) == 0;
		free(dir);
		if (!mounted)
			continue;
		if (parent[0] == '/') {
			cg.path[h] = vs_asprintf("%s/%s", strcmp(parent, "/") ? parent : "", name);
		} else {
			r = vs_cgroup_of_pid("/proc", 0, cg.mode, (enum vs_hier)h, &self);
			if (r < 0) {
				*errmsg = vs_asprintf("cannot find this process's %s cgroup: %s",
						      vs_hier_name((enum vs_hier)h), strerror(-r));
				vs_guest_cg_clear(&cg);
				return r;
			}
			cg.path[h] =
			    vs_asprintf("%s/%s/%s", strcmp(self, "/") ? self : "", parent, name);
			free(self);
		}
		if (!cg.path[h]) {
			vs_guest_cg_clear(&cg);
			return -ENOMEM;
		}
	}
	*out = cg;
	return 0;
}

static bool cg_file_exists(const struct vs_guest_cg *cg, enum vs_hier h, const char *file)
{
	char *base = vs_cgroup_hier_dir(CG_ROOT, cg->mode, h), *p;
	bool ok;

	if (!base)
		return false;
	p = vs_path_join(base, file);
	ok = p && access(p, F_OK) == 0;
	free(p);
	free(base);
	return ok;
}

static int cg_add_u64(struct cgroup_controller *c, const char *file, uint64_t v)
{
	return cgroup_add_value_uint64(c, file, v) ? -ENOMEM : 0;
}

/* The limits of one v1 controller. */
static int cg_v1_limits(const struct vs_guest_cg *cg, struct cgroup_controller *c, enum vs_hier h,
			const struct vs_guest_conf *gc)
{
	int r = 0;

	switch (h) {
	case VS_H_CPU:
		if (gc->cpu_shares)
			r = cg_add_u64(c, "cpu.shares", gc->cpu_shares);
		if (!r && gc->cpu_max_pct > 0) {
			r = cg_add_u64(c, "cpu.cfs_period_us", 100000);
			if (!r)
				r = cg_add_u64(c, "cpu.cfs_quota_us",
					       (uint64_t)(gc->cpu_max_pct * 1000 + 0.5));
		}
		break;
	case VS_H_MEMORY:
		if (gc->memory_max != VS_LIMIT_UNSET)
			r = cg_add_u64(c, "memory.limit_in_bytes", gc->memory_max);
		if (!r && gc->memory_swap_max != VS_LIMIT_UNSET) {
			/* v1 limits memory + swap together; it needs a memory limit to add to. */
			if (gc->memory_max == VS_LIMIT_UNSET)
				vs_logf(
				    VS_LOG_WARNING,
				    "%s: memory.swap.max needs memory.max on cgroup v1: ignored",
				    gc->name);
			else if (!cg_file_exists(cg, h, "memory.memsw.limit_in_bytes"))
				vs_logf(VS_LOG_WARNING,
					"%s: memory.swap.max unsupported (no swap accounting)",
					gc->name);
			else
				r = cg_add_u64(c, "memory.memsw.limit_in_bytes",
					       gc->memory_max + gc->memory_swap_max);
		}
		break;
	case VS_H_PIDS:
		if (gc->pids_max != VS_LIMIT_UNSET)
			r = cg_add_u64(c, "pids.max", gc->pids_max);
		break;
	case VS_H_BLKIO:
		if (!gc->io_weight)
			break;
		/* v2's scale is 1..10000 (default 100); v1's blkio.weight 10..1000 (500). */
		if (cg_file_exists(cg, h, "blkio.weight")) {
			uint64_t w = gc->io_weight * 5u;
			r = cg_add_u64(c, "blkio.weight", w < 10 ? 10 : w > 1000 ? 1000 : w);
		} else if (cg_file_exists(cg, h, "blkio.bfq.weight")) {
			r = cg_add_u64(c, "blkio.bfq.weight",
				       gc->io_weight > 1000 ? 1000 : gc->io_weight);
		} else {
			vs_logf(VS_LOG_WARNING,
				"%s: io.weight unsupported: this kernel's I/O scheduler has no "
				"weight file",
				gc->name);
		}
		break;
	default:
		break;
	}
	return r;
}

static int cg_v2_limits(const struct vs_guest_cg *cg, struct cgroup_controller **ctl,
			struct cgroup *obj, const struct vs_guest_conf *gc)
{
	char buf[64];
	int r = 0;

	if (gc->cpu_shares || gc->cpu_max_pct > 0) {
		struct cgroup_controller *c = cgroup_add_controller(obj, "cpu");
		if (!c)
			return -ENOMEM;
		if (gc->cpu_shares) {
			uint64_t w = gc->cpu_shares * 100 / 1024;
			r = cg_add_u64(c, "cpu.weight", w < 1 ? 1 : w > 10000 ? 10000 : w);
		}
		if (!r && gc->cpu_max_pct > 0) {
			snprintf(buf, sizeof(buf), "%llu 100000",
				 (unsigned long long)(gc->cpu_max_pct * 1000 + 0.5));
			r = cgroup_add_value_string(c, "cpu.max", buf) ? -ENOMEM : 0;
		}
	}
	if (!r && (gc->memory_max != VS_LIMIT_UNSET || gc->memory_swap_max != VS_LIMIT_UNSET)) {
		struct cgroup_controller *c = cgroup_add_controller(obj, "memory");
		if (!c)
			return -ENOMEM;
		if (gc->memory_max != VS_LIMIT_UNSET)
			r = cg_add_u64(c, "memory.max", gc->memory_max);
		if (!r && gc->memory_swap_max != VS_LIMIT_UNSET)
			r = cg_add_u64(c, "memory.swap.max", gc->memory_swap_max);
	}
	if (!r && gc->pids_max != VS_LIMIT_UNSET) {
		struct cgroup_controller *c = cgroup_add_controller(obj, "pids");
		r = c ? cg_add_u64(c, "pids.max", gc->pids_max) : -ENOMEM;
	}
	if (!r && gc->io_weight) {
		if (cg_file_exists(cg, VS_H_UNIFIED, "io.weight") ||
		    cg_file_exists(cg, VS_H_UNIFIED, "cgroup.controllers")) {
			struct cgroup_controller *c = cgroup_add_controller(obj, "io");
			snprintf(buf, sizeof(buf), "default %u", gc->io_weight);
			r = c ? (cgroup_add_value_string(c, "io.weight", buf) ? -ENOMEM : 0)
			      : -ENOMEM;
		}
	}
	*ctl = NULL;
	return r;
}

static int cg_write(const char *dir, const char *file, const char *val)
{
	char *p = vs_path_join(dir, file);
	int r;

	if (!p)
		return -ENOMEM;
	r = vs_write_string(p, val);
	free(p);
	return r;
}

/* Move this process into <dir>/vsctl, a leaf of the cgroup we run in, so that dir
 * can enable controllers for its children. 0 when dir then has no process left. */
static int cg_v2_leaf(const char *dir)
{
	char *leaf = vs_path_join(dir, "vsctl"), *procs = NULL, *text = NULL;
	int r;

	if (!leaf)
		return -ENOMEM;
	if (mkdir(leaf, 0755) < 0 && errno != EEXIST) {
		r = -errno;
		goto out;
	}
	if ((r = cg_write(leaf, "cgroup.procs", "0")) < 0)
		goto out;
	procs = vs_path_join(dir, "cgroup.procs");
	r = procs ? vs_read_file(AT_FDCWD, procs, 1 << 16, &text, NULL) : -ENOMEM;
	if (r == 0 && vs_parse_pid_list(text, NULL, NULL) > 0)
		r = -EBUSY; /* others share our cgroup: refuse (the caller says how) */
out:
	free(text);
	free(procs);
	free(leaf);
	return r;
}

/* v2: controllers must be enabled in every ancestor's subtree_control, and a
 * cgroup with processes cannot enable them ("no internal processes"). */
static int cg_v2_delegate(const struct vs_guest_cg *cg, char **errmsg)
{
	char *path = strdup(cg->path[VS_H_UNIFIED]),
	     *base = vs_cgroup_hier_dir(CG_ROOT, cg->mode, VS_H_UNIFIED);
	int r = 0;

	if (!path || !base) {
		r = -ENOMEM;
		goto out;
	}
	char *slash = strrchr(path, '/');
	if (slash)
		*slash = '\0'; /* the guest's parent */
	for (char *s = path;; s = strchr(s + 1, '/')) {
		char saved = s ? *s : 0;
		if (s)
			*s = '\0';
		char *dir = vs_asprintf("%s%s", base, path);
		if (dir && mkdir(dir, 0755) < 0 && errno != EEXIST) {
			r = -errno;
		}
		if (!r && dir) {
			static const char *const ctls[] = {"+cpu", "+memory", "+pids", "+io"};
			bool moved = false;
			for (size_t i = 0; i < 4 && !r; i++) {
				/* Controllers the host lacks fail otherwise: ignored. */
				int e = cg_write(dir, "cgroup.subtree_control", ctls[i]);
				if (e == -EBUSY && !moved) {
					/* "No internal processes": move only ourselves into
					 * a leaf, once, and try again. */
					moved = true;
					if (cg_v2_leaf(dir) == 0)
						e = cg_write(dir, "cgroup.subtree_control",
							     ctls[i]);
				}
				if (e == -EBUSY) {
					*errmsg = vs_asprintf(
					    "cgroup %s has other processes in it and cannot "
					    "delegate controllers: run vsctl in its own cgroup "
					    "(systemd-run --scope -p Delegate=yes vsctl ...)",
					    dir);
					r = -EBUSY;
				}
			}
		}
		free(dir);
		if (s)
			*s = saved;
		if (r < 0 || !s)
			break;
	}
out:
	free(path);
	free(base);
	return r;
}

static void cg_free_objs(struct cgroup **objs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (objs[i])
			cgroup_free(&objs[i]);
}

/* One libcgroup object per distinct path, each with the controllers living there.
 * With gc the limits are added too. */
static int cg_build_objs(const struct vs_guest_cg *cg, const struct vs_guest_conf *gc,
			 struct cgroup **objs, size_t *n)
{
	const char *names[VS_H__COUNT]; /* libcgroup 2.0.2 does not export its getter */
	size_t k = 0;
	int r = 0;

	if (cg->mode == VS_CG_V2) {
		struct cgroup_controller *dummy;
		objs[0] = cgroup_new_cgroup(cg->path[VS_H_UNIFIED] + 1);
		if (!objs[0])
			return -ENOMEM;
		k = 1;
		if (gc)
			r = cg_v2_limits(cg, &dummy, objs[0], gc);
		goto out;
	}
	for (size_t i = 0; i < sizeof(cg_v1_hiers) / sizeof(cg_v1_hiers[0]); i++) {
		enum vs_hier h = cg_v1_hiers[i];
		struct cgroup *obj = NULL;
		struct cgroup_controller *c;
		if (!cg->path[h])
			continue;
		for (size_t j = 0; j < k; j++)
			if (!strcmp(names[j], cg->path[h]))
				obj = objs[j];
		if (!obj) {
			names[k] = cg->path[h];
			obj = objs[k] = cgroup_new_cgroup(cg->path[h] + 1);
			if (!obj) {
				r = -ENOMEM;
				goto out;
			}
			k++;
		}
		c = cgroup_add_controller(obj, vs_hier_name(h));
		if (!c) {
			r = -ENOMEM;
			goto out;
		}
		if (gc && (r = cg_v1_limits(cg, c, h, gc)) < 0)
			goto out;
	}
out:
	*n = k;
	return r;
}

static int cg_unified_mkdir(const struct vs_guest_cg *cg)
{
	char *dir = vs_guest_cg_dir(cg, VS_H_UNIFIED);
	int r;
	if (!dir)
		return -ENOMEM;
	r = vs_mkdir_p(dir, 0755);
	free(dir);
	return r;
}

int vs_guest_cg_create(const struct vs_guest_cg *cg, const struct vs_guest_conf *gc, char **errmsg)
{
	struct cgroup *objs[VS_H__COUNT] = {0};
	size_t n = 0;
	int r;

	r = cg_lib_init();
	if (r < 0) {
		*errmsg = vs_asprintf("libcgroup cannot initialise: %s", strerror(-r));
		return r;
	}
	if (cg->mode == VS_CG_V2 && (r = cg_v2_delegate(cg, errmsg)) < 0)
		goto out;
	r = cg_build_objs(cg, gc, objs, &n);
	if (r < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int e = cgroup_create_cgroup(objs[i], 0);
		if (e) {
			r = cg_err(e);
			*errmsg = vs_asprintf("cannot create the guest's cgroups (%s) with its "
					      "limits: %s",
					      cg->path[VS_H_MEMORY] ? cg->path[VS_H_MEMORY]
								    : cg->path[VS_H_UNIFIED],
					      strerror(-r));
			goto out;
		}
	}
	/* Hybrid: libcgroup does not manage the cgroup2 mount beside v1; the guest gets
	 * its cgroup there for PSI and cgroup.kill. */
	if (cg->mode == VS_CG_HYBRID && cg->path[VS_H_UNIFIED] && (r = cg_unified_mkdir(cg)) < 0) {
		*errmsg = vs_asprintf("cannot create the unified cgroup %s: %s",
				      cg->path[VS_H_UNIFIED], strerror(-r));
		goto out;
	}
out:
	cg_free_objs(objs, n);
	return r;
}

int vs_guest_cg_attach(const struct vs_guest_cg *cg, pid_t pid)
{
	struct cgroup *objs[VS_H__COUNT] = {0};
	size_t n = 0;
	int r;

	if ((r = cg_lib_init()) < 0 || (r = cg_build_objs(cg, NULL, objs, &n)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int e = cgroup_attach_task_pid(objs[i], pid);
		if (e) {
			r = cg_err(e);
			goto out;
		}
	}
	if (cg->mode == VS_CG_HYBRID && cg->path[VS_H_UNIFIED]) {
		char *dir = vs_guest_cg_dir(cg, VS_H_UNIFIED), buf[24];
		snprintf(buf, sizeof(buf), "%ld", (long)pid);
		r = dir ? cg_write(dir, "cgroup.procs", buf) : -ENOMEM;
		free(dir);
	}
out:
	cg_free_objs(objs, n);
	return r;
}

bool vs_guest_cg_exists(const struct vs_guest_cg *cg)
{
	for (int h = 0; h < VS_H__COUNT; h++) {
		char *dir = vs_guest_cg_dir(cg, (enum vs_hier)h);
		bool ok = dir && access(dir, F_OK) == 0;
		free(dir);
		if (ok)
			return true;
	}
	return false;
}

static void cg_nap(unsigned *us)
{
	struct timespec ts = {0, (long)*us * 1000};
	nanosleep(&ts, NULL);
	if (*us < 20000)
		*us *= 2;
}

static void cg_kill_pid(int pid, void *data)
{
	(void)data;
	kill(pid, SIGKILL);
}

/* Tasks left in any hierarchy of the guest: >0 count, 0 none, -errno. */
static long cg_count_tasks(const struct vs_guest_cg *cg, bool kill_them)
{
	long total = 0;
	for (int h = 0; h < VS_H__COUNT; h++) {
		char *dir = vs_guest_cg_dir(cg, (enum vs_hier)h), *p, *text = NULL;
		long k;
		if (!dir)
			continue;
		p = vs_path_join(dir, "cgroup.procs");
		free(dir);
		if (!p)
			return -ENOMEM;
		k = vs_read_file(AT_FDCWD, p, 1 << 20, &text, NULL);
		free(p);
		if (k == -ENOENT)
			continue;
		if (k < 0)
			return k;
		k = vs_parse_pid_list(text, kill_them ? cg_kill_pid : NULL, NULL);
		free(text);
		if (k > 0)
			total += k;
	}
	return total;
}

int vs_guest_cg_kill(const struct vs_guest_cg *cg)
{
	char *udir = vs_guest_cg_dir(cg, VS_H_UNIFIED), *fdir = vs_guest_cg_dir(cg, VS_H_FREEZER);
	unsigned us = 200;
	long left;
	int r = -ENOENT;

	if (udir && cg_write(udir, "cgroup.kill", "1") == 0) {
		r = 0;
	} else if (fdir && cg_write(fdir, "freezer.state", "FROZEN") == 0) {
		/* A frozen task cannot fork away from the kill, and does not die until
		 * thawed. */
		for (int i = 0; i < 100; i++) {
			char *p = vs_path_join(fdir, "freezer.state"), *s = NULL;
			bool frozen = p && vs_read_file(AT_FDCWD, p, 64, &s, NULL) == 0 &&
				      !strncmp(s, "FROZEN", 6);
			free(p);
			free(s);
			if (frozen)
				break;
			cg_nap(&us);
		}
		cg_count_tasks(cg, true);
		cg_write(fdir, "freezer.state", "THAWED");
		r = 0;
	}
	/* Whatever is left (no kill file, or tasks that raced in): SIGKILL by pid. */
	us = 200;
	for (int i = 0; i < 400; i++) {
		left = cg_count_tasks(cg, i > 0 || r < 0);
		if (left <= 0) {
			r = left < 0 ? (int)left : 0;
			goto out;
		}
		cg_nap(&us);
	}
	r = -EBUSY;
out:
	free(udir);
	free(fdir);
	return r;
}

int vs_guest_cg_remove(const struct vs_guest_cg *cg)
{
	struct cgroup *objs[VS_H__COUNT] = {0};
	size_t n = 0;
	int r;

	if ((r = cg_lib_init()) < 0 || (r = cg_build_objs(cg, NULL, objs, &n)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		unsigned us = 200;
		for (int tries = 0; tries < 50; tries++) {
			int e = cgroup_delete_cgroup_ext(objs[i], CGFLAG_DELETE_EMPTY_ONLY);
			if (!e || e == ECGROUPNOTEXIST) {
				e = 0;
				break;
			}
			/* Exiting tasks leave their cgroups a moment after they die. */
			r = cg_err(e);
			cg_nap(&us);
		}
	}
	r = 0;
	if (cg->mode == VS_CG_HYBRID && cg->path[VS_H_UNIFIED]) {
		char *dir = vs_guest_cg_dir(cg, VS_H_UNIFIED);
		unsigned us = 200;
		for (int tries = 0; dir && tries < 50; tries++) {
			if (rmdir(dir) == 0 || errno == ENOENT)
				break;
			r = -errno;
			cg_nap(&us);
		}
		free(dir);
	}
	/* A start cut short may have left some hierarchies only: rmdir what is left. */
	for (int h = 0; h < VS_H__COUNT; h++) {
		char *dir = vs_guest_cg_dir(cg, (enum vs_hier)h);
		if (dir && rmdir(dir) < 0 && errno != ENOENT)
			r = -errno;
		free(dir);
	}
	r = vs_guest_cg_exists(cg) ? (r < 0 ? r : -EBUSY) : 0;
out:
	cg_free_objs(objs, n);
	return r;
}
