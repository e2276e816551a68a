#!/bin/bash
# A guest defined in guests_dir but not running is listed as stopped with every
# metric null; a running one beside it has figures; context 0 completes the sum.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd jq
vs_test_config
printf 'xid = 210\ntemplate = base\n' >"$VS_TMP/guests/idle.conf"
cg_create run
cg_run sleep 60
vs_test_context run 211 "$CG_LAST_PID"
"$VS_BIN/vstop" -b -n 2 -d 0.3 -o json >"$VS_TMP/out.json"
last=$(tail -n 1 "$VS_TMP/out.json")
assert_eq "$(echo "$last" | jq -r '.contexts[] | select(.xid == 210) | .state')" stopped "stopped state"
assert_eq "$(echo "$last" | jq -r '.contexts[] | select(.xid == 210) | .template')" base "template"
assert_eq "$(echo "$last" | jq -r '[.contexts[] | select(.xid == 210) | to_entries[] | select(.key | test("_(bytes|usec|pct|ops|hits|kills|periods)$|^tasks$|^threads$")) | .value] | unique | tostring')" "[null]" "stopped guest metrics all null"
assert_eq "$(echo "$last" | jq -r '.host.contexts_defined, .host.contexts_running' | tr '\n' ' ')" "2 1 " "defined/running"
# contexts add up to the host: context 0 + guests == host, for memory and tasks
echo "$last" | jq -e '(.contexts | map(.mem_current_bytes // 0) | add) == .host.mem_current_bytes' >/dev/null || fail "memory does not add up"
echo "$last" | jq -e '(.contexts | map(.tasks // 0) | add) == .host.tasks' >/dev/null || fail "tasks do not add up"
assert_eq "$(echo "$last" | jq -r '.adds_up.memory')" true "adds_up.memory"
# the deep shared-page scan ran at the first sample and is carried (deep_scan_interval 30 s)
assert_between "$(echo "$last" | jq -r '.deep_scan_age_sec')" 0.2 1.5 "deep_scan_age_sec"
echo ok
