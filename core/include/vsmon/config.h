/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The main configuration file, /etc/vsmon/vsmon.conf (INI syntax, parsed by libinih). */
#ifndef VSMON_CONFIG_H
#define VSMON_CONFIG_H

#include <stdbool.h>

#define VS_CONFIG_DEFAULT_PATH "/etc/vsmon/vsmon.conf"

/* One RRD archive span (rrd_timespans): rows of res_sec seconds kept for span_sec
 * seconds; res_sec 0 means the step itself. */
#define VS_RRD_TIMESPANS_MAX 8
struct vs_rrd_timespan {
	unsigned long span_sec;
	unsigned long res_sec;
};

struct vs_config {
	char *source_path; /* file it was read from, or NULL for built-in defaults */
	char *guests_dir;  /* guests_dir: one NAME.conf per guest */
	char *state_dir;   /* state_dir: xid counter, per-guest state, console logs */
	char *run_dir;	   /* run_dir: NAME.state of running guests */
	char *
	    template_dir; /* template_dir: read-only template trees (default state_dir/templates) */
	char *cgroup_parent; /* cgroup_parent: absolute, or relative to the caller's own cgroup */
	double sample_interval_sec;    /* sample_interval */
	double deep_scan_interval_sec; /* deep_scan_interval */
	double disk_scan_interval_sec; /* disk_scan_interval: upper-layer sizes */
	/* smaps_max_age: how old a reused smaps_rollup of an idle process may get */
	double smaps_max_age_sec;
	/* graphs */
	char *rrd_dir;	       /* rrd_dir */
	char *rrd_archive_dir; /* rrd_archive_dir (default rrd_dir/archive) */
	unsigned rrd_step_sec; /* rrd_step */
	char *rrdcached;       /* rrdcached: "unix:/path" or empty for direct writes */
	char *graph_dir;       /* graph_dir: where `vsgraph render` writes by default */
	bool graph_png_fast;   /* graph_png_fast: cheaper antialiasing and PNG encoding */
	/* rrd_timespans: "3d:step, 40d:5m, 400d:1h, 5y:1d", finest first */
	struct vs_rrd_timespan rrd_timespans[VS_RRD_TIMESPANS_MAX];
	unsigned rrd_timespans_n;
	/* snmp: read-only mirrors of these switches are served in the MIB */
	char *agentx_socket;		     /* agentx_socket */
	bool snmp_notify_state;		     /* snmp_notify_state */
	bool snmp_notify_limit;		     /* snmp_notify_limit */
	bool snmp_notify_oom;		     /* snmp_notify_oom */
	double snmp_notify_min_interval_sec; /* snmp_notify_min_interval: per row and kind */
};

/* The path to use: cli_path if given, else $VSMON_CONF, else the default.
 * With secure (the binary runs with raised privilege) only the default. */
const char *vs_config_path(const char *cli_path, bool secure);

/* Defaults only, as if the file were empty. */
int vs_config_defaults(struct vs_config **out);

/* Parse a file. A missing file at the default path gives the defaults; any other
 * missing file is -ENOENT. On a syntax or value error returns -EINVAL and sets
 * *errmsg (malloc'ed) to "FILE:LINE: what was expected". */
int vs_config_load(const char *path, bool missing_ok, struct vs_config **out, char **errmsg);

/* Parse a buffer (for tests and fuzzing); name is used in messages. */
int vs_config_parse_string(const char *text, const char *name, struct vs_config **out,
			   char **errmsg);

struct vs_config *vs_config_free(struct vs_config *cfg);

/* A duration or size option: "30", "1.5", "500ms", "2m". Returns seconds. */
int vs_parse_duration(const char *s, double *out_sec);

#endif
