#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Shared set-up for the guest tests: a private vsmon.conf (cgroup_parent relative,
# so every guest nests under this test's own cgroup), a busybox template, and a
# cleanup that stops every guest and removes the parent cgroups.
. "$VS_SRC/tests/integration/lib.sh"

require_root
require_cmd busybox ip
[ -x "$VS_BIN/vsctl" ] || skip "vsctl not built ($VS_BIN/vsctl)"
[ "$(cg_mode)" != v1 ] || [ -d "$CGROOT/freezer" ] || skip "no freezer hierarchy"
grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
grep -qw overlay /proc/filesystems || skip "no overlayfs in this kernel"

vs_test_config "${VS_EXTRA_CONF:-}"
VSCTL="$VS_BIN/vsctl"
vsctl() { "$VSCTL" "$@"; }

# The guests' parent cgroup in every hierarchy: removed after the guests (lib.sh
# removes VS_CGROUPS last first, so the parent goes in first).
for h in $(cg_hierarchies); do
	base=$(cg_base "$h"); base=${base%/}
	VS_CGROUPS+=("$(cg_dir "$h")$base/vstest-$$")
done
VS_CLEANUPS+=("'$VSCTL' stop --all --timeout 0 >/dev/null 2>&1")

# The absolute directory of a running guest's cgroup in hierarchy h: gcg NAME H
gcg() {
	local path
	path=$(sed -n "s/^cgroup\.$2 = //p" "$VS_TMP/run/$1.state")
	[ -n "$path" ] || fail "no cgroup.$2 in $1's state file"
	echo "$(cg_dir "$2")$path"
}
ginit() { sed -n 's/^init_pid = //p' "$VS_TMP/run/$1.state"; }

vsctl template create base --busybox || fail "template create --busybox"
