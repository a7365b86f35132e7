#!/usr/bin/env bash
# Web pages benchmark: how well fihris reads pages saved from websites (the
# main text, without menus, footers, teasers, comments; the publication
# date), side by side with the extraction tools whose evaluation sets these
# are, on the same pages in one run. Data: $FIHRIS_DATA/web (see its
# README): text.jsonl (990 pages, trafilatura's snippets that must and must
# not be in the main text), dates.jsonl (800 pages, htmldate's dates),
# pages/*.html.gz.
#
#   bash bench/web.sh                    # everything: about 2 minutes here once installed (the first
#                                        # run also builds the Rust anchors, ~6 min on 2 cores); never in CI
#   WEB_LIMIT=60 bash bench/web.sh       # the first 60 pages of each set, to try things out
#   FIHRIS_BIN=/path/to/fihris WEB_SYSTEMS="fihris-html fihris-text" bash bench/web.sh
#
# Variables: WEB_LIMIT (first N lines of text.jsonl and of dates.jsonl; 0, the
# default, for all), WEB_SYSTEMS (the rows below), FIHRIS_BIN (a fihris binary
# instead of building one), WEB_ANCHORS_TARGET_DIR (cargo target folder of the
# Rust anchors; default $FIHRIS_BENCH_CACHE/web/anchors-target).
#
# Rows (WEB_SYSTEMS chooses among them):
#   trafilatura         trafilatura 2.x (PyPI), as its tests/evaluate.py runs it (main text)
#   rs-trafilatura      the crates.io port (main text, and its date when it gives one)
#   dom_smoothie        readability.js in Rust, crates.io (main text, and its date)
#   htmldate            htmldate (PyPI), fast and extensive modes (dates)
#   fihris-html         `fihris index` of the pages, then each page's stored body and date
#   fihris-reader       fihris's reader (fihris-ingest) called on each page by the
#                       anchors' driver and timed as the anchors are: the same
#                       extraction as fihris-html, for a speed comparison of equal work
#   fihris-text         the same pages as a browser's "save as text" gives them
#                       (`lynx -dump -nolist`), indexed as .txt files; dates only
#                       counted on pages whose text shows the date
# Scoring (bench/web/score.py, checked by bench/web/test_score.py): main text
# as trafilatura's own evaluation counts it (whitespace-collapsed substring
# match of each snippet: "with" found = true positive, missing = false
# negative; "without" found = false positive), dates as htmldate's
# (precision = right / given, recall = right / (right + missing), accuracy =
# right / all, F1). Every extractor gets the file only, no URL. Pages/s: the
# time spent in the library per page for the anchors (not reading or
# decompressing the file); for fihris the wall time of the whole `fihris
# index` command (reading, decoding, extracting, indexing, committing).
#
# Prints a markdown table and the issue's targets, written to
# $FIHRIS_BENCH_CACHE/web/report.md (and report.json), and fihris's failures
# page by page to $FIHRIS_BENCH_CACHE/web/fihris-misses.jsonl: "fn" (with
# snippets missing from the body; in_title / in_boilerplate / in_lynx say
# whether fihris put them in the title, removed them as boilerplate, and
# whether they are in the page's rendered text at all), "fp" (without
# snippets in the body, with their relative position and context), "date"
# (wrong or missing), "skipped" (not indexed).
#
# Installs what is missing, in the cache: a Python virtual environment with
# trafilatura, lxml_html_clean and htmldate; Debian's lynx through apt-get
# when root; the Rust anchors (bench/web/anchors, outside the workspace,
# built in the cache). What cannot be installed is skipped with a message
# ("web: <system>: skipped (reason)") and the rest goes on. Skips the whole
# benchmark when the data is absent. Data, cache and build: bench/lib.sh.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
WD="$HERE/web"
W="$CACHE/web"
LIMIT=${WEB_LIMIT:-0}
SYSTEMS=${WEB_SYSTEMS:-trafilatura rs-trafilatura dom_smoothie htmldate fihris-html fihris-text fihris-reader}
ANCHORS_TARGET=${WEB_ANCHORS_TARGET_DIR:-$W/anchors-target}

