#!/usr/bin/env python3
"""Where a lone message waits, from the kernel's scheduler trace (Linux perf, as root).

A lone message wakes about twenty-five threads in six processes on its way (the tool, the
gateway, message-service, Cassandra, Kafka, delivery-service, Redis, the gateway again and the
tool). The services' timers say how long each process held it; this says how long each hand-off
between threads took, and what else ran on the cores while a thread of the message's path was
woken but waiting for one. docs/benchmarks.md's per-hop tables of a lone message come from it.

  wake-trace.py record <seconds> <perf.data>
      perf sched record -a for that long (run it while a lone run sends, e.g. 15 s into
      `pairs --pairs 1 --rate 5 --warmup 10 --duration 60`)
  wake-trace.py report <perf.data>
      1. per hop of the message's path, how long it took (p50, p90, max over the messages
         traced): from the wake-up of one process's thread by the one before to the next;
      2. the wake-ups of the path's threads that waited more than a millisecond for a core, and
         which threads ran on the cores meanwhile (none when a core stayed idle through the wait;
         keeping both vCPUs busy did not change the lone p99, docs/benchmarks.md twenty-sixth
         pass, so such waits are not what sets the tail).

Processes are named from .local-stack/pids; the load tool is the process with a thread named
process-sampler. A path counts when each of its hops is found within 20 ms of the one before; a
`delivered` receipt crosses the same hops, so report 1 is of the hand-offs of messages and
receipts alike.
"""
import bisect
import collections
import os
import re
import subprocess
import sys

PIDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".local-stack", "pids")
NAMES = {"gateway-service": "GW", "message-service": "MS", "delivery-service": "DS",
         "cassandra": "CAS", "kafka": "KAF", "redis": "RED"}
# The hand-offs of a message, as (waker, wakee) prefixes of "<process>:<thread name>".
PATH = [("LT:vert.x", "GW:vert.x", "the tool's send reaches the gateway"),
        ("GW:vert.x", "MS:vert.x", "gateway → message-service"),
        ("MS:vert.x", "CAS:epoll", "message-service → Cassandra"),
        ("CAS:epoll", "MS:vert.x", "Cassandra's logged batch"),
        ("MS:vert.x", "MS:kafka-producer", "→ the Kafka producer's thread"),
        ("MS:kafka-producer", "KAF:", "→ the broker"),
        ("KAF:", "DS:smallrye-kafka", "the broker → delivery's poll thread"),
        ("DS:smallrye-kafka", "DS:vert.x", "poll thread → event loop"),
        ("DS:vert.x", "RED:", "→ the route read"),
        ("RED:", "DS:vert.x", "Redis"),
        ("DS:vert.x", "GW:vert.x", "the hand-off to the gateway"),
        ("GW:vert.x", "LT:vert.x", "the gateway → the tool")]
# Threads on the message's path, whose waits for a core report 2 counts.
HOT = ("vert.x", "epoll", "Native-Transpor", "MutationStage", "smallrye-kafka", "kafka-producer",
       "data-plane-kafk", "redis-server")
CORES = os.cpu_count()
# A hop longer than this is taken for a mismatch (a wake-up of the next flow), and the path is not counted.
HOP_LIMIT = 0.02
LINE = re.compile(r"^\s*(.+?)\s+(\d+)/(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(sched:\w+):\s*(.*)$")


def record(seconds, data):
    subprocess.run(["perf", "sched", "record", "-a", "-o", data, "--", "sleep", seconds], check=True)


def events(data):
    out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,pid,tid,cpu,time,event,trace"],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            comm, pid, tid, cpu, t, event, rest = m.groups()
            yield float(t), int(cpu), pid, tid, comm, event, rest


def processes():
    names = {}
    for file in os.listdir(PIDS):
        service = file[:-4]
        if file.endswith(".pid") and service in NAMES:
            with open(os.path.join(PIDS, file)) as f:
                names[f.read().strip()] = NAMES[service]
    return names


