#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Limits hold: cpu.max = 50% caps a busy loop at 55% over 10 s; a process over
# memory.max is OOM-killed inside the guest while the guest, the other guest and
# the host go on; a fork bomb stops at pids.max.
. "$(dirname "$0")/guests-lib.sh"

vsctl build cpu --template base cpu.max=50% || fail "build cpu"
vsctl build mem --template base memory.max=32M memory.swap.max=0 || fail "build mem"
vsctl build bomb --template base pids.max=20 || fail "build bomb"
vsctl start cpu mem bomb || fail "start"

# --- CPU: usage from the guest's cpuacct over 10 s of a busy loop
acct=$(gcg cpu cpuacct)/cpuacct.usage
vsctl exec cpu -- sh -c 'while :; do :; done & :' # detached: the exec returns at once
sleep 0.5
u0=$(cat "$acct"); t0=$(date +%s%N)
sleep 10
u1=$(cat "$acct"); t1=$(date +%s%N)
pct=$(awk -v u="$((u1 - u0))" -v t="$((t1 - t0))" 'BEGIN { printf "%.1f", 100 * u / t }')
note "busy loop under cpu.max = 50%: $pct% of one CPU over 10 s"
# The cap is the upper bound; the lower one only shows the loop ran (a shared CI
# machine may give it less than its cap).
assert_between "$pct" 20 55 "CPU of a busy loop under cpu.max = 50%"

# --- memory: awk doubling a string until the OOM killer takes it
set +e
vsctl exec mem -- awk 'BEGIN { s = "x"; while (1) s = s s }' 2>/dev/null
rc=$?
set -e
note "memory hog exit status $rc"
assert_eq "$rc" 137 "exit status of the memory hog (SIGKILL)"
oom=$(awk '/^oom_kill / { print $2 }' "$(gcg mem memory)/memory.oom_control")
[ "${oom:-0}" -ge 1 ] || fail "no OOM kill counted in the guest's memory cgroup"
assert_eq "$(vsctl status mem)" running "mem after the OOM kill"
assert_eq "$(vsctl exec mem -- echo alive)" alive "exec in mem after the OOM kill"
assert_eq "$(vsctl exec cpu -- echo alive)" alive "exec in another guest"

# --- pids: a fork bomb stops at the limit (sampled while the bomb's shell waits)
pcur=$(gcg bomb pids)/pids.current
vsctl exec bomb -- sh -c 'i=0; while [ $i -lt 60 ]; do sleep 30 & i=$((i + 1)); done; echo started' \
	>"$VS_TMP/bomb.out" 2>&1 &
VS_PIDS+=("$!")
peak=0
for _ in $(seq 1 20); do
	cur=$(cat "$pcur"); [ "$cur" -gt "$peak" ] && peak=$cur
	sleep 0.05
done
max_hits=$(awk '/^max / { print $2 }' "$(gcg bomb pids)/pids.events")
note "fork bomb: pids.current at most $peak, pids.events max $max_hits"
[ "$peak" -le 20 ] || fail "pids.current $peak above pids.max 20"
[ "$peak" -ge 15 ] || fail "the fork bomb never came near the limit ($peak)"
[ "$max_hits" -ge 1 ] || fail "pids.events shows no hit of the limit"
vsctl stop --timeout 0 bomb || fail "stop bomb"
grep -qi "can't fork\|resource" "$VS_TMP/bomb.out" || fail "the bomb saw no fork failure"
vsctl stop --timeout 0 cpu mem || fail "stop"
echo PASS
