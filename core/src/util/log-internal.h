/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VS_LOG_INTERNAL_H
#define VS_LOG_INTERNAL_H

#include <vsmon/log.h>

void vs_logf(enum vs_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A rate-limited complaint: one per recurring failure site. Zero-initialise. */
struct vs_complaint {
	unsigned failures;
	double interval_sec;
	double next_sec;
};
void vs_complain(struct vs_complaint *c, enum vs_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void vs_complaint_clear(struct vs_complaint *c, const char *what);

#endif
