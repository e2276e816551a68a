// SPDX-License-Identifier: GPL-2.0-or-later
/* RRD layout derived from the field table and the step, never written by hand
 * (collectd's rrdcreate): one file per set per metric group, one DS per stored field. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsgraph.h"

/* Applied in order to keys longer than rrdtool's 19 characters. Changing this table
 * renames data sources on disk: only ever append. */
static const char *const layout_abbrev[][2] = {
    {"pressure", "psi"},    {"throttled", "thr"},   {"charged", "chg"},	 {"others", "oth"},
    {"shared_with", "shw"}, {"mapped", "map"},	    {"template", "tpl"}, {"saved", "svd"},
    {"periods", "per"},	    {"available", "avail"},
};

static void layout_replace(char *s, size_t cap, const char *from, const char *to)
{
	char *p = strstr(s, from);
	if (!p)
		return;
	size_t fl = strlen(from), tl = strlen(to), rest = strlen(p + fl);
	if (strlen(s) - fl + tl >= cap)
		return;
	memmove(p + tl, p + fl, rest + 1);
	memcpy(p, to, tl);
}

int vsg_ds_name(enum vs_field_id f, char out[VSG_DS_NAME_MAX + 1])
{
	char buf[128];

	if ((unsigned)f >= VS_F__COUNT)
		return -EINVAL;
	snprintf(buf, sizeof(buf), "%s", vs_fields[f].key);
	if (strlen(buf) > VSG_DS_NAME_MAX)
		for (size_t i = 0; i < sizeof(layout_abbrev) / sizeof(layout_abbrev[0]); i++)
			layout_replace(buf, sizeof(buf), layout_abbrev[i][0], layout_abbrev[i][1]);
	if (strlen(buf) > VSG_DS_NAME_MAX)
		return -ENAMETOOLONG; /* a unit test keeps every field within the limit */
	memcpy(out, buf, strlen(buf) + 1);
	return 0;
}

void vsg_layout_get(enum vsg_set set, enum vs_group g, struct vsg_layout *out)
{
	unsigned want = set == VSG_SET_HOST ? VS_FF_HOST : VS_FF_CONTEXT;

	out->group = g;
	out->n = 0;
	for (int i = 0; i < VS_F__COUNT; i++) {
		const struct vs_field *f = &vs_fields[i];
		if (f->group != g || !(f->flags & want) || f->kind == VS_FK_RATE)
			continue;
		if (vsg_ds_name(f->id, out->ds[out->n].name) < 0)
			continue;
		out->ds[out->n].fid = f->id;
		out->n++;
	}
}

/* The defaults of rrd_timespans (the same as vs_config_defaults; a unit test keeps them
 * equal): 5-minute rows for at least 35 days make a month's 95th percentile exact. */
static const struct vs_rrd_timespan layout_default_spans[] = {
    {3 * 86400UL, 0}, /* the step itself */
    {40 * 86400UL, 300},
    {400 * 86400UL, 3600},
    {5 * 366 * 86400UL, 86400},
};

size_t vsg_rras(unsigned step, const struct vs_rrd_timespan *spans, size_t nspans,
		struct vsg_rra out[VSG_RRA_MAX])
{
	size_t n = 0;
	unsigned long last_pdp = 0;

	if (!spans || nspans == 0) {
		spans = layout_default_spans;
		nspans = sizeof(layout_default_spans) / sizeof(layout_default_spans[0]);
	}
	for (size_t i = 0; i < nspans; i++) {
		unsigned long res = spans[i].res_sec ? spans[i].res_sec : step;
		unsigned long pdp = (res + step - 1) / step;
		if (pdp < 1)
			pdp = 1;
		if (pdp == last_pdp && i > 0) {
			/* A step as coarse as this resolution: stretch the rows instead. */
			for (size_t k = 0; k < n; k++)
				if (out[k].pdp == pdp) {
					unsigned long rows = spans[i].span_sec / (pdp * step);
					if (rows > out[k].rows)
						out[k].rows = rows;
				}
			continue;
		}
		last_pdp = pdp;
		unsigned long rows = (spans[i].span_sec + pdp * step - 1) / (pdp * step);
		/* Steps finer than a minute keep at most 4320 rows at the step (72 minutes
		 * at 1 s): the coarser rows carry the rest, and files stay a few MB. */
		if (i == 0 && step < 60 && rows > VSG_BASE_ROWS_MAX)
			rows = VSG_BASE_ROWS_MAX;
		if (rows < 2)
			rows = 2;
		/* MIN only where rows consolidate several steps: at the step it is AVERAGE. */
		const char *cfs[] = {"AVERAGE", "MAX", "MIN"};
		size_t ncf = pdp > 1 ? 3 : 2;
		for (size_t c = 0; c < ncf && n < VSG_RRA_MAX; c++)
			out[n++] = (struct vsg_rra){cfs[c], pdp, rows};
	}
	return n;
}

char *vsg_set_dir(const char *rrd_dir, enum vsg_set set, const char *name)
{
	switch (set) {
	case VSG_SET_HOST:
		return vsg_asprintf("%s/host", rrd_dir);
	case VSG_SET_CTX0:
		return vsg_asprintf("%s/context0", rrd_dir);
	case VSG_SET_GUEST:
		return name && vs_name_valid(name) ? vsg_asprintf("%s/guests/%s", rrd_dir, name)
						   : NULL;
	}
	return NULL;
}

char *vsg_group_file(const char *dir, enum vs_group g)
{
	return vsg_asprintf("%s/%s.rrd", dir, vs_group_name(g));
}

char *vsg_ds_spec(const struct vsg_ds *ds, unsigned step)
{
	const struct vs_field *f = &vs_fields[ds->fid];
	/* Counters as DERIVE with min 0: a reset (guest restart) becomes unknown, where
	 * COUNTER would draw a wrap-around spike. */
	return vsg_asprintf("DS:%s:%s:%u:0:U", ds->name,
			    f->kind == VS_FK_COUNTER ? "DERIVE" : "GAUGE", 2 * step);
}

char *vsg_rra_spec(const struct vsg_rra *r)
{
	return vsg_asprintf("RRA:%s:0.5:%lu:%lu", r->cf, r->pdp, r->rows);
}
