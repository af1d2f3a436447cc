# Scale workload "fanout": one topic read by 1, 5 and 20 consumer groups at once. 1 GiB (quick: 100 MiB) of 1 KiB
# records is produced into a 6-partition topic first (perf_produce: its produce_* figures are recorded too), then
# io.tributary.bench.tools.FanOutConsumers starts one KafkaConsumer per group, each on its own thread, all together,
# and each reads the whole topic; every group must read every record exactly once (offsets contiguous up to the end
# offsets), else the point has an error. Before the measured read one throw-away group joins (first_join_ms): the
# first group on a fresh broker creates the offsets topic, a one-off cost that is not fan-out.
# Figures: fanout_mib_per_s (all groups' bytes over the time from the common start until the last group finished,
# their joins included), slowest_group_s, fastest_group_s, cpu_fanout_s_per_gib (the broker's CPU time over that same
# window, read from /proc by the tool as cpu_ticks does, per GiB served, i.e. groups x topic size), first_join_ms,
# GC pauses.

scale_fanout_points() {
  if (( SCALE_QUICK )); then echo "1 5"; else echo "1 5 20"; fi
}

scale_fanout_run() {
  local size=1024 bytes records groups="$POINT"
  if (( SCALE_QUICK )); then bytes=$(( 100 * 1048576 )); else bytes=$(( 1024 * 1048576 )); fi
  records=$(( bytes / size ))
  local out="$RUN_DIR/logs/$RUN-fanout.log" figures_file="$RUN_DIR/$RUN-fanout.properties"
  if ! create_topic "$RUN" scale-fanout 6; then
    point_error "topic creation failed (see logs/$RUN-tools.log)"
    return 1
  fi
  perf_produce produce scale-fanout "$records" "$size" none || return 1
  log "$RUN: $groups consumer groups read the $records records of scale-fanout at once"
  timeout 1800 java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.tools.FanOutConsumers \
    --bootstrap-server "$BOOTSTRAP" --topic scale-fanout --groups "$groups" --records "$records" \
    --timeout-seconds 1500 --broker-pid "$BROKER_PID" --clock-ticks "$CLK_TCK" --command-config "$CLIENT_CONFIG" \
    --output "$figures_file" >"$out" 2>&1
  local status=$?
  record_tool_figures "$figures_file" "$out" || return 1
  if (( status != 0 )); then
    grep -q '^error=' "$figures_file" \
      || point_error "FanOutConsumers exited with status $status: $(first_error "$out") ($out)"
    return 1
  fi
  gc_pause_figures
}
