// SPDX-License-Identifier: GPL-2.0-or-later
/* The column tables of VSMON-MIB: which field of the engine each column serves. */
#include <stdio.h>

#include "agent.h"
#include "oids.h"

#define FC(N, NAME, F) [N] = {N, "vsmonContext" NAME, VSA_C_FIELD, VS_F_##F}

const struct vsa_column vsa_ctx_columns[VSA_CTX_MAX_COL + 1] = {
    [2] = {2, "vsmonContextName", VSA_C_NAME, 0},
    [3] = {3, "vsmonContextState", VSA_C_STATE, 0},
    [4] = {4, "vsmonContextCgroup", VSA_C_CGROUP, 0},
    [5] = {5, "vsmonContextStartTime", VSA_C_START, 0},
    [6] = {6, "vsmonContextDiscontinuityTime", VSA_C_DISC, 0},
    FC(7, "CpuUsage", CPU_USAGE_USEC),
    FC(8, "CpuUser", CPU_USER_USEC),
    FC(9, "CpuSystem", CPU_SYSTEM_USEC),
    FC(10, "CpuThrottled", CPU_THROTTLED_USEC),
    FC(11, "CpuThrottledPeriods", CPU_THROTTLED_PERIODS),
    FC(12, "MemUsed", MEM_CURRENT_BYTES),
    FC(13, "MemAnon", MEM_ANON_BYTES),
    FC(14, "MemFile", MEM_FILE_BYTES),
    FC(15, "MemShmem", MEM_SHMEM_BYTES),
    FC(16, "MemMappedFile", MEM_MAPPED_FILE_BYTES),
    FC(17, "MemSwap", MEM_SWAP_BYTES),
    FC(18, "MemPeak", MEM_PEAK_BYTES),
    FC(19, "MemLimit", MEM_LIMIT_BYTES),
    FC(20, "MemLimitHits", MEM_LIMIT_HITS),
    FC(21, "OomKills", OOM_KILLS),
    FC(22, "IoReadBytes", IO_READ_BYTES),
    FC(23, "IoWriteBytes", IO_WRITE_BYTES),
    FC(24, "IoReadOps", IO_READ_OPS),
    FC(25, "IoWriteOps", IO_WRITE_OPS),
    FC(26, "Tasks", TASKS),
    FC(27, "Threads", THREADS),
    FC(28, "PidsLimit", PIDS_LIMIT),
    FC(29, "PidsLimitHits", PIDS_LIMIT_HITS),
    FC(30, "NetRxBytes", NET_RX_BYTES),
    FC(31, "NetTxBytes", NET_TX_BYTES),
    FC(32, "NetRxPackets", NET_RX_PACKETS),
    FC(33, "NetTxPackets", NET_TX_PACKETS),
    FC(34, "NetRxDropped", NET_RX_DROPPED),
    FC(35, "NetTxDropped", NET_TX_DROPPED),
    FC(36, "DiskUpper", DISK_UPPER_BYTES),
    FC(37, "Rss", RSS_BYTES),
    FC(38, "Pss", PSS_BYTES),
    FC(39, "Uss", USS_BYTES),
    FC(40, "Shared", SHARED_BYTES),
    FC(41, "CrossShared", CROSS_SHARED_BYTES),
    FC(42, "ChargedToOthers", CHARGED_TO_OTHERS_BYTES),
    FC(43, "ChargedForOthers", CHARGED_FOR_OTHERS_BYTES),
};

u_char vsa_field_asn(enum vs_field_id f)
{
	const struct vs_field *d = vs_field(f);
	if (d->kind == VS_FK_COUNTER)
		return ASN_COUNTER64;
	/* levels in bytes are CounterBasedGauge64; task counts are Gauge32 */
	return d->unit[0] == 'b' ? ASN_COUNTER64 : ASN_GAUGE;
}

const struct vsa_resource_def vsa_resources[VSA_RES__MAX + 1] = {
    [VSA_RES_MEMORY] = {"bytes", VS_F_MEM_CURRENT_BYTES, VS_F_MEM_PEAK_BYTES, -1,
			VS_F_MEM_LIMIT_BYTES, VS_F_MEM_LIMIT_HITS},
    [VSA_RES_TASKS] = {"threads", VS_F_THREADS, -1, -1, VS_F_PIDS_LIMIT, VS_F_PIDS_LIMIT_HITS},
    [VSA_RES_CPU] = {"percent of one CPU", VS_F_CPU_PCT, -1, -1, VS_F_CPU_LIMIT_PCT,
		     VS_F_CPU_THROTTLED_PERIODS},
};

