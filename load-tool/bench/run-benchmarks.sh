#!/usr/bin/env bash
# Reproduces the figures of docs/benchmarks.md on one machine: starts the local stack with its
# default settings (what users get; everything on 127.0.0.1), runs each workload RUNS times
# (default 3), stops the stack. Needs a build: ./mvnw install -DskipTests.
#   load-tool/bench/run-benchmarks.sh [workload ...]    default: all of them
#   RUNS=1 GATEWAYS=3 load-tool/bench/run-benchmarks.sh pairs ramp
#   SERVICE_JVM_OPTIONS="-XX:+UseG1GC" ... to compare other JVM options against the defaults
#   load-tool/bench/run-benchmarks.sh ejabberd-plain ejabberd-mam   # the peer (not in the default set)
# Results (JSON, plots, logs) go to load-results/bench-<time>/; each workload's SUMMARY lines to
# <workload>.log there.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
out="${OUT:-$repo/load-results/bench-$(date +%Y%m%d-%H%M%S)}"
runs="${RUNS:-3}"
jvm="${SERVICE_JVM_OPTIONS:-}"            # empty: the local stack's defaults (ServiceInstances.SERVICE_JVM_OPTIONS, and GATEWAY_JVM_OPTIONS for the gateways)
gateway_jvm="${GATEWAY_JVM_OPTIONS:-$jvm}"
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(fresh lone ceiling connections connections3 pairs ramp throughput group storm)
mkdir -p "$out"
jar="$(ls "$repo"/load-tool/target/load-tool-*.jar | head -n 1)"
# A small young generation: the tool's pauses count as latency, and with the default one (600 MiB)
# its young collections took 50-200 ms; with 128 MiB mostly 3-15 ms, a few 40-100 ms (docs/benchmarks.md, eighteenth pass).
tool=(java -Xms1g -Xmx2g -Xmn128m -XX:+UseParallelGC -jar "$jar")
gw3=(--gateway ws://127.0.0.1:8080/ws --gateway ws://127.0.0.1:8090/ws --gateway ws://127.0.0.1:8100/ws)
gateways="${GATEWAYS:-1}"  # fresh, lone, pairs, ramp and group run on this many gateways (1 to 3); the storm always on 3
gw=("${gw3[@]:0:$((2 * gateways))}")
watch=(--watch-local-stack "$repo/.local-stack" --keys "$repo/.local-stack/keys")

start_stack() {  # start_stack <log name> [gateways] [more launcher options]
  local n="${2:-3}"
  rm -f "$out"/users-*.json  # a clean stack knows none of the users of an earlier one
  local options=()
  [ -n "$jvm" ] && options+=(--service-jvm-options "$jvm")
  [ -n "$gateway_jvm" ] && options+=(--gateway-jvm-options "$gateway_jvm")
  echo "[bench] starting the local stack: $n gateways, JVM options: ${jvm:-the defaults}"
  options+=("${@:3}")
  deploy/local-stack/start.sh --no-build --clean --gateways "$n" "${options[@]+"${options[@]}"}" > "$out/stack-$1.log" 2>&1 &
  stack=$!
  for _ in $(seq 1 600); do
    grep -q "press Ctrl-C" "$out/stack-$1.log" && return 0
    kill -0 "$stack" 2>/dev/null || { cat "$out/stack-$1.log"; exit 1; }
    sleep 1
  done
  echo "[bench] the stack did not start; see $out/stack-$1.log"; exit 1
}
stop_stack() {
  [ -n "${stack:-}" ] && kill -TERM "$stack" 2>/dev/null && wait "$stack" 2>/dev/null || true
  stack=""
}

# The peer: a private ejabberd (peer-ejabberd/README.md) in place of the stack, same workloads.
peer=(--protocol xmpp --gateway ws://127.0.0.1:15280/ws --xmpp-domain localhost)
start_ejabberd() {  # start_ejabberd <mode> [--clean]
  "$repo/load-tool/bench/peer-ejabberd/start-ejabberd.sh" "$1" "$out/ejabberd-$1" "${@:2}" > "$out/ejabberd-$1.log" 2>&1
  ejabberd_pid="$(cat "$out/ejabberd-$1/ejabberd.pid")"
}
stop_ejabberd() {
  [ -n "${ejabberd_mode:-}" ] && "$repo/load-tool/bench/peer-ejabberd/start-ejabberd.sh" stop "$out/ejabberd-$ejabberd_mode" >/dev/null || true
}
trap 'stop_stack; stop_ejabberd' EXIT

gateway_pid() { cat "$repo/.local-stack/pids/gateway-service$1.pid"; }

run() {  # run <name> <load-tool arguments...>
  local name=$1; shift
  for i in $(seq 1 "$runs"); do
    echo "[bench] $name, run $i of $runs"
    "${tool[@]}" "$@" --results "$out/$name" | tee -a "$out/$name.log" | grep -E "^SUMMARY|FAILED|passed" || true
  done
}

for w in "${workloads[@]}"; do
  case "$w" in
    fresh)
      # A freshly started stack (no warm-up run by the benchmark; the stack's own warm-up before it
      # reports ready is part of its start, as users get it): 1,000 new pairs at 100 messages/s from
      # the first second, receivers acknowledging every message. A new stack per run.
      for i in $(seq 1 "$runs"); do
        start_stack "fresh-$i" "$gateways"
        echo "[bench] fresh, run $i of $runs"
        "${tool[@]}" pairs "${gw[@]}" "${watch[@]}" --pairs 1000 --rate 100 --warmup 0 --duration 60 \
            --results "$out/fresh" | tee -a "$out/fresh.log" | grep -E "^SUMMARY" || true
        stop_stack
      done ;;
    lone)
      # One pair at 5 messages/s on an otherwise idle stack: what a single message waits for. 300
      # measured messages, so that p99 is not just the second-slowest; the first 10 s warm the
      # tool's own receive path, which at 5 messages/s its JIT compiles late (docs/benchmarks.md).
      start_stack "$w" "$gateways"
      run lone pairs "${gw[@]}" "${watch[@]}" --users-file "$out/users-lone.json" --pairs 1 --rate 5 --warmup 10 --duration 60
      # The floor under it: one Kafka hop alone on the same idle stack, at the same pace.
      run lone-kafka kafka-round-trip "${watch[@]}" --interval 200 --warmup 10 --duration 60
      stop_stack ;;
    ceiling)
      # The raw Cassandra ceiling in each request shape (docs/benchmarks.md, *request shapes*);
      # message-service's own is "logged" with several messages a request.
      start_stack "$w" 1 --servers-only
      ceiling=(cassandra-ceiling "${watch[@]}" --in-flight 64 --warmup 10 --duration 20)
      run ceiling-logged "${ceiling[@]}" --shape logged
      run ceiling-logged5 "${ceiling[@]}" --shape logged --messages-per-request 5
      run ceiling-logged10 "${ceiling[@]}" --shape logged --messages-per-request 10
      run ceiling-unlogged "${ceiling[@]}" --shape unlogged
      run ceiling-unlogged10 "${ceiling[@]}" --shape unlogged --messages-per-request 10
      run ceiling-read "${ceiling[@]}" --shape read
      run ceiling-receipts "${ceiling[@]}" --shape receipts
      stop_stack ;;
    connections)
      # A fresh stack per run: RSS growth measures the sockets only on a gateway whose heap has not
      # grown before (docs/benchmarks.md).
      for i in $(seq 1 "$runs"); do
        start_stack "connections-$i" 1
        echo "[bench] connections, run $i of $runs"
        "${tool[@]}" connections --gateway ws://127.0.0.1:8080/ws "${watch[@]}" --sockets 19000 --connect-rate 500 \
            --hold 30 --results "$out/connections" | tee -a "$out/connections.log" | grep -E "^SUMMARY" || true
        stop_stack
      done ;;
    connections3)
      # Three tool processes (one per gateway, each on a source address of its own): a process here
      # may open at most 20,000 files.
      start_stack "$w"
      for i in $(seq 1 "$runs"); do
        echo "[bench] connections3, run $i of $runs"
        tools=()
        for g in 1 2 3; do
          port=$((8070 + 10 * g)); suffix=$([ "$g" = 1 ] && echo "" || echo "-$g")
          "${tool[@]}" connections --gateway "ws://127.0.0.1:$port/ws" --source-addresses "127.0.0.$((g + 1))" \
              --keys "$repo/.local-stack/keys" --watch "gateway$suffix=$(gateway_pid "$suffix")" --sockets 19000 \
              --connect-rate 300 --hold 45 --results "$out/connections3/gateway$g" > "$out/connections3-$i-$g.log" 2>&1 &
          tools+=($!)
        done
        wait "${tools[@]}" || true
        grep -h "^SUMMARY" "$out"/connections3-"$i"-*.log
      done
      stop_stack ;;
    pairs)
      start_stack "$w" "$gateways"
      run pairs pairs "${gw[@]}" "${watch[@]}" --users-file "$out/users-pairs.json" --pairs 1000 --rate "${PAIRS_RATE:-100}" \
          --warmup 30 --duration 60
      stop_stack ;;
    ramp)
      start_stack "$w" "$gateways"
      run ramp ramp "${gw[@]}" "${watch[@]}" --users-file "$out/users-pairs.json" --pairs 1000 --start-rate 50 \
          --step-rate 50 --step-seconds 30 --p99-bound 100 --bisect 3 --warmup 120
      stop_stack ;;
    throughput|throughput-ceiling)
      # End to end against the raw Cassandra ceiling, one after the other (issue 16's ratio): the
      # highest rate the stack takes with every message stored, delivered and acknowledged and
      # none refused, its p99 within a second (the ceiling has no latency bound; a second is
      # still live delivery), RUNS ramps on one stack; then, on a stack of the servers only, the
      # ceiling for one message's rows (a first run of 90 s warms Cassandra's JIT and is not
      # counted: a ceiling measured cold is half as high). throughput-ceiling: the ceiling only.
      if [ "$w" = throughput ]; then
        start_stack "$w" "$gateways"
        run throughput ramp "${gw[@]}" "${watch[@]}" --users-file "$out/users-throughput.json" --pairs 1000 \
            --start-rate 2000 --step-rate 250 --step-seconds 30 --p99-bound 1000 --bisect 2 --warmup 60
        stop_stack
      fi
      start_stack "$w-ceiling" 1 --servers-only
      ceiling=(cassandra-ceiling "${watch[@]}" --in-flight 64 --shape logged)
      "${tool[@]}" "${ceiling[@]}" --warmup 90 --duration 10 --results "$out/throughput-ceiling-warm-up" > /dev/null
      run throughput-ceiling "${ceiling[@]}" --warmup 10 --duration 20
      stop_stack ;;
    group)
      start_stack "$w" "$gateways"
      run group group "${gw[@]}" "${watch[@]}" --users-file "$out/users-group.json" --members 256 --senders 2 --rate 20 \
          --warmup 30 --duration 60 --drain 60
      stop_stack ;;
    storm)
      for i in $(seq 1 "$runs"); do
        start_stack "storm-$i"
        echo "[bench] storm, run $i of $runs"
        "${tool[@]}" storm "${gw3[@]}" "${watch[@]}" --clients 19000 --victim-pid "$(gateway_pid "")" --connect-rate 500 \
            --messages-per-client 1 --send-rate 1000 --jitter 10000 --timeout 300 --results "$out/storm" \
            | tee -a "$out/storm.log" | grep -E "^SUMMARY" || true
        stop_stack
      done ;;
    ejabberd-plain|ejabberd-mam)
      # pairs and ramp as above (the ramp from the rate region where ejabberd's limit lies); then
      # connections, each run on a freshly started ejabberd so that its RSS growth is the sockets'.
      ejabberd_mode="${w#ejabberd-}"
      start_ejabberd "$ejabberd_mode" --clean
      run "$w-pairs" pairs "${peer[@]}" --watch "ejabberd=$ejabberd_pid" --users-file "$out/users-$w.json" \
          --pairs 1000 --rate "${PAIRS_RATE:-100}" --warmup 30 --duration 60
      first=$([ "$ejabberd_mode" = plain ] && echo 1000 || echo 250)
      run "$w-ramp" ramp "${peer[@]}" --watch "ejabberd=$ejabberd_pid" --users-file "$out/users-$w.json" \
          --pairs 1000 --start-rate "$first" --step-rate "$first" --step-seconds 20 --p99-bound 100 --bisect 2
      for i in $(seq 1 "$runs"); do
        stop_ejabberd; start_ejabberd "$ejabberd_mode"
        echo "[bench] $w-connections, run $i of $runs"
        "${tool[@]}" connections "${peer[@]}" --watch "gateway-ejabberd=$ejabberd_pid" \
            --users-file "$out/users-$w-19k.json" --sockets 19000 --connect-rate 500 --hold 30 \
            --results "$out/$w-connections" | tee -a "$out/$w-connections.log" | grep -E "^SUMMARY" || true
      done
      stop_ejabberd; ejabberd_mode="" ;;
    *) echo "unknown workload $w (fresh lone ceiling connections connections3 pairs ramp throughput throughput-ceiling group storm ejabberd-plain ejabberd-mam)"; exit 2 ;;
  esac
done
echo "[bench] results in $out"
