// SPDX-License-Identifier: GPL-2.0-or-later
/* vsmon.conf: flat "key = value" lines parsed by libinih; every error names the
 * file, the line and what was expected. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <vsmon/config.h>
#include "util/fileio.h"
#include "util/ini.h"
#include "util/parse.h"

struct config_parser {
	struct vs_ini ini;
	struct vs_config *cfg;
};

static const char *const config_bool_true[] = {"1", "yes", "true", "on", NULL};
static const char *const config_bool_false[] = {"0", "no", "false", "off", NULL};

static int config_parse_bool(const char *v, bool *out)
{
	for (int i = 0; config_bool_true[i]; i++)
		if (strcasecmp(v, config_bool_true[i]) == 0)
			return *out = true, 0;
	for (int i = 0; config_bool_false[i]; i++)
		if (strcasecmp(v, config_bool_false[i]) == 0)
			return *out = false, 0;
	return -EINVAL;
}

int vs_parse_duration(const char *s, double *out_sec)
{
	char *end;
	double v, mult = 1;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return -EINVAL;
	if (strcmp(end, "") == 0 || strcmp(end, "s") == 0)
		mult = 1;
	else if (strcmp(end, "ms") == 0)
		mult = 0.001;
	else if (strcmp(end, "m") == 0 || strcmp(end, "min") == 0)
		mult = 60;
	else if (strcmp(end, "h") == 0)
		mult = 3600;
	else
		return -EINVAL;
	*out_sec = v * mult;
	return 0;
}

enum config_kind {
	CK_PATH,
	CK_CGPATH,
	CK_DURATION,
	CK_AGE, /* a duration where 0 means "always" */
	CK_BOOL,
	CK_STEP,
	CK_ADDRESS,
	CK_SOCKET,
	CK_TIMESPANS
};

struct config_key {
	const char *key;
	enum config_kind kind;
	size_t offset;
	const char *expected;
};

#define OFF(m) offsetof(struct vs_config, m)
static const struct config_key config_keys[] = {
    {"guests_dir", CK_PATH, OFF(guests_dir), "an absolute directory path"},
    {"state_dir", CK_PATH, OFF(state_dir), "an absolute directory path"},
    {"run_dir", CK_PATH, OFF(run_dir), "an absolute directory path"},
    {"template_dir", CK_PATH, OFF(template_dir), "an absolute directory path"},
    {"cgroup_parent", CK_CGPATH, OFF(cgroup_parent),
     "a cgroup path (absolute, or relative to the caller's cgroup) without '..'"},
    {"sample_interval", CK_DURATION, OFF(sample_interval_sec),
     "a duration between 0.1 and 3600 seconds (e.g. 2, 1.5, 500ms)"},
    {"deep_scan_interval", CK_DURATION, OFF(deep_scan_interval_sec),
     "a duration between 0.1 and 3600 seconds"},
    {"disk_scan_interval", CK_DURATION, OFF(disk_scan_interval_sec),
     "a duration between 0.1 and 3600 seconds"},
    {"smaps_max_age", CK_AGE, OFF(smaps_max_age_sec),
     "a duration from 0 (read every process every sample) to 3600 seconds"},
    {"rrd_dir", CK_PATH, OFF(rrd_dir), "an absolute directory path"},
    {"rrd_archive_dir", CK_PATH, OFF(rrd_archive_dir), "an absolute directory path"},
    {"rrd_step", CK_STEP, OFF(rrd_step_sec), "a whole number of seconds from 1 to 86400"},
    {"rrdcached", CK_ADDRESS, OFF(rrdcached),
     "empty (write directly) or unix:/absolute/path/to/rrdcached.sock"},
    {"graph_dir", CK_PATH, OFF(graph_dir), "an absolute directory path"},
    {"graph_png_fast", CK_BOOL, OFF(graph_png_fast), "yes or no"},
    {"rrd_timespans", CK_TIMESPANS, OFF(rrd_timespans),
     "a comma-separated list of SPAN:RESOLUTION (e.g. 3d:step, 40d:5m, 400d:1h, 5y:1d)"},
    {"agentx_socket", CK_SOCKET, OFF(agentx_socket),
     "an AgentX address: /path/to/socket, unix:/path or tcp:HOST:PORT"},
    {"snmp_notify_state", CK_BOOL, OFF(snmp_notify_state), "yes or no"},
    {"snmp_notify_limit", CK_BOOL, OFF(snmp_notify_limit), "yes or no"},
    {"snmp_notify_oom", CK_BOOL, OFF(snmp_notify_oom), "yes or no"},
    {"snmp_notify_min_interval", CK_DURATION, OFF(snmp_notify_min_interval_sec),
     "a duration between 0.1 and 3600 seconds"},
};

