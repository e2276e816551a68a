// SPDX-License-Identifier: GPL-2.0-or-later
/* vsgraph: records every context into RRD files and draws graphs and pages for
 * capacity planners. `-c FILE` is accepted before or after the subcommand. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vsmon/rrdarchive.h>

#include "png-tuning.h"
#include "vsgraph.h"

static void usage(FILE *f)
{
	fputs("Usage: vsgraph [-c FILE] [-v|-q] COMMAND [OPTIONS]\n"
	      "\n"
	      "Commands:\n"
	      "  record [--once]             sample every rrd_step seconds into rrd_dir\n"
	      "  import FILE|-               replay batch output (vstop -b -o json) into rrd_dir\n"
	      "  render [--out-dir DIR] [--period day|week|month|year|all] [--format svg|png]\n"
	      "         [--width N] [--height N] [--end UNIXTIME]\n"
	      "                              draw graphs and index.html, host.html, archive.html\n"
	      "  graph SET GRAPH [--period P] [--format F] [--width N] [--height N] [--end T] -o "
	      "FILE\n"
	      "                              one graph; SET is host, context0 or a guest name\n"
	      "  report [--month YYYY-MM] [-o text|csv|json]\n"
	      "                              a month's average, maximum and 95th percentile\n"
	      "  archive NAME                move a destroyed guest's files to rrd_archive_dir\n"
	      "\n"
	      "Options: -c FILE (or $VSMON_CONF) the config file; -v more messages; -q fewer.\n"
	      "See vsgraph(8).\n",
	      f);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vsgraph: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'vsgraph --help'.\n", stderr);
	return 2;
}

/* "name value" with `decimals` digits, or "name -" when the graph had no such figure
 * or it was unknown. */
static void print_figure(const char *name, int decimals, double v)
{
	if (isnan(v))
		printf("%s -\n", name);
	else
		printf("%s %.*f\n", name, decimals, v);
}

