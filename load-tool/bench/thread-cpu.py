#!/usr/bin/env python3
"""CPU time of every thread of the local stack's processes between two moments (Linux /proc).

The load tool samples each process as a whole; this says which threads inside a process used the
CPU (event loops, Kafka clients, Cassandra's stages, the JIT compilers), which is what
docs/benchmarks.md's per-thread tables come from.

  thread-cpu.py take <file.json>                  snapshot every process of .local-stack/pids
  thread-cpu.py diff <a.json> <b.json> <rate> [process ...]
      per process: CPU seconds, share of one core, ms per message at <rate> messages/s; then the
      busiest thread groups of each named process (digits in thread names folded into #)
  thread-cpu.py series <rate> <a.json> <b.json> [<c.json> ...]
      per interval between consecutive snapshots: ms per message, of which JIT compilation

Thread names are the kernel's (at most 15 characters). A process's CPU is the sum of its threads
alive at the second snapshot; threads that ended in between are not counted.
"""
import glob
import json
import os
import re
import sys
import time

PIDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".local-stack", "pids")
TICKS = os.sysconf("SC_CLK_TCK")


def threads_of(pid):
    """{tid: [name, user+system ticks]} of one process."""
    result = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as comm, open(f"/proc/{pid}/task/{tid}/stat") as stat:
                name = comm.read().strip()
                fields = stat.read().rsplit(")", 1)[1].split()
            result[tid] = [name, int(fields[11]) + int(fields[12])]  # utime, stime
        except (OSError, IndexError):
            pass  # the thread ended meanwhile
    return result


def take(path):
    snapshot = {"time": time.time(), "processes": {}}
    for pid_file in glob.glob(os.path.join(PIDS, "*.pid")):
        name = os.path.basename(pid_file)[:-len(".pid")]
        try:
            with open(pid_file) as f:
                snapshot["processes"][name] = threads_of(f.read().strip())
        except OSError:
            pass  # the process is not running
    with open(path, "w") as out:
        json.dump(snapshot, out)


def per_group(a, b, process):
    """{thread name with digits folded: seconds} between snapshots a and b."""
    before = a["processes"].get(process, {})
    groups = {}
    for tid, (name, ticks) in b["processes"].get(process, {}).items():
        spent = (ticks - before.get(tid, [name, 0])[1]) / TICKS
        key = re.sub(r"\d+", "#", name)
        groups[key] = groups.get(key, 0) + spent
    return groups


def diff(a, b, rate, detailed):
    window = b["time"] - a["time"]
    total = 0
    for process in sorted(b["processes"]):
        seconds = sum(per_group(a, b, process).values())
        total += seconds
        print(f"{process:18s} {seconds:6.1f} s {100 * seconds / window:5.1f}% {1000 * seconds / (window * rate):6.2f} ms/msg")
    print(f"{'all':18s} {total:6.1f} s {100 * total / window:5.1f}% {1000 * total / (window * rate):6.2f} ms/msg"
          f"  (window {window:.1f} s)")
    for process in detailed:
        print(f"== {process}")
        for key, seconds in sorted(per_group(a, b, process).items(), key=lambda g: -g[1])[:8]:
            print(f"   {seconds:6.1f} s {1000 * seconds / (window * rate):6.3f} ms/msg  {key}")


def series(rate, snapshots):
    start = snapshots[0]["time"]
    for a, b in zip(snapshots, snapshots[1:]):
        window = b["time"] - a["time"]
        total = compiling = 0
        for process in b["processes"]:
            for key, seconds in per_group(a, b, process).items():
                total += seconds
                compiling += seconds if re.match(r"C# CompilerThre", key) else 0
        print(f"t+{b['time'] - start:5.0f} s  all {1000 * total / (window * rate):6.2f} ms/msg,"
              f" of which JIT compilation {1000 * compiling / (window * rate):5.2f}")


def load(path):
    with open(path) as f:
        return json.load(f)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "take":
        take(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "diff":
        diff(load(sys.argv[2]), load(sys.argv[3]), float(sys.argv[4]), sys.argv[5:])
    elif len(sys.argv) >= 5 and sys.argv[1] == "series":
        series(float(sys.argv[2]), [load(p) for p in sys.argv[3:]])
    else:
        print(__doc__)
        sys.exit(2)
