#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Faults: vsctl killed in the middle of a start leaves state that the next stop or
# start cleans up; a guest whose init died is stopped for status, and stop cleans up.
. "$(dirname "$0")/guests-lib.sh"

BR=vsb$$
ip link add "$BR" type bridge || skip "cannot create a bridge"
VS_CLEANUPS+=("ip link del $BR 2>/dev/null")
ip link set "$BR" up

cg_left() { # cg_left NAME: prints the hierarchies where the guest's cgroup exists
	local h
	for h in $(cg_hierarchies); do
		[ -d "$(cg_dir "$h")$(cg_base "$h" | sed 's,/$,,')/vstest-$$/$1" ] && echo "$h"
	done
	return 0
}

# An "ip" that hangs: vsctl is stuck setting up the veth, after the state file
# (state = starting) and the cgroups exist; then we kill it.
mkdir -p "$VS_TMP/fakebin"
cat >"$VS_TMP/fakebin/ip" <<FAKE
#!/bin/sh
echo \$\$ > "$VS_TMP/ip.pid"
exec sleep 60
FAKE
chmod +x "$VS_TMP/fakebin/ip"
killed_start() {
	rm -f "$VS_TMP/ip.pid"
	PATH="$VS_TMP/fakebin:$PATH" "$VSCTL" start k &
	local pid=$!
	for _ in $(seq 1 100); do [ -s "$VS_TMP/ip.pid" ] && break; sleep 0.05; done
	[ -s "$VS_TMP/ip.pid" ] || fail "vsctl never reached the veth set-up"
	grep -q "^state = starting" "$VS_TMP/run/k.state" || fail "no state = starting file"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null || true
	kill -KILL "$(cat "$VS_TMP/ip.pid")"
	[ -n "$(cg_left k)" ] || fail "no cgroups left by the killed start"
}

vsctl build k --template base "net=veth:$BR" net.address=169.254.20.1/16 || fail "build k"
killed_start
assert_eq "$(vsctl status k || true)" stopped "status after a killed start"
vsctl stop k || fail "stop after a killed start"
[ -z "$(cg_left k)" ] || fail "cgroups left after stop: $(cg_left k)"
[ -e "$VS_TMP/run/k.state" ] && fail "state file left after stop"

killed_start
vsctl start k || fail "start after a killed start"
assert_eq "$(vsctl status k)" running "status after the second start"
[ -d /sys/class/net/vsh$(vsctl list -o json | jq -r '.[] | select(.name == "k") | .xid') ] ||
	fail "no veth for k"
vsctl stop --timeout 0 k || fail "stop k"
[ -z "$(cg_left k)" ] || fail "cgroups left after stop"
ip -o link show master "$BR" | grep -q vsh && fail "veth left on the bridge"

# The init dies under the guest: stopped for status and list; stop cleans up.
vsctl build d --template base || fail "build d"
vsctl start d || fail "start d"
vsctl exec d -- sh -c 'sleep 60 & :' # a straggler that must go with the guest
kill -KILL "$(ginit d)"
for _ in $(seq 1 50); do [ "$(vsctl status d || true)" = stopped ] && break; sleep 0.05; done
set +e
vsctl status d >/dev/null; assert_eq $? 3 "status of a guest whose init died"
set -e
assert_eq "$(vsctl list -o json | jq -r '.[] | select(.name == "d") | .state')" stopped "list"
vsctl stop d || fail "stop of a guest whose init died"
[ -z "$(cg_left d)" ] || fail "cgroups left after cleaning up d"
[ -e "$VS_TMP/run/d.state" ] && fail "state file left after cleaning up d"
echo PASS
