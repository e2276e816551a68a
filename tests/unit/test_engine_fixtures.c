// SPDX-License-Identifier: GPL-2.0-or-later
/* The whole engine on the fixture trees of tests/fixtures (verbatim kernel files):
 * the sampler reads a fake proc, sys and cgroup root and must report exactly the
 * values in the files. Also the faults: a cgroup that does not exist, a file that
 * cannot be read or holds garbage. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

#include <vsmon/vsmon.h>

#define FX VS_FIXTURES

struct fx {
	char tmp[256];	   /* temp dir: guests/, run/, proc/, maybe cgroup/ */
	char proc[300];	   /* proc root: fixture proc entries plus our own pid */
	char cgroot[300];  /* cgroup root used */
	const char *tree;  /* fixture tree */
	char logs[8192];   /* warnings the library logged */
	uint64_t my_ticks; /* field 22 of our own /proc/self/stat */
	struct vs_config *cfg;
	struct vs_sampler *smp;
	struct vs_snapshot *snap;
};

static void fx_log(void *data, enum vs_log_level level, const char *msg)
{
	struct fx *f = data;
	size_t n = strlen(f->logs);
	(void)level;
	snprintf(f->logs + n, sizeof(f->logs) - n, "%s\n", msg);
}

static void fx_write(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static uint64_t fx_self_ticks(void)
{
	char buf[4096];
	FILE *fp = fopen("/proc/self/stat", "r");
	size_t n;
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	/* field 22, counted after the last ')' (field 2 ends there) */
	const char *p = strrchr(buf, ')');
	assert_non_null(p);
	int field = 2;
	while (*p && field < 22)
		if (*p++ == ' ')
			field++;
	return strtoull(p, NULL, 10);
}

/* A proc root: links to every entry of the fixture's proc, plus our own pid with a
 * copy of /proc/self/stat, so that a state file naming us is a live guest. */
static void fx_make_proc(struct fx *f)
{
	char src[512], dst[1024], path[1024];
	DIR *d;
	struct dirent *e;

	snprintf(f->proc, sizeof(f->proc), "%s/proc", f->tmp);
	assert_int_equal(mkdir(f->proc, 0755), 0);
	snprintf(src, sizeof(src), "%s/%s/proc", FX, f->tree);
	d = opendir(src);
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", src, e->d_name);
		snprintf(dst, sizeof(dst), "%s/%s", f->proc, e->d_name);
		assert_int_equal(symlink(path, dst), 0);
	}
	closedir(d);
	snprintf(dst, sizeof(dst), "%s/%d", f->proc, (int)getpid());
	assert_int_equal(mkdir(dst, 0755), 0);
	snprintf(dst, sizeof(dst), "%s/%d/stat", f->proc, (int)getpid());
	assert_int_equal(symlink("/proc/self/stat", dst), 0);
	f->my_ticks = fx_self_ticks();
}

static int fx_setup(void **state, const char *tree)
{
	struct fx *f = calloc(1, sizeof(*f));
	char path[512], *err = NULL, conf[1024];

	assert_non_null(f);
	f->tree = tree;
	snprintf(f->tmp, sizeof(f->tmp), "/tmp/vsfx.%s.XXXXXX", tree);
	assert_non_null(mkdtemp(f->tmp));
	snprintf(path, sizeof(path), "%s/guests", f->tmp);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/run", f->tmp);
	assert_int_equal(mkdir(path, 0755), 0);
	fx_make_proc(f);
	snprintf(f->cgroot, sizeof(f->cgroot), "%s/%s/cgroup", FX, tree);
	snprintf(conf, sizeof(conf), "guests_dir = %s/guests\nrun_dir = %s/run\n", f->tmp, f->tmp);
	assert_int_equal(vs_config_parse_string(conf, "fixture.conf", &f->cfg, &err), 0);
	vs_log_set_handler(fx_log, f);
	*state = f;
	return 0;
}

static int fx_setup_v2(void **state)
{
	return fx_setup(state, "v2");
}
static int fx_setup_hybrid(void **state)
{
	return fx_setup(state, "hybrid");
}
static int fx_setup_v1(void **state)
{
	return fx_setup(state, "v1");
}

