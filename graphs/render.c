// SPDX-License-Identifier: GPL-2.0-or-later
/* Graphs for capacity planners, drawn in-process with rrd_graph_v (5 to 9 ms each,
 * where an `rrdtool graph` process costs about 50 ms). Rows are drawn as steps, rrdtool's
 * default: a row is its interval's average. rrd_graph_v is not safe in
 * several threads before rrdtool 1.8: vsgraph draws one graph at a time.
 *
 * Capacity graphs (CPU, memory, disk space) carry the 95th percentile of the period's
 * finest stored averages (computed here from rrd_fetch, exact, where rrdtool's VDEF
 * would use pixel averages), a least-squares trend (LSLSLOPE, LSLINT) extended a
 * quarter period into the future with LSLCORREL printed, the date the trend meets the
 * limit, and PREDICT bands from the same hour of the previous days. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rrd.h>

#include "vsgraph.h"

const char *const vsg_period_names[VSG_P__COUNT] = {"day", "week", "month", "year"};
const long vsg_period_secs[VSG_P__COUNT] = {86400, 7 * 86400, 31 * 86400, 366 * 86400};

/* Resolution of the percentile: the finest archive that covers the period. */
static unsigned long render_p95_res(enum vsg_period p, unsigned long step)
{
	switch (p) {
	case VSG_P_DAY:
		/* The step's own rows, when they cover a day. */
		return step * VSG_BASE_ROWS_MAX >= 86400 ? step : 300;
	case VSG_P_WEEK:
	case VSG_P_MONTH:
		return step > 300 ? step : 300;
	default:
		return step > 3600 ? step : 3600;
	}
}

static unsigned long render_file_step(const char *file)
{
	rrd_info_t *info = rrd_info_r(file), *i;
	unsigned long step = 60;

	for (i = info; i; i = i->next)
		if (strcmp(i->key, "step") == 0)
			step = i->value.u_cnt;
	rrd_info_free(info);
	rrd_clear_error();
	return step;
}

struct render_ctx {
	struct vsg_strv a;
	const struct vsg_render_opts *o;
	const char *dir;
	enum vsg_period p;
	time_t start, end, future;
	bool guest; /* a guest's set (current or archived): it has limits */
	bool host;  /* the host set: no per-context fields */
	int err;
};

static void R(struct render_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void R(struct render_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	if (c->err)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s || vsg_strv_add(&c->a, "%s", s) < 0)
		c->err = -ENOMEM;
	free(s);
}

static bool render_has(struct render_ctx *c, const char *group)
{
	char *f = vsg_asprintf("%s/%s.rrd", c->dir, group);
	bool r = f && vsg_file_exists(f);
	free(f);
	return r;
}

/* DEF:name=DIR/group.rrd:ds:CF (colons in paths are escaped for rrdtool). */
static void render_def_opt(struct render_ctx *c, const char *name, const char *group,
			   const char *ds, const char *cf, const char *opt)
{
	char esc[4096];
	size_t k = 0;

	for (const char *p = c->dir; *p && k < sizeof(esc) - 3; p++) {
		if (*p == ':' || *p == '\\')
			esc[k++] = '\\';
		esc[k++] = *p;
	}
	esc[k] = '\0';
	R(c, "DEF:%s=%s/%s.rrd:%s:%s%s", name, esc, group, ds, cf, opt);
}

static void render_def(struct render_ctx *c, const char *name, const char *group, const char *ds,
		       const char *cf)
{
	render_def_opt(c, name, group, ds, cf, "");
}

/* Events: a full-height bar where `cond` holds (below a mirrored axis too). An area to
 * INF looks like TICK, but a run of events is one shape and its legend box is right. */
static void render_events(struct render_ctx *c, const char *cond, const char *color,
			  const char *legend, bool mirrored)
{
	R(c, "CDEF:%s_up=%s,INF,UNKN,IF", cond, cond);
	R(c, "AREA:%s_up#%s:%s", cond, color, legend);
	if (mirrored) {
		R(c, "CDEF:%s_dn=%s,NEGINF,UNKN,IF", cond, cond);
		R(c, "AREA:%s_dn#%s", cond, color);
	}
}

/* The capacity decorations on series `v` (already scaled), against limit `lim` (a
 * vname or NULL). p95 is exact from the archive; the rest is rrdtool's. */
