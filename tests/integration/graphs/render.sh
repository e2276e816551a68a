#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Graphs and pages: the 95th percentile a graph prints equals one computed here from
# the same archive; PNG and SVG have the size asked for; every set gets its pages and
# index.html, host.html and a context page load in headless Chromium with no broken
# image.
. "$VS_SRC/tests/integration/graphs/common.sh"
conf
cd "$VS_TMP"
python3 "$GEN" $T0 1440 $STEP --cpu-cores 1.5 --oom-at 720 >day.jsonl
"$VSG" -c vsmon.conf import day.jsonl 2>import.err || { cat import.err; fail "import"; }
E=$((T0 + 1440 * 60))

# -- 95th percentile of web1's memory over the day, at the step's resolution
"$VSG" -c vsmon.conf graph web1 memory --period day --end $E --format png --width 640 --height 240 -o mem.png >graph.out
cat graph.out >&2
got=$(fig p95 graph.out)
want=$(fetch "$RRD/guests/web1/memory.rrd" mem_current_bytes $((E - 86400)) $E 60 | python3 -c '
import sys
v = sorted(float(l.split()[1]) for l in sys.stdin if l.split()[1] != "nan")
print("%.6f" % v[round(0.95 * (len(v) - 1))], len(v))')
note "p95 from the graph: $got; computed here: $want"
assert_eq "$got" "${want% *}" "95th percentile printed by the graph"
[ "${want#* }" -ge 1400 ] || fail "too few values for the percentile (${want#* })"
# The month's percentile comes from the 5-minute archive.
"$VSG" -c vsmon.conf graph web1 memory --period month --end $E -o mem-month.svg >gm.out
want=$(fetch "$RRD/guests/web1/memory.rrd" mem_current_bytes $((E - 31 * 86400)) $E 300 | python3 -c '
import sys
v = sorted(float(l.split()[1]) for l in sys.stdin if l.split()[1] != "nan")
print("%.6f" % v[round(0.95 * (len(v) - 1))])')
assert_eq "$(fig p95 gm.out)" "$want" "month percentile from 5-minute rows"
# CPU percentile: the counter was driven at exactly 1.5 cores.
"$VSG" -c vsmon.conf graph web1 cpu --end $E -o cpu.svg >cpu.out
assert_between "$(fig p95 cpu.out)" 1.4999 1.5001 "CPU 95th percentile in cores"

# -- trend and prediction. db1's memory grows 1 MiB a step from 50 MiB against a 296 MiB
# limit: a straight line (correlation 1) that meets the limit at step 246 (the graph's
# pixels are about two steps wide). The prediction for the 6 hours after the day is the
# same hours of the day before: 50 to 410 MiB, a mean of 230 MiB, give or take the
# half-hour rows the history is read in.
"$VSG" -c vsmon.conf graph db1 memory --period day --end $E -o db.svg >db.out
assert_between "$(fig correlation db.out)" 0.999 1.0001 "db1's memory trend correlation"
assert_between "$(fig meets_limit db.out)" $((T0 + 246 * 60 - 300)) $((T0 + 246 * 60 + 300)) \
	"when db1's memory trend meets its limit"
assert_between "$(fig predicted db.out)" $((200 * 1048576)) $((270 * 1048576)) "db1's predicted memory"
# web1's CPU is a flat 1.5 cores: nothing for a trend to correlate, a flat prediction.
assert_eq "$(fig correlation cpu.out)" - "correlation of a flat line"
assert_eq "$(fig meets_limit cpu.out)" - "a flat line under its limit never meets it"
assert_between "$(fig predicted cpu.out)" 1.4 1.55 "web1's predicted CPU"
"$VSG" -c vsmon.conf graph web1 io --end $E -o io.svg >io.out
assert_eq "$(fig p95 io.out) $(fig predicted io.out)" "- -" "no capacity figures on the disk graph"

# -- a graph that fails keeps the file it would have replaced, leaves no temporary file,
# prints no figures and names the set and graph
cp -r "$RRD/guests/web1" "$RRD/guests/broken1"
echo garbage >"$RRD/guests/broken1/memory.rrd"
echo old >broken.svg
"$VSG" -c vsmon.conf graph broken1 memory --end $E -o broken.svg >broken.out 2>broken.err &&
	fail "a garbage RRD file drew a graph"
assert_eq "$(cat broken.svg)" old "the graph a failed one would have replaced"
[ -z "$(ls broken.svg.tmp.* 2>/dev/null)" ] || fail "temporary image left: $(ls broken.svg.tmp.*)"
[ ! -s broken.out ] || fail "figures printed for a failed graph: $(cat broken.out)"
grep -q 'broken1: memory graph' broken.err || fail "the error does not name the set and graph: $(cat broken.err)"
rm -r "$RRD/guests/broken1"

# -- sizes: PNG from its header, SVG from its viewBox
read -r w h < <(python3 -c '
import struct, sys
d = open("mem.png", "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n"
print(*struct.unpack(">II", d[16:24]))')
assert_eq "$w x $h" "640 x 240" "PNG size"
"$VSG" -c vsmon.conf graph web1 cpu --end $E --width 500 --height 180 -o small.svg >/dev/null
grep -q 'viewBox="0 0 500 180"' small.svg || fail "SVG size"

# -- PNG speed settings (graph_png_fast, default yes) reach libpng and cairo inside librrd:
# zlib level 1 (FLEVEL 0 in the stream header) and no row filter, which change the bytes
# but not the pixels, and cairo's fast antialiasing, which changes the pixels along
# slanted edges (the trend line). `no` gives the libraries' defaults.
conf "graph_png_fast = no"
"$VSG" -c vsmon.conf graph web1 memory --period day --end $E --format png --width 640 --height 240 -o mem-default.png >/dev/null
conf
PNGTOOL=$VS_SRC/tests/integration/graphs/pngtool.py
read -r fast_lvl fast_filt < <(python3 "$PNGTOOL" encoding mem.png)
read -r def_lvl def_filt < <(python3 "$PNGTOOL" encoding mem-default.png)
differ=$(python3 "$PNGTOOL" differ mem.png mem-default.png)
assert_eq "$fast_lvl $fast_filt" "0 0" "fast PNG: zlib level 1, no row filter"
assert_eq "$def_lvl" 2 "graph_png_fast = no: zlib's default level"
[ "$def_filt" != 0 ] || fail "graph_png_fast = no: libpng's adaptive row filters expected, got $def_filt"
[ "$differ" -ge 20 ] || fail "fast antialiasing changed $differ pixels (slanted edges expected to differ)"
note "fast antialiasing changed $differ pixels"

# -- events: web1's one OOM kill (at 12:00) is a red bar the height of the plot; db1 has
# none (its reddest column is the limit line crossing it and the legend box)
bar=$(python3 "$PNGTOOL" redbar mem.png)
"$VSG" -c vsmon.conf graph db1 memory --period day --end $E --format png --width 640 --height 240 -o db-mem.png >/dev/null
nobar=$(python3 "$PNGTOOL" redbar db-mem.png)
note "reddest column: web1 $bar pixels, db1 $nobar"
[ "$bar" -ge 80 ] || fail "OOM kill bar: $bar red pixels in a column, expected 80 or more"
[ "$nobar" -le 30 ] || fail "db1 has no OOM kill, yet $nobar red pixels in a column"

# -- render everything: pages for each set and period
"$VSG" -c vsmon.conf render --end $E --period day --period week 2>render.err || { cat render.err; fail "render"; }
for f in index.html host.html archive.html host/day.html host/host-cpu-day.svg host/host-memory-week.svg \
	context0/day.html guests/web1/day.html guests/web1/cpu-day.svg guests/web1/memory-week.svg \
	guests/db1/week.html; do
	[ -s "out/$f" ] || fail "render left no out/$f"
done
[ -e out/guests/web1/cpu-month.svg ] && fail "a period not asked for was drawn"
"$VSG" -c vsmon.conf render --end $E --period day --format png --out-dir "$VS_TMP/outpng" 2>/dev/null || fail "render png"
[ -s outpng/guests/web1/cpu-day.png ] || fail "no PNG"

# -- the pages in headless Chromium: every <img> loaded (naturalWidth > 0)
if ! command -v chromium >/dev/null; then
	note "chromium missing: page check skipped"
	exit 0
fi
check_page() {
	local page=$1 dir copy
	dir=$(dirname "out/$page")
	copy="$dir/.check-$(basename "$page")"
	# The page itself plus a script that reports its images; same folder, same links.
	{ cat "out/$page"; cat <<'JS'
<script>
window.addEventListener("load", () => {
  const imgs = [...document.images];
  const bad = imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute("src"));
  const p = document.createElement("pre");
  p.id = "vscheck";
  p.textContent = "IMAGES " + imgs.length + " BROKEN " + bad.length + " " + bad.join(" ");
  document.body.appendChild(p);
});
</script>
JS
	} >"$copy"
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$VS_TMP/chrome" --allow-file-access-from-files \
		--virtual-time-budget=5000 --dump-dom "file://$VS_TMP/$copy" 2>chrome.err >dom.html || true
	local res; res=$(grep -o 'IMAGES [0-9]* BROKEN [0-9]*[^<]*' dom.html || true)
	note "$page: $res"
	[ -n "$res" ] || { tail -5 chrome.err >&2; fail "$page: Chromium did not report"; }
	local n; n=$(echo "$res" | awk '{ print $2 }')
	[ "$n" -gt 0 ] || fail "$page: no images"
	echo "$res" | grep -q 'BROKEN 0 ' || fail "$page: broken images: $res"
}
check_page index.html
check_page host.html
check_page guests/web1/day.html
note "render ok"