static void fx_rm_rf(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];
	struct stat st;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			chmod(path, 0755);
			fx_rm_rf(path);
		} else {
			unlink(path);
		}
	}
	closedir(d);
	rmdir(dir);
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	vs_log_set_handler(NULL, NULL);
	vs_snapshot_unref(f->snap);
	vs_sampler_free(f->smp);
	vs_config_free(f->cfg);
	fx_rm_rf(f->tmp);
	free(f);
	return 0;
}

/* A guest NAME with XID, running as us, in cgroup /CG of the hierarchies listed. */
static void fx_guest(struct fx *f, const char *name, unsigned xid, const char *cg,
		     const char *const *hiers)
{
	char path[512], text[2048];
	int n;

	snprintf(path, sizeof(path), "%s/guests/%s.conf", f->tmp, name);
	snprintf(text, sizeof(text), "xid = %u\ntemplate = none\n", xid);
	fx_write(path, text);
	n = snprintf(text, sizeof(text),
		     "version = 1\nname = %s\nxid = %u\nstate = running\ninit_pid = %d\n"
		     "init_start_ticks = %llu\nstart_time = 1764000000.5\n",
		     name, xid, (int)getpid(), (unsigned long long)f->my_ticks);
	for (size_t i = 0; hiers[i]; i++)
		n +=
		    snprintf(text + n, sizeof(text) - (size_t)n, "cgroup.%s = /%s\n", hiers[i], cg);
	snprintf(path, sizeof(path), "%s/run/%s.state", f->tmp, name);
	fx_write(path, text);
}

static const char *const HIER_V2[] = {"unified", NULL};
static const char *const HIER_V1[] = {"cpu", "cpuacct", "memory", "blkio", "pids", "freezer", NULL};
static const char *const HIER_HYB[] = {"cpu",  "cpuacct", "memory",  "blkio",
				       "pids", "freezer", "unified", NULL};

static void fx_sample(struct fx *f)
{
	/* The cgroup and /proc figures; the shared-page tiers (which need live processes'
	 * pagemap) have their own tests. */
	struct vs_sampler_opts o = {
	    .config = f->cfg,
	    .proc_root = f->proc,
	    .cgroup_root = f->cgroot,
	    .history_len = 4,
	    .groups = (1u << VS_G_CPU) | (1u << VS_G_MEM) | (1u << VS_G_IO) | (1u << VS_G_IOTASK) |
		      (1u << VS_G_TASKS) | (1u << VS_G_PSI) | (1u << VS_G_NET) | (1u << VS_G_LOAD)};
	char sys[512];
	snprintf(sys, sizeof(sys), "%s/%s/sys", FX, f->tree);
	o.sys_root = sys;
	if (!f->smp)
		assert_int_equal(vs_sampler_new(&o, &f->smp), 0);
	vs_snapshot_unref(f->snap);
	f->snap = NULL;
	assert_int_equal(vs_sampler_sample(f->smp, &f->snap), 0);
}

static const struct vs_context *fx_ctx(struct fx *f, uint32_t xid)
{
	const struct vs_context *c = vs_snapshot_find(f->snap, xid);
	if (!c)
		fail_msg("no context %u", xid);
	return c;
}

#define EXPECT_U64(m, id, want)                                                                    \
	do {                                                                                       \
		uint64_t v_ = 0;                                                                   \
		if (vs_metrics_get_u64((m), (id), &v_) < 0)                                        \
			fail_msg("%s: unknown, want %llu", vs_field(id)->key,                      \
				 (unsigned long long)(want));                                      \
		if (v_ != (uint64_t)(want))                                                        \
			fail_msg("%s: %llu, want %llu", vs_field(id)->key, (unsigned long long)v_, \
				 (unsigned long long)(want));                                      \
	} while (0)
#define EXPECT_F64(m, id, want)                                                                    \
	do {                                                                                       \
		double v_;                                                                         \
		if (vs_metrics_get_double((m), (id), &v_) < 0)                                     \
			fail_msg("%s: unknown, want %g", vs_field(id)->key, (double)(want));       \
		assert_float_equal(v_, (want), 1e-9);                                              \
	} while (0)
