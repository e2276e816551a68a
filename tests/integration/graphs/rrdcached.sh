#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writing through a private rrdcached (UNIX socket in the test's folder, journal):
# each step arrives as one BATCH (the daemon's UpdatesReceived counts every file of
# it), a restart of the daemon in the middle of a recording loses no step (the
# recorder reconnects and resends), and readers flush before they draw.
. "$VS_SRC/tests/integration/graphs/common.sh"
require_cmd rrdcached
cd "$VS_TMP"
SOCK=$VS_TMP/rrdcached.sock
mkdir -p journal "$RRD"
start_cached() {
	# -g: foreground; -B -b: only files under rrd_dir; long write window so nothing
	# reaches the files until a flush (the test then proves the flush works).
	rrdcached -g -l "unix:$SOCK" -j "$VS_TMP/journal" -B -b "$RRD" -w 3600 -z 1 -F \
		-p "$VS_TMP/rrdcached.pid" >>cached.log 2>&1 7>&- &
	CACHED_PID=$!
	VS_PIDS+=("$CACHED_PID")
	for _ in $(seq 1 100); do [ -S "$SOCK" ] && return 0; sleep 0.05; done
	fail "rrdcached did not start: $(cat cached.log)"
}
stats() { # the daemon's STATS, one "Name: value" per line
	python3 - "$SOCK" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"STATS\n")
f = s.makefile()
n = int(f.readline().split()[0])
for _ in range(n): print(f.readline().strip())
PY
}
stat_of() { stats | awk -v k="$1:" '$1 == k { print $2 }'; }
conf "rrdcached = unix:$SOCK"
start_cached

# 10 steps in one import: 4 sets, 14 files per step (see store.sh).
python3 "$GEN" $T0 20 $STEP >all.jsonl
head -n 10 all.jsonl >a.jsonl
tail -n 10 all.jsonl >b.jsonl
"$VSG" -c vsmon.conf -v import a.jsonl 2>a.err || { cat a.err; fail "import through rrdcached"; }
files=$(find "$RRD" -name '*.rrd' | wc -l)
note "files: $files; $(grep -o '[0-9]* updates.*' a.err)"
recv=$(stat_of UpdatesReceived)
assert_eq "$recv" $((files * 10)) "updates the daemon received"
# The recorder's own count of BATCH round trips: one per step.
grep -q "$((files * 10)) updates" a.err || fail "recorder counted other updates: $(cat a.err)"

# -- a recording that runs on while the daemon restarts: lines fed through a FIFO
mkfifo feed
"$VSG" -c vsmon.conf -v import feed 2>b.err &
IMP=$!
VS_PIDS+=("$IMP")
exec 7>feed
head -n 5 b.jsonl >&7
for _ in $(seq 1 100); do [ "$(stat_of UpdatesReceived)" -ge $((files * 15)) ] && break; sleep 0.05; done
assert_eq "$(stat_of UpdatesReceived)" $((files * 15)) "first half of the second run"
# Kill the daemon hard (no flush): the journal has the values.
kill -KILL "$CACHED_PID"; wait "$CACHED_PID" 2>/dev/null || true
rm -f "$SOCK"
start_cached
tail -n 5 b.jsonl >&7
exec 7>&-
wait "$IMP" || { cat b.err; fail "import across a daemon restart"; }
grep -qE "vsgraph: (error|warning):" b.err && { cat b.err; fail "errors across the restart"; }

# -- readers flush: the graph and the files show every step, none lost
"$VSG" -c vsmon.conf graph web1 cpu --end $((T0 + 20 * 60)) -o cpu.svg >/dev/null || fail "graph through rrdcached"
fetch "$RRD/guests/web1/cpu.rrd" cpu_usage_usec $T0 $((T0 + 19 * 60)) 60 >f.txt
cat f.txt >&2
assert_eq "$(awk -v e=$((T0 + 19 * 60)) '$1 <= e && $2 == "1.5000000000e+06"' f.txt | wc -l)" 19 "every step after the first is there"
[ "$(stat_of UpdatesWritten)" -gt 0 ] || fail "nothing written by the daemon"

# -- the daemon gone for good when the recorder exits: the lost steps are logged
kill -TERM "$CACHED_PID"; wait "$CACHED_PID" 2>/dev/null || true
python3 "$GEN" $((T0 + 20 * 60)) 2 $STEP >gone.jsonl
"$VSG" -c vsmon.conf import gone.jsonl 2>gone.err && { cat gone.err; fail "import with no daemon succeeded"; }
cat gone.err >&2
grep -q "rrdcached at unix:$SOCK could not be reached: $((files * 2)) queued updates of 2 steps (2023-11-14 00:20:00 to 2023-11-14 00:21:00 UTC) are LOST" gone.err ||
	fail "lost steps not logged"
note "rrdcached ok"
