/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pure parsers of kernel and config text. Each takes a NUL-terminated buffer, never
 * touches the file system, and is tested on strings and fuzzed (fuzz/). */
#ifndef VS_PARSE_H
#define VS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A whole string as an unsigned decimal; trailing whitespace allowed. */
int vs_parse_u64(const char *s, uint64_t *out);

/* A limit file: "max" (v2) or a number. v1 writes "unlimited" as a huge number
 * (PAGE_COUNTER_MAX pages, or -1 for cfs_quota_us): values >= 2^62 and negative
 * values are unlimited. *unlimited tells which; *out is untouched then. */
int vs_parse_limit(const char *s, uint64_t *out, bool *unlimited);

/* "key value" files: cpu.stat, memory.stat, memory.events, pids.events,
 * memory.oom_control, /proc/meminfo ("Key:  N kB"), /proc/PID/io ("key: N"),
 * smaps_rollup ("Key:  N kB"). A " kB" suffix multiplies by 1024.
 * keys: NULL-terminated list; vals[i] is set and bit i of *found when key i is seen.
 * Unknown keys are skipped (kernels add fields). Returns 0, or -EINVAL when a wanted
 * key's value is malformed. */
int vs_parse_keyed(const char *buf, const char *const *keys, uint64_t *vals, uint64_t *found);

/* cpuacct.usage_all (v1, Linux 4.7): "cpu user system" then "N USER_NS SYSTEM_NS" per
 * CPU; summed. The same split as cpuacct.usage_user and usage_sys, in one read. */
int vs_parse_cpuacct_all(const char *buf, uint64_t *user_ns, uint64_t *system_ns);

/* io.stat (v2): "MAJ:MIN rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N" per device,
 * summed. out: [0] rbytes [1] wbytes [2] rios [3] wios. */
int vs_parse_io_stat(const char *buf, uint64_t out[4]);

/* blkio.throttle.io_service_bytes / io_serviced (v1): "MAJ:MIN Read N" ... "Total N",
 * Read and Write summed over devices. out: [0] read [1] write. */
int vs_parse_blkio_throttle(const char *buf, uint64_t out[2]);

/* Whether a blkio throttle file has any device lines (accounting on). */
bool vs_blkio_has_devices(const char *buf);

/* *.pressure (Linux 4.20): "some avg10=A avg60=B avg300=C total=T" and "full ...".
 * cpu.pressure has "full" since 5.13, all zero at the root. */
struct vs_psi {
	double some_avg10, full_avg10;
	uint64_t some_total_usec, full_total_usec;
	bool has_some, has_full;
};
int vs_parse_pressure(const char *buf, struct vs_psi *out);

/* /proc/stat: the "cpu" line in USER_HZ ticks, and the number of cpuN lines. */
struct vs_proc_stat {
	uint64_t user, nice, system, idle, iowait, irq, softirq, steal;
	unsigned ncpu;
};
int vs_parse_proc_stat(const char *buf, struct vs_proc_stat *out);

/* /proc/diskstats summed over the devices accepted by want(name). out: [0] read
 * sectors [1] written sectors [2] reads completed [3] writes completed. */
int vs_parse_diskstats(const char *buf, bool (*want)(const char *name, void *data), void *data,
		       uint64_t out[4]);

/* /proc/loadavg: "0.00 0.01 0.05 1/123 4567". */
int vs_parse_loadavg(const char *buf, double load[3], uint64_t *threads);

/* /proc/PID/stat. comm may contain spaces and ')' : the last ')' ends it. */
struct vs_pid_stat {
	char comm[16];
	char state;
	int ppid;
	uint64_t minflt, majflt; /* page faults, all threads */
	uint64_t utime, stime;	 /* ticks */
	uint64_t num_threads;
	uint64_t starttime; /* ticks after boot */
	uint64_t vsize_bytes;
	uint64_t rss_pages;
};
int vs_parse_pid_stat(const char *buf, struct vs_pid_stat *out);

/* cgroup.procs / tasks: one pid per line. Calls fn for each (may be NULL to count).
 * Returns the count, or -EINVAL on a malformed line. */
long vs_parse_pid_list(const char *buf, void (*fn)(int pid, void *data), void *data);

/* /proc/PID/cgroup: "ID:CONTROLLERS:PATH". Finds the line whose controller list
 * holds ctrl (for v1; "name=systemd" too), or the "0::" line when ctrl is "". *path
 * points into buf and *plen is its length. */
int vs_parse_pid_cgroup(const char *buf, const char *ctrl, const char **path, size_t *plen);

#endif
