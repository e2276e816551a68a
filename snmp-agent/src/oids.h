/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VSMON-MIB's object identifiers and the column tables that map them to the
 * engine's field table. Must match mibs/VSMON-MIB.txt (tests/integration/snmp/mib.sh
 * checks every OID against snmptranslate). */
#ifndef VSA_OIDS_H
#define VSA_OIDS_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <vsmon/fields.h>
#include <vsmon/snapshot.h>

/* netSnmpPlaypen(1.3.6.1.4.1.8072.9999.9999).86 until we have an enterprise number */
#define VSA_MIB_OID	1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 86
#define VSA_MIB_OID_LEN 10

enum vsa_col_kind {
	VSA_C_FIELD,  /* a value of the field table */
	VSA_C_NAME,   /* vsmonContextName */
	VSA_C_STATE,  /* vsmonContextState */
	VSA_C_CGROUP, /* vsmonContextCgroup */
	VSA_C_START,  /* vsmonContextStartTime */
	VSA_C_DISC,   /* vsmonContextDiscontinuityTime */
};

struct vsa_column {
	unsigned col;
	const char *name;
	enum vsa_col_kind kind;
	enum vs_field_id field; /* VSA_C_FIELD only */
};

#define VSA_CTX_MIN_COL 2
#define VSA_CTX_MAX_COL 43
/* Indexed by column number; [0] and [1] unused. */
extern const struct vsa_column vsa_ctx_columns[VSA_CTX_MAX_COL + 1];

/* The ASN.1 type of a field column: Counter64 for counters and byte levels
 * (CounterBasedGauge64 is a Counter64 on the wire), Gauge32 for counts. */
u_char vsa_field_asn(enum vs_field_id f);

enum vsa_resource { VSA_RES_MEMORY = 1, VSA_RES_TASKS = 2, VSA_RES_CPU = 3, VSA_RES__MAX = 3 };
enum vsa_limit_col {
	VSA_L_UNITS = 2,
	VSA_L_CURRENT = 3,
	VSA_L_MAXHELD = 4,
	VSA_L_SOFT = 5,
	VSA_L_HARD = 6,
	VSA_L_FAILCOUNT = 7,
};
struct vsa_resource_def {
	const char *units;
	int current, maxheld, soft, hard, failcount; /* field ids, -1: not collected */
};
extern const struct vsa_resource_def vsa_resources[VSA_RES__MAX + 1];
extern const char *const vsa_limit_col_names[VSA_L_FAILCOUNT + 1];

/* Subtrees under vsmonObjects(1) */
#define VSA_AGENT     1
#define VSA_NOTIFYCTL 2
#define VSA_HOST      3
#define VSA_CONTEXTS  4
#define VSA_LIMITS    5

/* One cell of a row: 0, or -1 when it has no instance (the caller answers
 * noSuchInstance). Shared by the table handlers and the notifications. */
int vsa_ctx_cell(const struct vs_context *c, unsigned colnum, netsnmp_variable_list *vb);
int vsa_limit_cell(const struct vs_context *c, enum vsa_resource res, unsigned col,
		   netsnmp_variable_list *vb);

#endif
