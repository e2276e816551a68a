// SPDX-License-Identifier: GPL-2.0-or-later
/* The pure parsers of util/parse.h on strings: kernel text as it is, truncated,
 * garbage, overflow (20+ digit numbers), empty input and missing keys. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/parse.h"

#define OVERFLOW "18446744073709551616" /* 2^64 */
#define U64MAX	 "18446744073709551615"

static void parse_u64_cases(void **state)
{
	uint64_t v = 7;
	(void)state;
	assert_int_equal(vs_parse_u64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(vs_parse_u64("51671040\n", &v), 0);
	assert_int_equal(v, 51671040);
	assert_int_equal(vs_parse_u64(U64MAX "\n", &v), 0);
	assert_true(v == UINT64_MAX);
	v = 7;
	assert_int_equal(vs_parse_u64(OVERFLOW, &v), -EINVAL);
	assert_int_equal(vs_parse_u64("123456789012345678901234567890", &v), -EINVAL);
	assert_int_equal(vs_parse_u64("", &v), -EINVAL);
	assert_int_equal(vs_parse_u64("\n", &v), -EINVAL);
	assert_int_equal(vs_parse_u64("-1", &v), -EINVAL);
	assert_int_equal(vs_parse_u64("12x", &v), -EINVAL);
	assert_int_equal(vs_parse_u64("12 13", &v), -EINVAL);
	assert_int_equal(vs_parse_u64("max", &v), -EINVAL);
	assert_int_equal(vs_parse_u64(NULL, &v), -EINVAL);
	assert_int_equal(v, 7); /* untouched on failure */
}

static void parse_limit_cases(void **state)
{
	uint64_t v = 7;
	bool unl = false;
	(void)state;
	assert_int_equal(vs_parse_limit("max\n", &v, &unl), 0);
	assert_true(unl);
	assert_int_equal(v, 7);
	assert_int_equal(vs_parse_limit("268435456\n", &v, &unl), 0);
	assert_false(unl);
	assert_int_equal(v, 268435456);
	/* v1 memory.limit_in_bytes without a limit (PAGE_COUNTER_MAX * 4096) */
	v = 7;
	assert_int_equal(vs_parse_limit("9223372036854771712\n", &v, &unl), 0);
	assert_true(unl);
	assert_int_equal(v, 7);
	/* v1 cpu.cfs_quota_us without a quota */
	assert_int_equal(vs_parse_limit("-1\n", &v, &unl), 0);
	assert_true(unl);
	/* just below 2^62 is still a limit */
	assert_int_equal(vs_parse_limit("4611686018427387903", &v, &unl), 0);
	assert_false(unl);
	unl = false;
	v = 7;
	assert_int_equal(vs_parse_limit(OVERFLOW, &v, &unl), -EINVAL);
	assert_int_equal(vs_parse_limit("", &v, &unl), -EINVAL);
	assert_int_equal(vs_parse_limit("-", &v, &unl), -EINVAL);
	assert_int_equal(vs_parse_limit("ma", &v, &unl), -EINVAL);
	assert_int_equal(vs_parse_limit("maximum", &v, &unl), -EINVAL);
	assert_int_equal(vs_parse_limit("max 100000", &v, &unl), -EINVAL);
	assert_int_equal(vs_parse_limit(NULL, &v, &unl), -EINVAL);
	assert_false(unl);
	assert_int_equal(v, 7);
}

static const char cpu_stat_v2[] = "usage_usec 1066720\nuser_usec 1047164\nsystem_usec 19556\n"
				  "nice_usec 0\nnr_periods 21\nnr_throttled 21\n"
				  "throttled_usec 1014052\nnr_bursts 0\nburst_usec 0\n";

static void parse_keyed_cases(void **state)
{
	static const char *const keys[] = {"usage_usec", "nr_throttled", "throttled_usec", "nope",
					   NULL};
	uint64_t v[4] = {0}, found = 99;
	(void)state;
	assert_int_equal(vs_parse_keyed(cpu_stat_v2, keys, v, &found), 0);
	assert_int_equal(found, 7); /* "nope" missing */
	assert_int_equal(v[0], 1066720);
	assert_int_equal(v[1], 21);
	assert_int_equal(v[2], 1014052);

	/* /proc/meminfo: "Key:  N kB" */
	static const char *const mk[] = {"MemTotal", "HugePages_Total", "Hugepagesize", NULL};
	const char *mi = "MemTotal:       24568548 kB\nMemFree:  1 kB\nHugePages_Total:       0\n"
			 "Hugepagesize:       2048 kB\n";
	assert_int_equal(vs_parse_keyed(mi, mk, v, &found), 0);
	assert_int_equal(found, 7);
	assert_true(v[0] == UINT64_C(24568548) * 1024);
	assert_int_equal(v[1], 0);
	assert_int_equal(v[2], 2048 * 1024);

	/* /proc/PID/io: "key: N" */
	static const char *const ik[] = {"write_bytes", "rchar", NULL};
	assert_int_equal(vs_parse_keyed("rchar: 4092\nwchar: 4\nwrite_bytes: 0\n"
					"cancelled_write_bytes: 0\n",
					ik, v, &found),
			 0);
	assert_int_equal(found, 3);
	assert_int_equal(v[0], 0);
	assert_int_equal(v[1], 4092);

	/* a key that is a prefix of another is not confused with it */
	static const char *const pk[] = {"total_rss", NULL};
	assert_int_equal(vs_parse_keyed("total_rss_huge 5\ntotal_rss 7\n", pk, v, &found), 0);
	assert_int_equal(found, 1);
	assert_int_equal(v[0], 7);
	assert_int_equal(vs_parse_keyed("total_rss_huge 5\n", pk, v, &found), 0);
	assert_int_equal(found, 0);

	/* empty input: nothing found, not an error */
	assert_int_equal(vs_parse_keyed("", keys, v, &found), 0);
	assert_int_equal(found, 0);
	/* truncated in the middle of a wanted key's line */
	assert_int_equal(vs_parse_keyed("usage_usec ", keys, v, &found), -EINVAL);
	assert_int_equal(vs_parse_keyed("usage_usec", keys, v, &found), -EINVAL);
	/* truncated after a complete value: fine, the rest is missing */
	assert_int_equal(vs_parse_keyed("usage_usec 12", keys, v, &found), 0);
	assert_int_equal(found, 1);
	assert_int_equal(v[0], 12);
	/* garbage in a wanted value, and in an unwanted one (skipped) */
	assert_int_equal(vs_parse_keyed("usage_usec 12abc\n", keys, v, &found), -EINVAL);
	assert_int_equal(vs_parse_keyed("usage_usec -1\n", keys, v, &found), -EINVAL);
	assert_int_equal(vs_parse_keyed("junk ???\nusage_usec 3\n", keys, v, &found), 0);
	assert_int_equal(v[0], 3);
	assert_int_equal(vs_parse_keyed("\x01\xff garbage\n\n\n", keys, v, &found), 0);
	assert_int_equal(found, 0);
	/* overflow: 20+ digits, and kB that would overflow */
	assert_int_equal(vs_parse_keyed("usage_usec " OVERFLOW "\n", keys, v, &found), -EINVAL);
	assert_int_equal(vs_parse_keyed("usage_usec 99999999999999999999999\n", keys, v, &found),
			 -EINVAL);
	assert_int_equal(vs_parse_keyed("MemTotal: 18014398509481984 kB\n", mk, v, &found),
			 -ERANGE);
	assert_int_equal(vs_parse_keyed("usage_usec " U64MAX "\n", keys, v, &found), 0);
	assert_true(v[0] == UINT64_MAX);
}

static void parse_cpuacct_all_cases(void **state)
{
	uint64_t u = 1, y = 1;
	(void)state;
	assert_int_equal(vs_parse_cpuacct_all("cpu user system\n0 100 20\n1 300 40\n", &u, &y), 0);
	assert_int_equal(u, 400);
	assert_int_equal(y, 60);
	/* failures leave the outputs alone */
	u = y = 9;
	assert_int_equal(vs_parse_cpuacct_all("", &u, &y), -EINVAL);
	assert_int_equal(vs_parse_cpuacct_all("cpu user system\n", &u, &y), -EINVAL);
	assert_int_equal(vs_parse_cpuacct_all("cpu user system\n0 100\n", &u, &y), -EINVAL);
	assert_int_equal(vs_parse_cpuacct_all("cpu user system\n0 1 2 3\n", &u, &y), -EINVAL);
	assert_int_equal(vs_parse_cpuacct_all("0 100 20\n", &u, &y), -EINVAL);
	assert_int_equal(vs_parse_cpuacct_all("cpu user system\n0 18446744073709551615 0\n"
					      "1 1 0\n",
					      &u, &y),
			 -ERANGE);
	assert_int_equal(u, 9);
	assert_int_equal(y, 9);
}

static void parse_io_stat_cases(void **state)
{
	uint64_t o[4] = {9, 9, 9, 9};
	(void)state;
	assert_int_equal(
	    vs_parse_io_stat("254:0 rbytes=0 wbytes=20971520 rios=0 wios=20 dbytes=0 dios=0\n", o),
	    0);
	assert_int_equal(o[0], 0);
	assert_int_equal(o[1], 20971520);
	assert_int_equal(o[2], 0);
	assert_int_equal(o[3], 20);
	/* the v2 root: devices without counters, and two disks summed */
	const char *root = "253:0 \n254:16 rbytes=127950848 wbytes=0 rios=2305 wios=0 dbytes=0 "
			   "dios=0\n254:0 rbytes=659522560 wbytes=43683840 rios=2878 wios=205 "
			   "dbytes=42151936 dios=28\n7:7 \n7:0 \n";
	assert_int_equal(vs_parse_io_stat(root, o), 0);
	assert_int_equal(o[0], 127950848 + 659522560);
	assert_int_equal(o[1], 43683840);
	assert_int_equal(o[2], 2305 + 2878);
	assert_int_equal(o[3], 205);
	/* empty: no devices, zeros */
	assert_int_equal(vs_parse_io_stat("", o), 0);
	assert_int_equal(o[1], 0);
	/* keys of other io policies whose values are not integers (iolatency, iocost) */
	assert_int_equal(vs_parse_io_stat("8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0 "
					  "use_delay=0 delay_nsec=0 depth=max avg_lat=0 "
					  "cost.vrate=100.00 cost.usage=5\n",
					  o),
			 0);
	assert_int_equal(o[0], 1);
	assert_int_equal(o[3], 4);
	/* truncated, garbage, overflow */
	o[1] = 9;
	assert_int_equal(vs_parse_io_stat("254:0 rbytes=0 wbytes=", o), -EINVAL);
	assert_int_equal(vs_parse_io_stat("254:", o), -EINVAL);
	assert_int_equal(vs_parse_io_stat("254", o), -EINVAL);
	assert_int_equal(vs_parse_io_stat("hello world\n", o), -EINVAL);
	assert_int_equal(vs_parse_io_stat("254:0 rbytes\n", o), -EINVAL);
	assert_int_equal(vs_parse_io_stat("254:0 wbytes=12x\n", o), -EINVAL);
	assert_int_equal(vs_parse_io_stat("254:0 wbytes=" OVERFLOW "\n", o), -EINVAL);
	assert_int_equal(vs_parse_io_stat("1:0 wbytes=" U64MAX "\n2:0 wbytes=1\n", o), -ERANGE);
	assert_int_equal(o[1], 9); /* untouched on failure */
}

static const char blkio_bytes[] = "8:16 Read 4096\n8:16 Write 52428800\n8:16 Sync 52432896\n"
				  "8:16 Async 0\n8:16 Discard 0\n8:16 Total 52432896\n"
				  "8:0 Read 1\n8:0 Write 2\n8:0 Total 3\nTotal 52432899\n";

static void parse_blkio_cases(void **state)
{
	uint64_t o[2] = {9, 9};
	(void)state;
	assert_int_equal(vs_parse_blkio_throttle(blkio_bytes, o), 0);
	assert_int_equal(o[0], 4097);
	assert_int_equal(o[1], 52428802);
	assert_true(vs_blkio_has_devices(blkio_bytes));
	/* accounting off: only the Total line */
	assert_int_equal(vs_parse_blkio_throttle("Total 0\n", o), 0);
	assert_int_equal(o[0], 0);
	assert_int_equal(o[1], 0);
	assert_false(vs_blkio_has_devices("Total 0\n"));
	assert_false(vs_blkio_has_devices(""));
	assert_int_equal(vs_parse_blkio_throttle("", o), 0);
	o[0] = o[1] = 9;
	assert_int_equal(vs_parse_blkio_throttle("8:16 Read", o), -EINVAL);
	assert_int_equal(vs_parse_blkio_throttle("8:16 Read \n", o), -EINVAL);
	assert_int_equal(vs_parse_blkio_throttle("8:16", o), -EINVAL);
	assert_int_equal(vs_parse_blkio_throttle("8:", o), -EINVAL);
	assert_int_equal(vs_parse_blkio_throttle("garbage here\n", o), -EINVAL);
	assert_int_equal(vs_parse_blkio_throttle("8:16 Write 5 6\n", o), -EINVAL);
	assert_int_equal(vs_parse_blkio_throttle("8:16 Write " OVERFLOW "\n", o), -EINVAL);
	assert_int_equal(vs_parse_blkio_throttle("8:0 Write " U64MAX "\n8:16 Write 1\n", o),
			 -ERANGE);
	assert_int_equal(o[0], 9);
}

static void parse_pressure_cases(void **state)
{
	struct vs_psi p;
	(void)state;
	assert_int_equal(vs_parse_pressure("some avg10=8.69 avg60=1.57 avg300=0.32 total=1001649\n"
					   "full avg10=0.50 avg60=1.57 avg300=0.32 total=57\n",
					   &p),
			 0);
	assert_true(p.has_some && p.has_full);
	assert_float_equal(p.some_avg10, 8.69, 1e-9);
	assert_float_equal(p.full_avg10, 0.50, 1e-9);
	assert_int_equal(p.some_total_usec, 1001649);
	assert_int_equal(p.full_total_usec, 57);
	/* cpu.pressure before 5.13: "some" only */
	assert_int_equal(
	    vs_parse_pressure("some avg10=100.00 avg60=0.00 avg300=0.00 total=0\n", &p), 0);
	assert_true(p.has_some && !p.has_full);
	assert_float_equal(p.some_avg10, 100.0, 1e-9);
	memset(&p, 0x55, sizeof(p));
	struct vs_psi keep = p;
	assert_int_equal(vs_parse_pressure("", &p), -EINVAL);
	assert_int_equal(vs_parse_pressure("full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", &p),
			 -EINVAL); /* "some" missing */
	assert_int_equal(vs_parse_pressure("some avg10=0.00 avg60=0.00 avg300=0.00 tot", &p),
			 -EINVAL);
	assert_int_equal(vs_parse_pressure("some avg10=", &p), -EINVAL);
	assert_int_equal(vs_parse_pressure("some avg10=1. total=3\n", &p), -EINVAL);
	assert_int_equal(vs_parse_pressure("some", &p), -EINVAL);
	assert_int_equal(vs_parse_pressure("bogus line\n", &p), -EINVAL);
	assert_int_equal(vs_parse_pressure("some avg10=1.00 total=" OVERFLOW "\n", &p), -EINVAL);
	assert_int_equal(vs_parse_pressure("some avg10=" OVERFLOW ".5 total=1\n", &p), -EINVAL);
	assert_memory_equal(&p, &keep, sizeof(p));
}

static void parse_proc_stat_cases(void **state)
{
	struct vs_proc_stat st;
	(void)state;
	const char *text = "cpu  704 1 582 81285 118 2 55 3 0 0\n"
			   "cpu0 4 0 24 5133 1 0 30 0 0 0\ncpu1 16 0 26 5120 0 0 18 0 0 0\n"
			   "intr 12345 0 0\nctxt 5\nbtime 1700000000\nprocesses 10\n";
	assert_int_equal(vs_parse_proc_stat(text, &st), 0);
	assert_int_equal(st.user, 704);
	assert_int_equal(st.nice, 1);
	assert_int_equal(st.system, 582);
	assert_int_equal(st.idle, 81285);
	assert_int_equal(st.iowait, 118);
	assert_int_equal(st.irq, 2);
	assert_int_equal(st.softirq, 55);
	assert_int_equal(st.steal, 3);
	assert_int_equal(st.ncpu, 2);
	/* old kernels: four fields */
	assert_int_equal(vs_parse_proc_stat("cpu  1 2 3 4\n", &st), 0);
	assert_int_equal(st.idle, 4);
	assert_int_equal(st.steal, 0);
	assert_int_equal(vs_parse_proc_stat("", &st), -EINVAL);
	assert_int_equal(vs_parse_proc_stat("cpu0 1 2 3 4\n", &st), -EINVAL); /* no "cpu " */
	assert_int_equal(vs_parse_proc_stat("cpu  1 2", &st), -EINVAL);
	assert_int_equal(vs_parse_proc_stat("cpu  a b c d\n", &st), -EINVAL);
	assert_int_equal(vs_parse_proc_stat("cpu  " OVERFLOW " 2 3 4\n", &st), -EINVAL);
	assert_int_equal(vs_parse_proc_stat("\x7f\x01garbage", &st), -EINVAL);
}

static bool want_vd(const char *name, void *data)
{
	(*(int *)data)++;
	return strncmp(name, "vd", 2) == 0;
}

static void parse_diskstats_cases(void **state)
{
	uint64_t o[4] = {0};
	int calls = 0;
	(void)state;
	const char *text = "   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
			   " 254       0 vda 2878 913 1288130 1966 205 234 85320 97 0 1052 2077 28 "
			   "0 82328 13 7 0\n"
			   " 254      16 vdb 2305 6 249904 488 0 0 0 0 0 124 488 0 0 0 0 0 0\n"
			   " 253       0 zram0 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9\n";
	assert_int_equal(vs_parse_diskstats(text, want_vd, &calls, o), 0);
	assert_int_equal(calls, 4);
	assert_int_equal(o[0], 1288130 + 249904);
	assert_int_equal(o[1], 85320);
	assert_int_equal(o[2], 2878 + 2305);
	assert_int_equal(o[3], 205);
	/* want NULL: every device; old 14-field lines are fine too */
	assert_int_equal(vs_parse_diskstats("8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n", NULL, NULL, o), 0);
	assert_int_equal(o[0], 3);
	assert_int_equal(o[1], 7);
	assert_int_equal(vs_parse_diskstats("", NULL, NULL, o), 0);
	assert_int_equal(o[0], 0);
	o[0] = 9;
	assert_int_equal(vs_parse_diskstats("8 0 sda 1 2 3", NULL, NULL, o), -EINVAL);
	assert_int_equal(vs_parse_diskstats("8 0", NULL, NULL, o), -EINVAL);
	assert_int_equal(vs_parse_diskstats("8 0 \n", NULL, NULL, o), -EINVAL);
	assert_int_equal(vs_parse_diskstats("sda 1 2 3 4 5 6 7\n", NULL, NULL, o), -EINVAL);
	assert_int_equal(vs_parse_diskstats("8 0 sda 1 2 " OVERFLOW " 4 5 6 7\n", NULL, NULL, o),
			 -EINVAL);
	assert_int_equal(vs_parse_diskstats("8 0 a 1 2 " U64MAX " 4 5 6 7\n8 1 b 1 2 3 4 5 6 7\n",
					    NULL, NULL, o),
			 -ERANGE);
	/* a device name longer than the buffer is an error, not an overflow */
	char longname[200] = "8 0 ";
	memset(longname + 4, 'x', 100);
	strcpy(longname + 104, " 1 2 3 4 5 6 7\n");
	assert_int_equal(vs_parse_diskstats(longname, NULL, NULL, o), -EINVAL);
	assert_int_equal(o[0], 9);
}

static void parse_loadavg_cases(void **state)
{
	double l[3] = {-1, -1, -1};
	uint64_t t = 5;
	(void)state;
	assert_int_equal(vs_parse_loadavg("0.22 0.06 0.02 1/264 1486\n", l, &t), 0);
	assert_float_equal(l[0], 0.22, 1e-9);
	assert_float_equal(l[1], 0.06, 1e-9);
	assert_float_equal(l[2], 0.02, 1e-9);
	assert_int_equal(t, 264);
	assert_int_equal(vs_parse_loadavg("12.50 3 0.00 10/2000 1", l, &t), 0);
	assert_float_equal(l[0], 12.5, 1e-9);
	assert_float_equal(l[1], 3, 1e-9);
	t = 5;
	assert_int_equal(vs_parse_loadavg("", l, &t), -EINVAL);
	assert_int_equal(vs_parse_loadavg("0.22 0.06", l, &t), -EINVAL);
	assert_int_equal(vs_parse_loadavg("0.22 0.06 0.02 1/", l, &t), -EINVAL);
	assert_int_equal(vs_parse_loadavg("0.22 0.06 0.02 1 264", l, &t), -EINVAL);
	assert_int_equal(vs_parse_loadavg("a b c d/e f", l, &t), -EINVAL);
	assert_int_equal(vs_parse_loadavg("0.22 0.06 0.02 1/" OVERFLOW " 1", l, &t), -EINVAL);
	assert_int_equal(t, 5);
}

static const char pid_stat_829[] =
    "829 (timeout) S 819 829 816 0 -1 4194304 145 0 0 0 0 0 0 0 20 0 1 0 4521 5844992 537 "
    "18446744073709551615 94475116130304 94475116148369 140731179947392 0 0 0 0 3145728 90119 1 "
    "0 0 17 2 0 0 0 0 0 94475116161648 94475116163672 94475859337216 140731179952977 "
    "140731179953013 140731179953013 140731179958247 0\n";

static void parse_pid_stat_cases(void **state)
{
	struct vs_pid_stat st;
	(void)state;
	assert_int_equal(vs_parse_pid_stat(pid_stat_829, &st), 0);
	assert_string_equal(st.comm, "timeout");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 819);
	assert_int_equal(st.utime, 0);
	assert_int_equal(st.num_threads, 1);
	assert_int_equal(st.minflt, 145);
	assert_int_equal(st.majflt, 0);
	assert_int_equal(st.starttime, 4521);
	assert_int_equal(st.vsize_bytes, 5844992);
	assert_int_equal(st.rss_pages, 537);
	/* comm with spaces and parentheses: the last ')' ends it */
	assert_int_equal(
	    vs_parse_pid_stat("42 (a) b) (c) R 1 42 42 0 -1 0 0 0 0 0 7 8 0 0 20 0 3 0 "
			      "99 0 12\n",
			      &st),
	    0);
	assert_string_equal(st.comm, "a) b) (c");
	assert_int_equal(st.state, 'R');
	assert_int_equal(st.utime, 7);
	assert_int_equal(st.stime, 8);
	assert_int_equal(st.num_threads, 3);
	assert_int_equal(st.starttime, 99);
	assert_int_equal(st.rss_pages, 12);
	/* a comm longer than 15 characters is cut, not overflowed */
	assert_int_equal(
	    vs_parse_pid_stat("1 (0123456789abcdefghij) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 "
			      "0 1 0 5 0 6\n",
			      &st),
	    0);
	assert_string_equal(st.comm, "0123456789abcde");
	memset(&st, 0x5a, sizeof(st));
	struct vs_pid_stat keep = st;
	assert_int_equal(vs_parse_pid_stat("", &st), -EINVAL);
	assert_int_equal(vs_parse_pid_stat("829 (timeout", &st), -EINVAL);
	assert_int_equal(vs_parse_pid_stat("829 )timeout( S 1", &st), -EINVAL);
	assert_int_equal(vs_parse_pid_stat("829 (timeout)", &st), -EINVAL);
	assert_int_equal(vs_parse_pid_stat("829 (timeout) ", &st), -EINVAL);
	assert_int_equal(vs_parse_pid_stat("829 (timeout) S 819 829 816 0 -1 4194304 145", &st),
			 -EINVAL);
	assert_int_equal(vs_parse_pid_stat("829 (x) S " OVERFLOW " 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 "
					   "1 0 5 0 6\n",
					   &st),
			 -EINVAL);
	/* ppid beyond int */
	assert_int_equal(vs_parse_pid_stat("829 (x) S 99999999999 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 "
					   "1 0 5 0 6\n",
					   &st),
			 -EINVAL);
	assert_int_equal(vs_parse_pid_stat("garbage", &st), -EINVAL);
	assert_memory_equal(&st, &keep, sizeof(st));
}

