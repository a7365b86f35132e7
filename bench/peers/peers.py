#!/usr/bin/env python3
"""Helpers for bench/peers.sh (standard library only).

Subcommands:
  prep DATA_DIR OUT_DIR                 -> the inputs every system reads (see prep())
  sqlite-index DB JSONL                 -> SQLite FTS5 index (unicode61 remove_diacritics 2)
  sqlite-latency DB QUERIES_TSV [N]     -> warm latency lines: qid TAB seconds TAB ids (N: a sample)
  sqlite-search DB QUERY...             -> top 10 ids of one query (for hyperfine)
  sqlite-update DB DOCS_TSV             -> replace the documents of DOCS_TSV (id TAB text)
  rg-latency FILES_DIR QUERIES_TSV N    -> ripgrep, one process per query, first N queries
  rg-args QUERY...                      -> the ripgrep pattern arguments of a query (NUL-separated)
  tantivy-schema INDEX_DIR              -> an empty tantivy-cli index (meta.json)
  tantivy-latency BENCH_OUTPUT QIDS     -> latency lines from `tantivy bench -n 2` output
  latency-stats LINES QRELS_JSON        -> JSON {n, p50_ms, p99_ms, mean_ms, mrr10}
  time-stats TIME_FILE                  -> JSON {seconds, peak_rss_kb} from /usr/bin/time -v
  hyperfine-stats JSON                  -> JSON {mean_ms, median_ms, min_ms, runs}
  update-set INPUTS_DIR LANG N OUT_DIR  -> N articles to change: OUT_DIR/LANG.tsv (id TAB new text)
                                           and OUT_DIR/LANG.files (their one-file-per-article paths)
  record SYSTEM LANG KEY=VALUE...       -> one JSON result line; special keys: build=TIME_FILE
                                           (with docs=N), size=DIR_OR_FILE, lat=LINES:QRELS,
                                           cold=HYPERFINE_JSON, update=TIME_FILE, sync=TIME_FILE
  table RESULTS_JSONL                   -> the markdown report
"""
import gzip
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lucene"))
from lucene_bench import one_line  # noqa: E402  (same query flattening as the Lucene baseline)

LANGS = ("fr", "ar")
NEWS = {"fr": "fr_news.jsonl.gz", "ar": "ar_news.jsonl.gz"}
QUERIES = {"fr": "queries_fr_dev.jsonl", "ar": "queries_ar_dev.jsonl"}
WORD = re.compile(r"\w+", re.UNICODE)
PREP_VERSION = "4"


