// SPDX-License-Identifier: GPL-2.0-or-later
/* Which contexts exist: guests defined in guests_dir, running per run_dir. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sampler/sampler-internal.h"
#include "util/fileio.h"
#include "util/parse.h"

struct reg_peek {
	uint64_t xid;
	char template_name[VS_NAME_MAX + 1];
};

/* The sampler reads only xid and template; guest control validates the rest. */
static int reg_peek_handler(void *user, const char *section, const char *key, const char *val)
{
	struct reg_peek *p = user;
	(void)section;
	if (strcmp(key, "xid") == 0) {
		if (vs_parse_u64(val, &p->xid) < 0 || p->xid < 1 || p->xid > VS_XID_MAX)
			p->xid = 0;
	} else if (strcmp(key, "template") == 0) {
		snprintf(p->template_name, sizeof(p->template_name), "%s", val);
	}
	return 1;
}

bool smp_pid_is(const char *proc_root, pid_t pid, uint64_t start_ticks)
{
	char path[64], *text = NULL;
	struct vs_pid_stat st;
	bool r = false;
	int dfd = open(proc_root, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (dfd < 0)
		return false;
	snprintf(path, sizeof(path), "%ld/stat", (long)pid);
	if (vs_read_file(dfd, path, 4096, &text, NULL) == 0 && vs_parse_pid_stat(text, &st) == 0)
		r = st.starttime == start_ticks && st.state != 'Z' && st.state != 'X';
	free(text);
	close(dfd);
	return r;
}

void smp_ctx_close(struct smp_ctx *c)
{
	vs_cgctx_close(c->cg);
	c->cg = NULL;
	vs_taskio_clear(&c->tio);
	free(c->pids);
	c->pids = NULL;
	c->npids = 0;
}

static void reg_ctx_free(struct smp_ctx *c)
{
	if (!c)
		return;
	smp_ctx_close(c);
	vs_state_clear(&c->st);
	free(c);
}

static struct smp_ctx *reg_find(struct smp_registry *reg, const char *name)
{
	for (size_t i = 0; i < reg->n; i++)
		if (strcmp(reg->v[i]->name, name) == 0)
			return reg->v[i];
	return NULL;
}

static struct smp_ctx *reg_get(struct smp_registry *reg, const char *name)
{
	struct smp_ctx *c = reg_find(reg, name), **nv;
	if (c)
		return c;
	c = calloc(1, sizeof(*c));
	nv = c ? realloc(reg->v, (reg->n + 1) * sizeof(*nv)) : NULL;
	if (!nv) {
		free(c);
		return NULL;
	}
	reg->v = nv;
	snprintf(c->name, sizeof(c->name), "%s", name);
	reg->v[reg->n++] = c;
	return c;
}

/* Names of files in dir with suffix, valid guest names only. */
static int reg_list(const char *dir, const char *suffix, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t sl = strlen(suffix), k = 0;
	char **v = NULL;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		char name[VS_NAME_MAX + 1];
		if (l <= sl || strcmp(e->d_name + l - sl, suffix) != 0 || l - sl > VS_NAME_MAX)
			continue;
		memcpy(name, e->d_name, l - sl);
		name[l - sl] = '\0';
		if (!vs_name_valid(name))
			continue;
		char **nv = realloc(v, (k + 1) * sizeof(char *));
		if (!nv)
			break;
		v = nv;
		if (!(v[k] = strdup(name)))
			break;
		k++;
	}
	closedir(d);
	*out = v;
	*n = k;
	return 0;
}

static void reg_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool reg_mtime_changed(const char *dir, struct timespec *last)
{
	struct stat st;
	if (stat(dir, &st) < 0)
		return last->tv_sec != -1 ? (last->tv_sec = -1, true) : false;
	if (st.st_mtim.tv_sec == last->tv_sec && st.st_mtim.tv_nsec == last->tv_nsec)
		return false;
	*last = st.st_mtim;
	return true;
}

static bool reg_state_same(const struct vs_guest_state *a, const struct vs_guest_state *b)
{
	if (a->init_pid != b->init_pid || a->init_start_ticks != b->init_start_ticks ||
	    a->state != b->state || strcmp(a->veth, b->veth) != 0)
		return false;
	for (int h = 0; h < VS_H__COUNT; h++) {
		if (!a->cgroup[h] != !b->cgroup[h])
			return false;
		if (a->cgroup[h] && strcmp(a->cgroup[h], b->cgroup[h]) != 0)
			return false;
	}
	return true;
}

static int reg_cmp_xid(const void *a, const void *b)
{
	const struct smp_ctx *x = *(struct smp_ctx *const *)a, *y = *(struct smp_ctx *const *)b;
	if (x->xid != y->xid)
		return (x->xid > y->xid) - (x->xid < y->xid);
	return strcmp(x->name, y->name);
}

