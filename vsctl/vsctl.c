// SPDX-License-Identifier: GPL-2.0-or-later
/* vsctl: builds, starts, stops and enters vsmon guests; manages templates.
 * Exit status: 0 success, 1 failure of the host, 2 bad input (usage, names, config
 * values, state that does not allow the command), 3 from status when stopped;
 * exec returns the command's status, or 125-127 when it could not be run. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <vsmon/guest.h>
#include <vsmon/vsmon.h>

enum out_fmt { OUT_TEXT, OUT_JSON, OUT_CSV };

struct opts {
	const char *config;
	enum out_fmt fmt;
	int verbose;
	char **args; /* the command and its arguments, global options removed */
	int nargs;
	char **rest; /* after "--" */
	int nrest;
};

static int verbose;

static void usage(FILE *f)
{
	fputs("usage: vsctl [-c FILE] [-o text|json|csv] [-v] COMMAND ...\n"
	      "  build NAME --template T [--xid N] [key=value ...]\n"
	      "  start NAME... | start --autostart\n"
	      "  stop [--timeout SEC] NAME... | stop --all\n"
	      "  restart [--timeout SEC] NAME\n"
	      "  status NAME              prints running or stopped (exit 0 or 3)\n"
	      "  list                     every guest (-o json for scripts)\n"
	      "  enter NAME               a shell inside the guest\n"
	      "  exec NAME -- CMD ARG...  run a command inside the guest\n"
	      "  log NAME                 the guest's console output\n"
	      "  destroy [--force] NAME\n"
	      "  template create NAME --busybox | --from DIR | --debootstrap SUITE\n"
	      "  template list | template remove NAME\n"
	      "  setup                    turn on cgroup v1 blkio accounting\n"
	      "See vsctl(8).\n",
	      f);
}

static void log_handler(void *data, enum vs_log_level level, const char *msg)
{
	if (level <= VS_LOG_WARNING || verbose || (level == VS_LOG_NOTICE))
		vs_log_stderr(data, level, msg);
}

/* Bad input and state that forbids the command are the user's to fix: status 2. */
static int exit_for(int r)
{
	switch (-r) {
	case 0:
		return 0;
	case EINVAL:
	case ENOENT:
	case EEXIST:
	case ESRCH:
	case EBUSY:
		return 2;
	default:
		return 1;
	}
}

static int report(int r, char **msgp, const char *what)
{
	char *msg = *msgp;

	if (r < 0)
		fprintf(stderr, "vsctl: %s\n", msg ? msg : strerror(-r));
	else if (verbose && what)
		fprintf(stderr, "vsctl: %s\n", what);
	free(msg);
	return exit_for(r);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("vsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (vsctl --help)\n", stderr);
	return 2;
}

static int parse_timeout(const char *s, double *out)
{
	return vs_parse_duration(s, out) < 0 || *out > 86400 ? -EINVAL : 0;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	o->args = calloc((size_t)argc + 1, sizeof(char *));
	if (!o->args)
		return 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			o->rest = argv + i + 1;
			o->nrest = argc - i - 1;
			break;
		}
		if (!strcmp(a, "-c") || !strcmp(a, "--config") || !strcmp(a, "-o") ||
		    !strcmp(a, "--output")) {
			if (i + 1 >= argc)
				return usage_error("%s needs an argument", a);
			const char *v = argv[++i];
			if (a[1] == 'c' || a[2] == 'c') {
				o->config = v;
			} else if (!strcmp(v, "text")) {
				o->fmt = OUT_TEXT;
			} else if (!strcmp(v, "json")) {
				o->fmt = OUT_JSON;
			} else if (!strcmp(v, "csv")) {
				o->fmt = OUT_CSV;
			} else {
				return usage_error("-o %s: expected text, json or csv", v);
			}
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose++;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("vsctl %s\n", VSMON_VERSION);
			exit(0);
		} else {
			o->args[o->nargs++] = argv[i];
		}
	}
	return 0;
}

/* --- guests ----------------------------------------------------------------- */

