#!/usr/bin/env bash
#
# A/B of two builds with bench/run.sh: each git revision is built in its own detached worktree under /tmp, then
# bench/run.sh (this checkout's, with this checkout's bench tools) runs one Tributary at a time, alternately
# A, B, A, B, ... and a table of min / median / max per figure and the B/A ratio of the medians is printed.
#
#   bench/ab.sh REV_A REV_B [ROUNDS]         ROUNDS defaults to 3
#   REV_B_PATCH=bench/ab/x.patch bench/ab.sh HEAD HEAD 4     B = HEAD with a patch applied (REV_A_PATCH too)
#   bench/ab.sh HEAD kafka 3                 "kafka" as a revision: Apache Kafka 4.3.1 (BENCH_RUNS=kafka)
#   BENCH_SECURITY=SSL BENCH_RECORDS=500000 bench/ab.sh main my-branch    other BENCH_* settings pass through
#   A_SETTINGS="BENCH_ACLS=0" B_SETTINGS="BENCH_ACLS=1000" bench/ab.sh HEAD HEAD 3   one build, two settings
#
# Worktrees are /tmp/tributary-ab-<commit>[-<patch hash>], kept and reused (built once, bin/tributary-server.sh
# --prepare once); remove them with `git worktree remove --force DIR`. Output: the table on stdout and in
# bench/work/ab-<timestamp>.md, each run's figures in bench/work/ab-<timestamp>/.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="$BENCH_DIR/work"
BENCH_JAR="$REPO_ROOT/tributary-bench/target/benchmarks.jar"
MVN_FLAGS="${BENCH_MVN_FLAGS:--o}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
AB_DIR="$WORK_DIR/ab-$STAMP"

log() { echo "[ab $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=lib/build.sh
source "$BENCH_DIR/lib/build.sh"
# shellcheck source=lib/ab-table.sh
source "$BENCH_DIR/lib/ab-table.sh"

(( $# == 2 || $# == 3 )) || die "usage: bench/ab.sh REV_A REV_B [ROUNDS]"
[[ "$1" != kafka || "$2" != kafka ]] || die "at most one side can be kafka"
ROUNDS="${3:-3}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be 1 or more"

# Builds REV (plus PATCH) in its worktree once; prints the worktree's path.
prepare_tree() {
  local rev="$1" patch="$2" commit tree
  commit="$(git -C "$REPO_ROOT" rev-parse --verify "$rev^{commit}")" || die "unknown revision $rev"
  tree="/tmp/tributary-ab-${commit:0:12}"
  if [[ -n "$patch" ]]; then
    [[ -f "$patch" ]] || die "no patch file $patch"
    tree="$tree-$(sha1sum "$patch" | cut -c1-8)"
  fi
  if [[ ! -f "$tree/.ab-built" ]]; then
    if [[ ! -d "$tree" ]]; then
      git -C "$REPO_ROOT" worktree add --detach "$tree" "$commit" >&2 || die "git worktree add $tree failed"
      [[ -z "$patch" ]] || git -C "$tree" apply "$(realpath "$patch")" || die "$patch does not apply to $rev"
    fi
    log "building $rev${patch:+ + $patch} in $tree"
    build_modules "$tree" tributary-server >"$tree/.ab-build.log" 2>&1 \
      || die "the build of $rev failed (see $tree/.ab-build.log)"
    "$tree/bin/tributary-server.sh" --prepare >>"$tree/.ab-build.log" 2>&1 || die "--prepare failed in $tree"
    touch "$tree/.ab-built"
  fi
  echo "$tree"
}

# One bench/run.sh of one side; its figures, without the run's name, go to $AB_DIR/SIDE-ROUND.properties.
run_side() {
  local side="$1" round="$2" rev="$3" tree="$4" broker=tributary err="$AB_DIR/$1-$2.log" settings
  [[ "$rev" == kafka ]] && broker=kafka
  settings="$([[ "$side" == A ]] && echo "${A_SETTINGS:-}" || echo "${B_SETTINGS:-}")"
  log "round $round, $side ($rev, $broker${settings:+, $settings})"
  # shellcheck disable=SC2086 # the side's settings are NAME=value words
  if ! env $settings BENCH_RUNS="$broker" BENCH_SKIP_BUILD=1 BENCH_TRIBUTARY_HOME="$tree" "$BENCH_DIR/run.sh" \
      >"$AB_DIR/$side-$round.md" 2>"$err"; then
    log "run.sh failed for $side in round $round (see $err)"
    return 0
  fi
  local json figures
  json="$(sed -nE 's/.*raw figures: (.*)$/\1/p' "$err" | tail -n 1)"
  figures="$(dirname "$json")/run-$(basename "$json" .json | sed 's/^results-//')/figures.properties"
  [[ -f "$figures" ]] || { log "no figures for $side in round $round (see $err)"; return 0; }
  { grep -E "^$broker\\." "$figures" || true; } | sed -E "s/^$broker\\.//" >"$AB_DIR/$side-$round.properties"
  grep '\.error=' "$AB_DIR/$side-$round.properties" >&2 || true
}

main() {
  mkdir -p "$AB_DIR"
  if [[ ! -f "$BENCH_JAR" ]]; then
    log "building this checkout's bench tools"
    build_modules "$REPO_ROOT" tributary-bench >"$AB_DIR/bench-tools-build.log" 2>&1 || die "bench tools build failed"
  fi
  local tree_a tree_b
  if [[ "$1" == kafka ]]; then tree_b="$(prepare_tree "$2" "${REV_B_PATCH:-}")"; tree_a="$tree_b"
  elif [[ "$2" == kafka ]]; then tree_a="$(prepare_tree "$1" "${REV_A_PATCH:-}")"; tree_b="$tree_a"
  else
    tree_a="$(prepare_tree "$1" "${REV_A_PATCH:-}")"
    tree_b="$(prepare_tree "$2" "${REV_B_PATCH:-}")"
  fi
  local round
  for (( round = 1; round <= ROUNDS; round++ )); do
    run_side A "$round" "$1" "$tree_a"
    run_side B "$round" "$2" "$tree_b"
  done
  {
    echo "# A/B $STAMP: A = $1${REV_A_PATCH:+ + $REV_A_PATCH}${A_SETTINGS:+ ($A_SETTINGS)}, B = $2${REV_B_PATCH:+ + $REV_B_PATCH}${B_SETTINGS:+ ($B_SETTINGS)}, $ROUNDS rounds"
    echo
    echo "Alternating A, B; settings: $(env | grep -E '^BENCH_' | sort | tr '\n' ' ')"
    echo
    ab_table "$AB_DIR"
  } | tee "$WORK_DIR/ab-$STAMP.md"
}

main "$@"
