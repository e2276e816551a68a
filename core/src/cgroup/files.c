// SPDX-License-Identifier: GPL-2.0-or-later
/* The file table of both layouts. Kernel versions beside files that are newer than
 * the 4.x kernels every supported distribution has. */
#include "cgroup/backend.h"

#define V1(h) VS_H_##h
#define NOV1  VS_H__COUNT

const struct cg_file_def cg_files[CGF__COUNT] = {
    [CGF_CPUACCT_USAGE] = {"cpuacct.usage", V1(CPUACCT), false, VS_G_CPU},
    [CGF_CPUACCT_USER] = {"cpuacct.usage_user", V1(CPUACCT), false, VS_G_CPU}, /* 4.7 */
    [CGF_CPUACCT_SYS] = {"cpuacct.usage_sys", V1(CPUACCT), false, VS_G_CPU},   /* 4.7 */
    [CGF_CPUACCT_ALL] = {"cpuacct.usage_all", V1(CPUACCT), false, VS_G_CPU},   /* 4.7 */
    [CGF_CPU_STAT] = {"cpu.stat", V1(CPU), true, VS_G_CPU},
    [CGF_CPU_QUOTA] = {"cpu.cfs_quota_us", V1(CPU), false, VS_G_CPU},
    [CGF_CPU_PERIOD] = {"cpu.cfs_period_us", V1(CPU), false, VS_G_CPU},
    [CGF_MEM_USAGE] = {"memory.usage_in_bytes", V1(MEMORY), false, VS_G_MEM},
    [CGF_MEM_STAT] = {"memory.stat", V1(MEMORY), true, VS_G_MEM},
    [CGF_MEM_LIMIT] = {"memory.limit_in_bytes", V1(MEMORY), false, VS_G_MEM},
    [CGF_MEM_MAXUSAGE] = {"memory.max_usage_in_bytes", V1(MEMORY), false, VS_G_MEM},
    [CGF_MEM_FAILCNT] = {"memory.failcnt", V1(MEMORY), false, VS_G_MEM},
    [CGF_MEM_MEMSW_FAILCNT] = {"memory.memsw.failcnt", V1(MEMORY), false, VS_G_MEM},
    [CGF_MEM_OOMCTL] = {"memory.oom_control", V1(MEMORY), false, VS_G_MEM}, /* oom_kill: 4.13 */
    [CGF_BLKIO_BYTES] = {"blkio.throttle.io_service_bytes_recursive", V1(BLKIO), false, VS_G_IO},
    [CGF_BLKIO_IOS] = {"blkio.throttle.io_serviced_recursive", V1(BLKIO), false, VS_G_IO},
    [CGF_CPU_MAX] = {"cpu.max", NOV1, true, VS_G_CPU},
    [CGF_MEM_CURRENT] = {"memory.current", NOV1, true, VS_G_MEM},
    [CGF_MEM_MAX] = {"memory.max", NOV1, true, VS_G_MEM},
    [CGF_MEM_PEAK] = {"memory.peak", NOV1, true, VS_G_MEM}, /* 5.19 */
    [CGF_MEM_EVENTS] = {"memory.events", NOV1, true, VS_G_MEM},
    [CGF_MEM_SWAP_CURRENT] = {"memory.swap.current", NOV1, true, VS_G_MEM},
    [CGF_IO_STAT] = {"io.stat", NOV1, true, VS_G_IO},
    [CGF_PIDS_CURRENT] = {"pids.current", V1(PIDS), true, VS_G_TASKS},
    [CGF_PIDS_MAX] = {"pids.max", V1(PIDS), true, VS_G_TASKS},
    [CGF_PIDS_EVENTS] = {"pids.events", V1(PIDS), true, VS_G_TASKS},
    [CGF_PROCS] = {"cgroup.procs", NOV1, true, VS_G_TASKS}, /* v1: from pids, memory or cpu */
    /* Pressure per cgroup: 4.20; on hybrid from the context's unified-hierarchy cgroup. */
    [CGF_CPU_PRESSURE] = {"cpu.pressure", V1(UNIFIED), true, VS_G_PSI},
    [CGF_MEM_PRESSURE] = {"memory.pressure", V1(UNIFIED), true, VS_G_PSI},
    [CGF_IO_PRESSURE] = {"io.pressure", V1(UNIFIED), true, VS_G_PSI},
};
