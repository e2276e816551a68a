#!/bin/bash
# A half-busy CPU load shows as 45-55% of one CPU over the middle samples.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd stress-ng jq
vs_test_config
cg_create cpu
cg_run stress-ng --cpu 1 --cpu-load 50 --timeout 14s --quiet
vs_test_context cpu 101 "$CG_LAST_PID"
sleep 1
"$VS_BIN/vstop" -b -n 11 -d 1 -o json >"$VS_TMP/out.json"
# samples 3..10: skip the first (no rate yet) and the start-up of the load
vals=$(jq -r '.contexts[] | select(.xid == 101) | .cpu_pct' "$VS_TMP/out.json" | sed -n '3,10p')
note "cpu_pct samples: $(echo $vals)"
mean=$(echo "$vals" | awk '{s += $1; n++} END {printf "%.2f", s / n}')
assert_between "$mean" 45 55 "mean cpu_pct of the middle samples"
for v in $vals; do assert_between "$v" 35 65 "one cpu_pct sample"; done
# user + system add up to usage (within the kernel's own rounding)
jq -e '.contexts[] | select(.xid == 101) | (.cpu_user_usec + .cpu_system_usec) as $s | .cpu_usage_usec as $u | ($s - $u) | fabs < ($u * 0.05 + 20000)' \
	<(tail -n 1 "$VS_TMP/out.json") >/dev/null || fail "user + system != usage"
# the context is listed with its name and state, and context 0 is there
assert_eq "$(jqlast "$VS_TMP/out.json" '.contexts[] | select(.xid == 101) | .name + "/" + .state')" "cpu/running" "name/state"
assert_eq "$(jqlast "$VS_TMP/out.json" '.contexts[0].xid')" 0 "context 0 first"
assert_eq "$(jqlast "$VS_TMP/out.json" '.schema_version')" 1 "schema_version"
echo "ok: mean cpu_pct $mean"
