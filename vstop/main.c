// SPDX-License-Identifier: GPL-2.0-or-later
/* vstop: top for contexts. Option parsing and set-up; batch.c and the viewer do the rest. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vstop.h"

static void vstop_usage(FILE *f)
{
	fprintf(f,
		"Usage: vstop [-b] [-n N] [-d SECONDS] [-o text|json|csv] [-c FILE]\n"
		"  -b            batch mode: print samples instead of the interactive view\n"
		"  -n N          number of samples, then exit (default: until interrupted)\n"
		"  -d SECONDS    interval between samples (default: sample_interval)\n"
		"  -o FORMAT     batch output: text (default), json (JSON Lines) or csv\n"
		"  -c FILE       configuration file (default $VSMON_CONF or %s)\n"
		"  -f KEYS       viewer columns, e.g. xid,name,cpu_pct,mem_current_bytes\n"
		"  -h            this help;  -V  version\n",
		VS_CONFIG_DEFAULT_PATH);
}

static int vstop_parse_args(int argc, char **argv, struct vstop_args *a)
{
	int c;
	char *end;

	while ((c = getopt(argc, argv, "bn:d:o:c:f:hV")) != -1) {
		switch (c) {
		case 'b':
			a->batch = true;
			break;
		case 'n':
			errno = 0;
			a->iterations = strtol(optarg, &end, 10);
			if (errno || *end || a->iterations < 0) {
				fprintf(stderr,
					"vstop: -n: expected a number of samples (0 or more), not "
					"'%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'd':
			if (vs_parse_duration(optarg, &a->delay_sec) < 0 || a->delay_sec < 0.05 ||
			    a->delay_sec > 86400) {
				fprintf(stderr,
					"vstop: -d: expected seconds between 0.05 and 86400, not "
					"'%s'\n",
					optarg);
				return 2;
			}
			a->delay_set = true;
			break;
		case 'o':
			if (vs_output_format_parse(optarg, &a->format) < 0) {
				fprintf(stderr, "vstop: -o: expected text, json or csv, not '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'c':
			a->config_path = optarg;
			break;
		case 'f':
			a->columns = optarg;
			break;
		case 'h':
			vstop_usage(stdout);
			return 0;
		case 'V':
			printf("vstop %s\n", VSMON_VERSION);
			return 0;
		default:
			vstop_usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vstop: unexpected argument '%s'\n", argv[optind]);
		vstop_usage(stderr);
		return 2;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct vstop_args a = {.format = VS_OUT_TEXT};
	struct vs_config *cfg = NULL;
	struct vs_sampler *s = NULL;
	char *err = NULL;
	const char *path;
	int rc, r;

	rc = vstop_parse_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	/* With file capabilities, the caller's -c and environment are not trusted. */
	a.secure = vs_privilege_secure();
	/* With file capabilities, keep them lowered except around the reads that need
	 * them (libvsmon raises them there). */
	if (a.secure && vs_privilege_lower() < 0) {
		fprintf(stderr, "vstop: cannot lower capabilities\n");
		return 1;
	}
	if (a.secure && a.config_path)
		fprintf(stderr, "vstop: running with raised privilege: -c ignored\n");
	vs_log_set_handler(vs_log_stderr, "vstop");
	path = vs_config_path(a.config_path, a.secure);
	r = vs_config_load(path, strcmp(path, VS_CONFIG_DEFAULT_PATH) == 0, &cfg, &err);
	if (r < 0) {
		if (a.secure)
			fprintf(stderr, "vstop: %s: cannot use the configuration\n", path);
		else
			fprintf(stderr, "vstop: %s\n", err ? err : strerror(-r));
		free(err);
		return 2;
	}
	if (!a.delay_set)
		a.delay_sec = cfg->sample_interval_sec;
	/* The viewer keeps its own compact sparkline history: the engine needs only
	 * the latest snapshot (rates come from its own previous sample). */
	struct vs_sampler_opts o = {.config = cfg, .history_len = 1};
	r = vs_sampler_new(&o, &s);
	if (r < 0) {
		fprintf(stderr, "vstop: cannot start sampling: %s\n", strerror(-r));
		vs_config_free(cfg);
		return 1;
	}
	/* Without a terminal there is nothing to draw on: batch, as systemd-cgtop does. */
	if (!a.batch && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		a.batch = true;
	rc = a.batch ? vstop_batch(&a, s) : vstop_interactive(&a, s, cfg);
	vs_sampler_free(s);
	vs_config_free(cfg);
	return rc;
}
