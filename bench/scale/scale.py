#!/usr/bin/env python3
"""Helpers for bench/scale.sh (standard library only).

Subcommands:
  make DATA_DIR OUT_DIR FACTOR      -> the collection FACTOR times the news data (see make())
  touch OUT_DIR N STAMP             -> append one sentence to N files spread over OUT_DIR/files
                                       (their paths and sizes first saved to OUT_DIR/touched.tsv)
  untouch OUT_DIR                   -> cut the appended sentence off again
  record KEY=VALUE...               -> one JSON result line (special keys as in bench/peers/peers.py:
                                       build=TIME_FILE, lat=LINES, cold=HYPERFINE_JSON, time=TIME_FILE)
  table RESULTS_JSONL               -> the markdown tables, with each cost's log-log slope
  plot RESULTS_JSONL OUT.svg        -> the log-log plot of every cost against the collection size

A copy k >= 1 of an article gets the id "ID~k" and perturbed text: its body's sentences shuffled,
about 4 % of its words dropped and 4 % swapped with their neighbour, its title's words likewise
(a seeded random generator: the same collection every run). Copy 0 is the article as given.
"""
import gzip
import json
import math
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
import peers  # noqa: E402  (time, hyperfine and latency figures read the same way)

NEWS = ("fr_news.jsonl.gz", "ar_news.jsonl.gz")
PER_FOLDER = 1000
SENTENCE = re.compile(r"(?<=[.!?؟])\s+")
MAKE_VERSION = "1"


def perturb_words(words, rnd, drop=0.04, swap=0.04):
    out = [w for w in words if rnd.random() >= drop] or words[:1]
    for i in range(len(out) - 1):
        if rnd.random() < swap:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def perturb(article, k):
    rnd = random.Random("%s~%d" % (article["id"], k))
    a = dict(article)
    a["id"] = "%s~%d" % (article["id"], k)
    a["title"] = " ".join(perturb_words((article.get("title") or "").split(), rnd))
    paragraphs = []
    for para in (article.get("body") or "").split("\n"):
        sentences = [s for s in SENTENCE.split(para) if s.strip()]
        rnd.shuffle(sentences)
        paragraphs.append(" ".join(" ".join(perturb_words(s.split(), rnd)) for s in sentences))
    a["body"] = "\n".join(paragraphs)
    return a


def file_text(a):
    head = (a.get("title") or "") + "\n" + (a.get("date") or "") + "\n"
    if a.get("source"):
        head += "Source : " + a["source"] + "\n"
    return head + "\n" + (a.get("body") or "") + "\n"


