#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `vsgraph report`: a month's average, maximum and 95th percentile per context, in CSV
# and JSON, against values computed here from the same 5-minute archive.
. "$VS_SRC/tests/integration/graphs/common.sh"
require_cmd jq
conf
cd "$VS_TMP"
# Two days of November 2023 at one-minute steps; web1 at 1.5 cores, db1 at 0.25.
python3 "$GEN" $T0 2880 $STEP --cpu-cores 1.5 >days.jsonl
"$VSG" -c vsmon.conf import days.jsonl 2>import.err || { cat import.err; fail "import"; }
"$VSG" -c vsmon.conf report --month 2023-11 -o json >r.json || fail "report json"
"$VSG" report --month 2023-11 -o csv -c vsmon.conf >r.csv || fail "report csv (-c after)"
jq . r.json >&2
assert_eq "$(jq -r '.month' r.json)" 2023-11 "month"
assert_eq "$(jq -r '[.contexts[].name] | join(",")' r.json)" "context0,db1,web1" "contexts"
assert_eq "$(jq -r '.contexts[] | select(.name == "web1") | .xid' r.json)" 101 "xid from meta"
for k in avg max p95; do
	assert_between "$(jq -r ".contexts[] | select(.name == \"web1\") | .cpu_pct.$k" r.json)" 149.99 150.01 "web1 cpu_pct $k"
	assert_between "$(jq -r ".contexts[] | select(.name == \"db1\") | .cpu_pct.$k" r.json)" 24.99 25.01 "db1 cpu_pct $k"
done
# memory: the same statistics computed here from the 5-minute rows of the month
S=1698796800 E=1701388800 # 2023-11-01 .. 2023-12-01
want=$(fetch "$RRD/guests/web1/memory.rrd" mem_current_bytes $S $E 300 | python3 -c '
import sys
v = [float(l.split()[1]) for l in sys.stdin if l.split()[1] != "nan" and int(l.split()[0]) <= '$E']
s = sorted(v)
print("%.0f %.0f" % (sum(v) / len(v), s[round(0.95 * (len(s) - 1))]))')
got=$(jq -r '.contexts[] | select(.name == "web1") | "\(.mem_current_bytes.avg) \(.mem_current_bytes.p95)"' r.json |
	awk '{ printf "%.0f %.0f", $1, $2 }')
assert_eq "$got" "$want" "web1 memory average and 95th percentile"
# the maximum comes from the MAX archive: at least the largest 5-minute average
jq -e '.contexts[] | select(.name == "web1") | .mem_current_bytes | .max >= .p95' r.json >/dev/null || fail "max below p95"
# unknown is null (web1 has no disk-space values), never 0
assert_eq "$(jq -r '.contexts[] | select(.name == "web1") | .disk_upper_bytes.avg' r.json)" null "unknown is null"
# CSV: a header and one row per context, the same numbers
assert_eq "$(head -n 1 r.csv | cut -d, -f1-7)" "month,name,xid,archived,cpu_pct_avg,cpu_pct_max,cpu_pct_p95" "csv header"
assert_eq "$(wc -l <r.csv)" 4 "csv rows"
assert_eq "$(awk -F, '$2 == "web1" { print $3, $5 }' r.csv)" "101 150" "csv row of web1"
# A month without data: every value null
"$VSG" -c vsmon.conf report --month 2023-10 -o json | jq -e '[.contexts[].cpu_pct.avg] | all(. == null)' >/dev/null ||
	fail "a month without data is not null"
note "report ok"
