// SPDX-License-Identifier: GPL-2.0-or-later
/* vsmonLimitTable, index {xid, resource}: the beancounter view of each running
 * guest's memory, tasks and CPU. Same scheme as the context table: tdata rows over
 * one cached snapshot. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agent.h"
#include "oids.h"

struct limit_row {
	const struct vs_context *c;
	enum vsa_resource res;
};

struct limittable {
	netsnmp_tdata *tdata;
	netsnmp_cache *cache;
	netsnmp_handler_registration *reg;
	netsnmp_table_registration_info *info;
	struct vs_snapshot *snap;
	struct limit_row *rows; /* the tdata rows' data */
};

static struct limittable limittable;

static void limittable_row_free(void *row, void *unused)
{
	(void)unused;
	netsnmp_tdata_delete_row(row);
}

static void limittable_cache_free(netsnmp_cache *cache, void *magic)
{
	struct limittable *t = magic;
	(void)cache;
	CONTAINER_CLEAR(t->tdata->container, limittable_row_free, NULL);
	free(t->rows);
	t->rows = NULL;
	t->snap = vs_snapshot_unref(t->snap);
}

/* A field as an unsigned integer (rates and percentages rounded), or -1. */
static int limittable_value(const struct vs_context *c, int field, uint64_t *out)
{
	double d;
	if (field < 0)
		return -1;
	if (vs_field((enum vs_field_id)field)->type == VS_FT_U64)
		return vs_metrics_get_u64(&c->m, (enum vs_field_id)field, out) ? -1 : 0;
	if (vs_metrics_get_double(&c->m, (enum vs_field_id)field, &d) || !(d >= 0))
		return -1;
	*out = (uint64_t)llround(d);
	return 0;
}

static int limittable_cache_load(netsnmp_cache *cache, void *magic)
{
	struct limittable *t = magic;
	struct vs_snapshot *s = vsa_latest_ref();
	size_t n, used = 0;
	(void)cache;
	if (!s)
		return -1;
	n = vs_snapshot_count(s);
	t->rows = calloc(n * VSA_RES__MAX + 1, sizeof(*t->rows));
	if (!t->rows) {
		vs_snapshot_unref(s);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct vs_context *c = vs_snapshot_at(s, i);
		if (c->xid == 0 || c->state != VS_STATE_RUNNING)
			continue;
		for (int res = 1; res <= VSA_RES__MAX; res++) {
			uint64_t cur;
			if (limittable_value(c, vsa_resources[res].current, &cur))
				continue;
			struct limit_row *d = &t->rows[used++];
			netsnmp_tdata_row *row = netsnmp_tdata_create_row();
			u_long xid = c->xid;
			long r = res;
			d->c = c;
			d->res = (enum vsa_resource)res;
			if (!row)
				goto out;
			row->data = d;
			if (!netsnmp_tdata_row_add_index(row, ASN_UNSIGNED, &xid, sizeof(xid)) ||
			    !netsnmp_tdata_row_add_index(row, ASN_INTEGER, &r, sizeof(r)) ||
			    netsnmp_tdata_add_row(t->tdata, row) != SNMPERR_SUCCESS) {
				netsnmp_tdata_delete_row(row);
				goto out;
			}
		}
	}
out:
	t->snap = s;
	return 0;
}

int vsa_limit_cell(const struct vs_context *c, enum vsa_resource res, unsigned col,
		   netsnmp_variable_list *vb)
{
	const struct vsa_resource_def *def = &vsa_resources[res];
	int field;
	uint64_t v;
	switch (col) {
	case VSA_L_UNITS:
		return snmp_set_var_typed_value(vb, ASN_OCTET_STR, def->units, strlen(def->units))
			   ? -1
			   : 0;
	case VSA_L_CURRENT:
		field = def->current;
		break;
	case VSA_L_MAXHELD:
		field = def->maxheld;
		break;
	case VSA_L_SOFT:
		field = def->soft;
		break;
	case VSA_L_HARD:
		field = def->hard;
		break;
	case VSA_L_FAILCOUNT:
		field = def->failcount;
		break;
	default:
		return -1;
	}
	if (limittable_value(c, field, &v))
		return -1;
	struct counter64 c64 = {.high = v >> 32, .low = v & 0xffffffffu};
	return snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64)) ? -1 : 0;
}

static int limittable_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
			      netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	(void)handler;
	(void)reginfo;
	if (reqinfo->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		if (r->processed)
			continue;
		const struct limit_row *d = netsnmp_tdata_extract_entry(r);
		netsnmp_table_request_info *ti = netsnmp_extract_table_info(r);
		if (!d || !ti || vsa_limit_cell(d->c, d->res, ti->colnum, r->requestvb))
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
	}
	return SNMP_ERR_NOERROR;
}

int vsa_limittable_register(void)
{
	static const oid table_oid[] = {VSA_MIB_OID, 1, VSA_LIMITS, 1};
	struct limittable *t = &limittable;
	netsnmp_table_registration_info *ti;

	t->tdata = netsnmp_tdata_create_table("vsmonLimitTable", 0);
	ti = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	t->reg =
	    netsnmp_create_handler_registration("vsmonLimitTable", limittable_handler, table_oid,
						OID_LENGTH(table_oid), HANDLER_CAN_RONLY);
	if (!t->tdata || !ti || !t->reg) {
		SNMP_FREE(ti);
		if (t->reg)
			netsnmp_handler_registration_free(t->reg);
		t->reg = NULL;
		return -1;
	}
	netsnmp_table_helper_add_indexes(ti, ASN_UNSIGNED, ASN_INTEGER, 0);
	ti->min_column = VSA_L_UNITS;
	ti->max_column = VSA_L_FAILCOUNT;
	if (netsnmp_tdata_register(t->reg, t->tdata, ti) != SNMPERR_SUCCESS) {
		t->reg = NULL;
		return -1;
	}
	/* net-snmp never frees it (nor its index varbinds): vsa_*_shutdown does */
	t->info = ti;
	unsigned period = (unsigned)ceil(vsa.cfg->sample_interval_sec);
	t->cache = netsnmp_cache_create(period ? period : 1, limittable_cache_load,
					limittable_cache_free, table_oid, OID_LENGTH(table_oid));
	if (!t->cache)
		return -1;
	t->cache->flags |= NETSNMP_CACHE_DONT_FREE_EXPIRED | NETSNMP_CACHE_DONT_AUTO_RELEASE;
	t->cache->magic = t;
	return netsnmp_inject_handler(t->reg, netsnmp_cache_handler_get(t->cache)) ? -1 : 0;
}

void vsa_limittable_set_timeout(unsigned sec)
{
	if (limittable.cache)
		limittable.cache->timeout = sec ? sec : 1;
}

void vsa_limittable_shutdown(void)
{
	struct limittable *t = &limittable;
	if (t->tdata && t->tdata->container)
		CONTAINER_CLEAR(t->tdata->container, limittable_row_free, NULL);
	free(t->rows);
	t->rows = NULL;
	t->snap = vs_snapshot_unref(t->snap);
}

void vsa_limittable_free(void)
{
	struct limittable *t = &limittable;
	vsa_limittable_shutdown();
	if (t->info)
		netsnmp_table_registration_info_free(t->info);
	t->info = NULL;
	if (t->tdata)
		netsnmp_tdata_delete_table(t->tdata);
	t->tdata = NULL;
}