#define EXPECT_UNKNOWN(m, id)                                                                      \
	do {                                                                                       \
		if (vs_metrics_has((m), (id)))                                                     \
			fail_msg("%s: known (%llu), want unknown", vs_field(id)->key,              \
				 (unsigned long long)(m)->v[id].u64);                              \
	} while (0)

/* ---- v2 ---- */

static void v2_host_from_proc(void **state)
{
	struct fx *f = *state;
	fx_sample(f);
	assert_int_equal(vs_snapshot_mode(f->snap), VS_CG_V2);
	const struct vs_metrics *h = &vs_snapshot_host(f->snap)->m;
	long hz = sysconf(_SC_CLK_TCK);
	/* /proc/stat cpu 704 0 582 81285 118 0 55 1: user+nice+system+irq+softirq+steal */
	EXPECT_U64(h, VS_F_CPU_USAGE_USEC, (704 + 582 + 55 + 1) * (1000000 / hz));
	EXPECT_U64(h, VS_F_NCPU, 16);
	EXPECT_U64(h, VS_F_MEM_TOTAL_BYTES, UINT64_C(131981020) * 1024);
	EXPECT_U64(h, VS_F_MEM_CURRENT_BYTES, (UINT64_C(131981020) - 130718448) * 1024);
	/* the root cgroup's memory.stat replaces meminfo's split */
	EXPECT_U64(h, VS_F_MEM_ANON_BYTES, 2154496);
	EXPECT_U64(h, VS_F_MEM_FILE_BYTES, 985632768);
	EXPECT_U64(h, VS_F_MEM_SHMEM_BYTES, 7544832);
	EXPECT_U64(h, VS_F_MEM_MAPPED_FILE_BYTES, 9707520);
	/* diskstats of vda and vdb (they have a device); loop and zram do not count.
	 * vda's 85320 sectors written = the root io.stat wbytes=43683840. */
	EXPECT_U64(h, VS_F_IO_WRITE_BYTES, 43683840);
	EXPECT_U64(h, VS_F_IO_READ_BYTES, (UINT64_C(1288130) + 249904) * 512);
	EXPECT_U64(h, VS_F_IO_READ_OPS, 2878 + 2305);
	EXPECT_U64(h, VS_F_IO_WRITE_OPS, 205);
	EXPECT_F64(h, VS_F_LOAD1, 0.22);
	EXPECT_F64(h, VS_F_LOAD15, 0.02);
	EXPECT_U64(h, VS_F_THREADS, 264);
	EXPECT_F64(h, VS_F_UPTIME_SEC, 51.80);
	EXPECT_F64(h, VS_F_CPU_PRESSURE_SOME_PCT, 12.46);
	EXPECT_U64(h, VS_F_IO_PRESSURE_SOME_USEC, 647168);
	EXPECT_F64(h, VS_F_IO_PRESSURE_FULL_PCT, 0.30);
	/* no guests: context 0 is the host */
	assert_int_equal(vs_snapshot_count(f->snap), 1);
	EXPECT_U64(&fx_ctx(f, 0)->m, VS_F_IO_WRITE_BYTES, 43683840);
}

