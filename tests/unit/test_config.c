// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>
#include <cmocka.h>

#include <vsmon/config.h>
#include <vsmon/state.h>

static void config_defaults(void **state)
{
	struct vs_config *c = NULL;
	char *err = NULL;
	assert_int_equal(vs_config_parse_string("", "t.conf", &c, &err), 0);
	assert_string_equal(c->guests_dir, "/etc/vsmon/guests");
	assert_string_equal(c->run_dir, "/run/vsmon");
	assert_string_equal(c->cgroup_parent, "/vsmon");
	assert_string_equal(c->template_dir, "/var/lib/vsmon/templates");
	assert_int_equal(c->rrd_step_sec, 60);
	assert_true(c->sample_interval_sec == 2);
	assert_true(c->smaps_max_age_sec == 5);
	assert_true(c->graph_png_fast);
	assert_int_equal(c->rrd_timespans_n, 4);
	assert_int_equal(c->rrd_timespans[0].res_sec, 0);
	assert_int_equal(c->rrd_timespans[1].span_sec, 40 * 86400);
	assert_int_equal(c->rrd_timespans[1].res_sec, 300);
	vs_config_free(c);
}

static void config_timespans(void **state)
{
	struct vs_config *c = NULL;
	char *err = NULL;
	assert_int_equal(vs_config_parse_string("rrd_timespans = 2d:step,  90d:5m ,2y:1h, 10y:1w\n",
						"t.conf", &c, &err),
			 0);
	assert_int_equal(c->rrd_timespans_n, 4);
	assert_int_equal(c->rrd_timespans[0].span_sec, 2 * 86400);
	assert_int_equal(c->rrd_timespans[0].res_sec, 0);
	assert_int_equal(c->rrd_timespans[1].span_sec, 90 * 86400);
	assert_int_equal(c->rrd_timespans[1].res_sec, 300);
	assert_int_equal(c->rrd_timespans[2].span_sec, 2 * 366 * 86400);
	assert_int_equal(c->rrd_timespans[2].res_sec, 3600);
	assert_int_equal(c->rrd_timespans[3].res_sec, 7 * 86400);
	vs_config_free(c);
	/* seconds without a unit, and no step entry */
	assert_int_equal(vs_config_parse_string("rrd_timespans = 86400:300\n", "t", &c, &err), 0);
	assert_int_equal(c->rrd_timespans_n, 1);
	assert_int_equal(c->rrd_timespans[0].res_sec, 300);
	vs_config_free(c);
}

static void config_values(void **state)
{
	struct vs_config *c = NULL;
	char *err = NULL;
	const char *text = "# comment\n\nguests_dir = /tmp/g\nrun_dir=/tmp/r\n"
			   "cgroup_parent = vsmon-test\nsample_interval = 500ms\n"
			   "rrd_step = 10\nrrdcached = unix:/run/rrdcached.sock\n"
			   "snmp_notify_oom = no\nstate_dir = /tmp/s\nsmaps_max_age = 0\n"
			   "graph_png_fast = no\n";
	assert_int_equal(vs_config_parse_string(text, "t.conf", &c, &err), 0);
	assert_string_equal(c->guests_dir, "/tmp/g");
	assert_string_equal(c->cgroup_parent, "vsmon-test");
	assert_true(c->sample_interval_sec > 0.49 && c->sample_interval_sec < 0.51);
	assert_int_equal(c->rrd_step_sec, 10);
	assert_false(c->snmp_notify_oom);
	assert_false(c->graph_png_fast);
	assert_true(c->smaps_max_age_sec == 0);
	assert_string_equal(c->template_dir, "/tmp/s/templates");
	vs_config_free(c);
}

static void expect_error(const char *text, const char *want)
{
	struct vs_config *c = NULL;
	char *err = NULL;
	assert_int_equal(vs_config_parse_string(text, "bad.conf", &c, &err), -EINVAL);
	assert_null(c);
	assert_non_null(err);
	if (!strstr(err, want))
		fail_msg("error '%s' lacks '%s'", err, want);
	free(err);
}