static void render_capacity(struct render_ctx *c, const char *v, const char *lim, double p95,
			    const char *fmt, const char *raw_def_group, const char *raw_ds,
			    double scale)
{
	if (isnan(p95)) {
		R(c, "COMMENT:95th percentile\\: no data\\n");
		R(c, "CDEF:p95c=UNKN,%s,POP", v);
	} else {
		R(c, "HRULE:%.10g#ff8800:95th percentile\\:", p95);
		R(c, "CDEF:p95c=%.10g,%s,POP", p95, v);
	}
	R(c, "VDEF:p95v=p95c,MAXIMUM");
	R(c, "GPRINT:p95v:%s\\n", fmt);
	R(c, "PRINT:p95v:p95 %%.6lf");
	/* Least-squares trend over the shown period, extended into the future part. */
	R(c, "VDEF:slope=%s,LSLSLOPE", v);
	R(c, "VDEF:icpt=%s,LSLINT", v);
	R(c, "VDEF:correl=%s,LSLCORREL", v);
	R(c, "CDEF:trend=%s,POP,COUNT,1,-,slope,*,icpt,+", v);
	R(c, "LINE1:trend#8800ff:trend:dashes=6,3");
	R(c, "GPRINT:correl:(correlation %%.2lf)");
	R(c, "PRINT:correl:correlation %%.4lf");
	if (lim) {
		R(c, "VDEF:limlast=%s,LAST", lim);
		R(c, "CDEF:cross=trend,limlast,GE,TIME,UNKN,IF");
		R(c, "VDEF:crossv=cross,FIRST");
		R(c, "GPRINT:crossv:meets the limit %%Y-%%m-%%d\\n:strftime");
		R(c, "PRINT:crossv:meets_limit %%.0lf");
	} else {
		R(c, "COMMENT:\\n");
	}
	/* PREDICT: the same half hour of the previous 7 days; bands of 3 sigma. The
	 * history is fetched in half-hour rows, the window's size: finer rows would
	 * only cost more (about 1 ms a graph at one-minute rows). Not for a year: its
	 * pixels are wider than a day. */
	if (c->p != VSG_P_YEAR && raw_def_group) {
		char opt[64];
		snprintf(opt, sizeof(opt), ":start=%lld:step=1800",
			 (long long)(c->start - 8 * 86400));
		render_def_opt(c, "hist", raw_def_group, raw_ds, "AVERAGE", opt);
		R(c, "CDEF:hists=hist,%.10g,*", scale);
		R(c, "CDEF:pred=86400,-7,1800,hists,PREDICT");
		R(c, "CDEF:sigma=86400,-7,1800,hists,PREDICTSIGMA");
		R(c, "CDEF:band_lo=pred,sigma,3,*,-,0,MAX");
		R(c, "CDEF:band_w=sigma,6,*");
		R(c, "CDEF:future=TIME,%lld,GT,pred,UNKN,IF", (long long)c->end);
		R(c, "LINE1:band_lo#00000000");
		R(c, "AREA:band_w#0088ff30:prediction +-3 sigma:STACK");
		R(c, "LINE1:future#0088ff:predicted\\n");
		R(c, "VDEF:predv=future,AVERAGE");
		R(c, "PRINT:predv:predicted %%.6lf");
	}
}

static double render_p95(struct render_ctx *c, const char *group, const char *ds, double scale,
			 const char *ds2)
{
	char *file = vsg_asprintf("%s/%s.rrd", c->dir, group);
	double *v = NULL, *v2 = NULL, p = NAN;
	size_t n = 0, n2 = 0;

	if (!file)
		return NAN;
	unsigned long res = render_p95_res(c->p, render_file_step(file));
	if (vsg_fetch(file, ds, "AVERAGE", c->start, c->end, res, &v, &n, NULL) == 0) {
		if (ds2 &&
		    vsg_fetch(file, ds2, "AVERAGE", c->start, c->end, res, &v2, &n2, NULL) == 0 &&
		    n2 == n)
			for (size_t i = 0; i < n; i++)
				v[i] += v2[i];
		for (size_t i = 0; i < n; i++)
			v[i] *= scale;
		p = vsg_percentile(v, n, 95);
	}
	free(v);
	free(v2);
	free(file);
	return p;
}

