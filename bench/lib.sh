# shellcheck shell=bash disable=SC2034 # CACHE, FIHRIS: set for the caller
# The preamble shared by bench/quality.sh, xling.sh, related.sh, dups.sh,
# sync.sh, peers.sh and serve.sh: where the data and the cache are, skipping cleanly
# when the data is absent, building the binary. Sourced, never run:
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Sets, once sourced:
#   HERE   this folder (bench/), absolute
#   ROOT   the workspace root, absolute
#   CACHE  ${FIHRIS_BENCH_CACHE:-$HOME/.cache/fihris-bench}: inputs, indexes
#          and results, each script under its own subfolder
#   DATA   ${FIHRIS_DATA:-../shared/data}; a relative path is taken from ROOT
#          (not from the working directory), so the scripts run from anywhere
# and defines the bench_* functions below. The caller keeps `set -euo
# pipefail` and its own name for messages ("quality: skipped (...)").

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CACHE=${FIHRIS_BENCH_CACHE:-$HOME/.cache/fihris-bench}
DATA_ARG=${FIHRIS_DATA:-../shared/data}
case "$DATA_ARG" in /*) DATA="$DATA_ARG" ;; *) DATA="$ROOT/$DATA_ARG" ;; esac

# bench_skip NAME REASON: print "NAME: skipped (REASON)" on stdout and end the
# script with status 0 (a missing input is not a failure).
bench_skip() {
    echo "$1: skipped ($2)"
    exit 0
}

# bench_require NAME FILE...: skip (see bench_skip) unless every FILE exists
# under $DATA; the message names the first one missing.
bench_require() {
    local name=$1 f
    shift
    for f in "$@"; do
        if [ ! -f "$DATA/$f" ]; then
            bench_skip "$name" "no $DATA/$f"
        fi
    done
}

# bench_build_fihris [NAME]: build the release binary (cargo, quietly) and
# set FIHRIS to $ROOT/target/release/fihris. With NAME, first say
# "NAME: building fihris (release)" on stderr. Ignores FIHRIS_BIN.
# shellcheck disable=SC2120 # NAME is optional
bench_build_fihris() {
    if [ -n "${1:-}" ]; then
        echo "$1: building fihris (release)" >&2
    fi
    (cd "$ROOT" && cargo build --release --quiet)
    FIHRIS="$ROOT/target/release/fihris"
}

# bench_fihris [NAME]: set FIHRIS to $FIHRIS_BIN when that is set (no build),
# else as bench_build_fihris [NAME].
# shellcheck disable=SC2120 # NAME is optional
bench_fihris() {
    if [ -n "${FIHRIS_BIN:-}" ]; then
        FIHRIS="$FIHRIS_BIN"
    else
        bench_build_fihris "$@"
    fi
}

# bench_gunzip SRC.gz DEST: decompress SRC.gz into DEST unless DEST is there
# already and not empty (kept across runs in the cache). Written under another
# name first, so that an interrupted run never leaves a partial DEST.
bench_gunzip() {
    if [ ! -s "$2" ]; then
        gzip -dc "$1" > "$2.part"
        mv "$2.part" "$2"
    fi
}

# bench_when: "YYYY-MM-DD, N cores" (UTC date), for the line under a table.
bench_when() {
    echo "$(date -u +%Y-%m-%d), $(nproc) cores"
}
