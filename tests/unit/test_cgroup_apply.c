// SPDX-License-Identifier: GPL-2.0-or-later
/* cg_v1_apply / cg_v2_apply / cg_psi_apply: one file's text to fields, on strings. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cgroup/backend.h"

#define OVERFLOW "18446744073709551616"

static uint64_t u(const struct vs_metrics *m, enum vs_field_id id)
{
	uint64_t v = 0;
	if (vs_metrics_get_u64(m, id, &v) < 0)
		fail_msg("field %s unknown", vs_field(id)->key);
	return v;
}

static double d(const struct vs_metrics *m, enum vs_field_id id)
{
	if (!vs_metrics_has(m, id))
		fail_msg("field %s unknown", vs_field(id)->key);
	return m->v[id].f64;
}

static void v2_apply_kernel_text(void **state)
{
	struct vs_metrics m = {0};
	struct cg_scratch s = {0};
	(void)state;
	assert_int_equal(cg_v2_apply(CGF_CPU_STAT,
				     "usage_usec 1066720\nuser_usec 1047164\nsystem_usec 19556\n"
				     "nice_usec 0\nnr_periods 21\nnr_throttled 21\n"
				     "throttled_usec 1014052\nnr_bursts 0\nburst_usec 0\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_CPU_USAGE_USEC), 1066720);
	assert_int_equal(u(&m, VS_F_CPU_USER_USEC), 1047164);
	assert_int_equal(u(&m, VS_F_CPU_SYSTEM_USEC), 19556);
	assert_int_equal(u(&m, VS_F_CPU_PERIODS), 21);
	assert_int_equal(u(&m, VS_F_CPU_THROTTLED_PERIODS), 21);
	assert_int_equal(u(&m, VS_F_CPU_THROTTLED_USEC), 1014052);
	assert_int_equal(cg_v2_apply(CGF_CPU_MAX, "50000 100000\n", &m, &s), 0);
	assert_float_equal(d(&m, VS_F_CPU_LIMIT_PCT), 50.0, 1e-9);
	assert_int_equal(cg_v2_apply(CGF_CPU_MAX, "max 100000\n", &m, &s), 0);
	assert_false(vs_metrics_has(&m, VS_F_CPU_LIMIT_PCT));
	assert_int_equal(cg_v2_apply(CGF_MEM_CURRENT, "51671040\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_MEM_CURRENT_BYTES), 51671040);
	assert_int_equal(cg_v2_apply(CGF_MEM_MAX, "268435456\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_MEM_LIMIT_BYTES), 268435456);
	assert_int_equal(cg_v2_apply(CGF_MEM_MAX, "max\n", &m, &s), 0);
	assert_false(vs_metrics_has(&m, VS_F_MEM_LIMIT_BYTES));
	assert_int_equal(cg_v2_apply(CGF_MEM_PEAK, "53207040\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_MEM_PEAK_BYTES), 53207040);
	assert_int_equal(cg_v2_apply(CGF_MEM_STAT,
				     "anon 335872\nfile 50331648\nkernel 348160\nshmem 50331648\n"
				     "file_mapped 4096\nfile_dirty 0\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_MEM_ANON_BYTES), 335872);
	assert_int_equal(u(&m, VS_F_MEM_FILE_BYTES), 50331648);
	assert_int_equal(u(&m, VS_F_MEM_SHMEM_BYTES), 50331648);
	assert_int_equal(u(&m, VS_F_MEM_MAPPED_FILE_BYTES), 4096);
	assert_int_equal(cg_v2_apply(CGF_MEM_EVENTS,
				     "low 0\nhigh 0\nmax 57\noom 1\noom_kill 1\noom_group_kill 0\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_MEM_LIMIT_HITS), 57);
	assert_int_equal(u(&m, VS_F_OOM_KILLS), 1);
	assert_int_equal(cg_v2_apply(CGF_MEM_SWAP_CURRENT, "0\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_MEM_SWAP_BYTES), 0);
	assert_int_equal(
	    cg_v2_apply(CGF_IO_STAT,
			"254:0 rbytes=0 wbytes=20971520 rios=0 wios=20 dbytes=0 dios=0\n", &m, &s),
	    0);
	assert_int_equal(u(&m, VS_F_IO_WRITE_BYTES), 20971520);
	assert_int_equal(u(&m, VS_F_IO_WRITE_OPS), 20);
	assert_int_equal(u(&m, VS_F_IO_READ_BYTES), 0);
	assert_int_equal(u(&m, VS_F_IO_READ_OPS), 0);
	assert_int_equal(cg_v2_apply(CGF_PIDS_CURRENT, "59\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_THREADS), 59);
	assert_int_equal(cg_v2_apply(CGF_PIDS_MAX, "64\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_PIDS_LIMIT), 64);
	assert_int_equal(cg_v2_apply(CGF_PIDS_MAX, "max\n", &m, &s), 0);
	assert_false(vs_metrics_has(&m, VS_F_PIDS_LIMIT));
	assert_int_equal(cg_v2_apply(CGF_PIDS_EVENTS, "max 2\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_PIDS_LIMIT_HITS), 2);
}

static void v2_apply_delegated_cpu_stat(void **state)
{
	/* cpu controller not enabled: usage known, throttling unknown (not 0) */
	struct vs_metrics m = {0};
	struct cg_scratch s = {0};
	(void)state;
	assert_int_equal(cg_v2_apply(CGF_CPU_STAT,
				     "usage_usec 625639\nuser_usec 178168\nsystem_usec 447470\n"
				     "nice_usec 0\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_CPU_USAGE_USEC), 625639);
	assert_false(vs_metrics_has(&m, VS_F_CPU_PERIODS));
	assert_false(vs_metrics_has(&m, VS_F_CPU_THROTTLED_USEC));
}

static void v2_apply_bad_text(void **state)
{
	static const struct {
		enum cg_file f;
		const char *text;
	} bad[] = {
	    {CGF_CPU_STAT, ""},
	    {CGF_CPU_STAT, "usage_usec 5\n"}, /* user/system missing */
	    {CGF_CPU_STAT, "usage_usec 5\nuser_usec 1\nsystem_usec"},
	    {CGF_CPU_STAT, "usage_usec " OVERFLOW "\nuser_usec 1\nsystem_usec 1\n"},
	    {CGF_CPU_MAX, ""},
	    {CGF_CPU_MAX, "max"},
	    {CGF_CPU_MAX, "50000"},
	    {CGF_CPU_MAX, "50000 0\n"},
	    {CGF_CPU_MAX, "50000 abc\n"},
	    {CGF_CPU_MAX, "0123456789012345678901234567890123456789 100000\n"},
	    {CGF_CPU_MAX, OVERFLOW " 100000\n"},
	    {CGF_MEM_CURRENT, ""},
	    {CGF_MEM_CURRENT, "12 kB\n"},
	    {CGF_MEM_CURRENT, OVERFLOW "\n"},
	    {CGF_MEM_MAX, "unlimited\n"},
	    {CGF_MEM_STAT, "anon 1\nfile 2\nshmem 3\n"}, /* file_mapped missing */
	    {CGF_MEM_STAT, ""},
	    {CGF_MEM_EVENTS, "max 1\n"},
	    {CGF_MEM_EVENTS, "max 1\noom_kill x\n"},
	    {CGF_IO_STAT, "254:0 wbytes=\n"},
	    {CGF_PIDS_EVENTS, ""},
	    {CGF_PIDS_EVENTS, "max\n"},
	    {CGF_PIDS_MAX, "-\n"},
	    {CGF_CPU_PRESSURE, "garbage"},
	    {CGF_MEM_LIMIT, "5\n"}, /* a v1 file: not the v2 backend's */
	    {CGF_CPUACCT_USAGE, "5\n"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct vs_metrics m = {0}, zero = {0};
		struct cg_scratch s = {0};
		if (cg_v2_apply(bad[i].f, bad[i].text, &m, &s) != -EINVAL)
			fail_msg("v2 %s accepted '%s'", cg_files[bad[i].f].name, bad[i].text);
		assert_memory_equal(m.valid, zero.valid, sizeof(m.valid));
	}
}

static void v1_apply_kernel_text(void **state)
{
	struct vs_metrics m = {0};
	struct cg_scratch s = {0};
	(void)state;
	assert_int_equal(cg_v1_apply(CGF_CPUACCT_USAGE, "5012345678\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_CPU_USAGE_USEC), 5012345);
	assert_int_equal(cg_v1_apply(CGF_CPUACCT_USER, "4000000999\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_CPU_USER_USEC), 4000000);
	assert_int_equal(cg_v1_apply(CGF_CPUACCT_SYS, "1000\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_CPU_SYSTEM_USEC), 1);
	/* usage_all sums the CPUs in nanoseconds before converting */
	assert_int_equal(
	    cg_v1_apply(CGF_CPUACCT_ALL, "cpu user system\n0 1500 999\n1 1500 2\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_CPU_USER_USEC), 3);
	assert_int_equal(u(&m, VS_F_CPU_SYSTEM_USEC), 1);
	assert_int_equal(cg_v1_apply(CGF_CPU_STAT,
				     "nr_periods 100\nnr_throttled 99\nthrottled_time 4900000000\n"
				     "nr_bursts 0\nburst_time 0\nwait_sum 0\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_CPU_PERIODS), 100);
	assert_int_equal(u(&m, VS_F_CPU_THROTTLED_PERIODS), 99);
	assert_int_equal(u(&m, VS_F_CPU_THROTTLED_USEC), 4900000);
	assert_int_equal(cg_v1_apply(CGF_CPU_QUOTA, "50000\n", &m, &s), 0);
	assert_int_equal(cg_v1_apply(CGF_CPU_PERIOD, "100000\n", &m, &s), 0);
	cg_v1_finish(&m, &s);
	assert_float_equal(d(&m, VS_F_CPU_LIMIT_PCT), 50.0, 1e-9);
	assert_int_equal(cg_v1_apply(CGF_MEM_USAGE, "52000768\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_MEM_CURRENT_BYTES), 52000768);
	assert_int_equal(cg_v1_apply(CGF_MEM_STAT,
				     "cache 1\nrss 2\nshmem 3\nmapped_file 4\n"
				     "total_cache 50339840\ntotal_rss 270336\ntotal_rss_huge 0\n"
				     "total_shmem 50331648\ntotal_mapped_file 8192\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_MEM_ANON_BYTES), 270336);
	assert_int_equal(u(&m, VS_F_MEM_FILE_BYTES), 50339840);
	assert_int_equal(u(&m, VS_F_MEM_SHMEM_BYTES), 50331648);
	assert_int_equal(u(&m, VS_F_MEM_MAPPED_FILE_BYTES), 8192);
	assert_false(vs_metrics_has(&m, VS_F_MEM_SWAP_BYTES)); /* no swap accounting */
	assert_int_equal(cg_v1_apply(CGF_MEM_STAT,
				     "total_cache 1\ntotal_rss 2\ntotal_shmem 3\n"
				     "total_mapped_file 4\ntotal_swap 5\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_MEM_SWAP_BYTES), 5);
	assert_int_equal(cg_v1_apply(CGF_MEM_LIMIT, "33554432\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_MEM_LIMIT_BYTES), 33554432);
	assert_int_equal(cg_v1_apply(CGF_MEM_LIMIT, "9223372036854771712\n", &m, &s), 0);
	assert_false(vs_metrics_has(&m, VS_F_MEM_LIMIT_BYTES));
	assert_int_equal(cg_v1_apply(CGF_MEM_MAXUSAGE, "33554432\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_MEM_PEAK_BYTES), 33554432);
	/* Hits of the memory limit and of the memory+swap limit add up, once all
	 * files are read; without memsw (no swap accounting) the first alone. */
	assert_int_equal(cg_v1_apply(CGF_MEM_FAILCNT, "1234\n", &m, &s), 0);
	assert_int_equal(cg_v1_apply(CGF_MEM_MEMSW_FAILCNT, "66\n", &m, &s), 0);
	assert_int_equal(cg_v1_apply(CGF_MEM_MEMSW_FAILCNT, "x\n", &m, &s), -EINVAL);
	cg_v1_finish(&m, &s);
	assert_int_equal(u(&m, VS_F_MEM_LIMIT_HITS), 1300);
	struct cg_scratch s2 = {0};
	assert_int_equal(cg_v1_apply(CGF_MEM_FAILCNT, "7\n", &m, &s2), 0);
	cg_v1_finish(&m, &s2);
	assert_int_equal(u(&m, VS_F_MEM_LIMIT_HITS), 7);
	assert_int_equal(
	    cg_v1_apply(CGF_MEM_OOMCTL, "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n", &m, &s),
	    0);
	assert_int_equal(u(&m, VS_F_OOM_KILLS), 1);
	assert_int_equal(cg_v1_apply(CGF_BLKIO_BYTES,
				     "8:0 Read 4096\n8:0 Write 52428800\n"
				     "8:0 Sync 0\n8:0 Async 0\n8:0 Discard 0\n"
				     "8:0 Total 52432896\nTotal 52432896\n",
				     &m, &s),
			 0);
	assert_int_equal(u(&m, VS_F_IO_READ_BYTES), 4096);
	assert_int_equal(u(&m, VS_F_IO_WRITE_BYTES), 52428800);
	assert_int_equal(
	    cg_v1_apply(CGF_BLKIO_IOS, "8:0 Read 1\n8:0 Write 100\nTotal 101\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_IO_READ_OPS), 1);
	assert_int_equal(u(&m, VS_F_IO_WRITE_OPS), 100);
	assert_int_equal(cg_v1_apply(CGF_PIDS_CURRENT, "3\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_THREADS), 3);
	assert_int_equal(cg_v1_apply(CGF_PIDS_MAX, "16\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_PIDS_LIMIT), 16);
	assert_int_equal(cg_v1_apply(CGF_PIDS_MAX, "max\n", &m, &s), 0);
	assert_false(vs_metrics_has(&m, VS_F_PIDS_LIMIT));
	assert_int_equal(cg_v1_apply(CGF_PIDS_EVENTS, "max 7\n", &m, &s), 0);
	assert_int_equal(u(&m, VS_F_PIDS_LIMIT_HITS), 7);
}

static void v1_cpu_limit(void **state)
{
	(void)state;
	/* no quota: unknown, not 0 or infinite */
	struct vs_metrics m = {0};
	struct cg_scratch s = {0};
	assert_int_equal(cg_v1_apply(CGF_CPU_QUOTA, "-1\n", &m, &s), 0);
	assert_int_equal(cg_v1_apply(CGF_CPU_PERIOD, "100000\n", &m, &s), 0);
	cg_v1_finish(&m, &s);
	assert_false(vs_metrics_has(&m, VS_F_CPU_LIMIT_PCT));
	/* a quota without a readable period: unknown */
	struct cg_scratch s2 = {0};
	assert_int_equal(cg_v1_apply(CGF_CPU_QUOTA, "150000\n", &m, &s2), 0);
	cg_v1_finish(&m, &s2);
	assert_false(vs_metrics_has(&m, VS_F_CPU_LIMIT_PCT));
	/* 1.5 CPUs */
	assert_int_equal(cg_v1_apply(CGF_CPU_PERIOD, "100000\n", &m, &s2), 0);
	cg_v1_finish(&m, &s2);
	assert_float_equal(d(&m, VS_F_CPU_LIMIT_PCT), 150.0, 1e-9);
}

static void v1_apply_bad_text(void **state)
{
	static const struct {
		enum cg_file f;
		const char *text;
	} bad[] = {
	    {CGF_CPUACCT_USAGE, ""},
	    {CGF_CPUACCT_USAGE, "12 34\n"},
	    {CGF_CPUACCT_USAGE, OVERFLOW "\n"},
	    {CGF_CPUACCT_USER, "x\n"},
	    {CGF_CPU_STAT, "nr_periods 1\nnr_throttled 1\n"}, /* throttled_time missing */
	    {CGF_CPU_STAT, "nr_periods 1\nnr_throttled 1\nthrottled_time"},
	    {CGF_CPU_QUOTA, "abc\n"},
	    {CGF_CPU_PERIOD, "-1\n"},
	    {CGF_MEM_USAGE, ""},
	    {CGF_MEM_STAT, "total_cache 1\ntotal_rss 2\n"},
	    {CGF_MEM_STAT, "cache 1\nrss 2\nshmem 3\nmapped_file 4\n"}, /* no total_* */
	    {CGF_MEM_LIMIT, "\n"},
	    {CGF_MEM_OOMCTL, "oom_kill_disable 0\nunder_oom 0\n"}, /* kernel < 4.13 */
	    {CGF_MEM_OOMCTL, "oom_kill " OVERFLOW "\n"},
	    {CGF_BLKIO_BYTES, "8:0 Read\n"},
	    {CGF_BLKIO_IOS, "garbage\n"},
	    {CGF_PIDS_EVENTS, "\n"},
	    {CGF_MEM_PRESSURE, "some avg10=1.0\n"},
	    {CGF_IO_STAT, "254:0 wbytes=1\n"}, /* a v2 file: not the v1 backend's */
	    {CGF_MEM_CURRENT, "5\n"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct vs_metrics m = {0}, zero = {0};
		struct cg_scratch s = {0};
		if (cg_v1_apply(bad[i].f, bad[i].text, &m, &s) != -EINVAL)
			fail_msg("v1 %s accepted '%s'", cg_files[bad[i].f].name, bad[i].text);
		assert_memory_equal(m.valid, zero.valid, sizeof(m.valid));
	}
}

static void psi_apply_cases(void **state)
{
	struct vs_metrics m = {0};
	(void)state;
	const char *text = "some avg10=8.69 avg60=1.57 avg300=0.32 total=1001649\n"
			   "full avg10=2.50 avg60=1.57 avg300=0.32 total=1001649\n";
	assert_int_equal(cg_psi_apply(CGF_CPU_PRESSURE, text, &m), 0);
	assert_float_equal(d(&m, VS_F_CPU_PRESSURE_SOME_PCT), 8.69, 1e-9);
	assert_int_equal(u(&m, VS_F_CPU_PRESSURE_SOME_USEC), 1001649);
	assert_int_equal(cg_psi_apply(CGF_MEM_PRESSURE, text, &m), 0);
	assert_float_equal(d(&m, VS_F_MEM_PRESSURE_SOME_PCT), 8.69, 1e-9);
	assert_float_equal(d(&m, VS_F_MEM_PRESSURE_FULL_PCT), 2.50, 1e-9);
	assert_int_equal(u(&m, VS_F_MEM_PRESSURE_SOME_USEC), 1001649);
	/* io.pressure with "some" only: full stays unknown */
	assert_int_equal(cg_psi_apply(CGF_IO_PRESSURE,
				      "some avg10=0.30 avg60=0.61 avg300=0.18 total=647168\n", &m),
			 0);
	assert_float_equal(d(&m, VS_F_IO_PRESSURE_SOME_PCT), 0.30, 1e-9);
	assert_int_equal(u(&m, VS_F_IO_PRESSURE_SOME_USEC), 647168);
	assert_false(vs_metrics_has(&m, VS_F_IO_PRESSURE_FULL_PCT));
	/* the v1 and v2 backends hand pressure files to it */
	struct vs_metrics m1 = {0}, m2 = {0};
	struct cg_scratch s = {0};
	assert_int_equal(cg_v1_apply(CGF_IO_PRESSURE, text, &m1, &s), 0);
	assert_int_equal(cg_v2_apply(CGF_IO_PRESSURE, text, &m2, &s), 0);
	assert_memory_equal(&m1, &m2, sizeof(m1));
	/* bad text and a file that is not a pressure file */
	struct vs_metrics z = {0}, zero = {0};
	assert_int_equal(cg_psi_apply(CGF_CPU_PRESSURE, "", &z), -EINVAL);
	assert_int_equal(cg_psi_apply(CGF_CPU_PRESSURE, "some avg10=1.00 avg60=", &z), -EINVAL);
	assert_int_equal(cg_psi_apply(CGF_CPU_PRESSURE, "some avg10=1.00 total=" OVERFLOW "\n", &z),
			 -EINVAL);
	assert_int_equal(cg_psi_apply(CGF_MEM_STAT, text, &z), -EINVAL);
	assert_memory_equal(z.valid, zero.valid, sizeof(z.valid));
}

/* Every file the backends know has a name and a hierarchy on v1 or v2. */
static void file_table_complete(void **state)
{
	(void)state;
	for (int f = 0; f < CGF__COUNT; f++) {
		assert_non_null(cg_files[f].name);
		assert_true(cg_files[f].v1_hier < VS_H__COUNT || cg_files[f].v2);
	}
}

/* A process list with a pid twice (v1 cgroup.procs may do that) gives each pid once,
 * and the task count agrees. */
static void cgctx_pid_list_once_each(void **state)
{
	char root[] = "/tmp/vscgctx.XXXXXX", dir[64], file[96];
	char *paths[VS_H__COUNT] = {0};
	struct vs_cgctx *c = NULL;
	struct cg_buf buf = {0};
	struct vs_metrics m;
	int *pids = NULL;
	size_t npids = 0;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(dir, sizeof(dir), "%s/g", root);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(file, sizeof(file), "%s/cgroup.procs", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("5\n3\n5\n9\n3\n", f);
	fclose(f);
	paths[VS_H_UNIFIED] = "/g";
	assert_int_equal(vs_cgctx_open(root, VS_CG_V2, paths, &c), 0);
	memset(&m, 0, sizeof(m));
	assert_int_equal(vs_cgctx_read(c, 1u << VS_G_TASKS, &buf, &m, &pids, &npids), 0);
	vs_cgctx_close(c);
	cg_buf_free(&buf);
	unlink(file);
	rmdir(dir);
	rmdir(root);
	assert_int_equal(npids, 3);
	assert_int_equal(pids[0], 3);
	assert_int_equal(pids[1], 5);
	assert_int_equal(pids[2], 9);
	assert_int_equal(u(&m, VS_F_TASKS), 3);
	free(pids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(file_table_complete),	   cmocka_unit_test(v2_apply_kernel_text),
	    cmocka_unit_test(v2_apply_delegated_cpu_stat), cmocka_unit_test(v2_apply_bad_text),
	    cmocka_unit_test(v1_apply_kernel_text),	   cmocka_unit_test(v1_cpu_limit),
	    cmocka_unit_test(v1_apply_bad_text),	   cmocka_unit_test(psi_apply_cases),
	    cmocka_unit_test(cgctx_pid_list_once_each),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
