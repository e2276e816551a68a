#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The engine sees guests that vsctl starts: vstop -b -o json lists a guest with
# its xid and name, and its CPU, memory and tasks move with what runs inside; a
# stopped guest is listed as stopped.
. "$(dirname "$0")/guests-lib.sh"
require_cmd jq
[ -x "$VS_BIN/vstop" ] || skip "vstop not built"

sample() { "$VS_BIN/vstop" -b -n "${2:-1}" -d 1 -o json >"$VS_TMP/s.json" && jqlast "$VS_TMP/s.json" ".contexts[] | select(.name == \"acc\") | $1"; }

vsctl build acc --template base --xid 4242 || fail "build"
vsctl start acc || fail "start"
assert_eq "$(sample .xid)" 4242 "xid in vstop"
assert_eq "$(sample .state)" running "state in vstop"
t0=$(sample .tasks 2)
m0=$(jqlast "$VS_TMP/s.json" '.contexts[] | select(.name == "acc") | .mem_current_bytes')
cpu0=$(jqlast "$VS_TMP/s.json" '.contexts[] | select(.name == "acc") | .cpu_pct')

# tasks: five sleepers; memory: 48 MiB written to the guest's /dev/shm (shmem is
# charged to the writer's memory cgroup and stays until removed)
vsctl exec acc -- sh -c 'for i in 1 2 3 4 5; do sleep 60 & done; head -c 48m /dev/zero > /dev/shm/fill'
# CPU: a busy loop for the two samples below
vsctl exec acc -- sh -c 'while :; do :; done & :'
t1=$(sample .tasks 2)
cpu=$(jqlast "$VS_TMP/s.json" '.contexts[] | select(.name == "acc") | .cpu_pct')
m1=$(jqlast "$VS_TMP/s.json" '.contexts[] | select(.name == "acc") | .mem_current_bytes')
note "acc: tasks $t0 -> $t1, memory $m0 -> $m1 bytes, cpu $cpu0% -> $cpu%"
assert_eq "$((t1 - t0))" 6 "tasks added (5 sleepers and a busy loop)"
assert_between "$((m1 - m0))" $((46 << 20)) $((80 << 20)) "memory added by 48 MiB of shmem"
# Idle, the guest uses next to nothing; one busy loop is 100% of a CPU on an idle
# host, less where the CI machine is shared (seen: 36% with a load of 5 on 2 CPUs).
assert_between "$cpu0" 0 5 "CPU of the idle guest"
assert_between "$cpu" 25 105 "CPU of one busy loop"

vsctl stop --timeout 0 acc || fail "stop"
assert_eq "$(sample .state)" stopped "state after stop"
assert_eq "$(sample .tasks)" null "tasks of a stopped guest"
echo PASS
