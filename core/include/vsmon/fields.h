/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The field table: one definition per metric drives vstop's columns, the JSON/CSV
 * keys of batch output, the SNMP columns and the RRD data sources. */
#ifndef VSMON_FIELDS_H
#define VSMON_FIELDS_H

#include <stddef.h>

/* Metric groups: each has its own valid bit in a sample. */
enum vs_group {
	VS_G_CPU,    /* cpu / cpuacct, or cpu.stat */
	VS_G_MEM,    /* memory controller */
	VS_G_IO,     /* blkio throttle files, or io.stat */
	VS_G_IOTASK, /* per-task /proc/PID/io deltas */
	VS_G_TASKS,  /* cgroup.procs, pids controller */
	VS_G_PSI,    /* *.pressure */
	VS_G_NET,    /* host side of the guest's veth (guests issue) */
	VS_G_SMAPS,  /* cheap shared-page tier: smaps_rollup (Core III) */
	VS_G_DEEP,   /* deep shared-page tier: pagemap, kpagecount, kpagecgroup (Core III) */
	VS_G_DISK,   /* disk space of the guest's upper layer (Core III) */
	VS_G_LOAD,   /* host only: loadavg, uptime */
	VS_G__COUNT
};

enum vs_field_type {
	VS_FT_U64, /* exact integer */
	VS_FT_F64, /* rate or percentage */
};

enum vs_field_kind {
	VS_FK_COUNTER, /* cumulative; RRD DERIVE min 0, SNMP Counter64 */
	VS_FK_GAUGE,   /* a level; RRD GAUGE, SNMP CounterBasedGauge64 or Gauge32 */
	VS_FK_LIMIT,   /* a configured ceiling; unknown (null) when not set */
	VS_FK_RATE,    /* derived from two samples; never stored in RRD */
};

enum vs_field_flags {
	VS_FF_CONTEXT = 1u << 0, /* present for every context */
	VS_FF_HOST = 1u << 1,	 /* present in the host object */
	VS_FF_DEFAULT = 1u << 2, /* a default vstop column */
};

enum vs_field_id {
	/* cpu */
	VS_F_CPU_PCT,
	VS_F_CPU_USAGE_USEC,
	VS_F_CPU_USER_USEC,
	VS_F_CPU_SYSTEM_USEC,
	VS_F_CPU_THROTTLED_USEC,
	VS_F_CPU_THROTTLED_PERIODS,
	VS_F_CPU_PERIODS,
	VS_F_CPU_LIMIT_PCT,
	/* memory */
	VS_F_MEM_CURRENT_BYTES,
	VS_F_MEM_ANON_BYTES,
	VS_F_MEM_FILE_BYTES,
	VS_F_MEM_SHMEM_BYTES,
	VS_F_MEM_MAPPED_FILE_BYTES,
	VS_F_MEM_SWAP_BYTES,
	VS_F_MEM_PEAK_BYTES,
	VS_F_MEM_LIMIT_BYTES,
	VS_F_MEM_LIMIT_HITS,
	VS_F_OOM_KILLS,
	/* disk I/O */
	VS_F_IO_READ_BYTES,
	VS_F_IO_WRITE_BYTES,
	VS_F_IO_READ_OPS,
	VS_F_IO_WRITE_OPS,
	VS_F_IO_READ_BYTES_PER_SEC,
	VS_F_IO_WRITE_BYTES_PER_SEC,
	VS_F_IO_ISSUED_WRITE_BYTES_PER_SEC,
	/* network */
	VS_F_NET_RX_BYTES,
	VS_F_NET_TX_BYTES,
	VS_F_NET_RX_PACKETS,
	VS_F_NET_TX_PACKETS,
	VS_F_NET_RX_DROPPED,
	VS_F_NET_TX_DROPPED,
	/* tasks */
	VS_F_TASKS,
	VS_F_THREADS,
	VS_F_PIDS_LIMIT,
	VS_F_PIDS_LIMIT_HITS,
	/* pressure (PSI), percent of wall time over the last 10 s, and totals */
	VS_F_CPU_PRESSURE_SOME_PCT,
	VS_F_MEM_PRESSURE_SOME_PCT,
	VS_F_MEM_PRESSURE_FULL_PCT,
	VS_F_IO_PRESSURE_SOME_PCT,
	VS_F_IO_PRESSURE_FULL_PCT,
	VS_F_CPU_PRESSURE_SOME_USEC,
	VS_F_MEM_PRESSURE_SOME_USEC,
	VS_F_IO_PRESSURE_SOME_USEC,
	/* shared pages, cheap tier (Core III) */
	VS_F_RSS_BYTES,
	VS_F_PSS_BYTES,
	VS_F_USS_BYTES,
	VS_F_SHARED_BYTES,
	VS_F_SWAP_PSS_BYTES,
	VS_F_KSM_BYTES,
	/* shared pages, deep tier (Core III) */
	VS_F_CROSS_SHARED_BYTES,
	VS_F_CHARGED_TO_OTHERS_BYTES,
	VS_F_CHARGED_FOR_OTHERS_BYTES,
	VS_F_SHARED_WITH_2_BYTES,
	VS_F_SHARED_WITH_3_9_BYTES,
	VS_F_SHARED_WITH_10_PLUS_BYTES,
	VS_F_TEMPLATE_SAVED_BYTES,
	VS_F_DEEP_RSS_BYTES,
	VS_F_DEEP_PSS_BYTES,
	VS_F_DISTINCT_BYTES,
	VS_F_SHARING_SAVED_BYTES,
	/* disk space (Core III) */
	VS_F_DISK_UPPER_BYTES,
	VS_F_DISK_SHARED_BYTES,
	VS_F_TEMPLATE_DISK_SAVED_BYTES,
	/* host only */
	VS_F_NCPU,
	VS_F_MEM_TOTAL_BYTES,
	VS_F_MEM_USED_BYTES,
	VS_F_MEM_AVAILABLE_BYTES,
	VS_F_SWAP_TOTAL_BYTES,
	VS_F_LOAD1,
	VS_F_LOAD5,
	VS_F_LOAD15,
	VS_F_UPTIME_SEC,
	VS_F_MEM_LIMIT_SUM_BYTES,
	VS_F__COUNT
};

struct vs_field {
	enum vs_field_id id;
	const char *key;   /* JSON/CSV key, with its unit: "cpu_usage_usec" */
	const char *title; /* vstop column title: "CPU%" */
	const char *unit;  /* "usec", "bytes", "percent", "count", "bytes/s", "sec" */
	enum vs_field_type type;
	enum vs_field_kind kind;
	enum vs_group group;
	unsigned flags;	    /* enum vs_field_flags */
	unsigned width;	    /* vstop column width */
	const char *desc;   /* one line: what it means */
	const char *src_v1; /* where it comes from on cgroup v1 */
	const char *src_v2; /* where it comes from on cgroup v2 */
	const char *cost;   /* what it costs to collect */
};

extern const struct vs_field vs_fields[VS_F__COUNT];

static inline const struct vs_field *vs_field(enum vs_field_id id)
{
	return &vs_fields[id];
}

/* By key ("cpu_pct"), or NULL. */
const struct vs_field *vs_field_by_key(const char *key);
const char *vs_group_name(enum vs_group g);

#endif
