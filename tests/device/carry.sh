#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fill .device/ (git-ignored) for tests/device/v2-live.sh, which runs on a machine
# without this build or Debian's packages (the device machine: Ubuntu 24.04, pure
# cgroup v2, no network): vsctl and vstop from a build, the tools the tests drive
# (busybox-static for templates, jq, stress-ng), and every shared library they need,
# the C library and its loader included. bin/ and tools/ hold wrappers that start each
# program through the carried loader with --library-path: only these programs see the
# carried libraries, and what they start (ip, cp) gets the host's own, as it would
# not through an inherited LD_LIBRARY_PATH.
#   tests/device/carry.sh [BUILD_DIR]      (default build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
d=.device
[ -x "$build/bin/vsctl" ] && [ -x "$build/bin/vstop" ] || { echo "carry: build first ($build/bin)" >&2; exit 2; }
# busybox-static: a template's binary must run inside any guest, with no libraries.
if ldd /bin/busybox >/dev/null 2>&1; then
	echo "carry: /bin/busybox is dynamically linked: install busybox-static" >&2
	exit 2
fi
rm -rf "$d"
mkdir -p "$d/bin" "$d/lib" "$d/tools" "$d/real"
cp "$build/bin/vsctl" "$build/bin/vstop" "$d/real/"
for t in jq stress-ng; do cp "$(command -v "$t")" "$d/real/"; done
cp /bin/busybox "$d/tools/"
for f in "$d"/real/*; do
	ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
done | sort -u | while read -r lib; do cp -L "$lib" "$d/lib/"; done
loader=$(ldd "$d/real/vsctl" | awk '$1 ~ /^\/.*ld-linux/ { print $1 }')
cp -L "$loader" "$d/lib/ld.so"
wrap() { # wrap NAME DIR
	cat >"$d/$2/$1" <<WRAP
#!/bin/sh
here=\$(dirname "\$(readlink -f "\$0")")/..
exec "\$here/lib/ld.so" --library-path "\$here/lib" "\$here/real/$1" "\$@"
WRAP
	chmod +x "$d/$2/$1"
}
wrap vsctl bin
wrap vstop bin
wrap jq tools
wrap stress-ng tools
du -sh "$d"
