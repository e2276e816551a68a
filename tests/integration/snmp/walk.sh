#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vsmon-snmp through a private snmpd, with real guests (vsctl, busybox template):
# walk, bulkwalk and get (v2c and v3 authPriv) show one row per guest with its name;
# values agree with vstop -b -o json within one sample's movement; a busy guest's
# CPU counter grows by the CPU time it used; walk and bulkwalk agree; stopped
# guests and bad OIDs answer noSuch*.
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
. "$VS_SRC/tests/integration/snmp/snmp-lib.sh"

snmp_config 1
# web: the template's sleeping init under a memory limit; busy: an init that spins;
# idle: built, never started
vsctl build web --template base --xid 301 memory.max=64M || fail "build web"
vsctl build busy --template base --xid 303 'init=/bin/sh -c "while :; do :; done"' || fail "build busy"
vsctl build idle --template base --xid 302 || fail "build idle"
vsctl start web busy || fail "start"
if [ "$(cg_mode)" = v2 ]; then BUSY_CPU_FILE=$(gcg busy unified)/cpu.stat
else BUSY_CPU_FILE=$(gcg busy cpuacct)/cpuacct.usage; fi

snmp_master_start
snmp_agent_start
snmp_agent_wait

# --- one row per context, with its name and state
swalk $CTX.2 >"$VS_TMP/names"
assert_eq "$(cat "$VS_TMP/names" | tr -d '"' | awk '{print $1 "=" $2}' | tr '\n' ' ')" \
	"$CTX.2.0=host $CTX.2.301=web $CTX.2.302=idle $CTX.2.303=busy " "names"
assert_eq "$(swalk $CTX.3 | awk '{print $2}' | tr '\n' ' ')" "2 2 3 2 " "states (running, running, stopped, running)"
assert_eq "$(sval $VSA.1.4.1.0)" 4 "vsmonContextNumber"
assert_eq "$(sval $VSA.1.4.2.0)" 2 "vsmonContextRunning"

# --- v3 authPriv (SHA-256, AES), the user of etc/snmp/snmpd.conf.vsmon: it sees
# VSMON-MIB and the system group, nothing else; a wrong passphrase sees nothing
assert_eq "$(sget3 $CTX.2.301 | awk '{print $2}' | tr -d '"')" web "v3 authPriv get"
assert_eq "$(sget3 $VSA.1.4.1.0 | awk '{print $2}')" 4 "v3 authPriv vsmonContextNumber"
sget3 .1.3.6.1.2.1.1.3.0 | grep -Eq "^.1.3.6.1.2.1.1.3.0 [0-9]+$" || fail "v3 user cannot read sysUpTime"
sget3 .1.3.6.1.2.1.2.1.0 | grep -q "No Such Object" || fail "v3 user sees outside its view"
if snmpget -v3 -l authPriv -u "$V3USER" -a SHA-256 -A wrong-passphrase -x AES -X "$V3PRIV" \
	-t 1 -r 0 "$SNMP_TARGET" $CTX.2.301 >/dev/null 2>&1; then
	fail "v3 with a wrong passphrase was answered"
fi

# --- a stopped guest: name and state, nothing else
assert_eq "$(sval $CTX.2.302)" idle "stopped guest name"
for col in 4 5 6 7 12 26; do
	assert_eq "$(sval $CTX.$col.302)" "No Such Instance currently exists at this OID" "stopped guest column $col"
done
[ "$(swalk $CTX | grep -c '\.302 ')" -eq 2 ] || fail "a walk shows more than name and state of the stopped guest"

# --- bad input
assert_eq "$(sval $CTX.2.999)" "No Such Instance currently exists at this OID" "unknown xid"
assert_eq "$(sval $CTX.2.301.5)" "No Such Instance currently exists at this OID" "over-long index"
assert_eq "$(sval $CTX.99.301)" "No Such Object available on this agent at this OID" "unknown column"
assert_eq "$(sval $VSA.1.1.9.0)" "No Such Object available on this agent at this OID" "unknown scalar"
assert_eq "$(sval $VSA.1.1.1.1)" "No Such Instance currently exists at this OID" "scalar instance .1"

