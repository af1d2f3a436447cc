#!/usr/bin/env bash
#
# Clusters side by side on this machine: Tributary (bin/tributary-cluster.sh) and Apache Kafka 4.3.1 (KRaft, storage
# formatted), one cluster at a time, same heap and GC flags, same workload: a topic with replication factor 3 and
# min.insync.replicas=2, produced with acks=all and consumed with Kafka's perf tools, then the time to a new leader
# after a SIGKILL of a partition leader (a broker process), a few times.
#
#   bench/cluster.sh                       1,000,000 x 1 KiB records, 3 kills per cluster
#   bench/cluster.sh --quick               smoke run: 200,000 records, 2 kills (a few minutes per layout)
#   CLUSTER_LAYOUT=separate bench/cluster.sh   3 controller-only + 3 broker-only nodes of each
#
# Environment (all optional):
#   CLUSTER_LAYOUT       combined (default: 3 nodes, each process.roles=broker,controller) or separate (nodes 1-3
#                        process.roles=controller, nodes 4-6 process.roles=broker)
#   CLUSTER_ROUNDS       how many times the pair is run, alternating Tributary and Kafka (default 1)
#   CLUSTER_FAILOVER     1 (default) to measure failover after the throughput figures, 0 to skip it
#   CLUSTER_KILLS        kills per cluster (default 3, --quick 2)
#   BENCH_RECORDS        records produced and consumed (default 1000000, --quick 200000)
#   BENCH_RECORD_SIZE    bytes per record (default 1024); BENCH_PARTITIONS (default 6)
#   CLUSTER_LATENCY_RATE / CLUSTER_LATENCY_RECORDS   the fixed-rate acks=all latency run (default 5000/s, 50000
#                        records; --quick 15000)
#   BENCH_SKIP_BUILD=1, BENCH_MVN_FLAGS   as for bench/run.sh (the build is `mvn package -am`, nothing installed)
#
# Prints one line per cluster and writes bench/work/cluster-<timestamp>.md (figures) and bench/work/cluster-<timestamp>/
# (logs; the clusters' data is deleted after each). Clusters are always stopped on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
TRIBUTARY_HOME="$REPO_ROOT"
WORK_DIR="$BENCH_DIR/work"
KAFKA_LIB="$WORK_DIR/kafka-lib"
BENCH_JAR="$REPO_ROOT/tributary-bench/target/benchmarks.jar"
MVN_FLAGS="${BENCH_MVN_FLAGS:-}"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
[[ $# -eq 0 || "$1" == "--quick" ]] || { sed -n '7,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 1; }
LAYOUT="${CLUSTER_LAYOUT:-combined}"
ROUNDS="${CLUSTER_ROUNDS:-1}"
FAILOVER="${CLUSTER_FAILOVER:-1}"
KILLS="${CLUSTER_KILLS:-$((QUICK ? 2 : 3))}"
RECORDS="${BENCH_RECORDS:-$((QUICK ? 200000 : 1000000))}"
RECORD_SIZE="${BENCH_RECORD_SIZE:-1024}"
PARTITIONS="${BENCH_PARTITIONS:-6}"
LATENCY_RATE="${CLUSTER_LATENCY_RATE:-5000}"
LATENCY_RECORDS="${CLUSTER_LATENCY_RECORDS:-$((QUICK ? 15000 : 50000))}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$WORK_DIR/cluster-$STAMP"
RESULTS="$RUN_DIR/results.md"
# Every node of both brokers, controller-only ones included: 512 MiB fixed heap and G1 with Kafka's pause target.
HEAP="-Xms512m -Xmx512m"
JVM_OPTS="-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35"
TRIBUTARY_PORT=29200 # node N on 29200 + (N-1)*100, its controller listener one more (metrics on +312)
KAFKA_PORT=29210     # node N on 29210 + (N-1)*100, its controller listener one more
KAFKA_CLUSTER_ID="8VYQfD9LQLmi2f_-gVC9uw"
declare -A KAFKA_PIDS=()
TRIBUTARY_DIR=""

case "$LAYOUT" in
  combined) NODES=(1 2 3); BROKERS=(1 2 3); CONTROLLERS=(1 2 3) ;;
  separate) NODES=(1 2 3 4 5 6); BROKERS=(4 5 6); CONTROLLERS=(1 2 3) ;;
  *) echo "CLUSTER_LAYOUT is combined or separate, not '$LAYOUT'" >&2; exit 1 ;;
esac
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ && "$KILLS" =~ ^[0-9]+$ ]] || { echo "CLUSTER_ROUNDS >= 1, CLUSTER_KILLS >= 0" >&2; exit 1; }