static void v2_busy(void **state)
{
	struct fx *f = *state;
	fx_guest(f, "busy", 101, "g1-busy", HIER_V2);
	fx_sample(f);
	const struct vs_context *c = fx_ctx(f, 101);
	const struct vs_metrics *m = &c->m;
	assert_string_equal(c->name, "busy");
	assert_int_equal(c->state, VS_STATE_RUNNING);
	assert_int_equal(c->warnings, 0);
	EXPECT_U64(m, VS_F_CPU_USAGE_USEC, 1066720);
	EXPECT_U64(m, VS_F_CPU_USER_USEC, 1047164);
	EXPECT_U64(m, VS_F_CPU_SYSTEM_USEC, 19556);
	EXPECT_U64(m, VS_F_CPU_PERIODS, 21);
	EXPECT_U64(m, VS_F_CPU_THROTTLED_PERIODS, 21);
	EXPECT_U64(m, VS_F_CPU_THROTTLED_USEC, 1014052);
	EXPECT_F64(m, VS_F_CPU_LIMIT_PCT, 50);
	EXPECT_UNKNOWN(m, VS_F_CPU_PCT); /* one sample: no rate yet */
	EXPECT_U64(m, VS_F_MEM_CURRENT_BYTES, 51671040);
	EXPECT_U64(m, VS_F_MEM_ANON_BYTES, 335872);
	EXPECT_U64(m, VS_F_MEM_FILE_BYTES, 50331648);
	EXPECT_U64(m, VS_F_MEM_SHMEM_BYTES, 50331648);
	EXPECT_U64(m, VS_F_MEM_MAPPED_FILE_BYTES, 0);
	EXPECT_U64(m, VS_F_MEM_SWAP_BYTES, 0);
	EXPECT_U64(m, VS_F_MEM_PEAK_BYTES, 53207040);
	EXPECT_U64(m, VS_F_MEM_LIMIT_BYTES, 268435456);
	EXPECT_U64(m, VS_F_MEM_LIMIT_HITS, 0);
	EXPECT_U64(m, VS_F_OOM_KILLS, 0);
	EXPECT_U64(m, VS_F_IO_WRITE_BYTES, 20971520);
	EXPECT_U64(m, VS_F_IO_WRITE_OPS, 20);
	EXPECT_U64(m, VS_F_IO_READ_BYTES, 0);
	EXPECT_U64(m, VS_F_IO_READ_OPS, 0);
	EXPECT_U64(m, VS_F_TASKS, 3);
	EXPECT_U64(m, VS_F_THREADS, 3);
	EXPECT_U64(m, VS_F_PIDS_LIMIT, 64);
	EXPECT_U64(m, VS_F_PIDS_LIMIT_HITS, 0);
	EXPECT_F64(m, VS_F_CPU_PRESSURE_SOME_PCT, 8.69);
	EXPECT_U64(m, VS_F_CPU_PRESSURE_SOME_USEC, 1001649);
	EXPECT_U64(m, VS_F_IO_PRESSURE_SOME_USEC, 57);
	/* context 0 = host - guest */
	EXPECT_U64(&fx_ctx(f, 0)->m, VS_F_IO_WRITE_BYTES, 43683840 - 20971520);
	EXPECT_U64(&vs_snapshot_host(f->snap)->m, VS_F_MEM_LIMIT_SUM_BYTES, 268435456);
	/* a second sample of the same files: counters did not move, rates are 0 */
	fx_sample(f);
	EXPECT_F64(&fx_ctx(f, 101)->m, VS_F_CPU_PCT, 0);
	EXPECT_F64(&fx_ctx(f, 101)->m, VS_F_IO_WRITE_BYTES_PER_SEC, 0);
}

static void v2_after_oom_and_idle(void **state)
{
	struct fx *f = *state;
	fx_guest(f, "oom", 102, "g1-after-oom-and-pids", HIER_V2);
	fx_guest(f, "idle", 103, "g1-idle", HIER_V2);
	fx_sample(f);
	const struct vs_metrics *m = &fx_ctx(f, 102)->m;
	EXPECT_U64(m, VS_F_OOM_KILLS, 1);
	EXPECT_U64(m, VS_F_MEM_LIMIT_HITS, 57);
	EXPECT_U64(m, VS_F_MEM_LIMIT_BYTES, 33554432);
	EXPECT_U64(m, VS_F_PIDS_LIMIT_HITS, 2);
	EXPECT_U64(m, VS_F_PIDS_LIMIT, 64);
	EXPECT_U64(m, VS_F_THREADS, 59);
	EXPECT_U64(m, VS_F_TASKS, 22);
	m = &fx_ctx(f, 103)->m;
	EXPECT_U64(m, VS_F_TASKS, 0); /* empty cgroup.procs: known zero */
	EXPECT_U64(m, VS_F_THREADS, 0);
	EXPECT_U64(m, VS_F_OOM_KILLS, 0);
	assert_int_equal(vs_snapshot_running(f->snap), 2);
}

