#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for integration tests. Source it: . "$VS_SRC/tests/integration/lib.sh"
#
# Rules these helpers keep: every cgroup a test makes is nested under the test
# process's own cgroup in each hierarchy and removed at exit; processes are ended
# by PID or through their cgroup, never by name.
set -euo pipefail

: "${VS_SRC:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${VS_BUILD:=$VS_SRC/build}"
: "${VS_BIN:=$VS_BUILD/bin}"
CGROOT=${VS_CGROUP_ROOT:-/sys/fs/cgroup}
VS_TEST_NAME=${VS_TEST_NAME:-$(basename "$0" .sh)}
VS_TMP=$(mktemp -d "/tmp/vstest.${VS_TEST_NAME}.XXXXXX")
VS_CGROUPS=()     # directories to remove at exit, deepest last
VS_PIDS=()        # background processes to end at exit
VS_CLEANUPS=()    # extra commands to run at exit (LIFO)

skip() { echo "SKIP: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "# $*" >&2; }

require_root() { [ "$(id -u)" -eq 0 ] || skip "needs root (cgroups, namespaces)"; }
require_cmd() { for c in "$@"; do command -v "$c" >/dev/null || skip "needs $c (scripts/install-deps.sh)"; done; }

# cgroup mode of this host: v1, hybrid or v2
cg_mode() {
	if [ "$(stat -f -c %T "$CGROOT")" = cgroup2fs ]; then echo v2
	elif [ -d "$CGROOT/unified" ] && [ "$(stat -f -c %T "$CGROOT/unified")" = cgroup2fs ]; then echo hybrid
	else echo v1; fi
}

# The v1 controllers the engine uses, plus "unified" where a cgroup2 mount exists.
cg_hierarchies() {
	case "$(cg_mode)" in
	v2) echo unified ;;
	hybrid) echo cpu cpuacct memory blkio pids freezer unified ;;
	v1) echo cpu cpuacct memory blkio pids freezer ;;
	esac
}

# Directory of a hierarchy.
cg_dir() { if [ "$1" = unified ]; then [ "$(cg_mode)" = v2 ] && echo "$CGROOT" || echo "$CGROOT/unified"; else echo "$CGROOT/$1"; fi; }

# This process's own cgroup path in a hierarchy ("/" for the root).
cg_self() {
	local h=$1 line
	if [ "$h" = unified ]; then
		line=$(grep '^0::' /proc/self/cgroup || true)
	else
		line=$(grep -E "^[0-9]+:([^:]*,)?$h(,[^:]*)?:" /proc/self/cgroup || true)
	fi
	[ -n "$line" ] || { echo /; return; }
	echo "${line#*:*:}"
}

# Where a test nests its cgroups: our own cgroup. On pure v2 a cgroup with processes
# in it cannot give its children controllers ("no internal processes"), and ours
# holds this shell, so a run prepared for v2 (tests/device/v2-live.sh) names an empty
# delegated cgroup to nest under instead, created by that run: VS_V2_BASE.
cg_base() {
	if [ "$1" = unified ] && [ -n "${VS_V2_BASE:-}" ] && [ "$(cg_mode)" = v2 ]; then
		echo "$VS_V2_BASE"
	else
		cg_self "$1"
	fi
}

# cg_create NAME: creates NAME nested under our own cgroup in every hierarchy; prints
# nothing, sets CG_PATH[h] (path relative to the hierarchy) for each.
declare -A CG_PATH
cg_create() {
	local name=$1 h base rel dir
	for h in $(cg_hierarchies); do
		base=$(cg_base "$h"); base=${base%/}
		rel="$base/vstest-$$-$name"
		dir="$(cg_dir "$h")$rel"
		mkdir -p "$dir"
		VS_CGROUPS+=("$dir")
		CG_PATH[$h]=$rel
		if [ "$h" = unified ] && [ "$(cg_mode)" = v2 ]; then
			# v2: enable controllers for the child where the parent allows it
			local parent; parent=$(dirname "$dir")
			for c in cpu memory io pids; do
				grep -qw $c "$parent/cgroup.controllers" 2>/dev/null &&
					echo "+$c" >"$parent/cgroup.subtree_control" 2>/dev/null || true
			done
		fi
	done
}

# cg_set HIER FILE VALUE on the test cgroup NAME's directory
cg_file() { echo "$(cg_dir "$1")${CG_PATH[$1]}/$2"; }

# cg_attach PID: move PID into the current CG_PATH in every hierarchy
cg_attach() {
	local pid=$1 h
	for h in $(cg_hierarchies); do echo "$pid" >"$(cg_dir "$h")${CG_PATH[$h]}/cgroup.procs"; done
}

