#!/usr/bin/env bash
#
# Side-by-side benchmark of Tributary and Apache Kafka 4.3.1 on this machine, one broker at a time, same data
# disk, same settings. See docs/benchmarks.md for what each figure means.
#
#   bench/run.sh                          full run (2,000,000 x 1 KiB records; a few minutes per broker)
#   BENCH_RECORDS=200000 bench/run.sh     short smoke run
#
# Environment (all optional):
#   BENCH_RECORDS        records produced and consumed (default 2000000)
#   BENCH_RECORD_SIZE    bytes per record (default 1024)
#   BENCH_PARTITIONS     partitions of the produce/consume topic (default 6)
#   BENCH_E2E_RECORDS    measured records of the latency run (default 50000), BENCH_E2E_WARMUP (default 5000)
#   BENCH_E2E_RATE       records/s of the latency run (default 5000)
#   BENCH_RUNS           which brokers, in order (default "tributary kafka tributary_durable")
#   BENCH_PORT           first port (default 29092, below the ephemeral range so no client socket holds
#                        it): each run gets its own, so a port still held after
#                        one broker's shutdown never blocks the next (tributary +0, kafka +2 and its
#                        controller +3, tributary_durable +4)
#   BENCH_SECURITY       the clients' listener on both brokers: PLAINTEXT (default), SSL, or SASL_SSL (SCRAM-SHA-512)
#   BENCH_ACLS           0 (default: no authorizer) or a number of ACLs: the authorizer on, that many ACLs created
#                        before the workloads, the bench's clients not super users
#   BENCH_COMPRESSION    the producers' compression.type: none (default), gzip, snappy, lz4, zstd
#   BENCH_CONSUME_ROUNDS times the topic is read, each with a new group; the last round is reported (default 3)
#   BENCH_SKIP_BUILD=1   use the existing builds as they are
#   BENCH_JAVA_HOME      the JDK both brokers and the clients run on (default: java on the PATH)
#   BENCH_MVN_FLAGS      extra Maven flags for the builds, e.g. -o
#   BENCH_TRIBUTARY_HOME the Tributary tree whose build is run (default this one; bench/ab.sh sets it)
#   BENCH_PROFILE=cpu    profile both brokers with async-profiler; flame graphs RUN-cpu.html and RUN-cpu-threads.html
#                        in the run's folder (see docs/benchmarks.md, "Where the CPU goes")
#   BENCH_TRIBUTARY_EXTRA_OPTS  extra JVM flags for the Tributary broker only, e.g. a JFR recording:
#                        -XX:StartFlightRecording=filename=/tmp/t.jfr,settings=profile (Kafka's JVM is unchanged)
#
# Output: a table of Tributary / Kafka ratios on stdout and in bench/work/results-<timestamp>.md, raw figures in
# bench/work/results-<timestamp>.json, logs in bench/work/run-<timestamp>/logs. Brokers are always stopped on exit.
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/paths.sh
source "$BENCH_DIR/lib/paths.sh"
RUN_DIR="$WORK_DIR/run-$TIMESTAMP"
FIGURES="$RUN_DIR/figures.properties"

RECORDS="${BENCH_RECORDS:-2000000}"
RECORD_SIZE="${BENCH_RECORD_SIZE:-1024}"
PARTITIONS="${BENCH_PARTITIONS:-6}"
E2E_RECORDS="${BENCH_E2E_RECORDS:-50000}"
E2E_WARMUP="${BENCH_E2E_WARMUP:-5000}"
E2E_RATE="${BENCH_E2E_RATE:-5000}"
RUNS="${BENCH_RUNS:-tributary kafka tributary_durable}"
BASE_PORT="${BENCH_PORT:-29092}"
MVN_FLAGS="${BENCH_MVN_FLAGS:-}"
COMPRESSION="${BENCH_COMPRESSION:-none}"
CONSUME_ROUNDS="${BENCH_CONSUME_ROUNDS:-3}"
TRIBUTARY_HOME="${BENCH_TRIBUTARY_HOME:-$REPO_ROOT}"
# Fixed so the format step needs no extra JVM; any valid Kafka cluster id would do.
KAFKA_CLUSTER_ID="8VYQfD9LQLmi2f_-gVC9uw"
# Both brokers: 1 GiB fixed heap and the JVM flags of Kafka's start script (G1 with its pause target).

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
figure() { echo "$1=$2" >>"$FIGURES"; }
fail_figure() {
  log "$1: $2 failed: $3"
  figure "$1.$2.error" "$3"
}

