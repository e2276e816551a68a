#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the vsmon-snmp tests: a private snmpd master on 127.0.0.1 with its
# AgentX socket in the test's temp dir, the subagent, a private snmptrapd.
# Source after lib.sh. Everything runs as children of the test and is ended by PID.
require_cmd snmpd snmpget snmpwalk snmpbulkwalk python3 jq

VSA=.1.3.6.1.4.1.8072.9999.9999.86
CTX=$VSA.1.4.4.1 # vsmonContextEntry
LIM=$VSA.1.5.1.1 # vsmonLimitEntry
AGENTX=$VS_TMP/agentx.sock
# the read-only v3 user of the shipped snippet, etc/snmp/snmpd.conf.vsmon
V3USER=vsmonmon V3AUTH=change-this-auth-passphrase V3PRIV=change-this-priv-passphrase

# Private client configuration: no MIB loading (numeric OIDs only), no state in /var.
mkdir -p "$VS_TMP/snmpconf" "$VS_TMP/persist/cert_indexes"
echo "mibs :" >"$VS_TMP/snmpconf/snmp.conf"
export SNMPCONFPATH=$VS_TMP/snmpconf SNMP_PERSISTENT_DIR=$VS_TMP/persist MIBS=

free_udp_port() {
	python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
SNMP_PORT=$(free_udp_port)
TRAP_PORT=$(free_udp_port)
SNMP_TARGET=udp:127.0.0.1:$SNMP_PORT

# Numeric OIDs, values without type names where that helps: -On -Oe -Ot -Oq
sget() { snmpget -v2c -c public -On -Oe -Ot -Oq -t 2 -r 1 "$SNMP_TARGET" "$@"; }
# the value alone
sval() { sget "$1" | awk '{ $1 = ""; sub(/^ /, ""); print }' | tr -d '"'; }
swalk() { snmpwalk -v2c -c public -On -Oe -Ot -Oq -t 2 -r 1 "$SNMP_TARGET" "$@"; }
sbulk() { snmpbulkwalk -v2c -c public -On -Oe -Ot -Oq -Cr25 -t 2 -r 1 "$SNMP_TARGET" "$@"; }
sget3() {
	snmpget -v3 -l authPriv -u "$V3USER" -a SHA-256 -A "$V3AUTH" -x AES -X "$V3PRIV" \
		-On -Oe -Ot -Oq -t 2 -r 1 "$SNMP_TARGET" "$@"
}

# snmp_master_start: snmpd in the foreground with only our configuration (-C -c):
# the shipped snippet (its socket moved into the temp dir), plus a v2c community
# for 127.0.0.1 and our snmptrapd as a notification target.
snmp_master_start() {
	sed "s|/var/agentx/master|$AGENTX|" "$VS_SRC/etc/snmp/snmpd.conf.vsmon" >"$VS_TMP/snmpd.conf"
	cat >>"$VS_TMP/snmpd.conf" <<CONF
agentaddress $SNMP_TARGET
rocommunity public 127.0.0.1
trap2sink 127.0.0.1:$TRAP_PORT public
CONF
	snmpd -f -Lo -C -c "$VS_TMP/snmpd.conf" -I -smux >>"$VS_TMP/snmpd.log" 2>&1 &
	SNMPD_PID=$!
	VS_PIDS+=("$SNMPD_PID")
	local i
	for i in $(seq 1 50); do
		sget .1.3.6.1.2.1.1.3.0 >/dev/null 2>&1 && [ -S "$AGENTX" ] && return 0
		kill -0 "$SNMPD_PID" 2>/dev/null || { cat "$VS_TMP/snmpd.log" >&2; fail "snmpd exited"; }
		sleep 0.1
	done
	cat "$VS_TMP/snmpd.log" >&2
	fail "snmpd did not answer on $SNMP_TARGET"
}

snmp_master_stop() {
	kill -TERM "$SNMPD_PID" 2>/dev/null || true
	wait "$SNMPD_PID" 2>/dev/null || true
}

# snmp_agent_start [WRAPPER...]: the subagent, pinging every second, logging to a file.
snmp_agent_start() {
	# shellcheck disable=SC2086 # VSA_AGENT_ARGS: extra options, split on purpose
	"$@" "$VS_BIN/vsmon-snmp" -f -c "$VS_TMP/vsmon.conf" -x "$AGENTX" -P 1 \
		-Lf "$VS_TMP/agent.log" ${VSA_AGENT_ARGS:-} &
	AGENT_PID=$!
	VS_PIDS+=("$AGENT_PID")
}

# Wait until the agent's tables are visible through the master.
snmp_agent_wait() {
	local i
	for i in $(seq 1 ${1:-100}); do
		[ "$(sval $VSA.1.1.1.0 2>/dev/null)" = vsmon-snmp ] && return 0
		kill -0 "$AGENT_PID" 2>/dev/null || { cat "$VS_TMP/agent.log" >&2; fail "vsmon-snmp exited"; }
		sleep 0.1
	done
	cat "$VS_TMP/agent.log" >&2
	fail "vsmon-snmp not visible through snmpd"
}

# snmp_agent_stop: SIGTERM; returns the agent's exit status.
snmp_agent_stop() {
	kill -TERM "$AGENT_PID"
	local rc=0
	wait "$AGENT_PID" || rc=$?
	return $rc
}

# snmptrapd printing one line per notification: "TRAP <varbind>|<varbind>|..."
snmp_trapd_start() {
	require_cmd snmptrapd
	printf 'authCommunity log public\ndisableAuthorization no\n' >"$VS_TMP/snmptrapd.conf"
	snmptrapd -f -C -c "$VS_TMP/snmptrapd.conf" -On -Lf "$VS_TMP/snmptrapd.log" \
		-F 'TRAP %V|%v\n' udp:127.0.0.1:$TRAP_PORT >"$VS_TMP/traps.raw" 2>&1 &
	TRAPD_PID=$!
	VS_PIDS+=("$TRAPD_PID")
	sleep 0.5
	kill -0 "$TRAPD_PID" 2>/dev/null || { cat "$VS_TMP/snmptrapd.log" >&2; fail "snmptrapd exited"; }
}

# The notifications received so far, one per line.
snmp_traps() { cat "$VS_TMP/snmptrapd.log" 2>/dev/null | grep '^TRAP' || true; }

# vsmon.conf for the agent: vs_test_config plus a short sample interval.
snmp_config() {
	vs_test_config "sample_interval = ${1:-1}
snmp_notify_min_interval = 60
agentx_socket = $AGENTX
${2:-}"
}
