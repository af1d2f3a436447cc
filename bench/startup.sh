#!/usr/bin/env bash
#
# Command-line start-up side by side: launches Tributary (bin/tributary-server.sh) and Apache Kafka 4.3.1
# (kafka.Kafka after its storage format, which is timed apart) alternately, ROUNDS times each, and reports the time
# from launch to the first answered Metadata request (the start-up probe of bench/run.sh) as min / median / max and
# the ratio of medians. Same JVM flags and heap for both, as in bench/run.sh.
#
#   bench/startup.sh              5 rounds
#   ROUNDS=3 bench/startup.sh
#   BENCH_SECURITY=SSL bench/startup.sh    over TLS (see bench/run.sh)
#   BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/startup.sh    both brokers on that JDK
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/paths.sh
source "$BENCH_DIR/lib/paths.sh"
RUN_DIR="$WORK_DIR/startup-$TIMESTAMP"
FIGURES="$RUN_DIR/figures.properties"
ROUNDS="${ROUNDS:-5}"
BASE_PORT="${BENCH_PORT:-29092}"
MVN_FLAGS="${BENCH_MVN_FLAGS:-}"
TRIBUTARY_HOME="$REPO_ROOT"
KAFKA_CLUSTER_ID="8VYQfD9LQLmi2f_-gVC9uw"

log() { echo "[startup $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
figure() { echo "$1=$2" >>"$FIGURES"; }
fail_figure() { log "$1: $2 failed: $3"; }

# shellcheck source=lib/proc.sh
source "$BENCH_DIR/lib/proc.sh"
# shellcheck source=lib/build.sh
source "$BENCH_DIR/lib/build.sh"
# shellcheck source=lib/brokers.sh
source "$BENCH_DIR/lib/brokers.sh"
# shellcheck source=lib/security.sh
source "$BENCH_DIR/lib/security.sh"

trap 'stop_broker; rm -rf "$DATA_ROOT"' EXIT

stats() { # min median max of the numbers on stdin
  sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%d %d %d", v[1], v[int((NR + 1) / 2)], v[NR] }'
}

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/conf"
prepare_security # BENCH_SECURITY applies here too (the probe connects as bench/run.sh's does)
build_everything
"$REPO_ROOT/bin/tributary-server.sh" --prepare >/dev/null 2>&1 || die "bin/tributary-server.sh --prepare failed"
: >"$FIGURES"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for run in tributary kafka; do
    start_broker "$run" && grep "^$run.startup_ms=" "$FIGURES" | tail -n 1 | cut -d= -f2 >>"$RUN_DIR/$run.ms"
    stop_broker
    rm -rf "${DATA_ROOT:?}/$run"
  done
done
read -r t_min t_med t_max < <(stats <"$RUN_DIR/tributary.ms")
read -r k_min k_med k_max < <(stats <"$RUN_DIR/kafka.ms")
read -r f_min f_med f_max < <(grep '^kafka.storage_format_ms=' "$FIGURES" | cut -d= -f2 | stats)
{
  echo "start-up to first Metadata answer, $ROUNDS alternating rounds, load average $load_start at start,"\
       "$(cut -d' ' -f1-3 /proc/loadavg) at end, commit $(git -C "$REPO_ROOT" rev-parse --short HEAD)"
  echo "| broker | min ms | median ms | max ms |"
  echo "|---|---:|---:|---:|"
  echo "| Tributary | $t_min | $t_med | $t_max |"
  echo "| Kafka 4.3.1 | $k_min | $k_med | $k_max |"
  echo "| Kafka storage format (separate step, not included above) | $f_min | $f_med | $f_max |"
  awk -v t="$t_med" -v k="$k_med" 'BEGIN { printf "ratio of medians Tributary / Kafka: %.3f\n", t / k }'
} | tee "$WORK_DIR/startup-$TIMESTAMP.md"
