// SPDX-License-Identifier: GPL-2.0-or-later
/* The scalars of VSMON-MIB: the agent, its notification switches (read-only
 * mirrors of config keys), the host and the context count. One handler function
 * for all, told its group through myvoid. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent.h"
#include "oids.h"

static int scalars_str(netsnmp_variable_list *vb, const char *s)
{
	return snmp_set_var_typed_value(vb, ASN_OCTET_STR, s, strlen(s)) ? -1 : 0;
}

static int scalars_int(netsnmp_variable_list *vb, u_char type, long v)
{
	return snmp_set_var_typed_integer(vb, type, v) ? -1 : 0;
}

static int scalars_gauge(netsnmp_variable_list *vb, uint64_t v)
{
	return scalars_int(vb, ASN_GAUGE, v > UINT32_MAX ? (long)UINT32_MAX : (long)v);
}

static int scalars_c64(netsnmp_variable_list *vb, uint64_t v)
{
	struct counter64 c64 = {.high = v >> 32, .low = v & 0xffffffffu};
	return snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64)) ? -1 : 0;
}

static int scalars_truth(netsnmp_variable_list *vb, bool b)
{
	return scalars_int(vb, ASN_INTEGER, b ? 1 : 2); /* TruthValue: true(1), false(2) */
}

static int scalars_agent(oid subid, netsnmp_variable_list *vb)
{
	switch (subid) {
	case 1:
		return scalars_str(vb, "vsmon-snmp");
	case 2: {
		char buf[96];
		snprintf(buf, sizeof(buf), "%s (libvsmon, net-snmp %s)", VSMON_VERSION,
			 netsnmp_get_version());
		return scalars_str(vb, buf);
	}
	case 3:
		return scalars_int(vb, ASN_TIMETICKS, (long)vsa_uptime_ticks());
	case 4:
		return scalars_gauge(vb, (uint64_t)llround(vsa.cfg->sample_interval_sec * 1000));
	}
	return -1;
}

static int scalars_notify(oid subid, netsnmp_variable_list *vb)
{
	switch (subid) {
	case 1:
		return scalars_truth(vb, vsa.cfg->snmp_notify_state);
	case 2:
		return scalars_truth(vb, vsa.cfg->snmp_notify_limit);
	case 3:
		return scalars_truth(vb, vsa.cfg->snmp_notify_oom);
	case 4:
		return scalars_gauge(vb, (uint64_t)llround(vsa.cfg->snmp_notify_min_interval_sec));
	}
	return -1;
}

static const enum vs_field_id scalars_host_fields[] = {
    [1] = VS_F_NCPU,
    [2] = VS_F_MEM_TOTAL_BYTES,
    [3] = VS_F_MEM_USED_BYTES,
    [4] = VS_F_MEM_AVAILABLE_BYTES,
    [5] = VS_F_SWAP_TOTAL_BYTES,
    [6] = VS_F_MEM_LIMIT_SUM_BYTES,
    [7] = VS_F_CPU_USAGE_USEC,
};

static int scalars_host(const struct vs_snapshot *s, oid subid, netsnmp_variable_list *vb)
{
	uint64_t v;
	if (!s || subid < 1 || subid > 7 ||
	    vs_metrics_get_u64(&vs_snapshot_host(s)->m, scalars_host_fields[subid], &v))
		return -1;
	return subid == 1 ? scalars_gauge(vb, v) : scalars_c64(vb, v);
}

static int scalars_contexts(const struct vs_snapshot *s, oid subid, netsnmp_variable_list *vb)
{
	switch (subid) {
	case 1:
		return s ? scalars_gauge(vb, vs_snapshot_count(s)) : -1;
	case 2:
		return s ? scalars_gauge(vb, vs_snapshot_running(s)) : -1;
	case 3:
		return scalars_int(vb, ASN_TIMETICKS, (long)vsa_track_last_change(vsa.track));
	}
	return -1;
}

static int scalars_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
			   netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	long group = (long)(intptr_t)handler->myvoid;
	struct vs_snapshot *s = NULL;
	(void)reginfo;
	if (reqinfo->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	if (group == VSA_HOST || group == VSA_CONTEXTS)
		s = vsa_latest_ref();
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		netsnmp_variable_list *vb = r->requestvb;
		int rc = -1;
		if (r->processed || vb->name_length < 2)
			continue;
		/* the scalar helpers pass down <group>.<subid>.0 */
		oid subid = vb->name[vb->name_length - 2];
		switch (group) {
		case VSA_AGENT:
			rc = scalars_agent(subid, vb);
			break;
		case VSA_NOTIFYCTL:
			rc = scalars_notify(subid, vb);
			break;
		case VSA_HOST:
			rc = scalars_host(s, subid, vb);
			break;
		case VSA_CONTEXTS:
			rc = scalars_contexts(s, subid, vb);
			break;
		}
		if (rc)
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
	}
	vs_snapshot_unref(s);
	return SNMP_ERR_NOERROR;
}

int vsa_scalars_register(void)
{
	static const struct {
		long group;
		const char *name;
		oid last;
	} groups[] = {
	    {VSA_AGENT, "vsmonAgent", 4},
	    {VSA_NOTIFYCTL, "vsmonNotifyControl", 4},
	    {VSA_HOST, "vsmonHost", 7},
	    {VSA_CONTEXTS, "vsmonContexts", 3},
	};
	/* One registration per scalar: a group registration at vsmonContexts would
	 * overlap the table under it, and the master rejects the split pieces (263). */
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		for (oid sub = 1; sub <= groups[i].last; sub++) {
			oid root[] = {VSA_MIB_OID, 1, (oid)groups[i].group, sub};
			netsnmp_mib_handler *h =
			    netsnmp_create_handler(groups[i].name, scalars_handler);
			if (!h)
				return -1;
			h->myvoid = (void *)(intptr_t)groups[i].group;
			netsnmp_handler_registration *reg = netsnmp_handler_registration_create(
			    groups[i].name, h, root, OID_LENGTH(root), HANDLER_CAN_RONLY);
			if (!reg) {
				netsnmp_handler_free(h);
				return -1;
			}
			if (netsnmp_register_scalar(reg) != SNMPERR_SUCCESS)
				return -1;
		}
	}
	return 0;
}
