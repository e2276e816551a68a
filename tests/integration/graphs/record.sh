#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `vsgraph record` end to end over the engine: a test context running a known CPU load
# (stress-ng at 50% of one CPU) gets its files on the first sample (--once); then the
# recorder, running on 2-second steps until SIGTERM, stores rates whose sum is exactly
# the kernel counter's increase between the first and the last update (last_ds), and
# the load shows as about half a core.
. "$VS_SRC/tests/integration/graphs/common.sh"
require_root
require_cmd stress-ng
vs_test_config "rrd_step = 2
rrd_archive_dir = $VS_TMP/archive"
cg_create rec
cg_run stress-ng --cpu 1 --cpu-load 50 --timeout 30s --quiet
vs_test_context rec 101 "$CG_LAST_PID"
RRD=$VS_TMP/rrd
"$VSG" -v record --once 2>once.err || { cat once.err; fail "record --once"; }
for f in host/cpu.rrd context0/cpu.rrd guests/rec/cpu.rrd guests/rec/memory.rrd guests/rec/tasks.rrd; do
	[ -f "$RRD/$f" ] || { cat once.err; fail "record --once left no $f"; }
done
grep -q '^xid = 101$' "$RRD/guests/rec/meta" || fail "meta of the context"
last=$(rrdtool info "$RRD/guests/rec/cpu.rrd" | awk '/^last_update/ { print $3 }')
[ -n "$last" ] && [ "$last" -le "$(date +%s)" ] || fail "last_update $last"
lastds() { rrdtool info "$RRD/guests/rec/cpu.rrd" | awk -F'"' '/^ds\[cpu_usage_usec\].last_ds/ { print $2 }'; }
lastup() { rrdtool info "$RRD/guests/rec/cpu.rrd" | awk '/^last_update/ { print $3 }'; }
# -c after the subcommand works as well as before it.
"$VSG" record -c "$VS_TMP/vsmon.conf" --once 2>once2.err || { cat once2.err; fail "second --once"; }
T1=$(lastup) L1=$(lastds)
"$VSG" -c "$VS_TMP/vsmon.conf" record 2>rec.err &
REC=$!
VS_PIDS+=("$REC")
sleep 12
kill -TERM "$REC"
wait "$REC" || { cat rec.err; fail "record did not end cleanly on SIGTERM"; }
grep -q "stopping: flushing" rec.err || fail "no flush on SIGTERM"
T2=$(lastup) L2=$(lastds)
note "counter $L1 at $T1, $L2 at $T2"
[ $((T2 - T1)) -ge 8 ] || fail "too few steps recorded ($T1 .. $T2)"
fetch "$RRD/guests/rec/cpu.rrd" cpu_usage_usec "$T1" "$T2" 2 >rate.txt
cat rate.txt >&2
awk -v a="$T1" -v b="$T2" -v d=$((L2 - L1)) '$1 > a && $1 <= b { if ($2 == "nan") u++; s += $2 * 2 }
	END { printf "recorded %.0f usec, counter grew %d, unknown rows %d\n", s, d, u;
	      exit !(u == 0 && s - d < d * 0.001 + 10 && d - s < d * 0.001 + 10) }' rate.txt >&2 ||
	fail "stored rates do not add up to the counter's increase"
cores=$(awk -v d=$((L2 - L1)) -v t=$((T2 - T1)) 'BEGIN { printf "%.3f", d / t / 1e6 }')
note "recorded load: $cores cores"
# 0.5 on an idle machine; other tests running beside this one take their share.
assert_between "$cores" 0.2 0.6 "recorded CPU of a 50% load"
# The tasks of the context: stress-ng's parent and worker.
fetch "$RRD/guests/rec/tasks.rrd" tasks $((T2 - 4)) "$T2" 2 | awk -v e="$T2" '$1 <= e && $2 != "nan" { print $2 + 0 }' | tail -n 1 | {
	read -r v; assert_between "$v" 1 4 "tasks recorded"; }
note "record ok"