static void v2_delegated_memory_only(void **state)
{
	struct fx *f = *state;
	fx_guest(f, "mem", 104, "delegated-memory-only", HIER_V2);
	fx_sample(f);
	const struct vs_metrics *m = &fx_ctx(f, 104)->m;
	EXPECT_U64(m, VS_F_CPU_USAGE_USEC, 625639);
	EXPECT_U64(m, VS_F_CPU_USER_USEC, 178168);
	EXPECT_UNKNOWN(m, VS_F_CPU_PERIODS);
	EXPECT_UNKNOWN(m, VS_F_CPU_THROTTLED_USEC);
	EXPECT_UNKNOWN(m, VS_F_CPU_LIMIT_PCT);
	EXPECT_U64(m, VS_F_MEM_CURRENT_BYTES, 10477568);
	EXPECT_UNKNOWN(m, VS_F_MEM_LIMIT_BYTES); /* memory.max = max */
	/* no io.* and no pids.* files: unknown, not 0 */
	EXPECT_UNKNOWN(m, VS_F_IO_WRITE_BYTES);
	EXPECT_UNKNOWN(m, VS_F_IO_READ_OPS);
	EXPECT_UNKNOWN(m, VS_F_THREADS);
	EXPECT_UNKNOWN(m, VS_F_PIDS_LIMIT);
	EXPECT_UNKNOWN(m, VS_F_PIDS_LIMIT_HITS);
	/* with one guest's I/O unknown, the contexts cannot add up for I/O */
	assert_false(vs_snapshot_adds_up(f->snap, VS_G_IO));
}

/* ---- faults ---- */

static void fault_missing_cgroup(void **state)
{
	struct fx *f = *state;
	fx_guest(f, "gone", 105, "no-such-cgroup", HIER_V2);
	fx_guest(f, "busy", 101, "g1-busy", HIER_V2);
	fx_sample(f);
	const struct vs_context *c = fx_ctx(f, 105);
	assert_true(c->warnings & VS_W_VANISHED);
	for (int g = VS_G_CPU; g <= VS_G_PSI; g++)
		if (vs_metrics_group_any(&c->m, (enum vs_group)g))
			fail_msg("group %s known for a missing cgroup",
				 vs_group_name((enum vs_group)g));
	if (!strstr(f->logs, "gone"))
		fail_msg("no warning naming the guest; log: %s", f->logs);
	/* the sweep went on */
	EXPECT_U64(&fx_ctx(f, 101)->m, VS_F_IO_WRITE_BYTES, 20971520);
	assert_int_equal(fx_ctx(f, 101)->warnings, 0);
	/* and goes on the next time, without leaking (the sanitizer run checks) */
	fx_sample(f);
	assert_true(fx_ctx(f, 105)->warnings & VS_W_VANISHED);
}

/* A private cgroup root: links to the v2 fixture cgroups plus "broken", a copy of
 * g1-busy whose memory.stat is a directory (read fails even for root, like an
 * unreadable file) and whose io.stat holds garbage. */
static void fx_broken_root(struct fx *f)
{
	char path[600], src[600];
	DIR *d;
	struct dirent *e;

	snprintf(f->cgroot, sizeof(f->cgroot), "%s/cgroup", f->tmp);
	assert_int_equal(mkdir(f->cgroot, 0755), 0);
	snprintf(path, sizeof(path), "%s/.vsmon-mode", f->cgroot);
	fx_write(path, "v2\n");
	snprintf(path, sizeof(path), "%s/g1-busy", f->cgroot);
	assert_int_equal(symlink(FX "/v2/cgroup/g1-busy", path), 0);
	snprintf(path, sizeof(path), "%s/broken", f->cgroot);
	assert_int_equal(mkdir(path, 0755), 0);
	d = opendir(FX "/v2/cgroup/g1-busy");
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "memory.stat") == 0 ||
		    strcmp(e->d_name, "io.stat") == 0)
			continue;
		snprintf(src, sizeof(src), FX "/v2/cgroup/g1-busy/%s", e->d_name);
		snprintf(path, sizeof(path), "%s/broken/%s", f->cgroot, e->d_name);
		assert_int_equal(symlink(src, path), 0);
	}
	closedir(d);
	snprintf(path, sizeof(path), "%s/broken/memory.stat", f->cgroot);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/broken/io.stat", f->cgroot);
	fx_write(path, "\x01\x02 this is not io.stat\n");
}

