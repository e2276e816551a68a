#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Restarts. The subagent starts before its master (a missing AgentX socket is retried
# with one clear log line, no crash loop); a guest stopped and started again moves
# its discontinuity time and its counters restart; snmpd restarted: the data is back
# within the ping interval without restarting the subagent; SIGHUP reloads the
# config (a bad file keeps the old one); SIGTERM ends it cleanly.
# Guest stop/start is simulated the way vsctl leaves its traces (vsctl is not in
# this tree yet): the init is killed and its state file removed, then a new cgroup,
# a new init and a new state file with a new start time.
. "$VS_SRC/tests/integration/lib.sh"
require_root
. "$VS_SRC/tests/integration/snmp/snmp-lib.sh"

snmp_config 0.5
cg_create rs1
# burn some CPU first, so that a restart visibly resets the counter
cg_run sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i + 1)); done; exec sleep 120'
RS_PID=$CG_LAST_PID
vs_test_context rs 401 "$RS_PID"

# --- no master yet: the agent waits and says so once
snmp_agent_start
sleep 2.5
kill -0 "$AGENT_PID" 2>/dev/null || { cat "$VS_TMP/agent.log" >&2; fail "vsmon-snmp exited without a master"; }
n=$(grep -c "not reachable; retrying every 1 s" "$VS_TMP/agent.log" || true)
assert_eq "$n" 1 "log lines about the missing AgentX socket"
snmp_master_start
snmp_agent_wait 50
grep -q "connected to the AgentX master at $AGENTX" "$VS_TMP/agent.log" || fail "no log line on connecting"

# --- a guest restart moves its discontinuity time; its counters restart
sleep 1 # let the busy loop finish
assert_eq "$(sval $CTX.6.401)" 0 "discontinuity time of a guest running since before the agent"
cpu0=$(sval $CTX.7.401)
[ "$cpu0" -gt 100000 ] || fail "the first incarnation used only $cpu0 us"
kill -KILL "$RS_PID"
rm -f "$VS_TMP/run/rs.state"
wait_for() { # wait_for OID VALUE: up to 5 s
	local i
	for i in $(seq 1 50); do [ "$(sval "$1")" = "$2" ] && return 0; sleep 0.1; done
	fail "$1 is '$(sval "$1")', want '$2'"
}
wait_for $CTX.3.401 3
assert_eq "$(sval $CTX.7.401)" "No Such Instance currently exists at this OID" "CPU of the stopped guest"
cg_create rs2
cg_run sleep 120
vs_test_context rs 401 "$CG_LAST_PID"
wait_for $CTX.3.401 2
disc=$(sval $CTX.6.401 | tr -d '()' | awk '{print $1}')
up=$(sval $VSA.1.1.3.0 | tr -d '()' | awk '{print $1}')
note "restarted: discontinuity at $disc ticks, agent up $up ticks"
[ "$disc" -gt 0 ] && [ "$disc" -le "$up" ] || fail "discontinuity time $disc not in (0, $up]"
cpu1=$(sval $CTX.7.401)
[ "$cpu1" -lt "$cpu0" ] && [ "$cpu1" -lt 100000 ] || fail "CPU counter did not restart: $cpu0 -> $cpu1"
assert_eq "$(swalk $CTX.2 | grep -c '\.401 ')" 1 "one row for the restarted guest"

# --- snmpd restarted: back within the ping interval (1 s) plus a sample, same agent
snmp_master_stop
sleep 0.5
snmp_master_start
t0=$(date +%s.%N)
snmp_agent_wait 50
t1=$(date +%s.%N)
kill -0 "$AGENT_PID" || fail "the subagent died with its master"
note "tables back $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s after snmpd restarted"
assert_between "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" 0 3 "seconds until the tables are back"
assert_eq "$(sval $CTX.2.401)" rs "data after the master restart"
grep -q "lost the AgentX master" "$VS_TMP/agent.log" || fail "no log line on losing the master"

# --- SIGHUP: a bad file keeps the old config; a good one is applied
assert_eq "$(sval $VSA.1.2.3.0)" 1 "vsmonNotifyOomEnabled before"
cp "$VS_TMP/vsmon.conf" "$VS_TMP/vsmon.conf.good"
echo "sample_interval = soon" >>"$VS_TMP/vsmon.conf"
kill -HUP "$AGENT_PID"
sleep 0.5
kill -0 "$AGENT_PID" || fail "vsmon-snmp died on a bad config"
grep -q "reload failed; keeping the previous configuration" "$VS_TMP/agent.log" || fail "no log line for a bad reload"
grep -q "vsmon.conf:[0-9]*:" "$VS_TMP/agent.log" || fail "the reload error does not name file and line"
assert_eq "$(sval $VSA.1.1.4.0)" 500 "sample interval kept"
sed 's/^sample_interval = .*/sample_interval = 2/' "$VS_TMP/vsmon.conf.good" >"$VS_TMP/vsmon.conf"
echo "snmp_notify_oom = no" >>"$VS_TMP/vsmon.conf"
kill -HUP "$AGENT_PID"
wait_for $VSA.1.2.3.0 2
assert_eq "$(sval $VSA.1.1.4.0)" 2000 "sample interval after reload"
assert_eq "$(sval $CTX.2.401)" rs "data after reload"

snmp_agent_stop || fail "vsmon-snmp exited $? on SIGTERM"
echo "ok"
