// SPDX-License-Identifier: GPL-2.0-or-later
/* Batch output: JSON Lines (jansson), CSV and a text table, all from the field table. */
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <vsmon/vsmon.h>

int vs_output_format_parse(const char *s, enum vs_output_format *out)
{
	if (strcmp(s, "text") == 0)
		*out = VS_OUT_TEXT;
	else if (strcmp(s, "json") == 0)
		*out = VS_OUT_JSON;
	else if (strcmp(s, "csv") == 0)
		*out = VS_OUT_CSV;
	else
		return -EINVAL;
	return 0;
}

static json_t *output_value(const struct vs_field *f, const struct vs_metrics *m)
{
	if (!vs_metrics_has(m, f->id))
		return json_null();
	if (f->type == VS_FT_U64)
		return json_integer((json_int_t)m->v[f->id].u64);
	/* Three decimals are more than any rate here means; avoids 49.99999999998. */
	return json_real(round(m->v[f->id].f64 * 1000) / 1000);
}

static json_t *output_warnings(unsigned w)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
	    {VS_W_BLKIO_OFF, "blkio_accounting_off"},
	    {VS_W_PERMISSION, "permission_denied"},
	    {VS_W_DEEP_UNAVAILABLE, "deep_scan_unavailable"},
	    {VS_W_VANISHED, "cgroup_vanished"},
	    {VS_W_READ_ERROR, "read_error"},
	    {VS_W_NO_PSI, "no_pressure"},
	};
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (w & names[i].bit)
			json_array_append_new(a, json_string(names[i].name));
	return a;
}

static json_t *output_context_json(const struct vs_context *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "xid", json_integer(c->xid));
	json_object_set_new(o, "name", json_string(c->name));
	json_object_set_new(o, "state", json_string(vs_state_name(c->state)));
	json_object_set_new(o, "template",
			    c->template_name[0] ? json_string(c->template_name) : json_null());
	json_object_set_new(o, "init_pid", c->init_pid ? json_integer(c->init_pid) : json_null());
	json_object_set_new(o, "start_time",
			    c->start_time > 0 ? json_real(c->start_time) : json_null());
	json_object_set_new(o, "cgroup",
			    c->cgroup_path ? json_string(c->cgroup_path) : json_null());
	for (int i = 0; i < VS_F__COUNT; i++)
		if (vs_fields[i].flags & VS_FF_CONTEXT)
			json_object_set_new(o, vs_fields[i].key,
					    output_value(&vs_fields[i], &c->m));
	json_object_set_new(o, "warnings", output_warnings(c->warnings));
	return o;
}

static int output_json(FILE *f, const struct vs_snapshot *s)
{
	json_t *root = json_object(), *host = json_object(), *ctxs = json_array(),
	       *adds = json_object();
	const struct vs_host *h = vs_snapshot_host(s);
	char *text;
	int r = 0;

	json_object_set_new(root, "schema_version", json_integer(VSMON_SCHEMA_VERSION));
	json_object_set_new(root, "time", json_real(round(vs_snapshot_time(s) * 1000) / 1000));
	json_object_set_new(root, "interval_sec",
			    json_real(round(vs_snapshot_interval(s) * 1000) / 1000));
	double deep = vs_snapshot_deep_scan_time(s);
	json_object_set_new(root, "deep_scan_age_sec",
			    deep > 0 ? json_real(round((vs_snapshot_time(s) - deep) * 1000) / 1000)
				     : json_null());
	json_object_set_new(root, "cgroup_mode",
			    json_string(vs_cgroup_mode_name(vs_snapshot_mode(s))));
	json_object_set_new(host, "hostname", json_string(h->hostname));
	for (int i = 0; i < VS_F__COUNT; i++)
		if (vs_fields[i].flags & VS_FF_HOST)
			json_object_set_new(host, vs_fields[i].key,
					    output_value(&vs_fields[i], &h->m));
	json_object_set_new(host, "contexts_running",
			    json_integer((json_int_t)vs_snapshot_running(s)));
	json_object_set_new(host, "contexts_defined",
			    json_integer((json_int_t)vs_snapshot_defined(s)));
	static const enum vs_group sum_groups[] = {VS_G_CPU, VS_G_MEM, VS_G_IO, VS_G_TASKS};
	for (size_t i = 0; i < sizeof(sum_groups) / sizeof(sum_groups[0]); i++)
		json_object_set_new(adds, vs_group_name(sum_groups[i]),
				    json_boolean(vs_snapshot_adds_up(s, sum_groups[i])));
	json_object_set_new(root, "host", host);
	json_object_set_new(root, "adds_up", adds);
	json_object_set_new(root, "warnings", output_warnings(vs_snapshot_warnings(s)));
	for (size_t i = 0; i < vs_snapshot_count(s); i++)
		json_array_append_new(ctxs, output_context_json(vs_snapshot_at(s, i)));
	json_object_set_new(root, "contexts", ctxs);
	text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(root);
	if (!text)
		return -ENOMEM;
	if (fprintf(f, "%s\n", text) < 0)
		r = -EIO;
	free(text);
	return r;
}

