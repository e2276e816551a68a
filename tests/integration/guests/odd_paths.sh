#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A state_dir (and so the template and upper layers) whose path holds ',' and ':',
# which overlayfs uses as separators: the guest still starts, runs and stops.
ODD=/tmp/vstest-odd-$$/a,b:c
VS_EXTRA_CONF="state_dir = $ODD"
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
VS_CLEANUPS+=("rm -rf /tmp/vstest-odd-$$")
[ -d "$ODD/templates/base" ] || fail "template not under the odd state_dir"
vsctl build odd --template base 'init=/bin/sleep 100000' >/dev/null || fail "build"
vsctl start odd || fail "start with ',' and ':' in the layer paths"
assert_eq "$(vsctl exec odd -- /bin/hostname)" odd "hostname inside"
vsctl exec odd -- /bin/sh -c 'echo changed >/etc/motd' || fail "write inside"
[ -f "$ODD/odd/upper/etc/motd" ] || fail "the write did not land in the guest's upper layer"
vsctl stop --timeout 0 odd || fail "stop"
assert_eq "$(vsctl status odd)" stopped "status"
echo ok