# shellcheck source=lib/proc.sh
source "$BENCH_DIR/lib/proc.sh"
# shellcheck source=lib/build.sh
source "$BENCH_DIR/lib/build.sh"
# shellcheck source=lib/brokers.sh
source "$BENCH_DIR/lib/brokers.sh"
# shellcheck source=lib/workloads.sh
source "$BENCH_DIR/lib/workloads.sh"
# shellcheck source=lib/security.sh
source "$BENCH_DIR/lib/security.sh"
# shellcheck source=lib/profile.sh
source "$BENCH_DIR/lib/profile.sh"

cleanup() {
  stop_broker
  rm -rf "$DATA_ROOT"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# One broker's whole session: start, workloads, footprint after the run, stop, delete its data.
run_broker() {
  local run="$1"
  log "=== $run ==="
  BROKER_EXTRA_JVM_OPTS="$(profiler_opts "$run")" start_broker "$run" || return 0
  if create_acls "$run" && run_produce "$run" && [[ "$run" != tributary_durable ]]; then
    broker_alive && run_consume "$run"
    broker_alive && run_e2e "$run"
  fi
  if broker_alive; then
    figure "$run.rss_after_mib" "$(rss_mib "$BROKER_PID")"
    figure "$run.threads_after" "$(thread_count "$BROKER_PID")"
    figure "$run.cpu_total_s" "$(cpu_seconds 0 "$(cpu_ticks "$BROKER_PID")")"
  else
    fail_figure "$run" broker "the broker process exited during the run (see logs/$run-broker.log)"
  fi
  stop_broker
  flame_graphs "$run"
  rm -rf "${DATA_ROOT:?}/$run"
}

main() {
  command -v java >/dev/null || die "java is not on the PATH"
  command -v mvn >/dev/null || die "mvn is not on the PATH"
  mkdir -p "$RUN_DIR/logs" "$RUN_DIR/conf"
  case "$COMPRESSION" in none|gzip|snappy|lz4|zstd) ;; *) die "BENCH_COMPRESSION: none, gzip, snappy, lz4 or zstd" ;; esac
  [[ "$CONSUME_ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONSUME_ROUNDS must be 1 or more"
  [[ -x "$TRIBUTARY_HOME/bin/tributary-server.sh" ]] || die "no bin/tributary-server.sh in $TRIBUTARY_HOME"
  prepare_security
  prepare_profiler
  build_everything
  : >"$FIGURES"
  figure meta.timestamp "$TIMESTAMP"
  figure meta.records "$RECORDS"
  figure meta.record_size "$RECORD_SIZE"
  figure meta.partitions "$PARTITIONS"
  figure meta.e2e_rate_per_s "$E2E_RATE"
  figure meta.e2e_records "$E2E_RECORDS"
  figure meta.security "$SECURITY"
  figure meta.acls "$ACL_COUNT"
  figure meta.compression "$COMPRESSION"
  figure meta.consume_rounds "$CONSUME_ROUNDS"
  figure meta.cpus "$(nproc)"
  figure meta.cpu_model "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  figure meta.memory_gib "$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
  figure meta.java "$(java -version 2>&1 | head -n 1)"
  figure meta.git_commit "$(git -C "$TRIBUTARY_HOME" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  figure meta.tributary_home "$TRIBUTARY_HOME"
  figure meta.bench_commit "$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  figure meta.load_avg_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"

  local run
  for run in $RUNS; do
    run_broker "$run"
  done
  figure meta.load_avg_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"

  local json="$WORK_DIR/results-$TIMESTAMP.json" md="$WORK_DIR/results-$TIMESTAMP.md"
  {
    echo "# Tributary / Apache Kafka 4.3.1, run $TIMESTAMP"
    echo
    echo "$RECORDS records of $RECORD_SIZE B, $PARTITIONS partitions; end-to-end at $E2E_RATE records/s;"\
         "$(nproc) CPUs; load average at start $(grep load_avg_at_start "$FIGURES" | cut -d= -f2)."
    echo "Listener $SECURITY; ACLs $ACL_COUNT; compression.type=$COMPRESSION; consume figures of round"\
         "$CONSUME_ROUNDS of $CONSUME_ROUNDS."
    echo
    java -cp "$BENCH_JAR" io.tributary.bench.report.ResultsReport "$FIGURES" "$json"
    if grep -q '\.error=' "$FIGURES"; then
      echo
      echo "Steps without figures:"
      grep '\.error=' "$FIGURES" | sed -E 's/^([^.]+)\.([^.]+)\.error=/- \1 \2: /'
    fi
  } | tee "$md"
  log "raw figures: $json"
  log "table: $md"
}

main "$@"
