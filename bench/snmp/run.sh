#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/snmp/run.sh [CONTEXTS] [REPEATS]: bulk walks of vsmonContextTable with
# CONTEXTS running contexts (default 1000), beside a minimal table_tdata subagent
# serving a table of the same rows and values per row, both through one private
# snmpd. Prints values per second for each and the ratio of their times.
# Needs root (cgroups) and a build (VS_BUILD, default ./build). VS_BENCH_MAXREP sets
# snmpbulkwalk -Cr (default 25).
#
# Each context has its own cgroup in every hierarchy, nested under this script's
# own, and one state file; they share one sleeping init (a bench needs the rows, not
# 1000 processes). sample_interval is VS_BENCH_INTERVAL (default 2 s, vsmon's
# default): the sampling thread runs beside the walks, as it would in production;
# VS_BENCH_INTERVAL=60 keeps it out of them.
VS_SRC=${VS_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
VS_BUILD=${VS_BUILD:-$VS_SRC/build}
VS_BIN=${VS_BIN:-$VS_BUILD/bin}
VS_TEST_NAME=bench-snmp
. "$VS_SRC/tests/integration/lib.sh"
require_root
. "$VS_SRC/tests/integration/snmp/snmp-lib.sh"
N=${1:-1000}
REPEATS=${2:-5}
MAXREP=${VS_BENCH_MAXREP:-25} # snmpbulkwalk -Cr (its own default is 10)
TDATA=$VS_BUILD/bench/vs-bench-tdata
[ -x "$TDATA" ] || fail "$TDATA not built"

snmp_config "${VS_BENCH_INTERVAL:-2}"
sleep 3600 &
INIT=$!
VS_PIDS+=("$INIT")
ticks=$(awk '{print $22}' /proc/$INIT/stat)
declare -A BASE
for h in $(cg_hierarchies); do b=$(cg_self "$h"); BASE[$h]=${b%/}; done
DIRS=()
t0=$(date +%s.%N)
for i in $(seq 1 "$N"); do
	name=b$i xid=$((10000 + i))
	{
		echo "version = 1"; echo "name = $name"; echo "xid = $xid"; echo "state = running"
		echo "init_pid = $INIT"; echo "init_start_ticks = $ticks"; echo "start_time = $(date +%s)"
		for h in $(cg_hierarchies); do
			rel=${BASE[$h]}/vsbench-$$-$name
			DIRS+=("$(cg_dir "$h")$rel")
			echo "cgroup.$h = $rel"
		done
	} >"$VS_TMP/run/$name.state"
	printf 'xid = %s\ntemplate = none\n' "$xid" >"$VS_TMP/guests/$name.conf"
done
mkdir "${DIRS[@]}"
VS_CLEANUPS+=('rmdir "${DIRS[@]}" 2>/dev/null')
note "$N contexts ($((${#DIRS[@]})) cgroups) set up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"

snmp_master_start
snmp_agent_start
snmp_agent_wait 600
[ "$(sval $VSA.1.4.2.0)" = "$N" ] || fail "vsmonContextRunning is $(sval $VSA.1.4.2.0), want $N"

walk_time() { # walk_time OID OUTFILE: seconds
	local a b
	a=$(date +%s.%N)
	snmpbulkwalk -v2c -c public -On -Oq -Cr"$MAXREP" -t 5 -r 0 "$SNMP_TARGET" "$1" >"$2"
	b=$(date +%s.%N)
	awk -v a="$a" -v b="$b" 'BEGIN {printf "%.4f", b - a}'
}
walk_time $VSA.1.4.4 "$VS_TMP/ours" >/dev/null # warm-up: the cache builds its rows
values=$(wc -l <"$VS_TMP/ours")
rows=$((N + 1))
cols=$(((values + rows / 2) / rows))
note "context table: $rows rows, $values values ($cols per row on average)"

"$TDATA" -x "$AGENTX" -r "$rows" -c "$cols" >"$VS_TMP/tdata.log" 2>&1 &
TD_PID=$!
VS_PIDS+=("$TD_PID")
for i in $(seq 1 100); do
	[ -n "$(sget .1.3.6.1.4.1.8072.9999.9999.87.1.1.1.2.1 2>/dev/null | grep Counter64)" ] && break
	sleep 0.1
done
walk_time .1.3.6.1.4.1.8072.9999.9999.87.1.1 "$VS_TMP/minimal" >/dev/null
mvalues=$(wc -l <"$VS_TMP/minimal")

ours=() mine=()
for r in $(seq 1 "$REPEATS"); do
	ours+=("$(walk_time $VSA.1.4.4 "$VS_TMP/ours")")
	mine+=("$(walk_time .1.3.6.1.4.1.8072.9999.9999.87.1.1 "$VS_TMP/minimal")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
to=$(median "${ours[@]}") tm=$(median "${mine[@]}")
echo "snmpbulkwalk -Cr$MAXREP through snmpd + AgentX, median of $REPEATS:"
awk -v v="$values" -v t="$to" 'BEGIN {printf "  vsmon-snmp vsmonContextTable: %d values in %.3f s = %.0f values/s\n", v, t, v / t}'
awk -v v="$mvalues" -v t="$tm" -v c="$cols" -v r="$rows" 'BEGIN {printf "  minimal tdata (%d x %d):       %d values in %.3f s = %.0f values/s\n", r, c, v, t, v / t}'
awk -v a="$to" -v b="$tm" -v va="$values" -v vb="$mvalues" 'BEGIN {printf "  time ratio ours/minimal: %.2f (per value: %.2f)\n", a / b, (a / va) / (b / vb)}'
echo "  all runs (s): ours ${ours[*]}; minimal ${mine[*]}"

# The cost of one sample, from a second agent with -Dvsmon (debug output slows every
# request, so not during the walks): the samples of its sampling thread.
snmp_agent_stop || true
: >"$VS_TMP/agent.log"
VSA_AGENT_ARGS=-Dvsmon snmp_agent_start
snmp_agent_wait 600
sleep 7
echo "  one sample of $N contexts (in the sampling thread; requests are served meanwhile):" \
	"$(grep -o 'sample took [0-9.]* s' "$VS_TMP/agent.log" | awk '{print $3}' | tr '\n' ' ')s"
