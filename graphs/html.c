// SPDX-License-Identifier: GPL-2.0-or-later
/* `vsgraph render`: every set's graphs and plain HTML pages that work from files or
 * any static web server (relative links only, no scripts):
 *   index.html            every context, a CPU thumbnail and links to each period
 *   host.html             the host's graphs for each period
 *   archive.html          archived guests (destroyed), with links to their graphs
 *   <set>/<period>.html   one set's graphs for one period
 * where <set> is host, context0, guests/NAME or archive/NAME-STAMP. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rrd.h>

#include "vsgraph.h"

static const char *const html_set_graphs[] = {"cpu",   "memory",  "io",	    "iops",
					      "tasks", "network", "shared", "disk"};
static const char *const html_host_graphs[] = {"host-cpu", "host-memory", "cpu",
					       "memory",   "io",	  "tasks"};

struct html_set {
	char *dir;   /* RRD directory */
	char *rel;   /* output path relative to out_dir */
	char *label; /* shown name */
	char *xid;
	time_t end; /* 0: now */
	bool host;
};

static void html_esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void html_head(FILE *f, const char *title, const char *up)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", f);
	html_esc(f, title);
	fprintf(f,
		"</title>\n<style>\nbody{font-family:sans-serif;margin:1em 2em;color:#222}\n"
		"table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid "
		"#ddd;text-align:left;vertical-align:middle}\nimg{display:block;margin:6px 0}\n"
		"nav a{margin-right:1em}\n</style></head><body>\n<nav><a href=\"%sindex.html\">"
		"contexts</a><a href=\"%shost.html\">host</a><a href=\"%sarchive.html\">archive"
		"</a></nav>\n<h1>",
		up, up, up);
	html_esc(f, title);
	fputs("</h1>\n", f);
}

/* Files are written whole, then renamed: a reader never sees half a page. */
static int html_finish(FILE *f, char **buf, size_t *len, const char *path)
{
	int r;

	fputs("<p><small>vsgraph " VSMON_VERSION "</small></p>\n</body></html>\n", f);
	/* open_memstream sets *buf and *len at fclose. */
	if (fclose(f) != 0) {
		free(*buf);
		*buf = NULL;
		return -EIO;
	}
	r = vsg_write_atomic(path, *buf, *len);
	if (r < 0)
		vsg_log(VS_LOG_ERR, "%s: %s", path, strerror(-r));
	free(*buf);
	*buf = NULL;
	return r;
}

static time_t html_last_update(const char *dir)
{
	static const char *const groups[] = {"cpu", "memory", "tasks", "io"};
	time_t last = 0;

	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		char *f = vsg_asprintf("%s/%s.rrd", dir, groups[i]);
		if (f && vsg_file_exists(f)) {
			time_t t = rrd_last_r(f);
			if (t > last)
				last = t;
		}
		free(f);
	}
	rrd_clear_error();
	return last;
}

/* One set: every available graph for every period, and a page per period. */
static int html_render_set(const struct vsg_render_opts *o, struct html_set *s,
			   struct vsg_rrdcc *cc, unsigned *graphs, unsigned *failed)
{
	const char *const *list = s->host ? html_host_graphs : html_set_graphs;
	size_t nlist = s->host ? sizeof(html_host_graphs) / sizeof(html_host_graphs[0])
			       : sizeof(html_set_graphs) / sizeof(html_set_graphs[0]);
	const char *ext = o->png ? "png" : "svg";
	char *outdir = vsg_asprintf("%s/%s", o->out_dir, s->rel);
	struct vsg_render_opts so = *o;
	int r = 0;

	if (!outdir)
		return -ENOMEM;
	if ((r = vsg_mkdir_p(outdir)) < 0) {
		vsg_log(VS_LOG_ERR, "%s: %s", outdir, strerror(-r));
		free(outdir);
		return r;
	}
	if (cc) {
		/* Readers flush first, or they draw what the daemon has not written yet. */
		static const char *const groups[] = {"cpu",	"memory", "io",	      "tasks",
						     "network", "smaps",  "deepscan", "disk_space"};
		for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
			char *f = vsg_asprintf("%s/%s.rrd", s->dir, groups[i]);
			if (f && vsg_file_exists(f))
				vsg_rrdcc_flush(cc, f);
			free(f);
		}
	}
	if (s->end)
		so.end = s->end;
	for (int p = 0; p < VSG_P__COUNT; p++) {
		if (!o->periods[p])
			continue;
		char *page = vsg_asprintf("%s/%s.html", outdir, vsg_period_names[p]);
		char *buf = NULL, *title = vsg_asprintf("%s: %s", s->label, vsg_period_names[p]);
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		if (!page || !title || !f) {
			free(page);
			free(title);
			if (f)
				fclose(f);
			free(buf);
			free(outdir);
			return -ENOMEM;
		}
		/* Depth of rel decides the way back up. */
		char up[64] = "";
		for (const char *q = s->rel; *q; q++)
			if (*q == '/')
				strcat(up, "../");
		strcat(up, "../");
		html_head(f, title, up);
		fputs("<p>", f);
		for (int q = 0; q < VSG_P__COUNT; q++)
			if (o->periods[q])
				fprintf(f, "<a href=\"%s.html\">%s</a> ", vsg_period_names[q],
					vsg_period_names[q]);
		fputs("</p>\n", f);
		for (size_t g = 0; g < nlist; g++) {
			if (!vsg_graph_available(s->dir, list[g]))
				continue;
			char *img =
			    vsg_asprintf("%s/%s-%s.%s", outdir, list[g], vsg_period_names[p], ext);
			char *gt = vsg_asprintf("%s: %s", s->label, list[g]);
			if (img && gt &&
			    vsg_render_graph(&so, s->dir, gt, list[g], (enum vsg_period)p, img,
					     NULL) == 0) {
				(*graphs)++;
				fprintf(f,
					"<img src=\"%s-%s.%s\" alt=\"%s\" width=\"%u\" "
					"height=\"%u\">\n",
					list[g], vsg_period_names[p], ext, list[g],
					o->width ? o->width : 800, o->height ? o->height : 300);
			} else {
				(*failed)++;
			}
			free(img);
			free(gt);
		}
		r = html_finish(f, &buf, &len, page);
		free(page);
		free(title);
		if (r < 0)
			break;
	}
	free(outdir);
	return r;
}

