#!/usr/bin/env bash
# Cross-lingual search quality on ../shared/data/xling_*: for each French
# document of the NTREX pairs, its title is a query and the target is its
# Arabic translation, ranked among the Arabic documents only (and the
# reverse). Reports MRR@10 and Recall@1/10 with and without the bilingual
# lexicon (`--no-cross`: only language-neutral matches such as numbers and
# Latin names remain). Skips with a message when the xling files are absent.
# Data, cache and build: bench/lib.sh (FIHRIS_DATA, FIHRIS_BENCH_CACHE).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require xling xling_docs_dev.jsonl xling_dev.jsonl

W="$CACHE/xling"
mkdir -p "$W"
bench_build_fihris
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
echo "($(bench_when))"
