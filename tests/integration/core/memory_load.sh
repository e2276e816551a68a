#!/bin/bash
# stress-ng holding 200 MiB of anonymous memory: mem_anon_bytes 200-230 MiB and the
# charged total at least that.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd stress-ng jq
vs_test_config
# Run stress-ng once outside the cgroup, so its binary's page cache is charged elsewhere.
stress-ng --vm 1 --vm-bytes 1M --timeout 1s --quiet >/dev/null 2>&1 || true
cg_create mem
cg_run sleep 60
init=$CG_LAST_PID
vs_test_context mem 102 "$init"
cg_run stress-ng --vm 1 --vm-bytes 200M --vm-keep --timeout 30s --quiet
# wait for the worker to hold its memory
for i in $(seq 1 40); do
	anon=$("$VS_BIN/vstop" -b -n 1 -o json | jq -r '.contexts[] | select(.xid == 102) | .mem_anon_bytes')
	[ "$anon" != null ] && [ "$anon" -ge $((200 * 1048576)) ] && break
	sleep 0.25
done
sleep 1
"$VS_BIN/vstop" -b -n 3 -d 0.5 -o json >"$VS_TMP/out.json"
anon=$(jqlast "$VS_TMP/out.json" '.contexts[] | select(.xid == 102) | .mem_anon_bytes')
cur=$(jqlast "$VS_TMP/out.json" '.contexts[] | select(.xid == 102) | .mem_current_bytes')
note "anon $anon current $cur"
assert_between "$anon" $((200 * 1048576)) $((230 * 1048576)) "mem_anon_bytes"
[ "$cur" -ge "$anon" ] || fail "mem_current_bytes $cur < mem_anon_bytes $anon"
# no limit set: null, not 0
assert_eq "$(jqlast "$VS_TMP/out.json" '.contexts[] | select(.xid == 102) | .mem_limit_bytes')" null "mem_limit_bytes unset"
# tasks: the sleep, stress-ng's parent, its worker (and the worker's helper child)
tasks=$(jqlast "$VS_TMP/out.json" '.contexts[] | select(.xid == 102) | .tasks')
assert_between "$tasks" 3 4 "tasks"
echo "ok: anon $((anon / 1048576)) MiB, current $((cur / 1048576)) MiB"
