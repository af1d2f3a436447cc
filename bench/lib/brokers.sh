# Sourced by run.sh, scale.sh and startup.sh: configuring, starting (with the start-up probe) and stopping one broker at a time.

BROKER_PID=""
PROBE_PID=""
# The JVM both brokers run on: the same heap and the G1 settings of Kafka's start scripts.
BROKER_HEAP_OPTS="-Xms1g -Xmx1g"
BROKER_JVM_OPTS="-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
-XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true"

# Settings both brokers get: the rest stays at each broker's defaults (Kafka's defaults otherwise). The
# replication factors are the single-node values of Kafka's own sample config; the rebalance delay is that
# sample's 0 (as in the reference measurements) so the consume figure is not a fixed 3 s wait.
write_common_properties() {
  local file="$1" data_dir="$2"
  cat > "$file" <<PROPS
node.id=1
log.dirs=$data_dir
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  # BROKER_EXTRA_PROPERTIES (optional, one setting a line): what a scale workload sets on both brokers alike.
  [[ -n "${BROKER_EXTRA_PROPERTIES:-}" ]] && echo "$BROKER_EXTRA_PROPERTIES" >> "$file"
  return 0
}

write_tributary_properties() {
  local file="$1" data_dir="$2"
  write_common_properties "$file" "$data_dir"
  write_listener_properties "$file" "" ""
  # The metrics and health endpoint stays on (it is the default) but on a free port: on the default 9404 it is up or
  # not depending on whether another broker on the machine holds that port (one thread more or less in the figures),
  # and a bench broker holding it would keep another engineer's from serving it.
  echo "tributary.http.listener=http://127.0.0.1:0" >> "$file"
  # Tributary has no format step: the bootstrap user is written by the controller (docs/security.md).
  [[ "$SECURITY" == SASL_SSL ]] && echo "tributary.bootstrap.scram.credentials=$SCRAM_CREDENTIAL" >> "$file"
  return 0
}

write_kafka_properties() {
  local file="$1" data_dir="$2"
  local controller_protocol
  controller_protocol="$(kafka_controller_protocol)"
  write_common_properties "$file" "$data_dir"
  write_listener_properties "$file" "CONTROLLER://127.0.0.1:$CONTROLLER_PORT" "CONTROLLER:$controller_protocol"
  cat >> "$file" <<PROPS
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
PROPS
  [[ "$controller_protocol" == SSL ]] && echo "listener.name.controller.ssl.client.auth=required" >> "$file"
  return 0
}

# Each run listens on its own port (see BENCH_PORT in run.sh). Sets BROKER_PORT, CONTROLLER_PORT, ADMIN_PORT (the
# ACL admin's listener, BENCH_ACLS only) and BOOTSTRAP.
use_ports_of() {
  case "$1" in
    tributary) BROKER_PORT="$BASE_PORT" ;;
    kafka) BROKER_PORT=$(( BASE_PORT + 2 )) ;;
    *) BROKER_PORT=$(( BASE_PORT + 4 )) ;;
  esac
  CONTROLLER_PORT=$(( BROKER_PORT + 1 ))
  ADMIN_PORT=$(( BROKER_PORT + 100 ))
  BOOTSTRAP="127.0.0.1:$BROKER_PORT"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts the probe, then the broker; records start-up time, idle footprint. Returns non-zero if it never answered.
