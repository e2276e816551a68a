#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Two veth guests on a bridge this test creates exchange pings over link-local
# addresses, and their net_* counters (vstop -b -o json) grow by what was sent.
. "$(dirname "$0")/guests-lib.sh"
require_cmd jq
[ -x "$VS_BIN/vstop" ] || skip "vstop not built"

BR=vsb$$
ip link add "$BR" type bridge || skip "cannot create a bridge"
VS_CLEANUPS+=("ip link del $BR 2>/dev/null")
ip link set "$BR" up

vsctl build n1 --template base "net=veth:$BR" net.address=169.254.77.1/16 || fail "build n1"
vsctl build n2 --template base "net=veth:$BR" net.address=169.254.77.2/16 || fail "build n2"
vsctl start n1 n2 || fail "start"
[ -n "$(ip -o link show master "$BR")" ] || fail "no veth on the bridge"
# Only link-local addresses: the guest has its one address and loopback.
addrs=$(vsctl exec n1 -- ip -4 -o addr show | awk '{ print $4 }' | sort | tr '\n' ' ')
assert_eq "$addrs" "127.0.0.1/8 169.254.77.1/16 " "n1's IPv4 addresses"

counters() { # counters NAME -> "rx_bytes tx_bytes rx_packets tx_packets"
	"$VS_BIN/vstop" -b -n 1 -o json | jq -r ".contexts[] | select(.name == \"$1\") |
		\"\(.net_rx_bytes) \(.net_tx_bytes) \(.net_rx_packets) \(.net_tx_packets)\""
}
read -r a_rx0 a_tx0 a_rp0 a_tp0 < <(counters n1)
read -r b_rx0 b_tx0 b_rp0 b_tp0 < <(counters n2)
[ "$a_tx0" != null ] || fail "n1 has no network counters"
vsctl exec n1 -- ping -c 20 -i 0.05 -s 1000 -W 2 169.254.77.2 >"$VS_TMP/ping" ||
	fail "ping n1 -> n2: $(cat "$VS_TMP/ping")"
grep -q "20 packets received" "$VS_TMP/ping" || fail "pings lost: $(tail -2 "$VS_TMP/ping")"
read -r a_rx1 a_tx1 a_rp1 a_tp1 < <(counters n1)
read -r b_rx1 b_tx1 b_rp1 b_tp1 < <(counters n2)
note "n1 sent $((a_tx1 - a_tx0)) bytes in $((a_tp1 - a_tp0)) packets; n2 received $((b_rx1 - b_rx0)) bytes in $((b_rp1 - b_rp0))"
# 20 echo requests of 1000 data bytes + 8 ICMP + 20 IP + 14 Ethernet = 1042 bytes each
for v in "$((a_tx1 - a_tx0))" "$((b_rx1 - b_rx0))" "$((a_rx1 - a_rx0))" "$((b_tx1 - b_tx0))"; do
	assert_between "$v" $((20 * 1042)) $((20 * 1042 + 4000)) "bytes of 20 pings each way"
done
# New links also carry a few small IPv6 neighbour-discovery packets of their own.
for v in "$((a_tp1 - a_tp0))" "$((b_rp1 - b_rp0))"; do
	assert_between "$v" 20 50 "packets of 20 pings"
done
vsctl stop --timeout 0 n1 n2 || fail "stop"
[ -z "$(ip -o link show master "$BR")" ] || fail "veth left on the bridge"
echo PASS
