// SPDX-License-Identifier: GPL-2.0-or-later
/* Values for humans: "1.5G", "12.3", "-" for unknown. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <vsmon/output.h>

static void format_scaled(char *buf, size_t len, double v, const char *const *units, double base)
{
	int u = 0;
	while (v >= base * 0.9995 && units[u + 1]) {
		v /= base;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%.0f%s", v, units[0]);
	else
		snprintf(buf, len, v < 9.95 ? "%.1f%s" : "%.0f%s", v, units[u]);
}

void vs_format_value(char *buf, size_t len, const struct vs_field *f, const struct vs_metrics *m,
		     int human)
{
	static const char *const bytes[] = {"", "K", "M", "G", "T", "P", NULL};
	static const char *const counts[] = {"", "k", "M", "G", "T", NULL};
	double v;

	if (vs_metrics_get_double(m, f->id, &v) < 0) {
		snprintf(buf, len, "-");
		return;
	}
	if (!human) {
		if (f->type == VS_FT_U64)
			snprintf(buf, len, "%" PRIu64, m->v[f->id].u64);
		else
			snprintf(buf, len, "%.2f", v);
		return;
	}
	if (strcmp(f->unit, "bytes") == 0 || strcmp(f->unit, "bytes/s") == 0) {
		format_scaled(buf, len, v, bytes, 1024);
	} else if (strcmp(f->unit, "usec") == 0) {
		double sec = v / 1e6;
		if (sec < 60)
			snprintf(buf, len, "%.2fs", sec);
		else if (sec < 3600)
			snprintf(buf, len, "%dm%02ds", (int)(sec / 60), (int)sec % 60);
		else
			snprintf(buf, len, "%.1fh", sec / 3600);
	} else if (strcmp(f->unit, "percent") == 0) {
		snprintf(buf, len, "%.1f", v);
	} else if (strcmp(f->unit, "sec") == 0) {
		if (v < 86400)
			snprintf(buf, len, "%02d:%02d", (int)(v / 3600), (int)(v / 60) % 60);
		else
			snprintf(buf, len, "%dd%02dh", (int)(v / 86400), (int)(v / 3600) % 24);
	} else if (f->type == VS_FT_F64) {
		snprintf(buf, len, "%.2f", v);
	} else {
		format_scaled(buf, len, v, counts, 1000);
	}
}
