#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `vsgraph record` end to end with a real guest (vsctl, busybox template, cgroups nested
# under this test's own): a busy loop in the guest shows in its cpu.rrd as its rate
# (the stored rates add up to the kernel counter's increase, about one core); `vsctl
# restart` gives unknown counters at the restart step, never a spike; `vsctl destroy
# --force` moves the guest's RRD directory to the archive, the running recorder does
# not recreate it, and the archive page lists it.
VS_EXTRA_CONF="rrd_step = 2"
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
export TZ=UTC LC_NUMERIC=C LC_ALL=C
require_cmd rrdtool
VSG=$VS_BIN/vsgraph
[ -x "$VSG" ] || skip "vsgraph not built"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS="suppressions=$VS_SRC/tests/integration/graphs/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
cd "$VS_TMP"
RRD=$VS_TMP/rrd
F=$RRD/guests/gr1/cpu.rrd
# rates "time value" of cpu_usage_usec (usec per second), "nan" when unknown
rates() {
	rrdtool fetch "$F" AVERAGE -s "$1" -e "$2" -r 2 |
		awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "cpu_usage_usec") col = i + 1 }
		     NR > 2 && col { sub(":", "", $1); v = $col; if (v ~ /nan/) v = "nan"; print $1, v }'
}
lastup() { rrdtool info "$F" | awk '/^last_update/ { print $3 }'; }
lastds() { rrdtool info "$F" | awk -F'"' '/^ds\[cpu_usage_usec\].last_ds/ { print $2 }'; }
# wait_steps N: until last_update has moved N steps on (at most 30 s)
wait_steps() {
	local t0 i
	t0=$(lastup)
	for i in $(seq 1 300); do
		[ "$(lastup)" -ge $((t0 + 2 * $1)) ] && return 0
		sleep 0.1
	done
	fail "the recorder did not write $1 more steps (last_update $(lastup))"
}

vsctl build gr1 --template base --xid 4301 || fail "build"
vsctl start gr1 || fail "start"
vsctl exec gr1 -- sh -c 'while :; do :; done & :' || fail "busy loop"
"$VSG" -v record 2>rec.err &
REC=$!
VS_PIDS+=("$REC")
for _ in $(seq 1 100); do [ -f "$F" ] && break; sleep 0.1; done
[ -f "$F" ] || { cat rec.err; fail "no $F from the recorder"; }
grep -q '^xid = 4301$' "$RRD/guests/gr1/meta" || fail "meta of the guest"
wait_steps 1
T1=$(lastup) L1=$(lastds)
wait_steps 4
T2=$(lastup) L2=$(lastds)
rates "$T1" "$T2" >busy.txt
cat busy.txt >&2
awk -v a="$T1" -v b="$T2" -v d=$((L2 - L1)) '$1 > a && $1 <= b { if ($2 == "nan") u++; s += $2 * 2 }
	END { printf "recorded %.0f usec, counter grew %d, unknown rows %d\n", s, d, u;
	      exit !(u == 0 && s - d < d * 0.001 + 10 && d - s < d * 0.001 + 10) }' busy.txt >&2 ||
	fail "stored rates do not add up to the guest's counter"
cores=$(awk -v d=$((L2 - L1)) -v t=$((T2 - T1)) 'BEGIN { printf "%.3f", d / t / 1e6 }')
note "busy guest recorded at $cores cores"
# One busy loop: a core on an idle host, less where other tests share the 2 CPUs.
assert_between "$cores" 0.25 1.05 "recorded CPU of a busy guest"

# -- restart: the counters start again from zero; the step that sees the new
# generation is unknown, and no rate exceeds what one loop can use
TR0=$(lastup)
vsctl restart --timeout 0 gr1 || fail "restart"
vsctl exec gr1 -- sh -c 'while :; do :; done & :' || fail "busy loop after the restart"
wait_steps 4
TR1=$(lastup)
rates "$TR0" "$TR1" >restart.txt
cat restart.txt >&2
awk -v a="$TR0" -v b="$TR1" '$1 > a && $1 <= b && $2 == "nan" { u++ }
	$1 > a && $1 <= b && $2 != "nan" && $2 > 1.1e6 { spike++ }
	END { exit !(u >= 1 && spike == 0) }' restart.txt ||
	fail "the restart is not an unknown step, or drew a spike"
awk -v b="$TR1" '$1 > b - 4 && $1 <= b && $2 != "nan" { ok++ } END { exit !ok }' restart.txt ||
	fail "no rate again after the restart"

# -- destroy while the recorder runs: archived, not recreated, listed
vsctl destroy --force gr1 2>destroy.err || { cat destroy.err; fail "destroy --force"; }
arch=$(ls -d "$RRD"/archive/gr1-* 2>/dev/null | head -n 1)
[ -n "$arch" ] && [ -f "$arch/cpu.rrd" ] || { cat destroy.err; fail "RRD directory not archived"; }
grep -q '^xid = 4301$' "$arch/meta" || fail "archive keeps the meta"
sleep 4 # two steps of the running recorder
kill -TERM "$REC"
wait "$REC" || { cat rec.err; fail "record did not end cleanly"; }
[ -e "$RRD/guests/gr1" ] && { cat rec.err; fail "the recorder recreated guests/gr1 after destroy"; }
"$VSG" render --out-dir "$VS_TMP/out" --period day --format svg 2>render.err ||
	{ cat render.err; fail "render"; }
name=${arch##*/}
grep -q "<td>gr1</td><td>4301</td><td>$name</td>" out/archive.html ||
	{ cat out/archive.html; fail "archive page does not list gr1"; }
[ -f "out/archive/$name/day.html" ] || fail "no page for the archived guest"
ls out/archive/"$name"/*.svg >/dev/null 2>&1 || fail "no graphs of the archived guest"
note "guest ok"
