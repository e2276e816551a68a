#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vstop with file capabilities, run by an unprivileged user: the capabilities stay
# lowered (effective set empty) except around the reads that need them, yet the
# deep shared-page scan works; -c and VSMON_CONF are ignored (AT_SECURE). The same
# binary without capabilities reports the deep scan unavailable, not zeros.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd setcap setpriv jq
[ "$VS_SANITIZE" != 1 ] || skip "a set-capability binary does not run under the sanitizers' runtime"
id nobody >/dev/null 2>&1 || skip "needs the user nobody"
chmod 755 "$VS_TMP"
cp "$VS_BIN/vstop" "$VS_TMP/vstop-caps"
cp "$VS_BIN/vstop" "$VS_TMP/vstop-plain"
setcap cap_sys_admin,cap_dac_read_search,cap_sys_ptrace+p "$VS_TMP/vstop-caps" ||
	skip "the file system of $VS_TMP has no file capabilities"
AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
printf 'sample_interval = soon\n' >"$VS_TMP/bad.conf"
chmod 644 "$VS_TMP/bad.conf"

# lowered while it runs
"${AS_NOBODY[@]}" "$VS_TMP/vstop-caps" -b -n 6 -d 0.4 -o json -c "$VS_TMP/bad.conf" >"$VS_TMP/caps.json" 2>"$VS_TMP/caps.err" &
pid=$!
sleep 1
eff=$(awk '/^CapEff/ {print $2}' "/proc/$pid/status")
prm=$(awk '/^CapPrm/ {print $2}' "/proc/$pid/status")
wait $pid || fail "vstop with capabilities failed: $(cat "$VS_TMP/caps.err")"
assert_eq "$eff" 0000000000000000 "effective set while running"
# CAP_DAC_READ_SEARCH (2), CAP_SYS_PTRACE (19), CAP_SYS_ADMIN (21)
assert_eq "$prm" 0000000000280004 "permitted set"
grep -q "running with raised privilege: -c ignored" "$VS_TMP/caps.err" || fail "no word about -c"
last=$(tail -n 1 "$VS_TMP/caps.json")
[ "$(echo "$last" | jq -r .deep_scan_age_sec)" != null ] || fail "deep scan did not run with capabilities: $(echo "$last" | jq -c .warnings)"
[ "$(echo "$last" | jq -r .host.deep_pss_bytes)" != null ] || fail "host deep_pss_bytes unknown"
echo "$last" | jq -e '.warnings | index("deep_scan_unavailable") | not' >/dev/null || fail "deep scan reported unavailable"

# the environment is ignored too
VSMON_CONF=$VS_TMP/bad.conf "${AS_NOBODY[@]}" "$VS_TMP/vstop-caps" -b -n 1 -o json >/dev/null ||
	fail "VSMON_CONF was honoured by a privileged binary"

# without capabilities: unavailable, never zeros
"${AS_NOBODY[@]}" "$VS_TMP/vstop-plain" -b -n 1 -o json >"$VS_TMP/plain.json" 2>/dev/null || fail "plain vstop failed"
jq -e '.warnings | index("deep_scan_unavailable")' "$VS_TMP/plain.json" >/dev/null || fail "no deep_scan_unavailable warning"
assert_eq "$(jq -r '.host.deep_pss_bytes, .contexts[0].cross_shared_bytes' "$VS_TMP/plain.json" | sort -u)" null "deep fields without capabilities"
echo ok
