#!/bin/bash
# A context whose cgroup is removed between sweeps: its groups turn unknown with a
# warning, the sweep goes on, and vstop exits 0.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd jq
vs_test_config
cg_create gone
cg_run sleep 60
vs_test_context gone 106 "$CG_LAST_PID"
cg_create stays
cg_run sleep 60
vs_test_context stays 107 "$CG_LAST_PID"
"$VS_BIN/vstop" -b -n 8 -d 0.25 -o json >"$VS_TMP/out.json" 2>"$VS_TMP/err" &
vpid=$!
sleep 0.9
# remove "gone": kill its processes through its cgroup, then rmdir in every hierarchy
for h in $(cg_hierarchies); do
	d="$(cg_dir "$h")$(dirname "${CG_PATH[$h]}")/vstest-$$-gone"
	cg_kill_all "$d"
done
sleep 0.2
for h in $(cg_hierarchies); do rmdir "$(cg_dir "$h")$(dirname "${CG_PATH[$h]}")/vstest-$$-gone" 2>/dev/null || true; done
wait $vpid || fail "vstop exited $?"
[ "$(wc -l <"$VS_TMP/out.json")" -eq 8 ] || fail "expected 8 samples"
last=$(tail -n 1 "$VS_TMP/out.json")
assert_eq "$(echo "$last" | jq -r '.contexts[] | select(.xid == 106) | .mem_current_bytes')" null "vanished context's memory"
assert_eq "$(echo "$last" | jq -r '.contexts[] | select(.xid == 106) | .state')" broken "vanished context's state"
echo "$last" | jq -e '.contexts[] | select(.xid == 106) | .warnings | index("cgroup_vanished")' >/dev/null ||
	fail "no cgroup_vanished warning"
[ "$(echo "$last" | jq -r '.contexts[] | select(.xid == 107) | .mem_current_bytes')" != null ] ||
	fail "the other context lost its figures"
grep -q "guest gone" "$VS_TMP/err" || fail "no warning on stderr"
echo ok
