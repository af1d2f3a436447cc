# Sourced by run.sh: BENCH_PROFILE=cpu records where each broker's CPU goes, with async-profiler 4.1 (the usual
# low-overhead JVM sampling profiler; resolved from Maven Central by bench/profiler/pom.xml, bench-only), and renders
# flame graphs as HTML next to the run's figures. Both brokers are profiled the same way.

PROFILE="${BENCH_PROFILE:-}"
PROFILER_DIR="$WORK_DIR/profiler"

prepare_profiler() {
  [[ -n "$PROFILE" ]] || return 0
  [[ "$PROFILE" == cpu ]] || die "BENCH_PROFILE must be cpu (or unset)"
  if [[ ! -f "$PROFILER_DIR/libasyncProfiler.so" ]]; then
    log "resolving async-profiler into $PROFILER_DIR (bench/profiler/pom.xml)"
    # shellcheck disable=SC2086
    mvn -q -B $MVN_FLAGS -f "$BENCH_DIR/profiler/pom.xml" dependency:copy-dependencies \
      || die "could not resolve async-profiler from Maven"
    unzip -o -j -q "$PROFILER_DIR"/async-profiler-*.jar linux-x64/libasyncProfiler.so -d "$PROFILER_DIR" \
      || die "could not unpack libasyncProfiler.so"
  fi
}

# The agent flag for one broker's run: CPU samples every 1 ms of each thread's CPU time (ctimer: per-thread timers,
# so parallel threads are all sampled and no perf_events access is needed), written as JFR when the JVM exits.
profiler_opts() {
  [[ -n "$PROFILE" ]] || return 0
  echo "-agentpath:$PROFILER_DIR/libasyncProfiler.so=start,event=ctimer,interval=1ms,file=$RUN_DIR/$1-cpu.jfr"
}

# After the broker stopped: RUN-cpu.html (all threads merged) and RUN-cpu-threads.html (one tower per thread).
flame_graphs() {
  local run="$1" jfr="$RUN_DIR/$1-cpu.jfr" converter
  [[ -n "$PROFILE" ]] || return 0
  [[ -s "$jfr" ]] || { log "$run: no profile was written ($jfr)"; return 0; }
  converter="$(ls "$PROFILER_DIR"/jfr-converter-*.jar)"
  java -jar "$converter" --cpu --title "$run: broker CPU, whole run" "$jfr" "$RUN_DIR/$run-cpu.html" \
    >>"$RUN_DIR/logs/profiler.log" 2>&1
  java -jar "$converter" --cpu --threads --title "$run: broker CPU by thread, whole run" "$jfr" \
    "$RUN_DIR/$run-cpu-threads.html" >>"$RUN_DIR/logs/profiler.log" 2>&1
  log "$run: flame graphs $RUN_DIR/$run-cpu.html and $run-cpu-threads.html"
}
