#!/usr/bin/env bash
# Load benchmark of `fihris serve` (issue 16): the French and Arabic
# collections of ../shared/data (33,913 + 8,869 articles) in one index,
# `fihris serve` on a free loopback port, and a load generator with 16
# concurrent clients asking /api/search?q=… for the dev queries of both
# languages (queries_fr_dev.jsonl, queries_ar_dev.jsonl: 1,500 queries, the
# "query" field), one request in eleven being the page /?q=… instead. During
# the timed run, a `fihris index` syncs the index (a small extra
# .jsonl file added to the indexed folder) and commits, so the server reopens
# the index under load. Reports requests per second, latency p50/p99, errors
# (any answer other than 200, and failed connections) and the server's
# resident memory sampled every half second (VmRSS, and its heap part
# RssAnon), and checks that the
# synced articles are found after the run. Then a paced pass (200 req/s,
# no sync): the latency below saturation, without the queue that clients
# asking as fast as they are answered build up on a small machine.
#
#   bash bench/serve.sh                  # a few minutes once oha is built; never in CI
#   SERVE_REQUESTS=20000 SERVE_CLIENTS=32 bash bench/serve.sh
#   FIHRIS_BIN=/path/to/fihris bash bench/serve.sh
#
# Load generator: oha (crates.io), installed on first use with
# `cargo install oha --locked --root $FIHRIS_BENCH_CACHE/serve/tools` (several
# minutes on 2 cores) unless `oha` is on PATH. It runs on the same machine
# as the server, so on a small machine the two share the cores.
# Data, cache and build: bench/lib.sh (FIHRIS_DATA, FIHRIS_BENCH_CACHE).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require serve fr_news.jsonl.gz ar_news.jsonl.gz queries_fr_dev.jsonl queries_ar_dev.jsonl
command -v python3 >/dev/null 2>&1 || bench_skip serve "no python3"

REQUESTS=${SERVE_REQUESTS:-12000}   # timed requests
CLIENTS=${SERVE_CLIENTS:-16}        # concurrent connections
WARMUP=${SERVE_WARMUP:-1650}        # untimed requests first (each URL about once)
RATE=${SERVE_RATE:-200}             # then a paced pass at this rate (0: none), no sync
PACED=${SERVE_PACED:-4000}          # requests of the paced pass
OHA_VERSION=${SERVE_OHA_VERSION:-1.16.0}
W="$CACHE/serve"
mkdir -p "$W/docs" "$W/logs"
say() { echo "serve: $*" >&2; }

# ---------------------------------------------------------------- tools
OHA=$(command -v oha 2>/dev/null || true)
if [ -z "$OHA" ]; then
    OHA="$W/tools/bin/oha"
    if [ ! -x "$OHA" ]; then
        say "installing oha $OHA_VERSION into $W/tools (cargo install, several minutes)"
        cargo install oha --locked --version "$OHA_VERSION" --root "$W/tools" >"$W/logs/oha-install.log" 2>&1 \
            || bench_skip serve "cannot install oha, see $W/logs/oha-install.log"
    fi
fi
bench_fihris serve

# ---------------------------------------------------------------- inputs
# The indexed folder: the two collections as they come (.jsonl.gz), and the
# extra file of the mid-run sync under extra/ (absent before the run).
for lang in fr ar; do
    [ -s "$W/docs/${lang}_news.jsonl.gz" ] || cp "$DATA/${lang}_news.jsonl.gz" "$W/docs/"
