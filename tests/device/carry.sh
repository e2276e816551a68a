#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fill .device/ (git-ignored) for tests/device/v2-live.sh, which runs on a machine
# without this build or Debian's packages (the device machine: Ubuntu 24.04, pure
# cgroup v2, no network): vsctl and vstop from a build, the tools the tests drive
# (busybox-static for templates, jq, stress-ng), and every shared library they need
# except the C library's own (a newer glibc there runs them).
#   tests/device/carry.sh [BUILD_DIR]      (default build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
d=.device
[ -x "$build/bin/vsctl" ] && [ -x "$build/bin/vstop" ] || { echo "carry: build first ($build/bin)" >&2; exit 2; }
[ "$(file -b /bin/busybox | grep -c 'statically linked')" = 1 ] ||
	{ echo "carry: /bin/busybox is not busybox-static" >&2; exit 2; }
rm -rf "$d"
mkdir -p "$d/bin" "$d/lib" "$d/tools"
cp "$build/bin/vsctl" "$build/bin/vstop" "$d/bin/"
cp /bin/busybox "$d/tools/"
for t in jq stress-ng; do cp "$(command -v "$t")" "$d/tools/"; done
for f in "$d"/bin/* "$d/tools/jq" "$d/tools/stress-ng"; do
	ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
done | sort -u | grep -Ev '/(libc|libm|libpthread|libdl|librt|libresolv)\.so' |
	while read -r lib; do cp -L "$lib" "$d/lib/"; done
du -sh "$d"
