# Scale workload "connections": 10, 1,000 and 5,000 client connections, most of them idle, some producing. Of the N
# clients, 10 are KafkaProducers (acks=all, linger.ms=0, 1 KiB records) sending 2,000 records/s in all, measured
# for 60 s (quick: 15 s) after a 10 s (quick: 5 s) warm-up; the other N - 10 connect, ask ApiVersions and Metadata
# as a client does, then stay open sending nothing (io.tributary.bench.tools.ConnectionsLoad holds them with NIO on
# one thread). At 10 every client produces and none is idle. A KafkaProducer holds its bootstrap connection as well
# as the one to the broker, so the broker sees up to 10 more sockets than the point says.
# Figures: connect_ms (all idle clients up, 100 connecting at a time; none at 10), active_p50_ms, active_p99_ms,
# active_p999_ms, active_max_ms (send to acknowledgement), active_records_per_s (the rate achieved),
# rss_connected_mib and threads_connected (the broker's /proc at the end of the measured window, every connection
# open), cpu_idle_connections_s (the broker's CPU seconds in the measured window) and cpu_idle_connections_no_jit_s
# (the same without its JIT compiler threads: the broker was started for the point), GC pauses. An idle connection
# the broker closed, a failed or unanswered send is an error of the point. Series: the longest send-to-ack latency
# and the acknowledgements per second of sending, warm-up included (a stall shows as one second's maximum).

scale_connections_points() {
  if (( SCALE_QUICK )); then echo "10 1000"; else echo "10 1000 5000"; fi
}

scale_connections_run() {
  local warmup=10 seconds=60
  if (( SCALE_QUICK )); then warmup=5; seconds=15; fi
  local out="$RUN_DIR/logs/$RUN-connections.log" figures_file="$RUN_DIR/$RUN-connections.properties"
  if ! create_topic "$RUN" scale-connections 6; then
    point_error "topic creation failed (see logs/$RUN-tools.log)"
    return 1
  fi
  log "$RUN: $POINT clients (10 producing 2000 records/s of 1 KiB, the rest idle), ${warmup} s warm-up, ${seconds} s"
  timeout $(( warmup + seconds + 900 )) java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.tools.ConnectionsLoad \
    --bootstrap-server "$BOOTSTRAP" --topic scale-connections --connections "$POINT" --active 10 --rate 2000 \
    --record-size 1024 --warmup-seconds "$warmup" --seconds "$seconds" --connect-concurrency 100 \
    --broker-pid "$BROKER_PID" --clock-ticks "$CLK_TCK" --command-config "$CLIENT_CONFIG" \
    --output "$figures_file" --series "$(series_file)" >"$out" 2>&1
  local status=$?
  record_tool_figures "$figures_file" "$out" || return 1
  (( status == 0 )) || grep -q '^error=' "$figures_file" \
    || point_error "ConnectionsLoad exited with status $status: $(first_error "$out") ($out)"
  gc_pause_figures
}
