#!/usr/bin/env bash
#
# Runs a 3-node Tributary cluster on this machine: three background bin/tributary-server.sh processes, each a
# broker and a Raft voter (process.roles=broker,controller).
#
#   bin/tributary-cluster.sh start   [--dir DIR]     start the nodes that are not running, wait until they listen
#   bin/tributary-cluster.sh stop    [--dir DIR]     SIGTERM every node and wait for it to exit
#   bin/tributary-cluster.sh status  [--dir DIR]     which nodes run
#   bin/tributary-cluster.sh kill N  [--dir DIR]     SIGKILL node N (a crash)
#   bin/tributary-cluster.sh restart N [--dir DIR]   stop node N if it runs, then start it again
#
# Node N (1..3) serves clients on port 9092/9192/9292 and Raft on 9093/9193/9293. Under DIR (default
# <repo>/data/cluster) each node has node-N/server.properties (written at every start from
# config/cluster/cluster.properties), node-N/data (log.dirs), node-N/server.log and node-N/server.pid.
# Bootstrap servers: localhost:9092,localhost:9192,localhost:9292. TRIBUTARY_CLUSTER_PORT moves them all (node N
# then uses PORT + (N-1)*100 for clients and one more for Raft). Environment as for bin/tributary-server.sh;
# TRIBUTARY_HEAP_OPTS defaults to -Xms128m -Xmx512m per node here.
set -euo pipefail

NODES=(1 2 3)
STARTUP_WAIT_SECONDS=60
STOP_WAIT_SECONDS=30

usage() {
  sed -n '5,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 1
}

