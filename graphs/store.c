// SPDX-License-Identifier: GPL-2.0-or-later
/* The recorder's store: one set of RRD files per context, one update per file per
 * step, written directly with librrd or through rrdcached in one BATCH per step. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rrd.h>
#include <vsmon/rrdarchive.h>

#include "vsgraph.h"

#define STORE_BUCKETS 4096
#define STORE_PENDING_MAX                                                                          \
	200000 /* lines kept while rrdcached is away (about 25 steps of 1000 guests) */

struct store_file {
	char *path;
	time_t last;  /* last timestamp written or queued */
	bool checked; /* layout compared with the file (created or tuned) */
	size_t nds;   /* the file's data sources, in file order */
	int *fid;     /* field of each, -1 for one the table no longer has */
	bool step_warned;
};

struct store_set {
	struct store_set *next;
	char *key; /* guest name, "host" or "context0" */
	enum vsg_set set;
	char *dir;
	uint32_t xid;
	uint64_t generation;
	bool meta_done;
	struct store_file files[VS_G__COUNT];
};

struct vsg_store {
	char *rrd_dir, *archive_dir, *rrdcached;
	unsigned step;
	struct vs_rrd_timespan spans[VS_RRD_TIMESPANS_MAX];
	size_t nspans; /* 0: the defaults */
	struct vsg_rrdcc *cc;
	struct store_set *buckets[STORE_BUCKETS];
	struct vsg_layout layouts[3][VS_G__COUNT];
	struct vsg_strv pending; /* "UPDATE file t:v:..." not yet accepted by rrdcached */
	size_t retried;		 /* the first lines of pending were in a batch that broke */
	struct vsg_store_stats st;
};

static unsigned store_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % STORE_BUCKETS;
}

int vsg_store_new(const struct vsg_store_opts *o, struct vsg_store **out)
{
	struct vsg_store *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->step = o->step ? o->step : 60;
	if (o->timespans && o->ntimespans) {
		s->nspans =
		    o->ntimespans < VS_RRD_TIMESPANS_MAX ? o->ntimespans : VS_RRD_TIMESPANS_MAX;
		memcpy(s->spans, o->timespans, s->nspans * sizeof(s->spans[0]));
	}
	s->rrd_dir = strdup(o->rrd_dir);
	s->archive_dir =
	    o->archive_dir ? strdup(o->archive_dir) : vsg_asprintf("%s/archive", o->rrd_dir);
	s->rrdcached = strdup(o->rrdcached ? o->rrdcached : "");
	if (!s->rrd_dir || !s->archive_dir || !s->rrdcached)
		goto fail;
	if (*s->rrdcached && !(s->cc = vsg_rrdcc_new(s->rrdcached))) {
		vsg_log(VS_LOG_ERR, "rrdcached address '%s': expected unix:/absolute/path",
			s->rrdcached);
		vsg_store_free(s);
		return -EINVAL;
	}
	for (int set = 0; set < 3; set++)
		for (int g = 0; g < VS_G__COUNT; g++)
			vsg_layout_get((enum vsg_set)set, (enum vs_group)g, &s->layouts[set][g]);
	*out = s;
	return 0;
fail:
	vsg_store_free(s);
	return -ENOMEM;
}

static void store_set_free(struct store_set *e)
{
	for (int g = 0; g < VS_G__COUNT; g++) {
		free(e->files[g].path);
		free(e->files[g].fid);
	}
	free(e->key);
	free(e->dir);
	free(e);
}

/* What is still queued when the store goes away never reaches a file: say how much,
 * in steps and time, so the gap in the graphs is explained. */