done
rm -rf "$W/docs/extra"
python3 - "$DATA" "$W/urls.txt" "$W/probe.txt" <<'PY'
import json, sys, urllib.parse
data, out, probe = sys.argv[1:4]
queries = []
for lang in ("fr", "ar"):
    with open(f"{data}/queries_{lang}_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                q = json.loads(line)["query"]
                # Some titles and leads hold an odd number of '"' or an
                # unclosed « : as a query, an unclosed phrase, a 400 by design
                # (8 of the 1,500). Sent without those quotes.
                if q.count('"') % 2:
                    q = q.replace('"', " ")
                if q.count("«") != q.count("»"):
                    q = q.replace("«", " ").replace("»", " ")
                queries.append(q)
# French and Arabic interleaved, so that any stretch of the run mixes both.
fr, ar = queries[:1000], queries[1000:]
mixed = []
for i, q in enumerate(fr):
    mixed.append(q)
    if i % 2 == 1 and ar:
        mixed.append(ar.pop(0))
mixed += ar
with open(out, "w", encoding="utf-8") as f:
    for i, q in enumerate(mixed):
        q = urllib.parse.quote(q, safe="")
        # One request in eleven is the page (hits, snippets and the chart).
        f.write(f"/?q={q}\n" if i % 11 == 10 else f"/api/search?q={q}\n")
print(len(mixed), file=open(probe, "w"))
print(sum(1 for q in queries if '"' in q), "with phrases", file=sys.stderr)
PY
say "$(cat "$W/probe.txt") queries, $(grep -c '^/?q=' "$W/urls.txt") of them as pages"

say "indexing $W/docs"
"$FIHRIS" --index "$W/index" index "$W/docs" >"$W/logs/index.log" 2>"$W/logs/index.err"
tail -n 1 "$W/logs/index.log" >&2

# ---------------------------------------------------------------- server
SERVER=""
stop() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; true; }
trap stop EXIT
"$FIHRIS" --index "$W/index" serve --bind 127.0.0.1:0 2>"$W/logs/serve.err" &
SERVER=$!
for _ in $(seq 1 100); do
    grep -q 'http://' "$W/logs/serve.err" && break
    sleep 0.1
done
BASE=$(grep -o 'http://[0-9.:]*' "$W/logs/serve.err" | head -n 1)
[ -n "$BASE" ] || { cat "$W/logs/serve.err" >&2; echo "serve: the server did not start" >&2; exit 2; }
sed "s|^|$BASE|" "$W/urls.txt" >"$W/urls.full"
say "serving at $BASE (pid $SERVER)"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status"; }
# The heap's share of it (the rest is the index's files, mapped into memory,
# which the kernel may drop and read again).
anon() { awk '/^RssAnon/ {print $2}' "/proc/$SERVER/status"; }

# The same command for both passes: URLs drawn from the list, no rate limit.
load() { # requests, json output
    "$OHA" --no-tui --output-format json -n "$1" -c "$CLIENTS" --urls-from-file "$W/urls.full" >"$2" 2>"$W/logs/oha.err"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "warm-up: $WARMUP requests"
RSS_COLD=$(rss)
load "$WARMUP" "$W/warmup.json"
WARM_RPS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["requestsPerSec"])' "$W/warmup.json")
RSS_WARM=$(rss)