static void count_pid(int pid, void *data)
{
	long *sum = data;
	*sum += pid;
}

static void parse_pid_list_cases(void **state)
{
	long sum = 0;
	(void)state;
	assert_int_equal(vs_parse_pid_list("829\n830\n833\n", count_pid, &sum), 3);
	assert_int_equal(sum, 829 + 830 + 833);
	assert_int_equal(vs_parse_pid_list("", NULL, NULL), 0);
	assert_int_equal(vs_parse_pid_list("\n\n", NULL, NULL), 0);
	assert_int_equal(vs_parse_pid_list("1\n2", NULL, NULL), 2); /* no final newline */
	assert_int_equal(vs_parse_pid_list("2147483647\n", NULL, NULL), 1);
	assert_int_equal(vs_parse_pid_list("2147483648\n", NULL, NULL), -EINVAL);
	assert_int_equal(vs_parse_pid_list("0\n", NULL, NULL), -EINVAL);
	assert_int_equal(vs_parse_pid_list("-5\n", NULL, NULL), -EINVAL);
	assert_int_equal(vs_parse_pid_list("12 13\n", NULL, NULL), -EINVAL);
	assert_int_equal(vs_parse_pid_list("12a\n", NULL, NULL), -EINVAL);
	assert_int_equal(vs_parse_pid_list(OVERFLOW "\n", NULL, NULL), -EINVAL);
	assert_int_equal(vs_parse_pid_list("garbage\n", NULL, NULL), -EINVAL);
}

