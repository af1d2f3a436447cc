#!/usr/bin/env bash
#
# Three-node clusters side by side on this machine: Tributary (bin/tributary-cluster.sh) and Apache Kafka 4.3.1
# (three combined KRaft nodes), one cluster at a time, same heap and GC flags, same workload: a topic with
# replication factor 3 and min.insync.replicas=2, produced with acks=all and consumed with Kafka's perf tools.
# Run bench/run.sh once first (it builds Tributary and resolves Kafka into bench/work/kafka-lib).
#
#   bench/cluster.sh                       1,000,000 x 1 KiB records
#   BENCH_RECORDS=200000 bench/cluster.sh  short run
#
# Prints one line per figure and writes bench/work/cluster-<timestamp>.md. Clusters are always stopped on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="$BENCH_DIR/work"
KAFKA_LIB="$WORK_DIR/kafka-lib"
RECORDS="${BENCH_RECORDS:-1000000}"
RECORD_SIZE="${BENCH_RECORD_SIZE:-1024}"
PARTITIONS="${BENCH_PARTITIONS:-6}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$WORK_DIR/cluster-$STAMP"
HEAP="-Xms512m -Xmx512m"
JVM_OPTS="-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35"
TRIBUTARY_PORT=29200 # nodes on 29200/29300/29400 (Raft +1)
KAFKA_PORT=29210     # nodes on 29210/29310/29410 (controller +1)
KAFKA_PIDS=()

[[ -d "$KAFKA_LIB" ]] || { echo "No $KAFKA_LIB: run bench/run.sh once first" >&2; exit 1; }
mkdir -p "$RUN_DIR"
log() { echo "[cluster-bench $(date +%H:%M:%S)] $*" >&2; }
tool() { java -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-tools.properties" -cp "$KAFKA_LIB/*" "$@"; }
bootstrap() { echo "127.0.0.1:$1,127.0.0.1:$(($1 + 100)),127.0.0.1:$(($1 + 200))"; }

stop_all() {
  TRIBUTARY_CLUSTER_PORT=$TRIBUTARY_PORT "$REPO_ROOT/bin/tributary-cluster.sh" stop --dir "$RUN_DIR/tributary" \
    >/dev/null 2>&1 || true
  for pid in "${KAFKA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${KAFKA_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  KAFKA_PIDS=()
}
trap stop_all EXIT

start_kafka() {
  local n voters="" cluster_id="8VYQfD9LQLmi2f_-gVC9uw"
  for n in 1 2 3; do voters+="${voters:+,}$n@127.0.0.1:$((KAFKA_PORT + (n - 1) * 100 + 1))"; done
  for n in 1 2 3; do
    local port=$((KAFKA_PORT + (n - 1) * 100)) dir="$RUN_DIR/kafka/node-$n"
    mkdir -p "$dir"
    cat > "$dir/server.properties" <<PROPS
node.id=$n
process.roles=broker,controller
controller.quorum.voters=$voters
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
PROPS
    tool kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1
    # shellcheck disable=SC2086 # the option variables hold several flags each
    java $HEAP $JVM_OPTS -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-broker.properties" \
      -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties" >"$dir/server.log" 2>&1 &
    KAFKA_PIDS+=($!)
  done
}

# Creates the topic once all three brokers are registered, then measures produce and consume.
measure() {
  local name="$1" servers="$2" out="$RUN_DIR/$1" deadline=$((SECONDS + 120))
  until tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$servers" --create --topic bench \
      --partitions "$PARTITIONS" --replication-factor 3 --config min.insync.replicas=2 >"$out-create.log" 2>&1; do
    (( SECONDS < deadline )) || { echo "$name: topic creation failed, see $out-create.log" >&2; return 1; }
    sleep 1
  done
  log "$name: produce $RECORDS x $RECORD_SIZE B, acks=all, RF 3"
  tool org.apache.kafka.tools.ProducerPerformance --topic bench --num-records "$RECORDS" \
    --record-size "$RECORD_SIZE" --throughput -1 --producer-props bootstrap.servers="$servers" acks=all \
    linger.ms=5 batch.size=131072 > "$out-produce.log" 2>&1
  log "$name: consume"
  tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$servers" --topic bench \
    --messages "$RECORDS" --timeout 60000 > "$out-consume.log" 2>&1
  local produce consume
  produce="$(tail -1 "$out-produce.log" | sed -E 's/.*records\/sec \(([0-9.]+) MB\/sec\), ([0-9.]+) ms avg latency.*, ([0-9]+) ms 99th.*/\1 MiB\/s, avg \2 ms, p99 \3 ms/')"
  consume="$(tail -1 "$out-consume.log" | awk -F', ' '{print $4 " MiB/s"}')"
  echo "| $name | $produce | $consume |" | tee -a "$RUN_DIR/results.md"
}

echo "| cluster (3 nodes, RF 3, acks=all) | produce | consume |" > "$RUN_DIR/results.md"
echo "|---|---|---|" >> "$RUN_DIR/results.md"

log "tributary: starting three nodes"
TRIBUTARY_HEAP_OPTS="$HEAP" TRIBUTARY_OPTS="$JVM_OPTS" TRIBUTARY_CLUSTER_PORT=$TRIBUTARY_PORT \
  "$REPO_ROOT/bin/tributary-cluster.sh" start --dir "$RUN_DIR/tributary" >"$RUN_DIR/tributary-start.log" 2>&1
measure tributary "$(bootstrap $TRIBUTARY_PORT)"
stop_all

log "kafka: formatting and starting three nodes"
start_kafka
measure kafka "$(bootstrap $KAFKA_PORT)"
stop_all
cp "$RUN_DIR/results.md" "$WORK_DIR/cluster-$STAMP.md"
log "results: $WORK_DIR/cluster-$STAMP.md"
