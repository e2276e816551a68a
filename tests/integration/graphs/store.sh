#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The recorder's store, fed known values at fixed timestamps through `vsgraph import`:
# data sources and archives from the field table, the rate of a counter driven at a
# known speed, a guest restart as unknown (never a spike), a stopped guest unknown
# (never zero), duplicate timestamps as per-file warnings, a layout change applied
# with tune semantics, a reused guest name archived instead of mixed.
. "$VS_SRC/tests/integration/graphs/common.sh"
conf
cd "$VS_TMP"
# One day; web1 restarts at step 600 and stops at step 1300.
python3 "$GEN" $T0 1440 $STEP --cpu-cores 1.5 --restart-at 600 --stop-at 1300 >day.jsonl
"$VSG" -c vsmon.conf import day.jsonl 2>import.err || { cat import.err; fail "import"; }
W=$RRD/guests/web1

# -- layout: rrdtool info
rrdtool info "$W/cpu.rrd" >info.txt
assert_eq "$(grep -c '^ds\[cpu_usage_usec\].type = "DERIVE"' info.txt)" 1 "counter is DERIVE"
assert_eq "$(grep '^ds\[cpu_usage_usec\].min ' info.txt | awk '{print $3+0}')" 0 "DERIVE min 0"
assert_eq "$(grep '^ds\[cpu_usage_usec\].minimal_heartbeat' info.txt | awk '{print $3}')" 120 "heartbeat 2 x step"
assert_eq "$(grep '^ds\[cpu_limit_pct\].type' info.txt | cut -d'"' -f2)" GAUGE "a limit is GAUGE"
grep -q '^ds\[cpu_pct\]' info.txt && fail "a rate (cpu_pct) must not be stored"
info_has "$W/memory.rrd" '^ds\[mem_current_bytes\].type = "GAUGE"' || fail "level is GAUGE"
# archives: (cf, pdp, rows) -> seconds covered
awk -F' = ' '/^rra\[[0-9]+\]\.(cf|pdp_per_row|rows) /{ split($1, a, /[][]/); k = a[2];
	if ($1 ~ /cf/) cf[k] = $2; else if ($1 ~ /pdp/) pdp[k] = $2; else rows[k] = $2 }
	END { for (k in cf) { gsub(/"/, "", cf[k]); print cf[k], pdp[k] * 60, pdp[k] * 60 * rows[k] } }' info.txt | sort >rras.txt
cat rras.txt >&2
awk '$1 == "AVERAGE" && $2 == 300 && $3 >= 35 * 86400 { ok = 1 } END { exit !ok }' rras.txt || fail "5-minute rows for 35 days"
awk '$1 == "AVERAGE" && $2 == 3600 && $3 >= 365 * 86400 { ok = 1 } END { exit !ok }' rras.txt || fail "a year of hourly rows"
awk '$1 == "AVERAGE" && $2 == 86400 && $3 >= 5 * 365 * 86400 { ok = 1 } END { exit !ok }' rras.txt || fail "five years of daily rows"
for cf in MAX MIN; do grep -q "^$cf 300 " rras.txt || fail "$cf at 5 minutes"; done
grep -q "^MIN 60 " rras.txt && fail "no MIN at the step (it equals AVERAGE)"
# One file per group; context 0 and the host in their own sets; no file for a group
# that never had a value (web1 has no network).
for f in host/cpu.rrd host/memory.rrd host/load.rrd context0/cpu.rrd guests/db1/cpu.rrd; do
	[ -f "$RRD/$f" ] || fail "missing $f"
done
[ -e "$W/network.rrd" ] && fail "network.rrd for a guest without network values"
grep -q '^xid = 101$' "$W/meta" || fail "meta names the xid"

# -- the rate of a counter driven at 1.5 cores (1.5e6 usec/s)
fetch "$W/cpu.rrd" cpu_usage_usec $((T0 + 60)) $((T0 + 599 * 60)) 60 >rate.txt
n=$(awk '$2 != "nan" && ($2 < 1499999 || $2 > 1500001) { bad++ } $2 != "nan" { ok++ } END { print ok + 0, bad + 0 }' rate.txt)
assert_eq "$n" "598 0" "rate of the counter at 1.5 cores (known rows, wrong rows)"
fetch "$W/cpu.rrd" cpu_user_usec $((T0 + 3600)) $((T0 + 3600)) 60 | awk '{print $2}' | {
	read -r v; assert_between "$v" 1124999 1125001 "user share"; }
fetch "$RRD/guests/db1/cpu.rrd" cpu_usage_usec $((T0 + 3600)) $((T0 + 7200)) 60 | awk '$2 != "nan" { print $2 }' | sort -u | {
	read -r v; assert_between "$v" 249999 250001 "db1 at 0.25 cores"; }

# -- the restart at step 600: unknown, never a spike
fetch "$W/cpu.rrd" cpu_usage_usec $((T0 + 590 * 60)) $((T0 + 610 * 60)) 60 >restart.txt
awk '$2 != "nan" && $2 > 1500001 { exit 1 }' restart.txt || { cat restart.txt >&2; fail "a restart drew a spike"; }
assert_eq "$(awk -v t=$((T0 + 600 * 60)) '$1 == t { print $2 }' restart.txt)" nan "the restart step is unknown"
assert_eq "$(awk -v t=$((T0 + 605 * 60)) '$1 == t { print $2 }' restart.txt)" 1.5000000000e+06 "rate again after the restart"

# -- stopped from step 1300: unknown, not zero
fetch "$W/cpu.rrd" cpu_usage_usec $((T0 + 1305 * 60)) $((T0 + 1439 * 60)) 60 >stopped.txt
[ "$(awk '$2 != "nan"' stopped.txt | wc -l)" -eq 0 ] || fail "a stopped guest got values"
fetch "$W/memory.rrd" mem_current_bytes $((T0 + 1305 * 60)) $((T0 + 1439 * 60)) 60 | awk '$2 != "nan" { exit 1 }' ||
	fail "a stopped guest's memory is not unknown"

# -- a duplicate or past timestamp: a per-file warning, the other files go on
tail -n 1 day.jsonl >dup.jsonl
"$VSG" -c vsmon.conf import dup.jsonl 2>dup.err || { cat dup.err; fail "import of a duplicate step failed"; }
grep -q "db1/cpu.rrd: timestamp $((T0 + 1439 * 60)) is not after the last update" dup.err || { cat dup.err; fail "no per-file warning"; }

# -- a layout change: a DS the file lacks is added (rrdtool tune DS: of 1.7.2), history kept
rrdtool tune "$RRD/guests/db1/cpu.rrd" DEL:cpu_periods >/dev/null
info_has "$RRD/guests/db1/cpu.rrd" 'ds\[cpu_periods\]' && fail "tune DEL did not apply"
python3 "$GEN" $((T0 + 1440 * 60)) 3 $STEP >next.jsonl
"$VSG" -c vsmon.conf import next.jsonl 2>tune.err || { cat tune.err; fail "import after a layout change"; }
grep -q "db1/cpu.rrd: layout updated" tune.err || { cat tune.err; fail "layout not updated"; }
info_has "$RRD/guests/db1/cpu.rrd" '^ds\[cpu_periods\].type = "DERIVE"' || fail "DS not added back"
fetch "$RRD/guests/db1/cpu.rrd" cpu_usage_usec $((T0 + 3600)) $((T0 + 3600)) 60 | awk '{print $2}' | {
	read -r v; assert_between "$v" 249999 250001 "history kept by the layout change"; }

# -- the same name, another xid: the old files are archived, not mixed
python3 "$GEN" $((T0 + 1443 * 60)) 1 $STEP | sed 's/"xid": 102/"xid": 777/' >reuse.jsonl
"$VSG" -c vsmon.conf import reuse.jsonl 2>reuse.err || { cat reuse.err; fail "import with a reused name"; }
arch=$(ls -d "$VS_TMP"/archive/db1-* 2>/dev/null | head -n 1)
[ -n "$arch" ] || { cat reuse.err; fail "the earlier db1 was not archived"; }
grep -q '^xid = 102$' "$arch/meta" || fail "archive holds the old xid"
grep -q '^xid = 777$' "$RRD/guests/db1/meta" || fail "new db1 has its own meta"
[ "$(rrdtool info "$RRD/guests/db1/cpu.rrd" | awk '/^last_update/ { print $3 }')" -eq $((T0 + 1443 * 60)) ] || fail "new db1 starts afresh"

# -- rrd_timespans changed: longer 5-minute rows grow their archives (RRA#i:=rows), a
# new weekly span adds archives, nothing is deleted and history stays
conf "rrd_timespans = 3d:step, 60d:5m, 400d:1h, 5y:1d, 20y:1w"
rraspan() { # FILE CF SECONDS-PER-ROW: seconds covered by that archive
	rrdtool info "$1" | awk -F' = ' -v cf="\"$2\"" -v res=$(($3 / STEP)) '
	/^rra\[[0-9]+\]\.(cf|pdp_per_row|rows) / { split($1, a, /[][]/); k = a[2];
		if ($1 ~ /cf/) c[k] = $2; else if ($1 ~ /pdp/) p[k] = $2; else r[k] = $2 }
	END { for (k in c) if (c[k] == cf && p[k] == res) print r[k] * p[k] * 60 }'
}
W2=$RRD/guests/web1/cpu.rrd
nrra=$(rrdtool info "$W2" | grep -c '^rra\[[0-9]*\]\.cf')
assert_eq "$(rraspan "$W2" AVERAGE 300)" $((40 * 86400)) "5-minute rows before the change"
python3 "$GEN" $((T0 + 1444 * 60)) 2 $STEP >spans.jsonl
"$VSG" -c vsmon.conf import spans.jsonl 2>spans.err || { cat spans.err; fail "import after rrd_timespans changed"; }
grep -q "web1/cpu.rrd: layout updated" spans.err || { cat spans.err; fail "rrd_timespans change not applied"; }
for cf in AVERAGE MAX MIN; do
	assert_eq "$(rraspan "$W2" $cf 300)" $((60 * 86400)) "$cf 5-minute rows grown to 60 days"
	assert_eq "$(rraspan "$W2" $cf 604800)" $(((20 * 366 * 86400 + 604799) / 604800 * 604800)) "new weekly $cf archive (rows round up)"
done
assert_eq "$(rrdtool info "$W2" | grep -c '^rra\[[0-9]*\]\.cf')" $((nrra + 3)) "archives added, none removed"
assert_eq "$(rraspan "$W2" AVERAGE 86400)" $((5 * 366 * 86400)) "daily rows kept"
fetch "$W2" cpu_usage_usec $((T0 + 3600)) $((T0 + 3600)) 60 | awk '{print $2}' | {
	read -r v; assert_between "$v" 1499999 1500001 "history kept by the rrd_timespans change"; }
# A bad list is refused with the file and line.
conf "rrd_timespans = 40d:1h, 400d:5m"
"$VSG" -c vsmon.conf import spans.jsonl 2>bad.err && fail "a bad rrd_timespans was accepted"
grep -q "vsmon.conf:5: bad value for rrd_timespans: entry 2: spans and resolutions must grow" bad.err ||
	{ cat bad.err; fail "no file:line error for rrd_timespans"; }
note "store ok"
