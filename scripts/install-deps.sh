#!/bin/sh
# Install the Debian 12 packages that vsmon's build and test suite need.
# Idempotent: quiet and fast when everything is already present.
set -eu

BUILD_PKGS="build-essential cmake pkg-config clang libclang-rt-14-dev
 libcgroup-dev librrd-dev libpng-dev libsnmp-dev libncurses-dev libcap-dev
 libinih-dev libjansson-dev libcmocka-dev"
TEST_PKGS="stress-ng rrdtool rrdcached snmpd snmp snmptrapd smitools
 busybox-static jq tmux iproute2 valgrind cgroup-tools smem systemd
 chromium kmod procps python3 e2fsprogs util-linux"

missing=""
for p in $BUILD_PKGS $TEST_PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages:$missing (run as root to install them)" >&2
	exit 1
fi
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# snmpd and rrdcached start their own services on install; tests run private instances.
apt-get install -y -qq --no-install-recommends $missing >/dev/null