static void reg_scan_defined(struct smp_registry *reg, const char *guests_dir)
{
	char **names = NULL;
	size_t n = 0;
	int r = reg_list(guests_dir, ".conf", &names, &n);

	if (r < 0 && r != -ENOENT)
		vs_complain(&reg->dir_complaint, VS_LOG_WARNING, "%s: %s", guests_dir,
			    strerror(-r));
	for (size_t i = 0; i < n; i++) {
		struct reg_peek pk = {0};
		char *path = vs_asprintf("%s/%s.conf", guests_dir, names[i]);
		struct smp_ctx *c;
		if (!path)
			continue;
		if (ini_parse(path, reg_peek_handler, &pk) < 0 || pk.xid == 0) {
			free(path);
			continue;
		}
		free(path);
		c = reg_get(reg, names[i]);
		if (!c)
			continue;
		c->seen = true;
		c->defined = true;
		if (!c->have_state)
			c->xid = (uint32_t)pk.xid;
		memcpy(c->template_name, pk.template_name, sizeof(c->template_name));
	}
	reg_free_list(names, n);
}

static void reg_scan_running(struct smp_registry *reg, const char *run_dir, const char *proc_root)
{
	char **names = NULL;
	size_t n = 0;

	reg_list(run_dir, ".state", &names, &n);
	for (size_t i = 0; i < n; i++) {
		struct vs_guest_state st;
		char *path = vs_asprintf("%s/%s.state", run_dir, names[i]), *err = NULL;
		struct smp_ctx *c;
		if (!path)
			continue;
		c = reg_get(reg, names[i]);
		if (!c || vs_state_read(path, &st, &err) < 0) {
			/* A state file being replaced, or broken: say so, rate-limited. */
			if (c && err)
				vs_complain(&c->complaint, VS_LOG_WARNING, "%s", err);
			free(err);
			free(path);
			continue;
		}
		free(path);
		c->seen = true;
		c->state_seen = true;
		c->xid = st.xid;
		if (!c->have_state || !reg_state_same(&c->st, &st)) {
			smp_ctx_close(c);
			vs_state_clear(&c->st);
			c->st = st;
			c->have_state = true;
			c->generation = st.init_start_ticks;
		} else {
			vs_state_clear(&st);
		}
		c->alive = smp_pid_is(proc_root, c->st.init_pid, c->st.init_start_ticks);
	}
	reg_free_list(names, n);
}

int smp_registry_scan(struct smp_registry *reg, const char *guests_dir, const char *run_dir,
		      const char *proc_root, double now_mono)
{
	bool g = reg_mtime_changed(guests_dir, &reg->guests_mtime);
	bool r = reg_mtime_changed(run_dir, &reg->run_mtime);
	size_t k = 0;

	if (!g && !r && now_mono - reg->last_scan_mono < 5 && reg->last_scan_mono > 0)
		return 0;
	reg->last_scan_mono = now_mono;
	/* htop's lifecycle: mark everything stale, scan, drop what was not seen. */
	for (size_t i = 0; i < reg->n; i++) {
		reg->v[i]->seen = false;
		reg->v[i]->defined = false;
	}
	reg_scan_defined(reg, guests_dir);
	for (size_t i = 0; i < reg->n; i++)
		reg->v[i]->state_seen = false;
	reg_scan_running(reg, run_dir, proc_root);
	/* A guest whose state file went away has stopped. */
	for (size_t i = 0; i < reg->n; i++) {
		struct smp_ctx *c = reg->v[i];
		if (c->have_state && !c->state_seen) {
			smp_ctx_close(c);
			vs_state_clear(&c->st);
			c->have_state = false;
			c->alive = false;
		}
	}
	for (size_t i = 0; i < reg->n; i++) {
		if (reg->v[i]->seen)
			reg->v[k++] = reg->v[i];
		else
			reg_ctx_free(reg->v[i]);
	}
	reg->n = k;
	if (reg->n > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(reg->v, reg->n, sizeof(*reg->v), reg_cmp_xid);
	/* Two guests claiming one xid: guest control refuses this; keep the first. */
	for (size_t i = 1; i < reg->n; i++)
		if (reg->v[i]->xid == reg->v[i - 1]->xid)
			vs_complain(&reg->dir_complaint, VS_LOG_WARNING,
				    "guests %s and %s both have xid %u", reg->v[i - 1]->name,
				    reg->v[i]->name, reg->v[i]->xid);
	return 0;
}

void smp_registry_free(struct smp_registry *reg)
{
	for (size_t i = 0; i < reg->n; i++)
		reg_ctx_free(reg->v[i]);
	free(reg->v);
	reg->v = NULL;
	reg->n = 0;
}