static void store_log_lost(const struct vsg_store *s)
{
	size_t steps = 0;
	long long first = 0, last = 0, prev = -1;
	char a[32] = "?", b[32] = "?";

	for (size_t i = 0; i < s->pending.n; i++) {
		const char *sp = strrchr(s->pending.v[i], ' ');
		long long t = sp ? strtoll(sp + 1, NULL, 10) : 0;
		if (t != prev)
			steps++; /* queued step by step, in time order */
		if (i == 0 || t < first)
			first = t;
		if (t > last)
			last = t;
		prev = t;
	}
	time_t tf = (time_t)first, tl = (time_t)last;
	struct tm tm;
	if (gmtime_r(&tf, &tm))
		strftime(a, sizeof(a), "%Y-%m-%d %H:%M:%S", &tm);
	if (gmtime_r(&tl, &tm))
		strftime(b, sizeof(b), "%Y-%m-%d %H:%M:%S", &tm);
	vsg_log(VS_LOG_ERR,
		"rrdcached at %s could not be reached: %zu queued updates of %zu steps "
		"(%s to %s UTC) are LOST; the files have unknown rows there",
		s->rrdcached, s->pending.n, steps, a, b);
}

void vsg_store_free(struct vsg_store *s)
{
	if (!s)
		return;
	if (s->pending.n)
		store_log_lost(s);
	for (int i = 0; i < STORE_BUCKETS; i++)
		for (struct store_set *e = s->buckets[i], *n; e; e = n) {
			n = e->next;
			store_set_free(e);
		}
	vsg_strv_free(&s->pending);
	vsg_rrdcc_free(s->cc);
	free(s->rrd_dir);
	free(s->archive_dir);
	free(s->rrdcached);
	free(s);
}

const struct vsg_store_stats *vsg_store_stats(const struct vsg_store *s)
{
	return &s->st;
}

static struct store_set *store_set_get(struct vsg_store *s, enum vsg_set set, const char *name)
{
	const char *key = set == VSG_SET_HOST ? "host" : set == VSG_SET_CTX0 ? "context0" : name;
	char hkey[VS_NAME_MAX + 8];
	unsigned h;

	/* Guest names and the two fixed sets live in separate key spaces. */
	snprintf(hkey, sizeof(hkey), "%d:%s", (int)set, key);
	h = store_hash(hkey);
	for (struct store_set *e = s->buckets[h]; e; e = e->next)
		if (e->set == set && strcmp(e->key, key) == 0)
			return e;
	struct store_set *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->set = set;
	e->key = strdup(key);
	e->dir = vsg_set_dir(s->rrd_dir, set, name);
	if (!e->key || !e->dir) {
		store_set_free(e);
		return NULL;
	}
	for (int g = 0; g < VS_G__COUNT; g++)
		e->files[g].last = -1;
	e->next = s->buckets[h];
	s->buckets[h] = e;
	return e;
}

/* A guest's directory belongs to one guest: its name and xid are in a "meta" file. A
 * directory left by another guest of the same name (destroyed without archiving) is
 * archived first, so histories never mix. */
static int store_check_meta(struct vsg_store *s, struct store_set *e, uint32_t xid)
{
	char *old_name = NULL;
	uint32_t old_xid = 0;
	int r;

	if (e->meta_done && e->xid == xid)
		return 0;
	if (e->set == VSG_SET_GUEST && vsg_meta_read(e->dir, &old_name, &old_xid) == 0 &&
	    old_xid != xid) {
		char *dest = NULL;
		r = vs_rrd_archive_guest(s->rrd_dir, s->archive_dir, s->rrdcached, e->key, &dest);
		if (r < 0)
			vsg_log(VS_LOG_WARNING,
				"%s: belongs to xid %" PRIu32 ", not %" PRIu32
				", and could not be archived: %s",
				e->dir, old_xid, xid, strerror(-r));
		else
			vsg_log(VS_LOG_NOTICE,
				"%s: held the files of an earlier guest (xid %" PRIu32
				"); moved to %s",
				e->dir, old_xid, dest);
		free(dest);
		for (int g = 0; g < VS_G__COUNT; g++) {
			e->files[g].checked = false;
			e->files[g].last = -1;
		}
	}
	free(old_name);
	if ((r = vsg_mkdir_p(e->dir)) < 0) {
		vsg_log(VS_LOG_WARNING, "%s: cannot create: %s", e->dir, strerror(-r));
		return r;
	}
	if ((r = vsg_meta_write(e->dir, e->set == VSG_SET_GUEST ? e->key : NULL, xid)) < 0)
		vsg_log(VS_LOG_WARNING, "%s/meta: cannot write: %s", e->dir, strerror(-r));
	e->xid = xid;
	e->meta_done = true;
	return 0;
}