static bool render_is_host(const char *dir)
{
	size_t l = strlen(dir);
	return l >= 5 && strcmp(dir + l - 5, "/host") == 0;
}

static bool render_is_guest(const char *dir)
{
	size_t l = strlen(dir);
	return !(l >= 5 && strcmp(dir + l - 5, "/host") == 0) &&
	       !(l >= 9 && strcmp(dir + l - 9, "/context0") == 0);
}

static void render_common(struct render_ctx *c, const char *out, const char *title,
			  const char *vlabel, bool bytes, time_t end)
{
	const struct vsg_render_opts *o = c->o;

	R(c, "graphv");
	R(c, "%s", out);
	R(c, "--imgformat=%s", o->png ? "PNG" : "SVG");
	R(c, "--start=%lld", (long long)c->start);
	R(c, "--end=%lld", (long long)end);
	/* The image is exactly the size asked for, legend included. */
	R(c, "--full-size-mode");
	R(c, "--width=%u", o->width ? o->width : 800);
	R(c, "--height=%u", o->height ? o->height : 300);
	R(c, "--title=%s (%s)", title, vsg_period_names[c->p]);
	R(c, "--vertical-label=%s", vlabel);
	R(c, "--font=DEFAULT:0:DejaVu Sans");
	if (bytes)
		R(c, "--base=1024");
}

static void graph_cpu(struct render_ctx *c, const char *out, const char *title)
{
	double p95 = render_p95(c, "cpu", "cpu_usage_usec", 1e-6, NULL);

	render_common(c, out, title, "cores", false, c->future);
	R(c, "--lower-limit=0");
	render_def(c, "u", "cpu", "cpu_user_usec", "AVERAGE");
	render_def(c, "s", "cpu", "cpu_system_usec", "AVERAGE");
	render_def(c, "t", "cpu", "cpu_usage_usec", "AVERAGE");
	R(c, "CDEF:uc=u,1000000,/");
	R(c, "CDEF:sc=s,1000000,/");
	R(c, "CDEF:tc=t,1000000,/");
	R(c, "AREA:uc#4488cc:user");
	R(c, "AREA:sc#cc4444:system:STACK");
	R(c, "GPRINT:tc:AVERAGE:total avg %%.2lf");
	R(c, "GPRINT:tc:MAX:max %%.2lf cores\\n");
	const char *lim = NULL;
	if (c->guest) {
		render_def(c, "l", "cpu", "cpu_limit_pct", "AVERAGE");
		R(c, "CDEF:lc=l,100,/");
		R(c, "LINE2:lc#000000:CPU limit\\n");
		lim = "lc";
	}
	render_capacity(c, "tc", lim, p95, "%.2lf cores", "cpu", "cpu_usage_usec", 1e-6);
}

static void graph_memory(struct render_ctx *c, const char *out, const char *title)
{
	double p95 = render_p95(c, "memory", "mem_current_bytes", 1, NULL);

	render_common(c, out, title, "bytes", true, c->future);
	R(c, "--lower-limit=0");
	render_def(c, "cur", "memory", "mem_current_bytes", "AVERAGE");
	render_def(c, "anon", "memory", "mem_anon_bytes", "AVERAGE");
	render_def(c, "file", "memory", "mem_file_bytes", "AVERAGE");
	render_def(c, "shm", "memory", "mem_shmem_bytes", "AVERAGE");
	/* file includes shmem: stack anon, file without shmem, shmem. */
	R(c, "CDEF:fonly=file,shm,UN,0,shm,IF,-,0,MAX");
	R(c, "AREA:anon#44aa44:anon");
	R(c, "AREA:fonly#88ccee:file:STACK");
	R(c, "AREA:shm#cc88cc:shmem:STACK");
	R(c, "LINE1:cur#000000:charged");
	R(c, "GPRINT:cur:LAST:%%.1lf%%sB\\n");
	if (!c->host) {
		render_def(c, "lim", "memory", "mem_limit_bytes", "AVERAGE");
		render_def(c, "peak", "memory", "mem_peak_bytes", "MAX");
		render_def(c, "oom", "memory", "oom_kills", "MAX");
		R(c, "LINE2:lim#cc0000:limit");
		R(c, "LINE1:peak#ff8844:peak:dashes=2,2");
		R(c, "CDEF:oomt=oom,0,GT");
		render_events(c, "oomt", "ff0000", "OOM kill\\n", false);
	} else {
		render_def(c, "lim", "memory", "mem_total_bytes", "AVERAGE");
		R(c, "LINE2:lim#000000:RAM\\n");
	}
	render_capacity(c, "cur", "lim", p95, "%.1lf%sB", "memory", "mem_current_bytes", 1);
}

