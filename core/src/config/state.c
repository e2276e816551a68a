// SPDX-License-Identifier: GPL-2.0-or-later
/* <run_dir>/<name>.state: see <vsmon/state.h> for the format. */
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vsmon/state.h>
#include "util/fileio.h"
#include "util/parse.h"

static const char *const state_hier_names[VS_H__COUNT] = {
    [VS_H_CPU] = "cpu",		[VS_H_CPUACCT] = "cpuacct", [VS_H_MEMORY] = "memory",
    [VS_H_BLKIO] = "blkio",	[VS_H_PIDS] = "pids",	    [VS_H_FREEZER] = "freezer",
    [VS_H_UNIFIED] = "unified",
};

const char *vs_hier_name(enum vs_hier h)
{
	return (unsigned)h < VS_H__COUNT ? state_hier_names[h] : "?";
}

int vs_hier_from_name(const char *name)
{
	for (int i = 0; i < VS_H__COUNT; i++)
		if (strcmp(state_hier_names[i], name) == 0)
			return i;
	return -EINVAL;
}

static const char *const state_names[] = {
    [VS_STATE_UNKNOWN] = "unknown",   [VS_STATE_RUNNING] = "running",
    [VS_STATE_STOPPED] = "stopped",   [VS_STATE_STARTING] = "starting",
    [VS_STATE_STOPPING] = "stopping", [VS_STATE_BROKEN] = "broken",
};

const char *vs_state_name(enum vs_ctx_state st)
{
	return (unsigned)st <= VS_STATE_BROKEN ? state_names[st] : "unknown";
}

