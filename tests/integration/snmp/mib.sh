#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# VSMON-MIB: smilint -l 6 reports nothing at severity 1 to 3, snmptranslate loads
# it, and every OID the agent serves has the name the MIB gives it.
. "$VS_SRC/tests/integration/lib.sh"
require_cmd smilint snmptranslate
BASE=${VS_SHARED_MIBS:-$VS_SRC/../shared/mibs}
[ -f "$BASE/SNMPv2-SMI.txt" ] || skip "no IETF base MIBs in $BASE (Debian ships none; see platform.md)"
MIB=$VS_SRC/snmp-agent/mibs/VSMON-MIB.txt
MIBDIRS=$BASE:$VS_SRC/snmp-agent/mibs
export SNMPCONFPATH=$VS_TMP SNMP_PERSISTENT_DIR=$VS_TMP/persist
mkdir -p "$VS_TMP/persist/cert_indexes"

# smilint exits 0 on errors: its output is the verdict. -s puts "[N]" on every line.
SMIPATH=$MIBDIRS smilint -l 6 -s "$MIB" >"$VS_TMP/smilint.out" 2>&1 || true
if grep -E ':[0-9]+: \[[123]\]' "$VS_TMP/smilint.out" >&2; then
	fail "smilint reports errors (severity 1-3) in VSMON-MIB"
fi
[ -s "$VS_TMP/smilint.out" ] && { note "smilint notes:"; cat "$VS_TMP/smilint.out" >&2; }

tr() { snmptranslate -M "$MIBDIRS" -m VSMON-MIB "$@"; }
assert_eq "$(tr -On VSMON-MIB::vsmonMIB 2>&1)" .1.3.6.1.4.1.8072.9999.9999.86 "vsmonMIB under netSnmpPlaypen"
assert_eq "$(tr -On VSMON-MIB::vsmonOomKill 2>&1)" .1.3.6.1.4.1.8072.9999.9999.86.0.3 "vsmonOomKill"
n=$(tr -Tz 2>/dev/null | grep -c '^"vsmon')
[ "$n" -gt 80 ] || fail "snmptranslate -Tz lists only $n vsmon objects"

# The agent's own table of what it serves (name OID type), checked against the MIB.
AGENT=$VS_BIN/vsmon-snmp
if [ -x "$AGENT" ]; then
	"$AGENT" --dump-oids >"$VS_TMP/oids" || fail "vsmon-snmp --dump-oids failed"
	[ "$(wc -l <"$VS_TMP/oids")" -gt 60 ] || fail "vsmon-snmp --dump-oids printed too little"
	while read -r name oid type _key; do
		got=$(tr -On "VSMON-MIB::$name" 2>&1)
		assert_eq "$got" "$oid" "OID of $name in the agent vs the MIB"
		[ "$type" = NOTIFICATION ] && continue
		# the MIB's base syntax as it goes on the wire vs the type the agent sends
		syn=$(tr -Td "VSMON-MIB::$name" | awk '$1 == "SYNTAX" {print $2}')
		case "$syn" in
		Unsigned32) syn=Gauge32 ;; # same encoding
		OCTET) syn=OCTET-STRING ;;
		esac
		assert_eq "$syn" "$type" "wire type of $name in the agent vs the MIB"
	done <"$VS_TMP/oids"
	# every accessible object of the MIB is served
	tr -Tz 2>/dev/null | awk -F'"' '/^"vsmon/ {print $2}' | while read -r name; do
		acc=$(tr -Td "VSMON-MIB::$name" 2>/dev/null | awk '/MAX-ACCESS/ {print $2}')
		case "$acc" in read-only | accessible-for-notify)
			grep -q "^$name " "$VS_TMP/oids" || fail "$name is in the MIB but the agent does not serve it" ;;
		esac
	done
else
	note "vsmon-snmp not built: OID cross-check skipped"
fi
echo "ok: VSMON-MIB lint-clean, loads, and matches the agent"