static void fault_unreadable_and_garbage(void **state)
{
	struct fx *f = *state;
	fx_broken_root(f);
	fx_guest(f, "broken", 106, "broken", HIER_V2);
	fx_guest(f, "busy", 101, "g1-busy", HIER_V2);
	fx_sample(f);
	const struct vs_context *c = fx_ctx(f, 106);
	assert_true(c->warnings & VS_W_READ_ERROR);
	/* memory (unreadable memory.stat) and I/O (garbage) unknown, the rest known */
	assert_false(vs_metrics_group_any(&c->m, VS_G_MEM));
	assert_false(vs_metrics_group_any(&c->m, VS_G_IO));
	EXPECT_U64(&c->m, VS_F_CPU_USAGE_USEC, 1066720);
	EXPECT_U64(&c->m, VS_F_THREADS, 3);
	EXPECT_F64(&c->m, VS_F_CPU_PRESSURE_SOME_PCT, 8.69);
	if (!strstr(f->logs, "broken"))
		fail_msg("no warning naming the guest; log: %s", f->logs);
	/* the other guest is fine */
	assert_int_equal(fx_ctx(f, 101)->warnings, 0);
	EXPECT_U64(&fx_ctx(f, 101)->m, VS_F_MEM_CURRENT_BYTES, 51671040);
	/* a guest with unknown memory: no sum of limits */
	EXPECT_UNKNOWN(&vs_snapshot_host(f->snap)->m, VS_F_MEM_LIMIT_SUM_BYTES);
}

static void fault_stopped_and_broken_state(void **state)
{
	struct fx *f = *state;
	char path[512];
	/* defined but not running: state stopped, every metric unknown */
	snprintf(path, sizeof(path), "%s/guests/off.conf", f->tmp);
	fx_write(path, "xid = 110\n");
	/* a state file that is garbage: a warning, the guest shows as stopped */
	snprintf(path, sizeof(path), "%s/guests/bad.conf", f->tmp);
	fx_write(path, "xid = 111\n");
	snprintf(path, sizeof(path), "%s/run/bad.state", f->tmp);
	fx_write(path, "version = 1\nxid = nope\n\x01\x02\n");
	fx_sample(f);
	const struct vs_context *c = fx_ctx(f, 110);
	assert_int_equal(c->state, VS_STATE_STOPPED);
	for (int g = 0; g < VS_G__COUNT; g++)
		assert_false(vs_metrics_group_any(&c->m, (enum vs_group)g));
	assert_int_equal(fx_ctx(f, 111)->state, VS_STATE_STOPPED);
	if (!strstr(f->logs, "bad.state"))
		fail_msg("no warning naming the state file; log: %s", f->logs);
}

/* ---- hybrid and v1 (recorded on this project's VM) ---- */

static void v1_common(const struct vs_metrics *m)
{
	EXPECT_U64(m, VS_F_CPU_USAGE_USEC, 1079505);
	/* user and system from cpuacct.usage_all (one read; recorded one tick apart from
	 * usage_user, which says 1123917) */
	EXPECT_U64(m, VS_F_CPU_USER_USEC, 1115917);
	EXPECT_U64(m, VS_F_CPU_SYSTEM_USEC, 60000);
	EXPECT_U64(m, VS_F_CPU_PERIODS, 21);
	EXPECT_U64(m, VS_F_CPU_THROTTLED_PERIODS, 16);
	EXPECT_U64(m, VS_F_CPU_THROTTLED_USEC, 559832);
	EXPECT_F64(m, VS_F_CPU_LIMIT_PCT, 50);
	EXPECT_U64(m, VS_F_MEM_CURRENT_BYTES, 50946048);
	EXPECT_U64(m, VS_F_MEM_ANON_BYTES, 278528);
	EXPECT_U64(m, VS_F_MEM_FILE_BYTES, 50475008);
	EXPECT_U64(m, VS_F_MEM_SHMEM_BYTES, 50331648);
	EXPECT_U64(m, VS_F_MEM_MAPPED_FILE_BYTES, 0);
	EXPECT_U64(m, VS_F_MEM_SWAP_BYTES, 0);
	EXPECT_U64(m, VS_F_MEM_PEAK_BYTES, 53780480);
	EXPECT_U64(m, VS_F_MEM_LIMIT_BYTES, 268435456);
	EXPECT_U64(m, VS_F_MEM_LIMIT_HITS, 0);
	EXPECT_U64(m, VS_F_OOM_KILLS, 0);
	EXPECT_U64(m, VS_F_IO_WRITE_BYTES, 20971520);
	EXPECT_U64(m, VS_F_IO_WRITE_OPS, 40);
	EXPECT_U64(m, VS_F_IO_READ_BYTES, 143360);
	EXPECT_U64(m, VS_F_IO_READ_OPS, 35);
	EXPECT_U64(m, VS_F_TASKS, 1);
	EXPECT_U64(m, VS_F_THREADS, 1);
	EXPECT_U64(m, VS_F_PIDS_LIMIT, 64);
	EXPECT_U64(m, VS_F_PIDS_LIMIT_HITS, 0);
}

