#!/usr/bin/env bash
# Near-duplicate detection quality (issue 7): precision and recall of
# `fihris dups` on a test set of rewritten copies built from ../shared/data
# by bench/dups_testset.py (see its docstring for the design).
#
#   bash bench/dups.sh                   # build set + fihris, index, score
#   FIHRIS_BIN=/path/to/fihris bash bench/dups.sh   # use that binary, no build
#   THRESHOLDS="0.3 0.5" bash bench/dups.sh
#   REFERENCE=1 bash bench/dups.sh       # also score the Python reference
#                                        # (exact Jaccard, 3-word shingles)
#
# The set (about 7,500 articles: 900 originals, ~1,600 copies, ~4,500
# distractors, 225 same-site pairs) is built once into
# ${FIHRIS_BENCH_CACHE:-~/.cache/fihris-bench}/dups/set and rebuilt when the
# generator changes. Pairwise figures: a pair of ids is positive when both
# are in one predicted group; it is right when both are in one truth
# cluster. Cluster figures: share of truth clusters reproduced exactly,
# share of predicted groups drawn from one cluster, share of stories whose
# original was grouped with at least one of its copies, share of groups whose
# `earliest` is the original. Skips with a message when ../shared/data is
# absent or the binary has no `dups` command. Data, cache and build:
# bench/lib.sh (FIHRIS_DATA, FIHRIS_BENCH_CACHE).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
THRESHOLDS=${THRESHOLDS:-"0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9"}
GEN="$HERE/dups_testset.py"

bench_require dups fr_news.jsonl.gz ar_news.jsonl.gz

bench_fihris dups
if ! "$FIHRIS" dups --help >/dev/null 2>&1; then
    bench_skip dups "$FIHRIS has no dups command"
fi

W="$CACHE/dups"
SET="$W/set"
mkdir -p "$W"
# Rebuild the set when the generator changed (its hash is stamped).
stamp=$(sha256sum "$GEN" | cut -c1-16)
if [ ! -s "$SET/truth.jsonl" ] || [ "$(cat "$SET/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "dups: building the test set into $SET" >&2
    rm -rf "$SET"
    python3 "$GEN" build "$SET" --data "$DATA"
    echo "$stamp" > "$SET/.stamp"
fi

IDX="$W/index"
rm -rf "$IDX"
echo "dups: indexing" >&2
start=$(date +%s%N)
"$FIHRIS" --index "$IDX" index "$SET/corpus" >"$W/index.log" 2>&1 || {
    echo "dups: indexing failed, see $W/index.log" >&2
    tail -n 5 "$W/index.log" >&2
    exit 1
}
end=$(date +%s%N)
echo "dups: indexed in $(( (end - start) / 1000000 )) ms" >&2

ROWS="$W/rows.jsonl"
: > "$ROWS"
run() { # label, extra args...
    local label=$1
    shift
    local out="$W/pred-${label// /_}.jsonl" rc=0
    start=$(date +%s%N)
    "$FIHRIS" --index "$IDX" dups --json "$@" > "$out" 2>"$W/dups.err" || rc=$?
    end=$(date +%s%N)
    if [ "$rc" -gt 1 ]; then
        echo "dups: \`fihris dups $*\` failed (exit $rc):" >&2
        tail -n 5 "$W/dups.err" >&2
        exit 1
    fi
    python3 "$GEN" score "$SET/truth.jsonl" "$out" --json --label "$label" \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); d["ms"]=int(sys.argv[1]); print(json.dumps(d))' \
            "$(( (end - start) / 1000000 ))" >> "$ROWS"
}
run "default"
for t in $THRESHOLDS; do
    echo "dups: --threshold $t" >&2
    run "$t" --threshold "$t"
done
if [ -n "${REFERENCE:-}" ]; then
    for t in $THRESHOLDS; do
        echo "dups: python reference at $t" >&2
        out="$W/pred-ref-$t.jsonl"
        start=$(date +%s%N)
        python3 "$GEN" reference "$SET" --threshold "$t" > "$out" || true
        end=$(date +%s%N)
        python3 "$GEN" score "$SET/truth.jsonl" "$out" --json --label "python ref $t" \
            | python3 -c 'import json,sys; d=json.load(sys.stdin); d["ms"]=int(sys.argv[1]); print(json.dumps(d))' \
                "$(( (end - start) / 1000000 ))" >> "$ROWS"
    done
fi

python3 - "$ROWS" "$SET/build.json" > "$W/dups.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
b = json.load(open(sys.argv[2]))
fr, ar = b["langs"]["fr"], b["langs"]["ar"]
print(f"Test set: {fr['originals']} fr + {ar['originals']} ar originals, {fr['copies'] + ar['copies']} copies, "
      f"{fr['distractors'] + ar['distractors']} distractors, {fr['same_site_pairs'] + ar['same_site_pairs']} same-site pairs "
      f"(seed {b['seed']}).")
print()
print("| threshold | groups | pred pairs | precision | recall | F1 | clusters exact | groups pure | stories found | earliest ok | false pairs by kind | dups ms |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    fp = ", ".join(f"{k} {v}" for k, v in sorted(r["fp_by_kind"].items(), key=lambda x: -x[1])) or "-"
    e = "-" if r["earliest_correct"] is None else f"{r['earliest_correct']:.3f}"
    print(f"| {r['label']} | {r['pred_groups']} | {r['pred_pairs']} | {r['precision']:.3f} | {r['recall']:.3f} "
          f"| {r['f1']:.3f} | {r['clusters_exact']:.3f} | {r['groups_pure']:.3f} | {r['stories_found']:.3f} | {e} "
          f"| {fp} | {r['ms']} |")
unk = max((r["unknown_count"] for r in rows), default=0)
if unk:
    ex = next(r["unknown_ids"] for r in rows if r["unknown_count"])
    print(f"\nwarning: {unk} predicted ids are not in truth.jsonl (e.g. {ex}); id scheme mismatch?")
PY
cat "$W/dups.md"
echo "(truth pairs: $(head -n1 "$ROWS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["truth_pairs"])'); table saved to $W/dups.md; $(bench_when))"
