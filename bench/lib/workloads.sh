# Sourced by run.sh: the workloads, each recording its raw figures (or why it has none) for one run.

PERF_TOPIC=bench-perf
E2E_TOPIC=bench-e2e

# The first line of a tool's log that says what went wrong, for the results' list of steps without figures.
first_error() {
  grep -m 1 -E 'Exception|ERROR|does not support|WARNING' "$1" 2>/dev/null | cut -c1-200 | tr -d '\r'
}

kafka_tool() {
  java -Xmx512m -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-tools.properties" -cp "$KAFKA_LIB/*" "$@"
}

create_topic() {
  local run="$1" topic="$2" partitions="$3"
  # compression.type=producer (Kafka's default, said explicitly): batches are stored as the producer sent them.
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --command-config "$CLIENT_CONFIG" \
    --create --topic "$topic" --partitions "$partitions" --replication-factor 1 --config compression.type=producer \
    >>"$RUN_DIR/logs/$run-tools.log" 2>&1
}

# kafka-producer-perf-test; its MB are MiB (bytes / 1024 / 1024). The final summary line looks like
# "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, P50 ms 50th, ...".
# kafka-producer-perf-test as every produce workload runs it: RECORDS x SIZE B to TOPIC, acks=all, linger.ms=5,
# batch.size=131072, the given compression.type, output to OUT, at most TIMEOUT_S seconds; its exit status.
# Usage: producer_perf_test OUT TIMEOUT_S TOPIC RECORDS SIZE COMPRESSION
producer_perf_test() {
  local out="$1" timeout_s="$2" topic="$3" records="$4" size="$5" compression="$6"
  timeout "$timeout_s" java -Xmx512m -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-tools.properties" \
    -cp "$KAFKA_LIB/*" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$BOOTSTRAP" \
    --topic "$topic" --num-records "$records" --record-size "$size" --throughput -1 \
    --command-config "$CLIENT_CONFIG" \
    --command-property acks=all linger.ms=5 batch.size=131072 "compression.type=$compression" >"$out" 2>&1
}

# The final summary line of a producer_perf_test output ("N records sent, ..."), empty if there is none.
producer_perf_summary() {
  grep -E '^[0-9]+ records sent,' "$1" | tail -n 1
}

# One figure of that summary line: sent, records_per_s, mib_per_s, avg_ms or p99_ms.
producer_perf_field() {
  case "$1" in
    sent) sed -E 's/^([0-9]+) records sent.*/\1/' <<<"$2" ;;
    records_per_s) sed -E 's/.*sent, ([0-9.]+) records\/sec.*/\1/' <<<"$2" ;;
    mib_per_s) sed -E 's/.*\(([0-9.]+) MB\/sec\).*/\1/' <<<"$2" ;;
    avg_ms) sed -E 's/.*MB\/sec\), ([0-9.]+) ms avg latency.*/\1/' <<<"$2" ;;
    p99_ms) sed -E 's/.* ([0-9.]+) ms 99th.*/\1/' <<<"$2" ;;
    *) die "producer_perf_field: unknown field $1" ;;
  esac
}

run_produce() {
  local run="$1" out="$RUN_DIR/logs/$1-produce.log"
  if ! create_topic "$run" "$PERF_TOPIC" "$PARTITIONS"; then
    fail_figure "$run" produce "topic creation failed (see logs/$run-tools.log)"
    return 1
  fi
  local before after jit_before jit_after sys_before sys_after
  before="$(cpu_ticks "$BROKER_PID")"
  jit_before="$(jit_ticks "$BROKER_PID")"
  sys_before="$(sys_ticks "$BROKER_PID")"
  log "$run: produce $RECORDS x $RECORD_SIZE B, acks=all, linger.ms=5, batch.size=131072," \
      "compression.type=$COMPRESSION, $SECURITY"
  producer_perf_test "$out" 1200 "$PERF_TOPIC" "$RECORDS" "$RECORD_SIZE" "$COMPRESSION"
  local status=$?
  after="$(cpu_ticks "$BROKER_PID" 2>/dev/null || echo "$before")"
  jit_after="$(jit_ticks "$BROKER_PID" 2>/dev/null || echo "$jit_before")"
  sys_after="$(sys_ticks "$BROKER_PID" 2>/dev/null || echo "$sys_before")"
  local summary
  summary="$(producer_perf_summary "$out")"
  if (( status != 0 )) || [[ -z "$summary" ]]; then
    fail_figure "$run" produce "producer perf test failed with status $status: $(first_error "$out")"\
" (logs/$run-produce.log)"
    return 1
  fi
  local sent
  sent="$(producer_perf_field sent "$summary")"
  if (( sent != RECORDS )); then
    fail_figure "$run" produce "only $sent of $RECORDS records sent (see logs/$run-produce.log)"
    return 1
  fi
  figure "$run.produce.records_per_s" "$(producer_perf_field records_per_s "$summary")"
  figure "$run.produce.mib_per_s" "$(producer_perf_field mib_per_s "$summary")"
  figure "$run.produce.avg_latency_ms" "$(producer_perf_field avg_ms "$summary")"
  figure "$run.produce.p99_latency_ms" "$(producer_perf_field p99_ms "$summary")"
  figure "$run.produce.cpu_s" "$(cpu_seconds "$before" "$after")"
  figure "$run.cpu.produce_s_per_gib" "$(cpu_seconds_per_gib "$before" "$after" "$(( RECORDS * RECORD_SIZE ))")"
  # The same without the JIT compiler threads: in a run of a few GiB the broker's warm-up is a large share.
  figure "$run.cpu.produce_no_jit_s_per_gib" "$(cpu_seconds_per_gib "$(( before + jit_after ))" \
    "$(( after + jit_before ))" "$(( RECORDS * RECORD_SIZE ))")"
  # The kernel's part (copies into the page cache, socket reads): a floor no user-space change removes.
  figure "$run.cpu.produce_sys_s_per_gib" "$(cpu_seconds_per_gib "$sys_before" "$sys_after" "$(( RECORDS * RECORD_SIZE ))")"
}