static int cmd_build(const struct vs_config *cfg, char **a, int n)
{
	const char *name = NULL, *tpl = NULL;
	char **kv = calloc((size_t)n + 1, sizeof(char *)), *msg = NULL;
	size_t nkv = 0;
	uint32_t xid = 0;
	int r;

	if (!kv)
		return 1;
	for (int i = 0; i < n; i++) {
		if (!strcmp(a[i], "--template") || !strcmp(a[i], "-t")) {
			if (++i >= n) {
				free(kv);
				return usage_error("--template needs a name");
			}
			tpl = a[i];
		} else if (!strcmp(a[i], "--xid")) {
			char *end;
			unsigned long long v;
			if (++i >= n) {
				free(kv);
				return usage_error("--xid needs a number");
			}
			errno = 0;
			v = strtoull(a[i], &end, 10);
			if (errno || *end || end == a[i] || a[i][0] == '-' || v < 1 ||
			    v > VS_XID_MAX) {
				free(kv);
				fprintf(stderr,
					"vsctl: --xid %s: expected a whole number from 1 to %u\n",
					a[i], VS_XID_MAX);
				return 2;
			}
			xid = (uint32_t)v;
		} else if (a[i][0] == '-') {
			free(kv);
			return usage_error("build: unknown option %s", a[i]);
		} else if (!name) {
			name = a[i];
		} else {
			kv[nkv++] = a[i];
		}
	}
	if (!name || !tpl) {
		free(kv);
		return usage_error("build NAME --template T [--xid N] [key=value ...]");
	}
	r = vs_guest_build(cfg, name, tpl, xid, kv, nkv, &msg);
	free(kv);
	return report(r, &msg, "built");
}

static int cmd_start(const struct vs_config *cfg, char **a, int n)
{
	int rc = 0, count = 0;
	bool autostart = false;

	for (int i = 0; i < n; i++)
		if (!strcmp(a[i], "--autostart"))
			autostart = true;
		else if (a[i][0] == '-')
			return usage_error("start: unknown option %s", a[i]);
	if (autostart) {
		struct vs_guest_info *g = NULL;
		size_t ng = 0;
		int r = vs_guest_list(cfg, &g, &ng);
		if (r < 0)
			return report(r, &(char *){NULL}, NULL);
		for (size_t i = 0; i < ng; i++) {
			char *msg = NULL;
			if (!g[i].autostart || g[i].state == VS_STATE_RUNNING)
				continue;
			int e = report(vs_guest_start(cfg, g[i].name, &msg), &msg, NULL);
			rc = rc ? rc : e;
		}
		vs_guest_list_free(g, ng);
		return rc;
	}
	for (int i = 0; i < n; i++) {
		char *msg = NULL;
		int e = report(vs_guest_start(cfg, a[i], &msg), &msg, NULL);
		rc = rc ? rc : e;
		count++;
	}
	return count ? rc : usage_error("start NAME... or start --autostart");
}

static int cmd_stop(const struct vs_config *cfg, char **a, int n, bool restart)
{
	double timeout = 10;
	bool all = false;
	int rc = 0, count = 0;

	for (int i = 0; i < n; i++) {
		if (!strcmp(a[i], "--timeout") || !strcmp(a[i], "-t")) {
			if (++i >= n || parse_timeout(a[i], &timeout) < 0)
				return usage_error(
				    "--timeout: expected seconds such as 10 or 500ms");
			a[i - 1] = a[i] = NULL;
		} else if (!strcmp(a[i], "--all") && !restart) {
			all = true;
			a[i] = NULL;
		} else if (a[i][0] == '-') {
			return usage_error("unknown option %s", a[i]);
		}
	}
	if (all) {
		struct vs_guest_info *g = NULL;
		size_t ng = 0;
		int r = vs_guest_list(cfg, &g, &ng);
		if (r < 0)
			return report(r, &(char *){NULL}, NULL);
		for (size_t i = 0; i < ng; i++) {
			char *msg = NULL;
			if (g[i].state == VS_STATE_STOPPED || g[i].state == VS_STATE_BROKEN)
				continue;
			int e = report(vs_guest_stop(cfg, g[i].name, timeout, &msg), &msg, NULL);
			rc = rc ? rc : e;
		}
		vs_guest_list_free(g, ng);
		return rc;
	}
	for (int i = 0; i < n; i++) {
		char *msg = NULL;
		if (!a[i])
			continue;
		int r = restart ? vs_guest_restart(cfg, a[i], timeout, &msg)
				: vs_guest_stop(cfg, a[i], timeout, &msg);
		int e = report(r, &msg, NULL);
		rc = rc ? rc : e;
		count++;
	}
	return count ? rc
		     : usage_error("%s", restart ? "restart NAME" : "stop NAME... or stop --all");
}