static void parse_pid_cgroup_cases(void **state)
{
	const char *hybrid = "9:name=systemd:/\n8:pids:/a\n4:memory:/process_api/x\n"
			     "3:cpu,cpuacct:/b\n1:net_cls,net_prio:/\n0::/unified/path\n";
	const char *p = NULL;
	size_t n = 0;
	(void)state;
	assert_int_equal(vs_parse_pid_cgroup(hybrid, "memory", &p, &n), 0);
	assert_int_equal(n, strlen("/process_api/x"));
	assert_memory_equal(p, "/process_api/x", n);
	assert_int_equal(vs_parse_pid_cgroup(hybrid, "cpuacct", &p, &n), 0);
	assert_memory_equal(p, "/b", n);
	assert_int_equal(vs_parse_pid_cgroup(hybrid, "cpu", &p, &n), 0);
	assert_memory_equal(p, "/b", n);
	assert_int_equal(vs_parse_pid_cgroup(hybrid, "name=systemd", &p, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(vs_parse_pid_cgroup(hybrid, "", &p, &n), 0);
	assert_int_equal(n, strlen("/unified/path"));
	assert_memory_equal(p, "/unified/path", n);
	/* a controller name that is a prefix of another is not a match */
	assert_int_equal(vs_parse_pid_cgroup(hybrid, "net", &p, &n), -ENOENT);
	assert_int_equal(vs_parse_pid_cgroup(hybrid, "blkio", &p, &n), -ENOENT);
	/* pure v2, no final newline */
	assert_int_equal(vs_parse_pid_cgroup("0::/vsmon-probe-819", "", &p, &n), 0);
	assert_memory_equal(p, "/vsmon-probe-819", n);
	assert_int_equal(vs_parse_pid_cgroup("0::/vsmon-probe-819\n", "memory", &p, &n), -ENOENT);
	/* a path with ':' in it keeps it */
	assert_int_equal(vs_parse_pid_cgroup("0::/a:b\n", "", &p, &n), 0);
	assert_memory_equal(p, "/a:b", n);
	assert_int_equal(vs_parse_pid_cgroup("", "", &p, &n), -ENOENT);
	assert_int_equal(vs_parse_pid_cgroup("0:", "", &p, &n), -EINVAL);
	assert_int_equal(vs_parse_pid_cgroup("garbage\n0::/\n", "", &p, &n), -EINVAL);
	assert_int_equal(vs_parse_pid_cgroup("4:memory\n", "memory", &p, &n), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_u64_cases),	      cmocka_unit_test(parse_limit_cases),
	    cmocka_unit_test(parse_keyed_cases),      cmocka_unit_test(parse_cpuacct_all_cases),
	    cmocka_unit_test(parse_io_stat_cases),    cmocka_unit_test(parse_blkio_cases),
	    cmocka_unit_test(parse_pressure_cases),   cmocka_unit_test(parse_proc_stat_cases),
	    cmocka_unit_test(parse_diskstats_cases),  cmocka_unit_test(parse_loadavg_cases),
	    cmocka_unit_test(parse_pid_stat_cases),   cmocka_unit_test(parse_pid_list_cases),
	    cmocka_unit_test(parse_pid_cgroup_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
