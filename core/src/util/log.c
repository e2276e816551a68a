// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vsmon/log.h>
#include "util/log-internal.h"

static vs_log_fn log_fn;
static void *log_data;

void vs_log_set_handler(vs_log_fn fn, void *userdata)
{
	log_fn = fn;
	log_data = userdata;
}

void vs_log_stderr(void *userdata, enum vs_log_level level, const char *msg)
{
	static const char *const names[] = {[VS_LOG_ERR] = "error",
					    [VS_LOG_WARNING] = "warning",
					    [VS_LOG_NOTICE] = "notice",
					    [VS_LOG_INFO] = "info",
					    [VS_LOG_DEBUG] = "debug"};
	const char *prog = userdata ? (const char *)userdata : "vsmon";
	unsigned l = (unsigned)level;
	static int verbose = -1;

	/* Info and debug lines only on request, as a quiet tool should be. */
	if (verbose < 0) {
		const char *e = getenv("VSMON_DEBUG");
		verbose = e && *e && strcmp(e, "0") != 0;
	}
	if (level >= VS_LOG_INFO && !verbose)
		return;
	fprintf(stderr, "%s: %s: %s\n", prog, l <= VS_LOG_DEBUG && names[l] ? names[l] : "log",
		msg);
}

void vs_logf(enum vs_log_level level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!log_fn)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_fn(log_data, level, buf);
}

static double log_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* collectd's complaint pattern: the first failure is logged, then at most one line
 * per interval that doubles up to a day; a success after failures says so once. */
void vs_complain(struct vs_complaint *c, enum vs_log_level level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	double now = log_now();

	c->failures++;
	if (c->next_sec > now)
		return;
	c->interval_sec = c->interval_sec <= 0 ? 10 : c->interval_sec * 2;
	if (c->interval_sec > 86400)
		c->interval_sec = 86400;
	c->next_sec = now + c->interval_sec;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (c->failures > 1)
		vs_logf(level, "%s (%u times)", buf, c->failures);
	else
		vs_logf(level, "%s", buf);
}

void vs_complaint_clear(struct vs_complaint *c, const char *what)
{
	if (c->failures == 0)
		return;
	vs_logf(VS_LOG_NOTICE, "%s: working again after %u failures", what, c->failures);
	c->failures = 0;
	c->interval_sec = 0;
	c->next_sec = 0;
}
