#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Synthetic batch output (vstop -b -o json lines) with known values, for vsgraph tests.

gen.py START STEPS STEP [options]: one line per step at START + i*STEP (+ 2 s of jitter,
as a real sampler lands just after the boundary).
  guest web1 (xid 101): CPU counter driven at exactly --cpu-cores cores (user 3/4, system
  1/4); memory a deterministic pseudo-random walk; limit 512 MiB; restarted (counters
  back to 0) at step --restart-at; stopped from --stop-at on; one OOM kill at step
  --oom-at.
  guest db1 (xid 102): steady 0.25 cores; memory growing 1 MiB per step.
"""
import json
import random
import sys

def main():
    a = sys.argv[1:]
    start, steps, step = int(a[0]), int(a[1]), int(a[2])
    opts = dict(zip(a[3::2], a[4::2]))
    cores = float(opts.get('--cpu-cores', '1.5'))
    restart_at = int(opts.get('--restart-at', '-1'))
    stop_at = int(opts.get('--stop-at', str(steps + 1)))
    oom_at = int(opts.get('--oom-at', '-1'))
    ooms = 0
    rnd = random.Random(7)
    cpu = 10**9  # usec already used before the first sample
    db_cpu = 0
    gen = 1
    for i in range(steps):
        t = start + i * step + 2
        if i == restart_at:
            cpu = 0
            gen += 1
        else:
            cpu += int(cores * 1e6 * step)
        db_cpu += int(0.25e6 * step)
        mem = 100 * 2**20 + rnd.randrange(0, 300 * 2**20)
        ooms += i == oom_at
        web = {"xid": 101, "name": "web1", "state": "running", "generation": gen,
               "cpu_usage_usec": cpu, "cpu_user_usec": cpu * 3 // 4,
               "cpu_system_usec": cpu - cpu * 3 // 4, "cpu_limit_pct": 200.0,
               "mem_current_bytes": mem, "mem_anon_bytes": mem // 2,
               "mem_file_bytes": mem // 2, "mem_shmem_bytes": mem // 8,
               "mem_limit_bytes": 512 * 2**20, "mem_peak_bytes": 450 * 2**20,
               "oom_kills": ooms, "tasks": 5, "threads": 9, "pids_limit": 100,
               "pids_limit_hits": 0, "io_read_bytes": 1000 * i, "io_write_bytes": 2000 * i,
               "io_read_ops": i, "io_write_ops": 2 * i, "net_rx_bytes": None}
        if i >= stop_at:
            web = {"xid": 101, "name": "web1", "state": "stopped", "cpu_usage_usec": None}
        db = {"xid": 102, "name": "db1", "state": "running", "generation": 1,
              "cpu_usage_usec": db_cpu, "cpu_user_usec": db_cpu, "cpu_system_usec": 0,
              "cpu_limit_pct": None, "mem_current_bytes": 50 * 2**20 + i * 2**20,
              "mem_anon_bytes": 50 * 2**20 + i * 2**20, "mem_file_bytes": 0,
              "mem_shmem_bytes": 0, "mem_limit_bytes": 256 * 2**20 + 40 * 2**20,
              "tasks": 2, "threads": 2}
        ctx0 = {"xid": 0, "name": "", "state": "running",
                "cpu_usage_usec": 5 * cpu, "cpu_user_usec": 4 * cpu, "cpu_system_usec": cpu,
                "mem_current_bytes": 2**30, "tasks": 100, "threads": 200}
        host = {"ncpu": 2, "cpu_usage_usec": 7 * cpu, "cpu_user_usec": 5 * cpu,
                "cpu_system_usec": 2 * cpu, "mem_total_bytes": 24 * 2**30,
                "mem_used_bytes": 3 * 2**30, "mem_current_bytes": 4 * 2**30,
                "mem_limit_sum_bytes": (512 + 296) * 2**20, "tasks": 107, "threads": 211,
                "load1": 0.5, "load5": 0.4, "load15": 0.3, "uptime_sec": 1000.0 + i * step}
        print(json.dumps({"schema_version": 1, "time": t + 0.25, "host": host,
                          "contexts": [ctx0, web, db]}))

main()
