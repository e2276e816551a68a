#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vsgraph's command line: -c before or after the subcommand, usage errors exit 2 with a
# message, a bad config names file and line, bad import lines name file and line.
. "$VS_SRC/tests/integration/graphs/common.sh"
conf
cd "$VS_TMP"
st() { set +e; "$@" >out.txt 2>err.txt; echo $?; set -e; }
assert_eq "$(st "$VSG")" 2 "no command"
assert_eq "$(st "$VSG" frobnicate)" 2 "unknown command"
assert_eq "$(st "$VSG" -c vsmon.conf render --period fortnight)" 2 "bad period"
grep -q "expected day, week, month, year or all" err.txt || fail "period message: $(cat err.txt)"
assert_eq "$(st "$VSG" report --month 2023-13 -c vsmon.conf)" 2 "bad month"
assert_eq "$(st "$VSG" report -o xml -c vsmon.conf)" 2 "bad format"
assert_eq "$(st "$VSG" record --period day -c vsmon.conf)" 2 "option of another command"
assert_eq "$(st "$VSG" -c)" 2 "-c without FILE"
assert_eq "$(st "$VSG" -c vsmon.conf graph web1 cpu)" 2 "graph without -o"
assert_eq "$(st "$VSG" -c vsmon.conf graph web1 nosuch -o x.svg)" 2 "unknown graph"
printf 'rrd_dir = /tmp\nrrd_step = often\n' >bad.conf
assert_eq "$(st "$VSG" -c bad.conf report)" 2 "bad config"
grep -q "bad.conf:2: bad value for rrd_step" err.txt || fail "config message: $(cat err.txt)"
assert_eq "$(st "$VSG" report -c missing.conf)" 2 "missing config"
printf '{"time": 1699920000, "contexts": []}\nnot json\n' >bad.jsonl
assert_eq "$(st "$VSG" import bad.jsonl -c vsmon.conf)" 2 "bad import line"
grep -q "bad.jsonl:2: expected a batch-output JSON object" err.txt || fail "import message: $(cat err.txt)"
assert_eq "$(st "$VSG" --help)" 0 "help"
grep -q "record \[--once\]" out.txt || fail "help text"
# archive: a guest's files move to rrd_archive_dir; the archive page lists them
python3 "$GEN" $T0 3 $STEP >s.jsonl
"$VSG" -c vsmon.conf import s.jsonl 2>/dev/null
dest=$("$VSG" -c vsmon.conf archive web1) || fail "archive"
[ -f "$dest/cpu.rrd" ] && [ ! -e "$RRD/guests/web1" ] || fail "archive did not move the files ($dest)"
assert_eq "$(st "$VSG" -c vsmon.conf archive web1)" 1 "archiving a guest without files"
"$VSG" -c vsmon.conf render --period day --end $((T0 + 180)) 2>/dev/null || fail "render with an archive"
grep -q "web1" out/archive.html && grep -q "<td>101</td>" out/archive.html || fail "archive page"
note "cli ok"
