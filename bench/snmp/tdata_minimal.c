// SPDX-License-Identifier: GPL-2.0-or-later
/* The yardstick for bench/snmp: the least an AgentX subagent can do to serve a
 * ROWS x COLS table of Counter64 values with table_tdata, rows in memory, no cache,
 * no engine. Registered at netSnmpPlaypen.87 so it can run beside vsmon-snmp.
 *   vs-bench-tdata -x SOCKET -r ROWS -c COLS */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

static volatile sig_atomic_t tdm_stop;
static unsigned tdm_cols = 40;

static void tdm_on_signal(int sig)
{
	(void)sig;
	tdm_stop = 1;
}

static int tdm_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
		       netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	(void)handler;
	(void)reginfo;
	if (reqinfo->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		const uint64_t *row = netsnmp_tdata_extract_entry(r);
		netsnmp_table_request_info *ti = netsnmp_extract_table_info(r);
		if (!row || !ti || ti->colnum < 2 || ti->colnum > tdm_cols + 1) {
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
			continue;
		}
		uint64_t v = row[ti->colnum - 2];
		struct counter64 c64 = {.high = v >> 32, .low = v & 0xffffffffu};
		snmp_set_var_typed_value(r->requestvb, ASN_COUNTER64, &c64, sizeof(c64));
	}
	return SNMP_ERR_NOERROR;
}

int main(int argc, char **argv)
{
	static const oid table_oid[] = {1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 87, 1, 1};
	const char *sock = "/var/agentx/master";
	unsigned rows = 1000;
	int c;
	while ((c = getopt(argc, argv, "x:r:c:")) != -1) {
		switch (c) {
		case 'x':
			sock = optarg;
			break;
		case 'r':
			rows = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'c':
			tdm_cols = (unsigned)strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: vs-bench-tdata -x SOCKET -r ROWS -c COLS\n");
			return 2;
		}
	}
	snmp_enable_stderrlog();
	netsnmp_enable_subagent();
	netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, sock);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	init_agent("vs-bench-tdata");

	netsnmp_tdata *table = netsnmp_tdata_create_table("benchTable", 0);
	netsnmp_table_registration_info *ti = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
	    "benchTable", tdm_handler, table_oid, OID_LENGTH(table_oid), HANDLER_CAN_RONLY);
	uint64_t *data = calloc((size_t)rows * tdm_cols, sizeof(uint64_t));
	if (!table || !ti || !reg || !data)
		return 1;
	netsnmp_table_helper_add_indexes(ti, ASN_UNSIGNED, 0);
	ti->min_column = 2;
	ti->max_column = tdm_cols + 1;
	for (unsigned i = 0; i < rows; i++) {
		netsnmp_tdata_row *row = netsnmp_tdata_create_row();
		u_long idx = i + 1;
		for (unsigned k = 0; k < tdm_cols; k++)
			data[(size_t)i * tdm_cols + k] = (uint64_t)idx * 1000003u + k;
		row->data = &data[(size_t)i * tdm_cols];
		netsnmp_tdata_row_add_index(row, ASN_UNSIGNED, &idx, sizeof(idx));
		netsnmp_tdata_add_row(table, row);
	}
	netsnmp_tdata_register(reg, table, ti);
	init_snmp("vs-bench-tdata");
	signal(SIGTERM, tdm_on_signal);
	signal(SIGINT, tdm_on_signal);
	while (!tdm_stop)
		agent_check_and_process(1);
	snmp_shutdown("vs-bench-tdata");
	return 0;
}
