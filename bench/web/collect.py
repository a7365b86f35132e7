#!/usr/bin/env python3
"""Inputs and fihris's side of bench/web.sh (standard library only).

    collect.py prepare DATA W [LIMIT]
        W/lists/{all,text,dates}.list: the pages (absolute paths in DATA/pages),
        the first LIMIT lines of text.jsonl and of dates.jsonl (all when 0);
        all = their union. W/lists/names.tsv: each page's file, its name as
        HTML and as text (unique_names). W/html/: one symlink per page, named
        as a saved page would be (NAME.html.gz; the one page stored without
        .html gets it).
    collect.py lynx W
        W/txt/NAME.txt for every page in all.list, rendered with
        `lynx -dump -nolist` (kept across runs: the pages do not change).
    collect.py fihris FIHRIS KIND W DATA [LIMIT] > OUT.jsonl
        KIND html: index W/html, KIND text: index W/txt (into W/idx-KIND,
        rebuilt), timing the indexing; then each page's stored article
        (`fihris show ID --json --raw`): one line per page of all.list with
        `file` (the page's name in DATA/pages), `id`, `text` (the body),
        `title`, `date`, `boilerplate`, `skipped` (the reason, when fihris
        did not index it), and for text pages `date_visible` (whether the
        gold date is written in the page's text). First line: the timing.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import date_visible, load_gold, txt_name  # noqa: E402


def html_name(file):
    """The name fihris reads a page under: a saved page ends in .html."""
    if file.endswith((".html.gz", ".htm.gz", ".html", ".htm")):
        return file
    base = file[:-3] if file.endswith(".gz") else file
    return base + (".html.gz" if file.endswith(".gz") else ".html")


def unique_names(files):
    """{file: (html name, text name)} for the pages, in order: a saved page's
    names (html_name, txt_name), with "-2", "-3"... before the extension
    when two pages would get the same name (colours-of-the-soul.alhelm.net.gz
    and colours-of-the-soul.alhelm.net.html.gz are two different pages)."""
    taken, out = set(), {}

    def free(name, ext):
        stem, n = name[: -len(ext)], 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}{ext}"
        taken.add(name)
        return name

    for f in files:
        h = html_name(f)
        out[f] = (free(h, ".html.gz" if h.endswith(".html.gz") else os.path.splitext(h)[1]),
                  free(txt_name(f), ".txt"))
    return out


def names(w):
    with open(os.path.join(w, "lists", "names.tsv"), encoding="utf-8") as f:
        return {a: (b, c) for a, b, c in (line.rstrip("\n").split("\t") for line in f if line.strip())}


def lists(w):
    out = {}
    for k in ("all", "text", "dates"):
        with open(os.path.join(w, "lists", k + ".list"), encoding="utf-8") as f:
            out[k] = [line.rstrip("\n") for line in f if line.strip()]
    return out


def cmd_prepare(data, w, limit):
    text, dates = load_gold(data, limit)
    pages = os.path.join(data, "pages")
    os.makedirs(os.path.join(w, "lists"), exist_ok=True)
    seen, union = set(), []
    for item in text + dates:
        if item["file"] not in seen:
            seen.add(item["file"])
            union.append(item["file"])
    missing = [f for f in union if not os.path.isfile(os.path.join(pages, f))]
    if missing:
        sys.exit(f"missing pages in {pages}: {missing[:3]}...")
    for k, files in (("all", union), ("text", [x["file"] for x in text]), ("dates", [x["file"] for x in dates])):
        with open(os.path.join(w, "lists", k + ".list"), "w", encoding="utf-8") as f:
            f.writelines(os.path.join(pages, x) + "\n" for x in files)
    named = unique_names(union)
    with open(os.path.join(w, "lists", "names.tsv"), "w", encoding="utf-8") as f:
        f.writelines(f"{x}\t{h}\t{t}\n" for x, (h, t) in named.items())
    html = os.path.join(w, "html")
    shutil.rmtree(html, ignore_errors=True)
    os.makedirs(html)
    for x in union:
        os.symlink(os.path.join(pages, x), os.path.join(html, named[x][0]))
    print(f"{len(union)} pages ({len(text)} with main-text labels, {len(dates)} with dates)")


def lynx_one(src, dst):
    """One page as text, as a browser's "save as text" would: lynx's dump of
    the rendered page, without the list of links. The page's own charset
    declaration is honoured; UTF-8 when it declares none; output in UTF-8."""
    import gzip
    with open(src, "rb") as f:
        raw = f.read()
    page = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    p = subprocess.run(
        ["lynx", "-dump", "-nolist", "-force_html", "-stdin", "-assume_charset=utf-8",
         "-display_charset=utf-8"],
        input=page, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120,
    )
    tmp = dst + ".part"
    with open(tmp, "wb") as f:
        f.write(p.stdout)
    os.replace(tmp, dst)


def cmd_lynx(w):
    txt = os.path.join(w, "txt")
    os.makedirs(txt, exist_ok=True)
    todo = []
    named = names(w)
    for src in lists(w)["all"]:
        dst = os.path.join(txt, named[os.path.basename(src)][1])
        if not os.path.exists(dst):
            todo.append((src, dst))
    start = time.time()
    with ThreadPoolExecutor(max_workers=2) as ex:
        list(ex.map(lambda a: lynx_one(*a), todo))
    # only this run's pages in the folder that is indexed
    keep = {named[os.path.basename(s)][1] for s in lists(w)["all"]}
    for name in os.listdir(txt):
        if name not in keep:
            os.remove(os.path.join(txt, name))
    print(f"{len(todo)} pages rendered with lynx in {time.time() - start:.1f} s "
          f"({len(keep) - len(todo)} kept from an earlier run)")


def show(fihris, idx, art_id):
    p = subprocess.run([fihris, "--index", idx, "show", art_id, "--json", "--raw"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    return json.loads(p.stdout), None


def cmd_fihris(fihris, kind, w, data, limit):
    files = [os.path.basename(p) for p in lists(w)["all"]]
    named = names(w)
    if kind == "html":
        folder, name_of = os.path.join(w, "html"), lambda f: named[f][0]
    else:
        folder, name_of = os.path.join(w, "txt"), lambda f: named[f][1]
    idx = os.path.join(w, "idx-" + kind)
    shutil.rmtree(idx, ignore_errors=True)
    start = time.perf_counter()
    # W/html/ holds links to the pages in the data folder: --follow.
    p = subprocess.run([fihris, "--index", idx, "index", folder, "--json", "--follow"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"fihris index failed ({p.returncode}): {p.stderr[-2000:]}")
    skipped, summary = {}, {}
    for line in p.stdout.splitlines():
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        if ev.get("event") == "skipped":
            skipped[os.path.basename(ev.get("path", ""))] = ev.get("reason") or "skipped"
        elif ev.get("event") == "summary":
            summary = ev
    print(json.dumps({"timing": {
        "seconds": seconds, "pages": len(files),
        "note": f"`fihris index` of the {len(files)} {'pages' if kind == 'html' else 'text pages'} "
                f"(wall time, whole command: reading, decoding, extraction, indexing, commit; "
                f"{summary.get('articles', '?')} articles, {len(skipped)} files skipped)"}}))
    gold_date = {x["file"]: x["date"] for x in load_gold(data, limit)[1]}

    def one(file):
        name = name_of(file)
        row = {"file": file, "id": name}
        if name in skipped:
            row.update(text="", skipped=skipped[name])
        else:
            art, err = show(fihris, idx, name)
            if art is None:
                row.update(text="", skipped=f"not in the index ({err})")
            else:
                row.update(text=art.get("body") or "", title=art.get("title"), date=art.get("date"),
                           boilerplate=art.get("boilerplate"))
        row.setdefault("date", None)
        if kind == "text" and file in gold_date:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                row["date_visible"] = date_visible(f.read(), gold_date[file])
        return row

    with ThreadPoolExecutor(max_workers=2) as ex:
        for row in ex.map(one, files):
            print(json.dumps(row, ensure_ascii=False))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "prepare":
        cmd_prepare(args[0], args[1], int(args[2]) if len(args) > 2 else 0)
    elif cmd == "lynx":
        cmd_lynx(args[0])
    elif cmd == "fihris":
        cmd_fihris(args[0], args[1], args[2], args[3], int(args[4]) if len(args) > 4 else 0)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
