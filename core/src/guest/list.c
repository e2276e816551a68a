// SPDX-License-Identifier: GPL-2.0-or-later
/* What guests exist (guests_dir) and which run (run_dir state files whose init is
 * alive and is the process the file names). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guest/guest-internal.h"
#include "util/fileio.h"

int vs_guest_status(const struct vs_config *cfg, const char *name, enum vs_ctx_state *out,
		    pid_t *init_pid)
{
	struct vs_guest_state st = {0};
	char *path;
	int r;

	if (!vs_name_valid(name))
		return -EINVAL;
	path = vs_guest_conf_path(cfg, name);
	if (!path)
		return -ENOMEM;
	r = access(path, F_OK) == 0 ? 0 : -ENOENT;
	free(path);
	if (r < 0)
		return r;
	r = vs_guest_state_probe(cfg, name, &st);
	if (r < 0 && r != -ESTALE) {
		vs_state_clear(&st);
		return r;
	}
	*out = r == 1 ? st.state : VS_STATE_STOPPED;
	if (init_pid)
		*init_pid = r == 1 ? st.init_pid : 0;
	vs_state_clear(&st);
	return 0;
}

static int list_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vs_guest_info *)a)->name,
		      ((const struct vs_guest_info *)b)->name);
}

static void list_fill(const struct vs_config *cfg, const char *name, struct vs_guest_info *g)
{
	struct vs_guest_conf *gc = NULL;
	struct vs_guest_state st = {0};
	int r;

	snprintf(g->name, sizeof(g->name), "%.32s", name);
	if (vs_guest_conf_load(cfg, name, &gc, &g->error) < 0) {
		g->state = VS_STATE_BROKEN;
		return;
	}
	g->xid = gc->xid;
	snprintf(g->template_name, sizeof(g->template_name), "%s", gc->template_name);
	g->autostart = gc->autostart;
	if (gc->net == VS_NET_VETH)
		snprintf(g->net, sizeof(g->net), "veth:%s", gc->bridge);
	else
		snprintf(g->net, sizeof(g->net), "%s", gc->net == VS_NET_HOST ? "host" : "none");
	r = vs_guest_state_probe(cfg, name, &st);
	g->state = r == 1 ? st.state : VS_STATE_STOPPED;
	if (r == 1) {
		g->init_pid = st.init_pid;
		g->start_time = st.start_time;
	}
	vs_state_clear(&st);
	vs_guest_conf_free(gc);
}

int vs_guest_list(const struct vs_config *cfg, struct vs_guest_info **out, size_t *n)
{
	struct vs_guest_info *v = NULL;
	size_t k = 0, cap = 0;
	struct dirent *de;
	DIR *d = opendir(cfg->guests_dir);

	if (!d) {
		if (errno != ENOENT)
			return -errno;
		*out = NULL;
		*n = 0;
		return 0;
	}
	while ((de = readdir(d))) {
		char name[VS_NAME_MAX + 8];
		size_t len = strlen(de->d_name);
		if (len < 6 || len > VS_NAME_MAX + 5 || strcmp(de->d_name + len - 5, ".conf"))
			continue;
		memcpy(name, de->d_name, len - 5);
		name[len - 5] = '\0';
		if (!vs_name_valid(name))
			continue;
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct vs_guest_info *nv = realloc(v, nc * sizeof(*nv));
			if (!nv) {
				closedir(d);
				vs_guest_list_free(v, k);
				return -ENOMEM;
			}
			v = nv;
			cap = nc;
		}
		memset(&v[k], 0, sizeof(v[k]));
		list_fill(cfg, name, &v[k]);
		k++;
	}
	closedir(d);
	if (k)
		qsort(v, k, sizeof(*v), list_cmp);
	*out = v;
	*n = k;
	return 0;
}

void vs_guest_list_free(struct vs_guest_info *g, size_t n)
{
	for (size_t i = 0; g && i < n; i++)
		free(g[i].error);
	free(g);
}