int vs_name_valid(const char *name)
{
	size_t n = 0;
	if (!name || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9')))
		return 0;
	for (const char *p = name; *p; p++, n++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return n <= VS_NAME_MAX;
}

struct state_parser {
	struct vs_guest_state st;
	char msg[160];
	int version;
};

static int state_copy(char *dst, size_t cap, const char *v)
{
	size_t n = strlen(v);
	if (n >= cap)
		return -EINVAL;
	memcpy(dst, v, n + 1);
	return 0;
}

static int state_handler(void *user, const char *section, const char *key, const char *val)
{
	struct state_parser *p = user;
	struct vs_guest_state *st = &p->st;
	uint64_t u;

	if (section && *section) {
		snprintf(p->msg, sizeof(p->msg), "unexpected section");
		return 0;
	}
	if (strcmp(key, "version") == 0) {
		if (vs_parse_u64(val, &u) < 0 || u != 1)
			goto bad;
		p->version = 1;
	} else if (strcmp(key, "name") == 0) {
		if (!vs_name_valid(val) || state_copy(st->name, sizeof(st->name), val) < 0)
			goto bad;
	} else if (strcmp(key, "xid") == 0) {
		if (vs_parse_u64(val, &u) < 0 || u < 1 || u > VS_XID_MAX)
			goto bad;
		st->xid = (uint32_t)u;
	} else if (strcmp(key, "state") == 0) {
		if (strcmp(val, "running") == 0)
			st->state = VS_STATE_RUNNING;
		else if (strcmp(val, "starting") == 0)
			st->state = VS_STATE_STARTING;
		else if (strcmp(val, "stopping") == 0)
			st->state = VS_STATE_STOPPING;
		else
			goto bad;
	} else if (strcmp(key, "init_pid") == 0) {
		if (vs_parse_u64(val, &u) < 0 || u < 1 || u > 0x7fffffff)
			goto bad;
		st->init_pid = (pid_t)u;
	} else if (strcmp(key, "init_start_ticks") == 0) {
		if (vs_parse_u64(val, &st->init_start_ticks) < 0)
			goto bad;
	} else if (strcmp(key, "start_time") == 0) {
		char *end;
		double d = strtod(val, &end);
		if (end == val || *end || d < 0)
			goto bad;
		st->start_time = d;
	} else if (strcmp(key, "template") == 0) {
		if (state_copy(st->template_name, sizeof(st->template_name), val) < 0)
			goto bad;
	} else if (strcmp(key, "veth") == 0) {
		if (state_copy(st->veth, sizeof(st->veth), val) < 0 || strchr(val, '/'))
			goto bad;
	} else if (strncmp(key, "cgroup.", 7) == 0) {
		int h = vs_hier_from_name(key + 7);
		if (h < 0) {
			snprintf(p->msg, sizeof(p->msg), "unknown hierarchy in '%.40s'", key);
			return 0;
		}
		if (val[0] != '/' || strstr(val, "..") || strlen(val) > 4000)
			goto bad;
		free(st->cgroup[h]);
		st->cgroup[h] = strdup(val);
		if (!st->cgroup[h]) {
			snprintf(p->msg, sizeof(p->msg), "out of memory");
			return 0;
		}
	} else {
		snprintf(p->msg, sizeof(p->msg), "unknown key '%.40s'", key);
		return 0;
	}
	return 1;
bad:
	snprintf(p->msg, sizeof(p->msg), "bad value for %s", key);
	return 0;
}

int vs_state_parse(const char *text, const char *fname, struct vs_guest_state *out, char **errmsg)
{
	struct state_parser p = {0};
	int line;

	line = ini_parse_string(text, state_handler, &p);
	if (line == 0 && (!p.st.name[0] || !p.st.xid || !p.st.init_pid || p.version != 1)) {
		snprintf(p.msg, sizeof(p.msg), "missing one of version = 1, name, xid, init_pid");
		line = -1;
	}
	if (line != 0) {
		if (errmsg) {
			if (line > 0)
				*errmsg = vs_asprintf("%s:%d: %s", fname, line,
						      p.msg[0] ? p.msg : "expected key = value");
			else
				*errmsg = vs_asprintf("%s: %s", fname, p.msg);
		}
		vs_state_clear(&p.st);
		return -EINVAL;
	}
	if (p.st.state == VS_STATE_UNKNOWN)
		p.st.state = VS_STATE_RUNNING;
	*out = p.st;
	return 0;
}

int vs_state_read(const char *path, struct vs_guest_state *out, char **errmsg)
{
	char *text = NULL;
	int r = vs_read_file(AT_FDCWD, path, 64 * 1024, &text, NULL);
	if (r < 0) {
		if (errmsg)
			*errmsg = vs_asprintf("%s: %s", path, strerror(-r));
		return r;
	}
	r = vs_state_parse(text, path, out, errmsg);
	free(text);
	return r;
}

int vs_state_write(const char *path, const struct vs_guest_state *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int r;

	if (!f)
		return -ENOMEM;
	fprintf(f, "# vsmon guest state, written by vsctl; do not edit\nversion = 1\n");
	fprintf(f, "name = %s\nxid = %u\nstate = %s\ninit_pid = %ld\n", st->name, st->xid,
		vs_state_name(st->state == VS_STATE_UNKNOWN ? VS_STATE_RUNNING : st->state),
		(long)st->init_pid);
	fprintf(f, "init_start_ticks = %llu\nstart_time = %.6f\n",
		(unsigned long long)st->init_start_ticks, st->start_time);
	if (st->template_name[0])
		fprintf(f, "template = %s\n", st->template_name);
	if (st->veth[0])
		fprintf(f, "veth = %s\n", st->veth);
	for (int h = 0; h < VS_H__COUNT; h++)
		if (st->cgroup[h])
			fprintf(f, "cgroup.%s = %s\n", state_hier_names[h], st->cgroup[h]);
	if (fclose(f) != 0) {
		free(buf);
		return -ENOMEM;
	}
	r = vs_write_atomic(path, buf, len, 0644);
	free(buf);
	return r;
}

void vs_state_clear(struct vs_guest_state *st)
{
	for (int h = 0; h < VS_H__COUNT; h++) {
		free(st->cgroup[h]);
		st->cgroup[h] = NULL;
	}
}
