# Sourced by run.sh and ab.sh: brings Tributary, the bench tools and Apache Kafka's jars up to date.

# Newest-wins check: rebuild when a main source or pom is newer than the server jar (tributary-bench and the
# integration tests do not go into the broker).
tributary_needs_build() {
  local server_jar="$REPO_ROOT/tributary-server/target/tributary-server-0.1.0-SNAPSHOT.jar"
  [[ -f "$server_jar" && -d "$REPO_ROOT/tributary-server/target/lib" ]] || return 0
  [[ -n "$(find "$REPO_ROOT" \( -path "$REPO_ROOT/bench" -o -path "$REPO_ROOT/tributary-bench" \
      -o -path "$REPO_ROOT/tributary-integration-tests" -o -name target -o -name .git \) -prune \
      -o \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$server_jar" -print -quit)" ]]
}

bench_tools_need_build() {
  [[ -f "$BENCH_JAR" ]] || return 0
  [[ -n "$(find "$REPO_ROOT/tributary-bench/src" "$REPO_ROOT/tributary-bench/pom.xml" \
      "$REPO_ROOT/tributary-storage/target/classes" -type f -newer "$BENCH_JAR" -print -quit 2>/dev/null)" ]]
}

# The reactor build of the given modules and what they need, in the given tree, nothing installed into ~/.m2 (so
# other checkouts never pick up this one's snapshots). Usage: build_modules TREE MODULES (comma-separated)
build_modules() {
  local tree="$1" modules="$2"
  # shellcheck disable=SC2086 # MVN_FLAGS holds several flags on purpose
  (cd "$tree" && mvn -q -B $MVN_FLAGS -DskipTests package -pl "$modules" -am)
}

build_everything() {
  if [[ "${BENCH_SKIP_BUILD:-0}" == 1 ]]; then
    log "BENCH_SKIP_BUILD=1: using the existing builds"
    [[ -f "$BENCH_JAR" ]] || die "$BENCH_JAR is missing; run without BENCH_SKIP_BUILD once"
  elif tributary_needs_build || bench_tools_need_build; then
    log "building Tributary and tributary-bench (mvn -q -B -DskipTests package -pl tributary-server,tributary-bench -am)"
    build_modules "$REPO_ROOT" tributary-server,tributary-bench || die "the build failed"
  fi
  if [[ ! -f "$KAFKA_LIB/.complete" ]]; then
    log "resolving Apache Kafka 4.3.1 into $KAFKA_LIB (bench/kafka/pom.xml)"
    rm -rf "$KAFKA_LIB"
    # shellcheck disable=SC2086
    mvn -q -B $MVN_FLAGS -f "$BENCH_DIR/kafka/pom.xml" dependency:copy-dependencies \
      || die "could not resolve Apache Kafka from Maven"
    touch "$KAFKA_LIB/.complete"
  fi
  # BENCH_JAVA_HOME: the JDK both brokers, Kafka's tools and the bench clients run on from here (the build above
  # keeps the default one). Tributary on JDK 25+ starts from an AOT cache instead of a class-data archive.
  if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then
    [[ -x "$BENCH_JAVA_HOME/bin/java" ]] || die "BENCH_JAVA_HOME=$BENCH_JAVA_HOME has no bin/java"
    export JAVA_HOME="$BENCH_JAVA_HOME" PATH="$BENCH_JAVA_HOME/bin:$PATH"
    log "running on $("$BENCH_JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
  fi
  # Tributary's one-time class-data archive is made now, so no measured start-up includes its creation.
  "$TRIBUTARY_HOME/bin/tributary-server.sh" --prepare || die "bin/tributary-server.sh --prepare failed"
}
