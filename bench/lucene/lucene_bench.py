#!/usr/bin/env python3
"""Helpers for bench/lucene/run.sh (standard library only).

Subcommands:
  convert LANG DATA_DIR OUT_DIR SHARDS  -> OUT_DIR/{body,all}/docs-NN.jsonl (Anserini JsonCollection)
  topics  LANG DATA_DIR OUT_DIR         -> OUT_DIR/LANG-KIND.tsv (+ .qrels.json with targets)
  measure OUT_FILE -- CMD...            -> runs CMD, writes wall seconds / peak RSS (fallback for /usr/bin/time)
  parse-time TIME_FILE                  -> prints "SECONDS PEAK_RSS_KB" from `/usr/bin/time -v` output
  eval RUN_FILE QRELS_JSON              -> prints a JSON object with n, MRR@10, R@1, R@10, R@100
  extract-jar ARCHIVE NAME DEST         -> copies the member whose basename is NAME out of a .tar.gz/.whl
  summary PARTS_JSONL OUT_JSON          -> writes the JSON summary and prints the table
"""
import gzip
import json
import os
import re
import resource
import subprocess
import shutil
import sys
import tarfile
import time
import zipfile

NEWS = {"fr": "fr_news.jsonl.gz", "ar": "ar_news.jsonl.gz"}
QUERIES = {"fr": "queries_fr_dev.jsonl", "ar": "queries_ar_dev.jsonl"}

# Characters that would break one-query-per-line TSV or one-doc-per-line JSONL readers.
_BREAKS = re.compile(r"[\t\r\n\v\f\x00-\x08\x0e-\x1f\x7f\x85\u2028\u2029]+")
_SPACES = re.compile(r"\s+")


def one_line(text):
    return _SPACES.sub(" ", _BREAKS.sub(" ", text or "")).strip()


