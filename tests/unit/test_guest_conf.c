// SPDX-License-Identifier: GPL-2.0-or-later
/* The guest config parser, on strings and on the example configs in etc/guests. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <cmocka.h>

#include <vsmon/guest.h>
#include "guest/guest-internal.h"
#include "util/fileio.h"

static struct vs_guest_conf *parse_ok(const char *text)
{
	struct vs_guest_conf *gc = NULL;
	char *err = NULL;
	int r = vs_guest_conf_parse(text, "t.conf", "web1", &gc, &err);
	if (r != 0)
		fail_msg("parse failed: %s", err ? err : "?");
	free(err);
	return gc;
}

/* Parses must fail with -EINVAL and a message containing want. */
static void parse_bad(const char *text, const char *want)
{
	struct vs_guest_conf *gc = NULL;
	char *err = NULL;
	assert_int_equal(vs_guest_conf_parse(text, "t.conf", "web1", &gc, &err), -EINVAL);
	assert_null(gc);
	assert_non_null(err);
	if (!strstr(err, want))
		fail_msg("message '%s' lacks '%s'", err, want);
	free(err);
}

static void conf_full(void **state)
{
	(void)state;
	struct vs_guest_conf *gc = parse_ok(
	    "# comment\nxid = 101\ntemplate = base\ninit = /bin/sh -c \"echo hi; exit 3\"\n"
	    "hostname = web1.example.org\ncpu.shares = 2048\ncpu.max = 150%\n"
	    "memory.max = 512M\nmemory.swap.max = 0\npids.max = 64\nio.weight = 200\n"
	    "caps.keep = net_admin\ncaps.drop = CAP_MKNOD, net_raw\n"
	    "net = veth:br0\nnet.address = 169.254.1.2/16\nautostart = yes\n");
	assert_int_equal(gc->xid, 101);
	assert_string_equal(gc->template_name, "base");
	assert_string_equal(gc->init_argv[0], "/bin/sh");
	assert_string_equal(gc->init_argv[1], "-c");
	assert_string_equal(gc->init_argv[2], "echo hi; exit 3");
	assert_null(gc->init_argv[3]);
	assert_string_equal(gc->hostname, "web1.example.org");
	assert_int_equal(gc->cpu_shares, 2048);
	assert_true(gc->cpu_max_pct > 149.9 && gc->cpu_max_pct < 150.1);
	assert_int_equal(gc->memory_max, 512ull << 20);
	assert_int_equal(gc->memory_swap_max, 0);
	assert_int_equal(gc->pids_max, 64);
	assert_int_equal(gc->io_weight, 200);
	assert_int_equal(gc->net, VS_NET_VETH);
	assert_string_equal(gc->bridge, "br0");
	assert_true(gc->autostart);
	uint64_t caps = vs_guest_caps(gc);
	assert_true(caps & (1ull << CAP_NET_ADMIN));
	assert_false(caps & (1ull << CAP_MKNOD));
	assert_false(caps & (1ull << CAP_NET_RAW));
	assert_true(caps & (1ull << CAP_CHOWN));
	vs_guest_conf_free(gc);
}

static void conf_defaults(void **state)
{
	(void)state;
	struct vs_guest_conf *gc = parse_ok("xid = 7\n");
	assert_string_equal(gc->hostname, "web1");
	assert_string_equal(gc->init_argv[0], "/sbin/init");
	assert_int_equal(gc->net, VS_NET_NONE);
	assert_int_equal(gc->memory_max, VS_LIMIT_UNSET);
	assert_int_equal(gc->pids_max, VS_LIMIT_UNSET);
	assert_false(gc->autostart);
	uint64_t caps = vs_guest_caps(gc);
	/* What a container runtime drops must be gone by default. */
	static const int dropped[] = {CAP_SYS_ADMIN, CAP_SYS_MODULE, CAP_SYS_RAWIO,  CAP_SYS_TIME,
				      CAP_SYS_BOOT,  CAP_NET_ADMIN,  CAP_SYS_PTRACE, CAP_MAC_ADMIN,
				      CAP_SYSLOG,    CAP_BPF,	     CAP_SYS_NICE};
	for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		assert_false(caps & (1ull << dropped[i]));
	vs_guest_conf_free(gc);
}