# ---------------------------------------------------------------- timed run
# RSS every half second; the sync starts when about a third of the requests are done
# (estimated from the warm-up's rate), its commit about halfway.
: >"$W/rss.tsv"
( t0=$(date +%s.%N); while kill -0 "$SERVER" 2>/dev/null; do
      printf '%s\t%s\t%s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$(rss)" "$(anon)" >>"$W/rss.tsv"; sleep 0.5; done ) &
SAMPLER=$!
# A third of the estimated time, since the sync takes a few seconds itself and
# the rate swings on a shared machine: the commit should land well inside.
HALF=$(python3 -c "print(max(1.0, $REQUESTS / $WARM_RPS / 3))")
( sleep "$HALF"
  mkdir -p "$W/docs/extra"
  python3 - "$W/docs/extra/serve-bench-extra.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(20):
        f.write(json.dumps({"id": f"serve-bench/{i}", "lang": "fr", "date": "2026-01-01",
            "title": f"Article ajouté pendant la charge {i}",
            "body": "Un article zorblaxquent ajouté par bench/serve.sh pendant la charge, "
                    "pour vérifier que le serveur rouvre l'index après le commit."}, ensure_ascii=False) + "\n")
PY
  s=$(date +%s.%N)
  "$FIHRIS" --index "$W/index" index "$W/docs" >"$W/logs/sync.log" 2>"$W/logs/sync.err"
  e=$(date +%s.%N)
  echo "$s $e" >"$W/sync.times" ) &
SYNC=$!
say "timed run: $REQUESTS requests, $CLIENTS clients (sync after about ${HALF%.*} s)"
T_RUN=$(date +%s.%N)
load "$REQUESTS" "$W/run.json"
wait "$SYNC"
RSS_END=$(rss)
sleep 1
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$RATE" -gt 0 ]; then
    # Below saturation: latency without the queue that 16 clients asking as
    # fast as they are answered build up (oha corrects for coordinated omission).
    say "paced run: $PACED requests at $RATE req/s"
    "$OHA" --no-tui --output-format json -n "$PACED" -c "$CLIENTS" -q "$RATE" --latency-correction \
        --urls-from-file "$W/urls.full" >"$W/paced.json" 2>>"$W/logs/oha.err"
fi
RSS_FINAL=$(rss)
FOUND=$(curl -s "$BASE/api/search?q=zorblaxquent&limit=100" | grep -c '"id"' || true)

# ---------------------------------------------------------------- report
python3 - "$W" "$T_RUN" "$RSS_COLD" "$RSS_WARM" "$RSS_END" "$FOUND" "$WARM_RPS" "$CLIENTS" "$LOAD_BEFORE" "$LOAD_AFTER" "$RATE" "$RSS_FINAL" <<'PY' | tee "$W/report.md"
import json, sys
w, t_run, cold, warm, end, found, warm_rps, clients, load_before, load_after, rate, final = sys.argv[1:13]
t_run = float(t_run)
r = json.load(open(f"{w}/run.json"))
s, p = r["summary"], r["latencyPercentiles"]
codes = {str(k): v for k, v in r.get("statusCodeDistribution", {}).items()}
failed = sum(r.get("errorDistribution", {}).values())
ok = codes.get("200", 0)
total = sum(codes.values()) + failed
errors = total - ok
start, stop = (float(x) for x in open(f"{w}/sync.times").read().split())
rows = [l.split("\t") for l in open(f"{w}/rss.tsv")]
rows = [r for r in rows if len(r) == 3 and r[1].strip() and r[2].strip()]
rss = [(float(t), int(k)) for t, k, _ in rows]
heap = [int(a) for t, _, a in rows if float(t) <= s["total"]]
dur = s["total"]
inrun = [k for t, k in rss if t <= dur]
q = lambda k: f"{k / 1024:.0f}"
ms = lambda x: f"{x * 1000:.1f}"
before = [k for t, k in rss if t < start - t_run]
print("| requests | clients | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors (non-200) |")
print("|---|---|---|---|---|---|---|---|---|")
print(f"| {total:,} | {clients}, as fast as answered, sync midway | {s['requestsPerSec']:.0f} | {ms(p['p50'])} | {ms(p['p90'])} "
      f"| {ms(p['p99'])} | {ms(p['p99.9'])} | {ms(s['slowest'])} | {errors} |")
if int(rate) > 0:
    r2 = json.load(open(f"{w}/paced.json"))
    s2, p2 = r2["summary"], r2["latencyPercentiles"]
    c2 = {str(k): v for k, v in r2.get("statusCodeDistribution", {}).items()}
    e2 = sum(c2.values()) + sum(r2.get("errorDistribution", {}).values()) - c2.get("200", 0)
    print(f"| {sum(c2.values()):,} | {clients}, paced at {rate} req/s | {s2['requestsPerSec']:.0f} | {ms(p2['p50'])} "
          f"| {ms(p2['p90'])} | {ms(p2['p99'])} | {ms(p2['p99.9'])} | {ms(s2['slowest'])} | {e2} |")
print()
print(f"- run {dur:.1f} s; status codes {codes}; connection errors {r.get('errorDistribution', {})}")
print(f"- sync (`fihris index`, +20 articles) from {start - t_run:.1f} s to {stop - t_run:.1f} s of the run; "
      f"after the run the new articles are found: {found} of 20"
      + ("" if stop - t_run < dur else " (the commit landed after the timed run: no reopen under load, run again)"))
print(f"- server RSS MB: {q(int(cold))} before any request, {q(int(warm))} after the warm-up; during the run "
      f"min {q(min(inrun))}, max {q(max(inrun))}, before the sync max {q(max(before)) if before else '-'}; "
      f"{q(int(end))} at the end ({len(inrun)} samples)" + (f", {q(int(final))} after the paced pass" if int(rate) > 0 else ""))
step = max(1, len(inrun) // 12)
print("- RSS MB over the run (every ~%.0f s): %s" % (dur / max(1, len(inrun) // step),
      " ".join(q(k) for k in inrun[::step])))
print("- of which the heap (RssAnon) MB: %s" % " ".join(q(k) for k in heap[::step]))
print(f"- warm-up: {warm_rps[:6]} req/s; load average before / after: {load_before} / {load_after}")
PY
say "report in $W/report.md; logs in $W/logs"
