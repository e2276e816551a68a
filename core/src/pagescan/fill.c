// SPDX-License-Identifier: GPL-2.0-or-later
/* The sampler's entry point to this module: fills the SMAPS group every sample, the
 * DEEP group every deep_scan_interval and the DISK group every disk_scan_interval.
 * Between two deep (or disk) scans the last results are carried forward per guest
 * incarnation (xid + generation), so a snapshot shows them rather than unknowns. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vsmon/snapshot.h>

#include "pagescan-int.h"
#include "util/log-internal.h"

struct fill_cache {
	uint32_t xid;
	uint64_t generation;
	struct vs_metrics m; /* DEEP or DISK fields only */
};

struct fill_state {
	double deep_mono, disk_mono; /* last run; 0: never */
	bool deep_ok;
	struct fill_cache *deep, *disk; /* [0] is context 0 for deep */
	size_t ndeep, ndisk;
	struct vs_metrics host_deep;
	struct vs_complaint deep_complaint;
};

static struct fill_state *fill_state(struct vs_pagescan *ps)
{
	if (!ps->fill)
		ps->fill = calloc(1, sizeof(struct fill_state));
	return ps->fill;
}

void vs_pagescan_fill_free(void *p)
{
	struct fill_state *f = p;
	if (!f)
		return;
	free(f->deep);
	free(f->disk);
	free(f);
}

static int fill_cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

/* Every process of the machine, sorted. */
static int fill_all_pids(struct vs_pagescan *ps, pid_t **out, size_t *n)
{
	int fd = openat(ps->proc_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pid_t *v = NULL;
	size_t cnt = 0, cap = 0;
	struct dirent *de;
	DIR *d;

	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -errno;
	}
	while ((de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0)
			continue;
		if (cnt == cap) {
			pid_t *nv = realloc(v, (cap = cap ? cap * 2 : 512) * sizeof(*v));
			if (!nv) {
				free(v);
				closedir(d);
				return -ENOMEM;
			}
			v = nv;
		}
		v[cnt++] = (pid_t)pid;
	}
	closedir(d);
	qsort(v, cnt, sizeof(*v), fill_cmp_pid);
	*out = v;
	*n = cnt;
	return 0;
}

static void fill_set_rollup(struct vs_metrics *m, const struct vs_rollup *r)
{
	vs_metrics_set_u64(m, VS_F_RSS_BYTES, r->rss);
	vs_metrics_set_u64(m, VS_F_PSS_BYTES, r->pss);
	vs_metrics_set_u64(m, VS_F_USS_BYTES, r->uss);
	vs_metrics_set_u64(m, VS_F_SHARED_BYTES, r->shared);
	vs_metrics_set_u64(m, VS_F_SWAP_PSS_BYTES, r->swap_pss);
	vs_metrics_set_u64(m, VS_F_KSM_BYTES, r->ksm);
}

static bool fill_in(const pid_t *v, size_t n, pid_t pid);

/* Each process's rollup is read once: every guest's processes for the guest, then
 * the rest of the machine; the host is their sum (the model derives context 0). */
static int fill_smaps(struct vs_pagescan *ps, struct vs_ps_guest *g, size_t n, const pid_t *all,
		      size_t nall, const struct vs_ps_fill *f)
{
	struct vs_rollup_sum s;
	struct vs_rollup host = {0};
	pid_t *inguest = NULL, *rest = NULL;
	size_t ng = 0, nrest = 0;
	bool partial = false;
	int r = 0;

	for (size_t i = 0; i < n; i++)
		ng += g[i].npids;
	inguest = malloc((ng ? ng : 1) * sizeof(*inguest));
	rest = malloc((nall ? nall : 1) * sizeof(*rest));
	if (!inguest || !rest) {
		r = -ENOMEM;
		goto out;
	}
	ng = 0;
	vs_pagescan_rollup_sweep(ps, f->now_mono, f->smaps_max_age_sec, true);
	for (size_t i = 0; i < n; i++) {
		r = vs_pagescan_rollup(ps, g[i].pids, g[i].npids, &s);
		if (r < 0)
			goto out;
		fill_set_rollup(g[i].m, &s.total);
		vs_rollup_add(&host, &s.total);
		if (s.partial) {
			*g[i].warnings |= VS_W_PERMISSION;
			partial = true;
		}
		if (g[i].npids)
			memcpy(inguest + ng, g[i].pids, g[i].npids * sizeof(*inguest));
		ng += g[i].npids;
	}
	if (ng > 1)
		qsort(inguest, ng, sizeof(*inguest), fill_cmp_pid);
	for (size_t i = 0; i < nall; i++)
		if (!fill_in(inguest, ng, all[i]))
			rest[nrest++] = all[i];
	r = vs_pagescan_rollup(ps, rest, nrest, &s);
	if (r < 0)
		goto out;
	vs_rollup_add(&host, &s.total);
	fill_set_rollup(f->host_m, &host);
	if (s.partial || partial)
		*f->ctx0_warnings |= VS_W_PERMISSION;
out:
	free(inguest);
	free(rest);
	return r;
}

