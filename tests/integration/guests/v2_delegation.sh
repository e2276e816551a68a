#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Pure cgroup v2: a cgroup with processes in it cannot enable controllers for its
# children, so vsctl, given a parent relative to its own cgroup, moves only itself
# into a leaf (<own>/vsctl) and delegates from there; when another process shares
# its cgroup it refuses with the systemd-run hint and leaves nothing behind.
# Skips elsewhere (hybrid and v1 hosts have no such rule for the v1 controllers).
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
[ "$(cg_mode)" = v2 ] || skip "pure cgroup v2 only (this host: $(cg_mode))"
# The test's cgroups need a parent that can delegate: one without processes of its own.
[ -z "$(cat "$(cg_dir unified)$(cg_base unified)/cgroup.procs")" ] ||
	skip "$(cg_base unified) holds processes and cannot delegate: run under tests/device/v2-live.sh (VS_V2_BASE)"
cd "$VS_TMP"

# A config whose guests nest under the caller's own cgroup.
sed 's/^cgroup_parent = .*/cgroup_parent = guests/' "$VSMON_CONF" >"$VS_TMP/relative.conf"
vsctl build alone --template base || fail "build alone"
vsctl build crowded --template base || fail "build crowded"
base=$(cg_base unified); base=${base%/}
root=$(cg_dir unified)

# vsctl_in DIR ARGS...: run vsctl as the first process of cgroup DIR
vsctl_in() {
	local dir=$1; shift
	( echo $BASHPID >"$dir/cgroup.procs"; exec "$VSCTL" -c "$VS_TMP/relative.conf" "$@" )
}

# -- alone in its cgroup: it moves into a leaf and the guest gets its controllers
alone=$root$base/vstest-$$-alone
mkdir "$alone"
VS_CGROUPS+=("$alone" "$alone/vsctl" "$alone/guests")
vsctl_in "$alone" start alone 2>start.err || { cat start.err; fail "start from a cgroup of its own"; }
[ -d "$alone/vsctl" ] || fail "vsctl did not make its leaf $alone/vsctl"
for c in cpu memory pids; do
	grep -qw "$c" "$alone/cgroup.subtree_control" || fail "$c not delegated by $alone"
	grep -qw "$c" "$alone/guests/cgroup.subtree_control" || fail "$c not delegated by $alone/guests"
done
assert_eq "$(gcg alone unified)" "$alone/guests/alone" "the guest's cgroup"
init=$(ginit alone)
grep -qx "$init" "$alone/guests/alone/cgroup.procs" || fail "init $init is not in the guest's cgroup"
# Stop needs no delegation (and $alone, now delegating, takes no process).
"$VSCTL" -c "$VS_TMP/relative.conf" stop --timeout 2 alone || fail "stop alone"
[ -d "$alone/guests/alone" ] && fail "the guest's cgroup was not removed"

# -- another process in its cgroup: a clear refusal, nothing half made
crowded=$root$base/vstest-$$-crowded
mkdir "$crowded"
VS_CGROUPS+=("$crowded" "$crowded/vsctl" "$crowded/guests")
CG_PATH[unified]=$base/vstest-$$-crowded
cg_run sleep 60
set +e
vsctl_in "$crowded" start crowded 2>refuse.err
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "start succeeded although $crowded has another process"
grep -q 'systemd-run --scope -p Delegate=yes' refuse.err || { cat refuse.err; fail "no systemd-run hint"; }
grep -q "$crowded" refuse.err || fail "the refusal does not name the cgroup"
[ -e "$VS_TMP/run/crowded.state" ] && fail "state file left by a refused start"
[ -e "$crowded/guests/crowded" ] && fail "guest cgroup left by a refused start"
grep -q "$VS_TMP" /proc/mounts && fail "mount left by a refused start"
note "refused: $(head -1 refuse.err)"
echo ok