def make(data_dir, out, factor):
    """OUT/files/NNNN/ID.txt: every article and factor-1 perturbed copies of it, one file each
    (title, date, source line, blank line, body: what `fihris index` reads from a folder), 1,000
    files a folder; OUT/lucene/LANG/docs-NN.jsonl: the same as {id, contents} for Anserini.
    Skipped when OUT/made.json says it was made already from the same data."""
    factor = int(factor)
    stamp = {"version": MAKE_VERSION, "factor": factor}
    for name in NEWS:
        st = os.stat(os.path.join(data_dir, name))
        stamp[name] = [st.st_size, int(st.st_mtime)]
    stamp_path = os.path.join(out, "made.json")
    try:
        with open(stamp_path) as f:
            if json.load(f) == stamp:
                print("scale: %s already made" % out, file=sys.stderr)
                return
    except (OSError, ValueError):
        pass
    os.makedirs(out, exist_ok=True)
    n = 0
    folder = None
    lucene = {}
    for name in NEWS:
        lang = name[:2]
        d = os.path.join(out, "lucene", lang)
        os.makedirs(d, exist_ok=True)
        lucene[lang] = [open(os.path.join(d, "docs-%02d.jsonl" % i), "w", encoding="utf-8") for i in range(4)]
        with gzip.open(os.path.join(data_dir, name), "rt", encoding="utf-8") as src:
            for line in src:
                if not line.strip():
                    continue
                article = json.loads(line)
                for k in range(factor):
                    a = article if k == 0 else perturb(article, k)
                    if n % PER_FOLDER == 0:
                        folder = os.path.join(out, "files", "%04d" % (n // PER_FOLDER))
                        os.makedirs(folder, exist_ok=True)
                    with open(os.path.join(folder, peers.file_name(a["id"])), "w", encoding="utf-8") as g:
                        g.write(file_text(a))
                    lucene[lang][n % 4].write(json.dumps(
                        {"id": a["id"], "contents": (a.get("title") or "") + "\n" + (a.get("body") or "")},
                        ensure_ascii=False) + "\n")
                    n += 1
        for fh in lucene[lang]:
            fh.close()
    with open(stamp_path, "w") as f:
        json.dump(stamp, f)
    print("scale: %s: %d articles" % (out, n), file=sys.stderr)


def all_files(out):
    root = os.path.join(out, "files")
    paths = []
    for d in sorted(os.listdir(root)):
        for name in sorted(os.listdir(os.path.join(root, d))):
            paths.append(os.path.join(root, d, name))
    return paths


def touch(out, n, stamp):
    paths = all_files(out)
    n = int(n)
    chosen = paths[:: max(1, len(paths) // n)][:n]
    with open(os.path.join(out, "touched.tsv"), "w", encoding="utf-8") as t:
        for p in chosen:
            t.write("%s\t%d\n" % (p, os.path.getsize(p)))
            with open(p, "a", encoding="utf-8") as f:
                f.write("Mise à jour %s.\n" % stamp)


def untouch(out):
    with open(os.path.join(out, "touched.tsv"), encoding="utf-8") as t:
        for line in t:
            p, size = line.rstrip("\n").split("\t")
            with open(p, "r+b") as f:
                f.truncate(int(size))


def record(pairs):
    r = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if key.endswith("_time"):  # /usr/bin/time -v file: seconds and peak RSS
            if os.path.exists(value):
                t = peers.read_json_of(peers.time_stats, value)
                r[key[:-5] + "_s"] = t["seconds"]
                r[key[:-5] + "_rss_mb"] = round(t["peak_rss_kb"] / 1024.0, 1)
        elif key.endswith("_cold"):  # hyperfine JSON: median
            if os.path.exists(value):
                r[key[:-5] + "_ms"] = peers.read_json_of(peers.hyperfine_stats, value)["median_ms"]
        elif key.endswith("_lat"):  # latency lines: p50, p99
            if os.path.exists(value):
                secs = sorted(float(l.split("\t")[1]) for l in open(value, encoding="utf-8") if "\t" in l)
                if secs:
                    r[key[:-4] + "_p50_ms"] = round(peers.percentile(secs, 0.5) * 1e3, 3)
                    r[key[:-4] + "_p99_ms"] = round(peers.percentile(secs, 0.99) * 1e3, 3)
        elif key.endswith("_size"):
            if os.path.exists(value):
                r[key[:-5] + "_mb"] = round(peers.disk_bytes(value) / 1048576.0, 3)
        else:
            try:
                r[key] = json.loads(value)
            except ValueError:
                r[key] = value
    print(json.dumps(r, ensure_ascii=False))


# The costs plotted and tabled: key, label.
COSTS = [
    ("build_s", "build s"),
    ("build_rss_mb", "build peak RSS MB"),
    ("index_mb", "index MB"),
    ("rank_p50_ms", "warm ranking p50 ms"),
    ("rank_p99_ms", "warm ranking p99 ms"),
    ("search_p50_ms", "warm search p50 ms"),
    ("search_p99_ms", "warm search p99 ms"),
    ("cold_search_ms", "cold search ms"),
    ("cold_date_ms", "cold search --sort date ms"),
    ("cold_related_ms", "cold related ms"),
    ("dups_s", "dups s"),
    ("dups_rss_mb", "dups peak RSS MB"),
    ("sync_s", "no-change sync s"),
    ("sync100_s", "100-file sync s"),
    ("meta_kb", "meta.json KB"),
    ("lucene_build_s", "Lucene build s"),
    ("lucene_p99_ms", "Lucene warm p99 ms"),
]


def read_rows(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                rows.setdefault(r["docs"], {}).update(r)
    return [rows[k] for k in sorted(rows)]


def slope(points):
    """Least-squares slope of log(cost) on log(size): 1 = linear."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None


def table(path):
    rows = read_rows(path)
    out = ["| cost | " + " | ".join("%s× (%s articles)" % (r["factor"], "{:,}".format(r["docs"])) for r in rows)
           + " | slope | at 1M | at 10M |",
           "|---|" + "---|" * len(rows) + "---|---|---|"]
    for key, label in COSTS:
        pts = [(r["docs"], r.get(key)) for r in rows]
        if not any(v is not None for _, v in pts):
            continue
        s = slope(pts)
        last = [(x, y) for x, y in pts if y is not None][-1]

        def proj(n):
            if s is None:
                return "–"
            v = last[1] * (n / last[0]) ** s
            return peers.fmt(round(v, 1 if v < 100 else 0), digits=1 if v < 100 else 0)

        out.append("| %s | %s | %s | %s | %s |" % (
            label, " | ".join(peers.fmt(v, digits=2) for _, v in pts),
            "–" if s is None else "%.2f" % s, proj(1e6), proj(1e7)))
    print("\n".join(out))


def plot(path, svg):
    rows = read_rows(path)
    series = []
    for key, label in COSTS:
        pts = [(r["docs"], r[key]) for r in rows if r.get(key)]
        if len(pts) >= 2:
            series.append((label, pts, slope(pts)))
    W, H, L, R, T, B = 900, 560, 70, 330, 30, 60
    xs = [x for _, pts, _ in series for x, _ in pts]
    # every cost relative to its value at the smallest size: one axis for all
    rel = [[(x, y / pts[0][1]) for x, y in pts] for _, pts, _ in series]
    ys = [y for pts in rel for _, y in pts] + [1.0]
    x0, x1 = math.log10(min(xs)) - 0.05, math.log10(max(xs)) + 0.05
    y0, y1 = math.log10(min(ys)) - 0.1, math.log10(max(max(ys), max(xs) / min(xs))) + 0.1

    def px(x):
        return L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)

    def py(y):
        return H - B - (math.log10(y) - y0) / (y1 - y0) * (H - T - B)

    colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
               "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
               "#e6550d"]
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
         'font-size="12">' % (W, H), '<rect width="100%" height="100%" fill="white"/>']
    s.append('<text x="%d" y="18" font-size="14">fihris: cost against collection size (log-log, '
             'each cost ÷ its value at the smallest size; dashed: linear)</text>' % L)
    # axes and grid
    for e in range(int(math.floor(y0)), int(math.ceil(y1)) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** e
            if y0 <= math.log10(v) <= y1:
                s.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (L, W - R, py(v), py(v)))
                s.append('<text x="%d" y="%.1f" text-anchor="end">%g×</text>' % (L - 5, py(v) + 4, v))
    for r in rows:
        x = px(r["docs"])
        s.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#ddd"/>' % (x, x, T, H - B))
        s.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x, H - B + 16, "{:,}".format(r["docs"])))
    s.append('<text x="%d" y="%d" text-anchor="middle">articles</text>' % ((L + W - R) // 2, H - 20))
    s.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="black"/>' % (L, W - R, H - B, H - B))
    s.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="black"/>' % (L, L, T, H - B))
    base = min(xs)
    s.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black" stroke-dasharray="5,4"/>' % (
        px(base), py(1), px(max(xs)), py(max(xs) / base)))
    for i, ((label, _, sl), pts) in enumerate(zip(series, rel)):
        c = colours[i % len(colours)]
        d = " ".join("%s%.1f,%.1f" % ("M" if j == 0 else "L", px(x), py(y)) for j, (x, y) in enumerate(pts))
        s.append('<path d="%s" fill="none" stroke="%s" stroke-width="2"/>' % (d, c))
        for x, y in pts:
            s.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(x), py(y), c))
        ly = T + 10 + i * 18
        s.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2"/>' % (
            W - R + 15, W - R + 35, ly, ly, c))
        s.append('<text x="%d" y="%d">%s (slope %s)</text>' % (
            W - R + 40, ly + 4, label.replace("&", "&amp;"), "–" if sl is None else "%.2f" % sl))
    s.append("</svg>")
    with open(svg, "w", encoding="utf-8") as f:
        f.write("\n".join(s) + "\n")


def main(argv):
    if not argv:
        sys.exit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "make":
        make(*args)
    elif cmd == "touch":
        touch(*args)
    elif cmd == "untouch":
        untouch(*args)
    elif cmd == "record":
        record(args)
    elif cmd == "table":
        table(*args)
    elif cmd == "plot":
        plot(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