static bool store_group_known(const struct vsg_layout *l, const struct vs_metrics *m)
{
	for (size_t i = 0; i < l->n; i++)
		if (vs_metrics_has(m, l->ds[i].fid))
			return true;
	return false;
}

static int store_create(struct vsg_store *s, struct store_file *f, const struct vsg_layout *l,
			time_t t)
{
	struct vsg_strv args = {0};
	struct vsg_rra rras[VSG_RRA_MAX];
	size_t nr = vsg_rras(s->step, s->spans, s->nspans, rras);
	int r = 0;

	for (size_t i = 0; i < l->n && r == 0; i++) {
		char *spec = vsg_ds_spec(&l->ds[i], s->step);
		r = spec ? vsg_strv_add(&args, "%s", spec) : -ENOMEM;
		free(spec);
	}
	for (size_t i = 0; i < nr && r == 0; i++) {
		char *spec = vsg_rra_spec(&rras[i]);
		r = spec ? vsg_strv_add(&args, "%s", spec) : -ENOMEM;
		free(spec);
	}
	if (r < 0)
		goto out;
	rrd_clear_error();
	if (rrd_create_r2(f->path, s->step, t - 1, 1, NULL, NULL, (int)args.n,
			  (const char **)args.v) != 0) {
		vsg_log(VS_LOG_WARNING, "%s: cannot create: %s", f->path, rrd_get_error());
		r = -EIO;
		goto out;
	}
	free(f->fid);
	f->fid = calloc(l->n ? l->n : 1, sizeof(int));
	if (!f->fid) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < l->n; i++)
		f->fid[i] = (int)l->ds[i].fid;
	f->nds = l->n;
	f->last = t - 1;
	f->checked = true;
	s->st.created++;
out:
	vsg_strv_free(&args);
	return r;
}

/* Compare the file with the layout and apply the differences as `rrdtool tune` does:
 * new data sources (DS:), new archives (RRA:) and longer archives (RRA#i:=rows);
 * history is never deleted. A DS the table lost is kept and fed unknown. */
