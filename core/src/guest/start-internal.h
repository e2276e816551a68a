/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Between start.c (vsctl's side) and child.c (the guest's init before exec). */
#ifndef VS_START_INTERNAL_H
#define VS_START_INTERNAL_H

#include <sys/types.h>

#include "guest/guest-internal.h"

enum vs_start_stage {
	VS_ST_UNSHARE,
	VS_ST_CGROUPNS,
	VS_ST_HOSTNAME,
	VS_ST_OVERLAY,
	VS_ST_PROC,
	VS_ST_SYSFS,
	VS_ST_DEV,
	VS_ST_LOOPBACK,
	VS_ST_PIVOT,
	VS_ST_STDIO,
	VS_ST_CAPS,
	VS_ST_EXEC,
};
const char *vs_start_stage_name(int stage);

enum { VS_MSG_PID = 1, VS_MSG_ERR = 2 };
struct vs_start_msg {
	int kind;
	int stage;
	int err;
	pid_t pid;
};

struct vs_start_ctx {
	const struct vs_config *cfg;
	struct vs_guest_conf *gc;
	char *lower, *upper, *work, *root;
	int console_wr; /* the guest's stdout and stderr */
	int sync_rd;	/* the init waits for one byte here */
	int msg_wr;	/* failures go back here; closed on exec */
	pid_t pid;	/* the init, in vsctl's pid namespace */
};

/* The init's side: never returns. */
void vs_guest_child(struct vs_start_ctx *c) __attribute__((noreturn));

#endif
