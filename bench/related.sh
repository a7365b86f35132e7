#!/usr/bin/env bash
# Cross-lingual related articles on ../shared/data/xling_*: for each French
# document of the NTREX pairs, the rank of its Arabic translation in
# `fihris related` over all documents of the index (both languages), and the
# reverse. Two indexes: the 80 NTREX documents alone, and the same 80 among
# the 42,782 French and Arabic news articles of fr_news and ar_news (the
# realistic case: a translation among many other stories). Reports
# Recall@1/10 and MRR (over the top 100), and the time per `related` call.
# Skips with a message when the xling files are absent; FIHRIS_BIN=/path/to/fihris
# uses that binary, no build. Data, cache and build: bench/lib.sh
# (FIHRIS_DATA, FIHRIS_BENCH_CACHE).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require related xling_docs_dev.jsonl xling_dev.jsonl

W="$CACHE/related"
mkdir -p "$W"
bench_fihris

"$FIHRIS" --index "$W/xling" index "$DATA/xling_docs_dev.jsonl" >/dev/null 2>&1
sets=("xling|80 NTREX documents")
if [ -f "$DATA/fr_news.jsonl.gz" ] && [ -f "$DATA/ar_news.jsonl.gz" ]; then
    "$FIHRIS" --index "$W/all" index "$DATA/xling_docs_dev.jsonl" "$DATA/fr_news.jsonl.gz" "$DATA/ar_news.jsonl.gz" \
        >/dev/null 2>&1
    sets+=("all|80 NTREX + 42,782 news articles")
else
    echo "related: no fr_news/ar_news: only the 80 NTREX documents"
fi

echo "| index | direction | pairs | R@1 | R@10 | MRR | ms per call |"
echo "|---|---|---|---|---|---|---|"
for entry in "${sets[@]}"; do
    name=${entry%%|*}
    label=${entry#*|}
    python3 - "$FIHRIS" "$W/$name" "$DATA/xling_dev.jsonl" "$label" <<'PY'
import json, subprocess, sys, time
fihris, index, pairs_file, label = sys.argv[1:5]
pairs = [json.loads(l) for l in open(pairs_file, encoding="utf-8")]
for direction, src, dst in (("fr → ar", "fr_id", "ar_id"), ("ar → fr", "ar_id", "fr_id")):
    ranks, elapsed = [], 0.0
    for p in pairs:
        start = time.perf_counter()
        out = subprocess.run([fihris, "--index", index, "related", p[src], "--json", "--limit", "100"],
                             capture_output=True, text=True)
        elapsed += time.perf_counter() - start
        if out.returncode not in (0, 1):
            sys.exit(f"related {p[src]} failed: {out.stderr.strip()}")
        ids = [json.loads(l)["id"] for l in out.stdout.splitlines()]
        ranks.append(ids.index(p[dst]) + 1 if p[dst] in ids else None)
    n = len(ranks)
    r1 = sum(1 for r in ranks if r == 1) / n
    r10 = sum(1 for r in ranks if r and r <= 10) / n
    mrr = sum(1 / r for r in ranks if r) / n
    print(f"| {label} | {direction} | {n} | {r1:.3f} | {r10:.3f} | {mrr:.3f} | {1000 * elapsed / n:.0f} |")
PY
done
echo "($(bench_when); ms per call = whole process, index in the page cache)"
