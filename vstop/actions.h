/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What vstop does to guests and processes. Guest actions run in a forked child
 * that calls libvsmon's guest control, so a slow stop never blocks the screen;
 * the result comes back through a pipe and is shown in the status line. */
#ifndef VSTOP_ACTIONS_H
#define VSTOP_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <vsmon/vsmon.h>

enum act_kind { ACT_START, ACT_STOP, ACT_RESTART };

const char *act_name(enum act_kind k); /* "start", "stop", "restart" */
/* Starts the action in the background; 0, -EBUSY while another runs, or -errno. */
int act_guest_begin(const struct vs_config *cfg, const char *guest, enum act_kind k);
bool act_busy(void);
/* When the background action has finished: 1 and its message; else 0. */
int act_poll(char *msg, size_t len);
/* Sends sig to pid and describes the result in msg. */
int act_signal(pid_t pid, int sig, char *msg, size_t len);
/* "TERM", "9", "SIGKILL" -> signal number, or -EINVAL. */
int act_parse_signal(const char *s);
void act_cleanup(void); /* waits for a running action's child */

#endif
