// SPDX-License-Identifier: GPL-2.0-or-later
/* `vsgraph report --month YYYY-MM`: per context, the month's average, maximum and 95th
 * percentile of CPU, memory and disk, for planners' spreadsheets. The percentile is
 * over the 5-minute averages (kept 40 days, so a month is exact); the maximum is the
 * 5-minute MAX archive (the highest single step). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "vsgraph.h"

static const struct {
	const char *key; /* report column stem */
	const char *group, *ds;
	double scale;
} report_cols[] = {
    {"cpu_pct", "cpu", "cpu_usage_usec", 1e-4}, /* usec/s -> percent of one CPU */
    {"mem_current_bytes", "memory", "mem_current_bytes", 1},
    {"io_read_bytes_per_sec", "io", "io_read_bytes", 1},
    {"io_write_bytes_per_sec", "io", "io_write_bytes", 1},
    {"disk_upper_bytes", "disk_space", "disk_upper_bytes", 1},
};
#define REPORT_NCOLS (sizeof(report_cols) / sizeof(report_cols[0]))

struct report_row {
	char *name;
	long long xid; /* -1 unknown */
	bool archived;
	double v[REPORT_NCOLS][3]; /* avg, max, p95 */
};

static void report_stats(const char *dir, size_t col, time_t start, time_t end, double out[3])
{
	char *file = vsg_asprintf("%s/%s.rrd", dir, report_cols[col].group);
	double *v = NULL, sum = 0;
	size_t n = 0, k = 0;
	unsigned long step = 0;

	out[0] = out[1] = out[2] = NAN;
	if (!file || !vsg_file_exists(file))
		goto out;
	if (vsg_fetch(file, report_cols[col].ds, "AVERAGE", start, end, 300, &v, &n, &step) == 0) {
		for (size_t i = 0; i < n; i++)
			if (!isnan(v[i])) {
				v[i] *= report_cols[col].scale;
				sum += v[i];
				k++;
			}
		if (k)
			out[0] = sum / (double)k;
		out[2] = vsg_percentile(v, n, 95);
	}
	free(v);
	v = NULL;
	if (vsg_fetch(file, report_cols[col].ds, "MAX", start, end, 300, &v, &n, &step) == 0) {
		for (size_t i = 0; i < n; i++)
			if (!isnan(v[i]) &&
			    (isnan(out[1]) || v[i] * report_cols[col].scale > out[1]))
				out[1] = v[i] * report_cols[col].scale;
	}
out:
	free(v);
	free(file);
}

static int report_add(struct report_row **rows, size_t *n, const char *dir, const char *label,
		      bool archived, time_t start, time_t end)
{
	struct report_row *nr = realloc(*rows, (*n + 1) * sizeof(**rows));
	struct report_row *r;
	char *name = NULL;
	uint32_t xid;
	bool any = false;

	if (!nr)
		return -ENOMEM;
	*rows = nr;
	r = &nr[*n];
	memset(r, 0, sizeof(*r));
	r->xid = -1;
	if (vsg_meta_read(dir, &name, &xid) == 0) {
		r->xid = xid;
		if (!label && name && *name)
			label = name;
	}
	r->name = strdup(label ? label : "?");
	free(name);
	r->archived = archived;
	for (size_t c = 0; c < REPORT_NCOLS; c++) {
		report_stats(dir, c, start, end, r->v[c]);
		any |= !isnan(r->v[c][0]);
	}
	if (!r->name)
		return -ENOMEM;
	/* An archived guest that had no data this month is left out. */
	if (archived && !any) {
		free(r->name);
		return 0;
	}
	(*n)++;
	return 0;
}

