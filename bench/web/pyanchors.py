#!/usr/bin/env python3
"""The Python anchors of bench/web.sh, run by the venv's python:

    pyanchors.py trafilatura|htmldate-fast|htmldate-extensive LIST > OUT.jsonl

LIST names one page a line (`.html.gz` or plain). One JSON line per page:
`file`, `text` (trafilatura) or `date` (htmldate), `ms` (time in the
library, not reading or decompressing the file) and `error`.

Called as their own evaluations call them, given the page's bytes and no URL:
- trafilatura: tests/evaluate.py's "trafilatura" row, i.e.
  extract(bytes, fast=False, include_comments=False, include_tables=True,
  include_formatting=False); trafilatura decodes the bytes itself.
- htmldate: tests/comparison.py's find_date(page, original_date=True,
  extensive_search=False|True). comparison.py reads the file as text (UTF-8,
  else chardet); here htmldate gets the bytes and decodes them with its own
  detection, which amounts to the same for these pages and keeps chardet out.
A first untimed call pays the imports and one-time set-ups (as evaluate.py's
warm_up does).
"""

import gzip
import json
import os
import sys
import time


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def main():
    system, listing = sys.argv[1], sys.argv[2]
    if system == "trafilatura":
        from trafilatura import extract

        def run(page):
            text = extract(page, fast=False, include_comments=False, include_tables=True,
                           include_formatting=False)
            return {"text": text or ""}
    elif system in ("htmldate-fast", "htmldate-extensive"):
        from htmldate import find_date
        extensive = system == "htmldate-extensive"

        def run(page):
            return {"date": find_date(page, original_date=True, extensive_search=extensive)}
    else:
        sys.exit(f"unknown system {system}")
    try:
        run(b"<html><body><p>warm up, 12 March 2019</p></body></html>")
    except Exception:
        pass
    out = sys.stdout
    with open(listing, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    for path in paths:
        row = {"file": os.path.basename(path), "ms": None, "error": None}
        try:
            page = read(path)
        except OSError as err:
            row["error"] = f"read: {err}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            continue
        start = time.perf_counter()
        try:
            row.update(run(page))
        except Exception as err:  # a crash counts as a full miss, as in evaluate.py
            row["error"] = f"{type(err).__name__}: {err}"
        row["ms"] = (time.perf_counter() - start) * 1000.0
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
