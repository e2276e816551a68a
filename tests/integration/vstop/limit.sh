#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A memory limit hit during the test shows highlighted ("!" and the alert colour) in
# the guest's row, and only in that row.
. "$VS_SRC/tests/integration/lib.sh"
. "$VS_SRC/tests/integration/vstop/tmux.sh"
require_root
require_cmd stress-ng

vs_test_config
cg_create calm
cg_run sleep 600
vs_test_context calm 202 "$CG_LAST_PID"
cg_create hog # last: CG_PATH stays on hog for the load below
if [ "$(cg_mode)" = v2 ]; then
	echo 32M >"$(cg_file unified memory.max)"
else
	echo 32M >"$(cg_file memory memory.limit_in_bytes)"
fi
cg_run sleep 600
vs_test_context hog 201 "$CG_LAST_PID"

# A broken vstoprc is reported by file and line, and the defaults are used.
mkdir -p "$VS_TMP/xdg/vsmon"
printf 'sort = cpu_pct\ncolour = red\n' >"$VS_TMP/xdg/vsmon/vstoprc"
tm_start -d 0.5 -f xid,name,state,mem_current_bytes,mem_limit_bytes,mem_limit_pct,mem_limit_hits,oom_kills
tm_wait '^ +201 hog +running +[0-9.]+[KM]? +32M '
tm_screen | grep -Eq '^! +201 hog' && fail "hog highlighted before any hit"
tm_screen | grep -q "vstoprc:2: expected one of the keys" || fail "bad vstoprc line not reported"

note "64M of anonymous memory under a 32M limit"
cg_run stress-ng --vm 1 --vm-bytes 64M --vm-keep --quiet
tm_wait '^! +201 hog ' 15
line=$(tm_screen -e | grep -E '201 .*hog' | head -n 1)
# The alert colour is white on red (SGR 41), or bold+underline without colour.
echo "$line" | grep -Eq $'\e\\[[0-9;]*41m|\e\\[[0-9;]*4m' || fail "hog row not in the alert colour: $line"
tm_screen | grep -Eq '^! +202 calm' && fail "calm highlighted"
hits=$(tm_screen | grep -E '^! +201 hog' | awk '{print $(NF-1)}')
assert_between "$hits" 1 1e12 "HITS column of hog"

note "the highlight ends a few refreshes after the hits stop"
kill -KILL "$CG_LAST_PID" 2>/dev/null || true
cg_kill_all "$(cg_dir memory)${CG_PATH[memory]:-${CG_PATH[unified]}}"
tm_gone '^! +201 hog' 10
tm send-keys q
assert_eq "$(tm_exit)" 0 "vstop exit status"
echo ok