/* Take -c FILE / --config FILE / --config=FILE out of argv wherever it stands. */
static int pull_config(int *argc, char **argv, const char **path)
{
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) {
			if (i + 1 >= *argc)
				return -1;
			*path = argv[++i];
		} else if (strncmp(a, "--config=", 9) == 0) {
			*path = a + 9;
		} else if (strncmp(a, "-c", 2) == 0 && a[2]) {
			*path = a + 2;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

static bool parse_uint(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

enum {
	OPT_OUT_DIR = 256,
	OPT_PERIOD,
	OPT_FORMAT,
	OPT_WIDTH,
	OPT_HEIGHT,
	OPT_END,
	OPT_MONTH,
	OPT_ONCE
};

static const struct option long_opts[] = {
    {"out-dir", required_argument, NULL, OPT_OUT_DIR},
    {"period", required_argument, NULL, OPT_PERIOD},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"width", required_argument, NULL, OPT_WIDTH},
    {"height", required_argument, NULL, OPT_HEIGHT},
    {"end", required_argument, NULL, OPT_END},
    {"month", required_argument, NULL, OPT_MONTH},
    {"once", no_argument, NULL, OPT_ONCE},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct cmd_opts {
	const char *out_dir, *output;
	bool periods[VSG_P__COUNT], period_set, png, once;
	unsigned width, height;
	time_t end;
	int year, month;
	enum vs_output_format fmt;
};

/* Options of every subcommand; each subcommand checks that it got only its own. */
static int parse_cmd_opts(int argc, char **argv, const char *allowed, struct cmd_opts *o)
{
	int c;
	unsigned long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", long_opts, NULL)) != -1) {
		if (c == '?')
			return usage_error("%s: unknown option or missing value", argv[optind - 1]);
		if (c == 'h') {
			usage(stdout);
			exit(0);
		}
		char key[8];
		snprintf(key, sizeof(key), ",%d,", c);
		if (!strstr(allowed, key))
			return usage_error("%s: not an option of this command", argv[optind - 1]);
		switch (c) {
		case OPT_OUT_DIR:
			o->out_dir = optarg;
			break;
		case OPT_PERIOD: {
			bool any = false;
			if (strcmp(optarg, "all") == 0) {
				for (int p = 0; p < VSG_P__COUNT; p++)
					o->periods[p] = true;
				any = true;
			}
			for (int p = 0; p < VSG_P__COUNT; p++)
				if (strcmp(optarg, vsg_period_names[p]) == 0)
					o->periods[p] = any = true;
			if (!any)
				return usage_error(
				    "--period %s: expected day, week, month, year or all", optarg);
			o->period_set = true;
			break;
		}
		case OPT_FORMAT:
			if (strcmp(optarg, "png") == 0)
				o->png = true;
			else if (strcmp(optarg, "svg") == 0)
				o->png = false;
			else
				return usage_error("--format %s: expected svg or png", optarg);
			break;
		case OPT_WIDTH:
		case OPT_HEIGHT:
			if (!parse_uint(optarg, 100, 10000, &v))
				return usage_error(
				    "%s: expected a size in pixels from 100 to 10000", optarg);
			*(c == OPT_WIDTH ? &o->width : &o->height) = (unsigned)v;
			break;
		case OPT_END:
			if (!parse_uint(optarg, 1, 4102444800UL, &v))
				return usage_error("--end %s: expected Unix seconds", optarg);
			o->end = (time_t)v;
			break;
		case OPT_MONTH:
			if (sscanf(optarg, "%4d-%2d", &o->year, &o->month) != 2 ||
			    strlen(optarg) != 7 || o->year < 1970 || o->month < 1 || o->month > 12)
				return usage_error("--month %s: expected YYYY-MM", optarg);
			break;
		case OPT_ONCE:
			o->once = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		}
	}
	return 0;
}

/* Like vs_output_format_parse, kept here so vsgraph does not need the output module. */
static int parse_format(const char *s, enum vs_output_format *out)
{
	if (strcmp(s, "text") == 0)
		*out = VS_OUT_TEXT;
	else if (strcmp(s, "csv") == 0)
		*out = VS_OUT_CSV;
	else if (strcmp(s, "json") == 0)
		*out = VS_OUT_JSON;
	else
		return -EINVAL;
	return 0;
}

static struct vs_config *load_config(const char *cli)
{
	const char *path = vs_config_path(cli, false);
	struct vs_config *cfg = NULL;
	char *err = NULL;
	int r = vs_config_load(path, !cli && !getenv("VSMON_CONF"), &cfg, &err);

	if (r < 0) {
		fprintf(stderr, "vsgraph: %s\n", err ? err : strerror(-r));
		free(err);
		return NULL;
	}
	return cfg;
}

int main(int argc, char **argv)
{
	const char *cfg_path = NULL, *cmd;
	struct vs_config *cfg = NULL;
	struct cmd_opts o = {.fmt = VS_OUT_TEXT};
	int r = 0, rc = 0;

	if (pull_config(&argc, argv, &cfg_path) < 0)
		return usage_error("%s: missing FILE", "-c");
	/* Global flags before the command. */
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			vsg_verbosity++;
		else if (strcmp(argv[i], "-q") == 0)
			vsg_verbosity = VS_LOG_ERR;
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("vsgraph %s\n", VSMON_VERSION);
			return 0;
		} else
			return usage_error("%s: unknown option", argv[i]);
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	cmd = argv[i];
	int sargc = argc - i;
	char **sargv = argv + i;
	vs_log_set_handler(vs_log_stderr, "vsgraph");

	if (strcmp(cmd, "record") == 0) {
		char allowed[16];
		snprintf(allowed, sizeof(allowed), ",%d,", OPT_ONCE);
		if ((r = parse_cmd_opts(sargc, sargv, allowed, &o)) != 0)
			return r;
		if (optind != sargc)
			return usage_error("record: unexpected argument %s", sargv[optind]);
		if (!(cfg = load_config(cfg_path)))
			return 2;
		r = vsg_record_run(cfg, o.once);
		rc = r < 0 ? 1 : 0;
	} else if (strcmp(cmd, "import") == 0) {
		if ((r = parse_cmd_opts(sargc, sargv, ",", &o)) != 0)
			return r;
		if (optind + 1 != sargc)
			return usage_error("%s", "import: expected one FILE (or - for stdin)");
		if (!(cfg = load_config(cfg_path)))
			return 2;
		const char *fn = sargv[optind];
		FILE *in = strcmp(fn, "-") == 0 ? stdin : fopen(fn, "re");
		if (!in) {
			fprintf(stderr, "vsgraph: %s: %s\n", fn, strerror(errno));
			vs_config_free(cfg);
			return 1;
		}
		struct vsg_store *st = NULL;
		struct vsg_store_opts so = {.rrd_dir = cfg->rrd_dir,
					    .archive_dir = cfg->rrd_archive_dir,
					    .step = cfg->rrd_step_sec,
					    .timespans = cfg->rrd_timespans,
					    .ntimespans = cfg->rrd_timespans_n,
					    .rrdcached = cfg->rrdcached};
		r = vsg_store_new(&so, &st);
		if (r == 0) {
			r = vsg_import(st, cfg->rrd_step_sec, in, strcmp(fn, "-") ? fn : "<stdin>");
			int fr = vsg_store_flush(st);
			const struct vsg_store_stats *ss = vsg_store_stats(st);
			vsg_log(VS_LOG_INFO,
				"%lu updates, %lu files created, %lu tuned, %lu warnings, "
				"%lu errors",
				ss->updates, ss->created, ss->tuned, ss->warnings, ss->errors);
			if (r == 0 && (fr < 0 || ss->errors))
				r = -EIO;
			vsg_store_free(st);
		}
		if (in != stdin)
			fclose(in);
		rc = r == -EINVAL ? 2 : r < 0 ? 1 : 0;
	} else if (strcmp(cmd, "render") == 0 || strcmp(cmd, "graph") == 0) {
		bool one = strcmp(cmd, "graph") == 0;
		char allowed[64];
		snprintf(allowed, sizeof(allowed), ",%d,%d,%d,%d,%d,%d,%d,", OPT_OUT_DIR,
			 OPT_PERIOD, OPT_FORMAT, OPT_WIDTH, OPT_HEIGHT, OPT_END, one ? 'o' : 0);
		if ((r = parse_cmd_opts(sargc, sargv, allowed, &o)) != 0)
			return r;
		if (one ? optind + 2 != sargc || !o.output : optind != sargc)
			return usage_error("%s: wrong arguments", cmd);
		if (!(cfg = load_config(cfg_path)))
			return 2;
		vsg_png_fast = cfg->graph_png_fast;
		if (!o.period_set)
			for (int p = 0; p < VSG_P__COUNT; p++)
				o.periods[p] = !one || p == VSG_P_DAY;
		struct vsg_render_opts ro = {.rrd_dir = cfg->rrd_dir,
					     .archive_dir = cfg->rrd_archive_dir,
					     .out_dir = o.out_dir ? o.out_dir : cfg->graph_dir,
					     .rrdcached = cfg->rrdcached,
					     .png = o.png,
					     .width = o.width,
					     .height = o.height,
					     .end = o.end};
		memcpy(ro.periods, o.periods, sizeof(ro.periods));
		if (!one) {
			r = vsg_render_all(&ro);
			rc = r < 0 ? 1 : 0;
		} else {
			const char *set = sargv[optind], *graph = sargv[optind + 1];
			enum vsg_set kind = strcmp(set, "host") == 0	   ? VSG_SET_HOST
					    : strcmp(set, "context0") == 0 ? VSG_SET_CTX0
									   : VSG_SET_GUEST;
			char *dir = vsg_set_dir(cfg->rrd_dir, kind, set);
			struct vsg_graph_result res = {0};
			int p = 0;
			while (!o.periods[p])
				p++;
			if (!dir) {
				vs_config_free(cfg);
				return usage_error("%s: not host, context0 or a guest name", set);
			}
			vsg_flush_all(cfg->rrdcached);
			r = vsg_render_graph(&ro, dir, set, graph, (enum vsg_period)p, o.output,
					     &res);
			if (r == -EINVAL) {
				free(dir);
				vs_config_free(cfg);
				return usage_error("%s: not a graph (cpu, memory, io, iops, tasks, "
						   "network, shared, disk, host-cpu, host-memory)",
						   graph);
			}
			if (r == 0) {
				printf("file %s\nwidth %u\nheight %u\n", res.path, res.width,
				       res.height);
				print_figure("p95", 6, res.p95);
				print_figure("correlation", 4, res.correlation);
				print_figure("meets_limit", 0, res.meets_limit);
				print_figure("predicted", 6, res.predicted);
			}
			free(res.path);
			free(dir);
			rc = r < 0 ? 1 : 0;
		}
	} else if (strcmp(cmd, "report") == 0) {
		char allowed[16];
		snprintf(allowed, sizeof(allowed), ",%d,%d,", OPT_MONTH, 'o');
		if ((r = parse_cmd_opts(sargc, sargv, allowed, &o)) != 0)
			return r;
		if (optind != sargc)
			return usage_error("report: unexpected argument %s", sargv[optind]);
		if (o.output && parse_format(o.output, &o.fmt) < 0)
			return usage_error("-o %s: expected text, csv or json", o.output);
		if (!o.year) {
			/* Default: the last complete month. */
			time_t now = time(NULL);
			struct tm tm;
			gmtime_r(&now, &tm);
			o.year = tm.tm_year + 1900 - (tm.tm_mon == 0);
			o.month = tm.tm_mon == 0 ? 12 : tm.tm_mon;
		}
		if (!(cfg = load_config(cfg_path)))
			return 2;
		r = vsg_report(cfg->rrd_dir, cfg->rrd_archive_dir, cfg->rrdcached, o.year, o.month,
			       o.fmt, stdout);
		rc = r < 0 ? 1 : 0;
	} else if (strcmp(cmd, "archive") == 0) {
		if ((r = parse_cmd_opts(sargc, sargv, ",", &o)) != 0)
			return r;
		if (optind + 1 != sargc || !vs_name_valid(sargv[optind]))
			return usage_error("%s", "archive: expected one guest NAME");
		if (!(cfg = load_config(cfg_path)))
			return 2;
		char *dest = NULL;
		r = vs_rrd_archive_guest(cfg->rrd_dir, cfg->rrd_archive_dir, cfg->rrdcached,
					 sargv[optind], &dest);
		if (r < 0)
			fprintf(stderr, "vsgraph: archive %s: %s\n", sargv[optind], strerror(-r));
		else
			printf("%s\n", dest);
		free(dest);
		rc = r < 0 ? 1 : 0;
	} else {
		return usage_error("%s: unknown command (record, import, render, graph, report, "
				   "archive)",
				   cmd);
	}
	if (r < 0 && r != -EINVAL)
		vsg_log(VS_LOG_DEBUG, "%s: %s", cmd, strerror(-r));
	vs_config_free(cfg);
	return rc;
}