# ---------------------------------------------------------------- inputs
def prep(data_dir, out):
    """Writes, per language:
    jsonl/LANG.jsonl            the articles, as given (what `fihris index` reads)
    files/LANG/ID.txt           one file per article: title, date, source, blank line, body
    tantivy/LANG.json           {"id","title","body"} per line (tantivy-cli's input)
    tsv/LANG.tsv                id TAB title and body on one line (LuceneHighlight's input)
    queries/LANG.jsonl          the dev queries as given (fihris' latency helper)
    queries/LANG.tsv            qid TAB query on one line (Lucene, Xapian, SQLite, ripgrep)
    queries/LANG.tantivy.txt    the queries without query-syntax characters, one a line
    queries/LANG.qrels.json     {qid: target}
    queries/LANG.cold.txt       the one query timed cold (the first title query)
    Skipped when the stamp says the same data was prepared already."""
    stamp_path = os.path.join(out, "prep.stamp")
    stamp = {"version": PREP_VERSION}
    for lang in LANGS:
        for name in (NEWS[lang], QUERIES[lang]):
            st = os.stat(os.path.join(data_dir, name))
            stamp[name] = [st.st_size, int(st.st_mtime)]
    try:
        with open(stamp_path) as f:
            if json.load(f) == stamp:
                print("peers: inputs already prepared in %s" % out, file=sys.stderr)
                return
    except (OSError, ValueError):
        pass
    for sub in ("jsonl", "tantivy", "queries", "tsv"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for lang in LANGS:
        fdir = os.path.join(out, "files", lang)
        os.makedirs(fdir, exist_ok=True)
        for name in os.listdir(fdir):
            os.remove(os.path.join(fdir, name))
        n = 0
        with gzip.open(os.path.join(data_dir, NEWS[lang]), "rt", encoding="utf-8") as src, \
                open(os.path.join(out, "jsonl", lang + ".jsonl"), "w", encoding="utf-8") as js, \
                open(os.path.join(out, "tantivy", lang + ".json"), "w", encoding="utf-8") as tj, \
                open(os.path.join(out, "tsv", lang + ".tsv"), "w", encoding="utf-8") as tt:
            for line in src:
                if not line.strip():
                    continue
                js.write(line if line.endswith("\n") else line + "\n")
                a = json.loads(line)
                title, body = a.get("title") or "", a.get("body") or ""
                tj.write(json.dumps({"id": a["id"], "title": title, "body": body}, ensure_ascii=False) + "\n")
                tt.write("%s\t%s\n" % (one_line(a["id"]), one_line(title + " " + body)))
                head = title + "\n" + (a.get("date") or "") + "\n"
                if a.get("source"):
                    head += "Source : " + a["source"] + "\n"
                with open(os.path.join(fdir, file_name(a["id"])), "w", encoding="utf-8") as g:
                    g.write(head + "\n" + body + "\n")
                n += 1
        qs = []
        with open(os.path.join(data_dir, QUERIES[lang]), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    qs.append(json.loads(line))
        qdir = os.path.join(out, "queries")
        with open(os.path.join(qdir, lang + ".jsonl"), "w", encoding="utf-8") as f:
            for q in qs:
                f.write(json.dumps(q, ensure_ascii=False) + "\n")
        with open(os.path.join(qdir, lang + ".tsv"), "w", encoding="utf-8") as f:
            for q in qs:
                f.write("%s\t%s\n" % (one_line(q["qid"]), one_line(q["query"])))
        with open(os.path.join(qdir, lang + ".tantivy.txt"), "w", encoding="utf-8") as f:
            for q in qs:
                # lower case: tantivy's query parser reads AND, OR, NOT, IN as operators
                f.write(" ".join(WORD.findall(q["query"].lower())) + "\n")
        with open(os.path.join(qdir, lang + ".qrels.json"), "w", encoding="utf-8") as f:
            json.dump({one_line(q["qid"]): q["target"] for q in qs}, f, ensure_ascii=False)
        with open(os.path.join(qdir, lang + ".kinds.json"), "w", encoding="utf-8") as f:
            json.dump({one_line(q["qid"]): q.get("kind") or "all" for q in qs}, f, ensure_ascii=False)
        cold = next(q for q in qs if q.get("kind") == "title")
        with open(os.path.join(qdir, lang + ".cold.txt"), "w", encoding="utf-8") as f:
            f.write(" ".join(WORD.findall(cold["query"])) + "\n")
        print("peers: %s: %d articles prepared" % (lang, n), file=sys.stderr)
    with open(stamp_path, "w") as f:
        json.dump(stamp, f)


def file_name(article_id):
    return article_id.replace("/", "_") + ".txt"


# ---------------------------------------------------------------- SQLite FTS5
def sqlite_index(db, jsonl):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    con.execute("CREATE TABLE ids(id TEXT PRIMARY KEY, rid INTEGER) WITHOUT ROWID")
    with open(jsonl, encoding="utf-8") as f, con:
        for rid, line in enumerate(f, 1):
            a = json.loads(line)
            con.execute("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                        (rid, a.get("title") or "", a.get("body") or ""))
            con.execute("INSERT INTO ids VALUES (?, ?)", (a["id"], rid))
    con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    con.commit()
    con.close()


def fts_query(text):
    """Any of the query's words (bag of words), each quoted so no word is read as syntax."""
    words = list(dict.fromkeys(w.lower() for w in WORD.findall(text)))
    return " OR ".join('"%s"' % w for w in words)


SQLITE_TOP10 = ("SELECT ids.id FROM (SELECT rowid AS rid FROM docs WHERE docs MATCH ? "
                "ORDER BY rank LIMIT 10) AS top JOIN ids USING (rid)")


def sqlite_latency(db, queries_tsv, sample=0):
    """With sample > 0, only that many queries, evenly spread over the file, and a warm-up on the
    first ten of them: FTS5 ranks every document that has any query word (no top-k pruning), up to
    2 s per query on the French collection, too slow for all 1,000 queries twice."""
    con = sqlite3.connect(db)
    qs = read_tsv(queries_tsv)
    sample = int(sample)
    if 0 < sample < len(qs):
        qs = [qs[i * len(qs) // sample] for i in range(sample)]
        warm = qs[:10]
    else:
        warm = qs
    for _, text in warm:  # warm-up pass
        con.execute(SQLITE_TOP10, (fts_query(text),)).fetchall()
    out = []
    for qid, text in qs:
        t0 = time.perf_counter()
        ids = [r[0] for r in con.execute(SQLITE_TOP10, (fts_query(text),)).fetchall()]
        out.append("%s\t%.9f\t%s" % (qid, time.perf_counter() - t0, " ".join(ids)))
    print("\n".join(out))


def sqlite_search(db, text):
    con = sqlite3.connect(db)
    print(" ".join(r[0] for r in con.execute(SQLITE_TOP10, (fts_query(text),))))


def sqlite_update(db, docs_tsv):
    con = sqlite3.connect(db)
    n = 0
    with con:
        for article_id, text in read_tsv(docs_tsv):
            row = con.execute("SELECT rid FROM ids WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                continue
            con.execute("DELETE FROM docs WHERE rowid = ?", row)
            con.execute("INSERT INTO docs(rowid, title, body) VALUES (?, '', ?)", (row[0], text))
            n += 1
    print("updated %d" % n)


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                rows.append(tuple(line.split("\t", 1)))
    return rows


# ---------------------------------------------------------------- ripgrep
def rg_args(text):
    """Case-insensitive fixed-string search for any of the query's words of 3+ characters,
    listing the matching files (what someone without an index would run)."""
    words = list(dict.fromkeys(w for w in WORD.findall(text) if len(w) >= 3)) or [text]
    args = ["-l", "-i", "-F"]
    for w in words:
        args += ["-e", w]
    return args


def rg_latency(files_dir, queries_tsv, n):
    out = []
    for qid, text in read_tsv(queries_tsv)[: int(n)]:
        cmd = ["rg"] + rg_args(text) + ["--", files_dir]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        secs = time.perf_counter() - t0
        if p.returncode not in (0, 1):
            sys.exit("rg failed (%d) on %s" % (p.returncode, qid))
        out.append("%s\t%.9f\t" % (qid, secs))
    print("\n".join(out))


# ---------------------------------------------------------------- tantivy-cli
def tantivy_schema(index_dir):
    """What `tantivy new` would write after its questions: id stored only; title and body
    indexed with the default tokenizer, frequencies and positions, not stored."""
    os.makedirs(index_dir, exist_ok=True)
    text = {"indexing": {"record": "position", "fieldnorms": True, "tokenizer": "default"},
            "stored": False, "fast": False}
    meta = {
        "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [],
        "schema": [
            {"name": "id", "type": "text", "options": {"indexing": None, "stored": True, "fast": False}},
            {"name": "title", "type": "text", "options": text},
            {"name": "body", "type": "text", "options": text},
        ],
        "opstamp": 0,
    }
    with open(os.path.join(index_dir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def tantivy_latency(bench_output, queries_tsv):
    """`tantivy bench -n 2` prints, per pass and query, the search time (top 10 + count) and then
    the time to fetch the 10 stored documents; a query's latency is their sum, second pass."""
    qids = [qid for qid, _ in read_tsv(queries_tsv)]
    n = len(qids)
    section, search_us, fetch_us = None, [], []
    with open(bench_output, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "SEARCH":
                section = search_us
            elif line == "FETCH STORE":
                section = fetch_us
            elif section is not None and "\t" in line and not line.startswith("query\t"):
                try:
                    section.append(int(line.rsplit("\t", 1)[1]))
                except ValueError:
                    pass
    if len(search_us) < 2 * n or len(fetch_us) < 2 * n:
        sys.exit("tantivy bench output has %d/%d timings, expected %d" % (len(search_us), len(fetch_us), 2 * n))
    for i, qid in enumerate(qids):
        print("%s\t%.9f\t" % (qid, (search_us[n + i] + fetch_us[n + i]) / 1e6))


# ---------------------------------------------------------------- figures
def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = (len(sorted_values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def latency_stats(lines_file, qrels_json):
    with open(qrels_json, encoding="utf-8") as f:
        target = json.load(f)
    kinds = {}
    kinds_json = qrels_json.replace(".qrels.json", ".kinds.json")
    if os.path.exists(kinds_json):
        with open(kinds_json, encoding="utf-8") as f:
            kinds = json.load(f)
    secs, rr, ranked, by_kind = [], 0.0, 0, {}
    with open(lines_file, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            secs.append(float(parts[1]))
            by_kind.setdefault(kinds.get(parts[0], "all"), []).append(float(parts[1]))
            ids = parts[2].split() if len(parts) > 2 else []
            if ids:
                ranked += 1
            if target.get(parts[0]) in ids[:10]:
                rr += 1.0 / (ids.index(target[parts[0]]) + 1)
    secs.sort()
    out = {"n": len(secs),
           "p50_ms": round(percentile(secs, 0.50) * 1e3, 3) if secs else None,
           "p99_ms": round(percentile(secs, 0.99) * 1e3, 3) if secs else None,
           "mean_ms": round(statistics.fmean(secs) * 1e3, 3) if secs else None,
           "qps": round(len(secs) / sum(secs), 1) if secs and sum(secs) > 0 else None,
           "mrr10": round(rr / len(secs), 3) if ranked else None}
    if len(by_kind) > 1:
        for kind, values in sorted(by_kind.items()):
            values.sort()
            out["p50_%s_ms" % kind] = round(percentile(values, 0.50) * 1e3, 3)
            out["p99_%s_ms" % kind] = round(percentile(values, 0.99) * 1e3, 3)
            out["qps_%s" % kind] = round(len(values) / sum(values), 1) if sum(values) > 0 else None
    print(json.dumps(out))


def time_stats(path):
    wall, rss = None, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                wall = 0.0
                for p in line.rsplit(" ", 1)[1].split(":"):
                    wall = wall * 60 + float(p)
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1])
    if wall is None or rss is None:
        sys.exit("could not parse %s" % path)
    print(json.dumps({"seconds": round(wall, 3), "peak_rss_kb": rss}))


def hyperfine_stats(path):
    with open(path) as f:
        r = json.load(f)["results"][0]
    print(json.dumps({"mean_ms": round(r["mean"] * 1e3, 2), "median_ms": round(r["median"] * 1e3, 2),
                      "min_ms": round(r["min"] * 1e3, 2), "runs": len(r["times"])}))


# ---------------------------------------------------------------- incremental updates
def update_set(inputs, lang, n, out_dir):
    """Every k-th article of the collection (the same ones for every system), with one sentence
    appended to its body."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(inputs, "jsonl", lang + ".jsonl"), encoding="utf-8") as f:
        arts = [json.loads(line) for line in f if line.strip()]
    n = int(n)
    step = max(1, len(arts) // n)
    chosen = arts[::step][:n]
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    with open(os.path.join(out_dir, lang + ".tsv"), "w", encoding="utf-8") as t, \
            open(os.path.join(out_dir, lang + ".files"), "w", encoding="utf-8") as fl:
        for a in chosen:
            extra = " Mise à jour du %s." % stamp if lang == "fr" else " تحديث %s." % stamp
            t.write("%s\t%s\n" % (a["id"], one_line((a.get("title") or "") + " " + (a.get("body") or "") + extra)))
            fl.write(os.path.join(inputs, "files", lang, file_name(a["id"])) + "\t" + extra + "\n")


# ---------------------------------------------------------------- results
def disk_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for d, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(d, name))
    return total


def read_json_of(fn, *args):
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn(*args)
    return json.loads(buf.getvalue())


def record(system, lang, pairs):
    r = {"system": system, "lang": lang}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if key == "build":
            t = read_json_of(time_stats, value)
            r["build_s"] = t["seconds"]
            r["rss_mb"] = round(t["peak_rss_kb"] / 1024.0, 1)
        elif key == "size":
            r["size_mb"] = round(disk_bytes(value) / 1048576.0, 2)
        elif key == "lat":
            lines, qrels = value.rsplit(":", 1)
            r.update(read_json_of(latency_stats, lines, qrels))
        elif key.startswith("lat_"):
            # an equal-work mode (lat_rank, lat_snippets, lat_cross): its figures under that name
            lines, qrels = value.rsplit(":", 1)
            r.setdefault("equal", {})[key[4:]] = read_json_of(latency_stats, lines, qrels)
        elif key == "cold":
            r["cold_ms"] = read_json_of(hyperfine_stats, value)["median_ms"]
        elif key in ("update", "sync"):
            t = read_json_of(time_stats, value)
            r[key + "_s"] = t["seconds"]
            r[key + "_rss_mb"] = round(t["peak_rss_kb"] / 1024.0, 1)
        else:
            try:
                r[key] = json.loads(value)
            except ValueError:
                r[key] = value
    if r.get("build_s") and r.get("docs"):
        r["docs_per_s"] = round(r["docs"] / r["build_s"], 1)
    print(json.dumps(r, ensure_ascii=False))


# ---------------------------------------------------------------- report
def fmt(v, unit="", digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        v = round(v, digits)
        if digits == 0:
            v = int(v)
    return "%s%s" % ("{:,}".format(v) if isinstance(v, int) else v, unit)


def ratio(a, b, digits=2):
    if a is None or b is None or b == 0:
        return "–"
    return "%.*f×" % (digits, a / b)


def table(results_jsonl):
    rows, meta, skipped = {}, {}, []
    with open(results_jsonl, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("type") == "meta":
                meta.update(r)
            elif r.get("type") == "skipped":
                skipped.append(r)
            else:
                rows.setdefault((r["system"], r["lang"]), {}).update(r)
    systems = []
    for system, _ in rows:
        if system not in systems:
            systems.append(system)
    out = []
    w = out.append
    w("## Figures per system and language\n")
    w("| system | lang | docs | build s | docs/s | peak RSS MB | size MB | warm p50 ms | warm p99 ms "
      "| MRR@10 | cold query ms | update 30 docs s |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for lang in LANGS:
        for system in systems:
            r = rows.get((system, lang))
            if not r:
                continue
            w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                system, lang, fmt(r.get("docs")), fmt(r.get("build_s"), digits=2),
                fmt(r.get("docs_per_s"), digits=0), fmt(r.get("rss_mb"), digits=0),
                fmt(r.get("size_mb"), digits=1), fmt(r.get("p50_ms"), digits=2),
                fmt(r.get("p99_ms"), digits=2), fmt(r.get("mrr10"), digits=3),
                fmt(r.get("cold_ms"), digits=1), fmt(r.get("update_s"), digits=2)))
    kinds = sorted({k[4:-3] for r in rows.values() for k in r if k.startswith("p99_") and k != "p99_ms"})
    if kinds:
        w("")
        w("## Warm latency by query kind (French: 500 headlines, 500 one-paragraph abstracts)\n")
        w("| system | lang | " + " | ".join("%s p50 ms | %s p99 ms" % (k, k) for k in kinds) + " |")
        w("|---|---|" + "---|---|" * len(kinds))
        for (system, lang), r in rows.items():
            if any(("p99_%s_ms" % k) in r for k in kinds):
                w("| %s | %s | " % (system, lang) + " | ".join(
                    "%s | %s" % (fmt(r.get("p50_%s_ms" % k), digits=2), fmt(r.get("p99_%s_ms" % k), digits=2))
                    for k in kinds) + " |")
    equal_work(rows, w)
    w("")
    w("## fihris against each peer (fihris ÷ peer)\n")
    w("Build speed is docs/s (higher is better for fihris); the others are costs (lower is better).\n")
    w("| peer | lang | build docs/s | peak RSS | size | warm p99 | cold query |")
    w("|---|---|---|---|---|---|---|")
    for lang in LANGS:
        f = rows.get(("fihris", lang))
        if not f:
            continue
        for system in systems:
            if system.startswith("fihris"):
                continue
            p = rows.get((system, lang))
            if not p:
                continue
            w("| %s | %s | %s | %s | %s | %s | %s |" % (
                system, lang, ratio(f.get("docs_per_s"), p.get("docs_per_s")),
                ratio(f.get("rss_mb"), p.get("rss_mb")), ratio(f.get("size_mb"), p.get("size_mb")),
                ratio(f.get("p99_ms"), p.get("p99_ms")), ratio(f.get("cold_ms"), p.get("cold_ms"))))
    w("")
    w("## Targets (issue 8)\n")
    # Checked against each Lucene row: "lucene" (Anserini's default index: no positions, no stored
    # text) and "lucene-full" (positions and the stored text, closer to what fihris keeps).
    lucenes = [s for s in ("lucene", "lucene-full") if s in systems] or ["lucene"]
    w("| target | lang | fihris | " + " | ".join("%s | met? (%s)" % (s, s) for s in lucenes) + " |")
    w("|---|---|---|" + "---|---|" * len(lucenes))

    def yes(c):
        return "–" if c is None else ("yes" if c else "**no**")

    for lang in LANGS:
        f = rows.get(("fihris", lang))
        if not f:
            continue
        ls = [rows.get((s, lang)) or {} for s in lucenes]

        def target(name, fv, cells):
            w("| %s | %s | %s | %s |" % (name, lang, fv, " | ".join("%s | %s" % c for c in cells)))

        def relative(key, name, unit, digits, ok):
            fv = f.get(key)
            cells = []
            for l in ls:
                lv = l.get(key)
                met = yes(None if not (fv and lv) else ok(fv, lv))
                cells.append((fmt(lv, unit, digits), met + (" (%s)" % ratio(fv, lv) if fv and lv else "")))
            target(name, fmt(fv, unit, digits), cells)

        def absolute(key, name, unit, digits, ok):
            fv = f.get(key)
            met = yes(None if fv is None else ok(fv))
            target(name, fmt(fv, unit, digits), [(fmt(l.get(key), unit, digits), met) for l in ls])

        relative("docs_per_s", "build ≥ 1.5× Lucene docs/s", "", 0, lambda a, b: a >= 1.5 * b)
        relative("rss_mb", "peak RSS indexing ≤ ½ Lucene's", " MB", 0, lambda a, b: a <= 0.5 * b)
        absolute("p99_ms", "warm p99 ≤ 10 ms", " ms", 2, lambda a: a <= 10)
        absolute("cold_ms", "cold `fihris search` ≤ 50 ms", " ms", 1, lambda a: a <= 50)
        relative("cold_ms", "cold ≤ ⅒ Lucene's", " ms", 1, lambda a, b: a <= 0.1 * b)
        relative("size_mb", "index size ≤ Lucene's", " MB", 1, lambda a, b: a <= b)
    if len(lucenes) > 1:
        w("")
        w("Each target is checked against both Lucene rows: `lucene` is Anserini's default index (no "
          "positions, no stored text), `lucene-full` stores positions and the text as fihris does.")
    notes = [r for key, r in sorted(rows.items()) if r.get("note")]
    if notes or skipped:
        w("")
        w("## Notes\n")
        for r in skipped:
            w("- %s: skipped (%s)" % (r["system"], r["reason"]))
        seen = set()
        for r in notes:
            if (r["system"], r["note"]) not in seen:
                seen.add((r["system"], r["note"]))
                w("- %s: %s" % (r["system"], r["note"]))
    if meta:
        w("")
        w("## Versions and settings\n")
        for k, v in meta.items():
            if k != "type":
                w("- %s: %s" % (k, v))
    print("\n".join(out))


EQUAL_MODES = (
    ("rank", "Ranking only: top 10 ids, no snippets, no expansion"),
    ("snippets", "With highlighted snippets: top 10, each with a highlighted passage of its body"),
    ("cross", "With cross-lingual expansion (fihris alone: no peer has it), snippets included"),
)


def equal_work(rows, w):
    """The equal-work tables (issue 18): per mode, one row per system and language, p50/p99 and
    queries per second (one query at a time, so 1000 / mean ms) overall and per query kind, and
    fihris's p99 against each peer's on the same work."""
    have = [(k, r) for k, r in rows.items() if r.get("equal")]
    if not have:
        return
    kinds = sorted({key[4:] for _, r in have for stats in r["equal"].values()
                    for key in stats if key.startswith("qps_")})
    w("")
    w("## Equal work, side by side (warm, one process, one query at a time, top 10)\n")
    w("Per query kind: French has 500 headlines (`title`) and 500 one-paragraph abstracts "
      "(`abstract`); Arabic 500 headlines. qps = queries per second on one thread.\n")
    for mode, title in EQUAL_MODES:
        mine = [(k, r["equal"][mode]) for k, r in have if mode in r["equal"]]
        if not mine:
            continue
        w("### %s\n" % title)
        w("| system | lang | p50 ms | p99 ms | qps | MRR@10 | " + " | ".join(
            "%s p50 | %s p99 | %s qps" % (k, k, k) for k in kinds) + " |")
        w("|---|---|---|---|---|---|" + "---|---|---|" * len(kinds))
        for lang in LANGS:
            for (system, l), st in mine:
                if l != lang:
                    continue
                w("| %s | %s | %s | %s | %s | %s | " % (
                    system, lang, fmt(st.get("p50_ms"), digits=2), fmt(st.get("p99_ms"), digits=2),
                    fmt(st.get("qps"), digits=0), fmt(st.get("mrr10"), digits=3)) + " | ".join(
                    "%s | %s | %s" % (fmt(st.get("p50_%s_ms" % k), digits=2),
                                      fmt(st.get("p99_%s_ms" % k), digits=2),
                                      fmt(st.get("qps_%s" % k), digits=0)) for k in kinds) + " |")
        w("")
        for lang in LANGS:
            f = dict(mine).get(("fihris", lang))
            if not f:
                continue
            cells = []
            for (system, l), st in mine:
                if l == lang and system != "fihris":
                    cells.append("%s %s" % (system, ratio(f.get("p99_ms"), st.get("p99_ms"))))
            if cells:
                w("fihris p99 ÷ peer's, %s: %s.\n" % (lang, "; ".join(cells)))


def main(argv):
    if not argv:
        sys.exit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "prep":
        prep(*args)
    elif cmd == "sqlite-index":
        sqlite_index(*args)
    elif cmd == "sqlite-latency":
        sqlite_latency(*args)
    elif cmd == "sqlite-search":
        sqlite_search(args[0], " ".join(args[1:]))
    elif cmd == "sqlite-update":
        sqlite_update(*args)
    elif cmd == "rg-latency":
        rg_latency(*args)
    elif cmd == "rg-args":
        sys.stdout.write("\0".join(rg_args(" ".join(args))))
    elif cmd == "tantivy-schema":
        tantivy_schema(*args)
    elif cmd == "tantivy-latency":
        tantivy_latency(*args)
    elif cmd == "latency-stats":
        latency_stats(*args)
    elif cmd == "time-stats":
        time_stats(*args)
    elif cmd == "hyperfine-stats":
        hyperfine_stats(*args)
    elif cmd == "update-set":
        update_set(*args)
    elif cmd == "record":
        record(args[0], args[1], args[2:])
    elif cmd == "table":
        table(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
