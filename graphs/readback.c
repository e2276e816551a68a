// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading RRD files back for graphs and reports. With rrdcached, readers flush first
 * or they draw what the daemon has not written yet. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <rrd.h>

#include "vsgraph.h"

int vsg_flush_all(const char *rrdcached)
{
	struct vsg_rrdcc *c;
	int r, status = 0;

	if (!rrdcached || !*rrdcached)
		return 0;
	if (!(c = vsg_rrdcc_new(rrdcached)))
		return -EINVAL;
	/* FLUSHALL answers when the flush has been queued; a FLUSH per file waits for it.
	 * Graphs flush file by file (vsg_flush_file), the report all at once. */
	r = vsg_rrdcc_command(c, "FLUSHALL", &status, NULL, NULL);
	vsg_rrdcc_free(c);
	if (r < 0)
		vsg_log(VS_LOG_WARNING, "rrdcached at %s: %s; reading files as they are", rrdcached,
			strerror(-r));
	return r;
}

int vsg_fetch(const char *file, const char *ds, const char *cf, time_t start, time_t end,
	      unsigned long res, double **vals, size_t *n, unsigned long *step_out)
{
	unsigned long step = res, ds_cnt = 0;
	char **names = NULL;
	rrd_value_t *data = NULL;
	time_t s = start, e = end;
	int idx = -1, r = 0;

	rrd_clear_error();
	if (rrd_fetch_r(file, cf, &s, &e, &step, &ds_cnt, &names, &data) != 0) {
		vsg_log(VS_LOG_DEBUG, "%s: fetch: %s", file, rrd_get_error());
		return -EIO;
	}
	for (unsigned long i = 0; i < ds_cnt; i++)
		if (strcmp(names[i], ds) == 0)
			idx = (int)i;
	if (idx < 0) {
		r = -ENOENT;
		goto out;
	}
	/* Rows cover (s, e]: the first is stamped s + step. Keep those within (start, end]. */
	size_t rows = step ? (size_t)((e - s) / (time_t)step) : 0, k = 0;
	double *v = malloc((rows ? rows : 1) * sizeof(double));
	if (!v) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < rows; i++) {
		time_t t = s + (time_t)((i + 1) * step);
		if (t <= start || t > end)
			continue;
		v[k++] = data[i * ds_cnt + (size_t)idx];
	}
	*vals = v;
	*n = k;
	if (step_out)
		*step_out = step;
out:
	for (unsigned long i = 0; i < ds_cnt; i++)
		free(names[i]);
	free(names);
	free(data);
	return r;
}
