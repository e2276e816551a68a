// SPDX-License-Identifier: GPL-2.0-or-later
/* vsmonContextTable: a table_tdata whose rows point into one snapshot. A netsnmp
 * cache in front of it takes one reference to the newest snapshot per cache period,
 * so a whole walk sees one consistent table and no handler reads a kernel file. */
#include <string.h>
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent.h"
#include "cachedtable.h"
#include "oids.h"

static struct vsa_cached_table ctxtable;

static void ctxtable_cache_free(netsnmp_cache *cache, void *magic)
{
	(void)cache;
	vsa_cached_table_clear(magic);
}

static int ctxtable_cache_load(netsnmp_cache *cache, void *magic)
{
	struct vsa_cached_table *t = magic;
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
	static const struct vsa_cached_table_def def = {
	    .name = "vsmonContextTable",
	    .table_oid = table_oid,
	    .table_oid_len = OID_LENGTH(table_oid),
	    .handler = ctxtable_handler,
	    .load = ctxtable_cache_load,
	    .free = ctxtable_cache_free,
	    .index_types = {ASN_UNSIGNED},
	    .nindex = 1,
	    .min_column = VSA_CTX_MIN_COL,
	    .max_column = VSA_CTX_MAX_COL,
	};
	return vsa_cached_table_register(&ctxtable, &def, &ctxtable);
}

void vsa_ctxtable_set_timeout(unsigned sec)
{
	vsa_cached_table_set_timeout(&ctxtable, sec);
}

void vsa_ctxtable_shutdown(void)
{
	vsa_cached_table_clear(&ctxtable);
}

void vsa_ctxtable_free(void)
{
	vsa_cached_table_free(&ctxtable);
}
