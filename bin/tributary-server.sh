#!/usr/bin/env bash
#
# Runs a Tributary broker in the foreground.
#
#   bin/tributary-server.sh CONFIG_FILE [--override key=value ...]
#   bin/tributary-server.sh --prepare      (build if needed, create the class-data archive, exit)
#
# CONFIG_FILE is a Kafka-style server.properties; relative paths in it (log.dirs) resolve against the current
# directory. If the server jar or its dependencies are missing, the project is built first (this needs network
# access on a fresh machine). Environment:
#   TRIBUTARY_HEAP_OPTS  JVM heap flags (default: -Xms256m -Xmx1g)
#   TRIBUTARY_OPTS       any other JVM flags, e.g. -Dlogback.configurationFile=config/logback.xml
#   TRIBUTARY_CDS        false to skip the class-data archive, an AOT cache on JDK 25+ (default: true)
#   JAVA_HOME            JDK to use (default: java on the PATH)
set -euo pipefail

usage() {
  echo "Usage: $(basename "$0") CONFIG_FILE [--override key=value ...]" >&2
}

# --prepare: build if needed and create the class-data archive, then exit (benchmarks use it so that a measured
# start-up never includes the one-time archive creation).
prepare_only=false
if [[ "${1:-}" == "--prepare" ]]; then
  prepare_only=true
elif [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  usage
  exit 1
elif [[ ! -f "$1" ]]; then
  echo "Config file not found: $1" >&2
  usage
  exit 1
fi

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"
if [[ -d "$repo_root/libs" ]]; then
  # An unpacked distribution (tributary-VERSION.tar.gz): every jar in libs/, nothing to build.
  classpath="$repo_root/libs/*"
  jars_dir="$repo_root/libs"
  archive_dir="$repo_root/libs"
else
  # The source tree: the server module's jar and its dependencies, built on first use.
  server_jar="$repo_root/tributary-server/target/tributary-server-0.1.0-SNAPSHOT.jar"
  lib_dir="$repo_root/tributary-server/target/lib"
  classpath="$server_jar:$lib_dir/*"
  jars_dir="$lib_dir"
  archive_dir="$repo_root/tributary-server/target"
fi

if [[ ! -d "$repo_root/libs" && ( ! -f "$server_jar" || ! -d "$lib_dir" ) ]]; then
  echo "Tributary is not built yet; building it (mvn install, tests skipped)..." >&2
  (cd "$repo_root" && mvn -q -B -DskipTests install)
  if [[ ! -f "$server_jar" || ! -d "$lib_dir" ]]; then
    echo "Build finished but $server_jar or $lib_dir is still missing." >&2
    exit 1
  fi
fi

if [[ -n "${JAVA_HOME:-}" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
else
  java_cmd="$(command -v java || true)"
fi
if [[ -z "$java_cmd" || ! -x "$java_cmd" ]]; then
  echo "No java found: install a JDK 17+ or set JAVA_HOME." >&2
  exit 1
fi

# Class-data sharing: a one-time training run (a throw-away broker session) archives the classes a broker
# loads, so later starts skip loading and verifying them. On JDK 25 or newer the archive is an AOT cache (JEP 483,
# 514, 515): the classes are also linked ahead of time and the training run's method profiles kept, so a start does
# less still. An archive only fits the JDK that made it, so its name carries that JDK's version (read from the
# JDK's release file: asking java itself would cost a JVM start). Rebuilt whenever the jars change.
# TRIBUTARY_CDS=false turns it off.
cds_opts=()
if [[ "${TRIBUTARY_CDS:-true}" == "true" ]]; then
  java_release="$(dirname "$(dirname "$(readlink -f "$java_cmd")")")/release"
  java_version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$java_release" 2>/dev/null || true)"
  java_feature="${java_version%%.*}"
  quiet_archive_opts=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  if [[ "$java_feature" =~ ^[0-9]+$ ]] && (( java_feature >= 25 )); then
    cds_archive="$archive_dir/tributary-$java_version.aot"
    archive_create_opt="-XX:AOTCacheOutput=$cds_archive"
    archive_use_opt="-XX:AOTCache=$cds_archive"
    quiet_archive_opts+=(-Xlog:aot=off)
  else
    cds_archive="$archive_dir/tributary-cds${java_version:+-$java_version}.jsa"
    archive_create_opt="-XX:ArchiveClassesAtExit=$cds_archive"
    archive_use_opt="-XX:SharedArchiveFile=$cds_archive"
  fi
  if [[ ! -f "$cds_archive" || -n "$(find "$jars_dir" ${server_jar:+"$server_jar"} -newer "$cds_archive" \
        -name '*.jar' -print -quit)" ]]; then
    echo "Creating the class-data archive for fast start-up (once, a few seconds)..." >&2
    rm -f "$cds_archive"
    "$java_cmd" "$archive_create_opt" "${quiet_archive_opts[@]}" \
      -cp "$classpath" io.tributary.server.CdsTraining >/dev/null 2>&1 \
      || echo "Could not create the class-data archive; starting without it." >&2
  fi
  if [[ -f "$cds_archive" ]]; then
    cds_opts=("$archive_use_opt" "${quiet_archive_opts[@]}")
  fi
fi

# Netty's epoll library: extracted from its jar once, next to the jars, and loaded from there, so that a start
# does not copy it to a fresh temporary file (Netty's fallback when java.library.path does not have it).
native_dir="$jars_dir/native"
native_opts=()
epoll_jar="$(find "$jars_dir" -maxdepth 1 -name "netty-transport-native-epoll-*-linux-$(uname -m).jar" -print -quit)"
if [[ -n "$epoll_jar" ]]; then
  epoll_lib="libnetty_transport_native_epoll_$(uname -m).so"
  jar_cmd="$(dirname "$java_cmd")/jar"
  if [[ ! -f "$native_dir/$epoll_lib" || "$epoll_jar" -nt "$native_dir/$epoll_lib" ]] && [[ -x "$jar_cmd" ]]; then
    rm -rf "$native_dir.tmp" && mkdir -p "$native_dir.tmp" \
      && (cd "$native_dir.tmp" && "$jar_cmd" xf "$epoll_jar" "META-INF/native/$epoll_lib") \
      && mkdir -p "$native_dir" && mv -f "$native_dir.tmp/META-INF/native/$epoll_lib" "$native_dir/$epoll_lib" \
      && touch "$native_dir/$epoll_lib" # jar xf keeps the entry's older time; the -nt check above needs ours
    rm -rf "$native_dir.tmp"
  fi
  if [[ -f "$native_dir/$epoll_lib" ]]; then
    # The JDK's default path stays after ours, for any other library loaded by name.
    native_opts=("-Djava.library.path=$native_dir:/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib")
  fi
fi

if [[ "$prepare_only" == true ]]; then
  exit 0
fi

heap_opts="${TRIBUTARY_HEAP_OPTS:--Xms256m -Xmx1g}"
extra_opts="${TRIBUTARY_OPTS:-}"

# The two user variables hold several flags each, so they are split on purpose; the arrays hold paths, which may
# have spaces.
# shellcheck disable=SC2086
exec "$java_cmd" $heap_opts ${cds_opts[@]+"${cds_opts[@]}"} ${native_opts[@]+"${native_opts[@]}"} $extra_opts \
  -cp "$classpath" \
  io.tributary.server.TributaryServer "$@"
