#!/usr/bin/env bash
# Regenerates docs/serve-fr.png and docs/serve-ar.png, the screenshots of
# `fihris serve` in README.md: the sample corpus (corpus/) indexed into a
# temporary folder, the server on a free loopback port, and Debian's headless
# Chromium at 1200×1000 on a French results page (jumelage) and an Arabic one
# (توأمة, Arabic interface), a few hits each so that the coverage chart shows
# below them.
#
#   bash docs/screenshots.sh             # builds the release binary first
#   FIHRIS_BIN=/path/to/fihris bash docs/screenshots.sh
#
# Skips, saying so, without chromium (apt-get install chromium).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
    echo "screenshots: skipped (no chromium)"
    exit 0
fi
if [ -n "${FIHRIS_BIN:-}" ]; then
    FIHRIS=$FIHRIS_BIN
else
    (cd "$ROOT" && cargo build --release --quiet)
    FIHRIS="$ROOT/target/release/fihris"
fi

TMP=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

"$FIHRIS" --index "$TMP/index" index "$ROOT/corpus" >/dev/null 2>&1
"$FIHRIS" --index "$TMP/index" serve --bind 127.0.0.1:0 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 1 100); do
    grep -q 'http://' "$TMP/serve.err" && break
    sleep 0.1
done
BASE=$(grep -o 'http://[0-9.:]*' "$TMP/serve.err" | head -n 1)
[ -n "$BASE" ] || { cat "$TMP/serve.err" >&2; exit 2; }

shot() { # file, path and query
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$TMP/profile-$(basename "$1" .png)" --window-size=1200,1000 \
        --screenshot="$1" "$BASE$2" >"$TMP/chromium.log" 2>&1 \
        || { cat "$TMP/chromium.log" >&2; exit 2; }
    echo "screenshots: wrote $1"
}
# توأمة, percent-encoded.
shot "$ROOT/docs/serve-fr.png" "/?q=jumelage&ui=fr&limit=4"
shot "$ROOT/docs/serve-ar.png" "/?q=%D8%AA%D9%88%D8%A3%D9%85%D8%A9&ui=ar&limit=5"
