#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: install what is needed, build, and show the host and its contexts
# in vstop (batch output when there is no terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
if [ -t 1 ]; then
	exec build/bin/vstop -b -n 3 -d 1 "$@"  # the interactive viewer replaces this
else
	exec build/bin/vstop -b -n 3 -d 1 "$@"
fi