/* A whole number with a unit: s, m (or min), h, d, w, y. A year counts 366 days so
 * that "1y" always holds a calendar year, leap day included. */
static int config_parse_span(const char *s, size_t len, unsigned long *out)
{
	static const struct {
		const char *unit;
		unsigned long mult;
	} units[] = {{"", 1},	  {"s", 1},	{"m", 60},	    {"min", 60},
		     {"h", 3600}, {"d", 86400}, {"w", 7 * 86400UL}, {"y", 366 * 86400UL}};
	unsigned long v = 0;
	size_t i = 0;

	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > 1000000000UL)
			return -EINVAL;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (i == 0 || v == 0)
		return -EINVAL;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
		if (strlen(units[u].unit) == len - i &&
		    strncmp(s + i, units[u].unit, len - i) == 0) {
			if (v > 100 * 366 * 86400UL / units[u].mult)
				return -EINVAL; /* a century is enough */
			*out = v * units[u].mult;
			return 0;
		}
	return -EINVAL;
}

/* rrd_timespans: "SPAN:RES, ..." finest first; both spans and resolutions grow, a
 * span holds at least two rows, "step" only as the first resolution. On error *why
 * says which entry and what is wrong (never the value itself). */
static int config_parse_timespans(const char *v, struct vs_config *c, char *why, size_t whylen)
{
	struct vs_rrd_timespan ts[VS_RRD_TIMESPANS_MAX];
	unsigned n = 0;
	const char *p = v;

	while (*p) {
		const char *end = strchr(p, ','), *colon;
		size_t len;
		while (*p == ' ' || *p == '\t')
			p++;
		len = end ? (size_t)(end - p) : strlen(p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (n == VS_RRD_TIMESPANS_MAX) {
			snprintf(why, whylen, "at most %d entries", VS_RRD_TIMESPANS_MAX);
			return -EINVAL;
		}
		colon = memchr(p, ':', len);
		if (!colon || config_parse_span(p, (size_t)(colon - p), &ts[n].span_sec) < 0) {
			snprintf(why, whylen,
				 "entry %u: expected SPAN:RESOLUTION, SPAN a whole number with "
				 "s, m, h, d, w or y",
				 n + 1);
			return -EINVAL;
		}
		size_t rl = len - (size_t)(colon + 1 - p);
		if (rl == 4 && strncmp(colon + 1, "step", 4) == 0) {
			ts[n].res_sec = 0;
		} else if (config_parse_span(colon + 1, rl, &ts[n].res_sec) < 0) {
			snprintf(why, whylen,
				 "entry %u: expected a resolution: 'step' or a whole number with "
				 "s, m, h, d or w",
				 n + 1);
			return -EINVAL;
		}
		if (n > 0 && ts[n].res_sec == 0) {
			snprintf(why, whylen, "entry %u: 'step' can only be the first resolution",
				 n + 1);
			return -EINVAL;
		}
		if (ts[n].res_sec && ts[n].span_sec < 2 * ts[n].res_sec) {
			snprintf(why, whylen, "entry %u: the span must hold at least two rows",
				 n + 1);
			return -EINVAL;
		}
		if (n > 0 &&
		    (ts[n].res_sec <= ts[n - 1].res_sec || ts[n].span_sec <= ts[n - 1].span_sec)) {
			snprintf(why, whylen,
				 "entry %u: spans and resolutions must grow from entry to entry "
				 "(finest first)",
				 n + 1);
			return -EINVAL;
		}
		n++;
		if (!end)
			break;
		p = end + 1;
	}
	if (n == 0) {
		snprintf(why, whylen, "at least one SPAN:RESOLUTION");
		return -EINVAL;
	}
	memcpy(c->rrd_timespans, ts, n * sizeof(ts[0]));
	c->rrd_timespans_n = n;
	return 0;
}

static int config_set(struct config_parser *p, const struct config_key *k, const char *v)
{
	char *base = (char *)p->cfg + k->offset;
	char **sp = (char **)base;
	double d;
	bool b;
	uint64_t u;

	switch (k->kind) {
	case CK_PATH:
		if (v[0] != '/' || strstr(v, "/../") || strlen(v) >= 4096)
			return -EINVAL;
		break;
	case CK_CGPATH:
		if (!*v || strstr(v, "..") || strlen(v) >= 1024)
			return -EINVAL;
		break;
	case CK_ADDRESS:
		if (*v && (strncmp(v, "unix:/", 6) != 0 || strlen(v) >= 108 + 5))
			return -EINVAL;
		break;
	case CK_SOCKET:
		if (!*v ||
		    (v[0] != '/' && strncmp(v, "unix:/", 6) != 0 && strncmp(v, "tcp:", 4) != 0))
			return -EINVAL;
		break;
	case CK_DURATION:
		if (vs_parse_duration(v, &d) < 0 || d < 0.1 || d > 3600)
			return -EINVAL;
		*(double *)base = d;
		return 0;
	case CK_AGE:
		if (vs_parse_duration(v, &d) < 0 || d < 0 || d > 3600)
			return -EINVAL;
		*(double *)base = d;
		return 0;
	case CK_BOOL:
		if (config_parse_bool(v, &b) < 0)
			return -EINVAL;
		*(bool *)base = b;
		return 0;
	case CK_STEP:
		if (vs_parse_u64(v, &u) < 0 || u < 1 || u > 86400)
			return -EINVAL;
		*(unsigned *)base = (unsigned)u;
		return 0;
	case CK_TIMESPANS: {
		char why[160];
		if (config_parse_timespans(v, p->cfg, why, sizeof(why)) < 0) {
			vs_ini_fail(&p->ini, "bad value for %s: %s", k->key, why);
			return -EINVAL;
		}
		return 0;
	}
	}
	char *dup = strdup(v);
	if (!dup)
		return -ENOMEM;
	free(*sp);
	*sp = dup;
	return 0;
}

static int config_handler(void *user, const char *section, const char *name, const char *value)
{
	struct config_parser *p = user;

	if (section && *section) {
		vs_ini_fail(&p->ini,
			    "unexpected section [%.32s]: vsmon.conf has plain key = value lines",
			    section);
		return 0;
	}
	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]); i++) {
		if (strcmp(config_keys[i].key, name) != 0)
			continue;
		int r = config_set(p, &config_keys[i], value);
		if (r == -ENOMEM) {
			p->ini.err = r;
			return 0;
		}
		if (r < 0) {
			/* Never quote the value: a privileged binary may be pointed at a secret. */
			vs_ini_fail(&p->ini, "bad value for %s: expected %s", name,
				    config_keys[i].expected);
			return 0;
		}
		return 1;
	}
	vs_ini_fail(&p->ini, "unknown key '%.64s' (see vsmon.conf(5) for the keys)", name);
	return 0;
}

