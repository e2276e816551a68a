// SPDX-License-Identifier: GPL-2.0-or-later
/* The field table. Adding a field here adds a vstop column, a JSON/CSV key and
 * (for counters and gauges) an RRD data source and SNMP column candidate.
 * docs/fields.md is generated from this table (tests check it is current). */
#include <string.h>

#include <vsmon/fields.h>

#define CTX  VS_FF_CONTEXT
#define HOST VS_FF_HOST
#define DEF  VS_FF_DEFAULT
#define F(ID, KEY, TITLE, UNIT, TYPE, KIND, GROUP, FLAGS, W, DESC, V1, V2, COST)                   \
	[VS_F_##ID] = {VS_F_##ID, KEY, TITLE, UNIT, VS_FT_##TYPE, VS_FK_##KIND, VS_G_##GROUP,      \
		       FLAGS,	  W,   DESC,  V1,   V2,		  COST}

#define CHEAP	    "one pread of a kept-open file per sample"
#define CHEAP_PARSE "shares one pread and parse of the file per sample"
#define TWO_SAMPLES "computed from two consecutive samples; no extra I/O"

const struct vs_field vs_fields[VS_F__COUNT] = {
    F(CPU_PCT, "cpu_pct", "CPU%", "percent", F64, RATE, CPU, CTX | HOST | DEF, 6,
      "CPU time used over the last interval, in percent of one CPU (2 CPUs reach 200)",
      "delta of cpuacct.usage / elapsed", "delta of cpu.stat usage_usec / elapsed", TWO_SAMPLES),
    F(CPU_USAGE_USEC, "cpu_usage_usec", "CPUTIME", "usec", U64, COUNTER, CPU, CTX | HOST, 10,
      "Total CPU time used (user + system), cumulative",
      "cpuacct.usage (ns / 1000); host: /proc/stat", "cpu.stat usage_usec; host: /proc/stat",
      CHEAP),
    F(CPU_USER_USEC, "cpu_user_usec", "USER", "usec", U64, COUNTER, CPU, CTX | HOST, 10,
      "CPU time in user mode, cumulative", "cpuacct.usage_user (ns / 1000)", "cpu.stat user_usec",
      CHEAP),
    F(CPU_SYSTEM_USEC, "cpu_system_usec", "SYS", "usec", U64, COUNTER, CPU, CTX | HOST, 10,
      "CPU time in kernel mode, cumulative", "cpuacct.usage_sys (ns / 1000)",
      "cpu.stat system_usec", CHEAP),
    F(CPU_THROTTLED_USEC, "cpu_throttled_usec", "THRTL", "usec", U64, COUNTER, CPU, CTX, 10,
      "Time the context's tasks were held back by its CPU cap (cpu.max), cumulative",
      "cpu.stat throttled_time (ns / 1000)", "cpu.stat throttled_usec", CHEAP),
    F(CPU_THROTTLED_PERIODS, "cpu_throttled_periods", "THRP", "count", U64, COUNTER, CPU, CTX, 8,
      "Enforcement periods in which the CPU cap was reached, cumulative", "cpu.stat nr_throttled",
      "cpu.stat nr_throttled", CHEAP_PARSE),
    F(CPU_PERIODS, "cpu_periods", "PERIODS", "count", U64, COUNTER, CPU, CTX, 8,
      "Enforcement periods in which the context ran under a CPU cap, cumulative",
      "cpu.stat nr_periods", "cpu.stat nr_periods", CHEAP_PARSE),
    F(CPU_LIMIT_PCT, "cpu_limit_pct", "CPULIM", "percent", F64, LIMIT, CPU, CTX, 6,
      "CPU cap in percent of one CPU; null when not capped", "cpu.cfs_quota_us / cpu.cfs_period_us",
      "cpu.max", CHEAP),

    F(MEM_CURRENT_BYTES, "mem_current_bytes", "MEM", "bytes", U64, GAUGE, MEM, CTX | HOST | DEF, 7,
      "Memory charged to the context: anon, page cache, shmem and kernel memory. Shared pages "
      "are charged to whoever touched them first",
      "memory.usage_in_bytes; host: MemTotal - MemFree", "memory.current; host: /proc/meminfo",
      CHEAP),
    F(MEM_ANON_BYTES, "mem_anon_bytes", "ANON", "bytes", U64, GAUGE, MEM, CTX | HOST, 7,
      "Anonymous memory (heap, stack) charged to the context",
      "memory.stat total_rss; host: AnonPages", "memory.stat anon; host: AnonPages", CHEAP_PARSE),
    F(MEM_FILE_BYTES, "mem_file_bytes", "FILE", "bytes", U64, GAUGE, MEM, CTX | HOST, 7,
      "Page cache charged to the context (shmem included)",
      "memory.stat total_cache; host: Cached + Buffers", "memory.stat file; host: Cached + Buffers",
      CHEAP_PARSE),
    F(MEM_SHMEM_BYTES, "mem_shmem_bytes", "SHMEM", "bytes", U64, GAUGE, MEM, CTX | HOST, 7,
      "Shared memory and tmpfs pages charged to the context (part of file)",
      "memory.stat total_shmem; host: Shmem", "memory.stat shmem; host: Shmem", CHEAP_PARSE),
    F(MEM_MAPPED_FILE_BYTES, "mem_mapped_file_bytes", "MAPPED", "bytes", U64, GAUGE, MEM,
      CTX | HOST, 7, "Page cache mapped into the context's processes",
      "memory.stat total_mapped_file; host: Mapped", "memory.stat file_mapped; host: Mapped",
      CHEAP_PARSE),
    F(MEM_SWAP_BYTES, "mem_swap_bytes", "SWAP", "bytes", U64, GAUGE, MEM, CTX | HOST, 7,
      "Swap used by the context",
      "memory.stat total_swap (needs swap accounting); host: SwapTotal - SwapFree",
      "memory.swap.current; host: SwapTotal - SwapFree", CHEAP),
    F(MEM_PEAK_BYTES, "mem_peak_bytes", "PEAK", "bytes", U64, GAUGE, MEM, CTX, 7,
      "Highest memory charge seen since the cgroup was created", "memory.max_usage_in_bytes",
      "memory.peak (Linux 5.19)", CHEAP),
    F(MEM_LIMIT_BYTES, "mem_limit_bytes", "LIMIT", "bytes", U64, LIMIT, MEM, CTX | DEF, 7,
      "Memory limit; null when not set", "memory.limit_in_bytes (unlimited: null)",
      "memory.max (max: null)", CHEAP),
    F(MEM_LIMIT_HITS, "mem_limit_hits", "HITS", "count", U64, COUNTER, MEM, CTX | DEF, 6,
      "Times the memory charge hit the limit and had to reclaim, cumulative", "memory.failcnt",
      "memory.events max", CHEAP),
    F(OOM_KILLS, "oom_kills", "OOM", "count", U64, COUNTER, MEM, CTX | DEF, 4,
      "Processes killed by the OOM killer because of the limit, cumulative",
      "memory.oom_control oom_kill (Linux 4.13)", "memory.events oom_kill (Linux 4.13)", CHEAP),

    F(IO_READ_BYTES, "io_read_bytes", "RBYTES", "bytes", U64, COUNTER, IO, CTX | HOST, 8,
      "Bytes read from block devices, cumulative",
      "blkio.throttle.io_service_bytes_recursive Read (needs accounting on); host: "
      "/proc/diskstats",
      "io.stat rbytes; host: /proc/diskstats", CHEAP),
    F(IO_WRITE_BYTES, "io_write_bytes", "WBYTES", "bytes", U64, COUNTER, IO, CTX | HOST, 8,
      "Bytes written to block devices and charged to the context, cumulative. v1 cannot charge "
      "buffered writeback (see io_issued_write_bytes_per_sec)",
      "blkio.throttle.io_service_bytes_recursive Write", "io.stat wbytes", CHEAP),
    F(IO_READ_OPS, "io_read_ops", "RIOS", "count", U64, COUNTER, IO, CTX | HOST, 7,
      "Read requests completed, cumulative", "blkio.throttle.io_serviced_recursive Read",
      "io.stat rios", CHEAP),
    F(IO_WRITE_OPS, "io_write_ops", "WIOS", "count", U64, COUNTER, IO, CTX | HOST, 7,
      "Write requests completed, cumulative", "blkio.throttle.io_serviced_recursive Write",
      "io.stat wios", CHEAP),
    F(IO_READ_BYTES_PER_SEC, "io_read_bytes_per_sec", "READ/s", "bytes/s", F64, RATE, IO,
      CTX | HOST | DEF, 7, "Block device read rate over the last interval",
      "delta of io_read_bytes / elapsed", "delta of io_read_bytes / elapsed", TWO_SAMPLES),
    F(IO_WRITE_BYTES_PER_SEC, "io_write_bytes_per_sec", "WRITE/s", "bytes/s", F64, RATE, IO,
      CTX | HOST | DEF, 7, "Block device write rate over the last interval",
      "delta of io_write_bytes / elapsed", "delta of io_write_bytes / elapsed", TWO_SAMPLES),
    F(IO_ISSUED_WRITE_BYTES_PER_SEC, "io_issued_write_bytes_per_sec", "ISSUED/s", "bytes/s", F64,
      RATE, IOTASK, CTX, 8,
      "Rate at which the context's tasks dirty or write data, buffered writes included; a task "
      "that exits loses its last interval",
      "per-task delta of /proc/PID/io write_bytes", "per-task delta of /proc/PID/io write_bytes",
      "one open and read of /proc/PID/io per process per sample"),

    F(NET_RX_BYTES, "net_rx_bytes", "RXBYTES", "bytes", U64, COUNTER, NET, CTX, 8,
      "Bytes received by the guest (sent by the host side of its veth), cumulative",
      "/sys/class/net/VETH/statistics/tx_bytes", "/sys/class/net/VETH/statistics/tx_bytes", CHEAP),
    F(NET_TX_BYTES, "net_tx_bytes", "TXBYTES", "bytes", U64, COUNTER, NET, CTX, 8,
      "Bytes sent by the guest, cumulative", "/sys/class/net/VETH/statistics/rx_bytes",
      "/sys/class/net/VETH/statistics/rx_bytes", CHEAP),
    F(NET_RX_PACKETS, "net_rx_packets", "RXPKT", "count", U64, COUNTER, NET, CTX, 8,
      "Packets received by the guest, cumulative", "statistics/tx_packets of the host side",
      "statistics/tx_packets of the host side", CHEAP),
    F(NET_TX_PACKETS, "net_tx_packets", "TXPKT", "count", U64, COUNTER, NET, CTX, 8,
      "Packets sent by the guest, cumulative", "statistics/rx_packets of the host side",
      "statistics/rx_packets of the host side", CHEAP),
    F(NET_RX_DROPPED, "net_rx_dropped", "RXDROP", "count", U64, COUNTER, NET, CTX, 6,
      "Packets to the guest that were dropped, cumulative",
      "statistics/tx_dropped of the host side", "statistics/tx_dropped of the host side", CHEAP),
    F(NET_TX_DROPPED, "net_tx_dropped", "TXDROP", "count", U64, COUNTER, NET, CTX, 6,
      "Packets from the guest that were dropped, cumulative",
      "statistics/rx_dropped of the host side", "statistics/rx_dropped of the host side", CHEAP),

    F(TASKS, "tasks", "TASKS", "count", U64, GAUGE, TASKS, CTX | HOST | DEF, 5,
      "Processes in the context", "lines of cgroup.procs; host: /proc", "lines of cgroup.procs",
      "one pread of cgroup.procs per sample"),
    F(THREADS, "threads", "THR", "count", U64, GAUGE, TASKS, CTX | HOST, 5,
      "Threads in the context (what the pids limit counts)", "pids.current; host: /proc/loadavg",
      "pids.current; host: /proc/loadavg", CHEAP),
    F(PIDS_LIMIT, "pids_limit", "PIDLIM", "count", U64, LIMIT, TASKS, CTX, 6,
      "Maximum number of tasks; null when not set", "pids.max (max: null)", "pids.max (max: null)",
      CHEAP),
    F(PIDS_LIMIT_HITS, "pids_limit_hits", "PIDHIT", "count", U64, COUNTER, TASKS, CTX, 6,
      "Forks refused because of the pids limit, cumulative", "pids.events max", "pids.events max",
      CHEAP),

    F(CPU_PRESSURE_SOME_PCT, "cpu_pressure_some_pct", "CPUPSI", "percent", F64, GAUGE, PSI,
      CTX | HOST, 6, "Share of the last 10 s in which some task waited for CPU",
      "unified hierarchy cpu.pressure some avg10; host: /proc/pressure/cpu",
      "cpu.pressure some avg10", CHEAP),
    F(MEM_PRESSURE_SOME_PCT, "mem_pressure_some_pct", "MEMPSI", "percent", F64, GAUGE, PSI,
      CTX | HOST, 6, "Share of the last 10 s in which some task stalled on memory",
      "unified hierarchy memory.pressure some avg10", "memory.pressure some avg10", CHEAP),
    F(MEM_PRESSURE_FULL_PCT, "mem_pressure_full_pct", "MEMPSIF", "percent", F64, GAUGE, PSI,
      CTX | HOST, 7, "Share of the last 10 s in which all tasks stalled on memory",
      "unified hierarchy memory.pressure full avg10", "memory.pressure full avg10", CHEAP_PARSE),
    F(IO_PRESSURE_SOME_PCT, "io_pressure_some_pct", "IOPSI", "percent", F64, GAUGE, PSI, CTX | HOST,
      6, "Share of the last 10 s in which some task waited for I/O",
      "unified hierarchy io.pressure some avg10", "io.pressure some avg10", CHEAP),
    F(IO_PRESSURE_FULL_PCT, "io_pressure_full_pct", "IOPSIF", "percent", F64, GAUGE, PSI,
      CTX | HOST, 6, "Share of the last 10 s in which all tasks waited for I/O",
      "unified hierarchy io.pressure full avg10", "io.pressure full avg10", CHEAP_PARSE),
    F(CPU_PRESSURE_SOME_USEC, "cpu_pressure_some_usec", "CPUSTALL", "usec", U64, COUNTER, PSI,
      CTX | HOST, 9, "Total time some task waited for CPU, cumulative",
      "unified hierarchy cpu.pressure some total", "cpu.pressure some total", CHEAP_PARSE),
    F(MEM_PRESSURE_SOME_USEC, "mem_pressure_some_usec", "MEMSTALL", "usec", U64, COUNTER, PSI,
      CTX | HOST, 9, "Total time some task stalled on memory, cumulative",
      "unified hierarchy memory.pressure some total", "memory.pressure some total", CHEAP_PARSE),
    F(IO_PRESSURE_SOME_USEC, "io_pressure_some_usec", "IOSTALL", "usec", U64, COUNTER, PSI,
      CTX | HOST, 9, "Total time some task waited for I/O, cumulative",
      "unified hierarchy io.pressure some total", "io.pressure some total", CHEAP_PARSE),

    F(RSS_BYTES, "rss_bytes", "RSS", "bytes", U64, GAUGE, SMAPS, CTX, 7,
      "Resident memory summed over the context's processes; pages shared between its "
      "processes count once per process",
      "/proc/PID/smaps_rollup Rss (Linux 4.14)", "/proc/PID/smaps_rollup Rss (Linux 4.14)",
      "one read of smaps_rollup per process per sample"),
    F(PSS_BYTES, "pss_bytes", "PSS", "bytes", U64, GAUGE, SMAPS, CTX | DEF, 7,
      "Proportional set size: each resident page divided by the number of processes mapping it",
      "/proc/PID/smaps_rollup Pss", "/proc/PID/smaps_rollup Pss", "shares the smaps_rollup read"),
    F(USS_BYTES, "uss_bytes", "USS", "bytes", U64, GAUGE, SMAPS, CTX, 7,
      "Unique set size: pages mapped by one process only (private clean + dirty)",
      "/proc/PID/smaps_rollup Private_Clean + Private_Dirty", "same as v1",
      "shares the smaps_rollup read"),
    F(SHARED_BYTES, "shared_bytes", "SHARED", "bytes", U64, GAUGE, SMAPS, CTX | DEF, 7,
      "Resident pages that some other process maps too (shared clean + dirty)",
      "/proc/PID/smaps_rollup Shared_Clean + Shared_Dirty", "same as v1",
      "shares the smaps_rollup read"),
    F(SWAP_PSS_BYTES, "swap_pss_bytes", "SWAPPSS", "bytes", U64, GAUGE, SMAPS, CTX, 7,
      "Swapped-out pages, each divided by the number of processes sharing it",
      "/proc/PID/smaps_rollup SwapPss", "same as v1", "shares the smaps_rollup read"),
    F(KSM_BYTES, "ksm_bytes", "KSM", "bytes", U64, GAUGE, SMAPS, CTX, 7,
      "Pages merged by KSM in the context's processes", "/proc/PID/smaps_rollup KSM", "same as v1",
      "shares the smaps_rollup read"),

    F(CROSS_SHARED_BYTES, "cross_shared_bytes", "XSHARED", "bytes", U64, GAUGE, DEEP, CTX | DEF, 7,
      "Bytes the context maps that at least one other context also maps",
      "pagemap + kpagecount + kpagecgroup (root)", "same as v1",
      "deep scan, on deep_scan_interval"),
    F(CHARGED_TO_OTHERS_BYTES, "charged_to_others_bytes", "RIDES", "bytes", U64, GAUGE, DEEP, CTX,
      7, "Bytes the context maps whose pages are charged to another context (it rides free)",
      "pagemap + kpagecgroup", "same as v1", "deep scan"),
    F(CHARGED_FOR_OTHERS_BYTES, "charged_for_others_bytes", "PAYS", "bytes", U64, GAUGE, DEEP, CTX,
      7, "Bytes charged to the context that other contexts map too (it pays for others)",
      "pagemap + kpagecgroup", "same as v1", "deep scan"),
    F(SHARED_WITH_2_BYTES, "shared_with_2_bytes", "SH2", "bytes", U64, GAUGE, DEEP, CTX, 7,
      "Bytes the context shares with exactly one other context", "pagemap", "same as v1",
      "deep scan"),
    F(SHARED_WITH_3_9_BYTES, "shared_with_3_9_bytes", "SH3-9", "bytes", U64, GAUGE, DEEP, CTX, 7,
      "Bytes the context shares with 2 to 8 other contexts", "pagemap", "same as v1", "deep scan"),
    F(SHARED_WITH_10_PLUS_BYTES, "shared_with_10_plus_bytes", "SH10+", "bytes", U64, GAUGE, DEEP,
      CTX, 7, "Bytes the context shares with 9 or more other contexts", "pagemap", "same as v1",
      "deep scan"),

    F(DISK_UPPER_BYTES, "disk_upper_bytes", "DISK", "bytes", U64, GAUGE, DISK, CTX, 7,
      "Disk space of the guest's own layer (its changes to the template)",
      "walk of the overlay upper directory", "same as v1", "tree walk, on disk_scan_interval"),
    F(DISK_SHARED_BYTES, "disk_shared_bytes", "DSHARED", "bytes", U64, GAUGE, DISK, CTX, 7,
      "Template bytes the guest uses without having copied them up",
      "template size minus copied-up files", "same as v1", "tree walk, on disk_scan_interval"),

    F(NCPU, "ncpu", "NCPU", "count", U64, GAUGE, CPU, HOST, 4, "Online CPUs",
      "/proc/stat cpuN lines", "/proc/stat cpuN lines", CHEAP_PARSE),
    F(MEM_TOTAL_BYTES, "mem_total_bytes", "MEMTOT", "bytes", U64, GAUGE, MEM, HOST, 7,
      "Physical memory", "/proc/meminfo MemTotal", "/proc/meminfo MemTotal", CHEAP_PARSE),
    F(MEM_USED_BYTES, "mem_used_bytes", "MEMUSED", "bytes", U64, GAUGE, MEM, HOST, 7,
      "Memory in use, not counting reclaimable cache (MemTotal - MemAvailable)", "/proc/meminfo",
      "/proc/meminfo", CHEAP_PARSE),
    F(MEM_AVAILABLE_BYTES, "mem_available_bytes", "MEMAVAIL", "bytes", U64, GAUGE, MEM, HOST, 7,
      "Memory available for new work without swapping", "/proc/meminfo MemAvailable",
      "/proc/meminfo MemAvailable", CHEAP_PARSE),
    F(SWAP_TOTAL_BYTES, "swap_total_bytes", "SWAPTOT", "bytes", U64, GAUGE, MEM, HOST, 7,
      "Swap space", "/proc/meminfo SwapTotal", "/proc/meminfo SwapTotal", CHEAP_PARSE),
    F(LOAD1, "load1", "LOAD1", "count", F64, GAUGE, LOAD, HOST, 5, "Load average, 1 minute",
      "/proc/loadavg", "/proc/loadavg", CHEAP),
    F(LOAD5, "load5", "LOAD5", "count", F64, GAUGE, LOAD, HOST, 5, "Load average, 5 minutes",
      "/proc/loadavg", "/proc/loadavg", CHEAP_PARSE),
    F(LOAD15, "load15", "LOAD15", "count", F64, GAUGE, LOAD, HOST, 5, "Load average, 15 minutes",
      "/proc/loadavg", "/proc/loadavg", CHEAP_PARSE),
    F(UPTIME_SEC, "uptime_sec", "UPTIME", "sec", F64, GAUGE, LOAD, HOST, 8, "Time since boot",
      "/proc/uptime", "/proc/uptime", CHEAP),
    F(MEM_LIMIT_SUM_BYTES, "mem_limit_sum_bytes", "LIMSUM", "bytes", U64, GAUGE, MEM, HOST, 7,
      "Sum of the running guests' memory limits (overcommitment against mem_total_bytes); null "
      "if any running guest has no limit",
      "sum of memory.limit_in_bytes", "sum of memory.max", TWO_SAMPLES),
};

const struct vs_field *vs_field_by_key(const char *key)
{
	for (size_t i = 0; i < VS_F__COUNT; i++)
		if (strcmp(vs_fields[i].key, key) == 0)
			return &vs_fields[i];
	return NULL;
}

static const char *const fields_group_names[VS_G__COUNT] = {
    [VS_G_CPU] = "cpu",		[VS_G_MEM] = "memory",	[VS_G_IO] = "io",
    [VS_G_IOTASK] = "iotask",	[VS_G_TASKS] = "tasks", [VS_G_PSI] = "pressure",
    [VS_G_NET] = "network",	[VS_G_SMAPS] = "smaps", [VS_G_DEEP] = "deepscan",
    [VS_G_DISK] = "disk_space", [VS_G_LOAD] = "load",
};

const char *vs_group_name(enum vs_group g)
{
	return (unsigned)g < VS_G__COUNT ? fields_group_names[g] : "?";
}