# With "keep" the broker restarts on the data it left (after kill_broker_hard): nothing is wiped or formatted.
# BROKER_EXTRA_JVM_OPTS (optional) goes to both brokers, e.g. a GC log; BROKER_START_TIMEOUT_MS (default 120000)
# bounds the wait for the first Metadata answer. Sets BROKER_LAUNCHED_MS, the epoch ms the broker was launched at.
# Usage: start_broker RUN_NAME [keep]   (tributary | tributary_durable | kafka)
start_broker() {
  local run="$1" keep="${2:-}" conf="$RUN_DIR/conf/$1.properties" data_dir="$DATA_ROOT/$1"
  local log_file="$RUN_DIR/logs/$1-broker.log"
  [[ "$keep" == keep ]] || rm -rf "$data_dir"
  mkdir -p "$data_dir" "$RUN_DIR/conf"
  use_ports_of "$run"
  if port_in_use "$BROKER_PORT" || { [[ "$run" == kafka ]] && port_in_use "$CONTROLLER_PORT"; } \
      || { (( ACL_COUNT > 0 )) && port_in_use "$ADMIN_PORT"; }; then
    fail_figure "$run" startup "port $BROKER_PORT, $CONTROLLER_PORT or $ADMIN_PORT is already in use"
    return 1
  fi
  if [[ "$keep" == keep ]]; then
    : # the config and (for Kafka) the formatted storage of the first start are used again
  elif [[ "$run" == kafka ]]; then
    write_kafka_properties "$conf" "$data_dir"
    local format_start scram=()
    # Kafka's way to the first SCRAM user: written into the metadata at format time.
    [[ "$SECURITY" == SASL_SSL ]] && scram=(--add-scram "$SCRAM_CREDENTIAL")
    format_start="$(now_ms)"
    java -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-tools.properties" -cp "$KAFKA_LIB/*" \
      kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$conf" "${scram[@]}" \
      >"$RUN_DIR/logs/kafka-format.log" 2>&1 \
      || { fail_figure "$run" startup "storage format failed (see logs/kafka-format.log)"; return 1; }
    figure "$run.storage_format_ms" "$(( $(now_ms) - format_start ))"
  else
    write_tributary_properties "$conf" "$data_dir"
  fi

  # The probe's JVM is started and warmed up before the broker is launched, so its own start-up is not counted.
  local probe_out="$RUN_DIR/probe-$run.out" waited=0
  java -cp "$BENCH_JAR" io.tributary.bench.tools.StartupProbe 127.0.0.1 "$BROKER_PORT" \
    "${BROKER_START_TIMEOUT_MS:-120000}" "$CLIENT_CONFIG" \
    >"$probe_out" 2>>"$RUN_DIR/logs/$run-probe.log" &
  PROBE_PID=$!
  until grep -q '^ready$' "$probe_out" 2>/dev/null; do
    if ! kill -0 "$PROBE_PID" 2>/dev/null || (( waited > 3000 )); then
      fail_figure "$run" startup "the start-up probe did not come up (see logs/$run-probe.log)"
      stop_broker
      return 1
    fi
    sleep 0.01
    waited=$(( waited + 1 ))
  done

  local launched
  launched="$(now_ms)"
  BROKER_LAUNCHED_MS="$launched"
  if [[ "$run" == kafka ]]; then
    # shellcheck disable=SC2086 # the option variables hold several flags each
    java $BROKER_HEAP_OPTS $BROKER_JVM_OPTS ${BROKER_EXTRA_JVM_OPTS:-} -Dlog4j2.configurationFile="$BENCH_DIR/kafka/log4j2-broker.properties" \
      -cp "$KAFKA_LIB/*" kafka.Kafka "$conf" >>"$log_file" 2>&1 &
  else
    local overrides=()
    [[ "$run" == tributary_durable ]] && overrides=(--override tributary.durable=true)
    TRIBUTARY_HEAP_OPTS="$BROKER_HEAP_OPTS" TRIBUTARY_OPTS="$BROKER_JVM_OPTS ${BROKER_EXTRA_JVM_OPTS:-} ${BENCH_TRIBUTARY_EXTRA_OPTS:-}" \
      "$TRIBUTARY_HOME/bin/tributary-server.sh" "$conf" "${overrides[@]}" >>"$log_file" 2>&1 &
  fi
  BROKER_PID=$!
  log "$run: broker pid $BROKER_PID, waiting for its first Metadata answer"

  # Stop waiting as soon as the broker dies rather than letting the probe run out its 120 s.
  while kill -0 "$PROBE_PID" 2>/dev/null && broker_alive; do sleep 0.05; done
  local probe_status=0
  broker_alive || kill "$PROBE_PID" 2>/dev/null
  wait "$PROBE_PID" || probe_status=$?
  PROBE_PID=""
  if (( probe_status != 0 )) || ! broker_alive; then
    fail_figure "$run" startup "no Metadata answer (see logs/$run-broker.log and logs/$run-probe.log)"
    stop_broker
    return 1
  fi
  local answered
  answered="$(tail -n 1 "$probe_out")"
  figure "$run.startup_ms" "$(( answered - launched ))"
  figure "$run.rss_idle_mib" "$(rss_mib "$BROKER_PID")"
  figure "$run.threads_idle" "$(thread_count "$BROKER_PID")"
  figure "$run.cpu_startup_s" "$(cpu_seconds 0 "$(cpu_ticks "$BROKER_PID")")"
  log "$run: answered Metadata $(( answered - launched )) ms after launch"
}

# SIGKILL, as a crash: the next start_broker RUN keep recovers from what is on disk.
kill_broker_hard() {
  [[ -n "$BROKER_PID" ]] || return 0
  kill -KILL "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=""
}

broker_alive() {
  [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null
}

# SIGTERM (clean shutdown), then SIGKILL after 60 s.
stop_broker() {
  if [[ -n "$PROBE_PID" ]]; then
    kill "$PROBE_PID" 2>/dev/null || true
    wait "$PROBE_PID" 2>/dev/null || true
    PROBE_PID=""
  fi
  [[ -n "$BROKER_PID" ]] || return 0
  if kill -0 "$BROKER_PID" 2>/dev/null; then
    kill -TERM "$BROKER_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$BROKER_PID" 2>/dev/null && (( waited < 600 )); do
      sleep 0.1
      waited=$(( waited + 1 ))
    done
    if kill -0 "$BROKER_PID" 2>/dev/null; then
      log "broker $BROKER_PID did not stop in 60 s; killing it"
      kill -KILL "$BROKER_PID" 2>/dev/null || true
    fi
  fi
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=""
}
