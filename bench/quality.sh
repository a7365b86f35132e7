#!/usr/bin/env bash
# Ranking quality, side by side: fihris with each stemmer and Lucene (through
# Anserini) on the known-item query sets of ../shared/data.
#
#   bash bench/quality.sh            # everything (about 5 minutes here)
#   SKIP_LUCENE=1 bash bench/quality.sh
#
# French: 500 title queries run on the body only (`--field body`), 500
# abstract queries on title and body. Arabic: 500 title queries on the body.
# Prints one table (MRR@10 and Recall@10 per set, indexing time) and writes
# it to $CACHE/quality.md. Skips with a message when ../shared/data is absent.
# Data, cache and build: bench/lib.sh (FIHRIS_DATA, FIHRIS_BENCH_CACHE).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_require quality fr_news.jsonl.gz ar_news.jsonl.gz queries_fr_dev.jsonl queries_ar_dev.jsonl

mkdir -p "$CACHE/quality"
W="$CACHE/quality"
bench_build_fihris quality

for lang in fr ar; do
    bench_gunzip "$DATA/${lang}_news.jsonl.gz" "$W/${lang}_news.jsonl"
done

ROWS="$W/rows.jsonl"
: > "$ROWS"
for stemmer in none snowball light light-exceptions multi; do
    echo "quality: fihris --stemmer $stemmer" >&2
    row="{\"system\": \"fihris $stemmer\""
    for lang in fr ar; do
        idx="$W/idx-$lang-$stemmer"
        rm -rf "$idx"
        start=$(date +%s%N)
        "$FIHRIS" --index "$idx" index "$W/${lang}_news.jsonl" --stemmer "$stemmer" >/dev/null
        end=$(date +%s%N)
        row="$row, \"index_s_$lang\": $(( (end - start) / 1000000 ))e-3"
    done
    fr_body=$("$FIHRIS" --index "$W/idx-fr-$stemmer" eval "$DATA/queries_fr_dev.jsonl" --field body --json)
    fr_all=$("$FIHRIS" --index "$W/idx-fr-$stemmer" eval "$DATA/queries_fr_dev.jsonl" --field all --json)
    ar_body=$("$FIHRIS" --index "$W/idx-ar-$stemmer" eval "$DATA/queries_ar_dev.jsonl" --field body --json)
    row="$row, \"fr_title\": $(echo "$fr_body" | python3 -c 'import sys,json; print(json.dumps(json.load(sys.stdin)["by_kind"]["title"]))')"
    row="$row, \"fr_abstract\": $(echo "$fr_all" | python3 -c 'import sys,json; print(json.dumps(json.load(sys.stdin)["by_kind"]["abstract"]))')"
    row="$row, \"ar_title\": $(echo "$ar_body" | python3 -c 'import sys,json; print(json.dumps(json.load(sys.stdin)))')}"
    echo "$row" >> "$ROWS"
    rm -rf "$W/idx-fr-$stemmer" "$W/idx-ar-$stemmer"
done

if [ -z "${SKIP_LUCENE:-}" ]; then
    # Anserini's BM25 defaults (k1 0.9, b 0.4) and Lucene's/Elasticsearch's
    # own (k1 1.2, b 0.75), the latter being what Lucene gives out of the box.
    for params in "0.9 0.4" "1.2 0.75"; do
        set -- $params
        echo "quality: lucene k1=$1 b=$2" >&2
        out=$(LUCENE_BM25_K1=$1 LUCENE_BM25_B=$2 bash "$HERE/lucene/run.sh" 2>&1 | tail -n 20)
        results="$CACHE/lucene/results/lucene-results.json"
        if echo "$out" | grep -q "lucene: skipped"; then
            echo "$out" | grep "lucene: skipped" >&2
            break
        fi
        python3 - "$results" "$1" "$2" >> "$ROWS" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
runs = {(r["lang"], r["kind"]): r for r in d["runs"]}
idx = {(i["lang"], i["variant"]): i for i in d["indexes"]}
m = lambda r: {"mrr10": r["mrr@10"], "recall10": r["r@10"], "queries": r["n"]}
print(json.dumps({
    "system": f"lucene k1={sys.argv[2]} b={sys.argv[3]}",
    "index_s_fr": idx[("fr", "all")]["seconds"], "index_s_ar": idx[("ar", "body")]["seconds"],
    "fr_title": m(runs[("fr", "title")]), "fr_abstract": m(runs[("fr", "abstract")]),
    "ar_title": m(runs[("ar", "title")]),
}))
PY
    done
fi

python3 - "$ROWS" > "$W/quality.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print("| system | fr title MRR@10 | R@10 | fr abstract MRR@10 | R@10 | fr all MRR@10 | ar title MRR@10 | R@10 | index fr s | index ar s |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    ft, fa, at = r["fr_title"], r["fr_abstract"], r["ar_title"]
    print(f"| {r['system']} | {ft['mrr10']:.3f} | {ft['recall10']:.3f} | {fa['mrr10']:.3f} | {fa['recall10']:.3f} "
          f"| {(ft['mrr10'] + fa['mrr10']) / 2:.3f} | {at['mrr10']:.3f} | {at['recall10']:.3f} "
          f"| {r['index_s_fr']:.1f} | {r['index_s_ar']:.1f} |")
PY
cat "$W/quality.md"
echo "(table saved to $W/quality.md; $(bench_when))"