static int store_check_file(struct vsg_store *s, struct store_file *f, const struct vsg_layout *l)
{
	rrd_info_t *info, *i;
	struct vsg_strv tune = {0};
	struct vsg_rra want[VSG_RRA_MAX];
	size_t nwant = vsg_rras(s->step, s->spans, s->nspans, want);
	struct {
		char cf[16];
		unsigned long pdp, rows;
	} have[64];
	size_t nhave = 0, nds = 0;
	char names[VS_F__COUNT * 2][VSG_DS_NAME_MAX + 1];
	unsigned long fstep = 0;
	time_t last = -1;
	int r = 0;

	rrd_clear_error();
	info = rrd_info_r(f->path);
	if (!info) {
		vsg_log(VS_LOG_WARNING, "%s: cannot read its header: %s", f->path, rrd_get_error());
		return -EIO;
	}
	memset(have, 0, sizeof(have));
	for (i = info; i; i = i->next) {
		unsigned idx;
		char name[VSG_DS_NAME_MAX + 1], key[32];
		if (strcmp(i->key, "step") == 0)
			fstep = i->value.u_cnt;
		else if (strcmp(i->key, "last_update") == 0)
			last = (time_t)i->value.u_cnt;
		else if (sscanf(i->key, "ds[%19[^]]].%31s", name, key) == 2 &&
			 strcmp(key, "index") == 0 && i->value.u_cnt < VS_F__COUNT * 2) {
			snprintf(names[i->value.u_cnt], sizeof(names[0]), "%s", name);
			if (i->value.u_cnt + 1 > nds)
				nds = i->value.u_cnt + 1;
		} else if (sscanf(i->key, "rra[%u].%31s", &idx, key) == 2 && idx < 64) {
			if (idx + 1 > nhave)
				nhave = idx + 1;
			if (strcmp(key, "cf") == 0)
				snprintf(have[idx].cf, sizeof(have[idx].cf), "%s", i->value.u_str);
			else if (strcmp(key, "pdp_per_row") == 0)
				have[idx].pdp = i->value.u_cnt;
			else if (strcmp(key, "rows") == 0)
				have[idx].rows = i->value.u_cnt;
		}
	}
	rrd_info_free(info);
	if (fstep != s->step && !f->step_warned) {
		vsg_log(VS_LOG_WARNING,
			"%s: step %lu s, rrd_step is %u s: keeping the file's step "
			"(history at another step needs a new file)",
			f->path, fstep, s->step);
		f->step_warned = true;
	}
	for (size_t k = 0; k < l->n && r == 0; k++) {
		bool found = false;
		for (size_t j = 0; j < nds; j++)
			found |= strcmp(names[j], l->ds[k].name) == 0;
		if (!found) {
			char *spec = vsg_ds_spec(&l->ds[k], (unsigned)fstep);
			r = spec ? vsg_strv_add(&tune, "%s", spec) : -ENOMEM;
			free(spec);
		}
	}
	for (size_t k = 0; k < nwant && r == 0 && fstep == s->step; k++) {
		size_t j;
		for (j = 0; j < nhave; j++)
			if (strcmp(have[j].cf, want[k].cf) == 0 && have[j].pdp == want[k].pdp)
				break;
		if (j == nhave) {
			char *spec = vsg_rra_spec(&want[k]);
			r = spec ? vsg_strv_add(&tune, "%s", spec) : -ENOMEM;
			free(spec);
		} else if (have[j].rows < want[k].rows) {
			r = vsg_strv_add(&tune, "RRA#%zu:=%lu", j, want[k].rows);
		}
	}
	if (r < 0)
		goto out;
	if (tune.n > 0) {
		struct vsg_strv argv = {0};
		r = vsg_strv_add(&argv, "tune");
		if (r == 0)
			r = vsg_strv_add(&argv, "%s", f->path);
		for (size_t k = 0; k < tune.n && r == 0; k++)
			r = vsg_strv_add(&argv, "%s", tune.v[k]);
		if (r == 0) {
			rrd_clear_error();
			if (rrd_tune((int)argv.n, argv.v) != 0) {
				vsg_log(VS_LOG_WARNING,
					"%s: cannot apply the new layout (%s ...): %s", f->path,
					tune.v[0], rrd_get_error());
				r = -EIO;
			} else {
				vsg_log(VS_LOG_NOTICE, "%s: layout updated (%zu changes, first %s)",
					f->path, tune.n, tune.v[0]);
				s->st.tuned++;
			}
		}
		vsg_strv_free(&argv);
		if (r < 0)
			goto out;
		vsg_strv_free(&tune);
		return store_check_file(s, f, l); /* read the new DS order back */
	}
	free(f->fid);
	f->fid = calloc(nds ? nds : 1, sizeof(int));
	if (!f->fid) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t j = 0; j < nds; j++) {
		f->fid[j] = -1;
		for (size_t k = 0; k < l->n; k++)
			if (strcmp(names[j], l->ds[k].name) == 0)
				f->fid[j] = (int)l->ds[k].fid;
	}
	f->nds = nds;
	if (last > f->last)
		f->last = last;
	f->checked = true;
out:
	vsg_strv_free(&tune);
	return r;
}

/* "t:v:v:..." in the file's DS order; counters unknown across a restart. */
static char *store_values(const struct store_file *f, const struct vs_metrics *m, time_t t,
			  bool reset)
{
	size_t cap = 32 + f->nds * 24, off;
	char *buf = malloc(cap);

	if (!buf)
		return NULL;
	off = (size_t)snprintf(buf, cap, "%lld", (long long)t);
	for (size_t i = 0; i < f->nds; i++) {
		int fid = f->fid[i];
		const struct vs_field *fd = fid >= 0 ? &vs_fields[fid] : NULL;
		if (!fd || !vs_metrics_has(m, (enum vs_field_id)fid) ||
		    (reset && fd->kind == VS_FK_COUNTER))
			off += (size_t)snprintf(buf + off, cap - off, ":U");
		else if (fd->type == VS_FT_U64)
			off += (size_t)snprintf(buf + off, cap - off, ":%" PRIu64, m->v[fid].u64);
		else if (isfinite(m->v[fid].f64))
			off += (size_t)snprintf(buf + off, cap - off, ":%.10g", m->v[fid].f64);
		else
			off += (size_t)snprintf(buf + off, cap - off, ":U");
	}
	return buf;
}

