#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vstop's interactive viewer, driven through tmux: header and rows, sort and reverse,
# filter, process view, detail view, help, resize, guest stop, quit.
# guests-lib: a private config, a busybox template, real guests nested under our cgroup
. "$VS_SRC/tests/integration/guests/guests-lib.sh"
. "$VS_SRC/tests/integration/vstop/tmux.sh"
require_cmd stress-ng

cg_create busy
cg_run stress-ng --cpu 1 --quiet
vs_test_context busy 101 "$CG_LAST_PID"
cg_create idle
cg_run sleep 600
vs_test_context idle 102 "$CG_LAST_PID"
printf 'xid = 103\ntemplate = none\n' >"$VS_TMP/guests/parked.conf" # defined, stopped
# a real guest (namespaces, overlay, its own cgroups) for the stop action
vsctl build real --xid 104 --template base 'init=/bin/sleep 100000' >/dev/null || fail "build real"
vsctl start real || fail "start real"
REAL_INIT=$(ginit real)

tm_start -d 0.5
note "header and rows"
tm_wait 'Contexts 3 running, 4 defined'
tm_wait '^ +0 \[rest of host\]'
tm_wait '^ +103 parked +stopped'
tm_screen | grep -Eq '^vstop - .* up .* load .* CPU .* every 0.5s' || fail "header line"
tm_screen | grep -Eq '^Mem .*/.* Swap .*Deep scan: [0-9]+s old' || fail "memory line with the deep scan's age"
tm_screen | grep -Eq 'TOTAL +=?!?=host' || fail "totals line"

note "sort by CPU puts the busy guest first; r reverses"
tm send-keys P
sleep 1.2 # two refreshes: CPU% needs two samples
b=$(tm_line_of busy) i=$(tm_line_of idle)
[ -n "$b" ] && [ -n "$i" ] && [ "$b" -lt "$i" ] || { tm_screen >&2; fail "busy ($b) not above idle ($i)"; }
tm_screen | grep -Eq "^ +0 \[rest of host\]" || fail "host row not first"
tm send-keys r
sleep 0.3
b=$(tm_line_of busy) i=$(tm_line_of idle)
[ "$i" -lt "$b" ] || { tm_screen >&2; fail "r did not reverse: busy $b idle $i"; }
tm send-keys r

note "filter"
tm send-keys / b u s y Enter
tm_gone ' idle +running'
tm_screen | grep -q ' busy ' || fail "filter hid the matching row"
tm_screen | grep -q ' parked ' && fail "filter kept parked"
tm send-keys Escape
tm_wait ' idle +running'

note "process view of the busy guest"
tm send-keys P Home
sleep 0.3
tm send-keys Down Enter
tm_wait 'Processes of busy \(xid 101\)'
tm_wait 'stress-ng'
tm_screen | grep -q 'sleep 600' && fail "idle's process in busy's view"
tm send-keys Escape
tm_wait 'TOTAL'

# The main view reads only its columns' groups (no pressure files); the detail view
# reads every group, so the pressure fields have values there, not '-'.
note "detail view of the busy guest: every field, End stops at the last page"
tm send-keys i
tm_wait 'Context busy \(xid 101'
tm send-keys End
tm_wait '^CPUSTALL +[0-9.]+[a-z]* +usec'
tm_wait '^CPUPSI +[0-9.]+ +percent'
tm_screen | grep -Eq '^IO/s ' || fail "End: the last field is not on the screen"
tm send-keys Escape
tm_wait 'TOTAL'

note "help lists every key"
tm send-keys h
tm_wait 'vstop keys'
for k in 'h \?' '< >' 'P M N T D' 'r ' '/ ' 'Esc' 'Enter' 'i ' 'k ' 's S R' 'd ' 'space' 'u ' 'c ' \
	'Up Down PgUp PgDn Home End' 'Left Right' 'q '; do
	tm_screen | grep -Eq "^ $k" || fail "help does not list '$k'"
done
tm send-keys Escape
tm_wait 'TOTAL'

note "resize to 80x24 and back"
tm resize-window -x 80 -y 24
sleep 0.5
s=$(tm_screen)
[ "$(echo "$s" | wc -l)" -le 24 ] || fail "more than 24 lines"
echo "$s" | head -n 1 | grep -q '^vstop - ' || fail "80x24: header"
echo "$s" | sed -n 4p | grep -Eq '^ +XID NAME +STATE' || fail "80x24: title bar"
echo "$s" | grep -q ' busy ' || fail "80x24: busy row"
echo "$s" | sed -n 23p | grep -q 'TOTAL' || { echo "$s" >&2; fail "80x24: totals on line 23"; }
echo "$s" | sed -n 24p | grep -q 'h:Help' || fail "80x24: key bar on line 24"
tm resize-window -x 120 -y 40
sleep 0.5
tm_screen | sed -n 4p | grep -Eq 'XSHARED +READ/s +WRITE/s +HITS +OOM' || fail "120x40: all columns back"
tm_screen | sed -n 39p | grep -q 'TOTAL' || fail "120x40: totals on line 39"

note "stop a real guest from vstop"
tm send-keys / '^real$' Enter
tm_gone ' busy +running'
tm send-keys Home s
tm_wait 'Stop guest real\? \(y/n\)'
tm send-keys y
tm_wait 'real: stop done'
tm_wait ' real +stopped'
st=$(awk '{print $3}' "/proc/$REAL_INIT/stat" 2>/dev/null || echo gone)
[ "$st" = Z ] || [ "$st" = gone ] || fail "the guest's init survived the stop (state $st)"
[ ! -e "$VS_TMP/run/real.state" ] || fail "state file left after the stop"
assert_eq "$(vsctl status real)" stopped "vsctl status after a stop from vstop"
tm send-keys Escape
tm_wait ' busy +running'
tm_screen | grep -q 'TOTAL' || fail "screen blocked by the action"

note "column chooser: hide TASKS, saved atomically to vstoprc"
tm send-keys c
tm_wait '^Columns: space shows/hides'
tm send-keys Down Down Down
tm_wait '\[x\] TASKS'
tm send-keys ' ' Enter
tm_wait "saved $VS_TMP/xdg/vsmon/vstoprc"
tm_screen | sed -n 4p | grep -q TASKS && fail "TASKS still shown"
grep -q '^columns = xid,name,state,cpu_pct,' "$VS_TMP/xdg/vsmon/vstoprc" || fail "vstoprc: $(cat "$VS_TMP/xdg/vsmon/vstoprc")"
[ -z "$(ls "$VS_TMP/xdg/vsmon" | grep tmp)" ] || fail "temporary file left behind"

note "q exits 0 and restores the terminal"
tm send-keys q
rc=$(tm_exit)
assert_eq "$rc" 0 "vstop exit status"
assert_eq "$(tm display -p '#{alternate_on}')" 0 "alternate screen left"
assert_eq "$(tm display -p '#{cursor_flag}')" 1 "cursor visible again"
echo "ok"
