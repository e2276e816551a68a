/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Cgroup layout facts shared by the engine and guest control. */
#ifndef VSMON_CGROUP_H
#define VSMON_CGROUP_H

#include <stdbool.h>
#include "state.h"

enum vs_cgroup_mode {
	VS_CG_NONE = 0, /* nothing mounted where we looked */
	VS_CG_V1,	/* v1 controllers only */
	VS_CG_HYBRID,	/* v1 controllers plus a cgroup2 mount at <root>/unified */
	VS_CG_V2,	/* pure cgroup v2 at <root> */
};

const char *vs_cgroup_mode_name(enum vs_cgroup_mode m);

/* Detected with statfs(2) on cgroup_root (normally /sys/fs/cgroup) and <root>/unified.
 * A fixture tree (a plain directory) is recognised by a file named ".vsmon-mode"
 * holding "v1", "hybrid" or "v2", so tests can point the engine at it. */
int vs_cgroup_detect_mode(const char *cgroup_root, enum vs_cgroup_mode *out);

/* The directory of hierarchy h under cgroup_root for this mode ("<root>/memory",
 * "<root>/unified", or "<root>" on v2), or NULL if the mode has no such hierarchy. */
char *vs_cgroup_hier_dir(const char *cgroup_root, enum vs_cgroup_mode mode, enum vs_hier h);

/* The cgroup of process pid (0: self) in hierarchy h, from <proc_root>/PID/cgroup.
 * *out is malloc'ed ("/" for the root). */
int vs_cgroup_of_pid(const char *proc_root, int pid, enum vs_cgroup_mode mode, enum vs_hier h,
		     char **out);

/* cgroup v1 blkio counts nothing until a throttle rule has been written once per
 * disk (platform.md). This writes "MAJ:MIN <huge>" then "MAJ:MIN 0" to the root's
 * blkio.throttle.write_bps_device for every whole disk in /sys/block, which turns
 * accounting on without leaving a limit. A no-op (0) on v2 and when already on.
 * This is guest control's job (a write path), never the sampler's. */
int vs_blkio_accounting_enable(const char *sys_root, const char *cgroup_root);

/* 1 if every whole disk has throttle data (accounting on), 0 if not, -errno. */
int vs_blkio_accounting_status(const char *sys_root, const char *cgroup_root);

#endif