static int cmd_status(const struct vs_config *cfg, char **a, int n)
{
	enum vs_ctx_state st;
	int r;

	if (n != 1)
		return usage_error("status NAME");
	r = vs_guest_status(cfg, a[0], &st, NULL);
	if (r == -ENOENT || r == -EINVAL) {
		fprintf(stderr, "vsctl: %s '%s'\n", r == -EINVAL ? "bad guest name" : "no guest",
			a[0]);
		return 2;
	}
	if (r < 0)
		return report(r, &(char *){NULL}, NULL);
	printf("%s\n", vs_state_name(st));
	return st == VS_STATE_RUNNING ? 0 : 3;
}

static void fmt_uptime(char *buf, size_t len, double start)
{
	double up = start > 0 ? difftime(time(NULL), (time_t)start) : -1;
	if (up < 0)
		snprintf(buf, len, "-");
	else if (up < 3600)
		snprintf(buf, len, "%dm%02ds", (int)up / 60, (int)up % 60);
	else if (up < 86400)
		snprintf(buf, len, "%dh%02dm", (int)up / 3600, (int)up % 3600 / 60);
	else
		snprintf(buf, len, "%dd%02dh", (int)up / 86400, (int)up % 86400 / 3600);
}

static int cmd_list(const struct vs_config *cfg, enum out_fmt fmt, int n)
{
	struct vs_guest_info *g = NULL;
	size_t ng = 0;
	int r;

	if (n)
		return usage_error("list takes no arguments");
	if ((r = vs_guest_list(cfg, &g, &ng)) < 0)
		return report(r, &(char *){NULL}, NULL);
	if (fmt == OUT_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < ng; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "name", json_string(g[i].name));
			json_object_set_new(o, "xid",
					    g[i].xid ? json_integer(g[i].xid) : json_null());
			json_object_set_new(o, "state", json_string(vs_state_name(g[i].state)));
			json_object_set_new(o, "template",
					    g[i].template_name[0] ? json_string(g[i].template_name)
								  : json_null());
			json_object_set_new(o, "init_pid",
					    g[i].init_pid ? json_integer(g[i].init_pid)
							  : json_null());
			json_object_set_new(o, "start_time",
					    g[i].start_time > 0 ? json_real(g[i].start_time)
								: json_null());
			json_object_set_new(o, "autostart", json_boolean(g[i].autostart));
			json_object_set_new(o, "net",
					    g[i].net[0] ? json_string(g[i].net) : json_null());
			if (g[i].error)
				json_object_set_new(o, "error", json_string(g[i].error));
			json_array_append_new(arr, o);
		}
		json_dumpf(arr, stdout, JSON_COMPACT);
		putchar('\n');
		json_decref(arr);
	} else if (fmt == OUT_CSV) {
		printf("name,xid,state,template,init_pid,start_time,autostart,net\n");
		for (size_t i = 0; i < ng; i++) {
			printf("%s,", g[i].name);
			if (g[i].xid)
				printf("%u", g[i].xid);
			printf(",%s,%s,", vs_state_name(g[i].state), g[i].template_name);
			if (g[i].init_pid)
				printf("%ld", (long)g[i].init_pid);
			putchar(',');
			if (g[i].start_time > 0)
				printf("%.3f", g[i].start_time);
			printf(",%s,%s\n", g[i].autostart ? "yes" : "no", g[i].net);
		}
	} else {
		printf("%-20s %10s %-8s %-16s %8s %8s %-12s %s\n", "NAME", "XID", "STATE",
		       "TEMPLATE", "INIT", "UPTIME", "NET", "AUTO");
		for (size_t i = 0; i < ng; i++) {
			char up[32], pid[16], xid[16];
			fmt_uptime(up, sizeof(up), g[i].start_time);
			snprintf(pid, sizeof(pid), "%ld", (long)g[i].init_pid);
			snprintf(xid, sizeof(xid), "%u", g[i].xid);
			printf("%-20s %10s %-8s %-16s %8s %8s %-12s %s\n", g[i].name,
			       g[i].xid ? xid : "-", vs_state_name(g[i].state),
			       g[i].template_name[0] ? g[i].template_name : "-",
			       g[i].init_pid ? pid : "-", up, g[i].net[0] ? g[i].net : "-",
			       g[i].autostart ? "yes" : "no");
			if (g[i].error)
				fprintf(stderr, "vsctl: %s\n", g[i].error);
		}
	}
	vs_guest_list_free(g, ng);
	return 0;
}

