#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: install what is needed, build everything, make a busybox template and
# three demo guests from it (one busy on CPU, one holding memory, one writing to disk),
# and open vstop on them: the interactive viewer on a terminal, batch output otherwise.
# The demo guests are stopped and removed when vstop exits (or on ^C).
#   ./scripts/demo.sh [vstop options]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
VSTOP=(build/bin/vstop)
if [ -t 0 ] && [ -t 1 ]; then VSTOP+=(-d 1); else VSTOP+=(-b -n 5 -d 1); fi

if [ "$(id -u)" -ne 0 ]; then
	echo "demo: not root, so no demo guests (they need namespaces and cgroups); showing this host" >&2
	exec "${VSTOP[@]}" "$@"
fi

# Everything of the demo lives in one directory, and its guests' cgroups nest under
# this script's own cgroup (a relative cgroup_parent): nothing else on the host changes.
DEMO=$(mktemp -d /var/tmp/vsmon-demo.XXXXXX)
export VSMON_CONF=$DEMO/vsmon.conf
cat >"$VSMON_CONF" <<CONF
guests_dir = $DEMO/guests
state_dir = $DEMO/state
run_dir = $DEMO/run
rrd_dir = $DEMO/rrd
cgroup_parent = vsmon-demo
sample_interval = 1
CONF
VSCTL=build/bin/vsctl
cleanup() {
	set +e
	echo "demo: stopping and removing the demo guests" >&2
	"$VSCTL" stop --all --timeout 1 >/dev/null 2>&1
	for g in cpu-busy mem-hold disk-write parked; do "$VSCTL" destroy --force "$g" >/dev/null 2>&1; done
	"$VSCTL" template remove busybox >/dev/null 2>&1
	rm -rf "$DEMO"
	# The guests' parent cgroup (cgroup_parent, under our own cgroup in each
	# hierarchy): rmdir removes it only if it is empty.
	local id ctrls path root
	while IFS=: read -r id ctrls path; do
		if [ -z "$ctrls" ]; then
			root=/sys/fs/cgroup
			[ -d /sys/fs/cgroup/unified ] && root=/sys/fs/cgroup/unified
		else
			root=/sys/fs/cgroup/${ctrls%%,*}
			root=${root/name=/}
		fi
		rmdir "$root${path%/}/vsmon-demo" 2>/dev/null
	done </proc/self/cgroup
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$VSCTL" setup >/dev/null 2>&1 || true # v1: turn on blkio accounting (no limit is left)
"$VSCTL" template create busybox --busybox >/dev/null
"$VSCTL" build cpu-busy --template busybox 'init=/bin/sh -c "while :; do :; done"' >/dev/null
# dd reads 200 MiB into one buffer, then blocks on a pipe nobody reads: memory held.
"$VSCTL" build mem-hold --template busybox memory.max=512M \
	'init=/bin/sh -c "dd if=/dev/zero bs=200M count=1 | sleep 1000000"' >/dev/null
"$VSCTL" build disk-write --template busybox \
	'init=/bin/sh -c "while :; do dd if=/dev/zero of=/f bs=1M count=32 conv=fsync; rm /f; sleep 1; done"' >/dev/null
"$VSCTL" build parked --template busybox >/dev/null # defined, not running
"$VSCTL" start cpu-busy mem-hold disk-write
echo "demo: guests cpu-busy, mem-hold and disk-write are running (config $VSMON_CONF)" >&2
sleep 2 # let the loads show
rc=0
"${VSTOP[@]}" "$@" || rc=$?
exit $rc