def convert(lang, data_dir, out_dir, shards):
    shards = max(1, int(shards))
    outs = {}
    for variant in ("body", "all"):
        d = os.path.join(out_dir, variant)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        outs[variant] = [open(os.path.join(d, "docs-%02d.jsonl" % i), "w", encoding="utf-8")
                         for i in range(shards)]
    n = 0
    with gzip.open(os.path.join(data_dir, NEWS[lang]), "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            title = a.get("title") or ""
            body = a.get("body") or ""
            k = n % shards
            outs["body"][k].write(json.dumps({"id": a["id"], "contents": body}, ensure_ascii=False) + "\n")
            outs["all"][k].write(json.dumps({"id": a["id"], "contents": title + "\n" + body},
                                            ensure_ascii=False) + "\n")
            n += 1
    for fs in outs.values():
        for fh in fs:
            fh.close()
    print(n)


def topics(lang, data_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    by_kind = {}
    with open(os.path.join(data_dir, QUERIES[lang]), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                q = json.loads(line)
                by_kind.setdefault(q["kind"], []).append(q)
    # title first, then the other kinds alphabetically
    for kind, qs in sorted(by_kind.items(), key=lambda kv: (kv[0] != "title", kv[0])):
        base = os.path.join(out_dir, "%s-%s" % (lang, kind))
        with open(base + ".tsv", "w", encoding="utf-8") as t:
            for q in qs:
                text = one_line(q["query"])
                if text:
                    t.write("%s\t%s\n" % (one_line(q["qid"]), text))
        with open(base + ".qrels.json", "w", encoding="utf-8") as j:
            json.dump({one_line(q["qid"]): q["target"] for q in qs}, j, ensure_ascii=False)
        print(kind)


def measure(out_file, cmd):
    t0 = time.monotonic()
    rc = subprocess.call(cmd)
    wall = time.monotonic() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    with open(out_file, "w") as f:
        f.write("Elapsed (wall clock) time (h:mm:ss or m:ss): %s\n" % _fmt_clock(wall))
        f.write("Maximum resident set size (kbytes): %d\n" % rss_kb)
        f.write("Exit status: %d\n" % rc)
    return rc


def _fmt_clock(s):
    m, s = divmod(s, 60)
    h, m = divmod(int(m), 60)
    return "%d:%02d:%05.2f" % (h, m, s) if h else "%d:%05.2f" % (m, s)


def parse_time(path):
    wall, rss = None, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                parts = [float(x) for x in line.rsplit(" ", 1)[1].split(":")]
                wall = 0.0
                for p in parts:
                    wall = wall * 60 + p
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1])
    if wall is None or rss is None:
        sys.exit("could not parse %s" % path)
    print("%.3f %d" % (wall, rss))


def evaluate(run_file, qrels_file):
    with open(qrels_file, encoding="utf-8") as f:
        target = json.load(f)
    ranked = {}
    with open(run_file, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) < 6:
                continue
            qid, docid, rank = p[0], p[2], int(p[3])
            ranked.setdefault(qid, []).append((rank, docid))
    n = len(target)
    mrr10 = r1 = r10 = r100 = 0.0
    answered = 0
    for qid, tgt in target.items():
        docs = [d for _, d in sorted(ranked.get(qid, []))]
        if docs:
            answered += 1
        if tgt in docs[:100]:
            r = docs.index(tgt) + 1
            r1 += r <= 1
            r10 += r <= 10
            r100 += 1
            if r <= 10:
                mrr10 += 1.0 / r
    d = float(n or 1)
    print(json.dumps({"n": n, "with_results": answered, "mrr@10": mrr10 / d, "r@1": r1 / d,
                      "r@10": r10 / d, "r@100": r100 / d}))


def extract_jar(archive, name, dest):
    tmp = dest + ".part"
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as z:
            members = [m for m in z.namelist() if os.path.basename(m) == name]
            if not members:
                sys.exit("%s not in %s" % (name, archive))
            with z.open(members[0]) as src, open(tmp, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    else:
        with tarfile.open(archive) as t:
            member = None
            for m in t:  # stream: stop at the first match
                if m.isfile() and os.path.basename(m.name) == name:
                    member = m
                    break
            if member is None:
                sys.exit("%s not in %s" % (name, archive))
            with t.extractfile(member) as src, open(tmp, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    os.replace(tmp, dest)


def summary(parts_file, out_json):
    parts = []
    with open(parts_file, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                parts.append(json.loads(line))
    meta = next((p for p in parts if p.get("type") == "meta"), {})
    indexes = [p for p in parts if p.get("type") == "index"]
    runs = [p for p in parts if p.get("type") == "search"]
    for p in indexes:
        s = p["seconds"]
        p["docs_per_s"] = round(p["docs"] / s, 1) if s > 0 else None
        p["peak_rss_mb"] = round(p["peak_rss_kb"] / 1024.0, 1)
        p["size_mb"] = round(p["size_bytes"] / 1048576.0, 1)
    engine = "lucene-" + meta["tag"] if meta.get("tag") else "lucene"
    out = {"engine": engine, "meta": meta, "indexes": indexes, "runs": runs}
    os.makedirs(os.path.dirname(os.path.abspath(out_json)), exist_ok=True)
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")
    for r in runs:
        print("%s %s %-8s n=%d MRR@10=%.3f R@1=%.3f R@10=%.3f R@100=%.3f  (index=%s, search_s=%.1f)"
              % (engine, r["lang"], r["kind"], r["n"], r["mrr@10"], r["r@1"], r["r@10"], r["r@100"],
                 r["index"], r["seconds"]))
    for p in indexes:
        label = "index" if p["variant"] == "all" else "index[%s]" % p["variant"]
        print("%s %s %s: docs=%d seconds=%.1f docs/s=%.0f peak_rss_mb=%.0f size_mb=%.1f"
              % (engine, p["lang"], label, p["docs"], p["seconds"], p["docs_per_s"] or 0,
                 p["peak_rss_mb"], p["size_mb"]))


def main(argv):
    if not argv:
        sys.exit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "convert":
        convert(*args)
    elif cmd == "topics":
        topics(*args)
    elif cmd == "measure":
        if len(args) < 3 or args[1] != "--":
            sys.exit("usage: measure OUT_FILE -- CMD...")
        sys.exit(measure(args[0], args[2:]))
    elif cmd == "parse-time":
        parse_time(*args)
    elif cmd == "eval":
        evaluate(*args)
    elif cmd == "extract-jar":
        extract_jar(*args)
    elif cmd == "summary":
        summary(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
