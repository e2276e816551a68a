# SPDX-License-Identifier: GPL-2.0-or-later
# Shared set-up of the vsgraph tests: fixed time zone and number format, a private
# config, and a day of synthetic samples at known values (gen.py).
. "$VS_SRC/tests/integration/lib.sh"
export TZ=UTC LC_NUMERIC=C LC_ALL=C
require_cmd rrdtool python3
VSG=$VS_BIN/vsgraph
# librrd's leaks are found through libc frames only with the slow unwinder.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS="suppressions=$VS_SRC/tests/integration/graphs/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
[ -x "$VSG" ] || fail "no $VSG (build first)"
GEN=$VS_SRC/tests/integration/graphs/gen.py
# A fixed day: 2023-11-14 00:00 UTC.
T0=1699920000
STEP=60
RRD=$VS_TMP/rrd
conf() {
	cat >"$VS_TMP/vsmon.conf" <<CONF
rrd_dir = $RRD
rrd_archive_dir = $VS_TMP/archive
rrd_step = $STEP
graph_dir = $VS_TMP/out
${1:-}
CONF
}
# fetch FILE DS START END RES: "time value" lines, value "nan" when unknown
fetch() {
	rrdtool fetch "$1" AVERAGE -s "$3" -e "$4" -r "$5" |
		awk -v ds="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == ds) col = i + 1 }
		     NR > 2 && col { sub(":", "", $1); v = $col; if (v ~ /nan/) v = "nan"; print $1, v }'
}
# fig NAME FILE: a figure `vsgraph graph` printed ("NAME value"; "-" when unknown)
fig() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
# info_has FILE REGEX: whether `rrdtool info FILE` has a matching line (no SIGPIPE
# under pipefail)
info_has() { rrdtool info "$1" >"$VS_TMP/.info" && grep -qE "$2" "$VS_TMP/.info"; }