static void v1_after_oom(const struct vs_metrics *m)
{
	EXPECT_U64(m, VS_F_OOM_KILLS, 1);
	EXPECT_U64(m, VS_F_MEM_LIMIT_HITS, 118);
	EXPECT_U64(m, VS_F_MEM_LIMIT_BYTES, 33554432);
	EXPECT_U64(m, VS_F_PIDS_LIMIT_HITS, 5);
	EXPECT_U64(m, VS_F_THREADS, 63);
}

static void v1_host(struct fx *f)
{
	const struct vs_metrics *h = &vs_snapshot_host(f->snap)->m;
	long hz = sysconf(_SC_CLK_TCK);
	/* cpu  11309 0 7411 174238 507 0 79 19 */
	EXPECT_U64(h, VS_F_CPU_USAGE_USEC, (11309 + 7411 + 79 + 19) * (1000000 / hz));
	EXPECT_U64(h, VS_F_NCPU, 2);
	EXPECT_U64(h, VS_F_MEM_TOTAL_BYTES, UINT64_C(24684096) * 1024);
	/* the root memory cgroup's total_* */
	EXPECT_U64(h, VS_F_MEM_ANON_BYTES, 44384256);
	EXPECT_U64(h, VS_F_MEM_FILE_BYTES, 530759680);
	EXPECT_U64(h, VS_F_MEM_SHMEM_BYTES, 59330560);
	/* vda only (loop and zram have no device) */
	EXPECT_U64(h, VS_F_IO_WRITE_BYTES, UINT64_C(2481464) * 512);
	EXPECT_U64(h, VS_F_IO_WRITE_OPS, 40392);
	EXPECT_F64(h, VS_F_LOAD1, 1.00);
	EXPECT_U64(h, VS_F_THREADS, 302);
}

static void hybrid_busy_and_oom(void **state)
{
	struct fx *f = *state;
	fx_guest(f, "busy", 101, "g1-busy", HIER_HYB);
	fx_guest(f, "oom", 102, "g1-after-oom-and-pids", HIER_HYB);
	fx_sample(f);
	assert_int_equal(vs_snapshot_mode(f->snap), VS_CG_HYBRID);
	assert_false(vs_snapshot_warnings(f->snap) & VS_W_BLKIO_OFF);
	v1_host(f);
	const struct vs_context *c = fx_ctx(f, 101);
	assert_int_equal(c->state, VS_STATE_RUNNING);
	assert_int_equal(c->warnings, 0);
	v1_common(&c->m);
	/* pressure from the unified hierarchy's cgroup */
	EXPECT_F64(&c->m, VS_F_CPU_PRESSURE_SOME_PCT, 4.70);
	EXPECT_U64(&c->m, VS_F_CPU_PRESSURE_SOME_USEC, 670298);
	EXPECT_U64(&c->m, VS_F_IO_PRESSURE_SOME_USEC, 7508);
	v1_after_oom(&fx_ctx(f, 102)->m);
}

/* vstop asks only for the groups it shows: the files of the others are not read and
 * their fields are unknown, not 0; asking for all again brings them back. */