# cg_run CMD...: start CMD in the background inside the test cgroup; sets CG_LAST_PID
cg_run() {
	# The child moves itself before exec, so no instruction of CMD runs outside.
	( for h in $(cg_hierarchies); do echo $BASHPID >"$(cg_dir "$h")${CG_PATH[$h]}/cgroup.procs"; done
	  exec "$@" ) &
	CG_LAST_PID=$!
	VS_PIDS+=("$CG_LAST_PID")
	# Return once it is in (it moves itself in the background): tests that sample
	# right away must not race it.
	local h last procs
	for h in $(cg_hierarchies); do last=$h; done
	procs="$(cg_dir "$last")${CG_PATH[$last]}/cgroup.procs"
	for _ in $(seq 1 200); do grep -qx "$CG_LAST_PID" "$procs" && return 0; sleep 0.01; done
	echo "cg_run: $CG_LAST_PID did not reach $procs" >&2
}

# Kill everything inside a cgroup directory (v1 or v2), by PID.
cg_kill_all() {
	local dir=$1 i pid
	[ -d "$dir" ] || return 0
	if [ -f "$dir/cgroup.kill" ]; then echo 1 >"$dir/cgroup.kill" 2>/dev/null || true; fi
	if [ -f "$dir/freezer.state" ]; then echo THAWED >"$dir/freezer.state" 2>/dev/null || true; fi
	for i in $(seq 1 50); do
		local any=0
		while read -r pid; do [ -n "$pid" ] && { kill -KILL "$pid" 2>/dev/null || true; any=1; }; done <"$dir/cgroup.procs"
		[ $any -eq 0 ] && return 0
		sleep 0.05
	done
}

# Write a state file and a guest config for a test context, so the sampler sees it.
# vs_test_context NAME XID PID  (uses CG_PATH of the last cg_create)
vs_test_context() {
	local name=$1 xid=$2 pid=$3 h start
	mkdir -p "$VS_TMP/guests" "$VS_TMP/run" "$VS_TMP/state"
	printf 'xid = %s\ntemplate = none\n' "$xid" >"$VS_TMP/guests/$name.conf"
	start=$(awk '{print $22}' "/proc/$pid/stat")
	{
		echo "version = 1"; echo "name = $name"; echo "xid = $xid"; echo "state = running"
		echo "init_pid = $pid"; echo "init_start_ticks = $start"; echo "start_time = $(date +%s.%N)"
		for h in $(cg_hierarchies); do echo "cgroup.$h = ${CG_PATH[$h]}"; done
	} >"$VS_TMP/run/$name.state.tmp"
	mv "$VS_TMP/run/$name.state.tmp" "$VS_TMP/run/$name.state"
}

# Guests' parent cgroup: relative (under our own cgroup), or under VS_V2_BASE.
vs_test_cgroup_parent() {
	local base; base=$(cg_base unified)
	if [ "$base" = "${VS_V2_BASE:-}" ]; then
		echo "${base%/}/vstest-$$"
	else
		echo "vstest-$$"
	fi
}

# A private vsmon.conf pointing at the test's own directories.
vs_test_config() {
	mkdir -p "$VS_TMP/guests" "$VS_TMP/run" "$VS_TMP/state"
	cat >"$VS_TMP/vsmon.conf" <<CONF
guests_dir = $VS_TMP/guests
run_dir = $VS_TMP/run
state_dir = $VS_TMP/state
rrd_dir = $VS_TMP/rrd
cgroup_parent = $(vs_test_cgroup_parent)
${1:-}
CONF
	export VSMON_CONF=$VS_TMP/vsmon.conf
}

# jq over the last JSON line of a file: jqlast FILE FILTER
jqlast() { tail -n 1 "$1" | jq -r "$2"; }

# Float comparison: assert_between VALUE LO HI WHAT
assert_between() {
	awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v != "null" && v+0 >= lo+0 && v+0 <= hi+0) }' ||
		fail "$4: $1 not in [$2, $3]"
}
assert_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"; }

vs_cleanup() {
	local rc=$? i pid dir
	set +e
	for ((i = ${#VS_CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${VS_CLEANUPS[$i]}"; done
	for pid in "${VS_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
	for ((i = ${#VS_CGROUPS[@]} - 1; i >= 0; i--)); do
		dir=${VS_CGROUPS[$i]}
		cg_kill_all "$dir"
		for _ in $(seq 1 40); do rmdir "$dir" 2>/dev/null && break; [ -d "$dir" ] || break; sleep 0.05; done
	done
	for pid in "${VS_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
	rm -rf "$VS_TMP"
	exit $rc
}
trap vs_cleanup EXIT
trap 'exit 130' INT TERM
