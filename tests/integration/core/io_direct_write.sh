#!/bin/bash
# 50 MiB written with O_DIRECT in 512 KiB requests: io_write_bytes grows by exactly
# 52,428,800 and io_write_ops by 100.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd jq dd
vs_test_config
if [ "$(cg_mode)" != v2 ]; then
	# v1 counts nothing until accounting is on: the library's set-up call turns it on.
	"$VS_BUILD/tests/vs-blkio-setup" >/dev/null || fail "blkio accounting could not be turned on"
fi
[ "$(stat -f -c %T "$VS_TMP")" = ext2/ext3 ] || skip "needs $VS_TMP on ext4 for O_DIRECT"
cg_create io
cg_run sleep 60
vs_test_context io 103 "$CG_LAST_PID"
before=$("$VS_BIN/vstop" -b -n 1 -o json)
wb0=$(echo "$before" | jq -r '.contexts[] | select(.xid == 103) | .io_write_bytes')
wo0=$(echo "$before" | jq -r '.contexts[] | select(.xid == 103) | .io_write_ops')
[ "$wb0" != null ] || fail "io_write_bytes unknown with accounting on: $(echo "$before" | jq -c .warnings)"
cg_run dd if=/dev/zero of="$VS_TMP/direct.bin" bs=512K count=100 oflag=direct status=none
wait "$CG_LAST_PID"
after=$("$VS_BIN/vstop" -b -n 1 -o json)
wb1=$(echo "$after" | jq -r '.contexts[] | select(.xid == 103) | .io_write_bytes')
wo1=$(echo "$after" | jq -r '.contexts[] | select(.xid == 103) | .io_write_ops')
note "write bytes $wb0 -> $wb1, ops $wo0 -> $wo1"
assert_eq "$((wb1 - wb0))" 52428800 "io_write_bytes delta"
assert_eq "$((wo1 - wo0))" 100 "io_write_ops delta"
echo "ok"
