# Scale workload "recovery": a broker killed with SIGKILL while holding DATA over PARTITIONS partitions, then
# restarted on the same data. Points: 10GiB-1000p (quick: 500MiB-100p).
#
# The data is produced with kafka-producer-perf-test (1 KiB records, acks=all, no compression), the broker is
# killed at once (kill_broker_hard: no clean-shutdown marker, nothing flushed beyond what the broker had flushed
# itself) and started again on its data (start_broker RUN keep, which records the time to the first Metadata
# answer as the second RUN.startup_ms of the point). ReadableProbe then finds when every partition is readable:
# a leader in Metadata, ListOffsets latest answered and a fetch of the last record returned it.
#
# The page cache is not dropped, on purpose: a process kill leaves the kernel and its cache alone, so the data
# the broker wrote but did not fsync is still there (in memory, dirty or written back) and both brokers read it
# back from memory. This measures recovery after a process crash, not after a power loss (which would also lose
# whatever neither broker had fsynced; both leave fsync to the OS by default).
#
# Figures: produce_* (perf_produce), data_mib (the log dir on disk), restart_serving_ms (launch to the first
# Metadata answer), restart_all_readable_ms (launch to every partition readable), records_after_restart (sum of
# the latest offsets, must equal the records acknowledged: an error otherwise), cpu_restart_s (the broker's CPU
# from launch to its first Metadata answer).

RECOVERY_TOPIC=scale-recovery

scale_recovery_points() {
  if (( SCALE_QUICK )); then echo "500MiB-100p"; else echo "10GiB-1000p"; fi
}

scale_recovery_run() {
  local size="${POINT%%-*}" partitions="${POINT##*-}" bytes records
  partitions="${partitions%p}"
  case "$size" in
    *GiB) bytes=$(( ${size%GiB} * 1073741824 )) ;;
    *MiB) bytes=$(( ${size%MiB} * 1048576 )) ;;
    *) point_error "unknown point $POINT"; return 1 ;;
  esac
  records=$(( bytes / 1024 ))
  create_topic "$RUN" "$RECOVERY_TOPIC" "$partitions" || { point_error "topic creation failed"; return 1; }
  perf_produce produce "$RECOVERY_TOPIC" "$records" 1024 none || return 1
  point_figure data_mib "$(du -sm "$DATA_ROOT/$RUN" | cut -f1)"

  log "$RUN: SIGKILL with $size over $partitions partitions, then restart on the same data"
  kill_broker_hard
  # The probe's JVM is up before the broker is launched (and after the kill, so the killed broker never answers
  # it); it starts polling once start_broker has seen the first Metadata answer (no partition is readable before)
  # and prints the moment every partition is readable.
  local probe_out="$RUN_DIR/logs/$RUN-readable.out" start_file="$RUN_DIR/readable-start" probe_pid waited=0
  rm -f "$start_file"
  java -Xmx512m -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error \
    -cp "$BENCH_JAR" io.tributary.bench.tools.ReadableProbe --bootstrap-server "$BOOTSTRAP" \
    --topic "$RECOVERY_TOPIC" --partitions "$partitions" --expected-records "$records" \
    --start-file "$start_file" --command-config "$CLIENT_CONFIG" >"$probe_out" 2>"$RUN_DIR/logs/$RUN-readable.log" &
  probe_pid=$!
  until grep -q '^ready$' "$probe_out" 2>/dev/null; do
    if ! kill -0 "$probe_pid" 2>/dev/null || (( waited > 3000 )); then
      kill "$probe_pid" 2>/dev/null; wait "$probe_pid" 2>/dev/null
      point_error "the readable probe did not come up (see logs/$RUN-readable.log)"
      return 1
    fi
    sleep 0.01
    waited=$(( waited + 1 ))
  done

  # Its own GC log (the first start's would be overwritten); up to 15 minutes to the first Metadata answer.
  if ! BROKER_START_TIMEOUT_MS=900000 BROKER_EXTRA_JVM_OPTS="-Xlog:gc:file=${GC_LOG%.log}-restart.log:uptime,tags" \
      start_broker "$RUN" keep; then
    kill "$probe_pid" 2>/dev/null; wait "$probe_pid" 2>/dev/null
    return 1 # start_broker recorded why
  fi
  touch "$start_file"
  local launched="$BROKER_LAUNCHED_MS"
  point_figure restart_serving_ms "$(grep "^$RUN.startup_ms=" "$FIGURES" | tail -n 1 | cut -d= -f2)"
  point_figure cpu_restart_s "$(grep "^$RUN.cpu_startup_s=" "$FIGURES" | tail -n 1 | cut -d= -f2)"

  wait "$probe_pid"
  local probe_status=$? readable_at found
  readable_at="$(sed -n 's/^all_readable_epoch_ms=//p' "$probe_out")"
  found="$(sed -n 's/^records=//p' "$probe_out")"
  if [[ -z "$readable_at" ]]; then
    point_error "not every partition readable after the restart: $(sed -n 's/^readable_partitions=//p' \
"$probe_out") of $partitions (see logs/$RUN-readable.log)"
    return 1
  fi
  point_figure restart_all_readable_ms "$(( readable_at - launched ))"
  point_figure records_after_restart "$found"
  if (( probe_status != 0 )) || [[ "$found" != "$records" ]]; then
    point_error "acknowledged records lost: $found of $records after the restart"
  fi
  return 0
}
