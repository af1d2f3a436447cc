#!/usr/bin/env bash
#
# Runs a Tributary cluster on this machine as background bin/tributary-server.sh processes: by default three
# combined nodes, each a broker and a Raft voter (process.roles=broker,controller); with --controllers C and
# --brokers B, C controller-only nodes (process.roles=controller) and B broker-only nodes (process.roles=broker).
#
#   bin/tributary-cluster.sh start   [--dir DIR] [--controllers C --brokers B]   start the nodes, wait until they serve
#   bin/tributary-cluster.sh stop    [--dir DIR]     SIGTERM every node and wait for it to exit
#   bin/tributary-cluster.sh status  [--dir DIR]     which nodes run
#   bin/tributary-cluster.sh kill N  [--dir DIR]     SIGKILL node N (a crash)
#   bin/tributary-cluster.sh restart N [--dir DIR]   stop node N if it runs, then start it again
#
# Node N serves clients on port 9092 + (N-1)*100 (9092/9192/9292) and its controller listener (Raft; on a
# controller-only node also the controller's Kafka APIs) on one more (9093/9193/9293). Controller-only nodes 1..C
# have only the controller listener, broker-only nodes C+1..C+B only the client port. The layout given to start is kept in DIR/layout and used by the
# other commands until the next start with --controllers/--brokers. Under DIR (default <repo>/data/cluster) each node
# has node-N/server.properties (written at every start from config/cluster/cluster.properties), node-N/data
# (log.dirs), node-N/server.log and node-N/server.pid. TRIBUTARY_CLUSTER_PORT moves every port (9092 is the base).
# Environment as for bin/tributary-server.sh; TRIBUTARY_HEAP_OPTS defaults to -Xms128m -Xmx512m per node here.
set -euo pipefail
STARTUP_WAIT_SECONDS=60
STOP_WAIT_SECONDS=30

usage() {
  sed -n '6,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 1
}

