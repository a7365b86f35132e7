#!/usr/bin/env bash
# Cross-lingual search quality on ../shared/data/xling_*: for each French
# document of the NTREX pairs, its title is a query and the target is its
# Arabic translation, ranked among the Arabic documents only (and the
# reverse). Reports MRR@10 and Recall@1/10 with and without the bilingual
# lexicon (`--no-cross`: only language-neutral matches such as numbers and
# Latin names remain).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CACHE=${FIHRIS_BENCH_CACHE:-$HOME/.cache/fihris-bench}
DATA_ARG=${FIHRIS_DATA:-../shared/data}
case "$DATA_ARG" in /*) DATA="$DATA_ARG" ;; *) DATA="$ROOT/$DATA_ARG" ;; esac
for f in xling_docs_dev.jsonl xling_dev.jsonl; do
    if [ ! -f "$DATA/$f" ]; then
        echo "xling: skipped (no $DATA/$f)"
        exit 0
    fi
done

W="$CACHE/xling"
mkdir -p "$W"
(cd "$ROOT" && cargo build --release --quiet)
FIHRIS="$ROOT/target/release/fihris"
"$FIHRIS" --index "$W/index" index "$DATA/xling_docs_dev.jsonl" >/dev/null

python3 - "$DATA" "$W" <<'PY'
import json, sys
data, work = sys.argv[1], sys.argv[2]
docs = {d["id"]: d for d in map(json.loads, open(f"{data}/xling_docs_dev.jsonl"))}
pairs = [json.loads(l) for l in open(f"{data}/xling_dev.jsonl")]
with open(f"{work}/fr2ar.jsonl", "w") as fr2ar, open(f"{work}/ar2fr.jsonl", "w") as ar2fr:
    for p in pairs:
        fr, ar = docs[p["fr_id"]], docs[p["ar_id"]]
        fr2ar.write(json.dumps({"qid": p["pair"], "query": fr["title"], "target": p["ar_id"]}, ensure_ascii=False) + "\n")
        ar2fr.write(json.dumps({"qid": p["pair"], "query": ar["title"], "target": p["fr_id"]}, ensure_ascii=False) + "\n")
PY

echo "| direction | lexicon | queries | MRR@10 | R@1 | R@10 |"
echo "|---|---|---|---|---|---|"
for dir in fr2ar ar2fr; do
    lang=${dir#*2}
    for cross in "" "--no-cross"; do
        "$FIHRIS" --index "$W/index" eval "$W/$dir.jsonl" --lang "$lang" $cross --json |
            python3 -c '
import json, sys
d = json.load(sys.stdin)
print("| %s | %s | %d | %.3f | %.3f | %.3f |" % (sys.argv[1], sys.argv[2], d["queries"], d["mrr10"], d["recall1"], d["recall10"]))
' "${dir/2/ → }" "$([ -z "$cross" ] && echo with || echo without)"
    done
done
echo "($(date -u +%Y-%m-%d), $(nproc) cores)"
