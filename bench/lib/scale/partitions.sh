# Scale workload "partitions": one topic of 10, 100, 1,000 and 10,000 partitions (replication factor 1,
# compression.type=producer) under the same total load. Per point, on a fresh broker:
#  - the time to create it until every partition has a leader (create_ms; create_ack_ms when CreateTopics answered;
#    create_logs_ms when all its partition directories exist), then the idle footprint with it
#    (rss_with_partitions_mib, threads_with_partitions). A broker that refuses one request for them all (Kafka:
#    "Unable to perform excessively large batch operation", above 10,000 metadata records per operation, so at
#    10,000 partitions) gets them in steps of 5,000, CreateTopics then CreatePartitions (create_requests);
#  - 1 GiB of 1 KiB records (quick: 100 MiB) produced with kafka-producer-perf-test (its sticky partitioner spreads
#    the batches over all partitions): produce MiB/s, records/s, p99, broker CPU per GiB; then read back by
#    kafka-consumer-perf-test: consume MiB/s, CPU per GiB;
#  - the time to delete it until describeTopics says UNKNOWN_TOPIC_OR_PARTITION and a Metadata request no longer
#    lists it (delete_ms; delete_ack_ms when DeleteTopics answered; delete_logs_ms when no partition directory
#    TOPIC-P is left, renamed for removal or removed);
#  - GC pauses over the whole point.
# The times come from io.tributary.bench.tools.TopicTimer (an Admin client, polling every 10 ms, less often as
# the wait grows: at most 2% of it).

SCALE_PARTITIONS_TOPIC=scale-partitions

scale_partitions_points() {
  if (( SCALE_QUICK )); then echo "10 1000"; else echo "10 100 1000 10000"; fi
}

# The value of NAME from a TopicTimer output ("NAME=VALUE" lines).
topic_timer_value() {
  sed -n "s/^$1=//p" "$2" | tail -n 1
}

# Usage: topic_timer ACTION LOG ARGS... (create or delete); the timer's figures are recorded, its failure too.
topic_timer() {
  local action="$1" out="$2" name
  shift 2
  log "$RUN: $action topic $SCALE_PARTITIONS_TOPIC $*"
  bench_tool io.tributary.bench.tools.TopicTimer "$action" --bootstrap-server "$BOOTSTRAP" \
    --topic "$SCALE_PARTITIONS_TOPIC" --log-dir "$DATA_ROOT/$RUN" --command-config "$CLIENT_CONFIG" "$@" \
    >"$out" 2>&1
  local status=$?
  for name in "${action}_requests" "${action}_ack_ms" "${action}_ms" "${action}_logs_ms"; do
    [[ -n "$(topic_timer_value "$name" "$out")" ]] && point_figure "$name" "$(topic_timer_value "$name" "$out")"
  done
  [[ -n "$(topic_timer_value create_refused "$out")" ]] \
    && log "$RUN: one CreateTopics for all was refused ($(topic_timer_value create_refused "$out")): made in steps"
  if (( status != 0 )); then
    point_error "$action topic: TopicTimer failed with status $status: $(grep -m 1 'failed' "$out" | cut -c1-200)"\
" ($out)"
    return 1
  fi
}

scale_partitions_run() {
  local partitions="$POINT" size=1024 bytes records
  [[ "$partitions" =~ ^[1-9][0-9]*$ ]] || { point_error "unknown point $POINT"; return 1; }
  # The same load at every point: 1 GiB (quick: 100 MiB) of 1 KiB records.
  if (( SCALE_QUICK )); then bytes=$(( 100 * 1048576 )); else bytes=$(( 1024 * 1048576 )); fi
  records=$(( bytes / size ))

  topic_timer create "$RUN_DIR/logs/$RUN-topic-create.log" --partitions "$partitions" \
    --replication-factor 1 --topic-configs compression.type=producer || return 1
  point_figure rss_with_partitions_mib "$(rss_mib "$BROKER_PID")"
  point_figure threads_with_partitions "$(thread_count "$BROKER_PID")"

  perf_produce produce "$SCALE_PARTITIONS_TOPIC" "$records" "$size" none || return 1
  # At 10,000 partitions a consumer waits long for its first records (Kafka: 44 s after joining, once) and, on
  # Tributary, once 30 s between records: kafka-consumer-perf-test's default 30 s gave up on both. It may wait
  # 2 minutes here; the MiB/s include such waits.
  perf_consume consume "$SCALE_PARTITIONS_TOPIC" "$records" "$size" 120000 || return 1

  topic_timer delete "$RUN_DIR/logs/$RUN-topic-delete.log" || return 1
  gc_pause_figures
}
