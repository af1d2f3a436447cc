# Sourced by run.sh: footprint of a process from /proc.

CLK_TCK="$(getconf CLK_TCK)"

# utime+stime of all the process's threads, in clock ticks. The command name in /proc/PID/stat is in parentheses
# and may hold spaces, so fields are counted after it (utime is field 14, stime 15).
cpu_ticks() {
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# stime alone: the CPU the kernel spent for the process (socket and file copies, syscalls), in clock ticks.
sys_ticks() {
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $13 }'
}

# utime+stime of the process's JIT compiler threads (HotSpot names them "C1 CompilerThreadN" / "C2 CompilerThreadN",
# cut to 15 characters in comm), in clock ticks: the warm-up share of a run's CPU, the same for both brokers.
jit_ticks() {
  local task total=0
  for task in /proc/"$1"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ CompilerThre* ]] || continue
    total=$(( total + $(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }') ))
  done
  echo "$total"
}

rss_mib() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

thread_count() {
  awk '/^Threads:/ { print $2 }' "/proc/$1/status"
}

# CPU seconds between two tick readings per GiB of payload moved.
cpu_seconds_per_gib() {
  local ticks_before="$1" ticks_after="$2" bytes="$3"
  awk -v a="$ticks_before" -v b="$ticks_after" -v t="$CLK_TCK" -v n="$bytes" \
    'BEGIN { printf "%.3f", ((b - a) / t) / (n / 1073741824) }'
}

cpu_seconds() {
  awk -v a="$1" -v b="$2" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }'
}

now_ms() {
  date +%s%3N
}
