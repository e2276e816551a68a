// SPDX-License-Identifier: GPL-2.0-or-later
/* vsmonContextTable: a table_tdata whose rows point into one snapshot. A netsnmp
 * cache in front of it takes one reference to the newest snapshot per cache period,
 * so a whole walk sees one consistent table and no handler reads a kernel file. */
#include <math.h>
#include <string.h>
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent.h"
#include "oids.h"

struct ctxtable {
	netsnmp_tdata *tdata;
	netsnmp_cache *cache;
	netsnmp_handler_registration *reg;
	netsnmp_table_registration_info *info;
	struct vs_snapshot *snap; /* the rows' data point into it */
};

static struct ctxtable ctxtable;

static void ctxtable_row_free(void *row, void *unused)
{
	(void)unused;
	netsnmp_tdata_delete_row(row);
}

static void ctxtable_cache_free(netsnmp_cache *cache, void *magic)
{
	struct ctxtable *t = magic;
	(void)cache;
	CONTAINER_CLEAR(t->tdata->container, ctxtable_row_free, NULL);
	t->snap = vs_snapshot_unref(t->snap);
}

static int ctxtable_cache_load(netsnmp_cache *cache, void *magic)
{
	struct ctxtable *t = magic;
	struct vs_snapshot *s = vsa_latest_ref();
	(void)cache;
	if (!s)
		return -1;
	size_t n = vs_snapshot_count(s);
	for (size_t i = 0; i < n; i++) {
		const struct vs_context *c = vs_snapshot_at(s, i);
		netsnmp_tdata_row *row = netsnmp_tdata_create_row();
		u_long xid = c->xid;
		if (!row)
			break;
		row->data = (void *)c;
		if (!netsnmp_tdata_row_add_index(row, ASN_UNSIGNED, &xid, sizeof(xid)) ||
		    netsnmp_tdata_add_row(t->tdata, row) != SNMPERR_SUCCESS) {
			netsnmp_tdata_delete_row(row);
			break;
		}
	}
	t->snap = s;
	return 0;
}

/* DateAndTime in UTC (RFC 2579): 11 octets with an explicit "+0:0" offset. */
static int ctxtable_date_and_time(double t, u_char out[11])
{
	time_t sec = (time_t)t;
	struct tm tm;
	if (t <= 0 || !gmtime_r(&sec, &tm))
		return -1;
	int year = tm.tm_year + 1900;
	out[0] = (u_char)(year >> 8);
	out[1] = (u_char)(year & 0xff);
	out[2] = (u_char)(tm.tm_mon + 1);
	out[3] = (u_char)tm.tm_mday;
	out[4] = (u_char)tm.tm_hour;
	out[5] = (u_char)tm.tm_min;
	out[6] = (u_char)(tm.tm_sec > 59 ? 59 : tm.tm_sec);
	out[7] = (u_char)((int)((t - (double)sec) * 10) % 10);
	out[8] = '+';
	out[9] = 0;
	out[10] = 0;
	return 0;
}

/* One cell. Returns 0, or -1 when the cell has no instance. */
int vsa_ctx_cell(const struct vs_context *c, unsigned colnum, netsnmp_variable_list *vb)
{
	const struct vsa_column *col = &vsa_ctx_columns[colnum];
	bool stopped = c->xid != 0 && c->state == VS_STATE_STOPPED;
	u_char dt[11];

	switch (col->kind) {
	case VSA_C_NAME: {
		const char *name = c->xid == 0 && !c->name[0] ? "host" : c->name;
		return snmp_set_var_typed_value(vb, ASN_OCTET_STR, name, strlen(name)) ? -1 : 0;
	}
	case VSA_C_STATE: {
		long st = c->xid == 0 ? 2 : (long)c->state + 1; /* enum order matches the MIB */
		return snmp_set_var_typed_integer(vb, ASN_INTEGER, st) ? -1 : 0;
	}
	case VSA_C_CGROUP:
		if (stopped || !c->cgroup_path)
			return -1;
		return snmp_set_var_typed_value(vb, ASN_OCTET_STR, c->cgroup_path,
						strlen(c->cgroup_path))
			   ? -1
			   : 0;
	case VSA_C_START:
		if (stopped || c->xid == 0 || ctxtable_date_and_time(c->start_time, dt))
			return -1;
		return snmp_set_var_typed_value(vb, ASN_OCTET_STR, dt, sizeof(dt)) ? -1 : 0;
	case VSA_C_DISC:
		if (stopped)
			return -1;
		return snmp_set_var_typed_integer(vb, ASN_TIMETICKS,
						  vsa_track_discontinuity(vsa.track, c->xid))
			   ? -1
			   : 0;
	case VSA_C_FIELD:
		break;
	}
	uint64_t v;
	if (stopped || vs_metrics_get_u64(&c->m, col->field, &v))
		return -1;
	if (vsa_field_asn(col->field) == ASN_GAUGE) {
		/* Gauge32 latches at its maximum (RFC 2578) */
		return snmp_set_var_typed_integer(vb, ASN_GAUGE,
						  v > UINT32_MAX ? UINT32_MAX : (long)v)
			   ? -1
			   : 0;
	}
	struct counter64 c64 = {.high = v >> 32, .low = v & 0xffffffffu};
	return snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64)) ? -1 : 0;
}