/* RFC 4180: quote a field that has a comma, quote or newline. */
static void output_csv_str(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void output_csv_row(FILE *f, double t, const char *kind, const char *xid, const char *name,
			   const char *state, const struct vs_metrics *m, unsigned flag)
{
	char buf[64];
	fprintf(f, "%.3f,%s,%s,", t, kind, xid);
	output_csv_str(f, name);
	fprintf(f, ",%s", state);
	for (int i = 0; i < VS_F__COUNT; i++) {
		if (!(vs_fields[i].flags & (VS_FF_CONTEXT | VS_FF_HOST)))
			continue;
		if (!(vs_fields[i].flags & flag) || !vs_metrics_has(m, (enum vs_field_id)i)) {
			fputc(',', f);
			continue;
		}
		vs_format_value(buf, sizeof(buf), &vs_fields[i], m, 0);
		fprintf(f, ",%s", buf);
	}
	fputc('\n', f);
}

static int output_csv(FILE *f, const struct vs_snapshot *s, int first)
{
	double t = vs_snapshot_time(s);
	char xid[16];
	if (first) {
		fputs("time,kind,xid,name,state", f);
		for (int i = 0; i < VS_F__COUNT; i++)
			if (vs_fields[i].flags & (VS_FF_CONTEXT | VS_FF_HOST))
				fprintf(f, ",%s", vs_fields[i].key);
		fputc('\n', f);
	}
	output_csv_row(f, t, "host", "", vs_snapshot_host(s)->hostname, "running",
		       &vs_snapshot_host(s)->m, VS_FF_HOST);
	for (size_t i = 0; i < vs_snapshot_count(s); i++) {
		const struct vs_context *c = vs_snapshot_at(s, i);
		snprintf(xid, sizeof(xid), "%u", c->xid);
		output_csv_row(f, t, "context", xid, c->name, vs_state_name(c->state), &c->m,
			       VS_FF_CONTEXT);
	}
	return ferror(f) ? -EIO : 0;
}

static int output_text(FILE *f, const struct vs_snapshot *s)
{
	const struct vs_host *h = vs_snapshot_host(s);
	char a[32], b[32], c[32];

	vs_format_value(a, sizeof(a), vs_field(VS_F_CPU_PCT), &h->m, 1);
	vs_format_value(b, sizeof(b), vs_field(VS_F_MEM_USED_BYTES), &h->m, 1);
	vs_format_value(c, sizeof(c), vs_field(VS_F_MEM_TOTAL_BYTES), &h->m, 1);
	fprintf(f, "%s  cgroup %s  cpu %s%%  mem %s/%s  contexts %zu running, %zu defined%s%s\n",
		h->hostname, vs_cgroup_mode_name(vs_snapshot_mode(s)), a, b, c,
		vs_snapshot_running(s), vs_snapshot_defined(s),
		vs_snapshot_adds_up(s, VS_G_CPU) && vs_snapshot_adds_up(s, VS_G_MEM)
		    ? "  (contexts add up to the host)"
		    : "  (contexts do NOT add up to the host)",
		vs_snapshot_warnings(s) & VS_W_BLKIO_OFF ? "  [blkio accounting off]" : "");
	fprintf(f, "%6s %-16s %-8s", "XID", "NAME", "STATE");
	for (int i = 0; i < VS_F__COUNT; i++)
		if (vs_fields[i].flags & VS_FF_DEFAULT)
			fprintf(f, " %*s", (int)vs_fields[i].width, vs_fields[i].title);
	fputc('\n', f);
	for (size_t i = 0; i < vs_snapshot_count(s); i++) {
		const struct vs_context *x = vs_snapshot_at(s, i);
		fprintf(f, "%6u %-16s %-8s", x->xid, x->name, vs_state_name(x->state));
		for (int k = 0; k < VS_F__COUNT; k++) {
			if (!(vs_fields[k].flags & VS_FF_DEFAULT))
				continue;
			vs_format_value(a, sizeof(a), &vs_fields[k], &x->m, 1);
			fprintf(f, " %*s", (int)vs_fields[k].width, a);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	return ferror(f) ? -EIO : 0;
}

unsigned vs_output_groups(enum vs_output_format fmt)
{
	/* The header line's host CPU and memory, then the default columns. */
	unsigned g = (1u << VS_G_CPU) | (1u << VS_G_MEM);
	if (fmt != VS_OUT_TEXT)
		return 0;
	for (int i = 0; i < VS_F__COUNT; i++)
		if (vs_fields[i].flags & VS_FF_DEFAULT)
			g |= 1u << vs_fields[i].group;
	return g;
}

int vs_output_snapshot(FILE *f, const struct vs_snapshot *s, enum vs_output_format fmt, int first)
{
	int r;
	switch (fmt) {
	case VS_OUT_JSON:
		r = output_json(f, s);
		break;
	case VS_OUT_CSV:
		r = output_csv(f, s, first);
		break;
	default:
		r = output_text(f, s);
		break;
	}
	if (r == 0 && fflush(f) != 0)
		r = -errno;
	return r;
}
