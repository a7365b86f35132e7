#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets in fuzz/corpus/TARGET/ from
# the sample corpus (../corpus) and, when present, the shared evaluation
# data (../../shared/data, or $FIHRIS_DATA). Nothing here is committed:
# fuzz/corpus/ is ignored by git. Needs python3.
#
#   fuzz/seeds.sh          # then: cargo +nightly fuzz run -s none -a TARGET
set -euo pipefail
cd "$(dirname "$0")"
DATA="${FIHRIS_DATA:-../../shared/data}"
if [ ! -d "$DATA" ]; then
    echo "note: no shared data at $DATA: seeds from ../corpus only" >&2
fi
python3 - "$DATA" <<'PY'
import gzip, hashlib, json, os, pathlib, sys

data = pathlib.Path(sys.argv[1])
repo = pathlib.Path("..")
out = pathlib.Path("corpus")
MAX = 32 * 1024          # seeds larger than this are cut (libFuzzer's -max_len)
PER_SOURCE = 150         # records or pages taken from each shared file

def seed(target, content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    content = content[:MAX]
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(content).hexdigest()).write_bytes(content)

FORMATS = {".txt": 0, ".md": 1, ".html": 2, ".jsonl": 3, ".json": 4}

# The sample corpus: every file as itself (read, read_text, read_html), as
# UTF-16, windows-1256/1252 and gzip (read's byte 0), and its text for the
# date finder, boilerplate removal and the analyzers.
for path in sorted((repo / "corpus").rglob("*")):
    if not path.is_file() or path.suffix not in FORMATS:
        continue
    raw = path.read_bytes()
    fmt = FORMATS[path.suffix]
    for how in (0x00, 0x08, 0x10, 0x20, 0x40, 0x60, 0x80):
        seed("read", bytes([fmt | how, 0x02]) + raw)
    if path.suffix == ".txt":
        seed("read_text", b"\x00" + raw)
    if path.suffix == ".html":
        seed("read_html", raw)
    text = raw.decode("utf-8", "replace")
    seed("boilerplate", text)
    seed("date", text[:300])
    seed("analyzers", "\x04" + text[:4000])

def records(name):
    path = data / name
    if not path.exists():
        return []
    opener = gzip.open if name.endswith(".gz") else open
    out = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) >= PER_SOURCE:
                break
    return out

for name in ("fr_news.jsonl.gz", "ar_news.jsonl.gz", "xling_docs_dev.jsonl"):
    recs = records(name)
    for i, r in enumerate(recs):
        title, body = r.get("title") or "", r.get("body") or ""
        date = r.get("date") or ""
        source = r.get("source") or ""
        if i % 3 == 0:
            seed("read_text", "\x00" + f"{title}\n{date}\n{source}\n\n{body}")
        if i % 3 == 1:
            seed("read_text", "\x01" + f"# {title}\n\n*{date}*\n\n{body}")
        if i % 5 == 0:
            seed("boilerplate", body)
            seed("analyzers", bytes([i % 5]).decode() + title + "\n" + body[:3000])
        if i % 10 == 0:
            seed("date", f"{date} {body[:200]}")
    # A few records as JSON Lines and JSON files.
    for start in range(0, min(len(recs), 40), 8):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs[start:start + 8])
        seed("read", bytes([3, 0x02]) + lines.encode())
        seed("read", bytes([3 | 0x80, 0x03]) + lines.encode())
        seed("read", bytes([4, 0]) + json.dumps(recs[start:start + 3], ensure_ascii=False).encode())

for name in ("queries_fr_dev.jsonl", "queries_ar_dev.jsonl"):
    for i, r in enumerate(records(name)):
        if i % 2 == 0:
            seed("query", bytes([i % 256, 0x0b]) + r["query"].encode())

# Web pages (gzipped in the shared data): the HTML readers, and their dates.
pages = data / "web" / "pages"
if pages.is_dir():
    for i, path in enumerate(sorted(pages.iterdir())[:PER_SOURCE * 2]):
        try:
            html = gzip.decompress(path.read_bytes())
        except OSError:
            continue
        seed("read_html", html)
        if i % 4 == 0:
            seed("read", bytes([2 | (0x08 if i % 8 == 0 else 0), 0]) + html)
for name in ("dates.jsonl",):
    path = data / "web" / name
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[:PER_SOURCE]:
            r = json.loads(line)
            seed("date", f"{r.get('url', '')} {r.get('date', '')}")

# Queries in the query language, with filters after NUL bytes.
for q in ['pôle emploi', '"union européenne"', 'jumelage OR توأمة', 'emploi -chômage',
          '(anem OR anapec) jumelage', 'title:jumelage body:"pôle emploi" source:APS',
          'emplo*', 'anapek~1', 'Emploi : l\'ANEM (Algérie) signe', 'الشغل', 'NOT x', '((a', '"a']:
    seed("query", b"\x00\x0b" + q.encode())
    seed("query", b"\x12\x5b" + q.encode() + b"\x00fr\x002019\x002021-06\x00APS\x00")

# Command lines (arguments separated by NUL; see fuzz_targets/cli.rs).
for argv in [["search", "emploi"], ["search", "pôle emploi", "--lang", "fr", "--limit", "20"],
             ["search", "توأمة", "--json"], ["search", "jumelage", "--since", "2019", "--until", "2020-06", "--csv"],
             ["--index", "idx", "index", "corpus"], ["index", "--dry-run"], ["index", "--full", "--stemmer", "light"],
             ["status"], ["show", "fr/salon-emploi-oran.txt"], ["show", "--raw", "fr/salon-emploi-oran.txt"],
             ["stats", "--by", "source"], ["stats", "emploi", "--by", "month", "--json"],
             ["explain-match", "emploi"], ["explain-match", "jumelage", "--id", "fr/anem-pole-emploi-jumelage.txt"],
             ["related", "fr/anem-pole-emploi-jumelage.txt"], ["dups", "--threshold", "0.5"],
             ["eval", "queries.jsonl"], ["completions", "bash"], ["man", "search"], ["--help"], ["search", "--help"]]:
    seed("cli", "\0".join(argv))
PY
for target in corpus/*/; do
    echo "$(basename "$target"): $(find "$target" -type f | wc -l) seeds"
done
