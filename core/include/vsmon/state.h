/* SPDX-License-Identifier: GPL-2.0-or-later */
/* <run_dir>/<name>.state: how a running guest is found. Written atomically by
 * guest control (temp file + rename), read by the sampler.
 *
 * Format: one "key = value" per line, '#' comments, keys:
 *   version = 1
 *   name = web1
 *   xid = 101
 *   state = running          (starting | running | stopping)
 *   init_pid = 12345
 *   init_start_ticks = 987654  (field 22 of /proc/PID/stat: detects a reused pid)
 *   start_time = 1764123456.123456  (wall clock, Unix seconds)
 *   template = base
 *   veth = vsh101            (host side of the guest's veth, if any)
 *   cgroup.<hierarchy> = /path  (hierarchy: cpu cpuacct memory blkio pids freezer
 *                                 unified; on pure v2 only "unified")
 */
#ifndef VSMON_STATE_H
#define VSMON_STATE_H

#include <stdint.h>
#include <sys/types.h>

enum vs_hier {
	VS_H_CPU,
	VS_H_CPUACCT,
	VS_H_MEMORY,
	VS_H_BLKIO,
	VS_H_PIDS,
	VS_H_FREEZER,
	VS_H_UNIFIED, /* the cgroup2 hierarchy: all of v2, or /sys/fs/cgroup/unified on hybrid */
	VS_H__COUNT
};

/* "cpu", "cpuacct", ... "unified" */
const char *vs_hier_name(enum vs_hier h);
int vs_hier_from_name(const char *name); /* enum value or -EINVAL */

#define VS_NAME_MAX 32
#define VS_XID_MAX  2147483647u

enum vs_ctx_state {
	VS_STATE_UNKNOWN = 0,
	VS_STATE_RUNNING,
	VS_STATE_STOPPED,
	VS_STATE_STARTING,
	VS_STATE_STOPPING,
	VS_STATE_BROKEN, /* state file says running but the init is gone or is another process */
};
const char *vs_state_name(enum vs_ctx_state st);

struct vs_guest_state {
	char name[VS_NAME_MAX + 1];
	uint32_t xid;
	enum vs_ctx_state state;
	pid_t init_pid;
	uint64_t init_start_ticks;
	double start_time; /* Unix seconds */
	char template_name[VS_NAME_MAX + 1];
	char veth[16];		   /* IFNAMSIZ */
	char *cgroup[VS_H__COUNT]; /* malloc'ed paths relative to each hierarchy's root, or NULL */
};

/* True for [a-z0-9][a-z0-9_-]{0,31}. */
int vs_name_valid(const char *name);

int vs_state_parse(const char *text, const char *fname, struct vs_guest_state *out, char **errmsg);
int vs_state_read(const char *path, struct vs_guest_state *out, char **errmsg);
/* Atomic: writes <path>.tmp.PID, fsyncs, renames. */
int vs_state_write(const char *path, const struct vs_guest_state *st);
void vs_state_clear(struct vs_guest_state *st); /* frees the cgroup paths */

#endif