log() { echo "[cluster-bench $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=lib/build.sh
source "$BENCH_DIR/lib/build.sh"

tool() { java -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-tools.properties" -cp "$KAFKA_LIB/*" "$@"; }
bench_tool() { java -cp "$BENCH_JAR" "$@"; }
client_port() { echo $(($1 + ($2 - 1) * 100)); } # BASE NODE
bootstrap() {
  local n list=()
  for n in "${BROKERS[@]}"; do list+=("127.0.0.1:$(client_port "$1" "$n")"); done
  (IFS=,; echo "${list[*]}")
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
is_in() { local x; for x in "${@:2}"; do [[ "$x" == "$1" ]] && return 0; done; return 1; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

tributary_cluster() {
  TRIBUTARY_HEAP_OPTS="$HEAP" TRIBUTARY_OPTS="$JVM_OPTS" TRIBUTARY_CLUSTER_PORT=$TRIBUTARY_PORT \
    "$REPO_ROOT/bin/tributary-cluster.sh" "$@" --dir "$TRIBUTARY_DIR"
}

stop_all() {
  if [[ -n "$TRIBUTARY_DIR" ]]; then
    tributary_cluster stop >/dev/null 2>&1 || true
    rm -rf "$TRIBUTARY_DIR"/node-*/data
    TRIBUTARY_DIR=""
  fi
  # Broker-only nodes first: a Kafka broker's controlled shutdown needs the controllers, and waits for them.
  local n
  for n in "${!KAFKA_PIDS[@]}"; do is_in "$n" "${CONTROLLERS[@]}" || kill "${KAFKA_PIDS[$n]}" 2>/dev/null || true; done
  for n in "${!KAFKA_PIDS[@]}"; do is_in "$n" "${CONTROLLERS[@]}" || wait "${KAFKA_PIDS[$n]}" 2>/dev/null || true; done
  for n in "${!KAFKA_PIDS[@]}"; do kill "${KAFKA_PIDS[$n]}" 2>/dev/null || true; done
  for n in "${!KAFKA_PIDS[@]}"; do wait "${KAFKA_PIDS[$n]}" 2>/dev/null || true; done
  KAFKA_PIDS=()
  rm -rf "$RUN_DIR"/kafka-*/node-*/data
}
trap stop_all EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --- Kafka: one server.properties per node, formatted once, started (and restarted after a kill) from it ---

write_kafka_config() {
  local n="$1" dir="$2" voters="$3" port
  port="$(client_port $KAFKA_PORT "$n")"
  mkdir -p "$dir"
  {
    echo "node.id=$n"
    echo "controller.quorum.voters=$voters"
    echo "controller.listener.names=CONTROLLER"
    echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
    echo "log.dirs=$dir/data"
    if ! is_in "$n" "${BROKERS[@]}"; then
      echo "process.roles=controller"
      echo "listeners=CONTROLLER://127.0.0.1:$((port + 1))"
    else
      if is_in "$n" "${CONTROLLERS[@]}"; then
        echo "process.roles=broker,controller"
        echo "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))"
      else
        echo "process.roles=broker"
        echo "listeners=PLAINTEXT://127.0.0.1:$port"
      fi
      echo "advertised.listeners=PLAINTEXT://127.0.0.1:$port"
      echo "inter.broker.listener.name=PLAINTEXT"
      echo "default.replication.factor=3"
      echo "min.insync.replicas=2"
      echo "offsets.topic.replication.factor=3"
      echo "transaction.state.log.replication.factor=3"
      echo "transaction.state.log.min.isr=2"
    fi
  } > "$dir/server.properties"
}

start_kafka_node() {
  local n="$1" dir="$RUN_DIR/$2/node-$1"
  # shellcheck disable=SC2086 # the option variables hold several flags each
  java $HEAP $JVM_OPTS -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-broker.properties" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties" >>"$dir/server.log" 2>&1 &
  KAFKA_PIDS[$n]=$!
}

start_kafka() {
  local name="$1" n voters=""
  for n in "${CONTROLLERS[@]}"; do voters+="${voters:+,}$n@127.0.0.1:$(($(client_port $KAFKA_PORT "$n") + 1))"; done
  for n in "${NODES[@]}"; do
    write_kafka_config "$n" "$RUN_DIR/$name/node-$n" "$voters"
    tool kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$RUN_DIR/$name/node-$n/server.properties" \
      >"$RUN_DIR/$name/node-$n/format.log" 2>&1 || die "kafka: formatting node $n failed"
  done
  for n in "${NODES[@]}"; do start_kafka_node "$n" "$name"; done
}

# --- both brokers ---

start_cluster() {
  local broker="$1" name="$2" n
  for n in "${NODES[@]}"; do
    local base=$KAFKA_PORT
    [[ "$broker" == tributary ]] && base=$TRIBUTARY_PORT
    if listening "$(client_port $base "$n")" || listening "$(($(client_port $base "$n") + 1))"; then
      die "a port of node $n ($(client_port $base "$n") or one more) is taken"
    fi
  done
  if [[ "$broker" == tributary ]]; then
    TRIBUTARY_DIR="$RUN_DIR/$name"
    local layout_args=()
    [[ "$LAYOUT" == separate ]] && layout_args=(--controllers 3 --brokers 3)
    tributary_cluster start "${layout_args[@]}" >"$RUN_DIR/$name-start.log" 2>&1 \
      || die "tributary: the cluster did not start, see $RUN_DIR/$name-start.log"
  else
    start_kafka "$name"
  fi
}

node_pid() {
  if [[ "$1" == tributary ]]; then cat "$TRIBUTARY_DIR/node-$2/server.pid"; else echo "${KAFKA_PIDS[$2]}"; fi
}

restart_node() {
  local broker="$1" name="$2" n="$3"
  if [[ "$broker" == tributary ]]; then
    # Once more on failure: tributary-cluster.sh can take a node that has not yet exec'd java for one that exited.
    tributary_cluster restart "$n" >>"$RUN_DIR/$name-restart.log" 2>&1 \
      || tributary_cluster restart "$n" >>"$RUN_DIR/$name-restart.log" 2>&1 \
      || die "tributary: node $n did not restart, see $RUN_DIR/$name-restart.log"
  else
    wait "${KAFKA_PIDS[$n]}" 2>/dev/null || true # reap the killed one
    start_kafka_node "$n" "$name"
  fi
}

create_topic() {
  local servers="$1" topic="$2" partitions="$3" out="$4" deadline=$((SECONDS + 300))
  until tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$servers" --create --topic "$topic" \
      --partitions "$partitions" --replication-factor 3 --config min.insync.replicas=2 >"$out" 2>&1; do
    (( SECONDS < deadline )) || die "topic $topic could not be created, see $out"
    sleep 1
  done
}

# The figure printed as "<N> ms 99th" on ProducerPerformance's last line.
p99_of() { tail -1 "$1" | grep -oE '[0-9.]+ ms 99th' | cut -d' ' -f1; }

# Produce at full speed, consume, then acks=all latency at a fixed rate (below both brokers' ceilings).
measure() {
  local name="$1" servers="$2" out="$RUN_DIR/$1"
  create_topic "$servers" bench "$PARTITIONS" "$out-create.log"
  # Created now so that its leaders are long settled when the latency run starts.
  create_topic "$servers" latency "$PARTITIONS" "$out-create-latency.log"
  log "$name: produce $RECORDS x $RECORD_SIZE B, acks=all, RF 3"
  tool org.apache.kafka.tools.ProducerPerformance --topic bench --num-records "$RECORDS" \
    --record-size "$RECORD_SIZE" --throughput -1 --producer-props bootstrap.servers="$servers" acks=all \
    linger.ms=5 batch.size=131072 > "$out-produce.log" 2>&1
  log "$name: consume"
  tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$servers" --topic bench \
    --messages "$RECORDS" --timeout 60000 > "$out-consume.log" 2>&1
  log "$name: acks=all latency, $LATENCY_RECORDS records at $LATENCY_RATE/s"
  tool org.apache.kafka.tools.ProducerPerformance --topic latency --num-records "$LATENCY_RECORDS" \
    --record-size "$RECORD_SIZE" --throughput "$LATENCY_RATE" --producer-props bootstrap.servers="$servers" \
    acks=all linger.ms=0 > "$out-latency.log" 2>&1
  PRODUCE="$(tail -1 "$out-produce.log" | sed -E 's/.*records\/sec \(([0-9.]+) MB\/sec\), ([0-9.]+) ms avg latency.*/\1 (avg \2 ms, p99 /')$(p99_of "$out-produce.log") ms)"
  # The fetch rate, without the group join (group.initial.rebalance.delay.ms, 3 s by default on both, and the join
  # itself): the join is a coordinator figure, not a read one; it is reported next to it.
  CONSUME="$(tail -1 "$out-consume.log" | awk -F', ' '{printf "%.1f (join %d ms)", $9, $7}')"
  LATENCY_P99="$(p99_of "$out-latency.log") ms"
}

# SIGKILLs the leader of one partition of a 3-partition topic KILLS times, restarting the node after each.
failover() {
  local broker="$1" name="$2" servers="$3" out="$RUN_DIR/$2-failover" k n pids="" killed
  FAILOVER_MS=()
  create_topic "$servers" failover 3 "$out-create.log"
  for k in $(seq 1 "$KILLS"); do
    pids=""
    for n in "${BROKERS[@]}"; do pids+="${pids:+,}$n=$(node_pid "$broker" "$n")"; done
    bench_tool io.tributary.bench.tools.FailoverTime --bootstrap-server "$servers" --topic failover \
      --pids "$pids" > "$out-$k.log" 2>"$out-$k.err" || true
    killed="$(sed -n 's/^failover.killed_node=//p' "$out-$k.log")"
    if grep -q '^failover.ms=' "$out-$k.log"; then
      FAILOVER_MS+=("$(sed -n 's/^failover.ms=//p' "$out-$k.log")")
      log "$name: kill $k of node $killed: $(grep -E '^failover.(ms|new_leader)=' "$out-$k.log" | tr '\n' ' ')"
    else
      log "$name: kill $k gave no figure, see $out-$k.log and $out-$k.err"
    fi
    # The next kill needs three replicas again (FailoverTime waits for full ISRs); after the last one, no need.
    if [[ -n "$killed" ]] && (( k < KILLS )); then restart_node "$broker" "$name" "$killed"; fi
  done
}

# min / median / max of the failover times, and how many kills gave one.
failover_summary() {
  (( ${#FAILOVER_MS[@]} > 0 )) || { echo "none of $KILLS"; return; }
  printf '%s\n' "${FAILOVER_MS[@]}" | sort -n | awk -v kills="$KILLS" '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
          printf "%d / %d / %d ms (%d of %d: %s)", v[1], m, v[NR], NR, kills, all }
    { all = all (NR > 1 ? ", " : "") $1 }'
}

run_cluster() {
  local broker="$1" round="$2" name="$1-r$2" load_start servers
  load_start="$(load_avg)"
  log "$name: starting $LAYOUT layout (load average $load_start)"
  start_cluster "$broker" "$name"
  if [[ "$broker" == tributary ]]; then servers="$(bootstrap $TRIBUTARY_PORT)"; else servers="$(bootstrap $KAFKA_PORT)"; fi
  measure "$name" "$servers"
  local failover_text="not measured"
  if [[ "$FAILOVER" == 1 && "$KILLS" -gt 0 ]]; then
    failover "$broker" "$name" "$servers"
    failover_text="$(failover_summary)"
  fi
  echo "| $broker | $round | $PRODUCE | $LATENCY_P99 | $CONSUME | $failover_text | $load_start / $(load_avg) |" \
    | tee -a "$RESULTS"
  stop_all
}

main() {
  build_everything
  mkdir -p "$RUN_DIR"
  {
    echo "# Clusters, $LAYOUT layout, run $STAMP"
    echo
    if [[ "$LAYOUT" == separate ]]; then
      echo "3 controller-only + 3 broker-only nodes of each (node ids 1-3 controllers, 4-6 brokers)."
    else
      echo "3 combined nodes of each (process.roles=broker,controller)."
    fi
    echo "Every node $HEAP, $JVM_OPTS. $(nproc) CPUs. Topic: $PARTITIONS partitions, RF 3, min.insync.replicas=2;"
    echo "$RECORDS x $RECORD_SIZE B produced with acks=all (linger.ms=5, batch.size=131072) and consumed;"
    echo "acks=all latency: $LATENCY_RECORDS records at $LATENCY_RATE/s (linger.ms=0); failover: $KILLS SIGKILLs of"
    echo "a partition leader (a broker, not the metadata quorum leader), time to the first acknowledged record sent"
    echo "after the kill, one record every 5 ms. Broker settings at their defaults otherwise."
    echo
    echo "| broker | round | produce MiB/s (avg, p99 latency) | p99 at $LATENCY_RATE/s | consume MiB/s (group join) | failover min / median / max | load avg start / end |"
    echo "|---|---:|---|---:|---:|---|---|"
  } > "$RESULTS"
  local round
  for round in $(seq 1 "$ROUNDS"); do
    run_cluster tributary "$round"
    run_cluster kafka "$round"
  done
  cp "$RESULTS" "$WORK_DIR/cluster-$STAMP.md"
  log "results: $WORK_DIR/cluster-$STAMP.md"
}

main
