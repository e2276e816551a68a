// SPDX-License-Identifier: GPL-2.0-or-later
/* `vsgraph import FILE`: replays batch output (vstop -b -o json, one JSON object per
 * line) into the RRD files, as `record` would have written it at each line's time.
 * Tests use it to write known values at fixed timestamps. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vsgraph.h"

static void import_metrics(json_t *obj, struct vs_metrics *m)
{
	memset(m, 0, sizeof(*m));
	for (int i = 0; i < VS_F__COUNT; i++) {
		const struct vs_field *f = &vs_fields[i];
		json_t *v = json_object_get(obj, f->key);
		if (!v || !json_is_number(v))
			continue; /* null: unknown */
		if (f->type == VS_FT_U64) {
			double d = json_number_value(v);
			if (json_is_integer(v) && json_integer_value(v) >= 0)
				vs_metrics_set_u64(m, f->id, (uint64_t)json_integer_value(v));
			else if (d >= 0 && d < 1.8e19)
				vs_metrics_set_u64(m, f->id, (uint64_t)d);
		} else {
			vs_metrics_set_f64(m, f->id, json_number_value(v));
		}
	}
}

static enum vs_ctx_state import_state(const char *s)
{
	static const enum vs_ctx_state all[] = {VS_STATE_RUNNING, VS_STATE_STOPPED,
						VS_STATE_STARTING, VS_STATE_STOPPING,
						VS_STATE_BROKEN};
	for (size_t i = 0; s && i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(vs_state_name(all[i]), s) == 0)
			return all[i];
	return VS_STATE_UNKNOWN;
}

int vsg_import(struct vsg_store *st, unsigned step, FILE *in, const char *fname)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0, bad = 0, steps = 0;
	int r = 0;

	while (getline(&line, &cap, in) > 0) {
		json_error_t err;
		json_t *root, *ctxs, *host;
		struct vs_metrics hm, *cm = NULL;
		struct vsg_ctx_sample *cs = NULL;
		struct vsg_sample smp = {0};
		size_t n;

		lineno++;
		if (line[0] == '\n' || line[0] == '#')
			continue;
		root = json_loads(line, 0, &err);
		double t = root ? json_number_value(json_object_get(root, "time")) : 0;
		if (!root || !json_is_object(root) || !(t > 0)) {
			fprintf(stderr,
				"vsgraph: %s:%lu: expected a batch-output JSON object with "
				"\"time\"%s%s\n",
				fname, lineno, root ? "" : ": ", root ? "" : err.text);
			json_decref(root);
			bad++;
			continue;
		}
		ctxs = json_object_get(root, "contexts");
		host = json_object_get(root, "host");
		n = json_is_array(ctxs) ? json_array_size(ctxs) : 0;
		cm = calloc(n ? n : 1, sizeof(*cm));
		cs = calloc(n ? n : 1, sizeof(*cs));
		if (!cm || !cs) {
			free(cm);
			free(cs);
			json_decref(root);
			r = -ENOMEM;
			break;
		}
		for (size_t i = 0; i < n; i++) {
			json_t *c = json_array_get(ctxs, i);
			json_t *g = json_object_get(c, "generation");
			import_metrics(c, &cm[i]);
			cs[i].name = json_string_value(json_object_get(c, "name"));
			cs[i].xid = (uint32_t)json_integer_value(json_object_get(c, "xid"));
			cs[i].state = import_state(json_string_value(json_object_get(c, "state")));
			cs[i].generation = json_is_integer(g) ? (uint64_t)json_integer_value(g) : 0;
			cs[i].m = &cm[i];
			if (cs[i].xid == 0)
				cs[i].name = NULL;
		}
		if (json_is_object(host)) {
			import_metrics(host, &hm);
			smp.host = &hm;
		}
		/* The step boundary the sample belongs to, as `record` stamps it. */
		smp.t = (time_t)(floor(t / step) * step);
		smp.ctx = cs;
		smp.n = n;
		r = vsg_store_record(st, &smp);
		steps++;
		free(cm);
		free(cs);
		json_decref(root);
		if (r == -ENOMEM)
			break;
	}
	free(line);
	if (r == -ENOMEM)
		return r;
	if (ferror(in))
		return -EIO;
	vsg_log(VS_LOG_INFO, "%s: %lu samples imported, %lu lines rejected", fname, steps, bad);
	return bad ? -EINVAL : 0;
}
