// SPDX-License-Identifier: GPL-2.0-or-later
/* <guests_dir>/<name>.conf: flat "key = value" lines parsed by libinih. Every error
 * names the file, the line and what was expected. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/capability.h>

#include <vsmon/guest.h>
#include "guest/guest-internal.h"
#include "util/fileio.h"
#include "util/ini.h"
#include "util/parse.h"

struct conf_parser {
	struct vs_ini ini;
	struct vs_guest_conf *gc;
	bool have_xid;
};

int vs_guest_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mult = 1;

	if (strcmp(s, "max") == 0) {
		*out = VS_LIMIT_UNSET;
		return 0;
	}
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -EINVAL;
	switch (toupper((unsigned char)*end)) {
	case '\0':
		break;
	case 'K':
		mult = 1ull << 10;
		break;
	case 'M':
		mult = 1ull << 20;
		break;
	case 'G':
		mult = 1ull << 30;
		break;
	case 'T':
		mult = 1ull << 40;
		break;
	default:
		return -EINVAL;
	}
	if (*end) {
		end++;
		if (*end == 'i' && end[1] == 'B')
			end += 2;
		else if (*end == 'B')
			end++;
		if (*end)
			return -EINVAL;
	}
	if (v > (UINT64_MAX - 1) / mult)
		return -EINVAL;
	*out = v * mult;
	return 0;
}

/* "cap_net_raw", "NET_RAW", "net_raw": bits OR-ed into *mask. Comma or space separated. */
static int conf_parse_caps(const char *v, uint64_t *mask)
{
	char buf[64];
	uint64_t m = 0;

	while (*v) {
		size_t n = 0;
		cap_value_t c;
		while (*v == ',' || *v == ' ' || *v == '\t')
			v++;
		if (!*v)
			break;
		if (strncasecmp(v, "cap_", 4) != 0)
			n = (size_t)snprintf(buf, sizeof(buf), "cap_");
		while (*v && *v != ',' && *v != ' ' && *v != '\t' && n < sizeof(buf) - 1)
			buf[n++] = (char)tolower((unsigned char)*v++);
		buf[n] = '\0';
		if (cap_from_name(buf, &c) < 0 || c < 0 || c > 63)
			return -EINVAL;
		m |= UINT64_C(1) << c;
	}
	*mask = m;
	return 0;
}

static int conf_parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1") ||
	    !strcasecmp(v, "on"))
		*out = true;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0") ||
		 !strcasecmp(v, "off"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}

static bool conf_hostname_ok(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n > 64 || v[0] == '-' || v[0] == '.')
		return false;
	for (const char *p = v; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return false;
	return true;
}

static bool conf_ifname_ok(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n > 15)
		return false;
	for (const char *p = v; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
			return false;
	return true;
}

/* ADDR/PREFIX, IPv4 or IPv6. */
static bool conf_address_ok(const char *v)
{
	char addr[64];
	const char *slash = strchr(v, '/');
	unsigned char bin[16];
	uint64_t prefix;
	size_t n;

	if (!slash || (n = (size_t)(slash - v)) >= sizeof(addr))
		return false;
	memcpy(addr, v, n);
	addr[n] = '\0';
	if (vs_parse_u64(slash + 1, &prefix) < 0)
		return false;
	if (inet_pton(AF_INET, addr, bin) == 1)
		return prefix >= 1 && prefix <= 32;
	if (inet_pton(AF_INET6, addr, bin) == 1)
		return prefix >= 1 && prefix <= 128;
	return false;
}

struct conf_key {
	const char *key;
	const char *expected;
};

static const struct conf_key conf_keys[] = {
    {"xid", "a whole number from 1 to 2147483647"},
    {"template", "a template name ([a-z0-9][a-z0-9_-]{0,31})"},
    {"init", "a command and its arguments (\"quotes\" group words)"},
    {"hostname", "a host name (letters, digits, '-' and '.', at most 64)"},
    {"cpu.shares", "a whole number from 2 to 262144"},
    {"cpu.weight", "a whole number from 1 to 10000"},
    {"cpu.max", "a percentage of one CPU such as 50% (or max)"},
    {"memory.max", "a size such as 512M, 2G or 1048576 (or max)"},
    {"memory.swap.max", "a size such as 0, 512M or 2G (or max)"},
    {"pids.max", "a whole number of at least 1 (or max)"},
    {"io.weight", "a whole number from 1 to 10000"},
    {"caps.keep", "capability names such as net_admin, sys_ptrace (comma separated)"},
    {"caps.drop", "capability names such as net_raw, mknod (comma separated)"},
    {"net", "none, host or veth:BRIDGE"},
    {"net.address", "an address with prefix length such as 169.254.1.2/16 or fe80::2/64"},
    {"autostart", "yes or no"},
};

