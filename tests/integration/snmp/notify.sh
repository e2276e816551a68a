#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Notifications at a private snmptrapd: a guest with a 32 MiB memory limit and a
# process that wants 64 MiB gives exactly one vsmonLimitExceeded and exactly one
# vsmonOomKill, each with sysUpTime.0, snmpTrapOID.0 and varbinds qualified by the
# guest's xid; a guest that stops gives one vsmonContextStateChange.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd stress-ng
. "$VS_SRC/tests/integration/snmp/snmp-lib.sh"

snmp_config 0.5
cg_create quiet
cg_run sleep 120
QUIET_PID=$CG_LAST_PID
vs_test_context quiet 502 "$QUIET_PID"

# last: cg_run below runs in the cgroup made last
cg_create oom
if [ "$(cg_mode)" = v2 ]; then
	echo $((32 << 20)) >"$(cg_file unified memory.max)"
	echo 0 >"$(cg_file unified memory.swap.max)" 2>/dev/null || true
else
	echo $((32 << 20)) >"$(cg_file memory memory.limit_in_bytes)"
fi
cg_run sleep 120
vs_test_context oomer 501 "$CG_LAST_PID"

snmp_trapd_start
snmp_master_start
snmp_agent_start
snmp_agent_wait
sleep 1 # past the agent's baseline sample: earlier events are not reported

# --oomable: the stressor is not restarted after its OOM kill, so one kill
cg_run stress-ng --vm 1 --vm-bytes 64M --vm-keep --oomable --timeout 4s --quiet
wait "$CG_LAST_PID" || true
# quiet stops: its init is gone and its state file removed
kill -KILL "$QUIET_PID"
rm -f "$VS_TMP/run/quiet.state"

wait_traps() { # wait_traps PATTERN COUNT
	local i
	for i in $(seq 1 60); do
		[ "$(snmp_traps | grep -c -- "$1")" -ge "$2" ] && return 0
		sleep 0.25
	done
	return 1
}
wait_traps "OID: $VSA.0.3" 1 || { snmp_traps >&2; cat "$VS_TMP/agent.log" >&2; fail "no vsmonOomKill"; }
wait_traps "OID: $VSA.0.2" 1 || { snmp_traps >&2; fail "no vsmonLimitExceeded"; }
wait_traps "OID: $VSA.0.1" 1 || { snmp_traps >&2; fail "no vsmonContextStateChange"; }
sleep 3 # more samples: the rate limit must hold back any repeat
snmp_traps >"$VS_TMP/traps"
note "notifications received:"; cat "$VS_TMP/traps" >&2

one() { # one NOTIFICATION-OID: the only line of that kind
	local n; n=$(grep -c -- "OID: $1|" "$VS_TMP/traps" || true)
	[ "$n" -eq 1 ] || fail "$n notifications $1, want exactly 1"
	grep -- "OID: $1|" "$VS_TMP/traps"
}
oom=$(one $VSA.0.3)
lim=$(one $VSA.0.2)
st=$(one $VSA.0.1)
for t in "$oom" "$lim" "$st"; do
	echo "$t" | grep -q '^TRAP \.1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks' || fail "no sysUpTime.0 first: $t"
	echo "$t" | grep -q '|\.1\.3\.6\.1\.6\.3\.1\.1\.4\.1\.0 = OID' || fail "no snmpTrapOID.0: $t"
	# instance-qualified: no object of ours ends in .0 (no context-0 events here)
	echo "$t" | grep -Eq "\|$VSA\.1\.[0-9.]*\.0 = " && fail "a varbind of ours ends in .0: $t"
done
echo "$oom" | grep -q "|$CTX.2.501 = STRING: \"oomer\"" || fail "vsmonOomKill without the guest's name at .501: $oom"
echo "$oom" | grep -Eq "\|$CTX.21.501 = Counter64: [1-9]" || fail "vsmonOomKill without vsmonContextOomKills.501: $oom"
echo "$oom" | grep -q "|$CTX.12.501 = Counter64: " || fail "vsmonOomKill without vsmonContextMemUsed.501: $oom"
echo "$lim" | grep -q "|$CTX.2.501 = STRING: \"oomer\"" || fail "vsmonLimitExceeded without the name: $lim"
echo "$lim" | grep -q "|$LIM.6.501.1 = Counter64: $((32 << 20))" || fail "vsmonLimitExceeded without vsmonLimitHard.501.1: $lim"
echo "$lim" | grep -Eq "\|$LIM.7.501.1 = Counter64: [1-9]" || fail "vsmonLimitExceeded without vsmonLimitFailCount.501.1: $lim"
echo "$lim" | grep -q "|$LIM.3.501.1 = Counter64: " || fail "vsmonLimitExceeded without vsmonLimitCurrent.501.1: $lim"
echo "$st" | grep -q "|$CTX.2.502 = STRING: \"quiet\"" || fail "state change without the name at .502: $st"
echo "$st" | grep -q "|$CTX.3.502 = INTEGER: 3" || fail "state change without vsmonContextState.502 = stopped(3): $st"
# the table agrees: the stopped guest has no counters now, and the last change moved
assert_eq "$(sval $CTX.7.502)" "No Such Instance currently exists at this OID" "stopped guest's counters"
[ "$(sval $VSA.1.4.3.0 | tr -d '()' | awk '{print $1}')" -gt 0 ] || fail "vsmonContextTableLastChange did not move"

snmp_agent_stop || fail "vsmon-snmp exited $? on SIGTERM"
echo "ok"