const char *const vsa_limit_col_names[VSA_L_FAILCOUNT + 1] = {
    [VSA_L_UNITS] = "vsmonLimitUnits",	   [VSA_L_CURRENT] = "vsmonLimitCurrent",
    [VSA_L_MAXHELD] = "vsmonLimitMaxHeld", [VSA_L_SOFT] = "vsmonLimitSoft",
    [VSA_L_HARD] = "vsmonLimitHard",	   [VSA_L_FAILCOUNT] = "vsmonLimitFailCount",
};

static const char *oids_type_name(u_char asn)
{
	switch (asn) {
	case ASN_COUNTER64:
		return "Counter64";
	case ASN_GAUGE:
		return "Gauge32";
	case ASN_INTEGER:
		return "INTEGER";
	case ASN_TIMETICKS:
		return "TimeTicks";
	default:
		return "OCTET-STRING";
	}
}

#define OIDS_PREFIX ".1.3.6.1.4.1.8072.9999.9999.86"

void vsa_dump_oids(void)
{
	static const struct {
		const char *name;
		const char *oid;
		u_char asn;
	} scalars[] = {
	    {"vsmonAgentSoftware", ".1.1.1", ASN_OCTET_STR},
	    {"vsmonAgentVersion", ".1.1.2", ASN_OCTET_STR},
	    {"vsmonAgentUpTime", ".1.1.3", ASN_TIMETICKS},
	    {"vsmonAgentSampleInterval", ".1.1.4", ASN_GAUGE},
	    {"vsmonNotifyStateEnabled", ".1.2.1", ASN_INTEGER},
	    {"vsmonNotifyLimitEnabled", ".1.2.2", ASN_INTEGER},
	    {"vsmonNotifyOomEnabled", ".1.2.3", ASN_INTEGER},
	    {"vsmonNotifyMinInterval", ".1.2.4", ASN_GAUGE},
	    {"vsmonHostCpuCount", ".1.3.1", ASN_GAUGE},
	    {"vsmonHostMemTotal", ".1.3.2", ASN_COUNTER64},
	    {"vsmonHostMemUsed", ".1.3.3", ASN_COUNTER64},
	    {"vsmonHostMemAvailable", ".1.3.4", ASN_COUNTER64},
	    {"vsmonHostSwapTotal", ".1.3.5", ASN_COUNTER64},
	    {"vsmonHostMemLimitSum", ".1.3.6", ASN_COUNTER64},
	    {"vsmonHostCpuUsage", ".1.3.7", ASN_COUNTER64},
	    {"vsmonContextNumber", ".1.4.1", ASN_GAUGE},
	    {"vsmonContextRunning", ".1.4.2", ASN_GAUGE},
	    {"vsmonContextTableLastChange", ".1.4.3", ASN_TIMETICKS},
	    {"vsmonContextStateChange", ".0.1", 0},
	    {"vsmonLimitExceeded", ".0.2", 0},
	    {"vsmonOomKill", ".0.3", 0},
	};
	for (size_t i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++)
		printf("%s %s%s %s -\n", scalars[i].name, OIDS_PREFIX, scalars[i].oid,
		       scalars[i].asn ? oids_type_name(scalars[i].asn) : "NOTIFICATION");
	for (unsigned c = VSA_CTX_MIN_COL; c <= VSA_CTX_MAX_COL; c++) {
		const struct vsa_column *col = &vsa_ctx_columns[c];
		u_char asn = col->kind == VSA_C_FIELD	? vsa_field_asn(col->field)
			     : col->kind == VSA_C_STATE ? ASN_INTEGER
			     : col->kind == VSA_C_DISC	? ASN_TIMETICKS
							: ASN_OCTET_STR;
		printf("%s %s.1.4.4.1.%u %s %s\n", col->name, OIDS_PREFIX, c, oids_type_name(asn),
		       col->kind == VSA_C_FIELD ? vs_field(col->field)->key : "-");
	}
	for (unsigned c = VSA_L_UNITS; c <= VSA_L_FAILCOUNT; c++)
		printf("%s %s.1.5.1.1.%u %s -\n", vsa_limit_col_names[c], OIDS_PREFIX, c,
		       oids_type_name(c == VSA_L_UNITS ? ASN_OCTET_STR : ASN_COUNTER64));
}