# --- walk and bulkwalk return identical data (retried when a new sample fell between)
same=0
for try in 1 2 3 4 5; do
	swalk $VSA.1.4.4 >"$VS_TMP/w1"
	sbulk $VSA.1.4.4 >"$VS_TMP/b"
	swalk $VSA.1.4.4 >"$VS_TMP/w2"
	if cmp -s "$VS_TMP/w1" "$VS_TMP/w2"; then
		cmp -s "$VS_TMP/w1" "$VS_TMP/b" || { diff "$VS_TMP/w1" "$VS_TMP/b" >&2; fail "walk and bulkwalk differ"; }
		same=1
		break
	fi
done
[ $same -eq 1 ] || fail "no two walks within one cache period in 5 tries"
note "context table: $(wc -l <"$VS_TMP/w1") values, walk == bulkwalk"

# --- the limit table: web's memory row
assert_eq "$(sval $LIM.2.301.1)" bytes "limit units"
assert_eq "$(sval $LIM.6.301.1)" $((64 << 20)) "memory hard limit"
assert_eq "$(sval $LIM.6.303.1)" "No Such Instance currently exists at this OID" "no memory limit set"
assert_eq "$(sval $LIM.2.302.1)" "No Such Instance currently exists at this OID" "no limit rows for a stopped guest"

# --- values agree with vstop -b -o json: vstop samples before and after the walk, and
# every value lies between them, widened by one sample's movement either way.
"$VS_BIN/vstop" -b -n 1 -o json -c "$VS_TMP/vsmon.conf" >"$VS_TMP/j1"
sleep 1.2
swalk $VSA.1.4.4 >"$VS_TMP/w"
sleep 1.2
"$VS_BIN/vstop" -b -n 1 -o json -c "$VS_TMP/vsmon.conf" >"$VS_TMP/j2"
"$VS_BIN/vsmon-snmp" --dump-oids | awk '$4 != "-" && $2 ~ /\.1\.4\.4\.1\./ {print $2, $4}' >"$VS_TMP/cols"
checked=0
while read -r oid val; do
	col=${oid#$CTX.}; xid=${col#*.}; col=${col%%.*}
	key=$(awk -v o="$CTX.$col" '$1 == o {print $2}' "$VS_TMP/cols")
	[ -n "$key" ] || continue
	a=$(jq -r --argjson x "$xid" ".contexts[] | select(.xid == \$x) | .$key" "$VS_TMP/j1")
	b=$(jq -r --argjson x "$xid" ".contexts[] | select(.xid == \$x) | .$key" "$VS_TMP/j2")
	[ "$a" != null ] && [ "$b" != null ] || fail "$key of xid $xid: SNMP has $val, vstop has $a / $b"
	awk -v v="$val" -v a="$a" -v b="$b" -v k="$key" 'BEGIN {
		lo = a < b ? a : b; hi = a < b ? b : a; m = hi - lo
		m += hi / 50 + 1
		# Shared-page sizes (Pss, Uss...) also move with every process outside the
		# guest that maps the same libraries (snmpwalk itself, a sanitizer build):
		# for a guest of one small process that is tens of KiB, more than 2%.
		if (k ~ /^(rss|pss|uss|shared|swap_pss|ksm|cross_shared|charged_|shared_with|deep_)/)
			m += 65536
		exit !(v >= lo - m && v <= hi + m) }' ||
		fail "$key of xid $xid: SNMP $val not within one sample of vstop ($a .. $b)"
	checked=$((checked + 1))
done <<<"$(grep -E "\.(301|303) " "$VS_TMP/w")"
[ $checked -ge 20 ] || fail "only $checked values compared with vstop"
note "$checked values of the running guests agree with vstop -b -o json"

# --- a busy guest's CPU counter grows by the CPU time it used (one sample of slack)
cpu_now() {
	if [ "$(cg_mode)" = v2 ]; then awk '$1 == "usage_usec" {print $2}' "$BUSY_CPU_FILE"
	else echo $(($(cat "$BUSY_CPU_FILE") / 1000)); fi
}
k0=$(cpu_now); s0=$(sval $CTX.7.303)
sleep 4
k1=$(cpu_now); s1=$(sval $CTX.7.303)
used=$((k1 - k0)); seen=$((s1 - s0))
note "busy guest: SNMP CPU counter +$seen us, the cgroup counted +$used us"
[ "$used" -gt 2000000 ] || fail "the busy guest used only $used us in 4 s"
assert_between "$seen" $((used - 1200000)) $((used + 1200000)) "CPU counter growth vs CPU time used"

snmp_agent_stop || fail "vsmon-snmp exited $? on SIGTERM"
grep -q "vsmon-snmp stopping" "$VS_TMP/agent.log" || fail "no clean shutdown in the log"
echo "ok"
