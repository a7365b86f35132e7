#!/usr/bin/env bash
# A short run of every fuzz target (SECONDS each, default 5), for CI: fails
# on the first crash. Builds the fuzz targets and, for the `cli` target,
# the fihris binary. Needs cargo-fuzz and a nightly toolchain (or
# RUSTC_BOOTSTRAP=1 with stable: set FUZZ_TOOLCHAIN=stable).
#
#   fuzz/smoke.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-5}"
toolchain="+${FUZZ_TOOLCHAIN:-nightly}"
if [ "$toolchain" = "+stable" ]; then
    export RUSTC_BOOTSTRAP=1
fi
[ -d corpus ] || ./seeds.sh
(cd .. && cargo build --bin fihris)
cargo "$toolchain" fuzz build -s none -a
for target in $(cargo "$toolchain" fuzz list); do
    echo "== $target"
    log="$(mktemp)"
    if ! cargo "$toolchain" fuzz run -s none -a "$target" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=60 >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "fuzz target $target failed: see fuzz/artifacts/$target/" >&2
        exit 1
    fi
    grep -E '^Done' "$log" || true
    rm -f "$log"
done
