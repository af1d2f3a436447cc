#!/usr/bin/env bash
#
# Performance at scale, side by side: how throughput, latency, memory and recovery time of Tributary and Apache
# Kafka 4.3.1 grow with partitions, connections, consumer groups and data (issue 18). One broker at a time on this
# machine, the same settings as bench/run.sh; every point of every workload on a freshly started broker; the
# brokers alternate in order from round to round. See docs/benchmarks.md ("Performance at scale").
#
#   bench/scale.sh                         every workload, full sizes, 3 rounds
#   bench/scale.sh --quick                 every workload at smoke sizes, 1 round (a few minutes)
#   bench/scale.sh --rounds 5 partitions   one workload (or several), 5 rounds
#
# Workloads (bench/lib/scale/NAME.sh): partitions, connections, fanout, records, recovery, longrun.
# Environment: SCALE_POINTS="1000 10000" measures only those points of the workload(s) named; BENCH_SKIP_BUILD, BENCH_MVN_FLAGS, BENCH_JAVA_HOME, BENCH_PORT, BENCH_TRIBUTARY_EXTRA_OPTS as in
# bench/run.sh.
#
# Output: bench/work/scale-<timestamp>/: scale.md (min / median / max per broker and the ratio of medians),
# scale.json, PNG charts, figures.properties (raw), series/ (figures over time), points/*/logs.
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/paths.sh
source "$BENCH_DIR/lib/paths.sh"
SCALE_DIR="$WORK_DIR/scale-$TIMESTAMP"
SCALE_FIGURES="$SCALE_DIR/figures.properties"
SERIES_DIR="$SCALE_DIR/series"
BASE_PORT="${BENCH_PORT:-29092}"
MVN_FLAGS="${BENCH_MVN_FLAGS:-}"
TRIBUTARY_HOME="${BENCH_TRIBUTARY_HOME:-$REPO_ROOT}"
KAFKA_CLUSTER_ID="8VYQfD9LQLmi2f_-gVC9uw"
ALL_WORKLOADS="partitions connections fanout records recovery longrun"
SCALE_QUICK=0
ROUNDS=""
WORKLOADS=""
# Set per point for the workloads: RUN_DIR (the point's logs/ and conf/), WORKLOAD, POINT, ROUND, RUN, GC_LOG.
RUN_DIR="$SCALE_DIR"
FIGURES="$SCALE_DIR/startup.properties"
WORKLOAD="" POINT="" ROUND="" RUN="" GC_LOG=""