BASE_PORT="${TRIBUTARY_CLUSTER_PORT:-9092}"
client_port() { echo $((BASE_PORT + ($1 - 1) * 100)); }
raft_port() { echo $((BASE_PORT + 1 + ($1 - 1) * 100)); }
http_port() { echo $((BASE_PORT + 312 + ($1 - 1) * 100)); } # metrics and probes: 9404, 9504, 9604
voters() {
  local n list=()
  for n in "${NODES[@]}"; do list+=("$n@localhost:$(raft_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}
bootstrap_servers() {
  local n list=()
  for n in "${NODES[@]}"; do list+=("localhost:$(client_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-}"
[[ -n "$command" ]] || usage
shift
node=""
if [[ "$command" == "kill" || "$command" == "restart" ]]; then
  node="${1:-}"
  [[ "$node" =~ ^[1-3]$ ]] || { echo "$command needs a node number 1..3" >&2; usage; }
  shift
fi
cluster_dir="$repo_root/data/cluster"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) [[ $# -ge 2 ]] || usage; mkdir -p "$2"; cluster_dir="$(cd "$2" && pwd)"; shift 2 ;;
    -*) echo "Unexpected argument '$1'" >&2; usage ;;
    *) mkdir -p "$1"; cluster_dir="$(cd "$1" && pwd)"; shift ;; # DIR without --dir
  esac
done

node_dir() { echo "$cluster_dir/node-$1"; }
pid_file() { echo "$(node_dir "$1")/server.pid"; }

# The pid of node N if its process is alive and still the broker we started (pids are reused after exit).
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q -- "$(node_dir "$1")/server.properties" || return 1
  echo "$pid"
}

listening() { (exec 3<>"/dev/tcp/localhost/$1") 2>/dev/null; }

write_config() {
  local n="$1" dir
  dir="$(node_dir "$n")"
  mkdir -p "$dir/data"
  {
    echo "# Written by bin/tributary-cluster.sh at every start; edit config/cluster/cluster.properties instead."
    echo "node.id=$n"
    echo "listeners=PLAINTEXT://localhost:$(client_port "$n"),CONTROLLER://localhost:$(raft_port "$n")"
    echo "advertised.listeners=PLAINTEXT://localhost:$(client_port "$n")"
    echo "tributary.http.listener=http://127.0.0.1:$(http_port "$n")"
    echo "log.dirs=$dir/data"
    echo "controller.quorum.voters=$(voters)"
    echo
    cat "$repo_root/config/cluster/cluster.properties"
  } > "$dir/server.properties"
}

start_node() {
  local n="$1" dir
  dir="$(node_dir "$n")"
  if pid="$(running_pid "$n")"; then
    echo "node $n already runs (pid $pid)"
    return
  fi
  if listening "$(client_port "$n")"; then
    echo "port $(client_port "$n") of node $n is taken by another process; not starting node $n" >&2
    return 1
  fi
  write_config "$n"
  # Where this start's output begins: the node is ready once it has logged "started" after this point.
  wc -c < "$dir/server.log" 2>/dev/null > "$dir/server.log.start" || echo 0 > "$dir/server.log.start"
  # Background processes of a script ignore the terminal's Ctrl-C; nohup keeps them when the terminal closes.
  # tributary-server.sh execs java, so $! is the broker's own pid.
  TRIBUTARY_HEAP_OPTS="${TRIBUTARY_HEAP_OPTS:--Xms128m -Xmx512m}" \
    nohup "$repo_root/bin/tributary-server.sh" "$dir/server.properties" >> "$dir/server.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$n")"
  echo "node $n starting (pid $!, client port $(client_port "$n"), Raft port $(raft_port "$n"), log $dir/server.log)"
}

# Waits until each node has registered with the controller and serves requests ("Tributary started" in the
# output of its latest start); its port is bound earlier, while it is still joining the cluster.
await_listening() {
  local n deadline log from
  deadline=$((SECONDS + STARTUP_WAIT_SECONDS))
  for n in "$@"; do
    log="$(node_dir "$n")/server.log"
    from=$(( $(cat "$(node_dir "$n")/server.log.start" 2>/dev/null || echo 0) + 1 ))
    # Not `tail | grep -q`: under pipefail, grep's early exit can fail tail with SIGPIPE and so the whole test.
    until grep -q "Tributary started in" <(tail -c +"$from" "$log" 2>/dev/null); do
      if ! running_pid "$n" > /dev/null; then
        echo "node $n exited; last lines of $log:" >&2
        tail -n 20 "$log" >&2
        return 1
      fi
      if (( SECONDS > deadline )); then
        echo "node $n is not serving after ${STARTUP_WAIT_SECONDS}s; last lines of $log:" >&2
        tail -n 20 "$log" >&2
        return 1
      fi
      sleep 0.2
    done
    echo "node $n listens on localhost:$(client_port "$n")"
  done
}

# SIGTERM to all the given nodes first, then wait: stopping them one by one would leave the last ones without a
# quorum for their controlled shutdown.
stop_nodes() {
  local n pid pids=() deadline
  for n in "$@"; do
    if pid="$(running_pid "$n")"; then
      kill -TERM "$pid"
      pids+=("$n:$pid")
    else
      echo "node $n is not running"
      rm -f "$(pid_file "$n")"
    fi
  done
  deadline=$((SECONDS + STOP_WAIT_SECONDS))
  for entry in "${pids[@]}"; do
    n="${entry%%:*}"
    pid="${entry#*:}"
    while kill -0 "$pid" 2>/dev/null; do
      if (( SECONDS > deadline )); then
        echo "node $n (pid $pid) did not stop within ${STOP_WAIT_SECONDS}s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
    rm -f "$(pid_file "$n")"
    echo "node $n stopped"
  done
}

kill_node() {
  local pid
  if ! pid="$(running_pid "$1")"; then
    echo "node $1 is not running"
    return
  fi
  kill -KILL "$pid"
  echo "node $1 killed (SIGKILL, pid $pid)"
}

status() {
  local n pid
  for n in "${NODES[@]}"; do
    if pid="$(running_pid "$n")"; then
      if listening "$(client_port "$n")"; then
        echo "node $n: running (pid $pid), localhost:$(client_port "$n")"
      else
        echo "node $n: starting (pid $pid), not yet listening on localhost:$(client_port "$n")"
      fi
    else
      echo "node $n: stopped"
    fi
  done
  echo "data: $cluster_dir"
}

# Build and create the class-data archive once, before three nodes would race to do it.
prepare() {
  "$repo_root/bin/tributary-server.sh" --prepare
}

case "$command" in
  start)
    prepare
    for n in "${NODES[@]}"; do start_node "$n"; done
    await_listening "${NODES[@]}"
    echo "bootstrap servers: $(bootstrap_servers)"
    ;;
  stop)
    stop_nodes "${NODES[@]}"
    ;;
  status)
    status
    ;;
  kill)
    kill_node "$node"
    ;;
  restart)
    prepare
    stop_nodes "$node"
    start_node "$node"
    await_listening "$node"
    ;;
  *)
    usage
    ;;
esac
