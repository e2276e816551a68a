// SPDX-License-Identifier: GPL-2.0-or-later
/* vsgraph's RRD layout from the field table: every stored field has a data-source name
 * rrdtool accepts, unique in its file; rates are never stored; archives follow the
 * step; the percentile rule matches rrdtool's. (Linked with vsgraph_lib by
 * tests/integration/graphs/CMakeLists.txt.) */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vsgraph.h"

static void test_ds_names(void **state)
{
	(void)state;
	for (int set = 0; set < 3; set++)
		for (int g = 0; g < VS_G__COUNT; g++) {
			struct vsg_layout l;
			vsg_layout_get((enum vsg_set)set, (enum vs_group)g, &l);
			for (size_t i = 0; i < l.n; i++) {
				const char *n = l.ds[i].name;
				assert_true(strlen(n) >= 1 && strlen(n) <= 19);
				assert_int_equal(strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789_"),
						 strlen(n));
				assert_int_not_equal(vs_fields[l.ds[i].fid].kind, VS_FK_RATE);
				for (size_t j = 0; j < i; j++)
					assert_string_not_equal(n, l.ds[j].name);
			}
		}
	/* Every counter, gauge and limit of a context has a name. */
	for (int f = 0; f < VS_F__COUNT; f++) {
		char n[20];
		if (vs_fields[f].kind != VS_FK_RATE)
			assert_int_equal(vsg_ds_name((enum vs_field_id)f, n), 0);
	}
	char n[20];
	assert_int_equal(vsg_ds_name(VS_F_CPU_THROTTLED_PERIODS, n), 0);
	assert_string_equal(n, "cpu_thr_per");
	assert_int_equal(vsg_ds_name(VS_F_CPU_USAGE_USEC, n), 0);
	assert_string_equal(n, "cpu_usage_usec");
}

static void test_groups(void **state)
{
	struct vsg_layout l;
	(void)state;
	vsg_layout_get(VSG_SET_GUEST, VS_G_IOTASK, &l);
	assert_int_equal(l.n, 0); /* only a rate: no file */
	vsg_layout_get(VSG_SET_GUEST, VS_G_LOAD, &l);
	assert_int_equal(l.n, 0); /* host only */
	vsg_layout_get(VSG_SET_HOST, VS_G_LOAD, &l);
	assert_true(l.n >= 3);
	char *spec = vsg_ds_spec(&(struct vsg_ds){VS_F_CPU_USAGE_USEC, "cpu_usage_usec"}, 60);
	assert_string_equal(spec, "DS:cpu_usage_usec:DERIVE:120:0:U");
	free(spec);
	spec = vsg_ds_spec(&(struct vsg_ds){VS_F_MEM_LIMIT_BYTES, "mem_limit_bytes"}, 10);
	assert_string_equal(spec, "DS:mem_limit_bytes:GAUGE:20:0:U");
	free(spec);
}

static void test_rras(void **state)
{
	struct vsg_rra r[VSG_RRA_MAX];
	(void)state;
	for (unsigned step = 1; step <= 3600; step = step < 60 ? step * 2 : step + 300) {
		size_t n = vsg_rras(step, NULL, 0, r);
		bool five = false, hour = false, day = false;
		for (size_t i = 0; i < n; i++) {
			unsigned long res = r[i].pdp * step, span = res * r[i].rows;
			/* 5-minute rows, or the nearest the step allows (pdp rounds up) */
			if (!strcmp(r[i].cf, "AVERAGE") && res < 300 + step && span >= 35 * 86400)
				five = true;
			if (!strcmp(r[i].cf, "AVERAGE") && res >= 3600 && span >= 365 * 86400)
				hour = true;
			if (!strcmp(r[i].cf, "AVERAGE") && res >= 86400 &&
			    span >= 5 * 365 * 86400UL)
				day = true;
			assert_true(r[i].rows > 0);
		}
		assert_true(five);
		assert_true(hour && day);
	}
	size_t n = vsg_rras(60, NULL, 0, r);
	assert_int_equal(n, 11);
	assert_string_equal(r[0].cf, "AVERAGE");
	assert_int_equal(r[0].pdp, 1);
	assert_int_equal(r[0].rows, 4320);
	assert_int_equal(r[2].pdp, 5);
	assert_int_equal(r[2].rows, 11520);
}

/* rrd_timespans: the config's defaults are the layout's defaults; a configured list
 * gives its archives (MIN only where rows consolidate). */
static void test_rras_configured(void **state)
{
	struct vsg_rra a[VSG_RRA_MAX], b[VSG_RRA_MAX];
	struct vs_config *c = NULL;
	char *err = NULL;
	(void)state;
	assert_int_equal(vs_config_defaults(&c), 0);
	size_t na = vsg_rras(60, c->rrd_timespans, c->rrd_timespans_n, a);
	size_t nb = vsg_rras(60, NULL, 0, b);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(a[i].cf, b[i].cf);
		assert_int_equal(a[i].pdp, b[i].pdp);
		assert_int_equal(a[i].rows, b[i].rows);
	}
	vs_config_free(c);
	assert_int_equal(
	    vs_config_parse_string("rrd_timespans = 1d:step, 60d:5m, 2y:1h\n", "t", &c, &err), 0);
	na = vsg_rras(60, c->rrd_timespans, c->rrd_timespans_n, a);
	assert_int_equal(na, 8);
	assert_int_equal(a[0].pdp, 1);
	assert_int_equal(a[0].rows, 1440);
	assert_int_equal(a[2].pdp, 5);
	assert_int_equal(a[2].rows, 60 * 288);
	assert_string_equal(a[4].cf, "MIN");
	assert_int_equal(a[5].pdp, 60);
	assert_int_equal(a[5].rows, 2 * 366 * 24);
	/* A step as coarse as a resolution stretches that archive instead of adding one. */
	na = vsg_rras(300, c->rrd_timespans, c->rrd_timespans_n, a);
	assert_int_equal(na, 5);
	assert_int_equal(a[0].pdp, 1);
	assert_int_equal(a[0].rows, 60 * 288);
	vs_config_free(c);
}

static void test_percentile(void **state)
{
	double v[] = {NAN, 5, 1, 4, NAN, 2, 3};
	(void)state;
	/* 5 known values: round(0.95 * 4) = 4 -> the largest */
	assert_true(vsg_percentile(v, 7, 95) == 5);
	double w[] = {NAN, NAN};
	assert_true(isnan(vsg_percentile(w, 2, 95)));
	double x[100];
	for (int i = 0; i < 100; i++)
		x[i] = 99 - i;
	assert_true(vsg_percentile(x, 100, 95) == 94); /* round(94.05) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ds_names),   cmocka_unit_test(test_groups),
	    cmocka_unit_test(test_rras),       cmocka_unit_test(test_rras_configured),
	    cmocka_unit_test(test_percentile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