static void html_set_free(struct html_set *s)
{
	free(s->dir);
	free(s->rel);
	free(s->label);
	free(s->xid);
}

static int html_add_set(struct html_set **sets, size_t *n, const char *dir, const char *rel,
			const char *label, bool host, time_t end)
{
	struct html_set *ns = realloc(*sets, (*n + 1) * sizeof(**sets));
	char *name = NULL;
	uint32_t xid = 0;

	if (!ns)
		return -ENOMEM;
	*sets = ns;
	ns[*n] =
	    (struct html_set){.dir = strdup(dir), .rel = strdup(rel), .host = host, .end = end};
	if (vsg_meta_read(dir, &name, &xid) == 0) {
		ns[*n].xid = vsg_asprintf("%u", xid);
		if (!label && name && *name)
			label = name;
	}
	ns[*n].label = strdup(label ? label : rel);
	free(name);
	(*n)++;
	return ns[*n - 1].dir && ns[*n - 1].rel && ns[*n - 1].label ? 0 : -ENOMEM;
}

int vsg_render_all(const struct vsg_render_opts *o)
{
	struct html_set *sets = NULL;
	size_t nsets = 0, nctx_end, narch_start;
	struct vsg_rrdcc *cc = NULL;
	unsigned graphs = 0, failed = 0;
	char **list = NULL, *buf = NULL;
	size_t nlist = 0, len = 0;
	int r, first_p = 0;
	FILE *f;

	for (first_p = 0; first_p < VSG_P__COUNT && !o->periods[first_p]; first_p++)
		;
	if (first_p == VSG_P__COUNT)
		return -EINVAL;
	if ((r = vsg_mkdir_p(o->out_dir)) < 0) {
		vsg_log(VS_LOG_ERR, "%s: %s", o->out_dir, strerror(-r));
		return r;
	}
	if (o->rrdcached && *o->rrdcached && !(cc = vsg_rrdcc_new(o->rrdcached)))
		return -EINVAL;
	char *d = vsg_asprintf("%s/host", o->rrd_dir);
	r = d ? html_add_set(&sets, &nsets, d, "host", "host", true, 0) : -ENOMEM;
	free(d);
	d = vsg_asprintf("%s/context0", o->rrd_dir);
	if (r == 0)
		r = d ? html_add_set(&sets, &nsets, d, "context0", "context 0 (rest of the host)",
				     false, 0)
		      : -ENOMEM;
	free(d);
	d = vsg_asprintf("%s/guests", o->rrd_dir);
	if (r == 0 && d && vsg_list_dirs(d, &list, &nlist) == 0) {
		for (size_t i = 0; i < nlist; i++) {
			char *gd = vsg_asprintf("%s/%s", d, list[i]);
			char *rel = vsg_asprintf("guests/%s", list[i]);
			if (r == 0)
				r = gd && rel
					? html_add_set(&sets, &nsets, gd, rel, list[i], false, 0)
					: -ENOMEM;
			free(gd);
			free(rel);
			free(list[i]);
		}
		free(list);
	}
	free(d);
	nctx_end = nsets;
	narch_start = nsets;
	if (r == 0 && o->archive_dir && vsg_list_dirs(o->archive_dir, &list, &nlist) == 0) {
		for (size_t i = 0; i < nlist; i++) {
			char *ad = vsg_asprintf("%s/%s", o->archive_dir, list[i]);
			char *rel = vsg_asprintf("archive/%s", list[i]);
			if (r == 0 && ad && rel)
				r = html_add_set(&sets, &nsets, ad, rel, NULL, false,
						 html_last_update(ad));
			free(ad);
			free(rel);
			free(list[i]);
		}
		free(list);
	}
	for (size_t i = 0; i < nsets && r == 0; i++)
		r = html_render_set(o, &sets[i], cc, &graphs, &failed);
	if (r < 0)
		goto out;

	/* index.html */
	const char *ext = o->png ? "png" : "svg";
	if (!(f = open_memstream(&buf, &len))) {
		r = -ENOMEM;
		goto out;
	}
	html_head(f, "vsmon contexts", "");
	fputs("<table>\n<tr><th>context</th><th>xid</th><th>CPU</th><th>periods</th></tr>\n", f);
	for (size_t i = 1; i < nctx_end; i++) {
		fputs("<tr><td>", f);
		html_esc(f, sets[i].label);
		fprintf(f, "</td><td>%s</td><td>", sets[i].xid ? sets[i].xid : "");
		if (vsg_graph_available(sets[i].dir, "cpu"))
			fprintf(f, "<a href=\"%s/%s.html\"><img src=\"%s/cpu-%s.%s\" alt=\"CPU of ",
				sets[i].rel, vsg_period_names[first_p], sets[i].rel,
				vsg_period_names[first_p], ext);
		if (vsg_graph_available(sets[i].dir, "cpu")) {
			html_esc(f, sets[i].label);
			fprintf(f, "\" width=\"%u\" height=\"%u\"></a>",
				(o->width ? o->width : 800) / 2, (o->height ? o->height : 300) / 2);
		}
		fputs("</td><td>", f);
		for (int p = 0; p < VSG_P__COUNT; p++)
			if (o->periods[p])
				fprintf(f, "<a href=\"%s/%s.html\">%s</a> ", sets[i].rel,
					vsg_period_names[p], vsg_period_names[p]);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	char *path = vsg_asprintf("%s/index.html", o->out_dir);
	r = path ? html_finish(f, &buf, &len, path) : -ENOMEM;
	free(path);
	buf = NULL;
	if (r < 0)
		goto out;

	/* host.html: the host's page for each period, inline. */
	if (!(f = open_memstream(&buf, &len))) {
		r = -ENOMEM;
		goto out;
	}
	html_head(f, "vsmon host", "");
	for (int p = 0; p < VSG_P__COUNT; p++) {
		if (!o->periods[p])
			continue;
		fprintf(f, "<h2><a href=\"host/%s.html\">%s</a></h2>\n", vsg_period_names[p],
			vsg_period_names[p]);
		for (size_t g = 0; g < 2; g++)
			if (vsg_graph_available(sets[0].dir, html_host_graphs[g]))
				fprintf(f,
					"<img src=\"host/%s-%s.%s\" alt=\"%s\" width=\"%u\" "
					"height=\"%u\">\n",
					html_host_graphs[g], vsg_period_names[p], ext,
					html_host_graphs[g], o->width ? o->width : 800,
					o->height ? o->height : 300);
	}
	path = vsg_asprintf("%s/host.html", o->out_dir);
	r = path ? html_finish(f, &buf, &len, path) : -ENOMEM;
	free(path);
	buf = NULL;
	if (r < 0)
		goto out;

	/* archive.html */
	if (!(f = open_memstream(&buf, &len))) {
		r = -ENOMEM;
		goto out;
	}
	html_head(f, "vsmon archive: destroyed guests", "");
	if (narch_start == nsets)
		fputs("<p>No archived guests.</p>\n", f);
	else
		fputs("<table>\n<tr><th>guest</th><th>xid</th><th>archive folder</th><th>last "
		      "update (UTC)</th><th>periods</th></tr>\n",
		      f);
	for (size_t i = narch_start; i < nsets; i++) {
		char when[32] = "";
		struct tm tm;
		if (sets[i].end && gmtime_r(&sets[i].end, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		fputs("<tr><td>", f);
		html_esc(f, sets[i].label);
		fprintf(f, "</td><td>%s</td><td>", sets[i].xid ? sets[i].xid : "");
		html_esc(f, sets[i].rel + strlen("archive/"));
		fprintf(f, "</td><td>%s</td><td>", when);
		for (int p = 0; p < VSG_P__COUNT; p++)
			if (o->periods[p])
				fprintf(f, "<a href=\"%s/%s.html\">%s</a> ", sets[i].rel,
					vsg_period_names[p], vsg_period_names[p]);
		fputs("</td></tr>\n", f);
	}
	if (narch_start != nsets)
		fputs("</table>\n", f);
	path = vsg_asprintf("%s/archive.html", o->out_dir);
	r = path ? html_finish(f, &buf, &len, path) : -ENOMEM;
	free(path);
	buf = NULL;
	vsg_log(VS_LOG_INFO, "%u graphs drawn, %u failed, %zu sets", graphs, failed, nsets);
	if (r == 0 && failed)
		r = -EIO;
out:
	for (size_t i = 0; i < nsets; i++)
		html_set_free(&sets[i]);
	free(sets);
	vsg_rrdcc_free(cc);
	return r;
}