static void conf_errors(void **state)
{
	(void)state;
	parse_bad("xid = 1\ncolour = blue\n", "t.conf:2: unknown key 'colour'");
	parse_bad("xid = 1\n\nmemory.max = 256X\n", "t.conf:3: bad value for memory.max");
	parse_bad("template = base\n", "missing xid");
	parse_bad("xid = 0\n", "t.conf:1: bad value for xid");
	parse_bad("xid = 2147483648\n", "bad value for xid");
	parse_bad("xid = 12abc\n", "bad value for xid");
	parse_bad("xid = 1\ncpu.max = 50\n", "bad value for cpu.max");
	parse_bad("xid = 1\ncpu.shares = 1\n", "bad value for cpu.shares");
	parse_bad("xid = 1\npids.max = -1\n", "bad value for pids.max");
	parse_bad("xid = 1\ncaps.drop = cap_bogus\n", "bad value for caps.drop");
	parse_bad("xid = 1\nnet = bridge\n", "bad value for net");
	parse_bad("xid = 1\nnet = veth:br0\n", "needs net.address");
	parse_bad("xid = 1\nnet.address = 10.0.0.1\n", "bad value for net.address");
	parse_bad("xid = 1\nhostname = -bad\n", "bad value for hostname");
	parse_bad("xid = 1\ninit = \"unterminated\n", "bad value for init");
	parse_bad("xid = 1\ntemplate = ../x\n", "bad value for template");
	parse_bad("[section]\nxid = 1\n", "t.conf:2: unexpected section");
	parse_bad("xid = 1\njust words\n", "t.conf:2: expected 'key = value'");

	struct vs_guest_conf *gc = NULL;
	char *err = NULL;
	assert_int_equal(vs_guest_conf_parse("xid = 1\n", "t.conf", "../x", &gc, &err), -EINVAL);
	assert_non_null(strstr(err, "bad guest name"));
	free(err);
}

static void conf_sizes(void **state)
{
	(void)state;
	uint64_t v;
	assert_int_equal(vs_guest_parse_size("1024", &v), 0);
	assert_int_equal(v, 1024);
	assert_int_equal(vs_guest_parse_size("2K", &v), 0);
	assert_int_equal(v, 2048);
	assert_int_equal(vs_guest_parse_size("3MiB", &v), 0);
	assert_int_equal(v, 3ull << 20);
	assert_int_equal(vs_guest_parse_size("1g", &v), 0);
	assert_int_equal(v, 1ull << 30);
	assert_int_equal(vs_guest_parse_size("max", &v), 0);
	assert_int_equal(v, VS_LIMIT_UNSET);
	assert_int_equal(vs_guest_parse_size("256X", &v), -EINVAL);
	assert_int_equal(vs_guest_parse_size("-1", &v), -EINVAL);
	assert_int_equal(vs_guest_parse_size("1MM", &v), -EINVAL);
	assert_int_equal(vs_guest_parse_size("99999999999T", &v), -EINVAL);
	assert_int_equal(vs_guest_parse_size("", &v), -EINVAL);
}

static void conf_words(void **state)
{
	(void)state;
	char **w = NULL;
	assert_int_equal(vs_guest_split_words("  a 'b c'  \"d \\\"e\\\"\" f\\ g ''", &w), 0);
	assert_string_equal(w[0], "a");
	assert_string_equal(w[1], "b c");
	assert_string_equal(w[2], "d \"e\"");
	assert_string_equal(w[3], "f g");
	assert_string_equal(w[4], "");
	assert_null(w[5]);
	vs_guest_strv_free(w);
	assert_int_equal(vs_guest_split_words("   ", &w), -EINVAL);
	assert_int_equal(vs_guest_split_words("a 'b", &w), -EINVAL);
	assert_int_equal(vs_guest_split_words("a\\", &w), -EINVAL);
}

static void conf_examples(void **state)
{
	(void)state;
	static const char *const names[] = {"web1", "batch", "hostnet"};
	for (size_t i = 0; i < 3; i++) {
		/* CMake compiles with absolute paths: etc/ is two levels above this file. */
		const char *slash = strrchr(__FILE__, '/');
		char *path = vs_asprintf("%.*s/../../etc/guests/%s.conf", (int)(slash - __FILE__),
					 __FILE__, names[i]);
		char *text = NULL, *err = NULL;
		struct vs_guest_conf *gc = NULL;
		assert_int_equal(vs_read_file(-100 /* AT_FDCWD */, path, 1 << 16, &text, NULL), 0);
		if (vs_guest_conf_parse(text, path, names[i], &gc, &err) != 0)
			fail_msg("%s", err);
		vs_guest_conf_free(gc);
		free(text);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(conf_full),   cmocka_unit_test(conf_defaults),
	    cmocka_unit_test(conf_errors), cmocka_unit_test(conf_sizes),
	    cmocka_unit_test(conf_words),  cmocka_unit_test(conf_examples),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
