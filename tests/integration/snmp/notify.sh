#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Notifications at a private snmptrapd, with real guests (vsctl, busybox template):
# a guest with a 32 MiB memory limit running a dd that wants a 64 MiB buffer is
# OOM-killed, which gives exactly one vsmonLimitExceeded and exactly one
# vsmonOomKill, each with sysUpTime.0, snmpTrapOID.0 and varbinds qualified by the
# guest's xid; a guest stopped with vsctl gives one vsmonContextStateChange.
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
. "$VS_SRC/tests/integration/snmp/snmp-lib.sh"

snmp_config 0.5
vsctl build quiet --template base --xid 502 || fail "build quiet"
# The hog must be killed, not swapped out. With swap on, cgroup v2 takes
# memory.swap.max = 0; v1 would make that memory.memsw.limit_in_bytes, which is
# hit before memory.limit_in_bytes and counted in memsw.failcnt, not the limit
# hits the notification follows.
swap=
if [ "$(wc -l </proc/swaps)" -gt 1 ]; then
	[ "$(cg_mode)" = v2 ] || skip "swap is on and cgroup v1 memory: a 64 MiB hog would be swapped out, not killed"
	swap=memory.swap.max=0
fi
vsctl build oomer --template base --xid 501 memory.max=32M ${swap:+"$swap"} || fail "build oomer"
vsctl start quiet oomer || fail "start"

snmp_trapd_start
snmp_master_start
snmp_agent_start
snmp_agent_wait
sleep 1 # past the agent's baseline sample: earlier events are not reported

# busybox dd allocates its whole 64 MiB block and reads /dev/zero into it
set +e
vsctl exec oomer -- dd if=/dev/zero bs=64M count=1 of=/dev/null 2>/dev/null
rc=$?
set -e
assert_eq "$rc" 137 "exit status of dd over memory.max (SIGKILL)"
if [ "$(cg_mode)" = v2 ]; then oom=$(awk '$1 == "oom_kill" {print $2}' "$(gcg oomer unified)/memory.events")
else oom=$(awk '$1 == "oom_kill" {print $2}' "$(gcg oomer memory)/memory.oom_control"); fi
assert_eq "${oom:-0}" 1 "OOM kills counted in oomer's memory cgroup"
vsctl stop --timeout 0 quiet || fail "stop quiet"

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