static bool fill_in(const pid_t *v, size_t n, pid_t pid)
{
	return bsearch(&pid, v, n, sizeof(pid), fill_cmp_pid) != NULL;
}

static struct fill_cache *fill_find(struct fill_cache *c, size_t n, uint32_t xid, uint64_t gen)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].xid == xid && c[i].generation == gen)
			return &c[i];
	return NULL;
}

static void fill_copy_group(struct vs_metrics *dst, const struct vs_metrics *src, enum vs_group g)
{
	for (int id = 0; id < VS_F__COUNT; id++)
		if (vs_fields[id].group == g && vs_metrics_has(src, (enum vs_field_id)id))
			vs_metrics_set_u64(dst, (enum vs_field_id)id, src->v[id].u64);
}

static void fill_deep_metrics(struct vs_metrics *m, const struct vs_deep_ctx_result *r,
			      const struct vs_deep_template *t)
{
	memset(m, 0, sizeof(*m));
	vs_metrics_set_u64(m, VS_F_CROSS_SHARED_BYTES, r->cross_shared_bytes);
	vs_metrics_set_u64(m, VS_F_CHARGED_TO_OTHERS_BYTES, r->charged_to_others_bytes);
	vs_metrics_set_u64(m, VS_F_CHARGED_FOR_OTHERS_BYTES, r->charged_for_others_bytes);
	vs_metrics_set_u64(m, VS_F_SHARED_WITH_2_BYTES, r->shared_with_2_bytes);
	vs_metrics_set_u64(m, VS_F_SHARED_WITH_3_9_BYTES, r->shared_with_3_9_bytes);
	vs_metrics_set_u64(m, VS_F_SHARED_WITH_10_PLUS_BYTES, r->shared_with_10_plus_bytes);
	if (t)
		vs_metrics_set_u64(m, VS_F_TEMPLATE_SAVED_BYTES, t->saved_bytes);
}

/* Template ids: guests with the same non-empty template name share one. */
static int fill_template_id(struct vs_ps_guest *g, size_t i)
{
	if (!g[i].template_name || !g[i].template_name[0])
		return -1;
	for (size_t j = 0; j < i; j++)
		if (g[j].template_name && strcmp(g[j].template_name, g[i].template_name) == 0)
			return g[j].template_id;
	return -2; /* new: the caller numbers it */
}

