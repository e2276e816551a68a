#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vstop with 200 and 1000 contexts (a cgroup each with one sleeping process, nested
# under this script's own cgroup and removed afterwards), 1 s interval for 60 s:
# CPU time and peak RSS of the engine's sweep alone, vstop -b, vstop interactive
# under tmux, and systemd-cgtop -b on the same host. Prints a table. The engine line
# reads every field group; vstop reads the groups it shows (vs_sampler_set_groups).
#   bench/vstop/run.sh [COUNTS...]      (default: 200 1000; BENCH_SECONDS=60)
VS_TEST_NAME=bench-vstop
. "$(dirname "$0")/../../tests/integration/lib.sh"
require_root
require_cmd tmux systemd-cgtop /usr/bin/time
SECS=${BENCH_SECONDS:-60}
COUNTS=("${@:-200 1000}")
[ $# -gt 0 ] || COUNTS=(200 1000)
[ -x "$VS_BIN/bench-vstop-sweep" ] || fail "build first: $VS_BIN/bench-vstop-sweep missing"
TM=vsbench-$$
VS_CLEANUPS+=("tmux -L $TM kill-server 2>/dev/null")
vs_test_config
made=0
declare -A TUI_RSS

# make_contexts N: grow to N contexts (one sleep each); state files as guests have.
make_contexts() {
	local want=$1 name
	while [ $made -lt "$want" ]; do
		made=$((made + 1))
		name=$(printf 'b%05d' $made)
		cg_create "$name"
		cg_run sleep 100000
		vs_test_context "$name" $((1000 + made)) "$CG_LAST_PID"
	done
}

# measure LABEL CMD...: runs CMD under /usr/bin/time; prints "cpu_pct_of_one_core peak_rss_kb"
measure() {
	local out=$VS_TMP/time.$1
	shift
	/usr/bin/time -o "$out" -f '%U %S %M' "$@" >/dev/null 2>"$VS_TMP/err" || { cat "$VS_TMP/err" >&2; return 1; }
	awk -v s="$SECS" '{ printf "%.2f %d\n", ($1 + $2) * 100 / s, $3 }' "$out"
}

printf '%-6s %-28s %10s %12s %12s\n' N tool "CPU%(1core)" "peak RSS KB" "KB/context"
for n in "${COUNTS[@]}"; do
	make_contexts "$n"
	sleep 2
	read -r eu es erss ectx < <("$VS_BIN/bench-vstop-sweep" "$VSMON_CONF" 1 "$SECS")
	ecpu=$(awk -v u="$eu" -v s="$es" -v t="$SECS" 'BEGIN { printf "%.2f", (u + s) * 100 / t }')
	printf '%-6s %-28s %10s %12s %12s\n' "$n" "engine sweep ($ectx ctx)" "$ecpu" "$erss" "$(awk -v r="$erss" -v n="$n" 'BEGIN{printf "%.1f", r/n}')"
	# The same sweep with the groups vstop's default columns need: the base the viewer's
	# own work is measured against.
	read -r gu gs grss _ < <("$VS_BIN/bench-vstop-sweep" "$VSMON_CONF" 1 "$SECS" text)
	gcpu=$(awk -v u="$gu" -v s="$gs" -v t="$SECS" 'BEGIN { printf "%.2f", (u + s) * 100 / t }')
	printf '%-6s %-28s %10s %12s %12s\n' "$n" "engine sweep, vstop's groups" "$gcpu" "$grss" "$(awk -v r="$grss" -v n="$n" 'BEGIN{printf "%.1f", r/n}')"
	# JSON prints every field, so every group is read; the text table only the
	# default columns' groups (as the interactive view).
	read -r bcpu brss < <(measure batch "$VS_BIN/vstop" -b -d 1 -n "$SECS" -o json)
	printf '%-6s %-28s %10s %12s %12s\n' "$n" "vstop -b -o json (all)" "$bcpu" "$brss" "$(awk -v r="$brss" -v n="$n" 'BEGIN{printf "%.1f", r/n}')"
	read -r bcpu brss < <(measure batch "$VS_BIN/vstop" -b -d 1 -n "$SECS" -o text)
	printf '%-6s %-28s %10s %12s %12s\n' "$n" "vstop -b -o text (columns)" "$bcpu" "$brss" "$(awk -v r="$brss" -v n="$n" 'BEGIN{printf "%.1f", r/n}')"
	rm -f "$VS_TMP/time.tui"
	tmux -L "$TM" new-session -d -x 120 -y 40 \
		"env VSMON_CONF=$VSMON_CONF XDG_CONFIG_HOME=$VS_TMP/xdg /usr/bin/time -o $VS_TMP/time.tui -f '%U %S %M' $VS_BIN/vstop -d 1 -n $SECS; sleep 5"
	for _ in $(seq 1 $((SECS * 10 + 300))); do [ -s "$VS_TMP/time.tui" ] && break; sleep 0.1; done
	read -r tcpu trss < <(awk -v s="$SECS" '{ printf "%.2f %d\n", ($1 + $2) * 100 / s, $3 }' "$VS_TMP/time.tui")
	tmux -L "$TM" kill-server 2>/dev/null || true
	printf '%-6s %-28s %10s %12s %12s\n' "$n" "vstop (interactive, tmux)" "$tcpu" "$trss" "$(awk -v r="$trss" -v n="$n" 'BEGIN{printf "%.1f", r/n}')"
	# cgtop gives up ("Failed to refresh: No such device") when a cgroup vanishes mid-walk
	# on a busy host: try up to three times.
	ccpu=- crss=-
	for _ in 1 2 3; do
		if out=$(measure cgtop systemd-cgtop -b -d 1 -n "$SECS" --depth=3 -r); then
			read -r ccpu crss <<<"$out"
			break
		fi
	done
	printf '%-6s %-28s %10s %12s %12s\n' "$n" "systemd-cgtop -b (host)" "$ccpu" "$crss" "-"
	awk -v t="$tcpu" -v e="$gcpu" -v n="$n" 'BEGIN { if (e > 0) printf "%-6s viewer work on top of the sweep of the same groups: %.1f%%\n", n, (t - e) * 100 / e }'
	TUI_RSS[$n]=$trss
done
# Memory per context: the growth of the interactive viewer's peak RSS between sizes.
if [ ${#COUNTS[@]} -ge 2 ]; then
	a=${COUNTS[0]} b=${COUNTS[-1]}
	awk -v ra="${TUI_RSS[$a]}" -v rb="${TUI_RSS[$b]}" -v a="$a" -v b="$b" \
		'BEGIN { printf "memory per context (vstop interactive, %d->%d): %.1f KB\n", a, b, (rb - ra) / (b - a) }'
fi