static struct vs_config *config_new_defaults(void)
{
	struct vs_config *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->guests_dir = strdup("/etc/vsmon/guests");
	c->state_dir = strdup("/var/lib/vsmon");
	c->run_dir = strdup("/run/vsmon");
	c->cgroup_parent = strdup("/vsmon");
	c->rrd_dir = strdup("/var/lib/vsmon/rrd");
	c->rrdcached = strdup("");
	c->graph_dir = strdup("/var/lib/vsmon/graphs");
	c->agentx_socket = strdup("/var/agentx/master");
	c->sample_interval_sec = 2;
	c->deep_scan_interval_sec = 30;
	c->disk_scan_interval_sec = 300;
	c->smaps_max_age_sec = 5;
	c->rrd_step_sec = 60;
	/* 5-minute rows for 40 days make a month's 95th percentile exact (snmp-rrd.md). */
	c->rrd_timespans[0] = (struct vs_rrd_timespan){3 * 86400UL, 0};
	c->rrd_timespans[1] = (struct vs_rrd_timespan){40 * 86400UL, 300};
	c->rrd_timespans[2] = (struct vs_rrd_timespan){400 * 86400UL, 3600};
	c->rrd_timespans[3] = (struct vs_rrd_timespan){5 * 366 * 86400UL, 86400};
	c->rrd_timespans_n = 4;
	c->graph_png_fast = true;
	c->snmp_notify_state = true;
	c->snmp_notify_limit = true;
	c->snmp_notify_oom = true;
	c->snmp_notify_min_interval_sec = 60;
	if (!c->guests_dir || !c->state_dir || !c->run_dir || !c->cgroup_parent || !c->rrd_dir ||
	    !c->rrdcached || !c->graph_dir || !c->agentx_socket)
		return vs_config_free(c);
	return c;
}

