#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Not in CI (downloads about 200 MB from the Debian mirror and takes about a minute):
# `vsctl template create NAME --debootstrap SUITE` gives a Debian tree that a guest
# boots from. Run by hand:  VS_BIN=build/bin bash tests/integration/guests/debootstrap-manual.sh
# Last run (2026-11, Debian 12 host, bookworm): 49.6 s, template 205.5 MiB, the guest
# printed /etc/debian_version 12.15.
. "$(dirname "$0")/guests-lib.sh"
require_cmd debootstrap
vsctl template create deb --debootstrap "${SUITE:-bookworm}" || fail "debootstrap"
vsctl template list
vsctl build d1 --template deb init="/bin/sleep infinity" || fail "build"
vsctl start d1 || fail "start"
note "debian_version: $(vsctl exec d1 -- cat /etc/debian_version)"
vsctl stop --timeout 0 d1
echo PASS
