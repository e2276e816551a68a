#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vsmon-snmp under valgrind through walks, a bulk walk, gets of missing instances, a
# notification and SIGTERM: no invalid access, and no leak whose stack passes through
# our own code (net-snmp's table helpers leak on their own, see snmp-rrd.md). No
# suppressions: the deep scanner zeroes its PAGEMAP_SCAN buffer for valgrind.
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
require_cmd valgrind
[ "${VS_SANITIZE:-0}" = 1 ] && skip "sanitizer build: valgrind cannot run ASan binaries"
. "$VS_SRC/tests/integration/snmp/snmp-lib.sh"

snmp_config 0.5
# vg runs, off is built and never started
vsctl build vg --template base --xid 601 || fail "build vg"
vsctl build off --template base --xid 602 || fail "build off"
vsctl start vg || fail "start vg"

snmp_master_start
snmp_agent_start valgrind --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=none --track-origins=no --num-callers=30 \
	--log-file="$VS_TMP/valgrind.log"
snmp_agent_wait 300
for i in 1 2 3; do
	swalk $VSA >"$VS_TMP/walk.$i"
	sleep 0.6 # across a cache period: rows are rebuilt from the next snapshot
done
sbulk $VSA >"$VS_TMP/bulk"
sget $CTX.2.999 $CTX.7.602 $LIM.3.601.3 $CTX.99.1 >/dev/null
[ "$(grep -c '\.601 ' "$VS_TMP/walk.1")" -gt 10 ] || fail "the walk under valgrind is short"
# a state change, so the notification path runs too
vsctl stop --timeout 0 vg || fail "stop vg"
sleep 1.5
swalk $VSA >/dev/null
kill -HUP "$AGENT_PID"
sleep 1
snmp_agent_stop || fail "vsmon-snmp under valgrind exited $?"

note "valgrind summary:"; grep -E "ERROR SUMMARY|definitely|indirectly" "$VS_TMP/valgrind.log" >&2 || true
if ! grep -q "ERROR SUMMARY: 0 errors" "$VS_TMP/valgrind.log"; then
	cat "$VS_TMP/valgrind.log" >&2
	fail "valgrind reports memory errors"
fi
# Each leak record is a paragraph; ours are the ones with a frame in our sources
# (valgrind prints "(file.c:LINE)" only for code with debug info: ours, not net-snmp).
awk -v RS= '/definitely lost|indirectly lost/ && /\([a-z0-9_-]+\.c:[0-9]+\)/' \
	"$VS_TMP/valgrind.log" >"$VS_TMP/ours"
if [ -s "$VS_TMP/ours" ]; then
	cat "$VS_TMP/ours" >&2
	fail "vsmon-snmp leaks memory of its own"
fi
echo "ok"