# kafka-consumer-perf-test (it uses a consumer group), CONSUME_ROUNDS times over the whole topic, each round with
# a new group: the first rounds warm the broker up (JIT, the offsets topic), the last one is reported under the
# usual names; every round's rate and CPU per GiB are kept as consume.round_N.*.
run_consume() {
  local run="$1" round
  for (( round = 1; round <= CONSUME_ROUNDS; round++ )); do
    broker_alive || return 1
    consume_round "$run" "$round" || return 1
  done
}

# Its last line is
# "start, end, MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec".
consume_round() {
  local run="$1" round="$2" out="$RUN_DIR/logs/$1-consume-$2.log"
  local before after sys_before sys_after
  before="$(cpu_ticks "$BROKER_PID")"
  sys_before="$(sys_ticks "$BROKER_PID")"
  log "$run: consume $RECORDS records with kafka-consumer-perf-test (new group), round $round of $CONSUME_ROUNDS"
  timeout 600 java -Xmx512m -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-tools.properties" \
    -cp "$KAFKA_LIB/*" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" \
    --command-config "$CLIENT_CONFIG" --topic "$PERF_TOPIC" --num-records "$RECORDS" \
    --group "bench-consumer-$run-$$-$round" --timeout 30000 >"$out" 2>&1
  local status=$?
  after="$(cpu_ticks "$BROKER_PID" 2>/dev/null || echo "$before")"
  sys_after="$(sys_ticks "$BROKER_PID" 2>/dev/null || echo "$sys_before")"
  local line
  line="$(grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}' "$out" | tail -n 1)"
  if (( status != 0 )) || [[ -z "$line" ]]; then
    fail_figure "$run" consume "round $round: consumer perf test failed with status $status: $(first_error "$out")"\
" (logs/$run-consume-$round.log)"
    return 1
  fi
  IFS=',' read -r _start _end mb mb_per_s msgs msgs_per_s rebalance_ms fetch_ms fetch_mb_per_s _rest <<<"$line"
  msgs="${msgs// /}"
  if [[ "$msgs" != "$RECORDS" ]]; then
    fail_figure "$run" consume "round $round read ${msgs:-no} records of $RECORDS: $(first_error "$out")"\
" (logs/$run-consume-$round.log)"
    return 1
  fi
  local per_gib
  per_gib="$(cpu_seconds_per_gib "$before" "$after" "$(( RECORDS * RECORD_SIZE ))")"
  figure "$run.consume.round_$round.mib_per_s" "${mb_per_s// /}"
  figure "$run.consume.round_$round.cpu_s_per_gib" "$per_gib"
  (( round == CONSUME_ROUNDS )) || return 0
  figure "$run.consume.mib_per_s" "${mb_per_s// /}"
  figure "$run.consume.records_per_s" "${msgs_per_s// /}"
  figure "$run.consume.rebalance_ms" "${rebalance_ms// /}"
  figure "$run.consume.fetch_only_mib_per_s" "${fetch_mb_per_s// /}"
  figure "$run.consume.cpu_s" "$(cpu_seconds "$before" "$after")"
  figure "$run.cpu.consume_s_per_gib" "$per_gib"
  figure "$run.cpu.consume_sys_s_per_gib" "$(cpu_seconds_per_gib "$sys_before" "$sys_after" "$(( RECORDS * RECORD_SIZE ))")"
}

# Fixed-rate end-to-end latency with the bench module's tool (assign(), so no consumer group needed).
run_e2e() {
  local run="$1" out="$RUN_DIR/logs/$1-e2e.log" json="$RUN_DIR/$1-e2e.json"
  if ! create_topic "$run" "$E2E_TOPIC" 1; then
    fail_figure "$run" e2e "topic creation failed (see logs/$run-tools.log)"
    return 1
  fi
  log "$run: end-to-end latency, $E2E_RECORDS records at $E2E_RATE/s (+$E2E_WARMUP warm-up), acks=all"
  timeout 600 java -Xmx512m -cp "$BENCH_JAR" io.tributary.bench.tools.EndToEndLatency \
    --bootstrap-server "$BOOTSTRAP" --topic "$E2E_TOPIC" --records "$E2E_RECORDS" \
    --warmup-records "$E2E_WARMUP" --rate "$E2E_RATE" --record-size "$RECORD_SIZE" --acks all \
    --compression-type "$COMPRESSION" --command-config "$CLIENT_CONFIG" --output "$json" >"$out" 2>&1
  local status=$?
  if [[ ! -s "$json" ]]; then
    fail_figure "$run" e2e "latency tool failed with status $status (see logs/$run-e2e.log)"
    return 1
  fi
  local name
  for name in p50_us p99_us p999_us max_us lost achieved_rate_per_s; do
    figure "$run.e2e.$name" "$(grep -oE "\"$name\": [0-9.]+" "$json" | sed -E 's/.*: //')"
  done
  if (( status != 0 )); then
    figure "$run.e2e.error" "records lost: $(grep -oE '"lost": [0-9]+' "$json")"
  fi
}
