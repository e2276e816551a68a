#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: install what is needed, build everything, make a busybox template and
# three demo guests (one busy on CPU, one holding memory, one writing to disk), and
# open vstop on them: the interactive viewer on a terminal, batch output otherwise.
# The demo guests are stopped when vstop exits (or when this script is interrupted).
#   ./scripts/demo.sh [vstop options]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
VSTOP=(build/bin/vstop)
if [ -t 0 ] && [ -t 1 ]; then VSTOP+=(-d 1); else VSTOP+=(-b -n 5 -d 1); fi

if [ "$(id -u)" -ne 0 ]; then
	echo "demo: not root, so no demo guests (they need cgroups); showing this host only" >&2
	exec "${VSTOP[@]}" "$@"
fi

# lib.sh nests every cgroup under our own, and its exit trap ends the demo guests'
# processes by PID and through their cgroups, then removes the cgroups.
VS_TEST_NAME=demo VS_BUILD=$PWD/build . tests/integration/lib.sh
vs_test_config "template_dir = $VS_TMP/templates"

# The template: one busybox-static tree that all three guests run their programs from,
# so its pages are shared between them (the PSS and SHARED columns).
T=$VS_TMP/templates/busybox
mkdir -p "$T/bin" "$VS_TMP/disk"
cp /bin/busybox "$T/bin/busybox"
"$T/bin/busybox" --install -s "$T/bin"
BB=$T/bin/busybox

# A demo guest: its cgroups (limits where asked), its program, its state file.
# Guest control (vsctl, core/include/vsmon/guest.h) replaces this with real guests
# (namespaces, overlay on the template) once it is on main.
demo_guest() {
	local name=$1 xid=$2 limit=$3
	shift 3
	cg_create "$name"
	if [ -n "$limit" ]; then
		if [ "$(cg_mode)" = v2 ]; then echo "$limit" >"$(cg_file unified memory.max)"
		else echo "$limit" >"$(cg_file memory memory.limit_in_bytes)"; fi
	fi
	cg_run "$@"
	vs_test_context "$name" "$xid" "$CG_LAST_PID"
	sed -i "s/^template = none/template = busybox/" "$VS_TMP/guests/$name.conf"
}
demo_guest cpu-busy 101 "" "$BB" sh -c 'while :; do :; done'
demo_guest mem-hold 102 512M stress-ng --vm 1 --vm-bytes 200M --vm-keep --quiet
demo_guest disk-write 103 "" "$BB" sh -c \
	"while :; do $BB dd if=/dev/zero of=$VS_TMP/disk/f bs=1M count=64 conv=fsync 2>/dev/null; $BB rm -f $VS_TMP/disk/f; $BB sleep 1; done"
printf 'xid = 104\ntemplate = busybox\n' >"$VS_TMP/guests/parked.conf" # defined, not running

echo "demo: guests cpu-busy, mem-hold, disk-write running (config $VSMON_CONF); they stop when vstop exits" >&2
rc=0
"${VSTOP[@]}" "$@" || rc=$?
echo "demo: stopping the demo guests" >&2
exec 2>/dev/null # the guests die by SIGKILL: no job reports
exit $rc
