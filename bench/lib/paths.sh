# Sourced first by run.sh, scale.sh and startup.sh (after setting BENCH_DIR): where the bench keeps its inputs and
# outputs, and the timestamp that names this run's folder.

REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="$BENCH_DIR/work"
KAFKA_LIB="$WORK_DIR/kafka-lib"
DATA_ROOT="$WORK_DIR/data"
BENCH_JAR="$REPO_ROOT/tributary-bench/target/benchmarks.jar"
TIMESTAMP="$(date -u +%Y%m%dT%H%M%SZ)"
