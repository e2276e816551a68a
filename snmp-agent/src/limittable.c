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
#include "cachedtable.h"
#include "oids.h"

struct limit_row {
	const struct vs_context *c;
	enum vsa_resource res;
};

struct limittable {
	struct vsa_cached_table tab;
	struct limit_row *rows; /* the tdata rows' data */
};

static struct limittable limittable;

static void limittable_cache_free(netsnmp_cache *cache, void *magic)
{
	struct limittable *t = magic;
	(void)cache;
	vsa_cached_table_clear(&t->tab);
	free(t->rows);
	t->rows = NULL;
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
			    netsnmp_tdata_add_row(t->tab.tdata, row) != SNMPERR_SUCCESS) {
				netsnmp_tdata_delete_row(row);
				goto out;
			}
		}
	}
out:
	t->tab.snap = s;
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
	static const struct vsa_cached_table_def def = {
	    .name = "vsmonLimitTable",
	    .table_oid = table_oid,
	    .table_oid_len = OID_LENGTH(table_oid),
	    .handler = limittable_handler,
	    .load = limittable_cache_load,
	    .free = limittable_cache_free,
	    .index_types = {ASN_UNSIGNED, ASN_INTEGER},
	    .nindex = 2,
	    .min_column = VSA_L_UNITS,
	    .max_column = VSA_L_FAILCOUNT,
	};
	return vsa_cached_table_register(&limittable.tab, &def, &limittable);
}

void vsa_limittable_set_timeout(unsigned sec)
{
	vsa_cached_table_set_timeout(&limittable.tab, sec);
}

void vsa_limittable_shutdown(void)
{
	limittable_cache_free(NULL, &limittable);
}

void vsa_limittable_free(void)
{
	vsa_limittable_shutdown();
	vsa_cached_table_free(&limittable.tab);
}
