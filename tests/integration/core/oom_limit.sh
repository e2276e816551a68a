#!/bin/bash
# A 32 MiB memory limit and a process that wants more: oom_kills and mem_limit_hits grow.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd stress-ng jq
vs_test_config
cg_create oom
if [ "$(cg_mode)" = v2 ]; then
	echo $((32 * 1048576)) >"$(cg_file unified memory.max)"
	echo 0 >"$(cg_file unified memory.swap.max)" 2>/dev/null || true
else
	echo $((32 * 1048576)) >"$(cg_file memory memory.limit_in_bytes)"
fi
cg_run sleep 60
vs_test_context oom 104 "$CG_LAST_PID"
before=$("$VS_BIN/vstop" -b -n 1 -o json)
k0=$(echo "$before" | jq -r '.contexts[] | select(.xid == 104) | .oom_kills')
h0=$(echo "$before" | jq -r '.contexts[] | select(.xid == 104) | .mem_limit_hits')
lim=$(echo "$before" | jq -r '.contexts[] | select(.xid == 104) | .mem_limit_bytes')
assert_eq "$lim" $((32 * 1048576)) "mem_limit_bytes"
cg_run stress-ng --vm 1 --vm-bytes 64M --vm-keep --timeout 3s --quiet
wait "$CG_LAST_PID" || true
after=$("$VS_BIN/vstop" -b -n 1 -o json)
k1=$(echo "$after" | jq -r '.contexts[] | select(.xid == 104) | .oom_kills')
h1=$(echo "$after" | jq -r '.contexts[] | select(.xid == 104) | .mem_limit_hits')
note "oom_kills $k0 -> $k1, mem_limit_hits $h0 -> $h1"
[ "$k1" -gt "$k0" ] || fail "oom_kills did not grow ($k0 -> $k1)"
[ "$h1" -gt "$h0" ] || fail "mem_limit_hits did not grow ($h0 -> $h1)"
peak=$(echo "$after" | jq -r '.contexts[] | select(.xid == 104) | .mem_peak_bytes')
assert_between "$peak" $((24 * 1048576)) $((33 * 1048576)) "mem_peak_bytes at the limit"
echo "ok"