def pct(values, q):
    return values[min(len(values) - 1, int(len(values) * q))]


def report(data):
    evs = list(events(data))
    threads = {tid: (pid, comm) for _, _, pid, tid, comm, _, _ in evs}
    names = processes()
    for tid, (pid, comm) in threads.items():
        if comm.startswith("process-sampl"):
            names[pid] = "LT"

    def name(tid):
        pid, comm = threads.get(tid, ("?", "?"))
        return names.get(pid, "other") + ":" + comm

    wakes, waits, woken, on_cpu, since, runs = [], [], {}, {}, {}, []
    for t, cpu, pid, tid, comm, event, rest in evs:
        if event == "sched:sched_waking":
            target = re.search(r"pid=(\d+)", rest).group(1)
            wakes.append((t, name(tid), name(target)))
            woken[target] = t
        elif event == "sched:sched_switch":
            nxt = re.search(r"next_pid=(\d+)", rest).group(1)
            if cpu in on_cpu:
                runs.append((since[cpu], t, on_cpu[cpu], cpu))
            on_cpu[cpu], since[cpu] = nxt, t
            if nxt in woken:
                waited = t - woken.pop(nxt)
                if waited > 0.001 and any(h in name(nxt) for h in HOT) and name(nxt).split(":")[0] in NAMES.values():
                    waits.append((t - waited, t))

    times = [w[0] for w in wakes]
    starts, last = [], -1.0
    for t, waker, wakee in wakes:
        if waker.startswith(PATH[0][0]) and wakee.startswith(PATH[0][1]):
            if t - last > 0.05:
                starts.append(t)
            last = t
    flows = []
    for t0 in starts:
        i, t, hops = bisect.bisect_left(times, t0), t0, []
        for waker, wakee, _ in PATH[1:]:
            while i < len(wakes) and not (wakes[i][1].startswith(waker) and wakes[i][2].startswith(wakee)):
                i += 1
            if i == len(wakes) or wakes[i][0] - t > HOP_LIMIT:
                break
            hops.append((wakes[i][0] - t) * 1000)
            t = wakes[i][0]
            i += 1
        else:
            flows.append(((t - t0) * 1000, hops))
    if not flows:
        sys.exit("no message's path found in the trace: was a lone run sending, and is .local-stack/pids this stack's?")
    totals = sorted(f[0] for f in flows)
    print(f"1. {len(flows)} paths traced, tool's send → gateway's write to the tool: "
          f"p50 {pct(totals, .5):.1f} ms, p90 {pct(totals, .9):.1f} ms, p99 {pct(totals, .99):.1f} ms")
    print(f"   {'hop':44} {'p50':>7} {'p90':>7} {'max':>7}  (ms)")
    for k, (_, _, label) in enumerate(PATH[1:]):
        values = sorted(f[1][k] for f in flows)
        print(f"   {label:44} {pct(values, .5):7.2f} {pct(values, .9):7.2f} {values[-1]:7.2f}")

    blame, idle_core = collections.Counter(), 0
    for start, end in waits:
        busy = collections.Counter()
        for s, e, tid, cpu in runs:
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and tid != "0":
                blame[re.sub(r"[-#]?\d+$", "", name(tid))] += overlap
                busy[cpu] += overlap
        if min(busy[cpu] for cpu in range(CORES)) < 0.1 * (end - start):
            idle_core += 1
    total = sum(e - s for s, e in waits)
    print(f"\n2. {len(waits)} wake-ups on the path waited > 1 ms for a core, {total * 1000:.0f} ms in all;"
          f" in {idle_core} of them a core stayed idle (over 90 % of the wait): no thread kept them waiting."
          f" The threads that ran on the cores during the waits:")
    for thread, seconds in blame.most_common(15):
        print(f"   {thread:40} {seconds * 1000:7.1f} ms")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)
