#!/bin/bash
# More contexts than descriptors: 60 contexts need about 1200 kept-open cgroup files,
# under a limit of 600. Contexts past the limit have their files reopened for each
# read, and the per-process caches (smaps_rollup, stat) must give their descriptors
# back rather than starve those reads: every sample is complete, with no warning, in
# JSON (every group) and in the text table (the default columns' groups).
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd jq
vs_test_config
N=60
for i in $(seq 1 $N); do
	cg_create "fd$i"
	cg_run sleep 600
	vs_test_context "fd$i" $((2000 + i)) "$CG_LAST_PID"
done
ulimit -n 600 || skip "cannot lower RLIMIT_NOFILE"
"$VS_BIN/vstop" -b -n 4 -d 0.3 -o json >"$VS_TMP/out.json" 2>"$VS_TMP/err" || fail "vstop -o json exited $?"
[ -s "$VS_TMP/err" ] && fail "warnings: $(head -n 3 "$VS_TMP/err")"
for k in tasks mem_current_bytes pss_bytes cpu_usage_usec; do
	known=$(jq -r "[.contexts[] | select(.xid > 2000) | .$k | select(. != null)] | length" "$VS_TMP/out.json" | sort -u)
	assert_eq "$known" $N "contexts with $k known in every sample"
done
assert_eq "$(jq -r '[.contexts[] | select(.xid > 2000) | .warnings | length] | add' "$VS_TMP/out.json" | sort -u)" 0 "no context warnings"
"$VS_BIN/vstop" -b -n 4 -d 0.3 -o text >"$VS_TMP/out.txt" 2>"$VS_TMP/err" || fail "vstop -o text exited $?"
[ -s "$VS_TMP/err" ] && fail "warnings: $(head -n 3 "$VS_TMP/err")"
# The last table: every test context's TASKS (after the OOM column) is 1.
rows=$(awk '/^ +XID/ {n = 0} $1 > 2000 && $1 <= 2000 + N {n++} END {print n}' N=$N "$VS_TMP/out.txt")
assert_eq "$rows" $N "rows in the last table"
assert_eq "$(awk '$1 > 2000 && $1 <= 2000 + N {print $11}' N=$N "$VS_TMP/out.txt" | sort -u)" 1 "TASKS of every context"
echo ok
