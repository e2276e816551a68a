#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad input gets a clear message and exit status 2, and leaves nothing behind.
. "$(dirname "$0")/guests-lib.sh"

# expect2 WHAT PATTERN CMD...: exit status 2 and PATTERN in the message
expect2() {
	local what=$1 pat=$2 rc=0
	shift 2
	"$@" >"$VS_TMP/out" 2>&1 || rc=$?
	[ "$rc" -eq 2 ] || fail "$what: exit status $rc, want 2 ($(cat "$VS_TMP/out"))"
	grep -qi -- "$pat" "$VS_TMP/out" || fail "$what: message '$(cat "$VS_TMP/out")' lacks '$pat'"
}
nothing_left() {
	local n
	n=$(find "$VS_TMP/guests" -name '*.conf' | wc -l)
	assert_eq "$n" "$1" "guest configs after $2"
}

C=(-c "$VS_TMP/vsmon.conf")
for bad in ../x A "$(printf 'x%.0s' $(seq 1 33))" _x 'a b' x/y; do
	expect2 "name '$bad'" "name" vsctl "${C[@]}" build "$bad" --template base
done
nothing_left 0 "bad names"
expect2 "xid 0" "xid" vsctl build a --template base --xid 0 "${C[@]}"
expect2 "xid too big" "xid" vsctl "${C[@]}" build a --template base --xid 2147483648
expect2 "unknown key" "unknown key 'colour'" vsctl "${C[@]}" build a --template base colour=blue
expect2 "bad limit" "memory.max" vsctl "${C[@]}" build a --template base memory.max=256X
expect2 "bad cpu.max" "cpu.max" vsctl "${C[@]}" build a --template base cpu.max=50
expect2 "bad caps" "caps.drop" vsctl "${C[@]}" build a --template base caps.drop=cap_bogus
expect2 "veth without address" "net.address" vsctl "${C[@]}" build a --template base net=veth:br0
expect2 "missing template" "template 'nope' not found" vsctl "${C[@]}" build a --template nope
nothing_left 0 "bad values"
[ -z "$(ls "$VS_TMP/state" | grep -v '^templates$\|^xid.counter$')" ] || fail "state left: $(ls "$VS_TMP/state")"

# xids: the counter starts at 100 and never goes down; duplicates are refused
vsctl build a --template base || fail "build a"
vsctl build b --template base || fail "build b"
assert_eq "$(vsctl list -o json | jq -c '[.[].xid]')" "[100,101]" "xids from the counter"
vsctl destroy b || fail "destroy b"
vsctl build c --template base || fail "build c"
assert_eq "$(vsctl list -o json | jq -r '.[] | select(.name == "c") | .xid')" 102 "xid after destroy"
expect2 "duplicate xid" "already used by guest a" vsctl "${C[@]}" build d --template base --xid 100
expect2 "duplicate name" "already exists" vsctl "${C[@]}" build a --template base
nothing_left 2 "duplicates"

# an unknown key in the file is named with its line
echo "colour = blue" >>"$VS_TMP/guests/c.conf"
line=$(wc -l <"$VS_TMP/guests/c.conf")
expect2 "unknown key in a file" "c.conf:$line: unknown key 'colour'" vsctl "${C[@]}" start c
sed -i '/^colour/d' "$VS_TMP/guests/c.conf"
echo "memory.max = 1Q" >>"$VS_TMP/guests/c.conf"
expect2 "bad value in a file" "c.conf:$line: bad value for memory.max" vsctl "${C[@]}" start c
sed -i '/^memory.max = 1Q/d' "$VS_TMP/guests/c.conf"
sed -i '/^xid/d' "$VS_TMP/guests/c.conf"
expect2 "no xid" "missing xid" vsctl "${C[@]}" start c
nothing_left 2 "broken configs"
rm "$VS_TMP/guests/c.conf"

# an init that does not exist: start fails and leaves no cgroup, mount or state file
vsctl build noinit --template base init=/sbin/nope || fail "build noinit"
expect2 "missing init" "/sbin/nope" vsctl "${C[@]}" start noinit
[ -e "$VS_TMP/run/noinit.state" ] && fail "state file left by a failed start"
for h in $(cg_hierarchies); do
	d="$(cg_dir "$h")$(cg_base "$h" | sed 's,/$,,')/vstest-$$/noinit"
	[ -e "$d" ] && fail "cgroup left by a failed start: $d"
done
grep -q "$VS_TMP" /proc/mounts && fail "mount left by a failed start"
assert_eq "$(vsctl status noinit || true)" stopped "status after a failed start"

# state that forbids the command
vsctl start a || fail "start a"
expect2 "start of a running guest" "already running" vsctl "${C[@]}" start a
expect2 "destroy of a running guest" "running" vsctl "${C[@]}" destroy a
expect2 "template in use" "in use" vsctl "${C[@]}" template remove base
vsctl stop a || fail "stop a"
expect2 "stop of a stopped guest" "not running" vsctl "${C[@]}" stop a
set +e
vsctl status a >/dev/null; assert_eq $? 3 "status exit code of a stopped guest"
set -e
expect2 "status of no guest" "no guest" vsctl "${C[@]}" status nosuch
expect2 "unknown command" "unknown command" vsctl "${C[@]}" frobnicate
expect2 "bad timeout" "timeout" vsctl "${C[@]}" stop --timeout soon a

# -c after the subcommand; destroy --force of a running guest archives its RRD files
mkdir -p "$VS_TMP/rrd/guests/a" && echo x >"$VS_TMP/rrd/guests/a/cpu.rrd"
vsctl start a
VSMON_CONF=/nonexistent "$VSCTL" destroy --force a -c "$VS_TMP/vsmon.conf" || fail "destroy --force"
[ -e "$VS_TMP/guests/a.conf" ] && fail "a.conf left after destroy"
[ -e "$VS_TMP/state/a" ] && fail "a's state left after destroy"
ls "$VS_TMP/rrd/archive/"a-*/cpu.rrd >/dev/null || fail "RRD files not archived"
[ -e "$VS_TMP/rrd/guests/a" ] && fail "RRD files of a left in rrd_dir/guests"
echo PASS
