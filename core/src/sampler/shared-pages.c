// SPDX-License-Identifier: GPL-2.0-or-later
/* The sampler's call into the shared-page module (core/src/pagescan): hands it the
 * running guests of this sweep, their memory cgroups and overlay directories. */
#include <stdlib.h>
#include <string.h>

#include "pagescan/pagescan.h"
#include "sampler/sampler-internal.h"
#include "util/fileio.h"

_Static_assert(sizeof(pid_t) == sizeof(int), "guest pid lists are int arrays");

#define SMP_PAGESCAN_GROUPS ((1u << VS_G_SMAPS) | (1u << VS_G_DEEP) | (1u << VS_G_DISK))

int smp_pagescan_open(struct vs_sampler *s)
{
	int r;
	if (!(s->groups & SMP_PAGESCAN_GROUPS))
		return 0;
	r = vs_pagescan_new(s->proc_root, &s->pagescan);
	if (r < 0)
		vs_logf(VS_LOG_WARNING, "%s: shared-page accounting off: %s", s->proc_root,
			strerror(-r));
	return r == -ENOMEM ? r : 0;
}

void smp_pagescan_close(struct vs_sampler *s)
{
	s->pagescan = vs_pagescan_free(s->pagescan);
}

int smp_pagescan_sample(struct vs_sampler *s, struct vs_snapshot *snap, double mono)
{
	struct vs_ps_guest *g;
	char **paths;
	size_t n = 0;
	enum vs_hier mh = s->mode == VS_CG_V2 ? VS_H_UNIFIED : VS_H_MEMORY;
	char *mdir = NULL;
	double deep_mono = 0;
	int r;

	if (!s->pagescan)
		return 0;
	g = calloc(s->reg.n + 1, sizeof(*g));
	paths = calloc(3 * (s->reg.n + 1), sizeof(*paths));
	if (!g || !paths) {
		r = -ENOMEM;
		goto out;
	}
	mdir = vs_cgroup_hier_dir(s->cgroup_root, s->mode, mh);
	for (size_t i = 0; i < s->reg.n; i++) {
		struct smp_ctx *c = s->reg.v[i];
		struct vs_context *ctx = &snap->ctx[i + 1];
		const char *tname = ctx->template_name;
		if (ctx->state != VS_STATE_RUNNING || !c->cg)
			continue;
		if (mdir && c->st.cgroup[mh])
			paths[3 * n] = vs_path_join(mdir, c->st.cgroup[mh]);
		/* Guest control's layout: <state_dir>/<name>/upper over <template_dir>/<tpl>. */
		if (tname[0] && strcmp(tname, "none") != 0) {
			paths[3 * n + 1] = vs_path_join(s->config->template_dir, tname);
			paths[3 * n + 2] =
			    vs_asprintf("%s/%s/upper", s->config->state_dir, c->name);
		}
		g[n] = (struct vs_ps_guest){
		    .xid = c->xid,
		    .generation = c->generation,
		    .pids = (const pid_t *)c->pids,
		    .npids = c->npids,
		    .memcg_dir = paths[3 * n],
		    .template_name = paths[3 * n + 1] ? tname : NULL,
		    .template_dir = paths[3 * n + 1],
		    .upper_dir = paths[3 * n + 2],
		    .m = &ctx->m,
		    .warnings = &ctx->warnings,
		};
		n++;
	}
	struct vs_ps_fill f = {
	    .groups = s->groups,
	    .now_mono = mono,
	    .deep_interval_sec = s->config->deep_scan_interval_sec,
	    .disk_interval_sec = s->config->disk_scan_interval_sec,
	    .smaps_max_age_sec = s->config->smaps_max_age_sec,
	    .host_m = &snap->host.m,
	    .ctx0_m = &snap->ctx[0].m,
	    .ctx0_warnings = &snap->ctx[0].warnings,
	    .deep_mono_out = &deep_mono,
	};
	r = vs_pagescan_fill(s->pagescan, g, n, &f);
	if (r == 0 && deep_mono > 0)
		snap->deep_scan_time = snap->time - (mono - deep_mono);
out:
	if (paths)
		for (size_t i = 0; i < 3 * (s->reg.n + 1); i++)
			free(paths[i]);
	free(paths);
	free(g);
	free(mdir);
	return r;
}
