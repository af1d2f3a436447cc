# Sourced by scale.sh: steps several scale workloads share. Each records its figures with point_figure.

# kafka-producer-perf-test at full speed, acks=all, linger.ms=5, batch.size=131072 (as bench/run.sh), recording
# PREFIX_mib_per_s, PREFIX_records_per_s, PREFIX_p99_ms and the broker's CPU per GiB (cpu_PREFIX_s_per_gib, and
# without its JIT threads cpu_PREFIX_no_jit_s_per_gib).
# Usage: perf_produce PREFIX TOPIC RECORDS RECORD_SIZE COMPRESSION
perf_produce() {
  local prefix="$1" topic="$2" records="$3" size="$4" compression="$5"
  local out="$RUN_DIR/logs/$RUN-$prefix.log" before after jit_before jit_after
  before="$(cpu_ticks "$BROKER_PID")"
  jit_before="$(jit_ticks "$BROKER_PID")"
  log "$RUN: produce $records x $size B to $topic, compression.type=$compression"
  producer_perf_test "$out" 1800 "$topic" "$records" "$size" "$compression"
  local status=$?
  after="$(cpu_ticks "$BROKER_PID" 2>/dev/null || echo "$before")"
  jit_after="$(jit_ticks "$BROKER_PID" 2>/dev/null || echo "$jit_before")"
  local summary
  summary="$(producer_perf_summary "$out")"
  if (( status != 0 )) || [[ -z "$summary" ]] || [[ "$(producer_perf_field sent "$summary")" != "$records" ]]; then
    point_error "$prefix: producer perf test failed with status $status: $(first_error "$out") ($out)"
    return 1
  fi
  point_figure "${prefix}_records_per_s" "$(producer_perf_field records_per_s "$summary")"
  point_figure "${prefix}_mib_per_s" "$(producer_perf_field mib_per_s "$summary")"
  point_figure "${prefix}_p99_ms" "$(producer_perf_field p99_ms "$summary")"
  point_figure "cpu_${prefix}_s_per_gib" "$(cpu_seconds_per_gib "$before" "$after" "$(( records * size ))")"
  point_figure "cpu_${prefix}_no_jit_s_per_gib" "$(cpu_seconds_per_gib "$(( before + jit_after ))" \
    "$(( after + jit_before ))" "$(( records * size ))")"
}

# kafka-consumer-perf-test over the whole topic with a new group, recording PREFIX_mib_per_s, PREFIX_records_per_s
# and cpu_PREFIX_s_per_gib. TIMEOUT_MS is the tool's --timeout, the longest it waits for a record (the first one
# included, so the group join and the first fetch of every partition too): 30000 unless given.
# Usage: perf_consume PREFIX TOPIC RECORDS RECORD_SIZE [TIMEOUT_MS]
perf_consume() {
  local prefix="$1" topic="$2" records="$3" size="$4" timeout_ms="${5:-30000}"
  local out="$RUN_DIR/logs/$RUN-$prefix.log" before after
  before="$(cpu_ticks "$BROKER_PID")"
  log "$RUN: consume $records records of $topic (new group)"
  timeout 1200 java -Xmx512m -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-tools.properties" \
    -cp "$KAFKA_LIB/*" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" \
    --command-config "$CLIENT_CONFIG" --topic "$topic" --num-records "$records" \
    --group "scale-$prefix-$$-$RANDOM" --timeout "$timeout_ms" >"$out" 2>&1
  local status=$?
  after="$(cpu_ticks "$BROKER_PID" 2>/dev/null || echo "$before")"
  local line
  line="$(grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}' "$out" | tail -n 1)"
  IFS=',' read -r _start _end _mb mb_per_s msgs msgs_per_s _rest <<<"$line"
  msgs="${msgs// /}"
  if (( status != 0 )) || [[ "$msgs" != "$records" ]]; then
    point_error "$prefix: consumer perf test read ${msgs:-no} of $records records, status $status:"\
" $(first_error "$out") ($out)"
    return 1
  fi
  point_figure "${prefix}_mib_per_s" "${mb_per_s// /}"
  point_figure "${prefix}_records_per_s" "${msgs_per_s// /}"
  point_figure "cpu_${prefix}_s_per_gib" "$(cpu_seconds_per_gib "$before" "$after" "$(( records * size ))")"
}

# The longest and the total GC pause in the point's GC log (-Xlog:gc, "Pause ... 12.345ms" lines), in ms.
gc_pause_figures() {
  [[ -f "$GC_LOG" ]] || return 0
  point_figure gc_pause_max_ms "$(grep -oE 'Pause.* ([0-9.]+)ms$' "$GC_LOG" | grep -oE '[0-9.]+ms$' | tr -d 'ms' \
    | awk 'BEGIN { m = 0 } { if ($1 > m) m = $1 } END { printf "%.2f", m }')"
  point_figure gc_pause_total_ms "$(grep -oE 'Pause.* ([0-9.]+)ms$' "$GC_LOG" | grep -oE '[0-9.]+ms$' | tr -d 'ms' \
    | awk '{ t += $1 } END { printf "%.1f", t }')"
}

# Records what a scale tool of tributary-bench wrote (io.tributary.bench.tools.Figures): each "metric=value" line
# with point_figure, each "error=message" line with point_error. Returns non-zero when the tool wrote nothing.
# Usage: record_tool_figures FILE TOOL_LOG
record_tool_figures() {
  local file="$1" tool_log="$2" name value
  if [[ ! -s "$file" ]]; then
    point_error "the tool wrote no figures: $(first_error "$tool_log") ($tool_log)"
    return 1
  fi
  while IFS='=' read -r name value; do
    case "$name" in
      error) point_error "$value ($tool_log)" ;;
      *) point_figure "$name" "$value" ;;
    esac
  done <"$file"
}
