#!/usr/bin/env bash
#
# Embedded start/stop side by side: Tributary's EmbeddedTributary and Apache Kafka's KafkaClusterTestKit (one
# combined node), each in its own JVM, alternating, each JVM starting and closing CYCLES brokers after one cold
# start. Every start is timed to the first answered Metadata request; threads, file descriptors and direct memory
# are compared before and after the cycles. See docs/benchmarks.md ("Embedded broker start/stop").
#
#   bench/embedded.sh                 3 rounds x 100 cycles per broker
#   ROUNDS=1 CYCLES=20 bench/embedded.sh   quick smoke run
#
# Output: one JSON line per JVM on stdout and in bench/work/embedded-<timestamp>.jsonl.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
CYCLES="${CYCLES:-100}"
OUT_DIR="$REPO_ROOT/bench/work"
OUT="$OUT_DIR/embedded-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
CLASSPATH_FILE="$OUT_DIR/embedded-classpath.txt"
mkdir -p "$OUT_DIR"

# The harness lives in tributary-embedded/src/bench/java, compiled with Kafka's test kit only under this profile.
(cd "$REPO_ROOT" && mvn -q -B -ntp test-compile dependency:build-classpath -pl tributary-embedded -am \
    -Pkafka-testkit -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE") >&2
CP="$REPO_ROOT/tributary-embedded/target/test-classes:$REPO_ROOT/tributary-embedded/target/classes:$(cat "$CLASSPATH_FILE")"

JVM_FLAGS=(-Xmx1g -XX:+UseG1GC -Dlogback.configurationFile=/dev/null -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
for round in $(seq 1 "$ROUNDS"); do
  for kind in tributary kafka; do
    echo "round $round: $kind x $CYCLES" >&2
    java "${JVM_FLAGS[@]}" -cp "$CP" io.tributary.embedded.startstop.StartStopHarness "$kind" "$CYCLES" \
        2>"$OUT_DIR/embedded-$kind-$round.log" | grep '^{' | tee -a "$OUT"
  done
done
echo "results: $OUT" >&2
