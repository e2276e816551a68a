#!/bin/bash
# Processes that exit between the listing of cgroup.procs and the reading of their
# /proc files: every sample is still complete, the context's groups stay known and
# the sweep reports no error. A long-lived writer's buffered writes show in
# io_issued_write_bytes_per_sec.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd jq
vs_test_config
cg_create churn
# short-lived processes, thousands a second
cg_run bash -c 'while :; do /bin/true; done'
vs_test_context churn 108 "$CG_LAST_PID"
# one long-lived writer: 4 MiB/s of buffered writes
cg_run bash -c "exec 3>$VS_TMP/w; while :; do head -c 409600 /dev/zero >&3; sleep 0.1; done"
"$VS_BIN/vstop" -b -n 25 -d 0.1 -o json >"$VS_TMP/out.json" 2>"$VS_TMP/err" || fail "vstop exited $?"
assert_eq "$(wc -l <"$VS_TMP/out.json")" 25 "samples"
assert_eq "$(jq -r '.contexts[] | select(.xid == 108) | .tasks == null' "$VS_TMP/out.json" | sort -u)" false "tasks known in every sample"
assert_eq "$(jq -r '.contexts[] | select(.xid == 108) | .warnings | length' "$VS_TMP/out.json" | sort -u)" 0 "no warnings"
assert_eq "$(jq -r '.contexts[] | select(.xid == 108) | .cpu_pct == null' "$VS_TMP/out.json" | tail -n +2 | sort -u)" false "cpu_pct known after the first sample"
rates=$(jq -r '.contexts[] | select(.xid == 108) | .io_issued_write_bytes_per_sec' "$VS_TMP/out.json" | tail -n +6)
echo "$rates" | grep -q null && fail "issued-write rate unknown: $(echo $rates)"
mean=$(echo "$rates" | awk '{s += $1; n++} END {printf "%.0f", s / n}')
note "issued writes: mean $mean bytes/s"
# 400 KiB every 0.1 s plus the sleep's own time: 2.5 to 4.2 MB/s
assert_between "$mean" 2000000 4300000 "io_issued_write_bytes_per_sec"

# Tasks that join a running context show at the next sweep, also when the sweeps come
# faster than once a second (v1 caches an open cgroup.procs's list while it is read).
cg_create grow
cg_run sleep 60
vs_test_context grow 109 "$CG_LAST_PID"
"$VS_BIN/vstop" -b -n 12 -d 0.2 -o json >"$VS_TMP/grow.json" &
vpid=$!
sleep 0.9
cg_run sleep 60
cg_run sleep 60
cg_run sleep 60
wait $vpid || fail "vstop exited $?"
counts=$(jq -r '.contexts[] | select(.xid == 109) | .tasks' "$VS_TMP/grow.json" | tr '\n' ' ')
note "tasks of the growing context: $counts"
assert_eq "$(jq -r '.contexts[] | select(.xid == 109) | .tasks' "$VS_TMP/grow.json" | head -1)" 1 "tasks at the start"
assert_eq "$(jq -r '.contexts[] | select(.xid == 109) | .tasks' "$VS_TMP/grow.json" | tail -1)" 4 "tasks after three joined"
echo ok