say() { echo "web: $*" >&2; }
[ -d "$DATA/web/pages" ] || bench_skip web "no $DATA/web/pages"
bench_require web web/text.jsonl web/dates.jsonl
command -v python3 >/dev/null 2>&1 || bench_skip web "no python3"
wants() { case " $SYSTEMS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

mkdir -p "$W/logs" "$W/runs"
LOGS="$W/logs"; RUNS="$W/runs"
rm -f "$RUNS"/*.jsonl
T0=$(date +%s)
SKIPPED=()
skipped() { # system, reason
  echo "web: $1: skipped ($2)"
  SKIPPED+=("$1: $2")
}

apt_install() { # packages... ; quiet, logged; false when it cannot install
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" \
    || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; }; } \
    >>"$LOGS/apt.log" 2>&1
}

say "checking the scorer (bench/web/test_score.py)"
python3 "$WD/test_score.py" >"$LOGS/test_score.log" 2>&1 \
  || { cat "$LOGS/test_score.log" >&2; echo "web: the scorer fails its checks" >&2; exit 1; }

pages=$(python3 "$WD/collect.py" prepare "$DATA/web" "$W" "$LIMIT")
say "pages: $pages"
ALL="$W/lists/all.list"; TEXT="$W/lists/text.list"; DATES="$W/lists/dates.list"

# ---------------------------------------------------------------- Python anchors
PY=""
if wants trafilatura || wants htmldate; then
  VENV="$W/venv"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the Python environment $VENV"
    python3 -m venv "$VENV" >>"$LOGS/venv.log" 2>&1 \
      || { apt_install python3-venv && rm -rf "$VENV" && python3 -m venv "$VENV" >>"$LOGS/venv.log" 2>&1; } \
      || rm -rf "$VENV"
  fi
  if [ -x "$VENV/bin/python" ]; then
    PY="$VENV/bin/python"
    # trafilatura 2.x needs lxml_html_clean (lxml.html.clean left lxml); each
    # package on its own, so that one failing does not take the others.
    for pkg in "trafilatura>=2,<3" lxml_html_clean htmldate; do
      "$PY" -m pip install -q "$pkg" >>"$LOGS/pip.log" 2>&1 || say "pip could not install $pkg (see $LOGS/pip.log)"
    done
  fi
fi
py_has() { [ -n "$PY" ] && "$PY" -c "import $1" >/dev/null 2>&1; }
py_version() { "$PY" -c "from importlib.metadata import version; print(version('$1'))" 2>/dev/null || echo "?"; }

if wants trafilatura; then
  if py_has trafilatura; then
    say "trafilatura $(py_version trafilatura): $(wc -l <"$TEXT") pages"
    "$PY" "$WD/pyanchors.py" trafilatura "$TEXT" >"$RUNS/trafilatura.jsonl" 2>"$LOGS/trafilatura.log" \
      || { rm -f "$RUNS/trafilatura.jsonl"; skipped trafilatura "failed, see $LOGS/trafilatura.log"; }
  else
    skipped trafilatura "cannot install or import it in $W/venv (see $LOGS/pip.log)"
  fi
fi
if wants htmldate; then
  if py_has htmldate; then
    for mode in fast extensive; do
      say "htmldate $(py_version htmldate) $mode: $(wc -l <"$DATES") pages"
      "$PY" "$WD/pyanchors.py" "htmldate-$mode" "$DATES" >"$RUNS/htmldate-$mode.jsonl" 2>"$LOGS/htmldate-$mode.log" \
        || { rm -f "$RUNS/htmldate-$mode.jsonl"; skipped "htmldate $mode" "failed, see $LOGS/htmldate-$mode.log"; }
    done
  else
    skipped htmldate "cannot install or import it in $W/venv (see $LOGS/pip.log)"
  fi
fi

# ---------------------------------------------------------------- Rust anchors
if wants rs-trafilatura || wants dom_smoothie || wants fihris-reader; then
  say "building the Rust anchors (bench/web/anchors) in $ANCHORS_TARGET"
  if CARGO_TARGET_DIR="$ANCHORS_TARGET" cargo build --release --quiet --manifest-path "$WD/anchors/Cargo.toml" \
    >"$LOGS/anchors-build.log" 2>&1; then
    anchors="$ANCHORS_TARGET/release/fihris-web-anchors"
    for lib in rs-trafilatura dom_smoothie fihris-reader; do
      wants "$lib" || continue
      say "$lib: $(wc -l <"$ALL") pages"
      "$anchors" "${lib%-reader}" "$ALL" >"$RUNS/$lib.jsonl" 2>"$LOGS/$lib.log" \
        || { rm -f "$RUNS/$lib.jsonl"; skipped "$lib" "failed, see $LOGS/$lib.log"; }
    done
  else
    skipped "rs-trafilatura, dom_smoothie, fihris reader" "the anchors did not build (crates.io unreachable?), see $LOGS/anchors-build.log"
  fi
fi

# ---------------------------------------------------------------- fihris
FIHRIS=""
if wants fihris-html || wants fihris-text; then
  if [ -n "${FIHRIS_BIN:-}" ]; then
    FIHRIS="$FIHRIS_BIN"
  else # as bench_build_fihris, but a failed build skips fihris's rows only
    say "building fihris (release) in $ROOT"
    if (cd "$ROOT" && cargo build --release --quiet) >"$LOGS/fihris-build.log" 2>&1; then
      FIHRIS="$ROOT/target/release/fihris"
    else
      skipped fihris "cargo build --release failed, see $LOGS/fihris-build.log"
    fi
  fi
fi
if [ -n "$FIHRIS" ] && wants fihris-html; then
  say "fihris HTML: indexing $(wc -l <"$ALL") pages, then reading them back"
  python3 "$WD/collect.py" fihris "$FIHRIS" html "$W" "$DATA/web" "$LIMIT" >"$RUNS/fihris-html.jsonl" 2>"$LOGS/fihris-html.log" \
    || { rm -f "$RUNS/fihris-html.jsonl"; skipped "fihris HTML" "failed, see $LOGS/fihris-html.log"; }
fi
HAVE_TXT=0
if [ -n "$FIHRIS" ] && wants fihris-text; then
  command -v lynx >/dev/null 2>&1 || apt_install lynx || true
  if command -v lynx >/dev/null 2>&1; then
    rendered=$(python3 "$WD/collect.py" lynx "$W" 2>"$LOGS/lynx.log")
    say "text pages: $rendered"
    HAVE_TXT=1
    say "fihris text: indexing $(wc -l <"$ALL") text pages, then reading them back"
    python3 "$WD/collect.py" fihris "$FIHRIS" text "$W" "$DATA/web" "$LIMIT" >"$RUNS/fihris-text.jsonl" 2>"$LOGS/fihris-text.log" \
      || { rm -f "$RUNS/fihris-text.jsonl"; skipped "fihris text" "failed, see $LOGS/fihris-text.log"; }
  else
    skipped "fihris text (lynx)" "no lynx, and it cannot be installed (apt-get, as root)"
  fi
fi

# ---------------------------------------------------------------- report
versions="trafilatura $( [ -n "$PY" ] && py_version trafilatura || echo -), htmldate $( [ -n "$PY" ] && py_version htmldate || echo -)"
versions="$versions, rs-trafilatura $(grep -A1 '^name = "rs-trafilatura"' "$WD/anchors/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p')"
versions="$versions, dom_smoothie $(grep -A1 '^name = "dom_smoothie"' "$WD/anchors/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p')"
command -v lynx >/dev/null 2>&1 && versions="$versions, $(lynx -version | head -n1 | cut -d' ' -f1-3)"
rev=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo "?")
set -- \
  --system "trafilatura" "$RUNS/trafilatura.jsonl" \
  --system "rs-trafilatura" "$RUNS/rs-trafilatura.jsonl" \
  --system "dom_smoothie" "$RUNS/dom_smoothie.jsonl" \
  --system "htmldate fast" "$RUNS/htmldate-fast.jsonl" \
  --system "htmldate extensive" "$RUNS/htmldate-extensive.jsonl" \
  --system "fihris HTML" "$RUNS/fihris-html.jsonl" \
  --system "fihris text (lynx)" "$RUNS/fihris-text.jsonl" \
  --system "fihris reader" "$RUNS/fihris-reader.jsonl"
if [ "$HAVE_TXT" = 1 ]; then set -- "$@" --lynx-dir "$W/txt" --names "$W/lists/names.tsv"; fi
for s in "${SKIPPED[@]+"${SKIPPED[@]}"}"; do set -- "$@" --note "skipped: $s"; done
python3 "$WD/score.py" report --data "$DATA/web" --limit "$LIMIT" \
  --out "$W/report.md" --misses "$W/fihris-misses.jsonl" \
  --note "$(bench_when) (load at the end: $(cut -d' ' -f1-3 /proc/loadavg)); fihris $rev; $versions" \
  --note "command: WEB_LIMIT=$LIMIT bash bench/web.sh; $(( $(date +%s) - T0 )) s in all" \
  --note "pages/s of the anchors: time inside the library per page (not reading or decompressing the file; the Rust anchors not decoding it either), one page at a time, one core" \
  "$@"
say "report: $W/report.md; fihris's misses: $W/fihris-misses.jsonl"