static json_t *report_num(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

int vsg_report(const char *rrd_dir, const char *archive_dir, const char *rrdcached, int year,
	       int month, enum vs_output_format fmt, FILE *out)
{
	struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = 1};
	time_t start = timegm(&tm), end;
	struct report_row *rows = NULL;
	size_t n = 0;
	char **list = NULL, *d;
	size_t nl = 0;
	int r = 0;

	tm = (struct tm){.tm_year = month == 12 ? year - 1900 + 1 : year - 1900,
			 .tm_mon = month == 12 ? 0 : month,
			 .tm_mday = 1};
	end = timegm(&tm);
	vsg_flush_all(rrdcached);
	d = vsg_asprintf("%s/context0", rrd_dir);
	r = d ? report_add(&rows, &n, d, "context0", false, start, end) : -ENOMEM;
	free(d);
	d = vsg_asprintf("%s/guests", rrd_dir);
	if (r == 0 && d && vsg_list_dirs(d, &list, &nl) == 0) {
		for (size_t i = 0; i < nl; i++) {
			char *gd = vsg_asprintf("%s/%s", d, list[i]);
			if (r == 0)
				r = gd ? report_add(&rows, &n, gd, list[i], false, start, end)
				       : -ENOMEM;
			free(gd);
			free(list[i]);
		}
		free(list);
	}
	free(d);
	d = strdup(archive_dir);
	if (r == 0 && d && vsg_list_dirs(d, &list, &nl) == 0) {
		for (size_t i = 0; i < nl; i++) {
			char *ad = vsg_asprintf("%s/%s", d, list[i]);
			if (r == 0)
				r = ad ? report_add(&rows, &n, ad, NULL, true, start, end)
				       : -ENOMEM;
			free(ad);
			free(list[i]);
		}
		free(list);
	}
	free(d);
	if (r < 0)
		goto out;

	char mon[8];
	snprintf(mon, sizeof(mon), "%04d-%02d", year, month);
	if (fmt == VS_OUT_JSON) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "month", json_string(mon));
		json_object_set_new(root, "start", json_integer(start));
		json_object_set_new(root, "end", json_integer(end));
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "name", json_string(rows[i].name));
			json_object_set_new(
			    o, "xid", rows[i].xid >= 0 ? json_integer(rows[i].xid) : json_null());
			json_object_set_new(o, "archived", json_boolean(rows[i].archived));
			for (size_t c = 0; c < REPORT_NCOLS; c++) {
				json_t *s = json_object();
				json_object_set_new(s, "avg", report_num(rows[i].v[c][0]));
				json_object_set_new(s, "max", report_num(rows[i].v[c][1]));
				json_object_set_new(s, "p95", report_num(rows[i].v[c][2]));
				json_object_set_new(o, report_cols[c].key, s);
			}
			json_array_append_new(arr, o);
		}
		json_object_set_new(root, "contexts", arr);
		if (json_dumpf(root, out, JSON_COMPACT | JSON_REAL_PRECISION(10)) < 0)
			r = -EIO;
		fputc('\n', out);
		json_decref(root);
	} else {
		bool csv = fmt == VS_OUT_CSV;
		fprintf(out, csv ? "month,name,xid,archived" : "%-7s %-16s %10s", "month", "name",
			"xid");
		for (size_t c = 0; c < REPORT_NCOLS; c++)
			fprintf(out, csv ? ",%s_avg,%s_max,%s_p95" : " %s_avg %s_max %s_p95",
				report_cols[c].key, report_cols[c].key, report_cols[c].key);
		fputc('\n', out);
		for (size_t i = 0; i < n; i++) {
			if (csv)
				fprintf(out, "%s,%s,", mon, rows[i].name);
			else
				fprintf(out, "%-7s %-16s ", mon, rows[i].name);
			if (rows[i].xid >= 0)
				fprintf(out, csv ? "%lld" : "%10lld", rows[i].xid);
			else if (!csv)
				fprintf(out, "%10s", "-");
			if (csv)
				fprintf(out, ",%s", rows[i].archived ? "yes" : "no");
			for (size_t c = 0; c < REPORT_NCOLS; c++)
				for (int k = 0; k < 3; k++) {
					double v = rows[i].v[c][k];
					/* Unknown is an empty CSV cell (or "-" in text), never 0.
					 */
					if (isnan(v))
						fputs(csv ? "," : " -", out);
					else
						fprintf(out, csv ? ",%.6g" : " %.6g", v);
				}
			fputc('\n', out);
		}
	}
	if (fflush(out) != 0 || ferror(out))
		r = -EIO;
out:
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
	return r;
}
