/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messages from libvsmon. The library never prints: it hands every message to
 * one process-wide callback, and rate-limits complaints that recur. */
#ifndef VSMON_LOG_H
#define VSMON_LOG_H

enum vs_log_level {
	VS_LOG_ERR = 3, /* same numbers as syslog(3) */
	VS_LOG_WARNING = 4,
	VS_LOG_NOTICE = 5,
	VS_LOG_INFO = 6,
	VS_LOG_DEBUG = 7,
};

typedef void (*vs_log_fn)(void *userdata, enum vs_log_level level, const char *msg);

/* Install the callback (NULL drops every message, the default). Not thread-safe:
 * call it once at start-up. */
void vs_log_set_handler(vs_log_fn fn, void *userdata);

/* A ready-made handler that writes "PROG: LEVEL: msg" to stderr (userdata: PROG), for
 * tools. Info and debug messages only when $VSMON_DEBUG is set. */
void vs_log_stderr(void *userdata, enum vs_log_level level, const char *msg);

#endif
