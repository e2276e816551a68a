// SPDX-License-Identifier: GPL-2.0-or-later
/* Notifications, sent from the main loop (the only thread that calls net-snmp).
 * Every varbind is an instance of the row it is about, never ".0". The agent adds
 * sysUpTime.0; we put snmpTrapOID.0 first. */
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent.h"
#include "oids.h"

static const oid notify_trap_oid[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0}; /* snmpTrapOID.0 */

/* Append one cell as a varbind named <table column>.<index...>. */
static int notify_add(netsnmp_variable_list **vars, const oid *base, size_t base_len,
		      const oid *idx, size_t idx_len, const struct vs_context *c, int res,
		      unsigned col)
{
	oid name[MAX_OID_LEN];
	netsnmp_variable_list *vb;
	memcpy(name, base, base_len * sizeof(oid));
	name[base_len] = col;
	memcpy(name + base_len + 1, idx, idx_len * sizeof(oid));
	vb = snmp_varlist_add_variable(vars, name, base_len + 1 + idx_len, ASN_NULL, NULL, 0);
	if (!vb)
		return -1;
	if ((res ? vsa_limit_cell(c, (enum vsa_resource)res, col, vb) : vsa_ctx_cell(c, col, vb)) ==
	    0)
		return 0;
	/* unknown now: leave the varbind out rather than send a NULL */
	netsnmp_variable_list **p = vars;
	while (*p != vb)
		p = &(*p)->next_variable;
	*p = NULL;
	snmp_free_var(vb);
	return -1;
}

static void notify_one(const struct vs_context *c, const struct vsa_event *e)
{
	static const oid ctx_entry[] = {VSA_MIB_OID, 1, VSA_CONTEXTS, 4, 1};
	static const oid lim_entry[] = {VSA_MIB_OID, 1, VSA_LIMITS, 1, 1};
	oid trap[] = {VSA_MIB_OID, 0, 0};
	oid xid_idx[] = {c->xid};
	oid lim_idx[] = {c->xid, e->kind == VSA_EV_LIMIT_PIDS ? VSA_RES_TASKS : VSA_RES_MEMORY};
	netsnmp_variable_list *vars = NULL;
	int rc = 0;
	const char *what = "";

	switch (e->kind) {
	case VSA_EV_STATE:
		trap[VSA_MIB_OID_LEN + 1] = 1;
		what = "vsmonContextStateChange";
		break;
	case VSA_EV_LIMIT_MEM:
	case VSA_EV_LIMIT_PIDS:
		trap[VSA_MIB_OID_LEN + 1] = 2;
		what = "vsmonLimitExceeded";
		break;
	case VSA_EV_OOM:
		trap[VSA_MIB_OID_LEN + 1] = 3;
		what = "vsmonOomKill";
		break;
	}
	if (!snmp_varlist_add_variable(&vars, notify_trap_oid, OID_LENGTH(notify_trap_oid),
				       ASN_OBJECT_ID, trap, sizeof(trap)))
		goto out;
	rc |= notify_add(&vars, ctx_entry, OID_LENGTH(ctx_entry), xid_idx, 1, c, 0, 2);
	switch (e->kind) {
	case VSA_EV_STATE:
		rc |= notify_add(&vars, ctx_entry, OID_LENGTH(ctx_entry), xid_idx, 1, c, 0, 3);
		break;
	case VSA_EV_LIMIT_MEM:
	case VSA_EV_LIMIT_PIDS:
		for (unsigned col = VSA_L_CURRENT; col <= VSA_L_FAILCOUNT; col++) {
			if (col == VSA_L_MAXHELD || col == VSA_L_SOFT)
				continue;
			rc |= notify_add(&vars, lim_entry, OID_LENGTH(lim_entry), lim_idx, 2, c,
					 (int)lim_idx[1], col);
		}
		break;
	case VSA_EV_OOM:
		rc |= notify_add(&vars, ctx_entry, OID_LENGTH(ctx_entry), xid_idx, 1, c, 0, 21);
		rc |= notify_add(&vars, ctx_entry, OID_LENGTH(ctx_entry), xid_idx, 1, c, 0, 12);
		break;
	}
	if (rc) {
		/* a value is unknown in this sample: say so, send the rest */
		snmp_log(LOG_WARNING, "%s for %s (xid %u): some values are unknown\n", what,
			 c->name, c->xid);
	}
	snmp_log(LOG_INFO, "sending %s for %s (xid %u)\n", what, c->name, c->xid);
	send_v2trap(vars);
out:
	snmp_free_varbind(vars);
}

void vsa_notify(const struct vs_snapshot *s, const struct vsa_event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct vs_context *c = vs_snapshot_find(s, ev[i].xid);
		if (c)
			notify_one(c, &ev[i]);
	}
}