static int ctxtable_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
			    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	(void)handler;
	(void)reginfo;
	if (reqinfo->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		if (r->processed)
			continue;
		const struct vs_context *c = netsnmp_tdata_extract_entry(r);
		netsnmp_table_request_info *ti = netsnmp_extract_table_info(r);
		if (!c || !ti) {
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
			continue;
		}
		if (ti->colnum < VSA_CTX_MIN_COL || ti->colnum > VSA_CTX_MAX_COL) {
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHOBJECT);
			continue;
		}
		if (vsa_ctx_cell(c, ti->colnum, r->requestvb))
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
	}
	return SNMP_ERR_NOERROR;
}

int vsa_ctxtable_register(void)
{
	static const oid table_oid[] = {VSA_MIB_OID, 1, VSA_CONTEXTS, 4};
	struct ctxtable *t = &ctxtable;
	netsnmp_table_registration_info *ti = NULL;

	t->tdata = netsnmp_tdata_create_table("vsmonContextTable", 0);
	ti = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	t->reg =
	    netsnmp_create_handler_registration("vsmonContextTable", ctxtable_handler, table_oid,
						OID_LENGTH(table_oid), HANDLER_CAN_RONLY);
	if (!t->tdata || !ti || !t->reg)
		goto fail;
	netsnmp_table_helper_add_indexes(ti, ASN_UNSIGNED, 0);
	ti->min_column = VSA_CTX_MIN_COL;
	ti->max_column = VSA_CTX_MAX_COL;
	if (netsnmp_tdata_register(t->reg, t->tdata, ti) != SNMPERR_SUCCESS) {
		/* netsnmp_tdata_register frees the registration on failure */
		t->reg = NULL;
		return -1;
	}
	/* net-snmp never frees it (nor its index varbinds): vsa_*_shutdown does */
	t->info = ti;
	unsigned period = (unsigned)ceil(vsa.cfg->sample_interval_sec);
	t->cache = netsnmp_cache_create(period ? period : 1, ctxtable_cache_load,
					ctxtable_cache_free, table_oid, OID_LENGTH(table_oid));
	if (!t->cache)
		return -1;
	/* free the old snapshot only when the next one is loaded */
	t->cache->flags |= NETSNMP_CACHE_DONT_FREE_EXPIRED | NETSNMP_CACHE_DONT_AUTO_RELEASE;
	t->cache->magic = t;
	/* in front of the table helpers: rows must exist before they are looked up */
	return netsnmp_inject_handler(t->reg, netsnmp_cache_handler_get(t->cache)) ? -1 : 0;
fail:
	if (ti)
		SNMP_FREE(ti);
	if (t->reg)
		netsnmp_handler_registration_free(t->reg);
	t->reg = NULL;
	return -1;
}

void vsa_ctxtable_set_timeout(unsigned sec)
{
	if (ctxtable.cache)
		ctxtable.cache->timeout = sec ? sec : 1;
}

void vsa_ctxtable_shutdown(void)
{
	struct ctxtable *t = &ctxtable;
	if (t->tdata && t->tdata->container)
		CONTAINER_CLEAR(t->tdata->container, ctxtable_row_free, NULL);
	t->snap = vs_snapshot_unref(t->snap);
}

void vsa_ctxtable_free(void)
{
	struct ctxtable *t = &ctxtable;
	vsa_ctxtable_shutdown();
	if (t->info)
		netsnmp_table_registration_info_free(t->info);
	t->info = NULL;
	if (t->tdata)
		netsnmp_tdata_delete_table(t->tdata);
	t->tdata = NULL;
}
