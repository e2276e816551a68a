/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A table_tdata behind a netsnmp cache that holds one snapshot per cache period: the
 * scheme both of the agent's tables use. The table supplies its handler, its index
 * types and the cache's load/free; this module registers, times and frees it. */
#ifndef VSA_CACHEDTABLE_H
#define VSA_CACHEDTABLE_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <vsmon/vsmon.h>

struct vsa_cached_table {
	netsnmp_tdata *tdata;
	netsnmp_cache *cache;
	netsnmp_handler_registration *reg;
	netsnmp_table_registration_info *info;
	struct vs_snapshot *snap; /* the rows' data point into it */
};

struct vsa_cached_table_def {
	const char *name;
	const oid *table_oid;
	size_t table_oid_len;
	Netsnmp_Node_Handler *handler;
	NetsnmpCacheLoad *load;
	NetsnmpCacheFree *free;
	u_char index_types[2];
	int nindex;
	unsigned min_column, max_column;
};

/* Register the table and put the cache in front of it; magic is handed to load/free.
 * 0 or -1. */
int vsa_cached_table_register(struct vsa_cached_table *t, const struct vsa_cached_table_def *d,
			      void *magic);
void vsa_cached_table_set_timeout(struct vsa_cached_table *t, unsigned sec);
/* Drop the rows and the snapshot they point into. */
void vsa_cached_table_clear(struct vsa_cached_table *t);
/* After shutdown_agent(): what net-snmp never frees (registration info, the table). */
void vsa_cached_table_free(struct vsa_cached_table *t);

#endif
