#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Driving vstop in a private tmux server: source after lib.sh.
require_cmd tmux
TM_SOCK=vstop-$$
tm() { tmux -L "$TM_SOCK" "$@"; }
VS_CLEANUPS+=("tmux -L $TM_SOCK kill-server 2>/dev/null")

# tm_start ARGS...: vstop with ARGS in a 120x40 pane; its exit status lands in $VS_TMP/exit
tm_start() {
	local cmd="env XDG_CONFIG_HOME=$VS_TMP/xdg VSMON_CONF=$VSMON_CONF"
	cmd+=" ASAN_OPTIONS=${ASAN_OPTIONS:-} $VS_BIN/vstop $*; echo \$? >$VS_TMP/exit; sleep 60"
	tm new-session -d -x 120 -y 40 "$cmd"
}
tm_screen() { tm capture-pane -p "$@"; }
# tm_wait REGEX [SECONDS]: until the screen matches (extended regex)
tm_wait() {
	local i
	for ((i = 0; i < ${2:-10} * 10; i++)); do
		tm_screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	tm_screen >&2
	fail "screen never showed /$1/"
}
# tm_gone REGEX [SECONDS]: until the screen no longer matches
tm_gone() {
	local i
	for ((i = 0; i < ${2:-10} * 10; i++)); do
		tm_screen | grep -Eq -- "$1" || return 0
		sleep 0.1
	done
	tm_screen >&2
	fail "screen still shows /$1/"
}
# tm_line_of NAME: the screen line number (1-based) of the row of guest NAME
tm_line_of() { tm_screen | grep -nE "^[ !] +[0-9]+ $1 " | head -n 1 | cut -d: -f1; }
# tm_exit: waits for vstop to exit and prints its status
tm_exit() {
	local i
	for ((i = 0; i < 100; i++)); do [ -s "$VS_TMP/exit" ] && break; sleep 0.1; done
	cat "$VS_TMP/exit" 2>/dev/null || echo none
}