static int fill_deep(struct vs_pagescan *ps, struct fill_state *st, struct vs_ps_guest *g, size_t n,
		     const pid_t *all, size_t nall, const struct vs_ps_fill *f)
{
	struct vs_deep_ctx *ctx = calloc(n + 1, sizeof(*ctx));
	struct vs_deep_ctx_result *res = calloc(n + 1, sizeof(*res));
	struct vs_deep_template *tmpl = calloc(n + 1, sizeof(*tmpl));
	struct fill_cache *cache = calloc(n + 1, sizeof(*cache));
	pid_t *rest = malloc((nall ? nall : 1) * sizeof(*rest)), *guests = NULL;
	size_t nrest = 0, ng = 0, ntmpl = 0;
	struct vs_deep_host host;
	int r;

	for (size_t i = 0; i < n; i++)
		ng += g[i].npids;
	guests = malloc((ng ? ng : 1) * sizeof(*guests));
	if (!ctx || !res || !tmpl || !cache || !rest || !guests) {
		r = -ENOMEM;
		goto out;
	}
	ng = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].npids) /* memcpy from NULL is undefined even for 0 bytes */
			memcpy(guests + ng, g[i].pids, g[i].npids * sizeof(*guests));
		ng += g[i].npids;
		g[i].template_id = fill_template_id(g, i);
		if (g[i].template_id == -2)
			g[i].template_id = (int)ntmpl++;
		ctx[i + 1] =
		    (struct vs_deep_ctx){g[i].pids, g[i].npids, NULL, 0, false, g[i].template_id};
		if (g[i].memcg_dir &&
		    vs_pagescan_memcg_inos(g[i].memcg_dir, (uint64_t **)&ctx[i + 1].memcg_inos,
					   &ctx[i + 1].nmemcg) < 0)
			ctx[i + 1].nmemcg = 0; /* cgroup gone: it pays for nothing */
	}
	qsort(guests, ng, sizeof(*guests), fill_cmp_pid);
	for (size_t i = 0; i < nall; i++)
		if (!fill_in(guests, ng, all[i]))
			rest[nrest++] = all[i];
	ctx[0] = (struct vs_deep_ctx){rest, nrest, NULL, 0, true, -1};

	r = vs_pagescan_deep(ps, ctx, n + 1, res, tmpl, ntmpl, &host);
	if (r < 0)
		goto out;
	cache[0].xid = 0;
	fill_deep_metrics(&cache[0].m, &res[0], NULL);
	for (size_t i = 0; i < n; i++) {
		int t = g[i].template_id;
		cache[i + 1].xid = g[i].xid;
		cache[i + 1].generation = g[i].generation;
		fill_deep_metrics(&cache[i + 1].m, &res[i + 1], t >= 0 ? &tmpl[t] : NULL);
		if (res[i + 1].partial)
			*g[i].warnings |= VS_W_PERMISSION;
	}
	memset(&st->host_deep, 0, sizeof(st->host_deep));
	vs_metrics_set_u64(&st->host_deep, VS_F_DEEP_RSS_BYTES, host.rss_bytes);
	vs_metrics_set_u64(&st->host_deep, VS_F_DEEP_PSS_BYTES, host.pss_bytes);
	vs_metrics_set_u64(&st->host_deep, VS_F_DISTINCT_BYTES, host.distinct_bytes);
	vs_metrics_set_u64(&st->host_deep, VS_F_SHARING_SAVED_BYTES, host.saved_bytes);
	free(st->deep);
	st->deep = cache;
	st->ndeep = n + 1;
	cache = NULL;
	vs_logf(VS_LOG_DEBUG,
		"pagescan: deep scan of %u processes, %llu pages, %llu KiB working memory",
		host.nproc, (unsigned long long)host.pages,
		(unsigned long long)host.mem_used_bytes / 1024);
out:
	if (ctx)
		for (size_t i = 1; i <= n; i++)
			free((void *)ctx[i].memcg_inos);
	free(ctx);
	free(res);
	free(tmpl);
	free(cache);
	free(rest);
	free(guests);
	return r;
}

static int fill_disk(struct fill_state *st, struct vs_ps_guest *g, size_t n)
{
	struct fill_cache *cache = calloc(n ? n : 1, sizeof(*cache));
	uint64_t *shared = calloc(n ? n : 1, sizeof(*shared));
	bool *ok = calloc(n ? n : 1, sizeof(*ok));
	int r = 0;

	if (!cache || !shared || !ok) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct vs_disk_usage u;
		cache[i].xid = g[i].xid;
		cache[i].generation = g[i].generation;
		if (!g[i].upper_dir || !g[i].template_dir)
			continue;
		r = vs_disk_usage(g[i].template_dir, g[i].upper_dir, &u);
		if (r == -ENOMEM)
			goto out;
		if (r < 0) {
			r = 0; /* template or upper missing: unknown for this guest */
			continue;
		}
		vs_metrics_set_u64(&cache[i].m, VS_F_DISK_UPPER_BYTES, u.upper_bytes);
		vs_metrics_set_u64(&cache[i].m, VS_F_DISK_SHARED_BYTES, u.shared_bytes);
		shared[i] = u.shared_bytes;
		ok[i] = true;
	}
	/* Per template: the guests' shared bytes against one copy of the template. */
	for (size_t i = 0; i < n; i++) {
		uint64_t tbytes, sum[1];
		size_t k = 0;
		bool first = true;
		if (!ok[i] || !g[i].template_name || !g[i].template_name[0])
			continue;
		for (size_t j = 0; j < i; j++)
			if (ok[j] && g[j].template_name &&
			    strcmp(g[j].template_name, g[i].template_name) == 0)
				first = false;
		if (!first || vs_disk_tree_bytes(g[i].template_dir, &tbytes) < 0)
			continue;
		sum[0] = 0;
		for (size_t j = i; j < n; j++)
			if (ok[j] && g[j].template_name &&
			    strcmp(g[j].template_name, g[i].template_name) == 0) {
				sum[0] += shared[j];
				k++;
			}
		uint64_t saved = k > 0 ? vs_disk_saved_bytes(tbytes, sum, 1) : 0;
		for (size_t j = i; j < n; j++)
			if (ok[j] && g[j].template_name &&
			    strcmp(g[j].template_name, g[i].template_name) == 0)
				vs_metrics_set_u64(&cache[j].m, VS_F_TEMPLATE_DISK_SAVED_BYTES,
						   saved);
	}
	free(st->disk);
	st->disk = cache;
	st->ndisk = n;
	cache = NULL;
