/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest control internals shared by the files of core/src/guest/. */
#ifndef VS_GUEST_INTERNAL_H
#define VS_GUEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <vsmon/cgroup.h>
#include <vsmon/config.h>
#include <vsmon/guest.h>
#include <vsmon/state.h>

/* words.c: argument vectors */
int vs_guest_split_words(const char *s, char ***out); /* shell-like: quotes, backslash */
void vs_guest_strv_free(char **v);
char **vs_guest_strv_dup(char *const *v);

/* conf.c */
int vs_guest_parse_size(const char *s, uint64_t *out);
int vs_guest_conf_check_key(const char *key, const char *value, char **errmsg);

/* paths.c: where things live (all malloc'ed) */
char *vs_guest_dir(const struct vs_config *cfg, const char *name);	  /* state_dir/NAME */
char *vs_guest_state_path(const struct vs_config *cfg, const char *name); /* run_dir/NAME.state */
char *vs_template_path(const struct vs_config *cfg, const char *name);	  /* template_dir/NAME */
/* An exclusive flock on run_dir/NAME.lock (or a global one for name NULL) that
 * serialises start, stop and destroy of one guest. */
int vs_guest_lock(const struct vs_config *cfg, const char *name, int *fd);
void vs_guest_unlock(int fd);
int vs_rm_rf(const char *path);
/* Run a program (argv[0] looked up in PATH) and wait: its exit status (0..255, or
 * 128+signal), or -errno when it could not be run. With out, stdout is captured
 * into a malloc'ed string of at most max bytes; with quiet, stderr is discarded. */
int vs_guest_run(char *const argv[], char **out, size_t max, bool quiet);
double vs_now(void);
int vs_pid_start_ticks(pid_t pid, uint64_t *out);
/* The guest's state file, if its init is alive and is the one the file names:
 * 1 running (st filled), 0 no file, -ESTALE file but init gone (st filled). */
int vs_guest_state_probe(const struct vs_config *cfg, const char *name, struct vs_guest_state *st);

/* cgroups.c: a guest's cgroups in every hierarchy */
struct vs_guest_cg {
	enum vs_cgroup_mode mode;
	char *path[VS_H__COUNT]; /* relative to each hierarchy's root; NULL: absent */
};
int vs_guest_cg_paths(const struct vs_config *cfg, const char *name, struct vs_guest_cg *out,
		      char **errmsg);
int vs_guest_cg_create(const struct vs_guest_cg *cg, const struct vs_guest_conf *gc, char **errmsg);
int vs_guest_cg_attach(const struct vs_guest_cg *cg, pid_t pid);
bool vs_guest_cg_exists(const struct vs_guest_cg *cg);
/* Kill every task (cgroup.kill, or freeze + SIGKILL + thaw) and wait until empty. */
int vs_guest_cg_kill(const struct vs_guest_cg *cg);
int vs_guest_cg_remove(const struct vs_guest_cg *cg);
void vs_guest_cg_clear(struct vs_guest_cg *cg);
char *vs_guest_cg_dir(const struct vs_guest_cg *cg, enum vs_hier h); /* absolute directory */

/* caps.c: drop the bounding set to mask and set no_new_privs (in the process that
 * will exec the guest's code). */
int vs_guest_caps_apply(uint64_t mask);

/* net.c */
void vs_guest_veth_name(uint32_t xid, char buf[16]);
int vs_guest_veth_setup(const struct vs_guest_conf *gc, pid_t pid, char **errmsg);
void vs_guest_veth_remove(const char *veth);

/* console.c: a detached process that copies the guest's output into console.log,
 * size-capped; returns the write end for the guest's stdout and stderr. */
int vs_guest_console_open(const struct vs_config *cfg, const char *name, int *wfd);

/* stop.c */
int vs_guest_cleanup(const struct vs_config *cfg, const char *name, struct vs_guest_state *st,
		     double timeout_sec);

#endif
