#!/usr/bin/env bash
#
# Starts a Tributary broker in the foreground with config/server.properties. Runs from the repository root, so the
# sample's relative log.dirs (./data/kafka-logs) lands in <repo>/data wherever this is called from.
# Extra arguments (e.g. --override listeners=PLAINTEXT://localhost:19092) are passed on.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
exec "$repo_root/bin/tributary-server.sh" "$repo_root/config/server.properties" "$@"
