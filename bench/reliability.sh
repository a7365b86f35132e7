#!/usr/bin/env bash
# Reliability of `fihris index` (issue 17): the full runs of the ignored
# tests of tests/reliability, in release mode, and one table:
#   - kill points: SIGKILL at 100 seeded random moments, alternately of a
#     full build and of a sync; after each, `fihris check` (checksums of
#     every segment, stored articles, ids), `search`, and one more `fihris
#     index`, whose `check` digest must be a clean rebuild's;
#   - full disk: the index on a tmpfs filled to leave 0, 16, 32, ... 1536
#     KiB free, for a sync and for a `--full` rebuild: exit 0, or exit 2
#     with one line naming the file, the previous commit whole;
#   - readers: 10,000 `fihris search` processes (two readers) while 20 syncs
#     add, change and remove files: 0 failures, each answer one commit's.
# FIHRIS_SEED replays a run (printed either way); FIHRIS_KILL_POINTS and
# FIHRIS_READER_QUERIES change the counts. The full-disk rows need root
# (mount -t tmpfs); without it they say "skipped". Nothing here runs in CI
# (the tests' small versions do).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SEED=${FIHRIS_SEED:-$(date +%s)}
export FIHRIS_SEED=$SEED
LOG=$(mktemp -t fihris-reliability.XXXXXX)
trap 'rm -f "$LOG"' EXIT

echo "reliability: seed $SEED, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for test in index_killed_at_100_moments_recovers_to_a_clean_rebuild \
    index_on_a_disk_full_at_every_moment \
    readers_see_one_commit_at_a_time_during_20_syncs; do
    start=$(date +%s)
    if ! cargo test --release --quiet --test tests "reliability::$test" -- \
        --ignored --exact --nocapture >>"$LOG" 2>&1; then
        status=1
        echo "reliability: $test FAILED (see below)"
    fi
    echo "reliability: $test: $(($(date +%s) - start)) s"
done

echo
echo "| check | runs | failures | notes |"
echo "|---|---|---|---|"
grep '^RESULT ' "$LOG" | sed 's/^RESULT /| /; s/$/ |/' || true
grep -q 'skipped: cannot mount' "$LOG" && echo "| full disk | - | - | skipped: cannot mount a tmpfs (needs root) |"
if [ "$status" -ne 0 ]; then
    echo
    grep -E 'panicked|mismatch|problems|failures|point [0-9]+' "$LOG" | head -50
fi
exit "$status"
