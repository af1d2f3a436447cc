#!/usr/bin/env bash
# Share groups side by side (issue 17): RECORDS (default 200000) x 1 KiB on a 6-partition topic, then ten share
# consumers (kafka-share-consumer-perf-test --threads 10, implicit acknowledgement) read them all; prints the
# producer summary, the share consumers' summary and the group's start offsets. Needs bench/work/kafka-lib (bench/run.sh
# makes it) and a built tributary-server (mvn package -DskipTests).
#   bench/share.sh tributary 29492; bench/share.sh kafka 29592
set -uo pipefail
RUN="$1"; PORT="$2"; RECORDS="${RECORDS:-200000}"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; WT="$(cd "$BENCH_DIR/.." && pwd)"
KAFKA_LIB="${KAFKA_LIB:-$BENCH_DIR/work/kafka-lib}"; D="$BENCH_DIR/work/share-$RUN"; rm -rf "$D"; mkdir -p "$D/data"
LOG4J="-Dlog4j2.configurationFile=$WT/bench/kafka/log4j2-tools.properties"
tool() { java -Xmx512m $LOG4J -cp "$KAFKA_LIB/*" "$@"; }
cat > "$D/server.properties" <<P
node.id=1
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
log.dirs=$D/data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=10
group.initial.rebalance.delay.ms=0
P
if [[ "$RUN" == kafka ]]; then
  cat >> "$D/server.properties" <<P
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$((PORT+1))
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$((PORT+1))
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
P
  tool kafka.tools.StorageTool format -t "$(tool kafka.tools.StorageTool random-uuid)" -c "$D/server.properties" > "$D/format.log" 2>&1
  java -Xmx1g -Dlog4j2.configurationFile=$WT/bench/kafka/log4j2-broker.properties -cp "$KAFKA_LIB/*" kafka.Kafka "$D/server.properties" > "$D/broker.log" 2>&1 &
else
  echo "listeners=PLAINTEXT://127.0.0.1:$PORT" >> "$D/server.properties"
  TRIBUTARY_HEAP_OPTS="-Xmx1g" "$WT/bin/tributary-server.sh" "$D/server.properties" > "$D/broker.log" 2>&1 &
fi
PID=$!
for i in $(seq 1 120); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.5; done
sleep 2
B=127.0.0.1:$PORT
tool org.apache.kafka.tools.TopicCommand --bootstrap-server $B --create --topic sb --partitions 6 --replication-factor 1 > "$D/tools.log" 2>&1
tool org.apache.kafka.tools.ProducerPerformance --bootstrap-server $B --topic sb --num-records $RECORDS --record-size 1024 --throughput -1 --command-property acks=all linger.ms=5 batch.size=131072 > "$D/produce.log" 2>&1
tool kafka.admin.ConfigCommand --bootstrap-server $B --alter --entity-type groups --entity-name sb-share --add-config share.auto.offset.reset=earliest >> "$D/tools.log" 2>&1
start=$(date +%s%N)
tool org.apache.kafka.tools.ShareConsumerPerformance --bootstrap-server $B --topic sb --group sb-share --num-records $RECORDS --threads 10 --timeout 120000 --show-detailed-stats --reporting-interval 5000 > "$D/share.log" 2>&1
end=$(date +%s%N)
tool org.apache.kafka.tools.consumer.group.ShareGroupCommand --bootstrap-server $B --describe --group sb-share > "$D/describe.log" 2>&1
echo "$RUN: $(tail -1 "$D/produce.log")"
cat "$D/describe.log"
echo "$RUN share: $(tail -2 "$D/share.log" | tr '\n' ' ') wall=$(( (end-start)/1000000 )) ms"
kill $PID; wait $PID 2>/dev/null