static int cmd_exec(const struct vs_config *cfg, char **a, int n, char **rest, int nrest,
		    bool enter)
{
	char *shell[] = {"/bin/sh", "-l", NULL}, *msg = NULL;
	char **argv;
	int status = 0, r;

	if (n != 1 || (enter && nrest) || (!enter && nrest < 1)) {
		usage_error("%s", enter ? "enter NAME" : "exec NAME -- CMD [ARG...]");
		return enter ? 2 : 125;
	}
	if (enter) {
		argv = shell;
	} else {
		argv = calloc((size_t)nrest + 1, sizeof(char *));
		if (!argv)
			return 125;
		memcpy(argv, rest, (size_t)nrest * sizeof(char *));
	}
	r = vs_guest_exec(cfg, a[0], argv, &status, &msg);
	if (!enter)
		free(argv);
	if (r < 0) {
		fprintf(stderr, "vsctl: %s\n", msg ? msg : strerror(-r));
		free(msg);
		return 125;
	}
	free(msg);
	return status;
}

static int cmd_log(const struct vs_config *cfg, char **a, int n)
{
	char buf[65536];
	char *path;
	int fd, rc = 0;
	ssize_t k;

	if (n != 1)
		return usage_error("log NAME");
	if (!vs_name_valid(a[0])) {
		fprintf(stderr, "vsctl: bad guest name '%s'\n", a[0]);
		return 2;
	}
	path = vs_guest_console_path(cfg, a[0]);
	if (!path)
		return 1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		char *conf = vs_guest_conf_path(cfg, a[0]);
		bool exists = conf && access(conf, F_OK) == 0;
		free(conf);
		if (exists) {
			free(path);
			return 0; /* never started: an empty log */
		}
		fprintf(stderr, "vsctl: no guest '%s'\n", a[0]);
		free(path);
		return 2;
	}
	while ((k = read(fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)k, stdout) != (size_t)k) {
			rc = 1;
			break;
		}
	close(fd);
	free(path);
	return rc;
}

static int cmd_destroy(const struct vs_config *cfg, char **a, int n)
{
	const char *name = NULL;
	bool force = false;
	char *msg = NULL;

	for (int i = 0; i < n; i++)
		if (!strcmp(a[i], "--force") || !strcmp(a[i], "-f"))
			force = true;
		else if (a[i][0] == '-' || name)
			return usage_error("destroy [--force] NAME");
		else
			name = a[i];
	if (!name)
		return usage_error("destroy [--force] NAME");
	return report(vs_guest_destroy(cfg, name, force, &msg), &msg, "destroyed");
}

/* --- templates -------------------------------------------------------------- */

static void fmt_size(char *buf, size_t len, uint64_t b)
{
	static const char units[] = "BKMGT";
	double v = (double)b;
	int u = 0;
	if (b == UINT64_MAX) {
		snprintf(buf, len, "-");
		return;
	}
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, u ? "%.1f%c" : "%.0f%c", v, units[u]);
}

