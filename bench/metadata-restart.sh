#!/usr/bin/env bash
#
# Restart time after a long metadata history (issue 16): generates RECORDS metadata records (topics created and
# deleted, configs changed; see MetadataRestartTime) into a single node's metadata log twice, once never
# snapshotted (every start replays the whole log, as before snapshots) and once with Kafka's default snapshot
# policy, then restarts the metadata controller ROUNDS times on each, one fresh JVM per restart, and reports the
# milliseconds from opening the log to the whole image, wall clock and process CPU (min / median / max).
#
#   bench/metadata-restart.sh                  1,000,000 records, 5 rounds
#   RECORDS=200000 ROUNDS=3 bench/metadata-restart.sh
#
# The logs are written under $DATA_DIR (default /dev/shm when it exists: each batch is fsynced, which on a disk
# would make the generation take hours; the restart reads from the page cache either way).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_JAR="$REPO_ROOT/tributary-bench/target/benchmarks.jar"
RECORDS="${RECORDS:-1000000}"
ROUNDS="${ROUNDS:-5}"
if [[ -d /dev/shm ]]; then DEFAULT_DATA=/dev/shm; else DEFAULT_DATA="$BENCH_DIR/work"; fi
DATA_DIR="${DATA_DIR:-$DEFAULT_DATA}/tributary-metadata-restart-$$"
JVM_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC"

log() { echo "[metadata-restart $(date +%H:%M:%S)] $*" >&2; }

if [[ ! -f "$BENCH_JAR" || "${BENCH_REBUILD:-1}" == 1 ]]; then
  log "building tributary-bench"
  (cd "$REPO_ROOT" && mvn -B -ntp -q package -pl tributary-bench -am -DskipTests)
fi
trap 'rm -rf "$DATA_DIR"' EXIT
tool() { java $JVM_OPTS -cp "$BENCH_JAR" io.tributary.bench.tools.MetadataRestartTime "$@"; }

for mode in full snapshots; do
  log "$mode: generating $RECORDS records"
  tool generate "$DATA_DIR/$mode" "$RECORDS" "$mode" | sed "s/^/$mode./"
  times=()
  cpus=()
  for round in $(seq 1 "$ROUNDS"); do
    out="$(tool restart "$DATA_DIR/$mode" "$mode")"
    ms="$(grep '^restart.ms=' <<<"$out" | cut -d= -f2)"
    cpu="$(grep '^restart.process_cpu_ms=' <<<"$out" | cut -d= -f2)"
    log "$mode: restart $round: $ms ms, $cpu ms CPU ($(grep '^restart.live_topics=' <<<"$out" | cut -d= -f2) live topics)"
    times+=("$ms")
    cpus+=("$cpu")
  done
  summary() {
    local name="$1"; shift
    local sorted=($(printf '%s\n' "$@" | sort -n))
    echo "$mode.$name.min=${sorted[0]}"
    echo "$mode.$name.median=${sorted[$(( ${#sorted[@]} / 2 ))]}"
    echo "$mode.$name.max=${sorted[-1]}"
  }
  summary restart_ms "${times[@]}"
  summary restart_cpu_ms "${cpus[@]}"
done
