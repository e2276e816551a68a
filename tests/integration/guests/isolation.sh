#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Inside a guest: its own processes (init is PID 1), host name and loopback only;
# no mounts, modules or clock changes; the reduced bounding set and no_new_privs;
# copy-on-write of template files; page-cache sharing between guests; console log;
# exec's exit statuses.
. "$(dirname "$0")/guests-lib.sh"

vsctl build g1 --template base hostname=alpha.test || fail "build g1"
vsctl build g2 --template base || fail "build g2"
vsctl start g1 || fail "start g1"
assert_eq "$(vsctl status g1)" running "status g1"

# --- processes, host name, network
ps_out=$(vsctl exec g1 -- ps -o pid,comm)
note "ps in g1:"$'\n'"$ps_out"
echo "$ps_out" | awk 'NR > 1 && $1 == 1 { found = 1 } END { exit !found }' || fail "no PID 1 in g1"
[ "$(echo "$ps_out" | awk 'NR > 1' | wc -l)" -le 4 ] || fail "g1 sees more than its own processes"
echo "$ps_out" | grep -q "vsctl\|systemd\|bash" && fail "g1 sees host processes"
assert_eq "$(vsctl exec g1 -- hostname)" alpha.test "hostname in g1"
ifs=$(vsctl exec g1 -- cat /proc/net/dev | awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' | tr '\n' ' ')
assert_eq "$ifs" "lo " "interfaces in g1"

# --- what the capability set forbids
out=$(vsctl exec g1 -- mount -t tmpfs x /mnt 2>&1) && fail "mount succeeded in g1: $out"
vsctl exec g1 -- sh -c 'echo x > /tmp/m.ko'
out=$(vsctl exec g1 -- insmod /tmp/m.ko 2>&1) && fail "insmod succeeded in g1"
if [ -e /proc/modules ]; then
	echo "$out" | grep -qi "not permitted" || fail "insmod failed for another reason: $out"
else
	note "this kernel has no module support: insmod fails anyway ($out); CAP_SYS_MODULE checked below"
fi
before=$(date +%s)
out=$(vsctl exec g1 -- date -s @86400 2>&1 || true)
echo "$out" | grep -qi "not permitted" || fail "date -s was not refused: $out"
[ "$(date +%s)" -ge "$before" ] || fail "the host clock moved"
status=$(vsctl exec g1 -- cat /proc/self/status)
bnd=$(echo "$status" | awk '/^CapBnd:/ { print $2 }')
assert_eq "$(echo "$status" | awk '/^NoNewPrivs:/ { print $2 }')" 1 "NoNewPrivs in g1"
# CAP_SYS_ADMIN (21), CAP_SYS_MODULE (16), CAP_SYS_TIME (25), CAP_NET_ADMIN (12) gone;
# CAP_CHOWN (0) and CAP_NET_RAW (13) kept.
for bit in 21 16 25 12 17 22 19; do
	(( (16#$bnd >> bit) & 1 )) && fail "capability $bit still in g1's bounding set $bnd"
done
for bit in 0 13; do
	(( (16#$bnd >> bit) & 1 )) || fail "capability $bit missing from g1's bounding set $bnd"
done
(( (16#$(awk '/^CapBnd:/ { print $2 }' /proc/self/status) >> 21) & 1 )) || fail "host lost caps"

# --- exit statuses of exec
set +e
vsctl exec g1 -- sh -c 'exit 7'; assert_eq $? 7 "exec exit status"
vsctl exec g1 -- /no/such/cmd 2>/dev/null; assert_eq $? 127 "exec of a missing command"
vsctl exec g2 -- true 2>/dev/null; assert_eq $? 125 "exec in a stopped guest"
set -e

# --- copy-on-write: g1 changes a template file; template and g2 keep theirs
tpl_sum=$(md5sum <"$VS_TMP/state/templates/base/etc/passwd")
vsctl start g2 || fail "start g2"
vsctl exec g1 -- sh -c 'echo "intruder:x:0:0::/:/bin/sh" >> /etc/passwd'
assert_eq "$(md5sum <"$VS_TMP/state/templates/base/etc/passwd")" "$tpl_sum" "template after write"
assert_eq "$(vsctl exec g2 -- md5sum </dev/null /etc/passwd | cut -d' ' -f1)" "${tpl_sum%% *}" \
	"g2's /etc/passwd"
[ "$(vsctl exec g1 -- md5sum /etc/passwd | cut -d' ' -f1)" != "${tpl_sum%% *}" ] ||
	fail "g1's write did not land"
grep -q intruder "$VS_TMP/state/g1/upper/etc/passwd" || fail "g1's upper layer lacks the change"
[ -e "$VS_TMP/state/g2/upper/etc/passwd" ] && fail "g2's upper layer changed"

# --- page cache: the busybox text mapped by both guests' inits is the same pages
bb_pss() { awk '/\/bin\/busybox$/ { m = 1; next } /^[0-9a-f]+-/ { m = 0 } m && /^Pss:/ { s += $2 } END { print s + 0 }' "/proc/$1/smaps"; }
vsctl stop --timeout 0 g2
pss_alone=$(bb_pss "$(ginit g1)")
vsctl start g2
vsctl exec g2 -- true # the exec maps busybox too, then exits
pss_shared=$(bb_pss "$(ginit g1)")
note "g1 init busybox Pss: $pss_alone kB alone, $pss_shared kB with g2 running"
awk -v a="$pss_alone" -v b="$pss_shared" 'BEGIN { exit !(b < a * 0.8) }' ||
	fail "busybox pages not shared across guests (Pss $pss_alone -> $pss_shared kB)"
read -r rss pss shared < <(awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 } /^Shared_(Clean|Dirty):/ { s += $2 } END { print r, p, s }' "/proc/$(ginit g2)/smaps_rollup")
note "g2 init smaps_rollup: Rss $rss Pss $pss Shared $shared kB"
[ "$pss" -lt "$rss" ] && [ "$shared" -gt 0 ] || fail "g2 init Pss $pss not below Rss $rss"

# --- console log
vsctl exec g1 -- sh -c 'echo console-check > /proc/1/fd/1'
vsctl log g1 | grep -q "alpha.test: up" || fail "boot message missing from vsctl log"
vsctl log g1 | grep -q "console-check" || fail "console output missing from vsctl log"

vsctl stop g1 || fail "stop g1"
vsctl log g1 | grep -q "alpha.test: stopping" || fail "SIGTERM did not reach g1's init"
vsctl stop --timeout 0 g2
assert_eq "$(vsctl list -o json | jq -r '[.[].state] | join(",")')" "stopped,stopped" "states"
for h in $(cg_hierarchies); do
	[ -z "$(ls -d "$(cg_dir "$h")$(cg_base "$h" | sed 's,/$,,')/vstest-$$"/g* 2>/dev/null)" ] ||
		fail "guest cgroups left in $h"
done
grep -q "$VS_TMP" /proc/mounts && fail "mounts left behind"
echo "PASS"