static void hybrid_groups_asked_for(void **state)
{
	struct fx *f = *state;
	fx_guest(f, "busy", 101, "g1-busy", HIER_HYB);
	fx_sample(f);
	assert_int_equal(vs_sampler_set_groups(f->smp, (1u << VS_G_CPU) | (1u << VS_G_MEM)), 0);
	fx_sample(f);
	const struct vs_context *c = fx_ctx(f, 101);
	assert_true(vs_metrics_group_any(&c->m, VS_G_CPU));
	assert_true(vs_metrics_group_any(&c->m, VS_G_MEM));
	assert_false(vs_metrics_group_any(&c->m, VS_G_PSI));
	assert_false(vs_metrics_group_any(&c->m, VS_G_IO));
	EXPECT_UNKNOWN(&c->m, VS_F_TASKS);
	EXPECT_UNKNOWN(&c->m, VS_F_CPU_PRESSURE_SOME_USEC);
	assert_int_equal(c->warnings, 0);
	assert_int_equal(vs_sampler_set_groups(f->smp, 0), 0);
	fx_sample(f);
	c = fx_ctx(f, 101);
	v1_common(&c->m);
	EXPECT_U64(&c->m, VS_F_CPU_PRESSURE_SOME_USEC, 670298);
}

static void v1_busy_and_oom(void **state)
{
	struct fx *f = *state;
	fx_guest(f, "busy", 101, "g1-busy", HIER_V1);
	fx_guest(f, "oom", 102, "g1-after-oom-and-pids", HIER_V1);
	fx_sample(f);
	assert_int_equal(vs_snapshot_mode(f->snap), VS_CG_V1);
	v1_host(f);
	const struct vs_context *c = fx_ctx(f, 101);
	assert_int_equal(c->warnings, 0);
	v1_common(&c->m);
	/* v1 only: no per-cgroup pressure */
	assert_false(vs_metrics_group_any(&c->m, VS_G_PSI));
	v1_after_oom(&fx_ctx(f, 102)->m);
}

static void v1_blkio_off(void **state)
{
	/* a root whose blkio throttle files have no device lines: accounting off, the
	 * guests' I/O is unknown (v1's zeros then are not measurements) */
	struct fx *f = *state;
	char path[600];
	const char *h[] = {"cpu", "cpuacct", "memory", "pids", "freezer"};
	snprintf(f->cgroot, sizeof(f->cgroot), "%s/cgroup", f->tmp);
	assert_int_equal(mkdir(f->cgroot, 0755), 0);
	snprintf(path, sizeof(path), "%s/.vsmon-mode", f->cgroot);
	fx_write(path, "v1\n");
	for (size_t i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		char src[600];
		snprintf(src, sizeof(src), FX "/hybrid/cgroup/%s", h[i]);
		snprintf(path, sizeof(path), "%s/%s", f->cgroot, h[i]);
		assert_int_equal(symlink(src, path), 0);
	}
	snprintf(path, sizeof(path), "%s/blkio", f->cgroot);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/blkio/blkio.throttle.io_service_bytes", f->cgroot);
	fx_write(path, "Total 0\n");
	snprintf(path, sizeof(path), "%s/blkio/blkio.throttle.io_serviced", f->cgroot);
	fx_write(path, "Total 0\n");
	snprintf(path, sizeof(path), "%s/blkio/g1-busy", f->cgroot);
	assert_int_equal(symlink(FX "/hybrid/cgroup/blkio/g1-busy", path), 0);
	fx_guest(f, "busy", 101, "g1-busy", HIER_V1);
	fx_sample(f);
	const struct vs_context *c = fx_ctx(f, 101);
	assert_true(vs_snapshot_warnings(f->snap) & VS_W_BLKIO_OFF);
	assert_true(c->warnings & VS_W_BLKIO_OFF);
	assert_false(vs_metrics_group_any(&c->m, VS_G_IO));
	EXPECT_U64(&c->m, VS_F_CPU_USAGE_USEC, 1079505);
	if (!strstr(f->logs, "blkio accounting is off"))
		fail_msg("no blkio hint; log: %s", f->logs);
}

int main(void)
{
#define T(fn, tree) cmocka_unit_test_setup_teardown(fn, fx_setup_##tree, fx_teardown)
	const struct CMUnitTest tests[] = {
	    T(v2_host_from_proc, v2),
	    T(v2_busy, v2),
	    T(v2_after_oom_and_idle, v2),
	    T(v2_delegated_memory_only, v2),
	    T(fault_missing_cgroup, v2),
	    T(fault_unreadable_and_garbage, v2),
	    T(fault_stopped_and_broken_state, v2),
	    T(hybrid_busy_and_oom, hybrid),
	    T(hybrid_groups_asked_for, hybrid),
	    T(v1_busy_and_oom, v1),
	    T(v1_blkio_off, v1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