static void config_errors(void **state)
{
	expect_error("guests_dir = /x\nbogus = 1\n", "bad.conf:2: unknown key 'bogus'");
	expect_error("\n\nrrd_step = 0\n", "bad.conf:3: bad value for rrd_step: expected a whole");
	expect_error("sample_interval = fast\n", "bad.conf:1: bad value for sample_interval");
	expect_error("sample_interval = 0\n", "bad.conf:1: bad value for sample_interval");
	expect_error("smaps_max_age = -1\n", "bad.conf:1: bad value for smaps_max_age: expected a "
					     "duration from 0");
	expect_error("smaps_max_age = 2h\n", "bad.conf:1: bad value for smaps_max_age");
	expect_error("guests_dir = relative\n", "bad.conf:1: bad value for guests_dir");
	expect_error("a\n", "bad.conf:1: expected 'key = value'");
	expect_error("[snmp]\nx=1\n", "bad.conf:");
	expect_error("rrdcached = tcp:1.2.3.4\n", "bad.conf:1: bad value for rrdcached");
	expect_error("cgroup_parent = ../../escape\n", "bad.conf:1: bad value for cgroup_parent");
	expect_error("\nrrd_timespans = 3d\n", "bad.conf:2: bad value for rrd_timespans: entry 1: "
					       "expected SPAN:RESOLUTION");
	expect_error("rrd_timespans = 3d:step, 40d:fast\n", "bad.conf:1: bad value for "
							    "rrd_timespans: entry 2: expected a "
							    "resolution");
	expect_error("rrd_timespans = 40d:5m, 3d:step\n", "entry 2: 'step' can only be the first");
	expect_error("rrd_timespans = 40d:1h, 400d:5m\n",
		     "entry 2: spans and resolutions must grow");
	expect_error("rrd_timespans = 40d:5m, 30d:1h\n",
		     "entry 2: spans and resolutions must grow");
	expect_error("rrd_timespans = 1h:1h\n", "entry 1: the span must hold at least two rows");
	expect_error("rrd_timespans =\n", "bad value for rrd_timespans: at least one");
	expect_error("rrd_timespans = 1d:1m,2d:2m,3d:3m,4d:4m,5d:5m,6d:6m,7d:7m,8d:8m,9d:9m\n",
		     "at most 8 entries");
	expect_error("rrd_timespans = 0d:step\n", "entry 1: expected SPAN:RESOLUTION");
	expect_error("rrd_timespans = 500y:1d\n", "entry 1: expected SPAN:RESOLUTION");
	/* the value is never quoted back */
	struct vs_config *c = NULL;
	char *err = NULL;
	assert_int_equal(vs_config_parse_string("rrd_step = SECRET\n", "x", &c, &err), -EINVAL);
	assert_null(strstr(err, "SECRET"));
	free(err);
}

static void config_path_order(void **state)
{
	setenv("VSMON_CONF", "/env.conf", 1);
	assert_string_equal(vs_config_path("/cli.conf", false), "/cli.conf");
	assert_string_equal(vs_config_path(NULL, false), "/env.conf");
	assert_string_equal(vs_config_path("/cli.conf", true), VS_CONFIG_DEFAULT_PATH);
	unsetenv("VSMON_CONF");
	assert_string_equal(vs_config_path(NULL, false), VS_CONFIG_DEFAULT_PATH);
}

static void state_roundtrip(void **state)
{
	char dir[] = "/tmp/vsstateXXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/g1.state", dir);
	struct vs_guest_state st = {.xid = 101,
				    .init_pid = 4242,
				    .init_start_ticks = 99,
				    .start_time = 1764123456.5,
				    .state = VS_STATE_RUNNING};
	strcpy(st.name, "g1");
	strcpy(st.template_name, "base");
	st.cgroup[VS_H_MEMORY] = strdup("/process_api/x/vsmon/g1");
	st.cgroup[VS_H_UNIFIED] = strdup("/vsmon/g1");
	assert_int_equal(vs_state_write(path, &st), 0);
	struct vs_guest_state rd;
	char *err = NULL;
	assert_int_equal(vs_state_read(path, &rd, &err), 0);
	assert_string_equal(rd.name, "g1");
	assert_int_equal(rd.xid, 101);
	assert_int_equal(rd.init_pid, 4242);
	assert_int_equal(rd.init_start_ticks, 99);
	assert_true(rd.start_time > 1764123456.4 && rd.start_time < 1764123456.6);
	assert_string_equal(rd.cgroup[VS_H_MEMORY], "/process_api/x/vsmon/g1");
	assert_null(rd.cgroup[VS_H_CPU]);
	vs_state_clear(&rd);
	vs_state_clear(&st);
	unlink(path);
	rmdir(dir);
}

static void state_errors(void **state)
{
	struct vs_guest_state st;
	char *err = NULL;
	assert_int_equal(
	    vs_state_parse("version = 1\nname = g\nxid = 0\ninit_pid = 1\n", "s", &st, &err),
	    -EINVAL);
	assert_non_null(strstr(err, "s:3: bad value for xid"));
	free(err);
	assert_int_equal(vs_state_parse("version = 1\nname = ../x\n", "s", &st, &err), -EINVAL);
	free(err);
	assert_int_equal(vs_state_parse("version = 1\nname = g\n", "s", &st, &err), -EINVAL);
	assert_non_null(strstr(err, "missing"));
	free(err);
	assert_int_equal(vs_state_parse("version = 1\nname=g\nxid=5\ninit_pid=9\ncgroup.bogus=/x\n",
					"s", &st, &err),
			 -EINVAL);
	free(err);
}

static void names(void **state)
{
	assert_true(vs_name_valid("web1"));
	assert_true(vs_name_valid("0a_b-c"));
	assert_false(vs_name_valid("../x"));
	assert_false(vs_name_valid("-x"));
	assert_false(vs_name_valid("Web"));
	assert_false(vs_name_valid(""));
	assert_true(vs_name_valid("abcdefghijklmnopqrstuvwxyz012345"));
	assert_false(vs_name_valid("abcdefghijklmnopqrstuvwxyz0123456"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(config_defaults),	 cmocka_unit_test(config_timespans),
	    cmocka_unit_test(config_values),	 cmocka_unit_test(config_errors),
	    cmocka_unit_test(config_path_order), cmocka_unit_test(state_roundtrip),
	    cmocka_unit_test(state_errors),	 cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
