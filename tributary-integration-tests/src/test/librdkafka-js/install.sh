#!/usr/bin/env bash
# Installs Confluent's JavaScript client for LibrdkafkaJsIT (pinned by package-lock.json) and builds the librdkafka it
# bundles from source, linked against the system's OpenSSL: its prebuilt binaries come from outside the npm registry,
# and its default static build downloads the sources of OpenSSL, zlib, zstd and curl. Takes a few minutes.
# Needs a C/C++ compiler, make, python3 and OpenSSL's headers; as root on Debian it installs the missing ones.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for tool in g++ make python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s libssl-dev >/dev/null 2>&1; then
  missing+=(libssl-dev)
fi
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "install.sh: missing ${missing[*]}" >&2
    exit 1
  fi
fi

# node-gyp compiles against the headers installed with node (Debian's and NodeSource's packages ship them) instead
# of downloading them.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -f "$node_prefix/include/node/node_api.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi
# The build is kept per lock file and node version in the user's cache, so a later clone on this machine (CI runs
# on a fresh clone each time) reuses it in a second instead of compiling librdkafka again.
cache_key="$(cat package-lock.json <(node --version) <(uname -m) | sha256sum | cut -c1-16)"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/tributary/librdkafka-js/$cache_key"
if [ -d "$cache_dir/node_modules" ]; then
  rm -rf node_modules
  cp -a "$cache_dir/node_modules" node_modules
else
  export CKJS_LINKING=dynamic npm_config_build_from_source=true
  npm ci --no-audit --no-fund
  mkdir -p "$cache_dir.tmp" && rm -rf "$cache_dir.tmp/node_modules" \
    && cp -a node_modules "$cache_dir.tmp/node_modules" && mv "$cache_dir.tmp" "$cache_dir" \
    || echo "install.sh: could not keep the build in $cache_dir" >&2
fi
node -e "console.log('librdkafka ' + require('@confluentinc/kafka-javascript').librdkafkaVersion + ' ready')"
