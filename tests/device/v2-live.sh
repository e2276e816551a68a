#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest and accounting tests, live on a pure cgroup v2 host (the device machine),
# with the binaries and tools tests/device/carry.sh put in .device/. Run as root from
# the repository root; logs and a summary go to $OUT (default /tmp/vsmon-v2-live).
#
# On v2 a cgroup with processes in it cannot enable controllers for its children, and
# every test runs in a cgroup that holds at least itself. So this script makes one
# delegated cgroup of its own under the root, moves itself into a leaf of it
# ("runner"), and the tests nest their cgroups and guests beside that leaf
# (VS_V2_BASE, see cg_base in tests/integration/lib.sh). It removes it at the end.
# VS_DEVICE_ANY=1 runs the same tests without that set-up on any host (a harness check).
set -uo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
dev=$src/.device
out=${OUT:-/tmp/vsmon-v2-live}
mkdir -p "$out"
[ -x "$dev/bin/vsctl" ] || { echo "v2-live: no $dev/bin/vsctl: run tests/device/carry.sh first" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "v2-live: needs root" >&2; exit 2; }
# The wrappers in bin/ and tools/ start the carried programs with their own loader
# and libraries (carry.sh); nothing else sees them.
export PATH="$dev/tools:$PATH" VS_SRC=$src VS_BIN=$dev/bin

cg=/sys/fs/cgroup
base=
if [ "$(stat -f -c %T $cg)" = cgroup2fs ]; then
	orig=$(sed -n 's/^0:://p' /proc/self/cgroup)
	base=/vsmon-v2-live-$$
	mkdir "$cg$base" "$cg$base/runner"
	cleanup() {
		echo $$ >"$cg${orig:-}/cgroup.procs" 2>/dev/null || echo $$ >"$cg/cgroup.procs"
		rmdir "$cg$base/runner" "$cg$base" 2>/dev/null ||
			echo "# could not remove $cg$base: $(ls "$cg$base" 2>&1)"
	}
	trap cleanup EXIT
	echo $$ >"$cg$base/runner/cgroup.procs"
	# The root's own subtree_control is the host's (systemd enables every
	# controller there): not ours to change, only read.
	for c in cpu memory pids io; do
		grep -qw "$c" "$cg$base/cgroup.controllers" ||
			{ echo "# $c is not delegated by the root: tests that need it fail"; continue; }
		echo "+$c" >"$cg$base/cgroup.subtree_control"
	done
	export VS_V2_BASE=$base
	echo "# delegated $base (was in ${orig:-/}); controllers: $(cat "$cg$base/cgroup.subtree_control")"
elif [ "${VS_DEVICE_ANY:-}" != 1 ]; then
	echo "v2-live: not a pure cgroup v2 host (VS_DEVICE_ANY=1 runs anyway)" >&2
	exit 2
fi
{ uname -r; cat /etc/os-release 2>/dev/null | grep PRETTY; nproc; } >"$out/host.txt"

tests="guests/v2_delegation guests/isolation guests/limits guests/errors guests/faults
 guests/accounting guests/veth guests/odd_paths core/cpu_load core/memory_load
 core/oom_limit core/io_direct_write core/process_churn core/stopped_guest
 core/vanished_cgroup core/fd_limit"
pass=0 failn=0 skipn=0
for t in $tests; do
	log="$out/${t//\//_}.log"
	start=$(date +%s.%N)
	VS_TEST_NAME=${t##*/} timeout 240 bash "tests/integration/$t.sh" >"$log" 2>&1
	rc=$?
	secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	case $rc in
	0) verdict=pass; pass=$((pass + 1)) ;;
	77) verdict="skip: $(grep -m1 '^SKIP' "$log" | cut -c7-)"; skipn=$((skipn + 1)) ;;
	*) verdict="FAIL ($rc): $(grep -m1 '^FAIL' "$log" | cut -c7-)"; failn=$((failn + 1)) ;;
	esac
	printf '%-24s %6ss  %s\n' "$t" "$secs" "$verdict" | tee -a "$out/summary.txt"
done
echo "pass $pass, fail $failn, skip $skipn" | tee -a "$out/summary.txt"
[ "$failn" = 0 ]
