#!/bin/bash
# Bad configuration and bad options: a message naming file and line, exit status 2.
. "$VS_SRC/tests/integration/lib.sh"
printf 'guests_dir = /tmp\nsample_interval = soon\n' >"$VS_TMP/bad.conf"
set +e
msg=$("$VS_BIN/vstop" -b -n 1 -c "$VS_TMP/bad.conf" 2>&1 >/dev/null); rc=$?
set -e
assert_eq "$rc" 2 "exit status for a bad config"
echo "$msg" | grep -q "bad.conf:2: bad value for sample_interval" || fail "message: $msg"
set +e
VSMON_CONF="$VS_TMP/bad.conf" "$VS_BIN/vstop" -b -n 1 >/dev/null 2>&1; rc=$?
set -e
assert_eq "$rc" 2 "VSMON_CONF honoured"
set +e
"$VS_BIN/vstop" -b -n 1 -c "$VS_TMP/missing.conf" >/dev/null 2>&1; rc1=$?
"$VS_BIN/vstop" -b -n x >/dev/null 2>&1; rc2=$?
"$VS_BIN/vstop" -b -o xml >/dev/null 2>&1; rc3=$?
"$VS_BIN/vstop" -b -d 0 >/dev/null 2>&1; rc4=$?
set -e
assert_eq "$rc1 $rc2 $rc3 $rc4" "2 2 2 2" "usage errors"
# csv and text carry the same samples; csv has a header and one row per context + host
printf 'guests_dir = %s\nrun_dir = %s\n' "$VS_TMP" "$VS_TMP" >"$VS_TMP/ok.conf"
"$VS_BIN/vstop" -b -n 2 -d 0.1 -o csv -c "$VS_TMP/ok.conf" >"$VS_TMP/out.csv"
assert_eq "$(head -1 "$VS_TMP/out.csv" | cut -d, -f1-6)" "time,kind,xid,name,state,cpu_pct" "csv header"
assert_eq "$(wc -l <"$VS_TMP/out.csv")" 5 "csv rows"

# the shipped sample configuration parses
"$VS_BIN/vstop" -b -n 1 -c "$VS_SRC/etc/vsmon.conf" >/dev/null || fail "etc/vsmon.conf does not parse"
echo ok
