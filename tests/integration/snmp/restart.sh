#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Restarts. The subagent starts before its master (a missing AgentX socket is retried
# with one clear log line, no crash loop); a real guest stopped and started again
# with vsctl moves its discontinuity time and its counters restart, and so does a
# vsctl restart too quick for a sample to see it stopped; snmpd restarted: the data
# is back within the ping interval without restarting the subagent; SIGHUP reloads
# the config (a bad file keeps the old one); SIGTERM ends it cleanly.
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
. "$VS_SRC/tests/integration/snmp/snmp-lib.sh"

snmp_config 0.5
vsctl build rs --template base --xid 401 || fail "build rs"
vsctl start rs || fail "start rs"
# burn some CPU in the guest first, so that a restart visibly resets the counter
vsctl exec rs -- sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i + 1)); done' &
BURN_PID=$!
VS_PIDS+=("$BURN_PID")

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
wait "$BURN_PID" || fail "the CPU burner in rs failed"
assert_eq "$(sval $CTX.6.401)" 0 "discontinuity time of a guest running since before the agent"
cpu0=$(sval $CTX.7.401)
wait_for() { # wait_for OID VALUE: up to 5 s
	local i
	for i in $(seq 1 50); do [ "$(sval "$1")" = "$2" ] && return 0; sleep 0.1; done
	fail "$1 is '$(sval "$1")', want '$2'"
}
# the burner's CPU shows within a sample
for _ in $(seq 1 20); do [ "$cpu0" -gt 100000 ] && break; sleep 0.1; cpu0=$(sval $CTX.7.401); done
[ "$cpu0" -gt 100000 ] || fail "the first incarnation used only $cpu0 us"
vsctl stop --timeout 0 rs || fail "stop rs"
wait_for $CTX.3.401 3
assert_eq "$(sval $CTX.2.401)" rs "name of the stopped guest"
for col in 4 5 6 7 12 21; do
	assert_eq "$(sval $CTX.$col.401)" "No Such Instance currently exists at this OID" "column $col of the stopped guest"
done
[ "$(swalk $CTX | grep -c '\.401 ')" -eq 2 ] || fail "a walk shows more than name and state of the stopped guest"
vsctl start rs || fail "start rs again"
wait_for $CTX.3.401 2
ticks() { sval "$1" | tr -d '()' | awk '{print $1}'; }
disc=$(ticks $CTX.6.401)
up=$(ticks $VSA.1.1.3.0)
note "restarted: discontinuity at $disc ticks, agent up $up ticks"
[ "$disc" -gt 0 ] && [ "$disc" -le "$up" ] || fail "discontinuity time $disc not in (0, $up]"
cpu1=$(sval $CTX.7.401)
[ "$cpu1" -lt "$cpu0" ] && [ "$cpu1" -lt 100000 ] || fail "CPU counter did not restart: $cpu0 -> $cpu1"
assert_eq "$(swalk $CTX.2 | grep -c '\.401 ')" 1 "one row for the restarted guest"

# vsctl restart: stopped and started between two samples; the new incarnation
# still moves the discontinuity time (one tick is 10 ms: wait past it)
sleep 0.1
vsctl restart --timeout 0 rs || fail "restart rs"
for _ in $(seq 1 50); do [ "$(ticks $CTX.6.401)" != "$disc" ] && break; sleep 0.1; done
disc2=$(ticks $CTX.6.401)
note "vsctl restart: discontinuity $disc -> $disc2 ticks"
[ "$disc2" -gt "$disc" ] || fail "vsctl restart did not move the discontinuity time ($disc -> $disc2)"
assert_eq "$(sval $CTX.3.401)" 2 "state after vsctl restart"

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