log() { echo "[scale $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# bench/lib/brokers.sh records its start-up figures through these; scale.sh keeps them per point.
figure() { echo "$1=$2" >>"$FIGURES"; }
fail_figure() {
  log "$1: $2 failed: $3"
  point_error "$2: $3"
}
meta() { echo "meta.$1=$2" >>"$SCALE_FIGURES"; }

# The workloads' way to record: point_figure METRIC VALUE (METRIC is [a-z0-9_]+, its suffix gives the unit:
# _mib_per_s, _records_per_s, _ms, _us, _mib, _s_per_gib, _s).
point_figure() {
  [[ -n "$2" ]] || { point_error "no value for $1"; return 0; }
  echo "$WORKLOAD.$POINT.$RUN.r$ROUND.$1=$2" >>"$SCALE_FIGURES"
}
point_error() {
  log "$WORKLOAD $POINT $RUN round $ROUND: $*"
  echo "$WORKLOAD.$POINT.$RUN.r$ROUND.error=$*" >>"$SCALE_FIGURES"
}
# The CSV a workload writes its figures over time to (header "seconds,METRIC,..."), one per point, broker and round.
series_file() {
  echo "$SERIES_DIR/$WORKLOAD-$POINT-$RUN-r$ROUND.csv"
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
# shellcheck source=lib/scale-common.sh
source "$BENCH_DIR/lib/scale-common.sh"
for workload_file in "$BENCH_DIR"/lib/scale/*.sh; do
  # shellcheck disable=SC1090
  source "$workload_file"
done

cleanup() {
  stop_broker
  rm -rf "$DATA_ROOT"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# The bench's own JVM tools (tributary-bench), with the clients' config.
bench_tool() {
  java -Xmx1g -cp "$BENCH_JAR" "$@"
}

# One point on a fresh broker: start (GC log on), the workload, footprint after it, stop, delete the data.
run_point() {
  RUN_DIR="$SCALE_DIR/points/$WORKLOAD-$POINT-$RUN-r$ROUND"
  FIGURES="$RUN_DIR/startup.properties"
  GC_LOG="$RUN_DIR/logs/$RUN-gc.log"
  mkdir -p "$RUN_DIR/logs" "$RUN_DIR/conf"
  log "=== $WORKLOAD $POINT: $RUN, round $ROUND ==="
  # A workload may set broker settings (both brokers alike) with scale_NAME_broker_properties.
  local extra_properties=""
  if declare -F "scale_${WORKLOAD}_broker_properties" >/dev/null; then
    extra_properties="$("scale_${WORKLOAD}_broker_properties")"
  fi
  BROKER_EXTRA_PROPERTIES="$extra_properties" BROKER_EXTRA_JVM_OPTS="-Xlog:gc:file=$GC_LOG:uptime,tags" \
    start_broker "$RUN" || return 0
  if "scale_${WORKLOAD}_run"; then
    if broker_alive; then
      point_figure rss_after_mib "$(rss_mib "$BROKER_PID")"
      point_figure threads_after "$(thread_count "$BROKER_PID")"
    else
      point_error "the broker process exited during the run (see $RUN_DIR/logs/$RUN-broker.log)"
    fi
  fi
  stop_broker
  rm -rf "${DATA_ROOT:?}/$RUN"
}

parse_args() {
  while (( $# > 0 )); do
    case "$1" in
      --quick) SCALE_QUICK=1 ;;
      --rounds) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a number"; ROUNDS="$2"; shift ;;
      -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}"; exit 0 ;;
      -*) die "unknown option $1 (see --help)" ;;
      *) [[ " $ALL_WORKLOADS " == *" $1 "* ]] || die "unknown workload $1: one of $ALL_WORKLOADS"
         WORKLOADS="$WORKLOADS $1" ;;
    esac
    shift
  done
  [[ -n "$WORKLOADS" ]] || WORKLOADS="$ALL_WORKLOADS"
  if [[ -z "$ROUNDS" ]]; then
    if (( SCALE_QUICK )); then ROUNDS=1; else ROUNDS=3; fi
  fi
}

main() {
  parse_args "$@"
  command -v java >/dev/null || die "java is not on the PATH"
  command -v mvn >/dev/null || die "mvn is not on the PATH"
  mkdir -p "$SCALE_DIR/conf" "$SERIES_DIR"
  prepare_security
  build_everything
  : >"$SCALE_FIGURES"
  meta timestamp "$TIMESTAMP"
  meta quick "$SCALE_QUICK"
  meta rounds "$ROUNDS"
  meta workloads "${WORKLOADS# }"
  meta cpus "$(nproc)"
  meta cpu_model "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  meta memory_gib "$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
  meta java "$(java -version 2>&1 | head -n 1)"
  meta heap "$BROKER_HEAP_OPTS"
  meta git_commit "$(git -C "$TRIBUTARY_HOME" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  meta load_avg_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"

  local order point
  for WORKLOAD in $WORKLOADS; do
    for (( ROUND = 1; ROUND <= ROUNDS; ROUND++ )); do
      # Alternating order: a machine that drifts during a workload does not favour one broker.
      if (( ROUND % 2 == 1 )); then order="tributary kafka"; else order="kafka tributary"; fi
      for RUN in $order; do
        for point in ${SCALE_POINTS:-$("scale_${WORKLOAD}_points")}; do
          POINT="$point"
          run_point
        done
      done
    done
  done
  meta load_avg_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"

  java -Djava.awt.headless=true -cp "$BENCH_JAR" io.tributary.bench.report.ScaleReport \
    "$SCALE_FIGURES" "$SERIES_DIR" "$SCALE_DIR" || die "the report failed"
  log "report: $SCALE_DIR/scale.md"
}

main "$@"
