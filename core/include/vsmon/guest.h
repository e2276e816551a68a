/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest control: templates, guest configs, and the lifecycle (build, start, stop,
 * exec, destroy). The only write path of libvsmon; vsctl and vstop call it.
 *
 * Every call takes the main config and, where it can fail on user input, an
 * errmsg out-parameter (malloc'ed, one line, names the file and line when a
 * config is at fault). Return values: 0 or negative errno. Errors the user can
 * fix (bad name, unknown key, missing template, guest already running, not
 * running, in use) are -EINVAL, -ENOENT, -EEXIST, -ESRCH or -EBUSY; anything else
 * is a failure of the host. */
#ifndef VSMON_GUEST_H
#define VSMON_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "config.h"
#include "state.h"

#define VS_LIMIT_UNSET UINT64_MAX /* a limit that is not set ("max") */
#define VS_XID_FIRST   100u	  /* first xid the counter hands out */

enum vs_net_mode {
	VS_NET_NONE, /* own namespace, loopback only (the default) */
	VS_NET_HOST, /* the host's network namespace */
	VS_NET_VETH, /* own namespace with a veth pair; host side joins a bridge */
};

/* <guests_dir>/<name>.conf, parsed. */
struct vs_guest_conf {
	char name[VS_NAME_MAX + 1];
	uint32_t xid;
	char template_name[VS_NAME_MAX + 1];
	char **init_argv; /* NULL-terminated; from init (shell-like words) */
	char hostname[65];
	uint64_t cpu_shares;	  /* v1 cpu.shares (cpu.weight converted); 0: not set */
	double cpu_max_pct;	  /* percent of one CPU; 0: no cap */
	uint64_t memory_max;	  /* bytes, or VS_LIMIT_UNSET */
	uint64_t memory_swap_max; /* bytes, or VS_LIMIT_UNSET */
	uint64_t pids_max;	  /* or VS_LIMIT_UNSET */
	unsigned io_weight;	  /* 1..10000 (v2 scale); 0: not set */
	uint64_t caps_keep;	  /* bits (1 << CAP_x) added to the default set */
	uint64_t caps_drop;	  /* bits removed from it */
	enum vs_net_mode net;
	char bridge[16];      /* veth:BRIDGE */
	char net_address[64]; /* net.address: ADDR/PREFIX for the guest's eth0 */
	bool autostart;
};

/* Parse a guest config held in text; file names it in messages, name is the guest's
 * name (from the file name). */
int vs_guest_conf_parse(const char *text, const char *file, const char *name,
			struct vs_guest_conf **out, char **errmsg);
int vs_guest_conf_load(const struct vs_config *cfg, const char *name, struct vs_guest_conf **out,
		       char **errmsg);
struct vs_guest_conf *vs_guest_conf_free(struct vs_guest_conf *gc); /* NULL-safe */

/* The capability bounding set a guest runs with: the default (what container
 * runtimes keep) plus caps_keep minus caps_drop, as a bit mask of CAP_* numbers. */
uint64_t vs_guest_caps(const struct vs_guest_conf *gc);
uint64_t vs_guest_default_caps(void);

/* Templates, under template_dir. */
enum vs_template_source { VS_TPL_BUSYBOX, VS_TPL_FROM, VS_TPL_DEBOOTSTRAP };
int vs_template_create(const struct vs_config *cfg, const char *name, enum vs_template_source src,
		       const char *arg, char **errmsg); /* arg: DIR or SUITE */
struct vs_template_info {
	char name[VS_NAME_MAX + 1];
	uint64_t size_bytes; /* disk blocks in use, hard links counted once */
	unsigned guests;     /* guests whose config names it */
};
int vs_template_list(const struct vs_config *cfg, struct vs_template_info **out, size_t *n);
int vs_template_remove(const struct vs_config *cfg, const char *name, char **errmsg);

/* Build a guest: writes <guests_dir>/<name>.conf and <state_dir>/<name>/. xid 0
 * takes the next one from the counter. kv: "key=value" settings, n of them. */
int vs_guest_build(const struct vs_config *cfg, const char *name, const char *template_name,
		   uint32_t xid, char *const *kv, size_t n, char **errmsg);
/* Refuses a running guest (-EBUSY) unless force (then stops it at once). Moves the
 * guest's RRD files to rrd_archive_dir. */
int vs_guest_destroy(const struct vs_config *cfg, const char *name, bool force, char **errmsg);

int vs_guest_start(const struct vs_config *cfg, const char *name, char **errmsg);
/* SIGTERM to the init, then after timeout_sec everything in its cgroups is killed.
 * Cleans up a guest whose init died or whose start was interrupted, too; -ESRCH
 * when there was nothing to stop or clean. */
int vs_guest_stop(const struct vs_config *cfg, const char *name, double timeout_sec, char **errmsg);
int vs_guest_restart(const struct vs_config *cfg, const char *name, double timeout_sec,
		     char **errmsg);

/* running, starting, stopping, or stopped (a dead init is stopped); *init_pid 0
 * when not running. */
int vs_guest_status(const struct vs_config *cfg, const char *name, enum vs_ctx_state *st,
		    pid_t *init_pid);

struct vs_guest_info {
	char name[VS_NAME_MAX + 1];
	uint32_t xid;
	char template_name[VS_NAME_MAX + 1];
	enum vs_ctx_state state;
	pid_t init_pid;
	double start_time; /* Unix seconds, 0 when stopped */
	bool autostart;
	char net[24]; /* "none", "host", "veth:BRIDGE" */
	char *error;  /* the config's error message when it does not parse (state broken) */
};
/* Every guest in guests_dir, sorted by name. */
int vs_guest_list(const struct vs_config *cfg, struct vs_guest_info **out, size_t *n);
void vs_guest_list_free(struct vs_guest_info *g, size_t n);

/* Run argv inside the guest: all of its namespaces and cgroups, its capability
 * bounding set, no_new_privs. Returns 0 and *status (the command's exit status,
 * 128+N when killed by signal N; 127 when not found, 126 when not executable,
 * 125 when joining the guest failed), or -errno when the guest is not running. */
int vs_guest_exec(const struct vs_config *cfg, const char *name, char *const argv[], int *status,
		  char **errmsg);

/* Paths (malloc'ed). */
char *vs_guest_conf_path(const struct vs_config *cfg, const char *name);
char *vs_guest_console_path(const struct vs_config *cfg, const char *name);

#endif