static int store_write_direct(struct vsg_store *s, struct store_file *f, const char *vals, time_t t)
{
	const char *argv[1] = {vals};

	rrd_clear_error();
	if (rrd_update_r(f->path, NULL, 1, argv) != 0) {
		/* A full disk or an unwritable file: this file only; the others go on. */
		vsg_log(VS_LOG_WARNING, "%s: update at %lld failed: %s", f->path, (long long)t,
			rrd_get_error());
		s->st.errors++;
		return -EIO;
	}
	f->last = t;
	s->st.updates++;
	return 0;
}

static int store_record_set(struct vsg_store *s, enum vsg_set set, const char *name, uint32_t xid,
			    uint64_t generation, const struct vs_metrics *m, time_t t)
{
	struct store_set *e = store_set_get(s, set, name);
	bool reset;
	int r, written = 0;

	if (!e)
		return -ENOMEM;
	if ((r = store_check_meta(s, e, xid)) < 0)
		return r;
	/* A new generation is a restart: its counters start again from zero. */
	reset = generation && e->generation && generation != e->generation;
	if (generation)
		e->generation = generation;
	for (int g = 0; g < VS_G__COUNT; g++) {
		const struct vsg_layout *l = &s->layouts[set][g];
		struct store_file *f = &e->files[g];
		if (l->n == 0)
			continue;
		if (!f->path && !(f->path = vsg_group_file(e->dir, (enum vs_group)g)))
			return -ENOMEM;
		if (!f->checked) {
			/* A group without a value needs no file yet (and no stat each step). */
			if (!store_group_known(l, m))
				continue;
			bool exists = vsg_file_exists(f->path);
			if (exists && s->cc) {
				/* The daemon may hold updates the header does not show yet. */
				int fr = vsg_rrdcc_flush(s->cc, f->path);
				if (fr < 0 && fr != -ENOENT && fr != -EIO)
					vsg_log(VS_LOG_DEBUG, "%s: flush before reading: %s",
						f->path, strerror(-fr));
			}
			r = exists ? store_check_file(s, f, l) : store_create(s, f, l, t);
			if (r < 0) {
				s->st.errors++;
				continue;
			}
		}
		if (t <= f->last) {
			vsg_log(VS_LOG_WARNING,
				"%s: timestamp %lld is not after the last update "
				"%lld: skipped",
				f->path, (long long)t, (long long)f->last);
			s->st.warnings++;
			continue;
		}
		char *vals = store_values(f, m, t, reset);
		if (!vals)
			return -ENOMEM;
		if (s->cc) {
			r = vsg_strv_add(&s->pending, "UPDATE %s %s", f->path, vals);
			if (r == 0) {
				f->last = t;
				written++;
			}
		} else if (store_write_direct(s, f, vals, t) == 0) {
			written++;
		}
		free(vals);
		if (r == -ENOMEM)
			return r;
	}
	return written;
}

static char *store_line_file(const char *line, char *buf, size_t cap)
{
	const char *p = strchr(line, ' '), *q = p ? strchr(p + 1, ' ') : NULL;
	size_t n = q ? (size_t)(q - p - 1) : 0;
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, p ? p + 1 : "", n);
	buf[n] = '\0';
	return buf;
}

/* Send the queue in one BATCH; on a broken connection reconnect and resend, keeping the
 * values until the daemon has answered. */