static void graph_disk(struct render_ctx *c, const char *out, const char *title)
{
	double p95 = render_p95(c, "disk_space", "disk_upper_bytes", 1, NULL);

	render_common(c, out, title, "bytes", true, c->future);
	R(c, "--lower-limit=0");
	render_def(c, "up", "disk_space", "disk_upper_bytes", "AVERAGE");
	R(c, "AREA:up#aa8844:own layer");
	R(c, "GPRINT:up:LAST:%%.1lf%%sB\\n");
	render_capacity(c, "up", NULL, p95, "%.1lf%sB", NULL, NULL, 1);
}

static void graph_io(struct render_ctx *c, const char *out, const char *title)
{
	render_common(c, out, title, "bytes/s", true, c->end);
	render_def(c, "rd", "io", "io_read_bytes", "AVERAGE");
	render_def(c, "wr", "io", "io_write_bytes", "AVERAGE");
	R(c, "CDEF:wneg=wr,-1,*");
	R(c, "AREA:rd#44aa44:read");
	R(c, "GPRINT:rd:AVERAGE:avg %%.1lf%%sB/s");
	R(c, "GPRINT:rd:MAX:max %%.1lf%%sB/s\\n");
	R(c, "AREA:wneg#4444cc:write (below the axis)");
	R(c, "GPRINT:wr:AVERAGE:avg %%.1lf%%sB/s");
	R(c, "GPRINT:wr:MAX:max %%.1lf%%sB/s\\n");
	R(c, "HRULE:0#000000");
}

static void graph_iops(struct render_ctx *c, const char *out, const char *title)
{
	render_common(c, out, title, "operations/s", false, c->end);
	render_def(c, "ro", "io", "io_read_ops", "AVERAGE");
	render_def(c, "wo", "io", "io_write_ops", "AVERAGE");
	R(c, "CDEF:woneg=wo,-1,*");
	R(c, "AREA:ro#44aa44:reads");
	R(c, "GPRINT:ro:AVERAGE:avg %%.1lf/s\\n");
	R(c, "AREA:woneg#4444cc:writes (below the axis)");
	R(c, "GPRINT:wo:AVERAGE:avg %%.1lf/s\\n");
	R(c, "HRULE:0#000000");
}

static void graph_tasks(struct render_ctx *c, const char *out, const char *title)
{
	render_common(c, out, title, "tasks", false, c->end);
	R(c, "--lower-limit=0");
	render_def(c, "pr", "tasks", "tasks", "AVERAGE");
	render_def(c, "th", "tasks", "threads", "MAX");
	R(c, "AREA:pr#4488cc:processes");
	R(c, "GPRINT:pr:LAST:%%.0lf");
	R(c, "LINE1:th#000000:threads");
	R(c, "GPRINT:th:MAX:max %%.0lf\\n");
	if (c->guest) {
		render_def(c, "pl", "tasks", "pids_limit", "AVERAGE");
		render_def(c, "ph", "tasks", "pids_limit_hits", "MAX");
		R(c, "LINE2:pl#cc0000:pids limit");
		R(c, "CDEF:pht=ph,0,GT");
		render_events(c, "pht", "ff0000", "fork refused\\n", false);
	}
}

static void graph_network(struct render_ctx *c, const char *out, const char *title)
{
	render_common(c, out, title, "bytes/s", true, c->end);
	render_def(c, "rx", "network", "net_rx_bytes", "AVERAGE");
	render_def(c, "tx", "network", "net_tx_bytes", "AVERAGE");
	render_def(c, "rd", "network", "net_rx_dropped", "MAX");
	render_def(c, "td", "network", "net_tx_dropped", "MAX");
	R(c, "CDEF:txneg=tx,-1,*");
	R(c, "AREA:rx#44aa44:received");
	R(c, "GPRINT:rx:AVERAGE:avg %%.1lf%%sB/s\\n");
	R(c, "AREA:txneg#4444cc:sent (below the axis)");
	R(c, "GPRINT:tx:AVERAGE:avg %%.1lf%%sB/s\\n");
	R(c, "CDEF:drops=rd,td,ADDNAN,0,GT");
	render_events(c, "drops", "ff0000", "drops\\n", true);
	R(c, "HRULE:0#000000");
}