static int conf_set(struct conf_parser *p, const char *key, const char *v)
{
	struct vs_guest_conf *gc = p->gc;
	uint64_t u;

	if (!strcmp(key, "xid")) {
		if (vs_parse_u64(v, &u) < 0 || u < 1 || u > VS_XID_MAX)
			return -EINVAL;
		gc->xid = (uint32_t)u;
		p->have_xid = true;
	} else if (!strcmp(key, "template")) {
		if (!vs_name_valid(v))
			return -EINVAL;
		snprintf(gc->template_name, sizeof(gc->template_name), "%s", v);
	} else if (!strcmp(key, "init")) {
		char **argv = NULL;
		int r = vs_guest_split_words(v, &argv);
		if (r < 0)
			return r;
		vs_guest_strv_free(gc->init_argv);
		gc->init_argv = argv;
	} else if (!strcmp(key, "hostname")) {
		if (!conf_hostname_ok(v))
			return -EINVAL;
		snprintf(gc->hostname, sizeof(gc->hostname), "%s", v);
	} else if (!strcmp(key, "cpu.shares")) {
		if (vs_parse_u64(v, &u) < 0 || u < 2 || u > 262144)
			return -EINVAL;
		gc->cpu_shares = u;
	} else if (!strcmp(key, "cpu.weight")) {
		if (vs_parse_u64(v, &u) < 0 || u < 1 || u > 10000)
			return -EINVAL;
		/* The kernel's own mapping between the two scales (1024 <-> 100). */
		gc->cpu_shares = u * 1024 / 100 < 2 ? 2 : u * 1024 / 100;
	} else if (!strcmp(key, "cpu.max")) {
		char *end;
		double d;
		if (!strcmp(v, "max")) {
			gc->cpu_max_pct = 0;
			return 0;
		}
		errno = 0;
		d = strtod(v, &end);
		if (errno || end == v || strcmp(end, "%") != 0 || !isfinite(d) || d < 1 ||
		    d > 100000)
			return -EINVAL;
		gc->cpu_max_pct = d;
	} else if (!strcmp(key, "memory.max")) {
		if (vs_guest_parse_size(v, &gc->memory_max) < 0 ||
		    (gc->memory_max != VS_LIMIT_UNSET && gc->memory_max < 4096))
			return -EINVAL;
	} else if (!strcmp(key, "memory.swap.max")) {
		if (vs_guest_parse_size(v, &gc->memory_swap_max) < 0)
			return -EINVAL;
	} else if (!strcmp(key, "pids.max")) {
		if (!strcmp(v, "max"))
			gc->pids_max = VS_LIMIT_UNSET;
		else if (vs_parse_u64(v, &u) < 0 || u < 1 || u > 4194304)
			return -EINVAL;
		else
			gc->pids_max = u;
	} else if (!strcmp(key, "io.weight")) {
		if (vs_parse_u64(v, &u) < 0 || u < 1 || u > 10000)
			return -EINVAL;
		gc->io_weight = (unsigned)u;
	} else if (!strcmp(key, "caps.keep")) {
		return conf_parse_caps(v, &gc->caps_keep);
	} else if (!strcmp(key, "caps.drop")) {
		return conf_parse_caps(v, &gc->caps_drop);
	} else if (!strcmp(key, "net")) {
		if (!strcmp(v, "none"))
			gc->net = VS_NET_NONE;
		else if (!strcmp(v, "host"))
			gc->net = VS_NET_HOST;
		else if (!strncmp(v, "veth:", 5) && conf_ifname_ok(v + 5)) {
			gc->net = VS_NET_VETH;
			snprintf(gc->bridge, sizeof(gc->bridge), "%s", v + 5);
		} else
			return -EINVAL;
	} else if (!strcmp(key, "net.address")) {
		if (!conf_address_ok(v))
			return -EINVAL;
		snprintf(gc->net_address, sizeof(gc->net_address), "%s", v);
	} else if (!strcmp(key, "autostart")) {
		return conf_parse_bool(v, &gc->autostart);
	}
	return 0;
}

static const struct conf_key *conf_find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
		if (!strcmp(conf_keys[i].key, name))
			return &conf_keys[i];
	return NULL;
}

