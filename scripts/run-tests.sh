#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole test suite, as CI runs it: installs the Debian packages it needs, then
# builds and tests twice: once with -Werror (gcc), once with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang, libFuzzer targets included and run briefly).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)

echo "== build 1/2: gcc, -Wall -Wextra -Werror"
cmake -S . -B build -DVSMON_WERROR=ON >/dev/null
cmake --build build -j"$jobs" >/dev/null
(cd build && ctest --output-on-failure -j"$jobs")

echo "== build 2/2: clang, AddressSanitizer + UndefinedBehaviorSanitizer, fuzzers"
CC=clang cmake -S . -B build-asan -DVSMON_WERROR=ON -DVSMON_SANITIZE=ON -DVSMON_FUZZ=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")
