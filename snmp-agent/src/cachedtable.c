// SPDX-License-Identifier: GPL-2.0-or-later
#include <math.h>

#include "agent.h"
#include "cachedtable.h"

static void cachedtable_row_free(void *row, void *unused)
{
	(void)unused;
	netsnmp_tdata_delete_row(row);
}

int vsa_cached_table_register(struct vsa_cached_table *t, const struct vsa_cached_table_def *d,
			      void *magic)
{
	netsnmp_table_registration_info *ti;

	t->tdata = netsnmp_tdata_create_table(d->name, 0);
	ti = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	t->reg = netsnmp_create_handler_registration(d->name, d->handler, d->table_oid,
						     d->table_oid_len, HANDLER_CAN_RONLY);
	if (!t->tdata || !ti || !t->reg) {
		SNMP_FREE(ti);
		if (t->reg)
			netsnmp_handler_registration_free(t->reg);
		t->reg = NULL;
		return -1;
	}
	for (int i = 0; i < d->nindex; i++)
		netsnmp_table_helper_add_index(ti, d->index_types[i]);
	ti->min_column = d->min_column;
	ti->max_column = d->max_column;
	if (netsnmp_tdata_register(t->reg, t->tdata, ti) != SNMPERR_SUCCESS) {
		/* netsnmp_tdata_register frees the registration on failure */
		t->reg = NULL;
		return -1;
	}
	/* net-snmp never frees it (nor its index varbinds): vsa_cached_table_free does */
	t->info = ti;
	unsigned period = (unsigned)ceil(vsa.cfg->sample_interval_sec);
	t->cache = netsnmp_cache_create(period ? period : 1, d->load, d->free, d->table_oid,
					d->table_oid_len);
	if (!t->cache)
		return -1;
	/* free the old snapshot only when the next one is loaded */
	t->cache->flags |= NETSNMP_CACHE_DONT_FREE_EXPIRED | NETSNMP_CACHE_DONT_AUTO_RELEASE;
	t->cache->magic = magic;
	/* in front of the table helpers: rows must exist before they are looked up */
	return netsnmp_inject_handler(t->reg, netsnmp_cache_handler_get(t->cache)) ? -1 : 0;
}

void vsa_cached_table_set_timeout(struct vsa_cached_table *t, unsigned sec)
{
	if (t->cache)
		t->cache->timeout = sec ? sec : 1;
}

void vsa_cached_table_clear(struct vsa_cached_table *t)
{
	if (t->tdata && t->tdata->container)
		CONTAINER_CLEAR(t->tdata->container, cachedtable_row_free, NULL);
	t->snap = vs_snapshot_unref(t->snap);
}

void vsa_cached_table_free(struct vsa_cached_table *t)
{
	vsa_cached_table_clear(t);
	if (t->info)
		netsnmp_table_registration_info_free(t->info);
	t->info = NULL;
	if (t->tdata)
		netsnmp_tdata_delete_table(t->tdata);
	t->tdata = NULL;
}