out:
	free(cache);
	free(shared);
	free(ok);
	return r;
}

int vs_pagescan_fill(struct vs_pagescan *ps, struct vs_ps_guest *g, size_t n,
		     const struct vs_ps_fill *f)
{
	struct fill_state *st = fill_state(ps);
	pid_t *all = NULL;
	size_t nall = 0;
	int r = 0;

	if (!st)
		return -ENOMEM;
	if (f->groups & ((1u << VS_G_SMAPS) | (1u << VS_G_DEEP))) {
		r = fill_all_pids(ps, &all, &nall);
		if (r < 0)
			return r;
	}
	if (f->groups & (1u << VS_G_SMAPS)) {
		r = fill_smaps(ps, g, n, all, nall, f);
		if (r < 0)
			goto out;
	} else {
		/* Not asked for (vstop without those columns): the kept descriptors go
		 * back now, and the cache empties at the next sweep. */
		vs_pagescan_rollup_sweep(ps, f->now_mono, f->smaps_max_age_sec, false);
	}
	if ((f->groups & (1u << VS_G_DEEP)) &&
	    (st->deep_mono == 0 || f->now_mono - st->deep_mono >= f->deep_interval_sec)) {
		st->deep_mono = f->now_mono;
		r = fill_deep(ps, st, g, n, all, nall, f);
		st->deep_ok = r == 0;
		if (r == -ENOMEM)
			goto out;
		if (r == -EPERM || r == -EACCES)
			vs_complain(
			    &st->deep_complaint, VS_LOG_WARNING,
			    "deep shared-page scan unavailable (%s): it needs CAP_SYS_ADMIN "
			    "and CAP_DAC_READ_SEARCH (root, or file capabilities)",
			    strerror(-r));
		else if (r < 0)
			vs_complain(&st->deep_complaint, VS_LOG_WARNING,
				    "deep shared-page scan unavailable: %s", strerror(-r));
		else
			vs_complaint_clear(&st->deep_complaint, "deep shared-page scan");
		r = 0;
	}
	if (f->groups & (1u << VS_G_DEEP)) {
		struct fill_cache *c;
		if (!st->deep_ok) {
			*f->ctx0_warnings |= VS_W_DEEP_UNAVAILABLE;
			for (size_t i = 0; i < n; i++)
				*g[i].warnings |= VS_W_DEEP_UNAVAILABLE;
		} else {
			if (f->deep_mono_out)
				*f->deep_mono_out = st->deep_mono;
			fill_copy_group(f->host_m, &st->host_deep, VS_G_DEEP);
			fill_copy_group(f->ctx0_m, &st->deep[0].m, VS_G_DEEP);
			for (size_t i = 0; i < n; i++)
				if ((c = fill_find(st->deep + 1, st->ndeep - 1, g[i].xid,
						   g[i].generation)))
					fill_copy_group(g[i].m, &c->m, VS_G_DEEP);
		}
	}
	if ((f->groups & (1u << VS_G_DISK)) &&
	    (st->disk_mono == 0 || f->now_mono - st->disk_mono >= f->disk_interval_sec)) {
		st->disk_mono = f->now_mono;
		r = fill_disk(st, g, n);
		if (r < 0)
			goto out;
	}
	if (f->groups & (1u << VS_G_DISK)) {
		struct fill_cache *c;
		for (size_t i = 0; i < n; i++)
			if ((c = fill_find(st->disk, st->ndisk, g[i].xid, g[i].generation)))
				fill_copy_group(g[i].m, &c->m, VS_G_DISK);
	}
out:
	free(all);
	return r;
}
