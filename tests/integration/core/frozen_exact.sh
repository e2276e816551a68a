#!/bin/bash
# With the context frozen nothing moves, so every value vstop prints must equal the
# kernel file it comes from, exactly.
. "$VS_SRC/tests/integration/lib.sh"
require_root
require_cmd jq stress-ng
[ "$(cg_mode)" != v2 ] || skip "v1 freezer test; v2 is covered by the fixture tests"
vs_test_config
"$VS_BUILD/tests/vs-blkio-setup" >/dev/null || true
cg_create frz
echo 50000 >"$(cg_file cpu cpu.cfs_quota_us)"
echo 100000 >"$(cg_file cpu cpu.cfs_period_us)"
echo $((256 * 1048576)) >"$(cg_file memory memory.limit_in_bytes)"
echo 64 >"$(cg_file pids pids.max)"
cg_run stress-ng --cpu 1 --timeout 60s --quiet
vs_test_context frz 105 "$CG_LAST_PID"
cg_run dd if=/dev/zero of=/dev/shm/vstest-frz-$$ bs=1M count=16 status=none
wait "$CG_LAST_PID"
VS_CLEANUPS+=("rm -f /dev/shm/vstest-frz-$$")
sleep 1.5
echo FROZEN >"$(cg_file freezer freezer.state)"
for i in $(seq 1 50); do [ "$(cat "$(cg_file freezer freezer.state)")" = FROZEN ] && break; sleep 0.05; done
sleep 0.3

out=$("$VS_BIN/vstop" -b -n 1 -o json | jq -c '.contexts[] | select(.xid == 105)')
k() { cat "$(cg_file "$1" "$2")"; }
kv() { awk -v k="$3" '$1 == k { print $2 }' "$(cg_file "$1" "$2")"; }
blk() { awk -v op="$3" '$2 == op { s += $3 } END { print s + 0 }' "$(cg_file "$1" "$2")"; }
declare -A want=(
	[cpu_usage_usec]=$(($(k cpuacct cpuacct.usage) / 1000))
	[cpu_user_usec]=$(($(k cpuacct cpuacct.usage_user) / 1000))
	[cpu_system_usec]=$(($(k cpuacct cpuacct.usage_sys) / 1000))
	[cpu_periods]=$(kv cpu cpu.stat nr_periods)
	[cpu_throttled_periods]=$(kv cpu cpu.stat nr_throttled)
	[cpu_throttled_usec]=$(($(kv cpu cpu.stat throttled_time) / 1000))
	[mem_current_bytes]=$(k memory memory.usage_in_bytes)
	[mem_anon_bytes]=$(kv memory memory.stat total_rss)
	[mem_file_bytes]=$(kv memory memory.stat total_cache)
	[mem_shmem_bytes]=$(kv memory memory.stat total_shmem)
	[mem_mapped_file_bytes]=$(kv memory memory.stat total_mapped_file)
	[mem_peak_bytes]=$(k memory memory.max_usage_in_bytes)
	[mem_limit_bytes]=$(k memory memory.limit_in_bytes)
	[mem_limit_hits]=$(k memory memory.failcnt)
	[oom_kills]=$(kv memory memory.oom_control oom_kill)
	[io_read_bytes]=$(blk blkio blkio.throttle.io_service_bytes_recursive Read)
	[io_write_bytes]=$(blk blkio blkio.throttle.io_service_bytes_recursive Write)
	[io_read_ops]=$(blk blkio blkio.throttle.io_serviced_recursive Read)
	[io_write_ops]=$(blk blkio blkio.throttle.io_serviced_recursive Write)
	[tasks]=$(wc -l <"$(cg_file pids cgroup.procs)")
	[threads]=$(k pids pids.current)
	[pids_limit]=$(k pids pids.max)
	[pids_limit_hits]=$(kv pids pids.events max)
)
[ -n "$(kv memory memory.stat total_swap)" ] && want[mem_swap_bytes]=$(kv memory memory.stat total_swap)
bad=0
for key in "${!want[@]}"; do
	got=$(echo "$out" | jq -r ".$key")
	if [ "$got" != "${want[$key]}" ]; then
		echo "MISMATCH $key: vstop $got, kernel ${want[$key]}" >&2
		bad=1
	fi
done
assert_eq "$(echo "$out" | jq -r .cpu_limit_pct)" 50 "cpu_limit_pct"
[ "${want[mem_shmem_bytes]}" -ge $((16 * 1048576)) ] || fail "shmem load not visible (${want[mem_shmem_bytes]})"
[ "${want[cpu_throttled_periods]}" -gt 0 ] || fail "no throttling seen"
echo THAWED >"$(cg_file freezer freezer.state)"
[ $bad -eq 0 ] || fail "values differ from the kernel files"
echo "ok: ${#want[@]} fields equal the kernel files"
