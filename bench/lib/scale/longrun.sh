# Scale workload "longrun": a long steady produce/consume run with retention deleting segments all along:
# throughput and end-to-end p99 over time, the broker's RSS (flat, or it leaks), its CPU and its GC pauses.
# Point: 30min (quick: 1min); SCALE_LONGRUN_MINUTES sets another length (point "<N>min").
#
# One topic of 6 partitions with segment.bytes=64 MiB, retention.bytes=256 MiB (per partition) and
# compression.type=producer; both brokers check retention every 30 s (log.retention.check.interval.ms, Kafka's
# default is 5 minutes) so that retention deletes segments throughout the run rather than six times in it.
# LongRun (tributary-bench) sends 20,000 records of 1 KiB a second (about 20 MiB/s; acks=all, linger.ms=5,
# no compression) and reads them back as a consumer group member (subscribe), in one JVM.
#
# Series (series/longrun-...csv, every 10 s): produce and consume MiB/s, e2e p99 (send call to receipt) of the
# interval, the broker's RSS and CPU (cores), its log dir size (du), its longest GC pause of the interval and the
# heap in use after the interval's last young GC.
# Figures: produce_mib_per_s, consume_mib_per_s, e2e_p50_ms, e2e_p99_ms (whole run), rss_first_5min_mib and
# rss_last_5min_mib (means over the first and last 5 minutes, or third of a shorter run; quick: 20 s),
# heap_after_gc_first_5min_mib and heap_after_gc_last_5min_mib (the same windows), cpu_broker_s_per_gib,
# data_max_mib, gc_pause_max_ms, gc_pause_total_ms (during the run, not the broker's start-up), lost
# (acknowledged, never received: an error if not 0).
#
# RSS is not a leak detector on its own: with -Xms1g the heap is committed but touched only as G1 uses it, and G1
# enlarges the young generation during the run (its eden target went from 50 to 587 MiB within 5 minutes of this
# load on Tributary), so the RSS climbs by hundreds of MiB while the heap after GC stays flat. A leak on the heap
# shows in heap_after_gc_*; one off the heap in an RSS that keeps climbing once the young generation stops growing.

LONGRUN_TOPIC=scale-longrun
LONGRUN_RATE=20000
LONGRUN_RECORD_SIZE=1024

scale_longrun_points() {
  if [[ -n "${SCALE_LONGRUN_MINUTES:-}" ]]; then echo "${SCALE_LONGRUN_MINUTES}min"
  elif (( SCALE_QUICK )); then echo "1min"
  else echo "30min"; fi
}

scale_longrun_broker_properties() {
  echo "log.retention.check.interval.ms=30000"
}

scale_longrun_run() {
  local minutes="${POINT%min}" window
  [[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { point_error "unknown point $POINT"; return 1; }
  # The RSS windows: 5 minutes, a third of a shorter run (the quick run: the first and last 20 s).
  window=$(( minutes * 20 < 300 ? minutes * 20 : 300 ))
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --command-config "$CLIENT_CONFIG" \
    --create --topic "$LONGRUN_TOPIC" --partitions 6 --replication-factor 1 --config compression.type=producer \
    --config segment.bytes=67108864 --config retention.bytes=268435456 >>"$RUN_DIR/logs/$RUN-tools.log" 2>&1 \
    || { point_error "topic creation failed (see logs/$RUN-tools.log)"; return 1; }

  local out="$RUN_DIR/logs/$RUN-longrun.out" status
  log "$RUN: $minutes min at $LONGRUN_RATE x $LONGRUN_RECORD_SIZE B/s, produce and consume, retention on"
  timeout $(( minutes * 60 + 600 )) java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.tools.LongRun \
    --bootstrap-server "$BOOTSTRAP" --topic "$LONGRUN_TOPIC" --duration-s $(( minutes * 60 )) \
    --rate "$LONGRUN_RATE" --record-size "$LONGRUN_RECORD_SIZE" --broker-pid "$BROKER_PID" --gc-log "$GC_LOG" \
    --log-dir "$DATA_ROOT/$RUN" --series "$(series_file)" --interval-s 10 --rss-window-s "$window" \
    --clk-tck "$CLK_TCK" --command-config "$CLIENT_CONFIG" >"$out" 2>"$RUN_DIR/logs/$RUN-longrun.log"
  status=$?
  if ! grep -q '^lost=' "$out"; then
    point_error "LongRun failed with status $status: $(first_error "$RUN_DIR/logs/$RUN-longrun.log")"\
" (logs/$RUN-longrun.log)"
    return 1
  fi
  local name value
  for name in produce_mib_per_s consume_mib_per_s e2e_p50_ms e2e_p99_ms data_max_mib gc_pause_max_ms \
      gc_pause_total_ms lost; do
    point_figure "$name" "$(sed -n "s/^$name=//p" "$out")"
  done
  point_figure rss_first_5min_mib "$(sed -n 's/^rss_first_window_mib=//p' "$out")"
  point_figure rss_last_5min_mib "$(sed -n 's/^rss_last_window_mib=//p' "$out")"
  point_figure heap_after_gc_first_5min_mib "$(sed -n 's/^heap_after_gc_first_window_mib=//p' "$out")"
  point_figure heap_after_gc_last_5min_mib "$(sed -n 's/^heap_after_gc_last_window_mib=//p' "$out")"
  # The broker's CPU per GiB produced (each byte also read once): mean cores x seconds / GiB.
  value="$(awk -F= '/^broker_cpu_cores=/ { c = $2 } /^produce_mib_per_s=/ { p = $2 }
    END { if (c != "" && p > 0) printf "%.3f", c / (p / 1024) }' "$out")"
  point_figure cpu_broker_s_per_gib "$value"
  if [[ "$(sed -n 's/^lost=//p' "$out")" != 0 ]]; then
    point_error "acknowledged records lost: $(sed -n 's/^lost=//p' "$out") of $(sed -n 's/^acked=//p' "$out")"
  fi
  if [[ "$(sed -n 's/^send_failures=//p' "$out")" != 0 ]]; then
    point_error "$(sed -n 's/^send_failures=//p' "$out") sends failed (see logs/$RUN-longrun.log)"
  fi
  return 0
}