static void graph_shared(struct render_ctx *c, const char *out, const char *title)
{
	render_common(c, out, title, "bytes", true, c->end);
	R(c, "--lower-limit=0");
	render_def(c, "pss", "smaps", "pss_bytes", "AVERAGE");
	render_def(c, "rss", "smaps", "rss_bytes", "AVERAGE");
	render_def(c, "uss", "smaps", "uss_bytes", "AVERAGE");
	R(c, "AREA:pss#66aa66:Pss (proportional)");
	R(c, "GPRINT:pss:LAST:%%.1lf%%sB\\n");
	R(c, "LINE1:uss#006600:Uss (private)");
	R(c, "LINE1:rss#888888:Rss\\n:dashes=3,3");
	if (render_has(c, "memory")) {
		render_def(c, "cur", "memory", "mem_current_bytes", "AVERAGE");
		R(c, "LINE2:cur#000000:charged to the context");
		R(c, "GPRINT:cur:LAST:%%.1lf%%sB\\n");
	}
	if (render_has(c, "deepscan")) {
		render_def(c, "xs", "deepscan", "cross_shared_bytes", "AVERAGE");
		render_def(c, "pays", "deepscan", "chg_for_oth_bytes", "AVERAGE");
		R(c, "LINE2:xs#cc6600:shared with other contexts");
		R(c, "LINE1:pays#cc0000:charged here, used by others\\n");
	}
}

/* The host: the top contexts by CPU stacked with "others" up to the host total,
 * against the number of CPUs. */
static void graph_host_cpu(struct render_ctx *c, const char *out, const char *title)
{
	static const char *const colors[] = {"4488cc", "cc4444", "44aa44", "cc88cc",
					     "aa8844", "44aaaa", "8844cc", "cccc44"};
	struct top {
		char *dir, *name;
		double mean;
	} top[8];
	size_t ntop = 0;
	const char *rrd_dir = c->o->rrd_dir;
	char *gdir = vsg_asprintf("%s/guests", rrd_dir);
	char *ctx0 = vsg_asprintf("%s/context0", rrd_dir);
	struct vsg_strv cands = {0}, names = {0};

	if (!gdir || !ctx0) {
		c->err = -ENOMEM;
		goto out;
	}
	/* Candidates: context 0 and every guest directory. */
	vsg_strv_add(&cands, "%s", ctx0);
	vsg_strv_add(&names, "context 0");
	{
		char **list = NULL;
		size_t n = 0;
		if (vsg_list_dirs(gdir, &list, &n) == 0) {
			for (size_t i = 0; i < n; i++) {
				vsg_strv_add(&cands, "%s/%s", gdir, list[i]);
				vsg_strv_add(&names, "%s", list[i]);
				free(list[i]);
			}
			free(list);
		}
	}
	for (size_t i = 0; i < cands.n; i++) {
		char *f = vsg_asprintf("%s/cpu.rrd", cands.v[i]);
		double *v = NULL, sum = 0;
		size_t n = 0, k = 0;
		long res = vsg_period_secs[c->p] / 200;
		if (f && vsg_fetch(f, "cpu_usage_usec", "AVERAGE", c->start, c->end,
				   (unsigned long)res, &v, &n, NULL) == 0) {
			for (size_t j = 0; j < n; j++)
				if (!isnan(v[j]))
					sum += v[j], k++;
			double mean = k ? sum / (double)k : 0;
			/* Insertion into the top 8 by mean. */
			size_t pos = ntop;
			while (pos > 0 && top[pos - 1].mean < mean)
				pos--;
			if (pos < 8) {
				if (ntop == 8) {
					free(top[7].dir);
					free(top[7].name);
				} else {
					ntop++;
				}
				memmove(&top[pos + 1], &top[pos],
					(ntop - 1 - pos) * sizeof(top[0]));
				top[pos].dir = strdup(cands.v[i]);
				top[pos].name = strdup(names.v[i]);
				top[pos].mean = mean;
			}
		}
		free(v);
		free(f);
	}
	render_common(c, out, title, "cores", false, c->end);
	R(c, "--lower-limit=0");
	const char *saved = c->dir;
	c->dir = vsg_asprintf("%s/host", rrd_dir);
	render_def(c, "ht", "cpu", "cpu_usage_usec", "AVERAGE");
	render_def(c, "ncpu", "cpu", "ncpu", "AVERAGE");
	free((char *)c->dir);
	R(c, "CDEF:htc=ht,1000000,/");
	char sum[4096] = ",0";
	for (size_t i = 0; i < ntop; i++) {
		c->dir = top[i].dir;
		char vn[16];
		snprintf(vn, sizeof(vn), "c%zu", i);
		render_def(c, vn, "cpu", "cpu_usage_usec", "AVERAGE");
		R(c, "CDEF:%sc=%s,1000000,/", vn, vn);
		R(c, "AREA:%sc#%s:%s%s", vn, colors[i], top[i].name, i ? ":STACK" : "");
		size_t l = strlen(sum);
		snprintf(sum + l, sizeof(sum) - l, ",%sc,ADDNAN", vn);
	}
	c->dir = saved;
	R(c, "CDEF:others=htc%s,-,0,MAX", sum);
	R(c, "AREA:others#bbbbbb:others\\n%s", ntop ? ":STACK" : "");
	R(c, "LINE2:ncpu#000000:host capacity (CPUs)");
	R(c, "GPRINT:htc:AVERAGE:host avg %%.2lf");
	R(c, "GPRINT:htc:MAX:max %%.2lf cores\\n");
out:
	for (size_t i = 0; i < ntop; i++) {
		free(top[i].dir);
		free(top[i].name);
	}
	vsg_strv_free(&cands);
	vsg_strv_free(&names);
	free(gdir);
	free(ctx0);
}

