#!/usr/bin/env bash
# Librarian's benchmark (issue: incremental, crash-safe rebuilds): the
# French and Arabic collections of ../shared/data written one file per
# article (about 42,800 .txt files), then
#   1. a full build: time, docs/s, peak RSS;
#   2. a sync with nothing changed;
#   3. a sync after 10 files changed, 10 added and 10 deleted.
# Prints one table; nothing here runs in CI. Skips with a message when
# ../shared/data or /usr/bin/time is absent (it tries apt-get install time).
# Data, cache and build: bench/lib.sh (FIHRIS_DATA, FIHRIS_BENCH_CACHE).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require sync fr_news.jsonl.gz ar_news.jsonl.gz
if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null 2>&1 || bench_skip sync "no /usr/bin/time"
fi

W="$CACHE/sync"
rm -rf "$W/files" "$W/index"
mkdir -p "$W/files"
bench_build_fihris

python3 - "$DATA" "$W/files" <<'PY'
import gzip, json, os, sys
data, out = sys.argv[1], sys.argv[2]
n = 0
for lang in ("fr", "ar"):
    os.makedirs(f"{out}/{lang}", exist_ok=True)
    with gzip.open(f"{data}/{lang}_news.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            name = d["id"].replace("/", "_")
            head = d["title"] + "\n" + (d["date"] or "") + "\n"
            if d.get("source"):
                head += "Source : " + d["source"] + "\n"
            with open(f"{out}/{lang}/{name}.txt", "w", encoding="utf-8") as g:
                g.write(head + "\n" + d["body"] + "\n")
            n += 1
print(f"sync: wrote {n} files", file=sys.stderr)
PY

run() { # label, args...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$W/time" "$FIHRIS" --index "$W/index" index "$W/files" "$@" > "$W/out" 2> "$W/err" || true
    read -r secs kb < "$W/time"
    echo "| $label | $secs | $((kb / 1024)) | $(tail -n 1 "$W/out" | sed 's/.*(\(.*\))/\1/') |"
}

echo "| run | seconds | peak RSS MB | files |"
echo "|---|---|---|---|"
run "full build"
run "sync, nothing changed"
# 10 changed, 10 added, 10 deleted.
mapfile -t some < <(find "$W/files/fr" -name '*.txt' | sort | head -n 20)
for f in "${some[@]:0:10}"; do echo "Mise à jour." >> "$f"; done
for f in "${some[@]:10:10}"; do rm "$f"; done
for i in $(seq 1 10); do printf 'Nouvel article %s\n\nUn nouvel article sur l emploi des jeunes.\n' "$i" > "$W/files/fr/new-$i.txt"; done
run "sync, 10 changed + 10 added + 10 deleted"
echo "($(bench_when); $(find "$W/files" -name '*.txt' | wc -l) files)"