static int cmd_template(const struct vs_config *cfg, enum out_fmt fmt, char **a, int n)
{
	char *msg = NULL;

	if (n < 1)
		return usage_error("template create|list|remove");
	if (!strcmp(a[0], "create")) {
		const char *name = NULL, *arg = NULL;
		int src = -1;
		for (int i = 1; i < n; i++) {
			if (!strcmp(a[i], "--busybox")) {
				src = VS_TPL_BUSYBOX;
			} else if (!strcmp(a[i], "--from") || !strcmp(a[i], "--debootstrap")) {
				if (i + 1 >= n)
					return usage_error("%s needs an argument", a[i]);
				src = a[i][2] == 'f' ? VS_TPL_FROM : VS_TPL_DEBOOTSTRAP;
				arg = a[++i];
			} else if (a[i][0] == '-' || name) {
				return usage_error("template create NAME --busybox|--from DIR|"
						   "--debootstrap SUITE");
			} else {
				name = a[i];
			}
		}
		if (!name || src < 0)
			return usage_error(
			    "template create NAME --busybox|--from DIR|--debootstrap "
			    "SUITE");
		return report(
		    vs_template_create(cfg, name, (enum vs_template_source)src, arg, &msg), &msg,
		    "template created");
	}
	if (!strcmp(a[0], "remove")) {
		if (n != 2)
			return usage_error("template remove NAME");
		return report(vs_template_remove(cfg, a[1], &msg), &msg, "template removed");
	}
	if (!strcmp(a[0], "list")) {
		struct vs_template_info *t = NULL;
		size_t nt = 0;
		int r = vs_template_list(cfg, &t, &nt);
		if (r < 0)
			return report(r, &(char *){NULL}, NULL);
		if (fmt == OUT_JSON) {
			json_t *arr = json_array();
			for (size_t i = 0; i < nt; i++)
				json_array_append_new(
				    arr,
				    json_pack("{s:s, s:o, s:i}", "name", t[i].name, "size_bytes",
					      t[i].size_bytes == UINT64_MAX
						  ? json_null()
						  : json_integer((json_int_t)t[i].size_bytes),
					      "guests", (int)t[i].guests));
			json_dumpf(arr, stdout, JSON_COMPACT);
			putchar('\n');
			json_decref(arr);
		} else if (fmt == OUT_CSV) {
			printf("name,size_bytes,guests\n");
			for (size_t i = 0; i < nt; i++)
				printf("%s,%llu,%u\n", t[i].name,
				       (unsigned long long)t[i].size_bytes, t[i].guests);
		} else {
			printf("%-20s %10s %6s\n", "TEMPLATE", "SIZE", "GUESTS");
			for (size_t i = 0; i < nt; i++) {
				char sz[32];
				fmt_size(sz, sizeof(sz), t[i].size_bytes);
				printf("%-20s %10s %6u\n", t[i].name, sz, t[i].guests);
			}
		}
		free(t);
		return 0;
	}
	return usage_error("template: unknown command %s", a[0]);
}

static int cmd_setup(void)
{
	int r = vs_blkio_accounting_enable("/sys", "/sys/fs/cgroup");
	if (r < 0) {
		fprintf(stderr, "vsctl: cannot turn on blkio accounting: %s\n", strerror(-r));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct vs_config *cfg = NULL;
	char *err = NULL;
	const char *cmd;
	int rc;

	if ((rc = parse_opts(argc, argv, &o)) != 0)
		goto out;
	verbose = o.verbose;
	vs_log_set_handler(log_handler, "vsctl");
	if (o.nargs < 1) {
		usage(stderr);
		rc = 2;
		goto out;
	}
	cmd = o.args[0];
	/* The config file is only trusted from the command line when not setuid. */
	const char *path = vs_config_path(o.config, getuid() != geteuid());
	if (vs_config_load(path, o.config == NULL && !getenv("VSMON_CONF"), &cfg, &err) < 0) {
		fprintf(stderr, "vsctl: %s\n", err ? err : "cannot read the configuration");
		rc = !strcmp(cmd, "exec") ? 125 : 2;
		goto out;
	}
	char **a = o.args + 1;
	int n = o.nargs - 1;
	if (o.rest && strcmp(cmd, "exec") != 0) {
		/* "--" ends options for every command: its words are plain arguments. */
		for (int i = 0; i < o.nrest; i++)
			o.args[o.nargs++] = o.rest[i];
		n = o.nargs - 1;
	}
	if (!strcmp(cmd, "build"))
		rc = cmd_build(cfg, a, n);
	else if (!strcmp(cmd, "start"))
		rc = cmd_start(cfg, a, n);
	else if (!strcmp(cmd, "stop"))
		rc = cmd_stop(cfg, a, n, false);
	else if (!strcmp(cmd, "restart"))
		rc = cmd_stop(cfg, a, n, true);
	else if (!strcmp(cmd, "status"))
		rc = cmd_status(cfg, a, n);
	else if (!strcmp(cmd, "list"))
		rc = cmd_list(cfg, o.fmt, n);
	else if (!strcmp(cmd, "enter"))
		rc = cmd_exec(cfg, a, n, NULL, 0, true);
	else if (!strcmp(cmd, "exec"))
		rc = cmd_exec(cfg, a, n, o.rest, o.nrest, false);
	else if (!strcmp(cmd, "log"))
		rc = cmd_log(cfg, a, n);
	else if (!strcmp(cmd, "destroy"))
		rc = cmd_destroy(cfg, a, n);
	else if (!strcmp(cmd, "template"))
		rc = cmd_template(cfg, o.fmt, a, n);
	else if (!strcmp(cmd, "setup"))
		rc = cmd_setup();
	else
		rc = usage_error("unknown command '%s'", cmd);
out:
	free(err);
	free(o.args);
	vs_config_free(cfg);
	return rc;
}