/* Memory overcommitment: the running guests' limits summed against the RAM. */
static void graph_host_memory(struct render_ctx *c, const char *out, const char *title)
{
	double p95 = render_p95(c, "memory", "mem_used_bytes", 1, NULL);

	render_common(c, out, title, "bytes", true, c->future);
	R(c, "--lower-limit=0");
	render_def(c, "used", "memory", "mem_used_bytes", "AVERAGE");
	render_def(c, "tot", "memory", "mem_total_bytes", "AVERAGE");
	render_def(c, "lsum", "memory", "mem_limit_sum_bytes", "AVERAGE");
	R(c, "AREA:used#44aa44:in use");
	R(c, "GPRINT:used:LAST:%%.1lf%%sB\\n");
	R(c, "LINE2:tot#000000:RAM");
	R(c, "LINE2:lsum#cc0000:sum of guest limits");
	R(c, "CDEF:ratio=lsum,tot,/,100,*");
	R(c, "GPRINT:ratio:LAST:(%%.0lf%%%% of RAM)\\n");
	render_capacity(c, "used", "tot", p95, "%.1lf%sB", "memory", "mem_used_bytes", 1);
}

static const struct {
	const char *name;
	void (*fn)(struct render_ctx *c, const char *out, const char *title);
	const char *group; /* the file it needs */
} render_graphs[] = {
    {"cpu", graph_cpu, "cpu"},
    {"memory", graph_memory, "memory"},
    {"io", graph_io, "io"},
    {"iops", graph_iops, "io"},
    {"tasks", graph_tasks, "tasks"},
    {"network", graph_network, "network"},
    {"shared", graph_shared, "smaps"},
    {"disk", graph_disk, "disk_space"},
    {"host-cpu", graph_host_cpu, "cpu"},
    {"host-memory", graph_host_memory, "memory"},
};

bool vsg_graph_available(const char *set_dir, const char *graph)
{
	for (size_t i = 0; i < sizeof(render_graphs) / sizeof(render_graphs[0]); i++)
		if (strcmp(render_graphs[i].name, graph) == 0) {
			char *f = vsg_asprintf("%s/%s.rrd", set_dir, render_graphs[i].group);
			bool r = f && vsg_file_exists(f);
			free(f);
			return r;
		}
	return false;
}