static int store_send_pending(struct vsg_store *s)
{
	static const unsigned delays_ms[] = {0, 100, 500, 1500};
	char **errs;
	int r = -EIO;

	if (s->pending.n == 0)
		return 0;
	if (s->pending.n > STORE_PENDING_MAX) {
		size_t drop = s->pending.n - STORE_PENDING_MAX;
		vsg_log(VS_LOG_ERR, "rrdcached away too long: dropping the %zu oldest updates",
			drop);
		for (size_t i = 0; i < drop; i++)
			free(s->pending.v[i]);
		memmove(s->pending.v, s->pending.v + drop,
			(s->pending.n - drop + 1) * sizeof(char *));
		s->pending.n -= drop;
		s->st.errors += drop;
		s->retried = s->retried > drop ? s->retried - drop : 0;
	}
	errs = calloc(s->pending.n, sizeof(*errs));
	if (!errs)
		return -ENOMEM;
	for (size_t a = 0; a < sizeof(delays_ms) / sizeof(delays_ms[0]); a++) {
		if (delays_ms[a])
			usleep(delays_ms[a] * 1000);
		r = vsg_rrdcc_batch(s->cc, s->pending.v, s->pending.n, errs);
		if (r == 0)
			break;
		/* What the broken batch delivered comes back as "already there" errors. */
		s->retried = s->pending.n;
	}
	if (r < 0) {
		vsg_log(VS_LOG_ERR, "rrdcached at %s: %s; %zu updates kept for the next step",
			s->rrdcached, strerror(-r), s->pending.n);
		free(errs);
		s->st.pending = s->pending.n;
		return -EIO;
	}
	s->st.batches++;
	for (size_t i = 0; i < s->pending.n; i++) {
		char file[4096];
		if (!errs[i]) {
			s->st.updates++;
			continue;
		}
		bool dup = strstr(errs[i], "illegal attempt to update") != NULL;
		if (dup && i < s->retried) {
			s->st.updates++; /* it landed before the connection broke */
		} else {
			vsg_log(VS_LOG_WARNING, "%s: %s",
				store_line_file(s->pending.v[i], file, sizeof(file)), errs[i]);
			if (dup)
				s->st.warnings++;
			else
				s->st.errors++;
		}
		free(errs[i]);
	}
	free(errs);
	vsg_strv_free(&s->pending);
	s->retried = 0;
	s->st.pending = 0;
	return 0;
}

int vsg_store_record(struct vsg_store *s, const struct vsg_sample *smp)
{
	unsigned long errors_before = s->st.errors;
	int total = 0, r;

	if (smp->host) {
		r = store_record_set(s, VSG_SET_HOST, NULL, 0, 0, smp->host, smp->t);
		if (r == -ENOMEM)
			return r;
		total += r > 0 ? r : 0;
	}
	for (size_t i = 0; i < smp->n; i++) {
		const struct vsg_ctx_sample *c = &smp->ctx[i];
		enum vsg_set set = c->xid == 0 ? VSG_SET_CTX0 : VSG_SET_GUEST;
		/* A stopped guest gets no update: its rows stay unknown, never zero. */
		if (set == VSG_SET_GUEST &&
		    (c->state == VS_STATE_STOPPED || c->state == VS_STATE_UNKNOWN))
			continue;
		if (set == VSG_SET_GUEST && (!c->name || !vs_name_valid(c->name))) {
			vsg_log(VS_LOG_WARNING, "context %" PRIu32 ": no valid name, not recorded",
				c->xid);
			continue;
		}
		r = store_record_set(s, set, c->name, c->xid, c->generation, c->m, smp->t);
		if (r == -ENOMEM)
			return r;
		total += r > 0 ? r : 0;
	}
	if (s->cc)
		return store_send_pending(s);
	/* Warnings (a duplicate step) are not failures; only files that failed are. */
	return total == 0 && s->st.errors > errors_before ? -EIO : 0;
}

int vsg_store_flush(struct vsg_store *s)
{
	int r, status = 0;

	if (!s->cc)
		return 0;
	if ((r = store_send_pending(s)) < 0)
		return r;
	/* FLUSHALL only starts the writes; rrdcached's journal already holds the values. */
	r = vsg_rrdcc_command(s->cc, "FLUSHALL", &status, NULL, NULL);
	return r < 0 ? r : status < 0 ? -EIO : 0;
}