BASE_PORT="${TRIBUTARY_CLUSTER_PORT:-9092}"
client_port() { echo $((BASE_PORT + ($1 - 1) * 100)); }
raft_port() { echo $((BASE_PORT + 1 + ($1 - 1) * 100)); }
http_port() { echo $((BASE_PORT + 312 + ($1 - 1) * 100)); } # metrics and probes: 9404, 9504, 9604
# Layout: CONTROLLERS controller-only nodes then BROKERS broker-only ones; 0 controllers means 3 combined nodes.
CONTROLLERS=0
BROKERS=0
is_controller() { (( CONTROLLERS == 0 || $1 <= CONTROLLERS )); }
is_broker() { (( CONTROLLERS == 0 || $1 > CONTROLLERS )); }
# The port that tells whether node N is up: its client port, or a controller's controller listener.
serving_port() { if is_broker "$1"; then client_port "$1"; else raft_port "$1"; fi; }
voters() {
  local n list=()
  for n in "${NODES[@]}"; do is_controller "$n" && list+=("$n@localhost:$(raft_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}
bootstrap_servers() {
  local n list=()
  for n in "${NODES[@]}"; do is_broker "$n" && list+=("localhost:$(client_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}
describe_ports() {
  if ! is_broker "$1"; then
    echo "controller-only, controller port $(raft_port "$1")"
  elif ! is_controller "$1"; then
    echo "broker-only, client port $(client_port "$1")"
  else
    echo "client port $(client_port "$1"), Raft port $(raft_port "$1")"
  fi
}
bootstrap_controllers() {
  local n list=()
  for n in "${NODES[@]}"; do is_controller "$n" && list+=("localhost:$(raft_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-}"
[[ -n "$command" ]] || usage
shift
node=""
if [[ "$command" == "kill" || "$command" == "restart" ]]; then
  node="${1:-}"
  [[ "$node" =~ ^[1-9][0-9]*$ ]] || { echo "$command needs a node number" >&2; usage; }
  shift
fi
cluster_dir="$repo_root/data/cluster"
layout_controllers=""
layout_brokers=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) [[ $# -ge 2 ]] || usage; mkdir -p "$2"; cluster_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --controllers) [[ $# -ge 2 && "$2" =~ ^[1-9]$ ]] || usage; layout_controllers="$2"; shift 2 ;;
    --brokers) [[ $# -ge 2 && "$2" =~ ^[1-9]$ ]] || usage; layout_brokers="$2"; shift 2 ;;
    -*) echo "Unexpected argument '$1'" >&2; usage ;;
    *) mkdir -p "$1"; cluster_dir="$(cd "$1" && pwd)"; shift ;; # DIR without --dir
  esac
done

if [[ -n "$layout_controllers$layout_brokers" ]]; then
  [[ "$command" == "start" && -n "$layout_controllers" && -n "$layout_brokers" ]] \
    || { echo "--controllers and --brokers go together, with start" >&2; usage; }
  mkdir -p "$cluster_dir"
  echo "controllers=$layout_controllers brokers=$layout_brokers" > "$cluster_dir/layout"
fi
if [[ -f "$cluster_dir/layout" ]]; then
  read -r layout < "$cluster_dir/layout"
  CONTROLLERS="$(sed -n 's/.*controllers=\([0-9]*\).*/\1/p' <<< "$layout")"
  BROKERS="$(sed -n 's/.*brokers=\([0-9]*\).*/\1/p' <<< "$layout")"
fi
if (( CONTROLLERS == 0 )); then
  NODES=(1 2 3)
else
  NODES=($(seq 1 $((CONTROLLERS + BROKERS))))
fi
if [[ -n "$node" ]] && (( node > ${#NODES[@]} )); then
  echo "there is no node $node (nodes 1..${#NODES[@]})" >&2
  exit 1
fi

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
    if ! is_broker "$n"; then
      echo "listeners=CONTROLLER://localhost:$(raft_port "$n")"
    elif ! is_controller "$n"; then
      echo "listeners=PLAINTEXT://localhost:$(client_port "$n")"
      echo "advertised.listeners=PLAINTEXT://localhost:$(client_port "$n")"
    else
      echo "listeners=PLAINTEXT://localhost:$(client_port "$n"),CONTROLLER://localhost:$(raft_port "$n")"
      echo "advertised.listeners=PLAINTEXT://localhost:$(client_port "$n")"
    fi
    echo "tributary.http.listener=http://127.0.0.1:$(http_port "$n")"
    echo "log.dirs=$dir/data"
    echo "controller.quorum.voters=$(voters)"
    echo
    cat "$repo_root/config/cluster/cluster.properties"
    # After the shared file, so they win: this node's roles when controllers and brokers run apart.
    if (( CONTROLLERS > 0 )); then
      echo
      if is_controller "$n"; then echo "process.roles=controller"; else echo "process.roles=broker"; fi
    fi
  } > "$dir/server.properties"
}

start_node() {
  local n="$1" dir
  dir="$(node_dir "$n")"
  if pid="$(running_pid "$n")"; then
    echo "node $n already runs (pid $pid)"
    return
  fi
  if listening "$(serving_port "$n")"; then
    echo "port $(serving_port "$n") of node $n is taken by another process; not starting node $n" >&2
    return 1
  fi
  write_config "$n"
  # Where this start's output begins: the node is ready once it has logged "started" after this point.
  wc -c 2>/dev/null < "$dir/server.log" > "$dir/server.log.start" || echo 0 > "$dir/server.log.start"
  # Background processes of a script ignore the terminal's Ctrl-C; nohup keeps them when the terminal closes.
  # tributary-server.sh execs java, so $! is the broker's own pid.
  TRIBUTARY_HEAP_OPTS="${TRIBUTARY_HEAP_OPTS:--Xms128m -Xmx512m}" \
    nohup "$repo_root/bin/tributary-server.sh" "$dir/server.properties" >> "$dir/server.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$n")"
  echo "node $n starting (pid $!, $(describe_ports "$n"), log $dir/server.log)"
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
      # Checked twice: while the launcher execs java, the process's command line can read empty for an instant.
      if ! running_pid "$n" > /dev/null && ! { sleep 0.5; running_pid "$n" > /dev/null; }; then
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
    echo "node $n listens on localhost:$(serving_port "$n")"
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
      if listening "$(serving_port "$n")"; then
        echo "node $n: running (pid $pid), localhost:$(serving_port "$n")"
      else
        echo "node $n: starting (pid $pid), not yet listening on localhost:$(serving_port "$n")"
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
    echo "bootstrap controllers: $(bootstrap_controllers)"
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