/* The capacity figures a graph PRINTs, each after its label: "p95 1.5". rrdtool
 * prints an unknown value as nan, which %lf reads as NaN. */
static void render_result_print(struct vsg_graph_result *res, const char *s)
{
	double v;
	if (sscanf(s, "p95 %lf", &v) == 1)
		res->p95 = v;
	else if (sscanf(s, "correlation %lf", &v) == 1)
		res->correlation = v;
	else if (sscanf(s, "meets_limit %lf", &v) == 1)
		res->meets_limit = v;
	else if (sscanf(s, "predicted %lf", &v) == 1)
		res->predicted = v;
}

int vsg_render_graph(const struct vsg_render_opts *o, const char *set_dir, const char *title,
		     const char *graph, enum vsg_period p, const char *out_file,
		     struct vsg_graph_result *res)
{
	struct render_ctx c = {.o = o, .dir = set_dir, .p = p};
	struct vsg_graph_result got = {0};
	rrd_info_t *info = NULL;
	char *tmp = NULL;
	size_t gi;
	int r = 0;

	for (gi = 0; gi < sizeof(render_graphs) / sizeof(render_graphs[0]); gi++)
		if (strcmp(render_graphs[gi].name, graph) == 0)
			break;
	if (gi == sizeof(render_graphs) / sizeof(render_graphs[0]))
		return -EINVAL;
	/* librrd writes the image where it is told: draw into a temporary file renamed
	 * over out_file, so a page never shows half an image and a failure keeps the old. */
	tmp = vsg_asprintf("%s.tmp.%d", out_file, (int)getpid());
	if (!tmp)
		return -ENOMEM;
	c.end = o->end ? o->end : time(NULL);
	c.start = c.end - vsg_period_secs[p];
	c.future = c.end + vsg_period_secs[p] / 4;
	c.guest = render_is_guest(set_dir);
	c.host = render_is_host(set_dir);
	render_graphs[gi].fn(&c, tmp, title);
	if (c.err) {
		r = c.err;
		goto out;
	}
	rrd_clear_error();
	info = rrd_graph_v((int)c.a.n, c.a.v);
	if (!info || rrd_test_error()) {
		vsg_log(VS_LOG_WARNING, "%s: %s graph (%s): %s", set_dir, graph,
			vsg_period_names[p], rrd_get_error());
		r = -EIO;
		goto out;
	}
	if (rename(tmp, out_file) < 0) {
		r = -errno;
		vsg_log(VS_LOG_WARNING, "%s: %s", out_file, strerror(-r));
		goto out;
	}
	if (res) {
		got.p95 = got.correlation = got.meets_limit = got.predicted = NAN;
		got.path = strdup(out_file);
		if (!got.path) {
			r = -ENOMEM;
			goto out;
		}
		for (rrd_info_t *i = info; i; i = i->next) {
			if (strcmp(i->key, "image_width") == 0)
				got.width = (unsigned)i->value.u_cnt;
			else if (strcmp(i->key, "image_height") == 0)
				got.height = (unsigned)i->value.u_cnt;
			else if (strncmp(i->key, "print[", 6) == 0 && i->type == RD_I_STR)
				render_result_print(&got, i->value.u_str);
		}
		*res = got;
		got.path = NULL;
	}
out:
	if (r < 0)
		unlink(tmp);
	free(got.path);
	free(tmp);
	rrd_info_free(info);
	vsg_strv_free(&c.a);
	return r;
}

/* For `vsgraph graph-args`: the argument vector, for debugging a graph by hand. */
int vsg_render_args(const struct vsg_render_opts *o, const char *set_dir, const char *graph,
		    enum vsg_period p, struct vsg_strv *out)
{
	struct render_ctx c = {.o = o, .dir = set_dir, .p = p};

	for (size_t gi = 0; gi < sizeof(render_graphs) / sizeof(render_graphs[0]); gi++)
		if (strcmp(render_graphs[gi].name, graph) == 0) {
			c.end = o->end ? o->end : time(NULL);
			c.start = c.end - vsg_period_secs[p];
			c.future = c.end + vsg_period_secs[p] / 4;
			c.guest = render_is_guest(set_dir);
			c.host = render_is_host(set_dir);
			render_graphs[gi].fn(&c, "-", graph);
			*out = c.a;
			return c.err;
		}
	return -EINVAL;
}