int vs_guest_conf_check_key(const char *key, const char *value, char **errmsg)
{
	const struct conf_key *k = conf_find_key(key);
	struct vs_guest_conf gc = {0};
	struct conf_parser p = {.gc = &gc};
	int r;

	if (!k) {
		*errmsg = vs_asprintf("unknown key '%.64s' (see vsctl(8) for the keys)", key);
		return -EINVAL;
	}
	r = conf_set(&p, key, value);
	vs_guest_strv_free(gc.init_argv);
	if (r == -EINVAL)
		*errmsg = vs_asprintf("bad value for %s: expected %s", key, k->expected);
	return r;
}

static int conf_handler(void *user, const char *section, const char *name, const char *value)
{
	struct conf_parser *p = user;
	const struct conf_key *k;
	int r;

	if (p->ini.err)
		return 0;
	if (section && *section) {
		vs_ini_fail(&p->ini,
			    "unexpected section [%.32s]: a guest config has key = value lines",
			    section);
		return 0;
	}
	k = conf_find_key(name);
	if (!k) {
		vs_ini_fail(&p->ini, "unknown key '%.64s' (see vsctl(8) for the keys)", name);
		return 0;
	}
	r = conf_set(p, name, value);
	if (r == -ENOMEM) {
		p->ini.err = r;
		return 0;
	}
	if (r < 0) {
		vs_ini_fail(&p->ini, "bad value for %s: expected %s", name, k->expected);
		return 0;
	}
	return 1;
}

int vs_guest_conf_parse(const char *text, const char *file, const char *name,
			struct vs_guest_conf **out, char **errmsg)
{
	struct conf_parser p = {.ini.file = file ? file : "<string>"};
	struct vs_guest_conf *gc;

	if (!vs_name_valid(name)) {
		if (errmsg)
			*errmsg = vs_asprintf(
			    "%s: bad guest name: expected [a-z0-9][a-z0-9_-]{0,31}", p.ini.file);
		return -EINVAL;
	}
	gc = calloc(1, sizeof(*gc));
	if (!gc)
		return -ENOMEM;
	snprintf(gc->name, sizeof(gc->name), "%s", name);
	gc->memory_max = gc->memory_swap_max = gc->pids_max = VS_LIMIT_UNSET;
	p.gc = gc;
	vs_ini_parse(&p.ini, p.ini.file, text, conf_handler, &p);
	if (!p.ini.err && !p.have_xid) {
		p.ini.err = -EINVAL;
		p.ini.errmsg = vs_asprintf(
		    "%s: missing xid = N (a whole number from 1 to 2147483647)", p.ini.file);
	}
	if (!p.ini.err && gc->net == VS_NET_VETH && !gc->net_address[0]) {
		p.ini.err = -EINVAL;
		p.ini.errmsg = vs_asprintf("%s: net = veth:%s needs net.address = ADDR/PREFIX",
					   p.ini.file, gc->bridge);
	}
	if (p.ini.err) {
		if (errmsg) {
			*errmsg = p.ini.errmsg;
			p.ini.errmsg = NULL;
		}
		free(p.ini.errmsg);
		vs_guest_conf_free(gc);
		return p.ini.err;
	}
	if (!gc->hostname[0])
		snprintf(gc->hostname, sizeof(gc->hostname), "%s", name);
	if (!gc->init_argv) {
		char *def[] = {"/sbin/init", NULL};
		gc->init_argv = vs_guest_strv_dup(def);
		if (!gc->init_argv) {
			vs_guest_conf_free(gc);
			return -ENOMEM;
		}
	}
	*out = gc;
	return 0;
}

int vs_guest_conf_load(const struct vs_config *cfg, const char *name, struct vs_guest_conf **out,
		       char **errmsg)
{
	char *path = NULL, *text = NULL;
	int r;

	if (!vs_name_valid(name)) {
		if (errmsg)
			*errmsg = vs_asprintf(
			    "bad guest name '%.40s': expected [a-z0-9][a-z0-9_-]{0,31}", name);
		return -EINVAL;
	}
	path = vs_guest_conf_path(cfg, name);
	if (!path)
		return -ENOMEM;
	r = vs_read_file(AT_FDCWD, path, 1 << 20, &text, NULL);
	if (r < 0) {
		if (errmsg)
			*errmsg = r == -ENOENT
				      ? vs_asprintf("no guest '%s' (%s not found)", name, path)
				      : vs_asprintf("%s: %s", path, strerror(-r));
		goto out;
	}
	r = vs_guest_conf_parse(text, path, name, out, errmsg);
out:
	free(text);
	free(path);
	return r;
}

struct vs_guest_conf *vs_guest_conf_free(struct vs_guest_conf *gc)
{
	if (!gc)
		return NULL;
	vs_guest_strv_free(gc->init_argv);
	free(gc);
	return NULL;
}