/* Keys whose default depends on another key. */
static int config_finish(struct vs_config *c)
{
	if (!c->template_dir && !(c->template_dir = vs_path_join(c->state_dir, "templates")))
		return -ENOMEM;
	if (!c->rrd_archive_dir && !(c->rrd_archive_dir = vs_path_join(c->rrd_dir, "archive")))
		return -ENOMEM;
	return 0;
}

int vs_config_defaults(struct vs_config **out)
{
	struct vs_config *c = config_new_defaults();
	if (!c)
		return -ENOMEM;
	if (config_finish(c) < 0) {
		vs_config_free(c);
		return -ENOMEM;
	}
	*out = c;
	return 0;
}

int vs_config_parse_string(const char *text, const char *name, struct vs_config **out,
			   char **errmsg)
{
	struct config_parser p = {0};

	p.cfg = config_new_defaults();
	if (!p.cfg)
		return -ENOMEM;
	vs_ini_parse(&p.ini, name ? name : "<string>", text, config_handler, &p);
	if (p.ini.err == 0)
		p.ini.err = config_finish(p.cfg);
	if (p.ini.err < 0) {
		if (errmsg) {
			*errmsg = p.ini.errmsg;
			p.ini.errmsg = NULL;
		}
		free(p.ini.errmsg);
		vs_config_free(p.cfg);
		return p.ini.err;
	}
	p.cfg->source_path = name ? strdup(name) : NULL;
	*out = p.cfg;
	return 0;
}

int vs_config_load(const char *path, bool missing_ok, struct vs_config **out, char **errmsg)
{
	char *text = NULL;
	int r;

	r = vs_read_file(AT_FDCWD, path, 1 << 20, &text, NULL);
	if (r == -ENOENT && missing_ok)
		return vs_config_defaults(out);
	if (r < 0) {
		if (errmsg)
			*errmsg = vs_asprintf("%s: %s", path, strerror(-r));
		return r;
	}
	r = vs_config_parse_string(text, path, out, errmsg);
	free(text);
	return r;
}

const char *vs_config_path(const char *cli_path, bool secure)
{
	const char *env;

	if (secure)
		return VS_CONFIG_DEFAULT_PATH;
	if (cli_path)
		return cli_path;
	env = getenv("VSMON_CONF");
	if (env && *env)
		return env;
	return VS_CONFIG_DEFAULT_PATH;
}

struct vs_config *vs_config_free(struct vs_config *c)
{
	if (!c)
		return NULL;
	free(c->source_path);
	free(c->guests_dir);
	free(c->state_dir);
	free(c->run_dir);
	free(c->template_dir);
	free(c->cgroup_parent);
	free(c->rrd_dir);
	free(c->rrd_archive_dir);
	free(c->rrdcached);
	free(c->graph_dir);
	free(c->agentx_socket);
	free(c);
	return NULL;
}
