#!/usr/bin/env python3
"""Scoring for bench/web.sh: main text as trafilatura counts it, dates as
htmldate counts them, and the report (table, targets, fihris's misses).

Standard library only (the system python3 runs it, not the venv).

    score.py report --data DIR [--limit N] [--lynx-dir DIR] --out report.md
                    --misses misses.jsonl --system NAME RESULTS.jsonl ...

RESULTS.jsonl, one line per page: {"file", "text"?, "date"?, "ms"?, ...}
("file" names the page in DIR/pages; a system that does no main text has no
"text" key, one that gives no dates no "date" key), and optionally one line
{"timing": {"seconds": S, "pages": N, "note": "..."}} (else pages/s comes from
the sum of the per-page "ms"). fihris's lines may also carry "title",
"boilerplate", "skipped" (why the file was not indexed) and, for text pages,
"date_visible" (whether the gold date can be read in the page's text: only
those pages count for its dates).
"""

import argparse
import json
import os
import re
import sys

# ---------------------------------------------------------------- main text

def norm(text):
    """Whitespace collapsed, as trafilatura's tests/eval_common.py `norm`:
    re.sub(r"\\s+", " ", text).strip() (Python's \\s: Unicode whitespace,
    no-break space included)."""
    return re.sub(r"\s+", " ", text).strip()


def count_item(item, result):
    """(tp, fp, fn, tn) for one page, as trafilatura's `count_item`: a "with"
    snippet found in the normalised result is a true positive, else a false
    negative; a "without" snippet found is a false positive, else a true
    negative. Plain substring match, case-sensitive, after `norm` on both
    sides. No result (None: the system failed or skipped the page) finds
    nothing."""
    if isinstance(result, str):
        resn = norm(result)
        tp = sum(1 for w in item["with"] if norm(w) in resn)
        fp = sum(1 for w in item["without"] if norm(w) in resn)
    else:
        tp = fp = 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def text_scores(tp, fp, fn, tn):
    """precision, recall, accuracy, F1 (0.0 when a denominator is empty), as
    trafilatura's ConfusionMatrix.scores."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + tn + fp + fn
    accuracy = (tp + tn) / total if total else 0.0
    denom = 2 * tp + fp + fn
    f1 = 2 * tp / denom if denom else 0.0
    return precision, recall, accuracy, f1

# ---------------------------------------------------------------- dates

def date_outcome(gold, got):
    """htmldate's tests/comparison.py `evaluate_result`: 'tp' right date,
    'fp' wrong date, 'fn' no date for a dated page, 'tn' no date for an
    undated page (none in this set)."""
    if got is None and gold is None:
        return "tn"
    if got is None:
        return "fn"
    if got == gold:
        return "tp"
    return "fp"


def date_scores(tp, fp, fn, tn):
    """htmldate's `calculate_scores`: precision TP/(TP+FP), recall
    TP/(TP+FN), accuracy (TP+TN)/all, F1 2TP/(2TP+FP+FN), the same formulas
    as trafilatura's; 0.0 for an empty denominator (htmldate would divide
    by zero)."""
    return text_scores(tp, fp, fn, tn)

# ---------------------------------------------------------------- is the date in the text?

_MONTHS = [
    # en, de, fr, es, it, pt, nl, pl (nominative and genitive), with the usual abbreviations
    "january jan jänner januar janvier janv enero gennaio janeiro januari styczeń stycznia sty",
    "february feb febr februar feber février févr fevrier fév fev febrero febbraio fevereiro februari luty lutego lut",
    "march mar märz maerz mrz mär mars marzo março marco maart marzec marca",
    "april apr avril avr abril aprile kwiecień kwietnia kwi",
    "may mai mayo maggio maio mei maj maja",
    "june jun juni juin junio giugno junho czerwiec czerwca cze",
    "july jul juli juillet juil julio luglio julho lipiec lipca lip",
    "august aug août aout agosto augustus ago sierpień sierpnia sie",
    "september sep sept septembre septiembre setiembre settembre setembro set wrzesień września wrz",
    "october oct okt oktober octobre octubre ottobre outubro out październik października paź",
    "november nov novembre noviembre novembro listopad listopada lis",
    "december dec dez dezember décembre déc decembre diciembre dicembre dezembro grudzień grudnia gru",
]
_MONTH_RE = {
    i + 1: "(?:" + "|".join(sorted((re.escape(w) for w in names.split()), key=len, reverse=True)) + ")"
    for i, names in enumerate(_MONTHS)
}


def date_patterns(ymd):
    """Regular expressions for the ways a page may write the date YYYY-MM-DD."""
    y, m, d = ymd.split("-")
    mi, di = int(m), int(d)
    Y = re.escape(y)
    yy = re.escape(y[2:])
    M = f"0?{mi}"
    D = f"0?{di}"
    N = _MONTH_RE[mi]
    nd = r"(?<!\d)"
    na = r"(?!\d)"
    sfx = r"(?:st|nd|rd|th|er|e|º|°)?"
    return [
        rf"{nd}{Y}\s?[-./]\s?{M}\s?[-./]\s?{D}{na}",               # 2014-07-19, 2014/7/19, 2014.07.19
        rf"{nd}{D}\s?[-./]\s?{M}\s?[-./]\s?(?:{Y}|{yy}){na}",      # 19.07.2014, 19/7/14, 19-07-2014
        rf"{nd}{M}/{D}/(?:{Y}|{yy}){na}",                           # 7/19/2014 (US)
        rf"{nd}{Y}\s?年\s?{M}\s?月\s?{D}\s?日",                     # 2014年7月19日
        rf"{nd}{Y}\s?년\s?{M}\s?월\s?{D}\s?일",                     # 2014년 7월 19일
        rf"{nd}{D}{sfx}\.?\s?(?:de |of |-)?{N}\b\.?,?\s?(?:de |del |-)?{Y}{na}",  # 19 July 2014, 19. Juli 2014, 19 de julio de 2014, 19-Jul-2014
        rf"\b{N}\b\.?\s?{D}{sfx},?\s?{Y}{na}",                     # July 19, 2014; Jul 19th 2014
    ]


def date_visible(text, ymd):
    """Whether the date YYYY-MM-DD is written in the text, in one of the
    usual numeric or spelled-out forms (case-insensitive, whitespace
    collapsed)."""
    if not ymd or not text:
        return False
    t = norm(text)
    return any(re.search(p, t, re.IGNORECASE) for p in date_patterns(ymd))

# ---------------------------------------------------------------- report

def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_gold(data, limit):
    text = load_jsonl(os.path.join(data, "text.jsonl"))
    dates = load_jsonl(os.path.join(data, "dates.jsonl"))
    if limit:
        text, dates = text[:limit], dates[:limit]
    return text, dates


def load_results(path):
    rows, timing = {}, None
    for r in load_jsonl(path):
        if "timing" in r:
            timing = r["timing"]
        else:
            rows[r["file"]] = r
    return rows, timing


def score_system(name, rows, timing, text_gold, date_gold):
    """One row of the table, as a dict."""
    out = {"system": name}
    if any("text" in r for r in rows.values()):
        cm = [0, 0, 0, 0]
        for item in text_gold:
            r = rows.get(item["file"])
            result = r.get("text") if r else None
            for i, c in enumerate(count_item(item, result)):
                cm[i] += c
        tp, fp, fn, tn = cm
        p, rc, acc, f1 = text_scores(tp, fp, fn, tn)
        out["text"] = {"pages": len(text_gold), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
                       "precision": p, "recall": rc, "accuracy": acc, "f1": f1}
    if any("date" in r for r in rows.values()):
        cm = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
        pages = 0
        # Text pages: only those whose text shows the date count (the collector
        # writes "date_visible" on every line, failed pages included).
        only_visible = any("date_visible" in x for x in rows.values())
        for item in date_gold:
            r = rows.get(item["file"]) or {}
            if only_visible and not r.get("date_visible"):
                continue
            pages += 1
            cm[date_outcome(item["date"], r.get("date"))] += 1
        p, rc, acc, f1 = date_scores(cm["tp"], cm["fp"], cm["fn"], cm["tn"])
        out["date"] = dict(cm, pages=pages, precision=p, recall=rc, accuracy=acc, f1=f1,
                           given=cm["tp"] + cm["fp"])
    if timing:
        secs, n = timing["seconds"], timing["pages"]
        out["speed"] = {"pages": n, "seconds": secs, "note": timing.get("note")}
    else:
        ms = [r["ms"] for r in rows.values() if isinstance(r.get("ms"), (int, float))]
        if ms:
            out["speed"] = {"pages": len(ms), "seconds": sum(ms) / 1000.0, "note": None}
    if "speed" in out:
        s = out["speed"]
        s["pages_per_s"] = s["pages"] / s["seconds"] if s["seconds"] else None
    out["errors"] = sum(1 for r in rows.values() if r.get("error"))
    return out


def fmt(x):
    return "—" if x is None else f"{x:.3f}"


def table(rows):
    head = ("| system | text pages | P | R | F1 | date pages | dates given | P | R | accuracy | F1 | pages/s |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    lines = []
    for r in rows:
        t, d, s = r.get("text"), r.get("date"), r.get("speed")
        cells = [r["system"]]
        if t:
            cells += [str(t["pages"]), fmt(t["precision"]), fmt(t["recall"]), fmt(t["f1"])]
        else:
            cells += ["—"] * 4
        if d:
            given = f"{d['given']} ({100 * d['given'] / d['pages']:.0f} %)" if d["pages"] else "0"
            # no date given: precision undefined (htmldate would divide by zero)
            cells += [str(d["pages"]), given, fmt(d["precision"] if d["given"] else None), fmt(d["recall"]),
                      fmt(d["accuracy"]), fmt(d["f1"])]
        else:
            cells += ["—"] * 6
        cells.append(f"{s['pages_per_s']:.1f}" if s and s.get("pages_per_s") else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return head + "\n".join(lines)


def targets(by):
    """The issue's targets, each as (text, met or None when not measurable)."""
    out = []
    f_html, f_text = by.get("fihris HTML"), by.get("fihris text (lynx)")
    f_reader = by.get("fihris reader")
    traf, hx = by.get("trafilatura"), by.get("htmldate extensive")

    def get(row, *keys):
        for k in keys:
            if row is None or k not in row:
                return None
            row = row[k]
        return row

    a, b = get(f_html, "text", "f1"), get(traf, "text", "f1")
    out.append((f"HTML main text F1 ≥ trafilatura's: {fmt(a)} vs {fmt(b)}",
                None if a is None or b is None else a >= b))
    a = get(f_html, "text", "precision")
    out.append((f"HTML main text precision ≥ 0.95: {fmt(a)}", None if a is None else a >= 0.95))
    a, b = get(f_html, "date", "accuracy"), get(hx, "date", "accuracy")
    out.append((f"HTML dates accuracy ≥ htmldate extensive's: {fmt(a)} vs {fmt(b)}",
                None if a is None or b is None else a >= b))
    a = get(f_html, "date", "precision")
    out.append((f"HTML dates precision ≥ 0.95: {fmt(a)}", None if a is None else a >= 0.95))
    a, b = get(f_text, "text", "f1"), get(f_html, "text", "f1")
    out.append((f"text pages main text F1 within 0.05 of HTML's: {fmt(a)} vs {fmt(b)}",
                None if a is None or b is None else a >= b - 0.05))
    a, given = get(f_text, "date", "precision"), get(f_text, "date", "given")
    out.append((f"text pages date precision ≥ 0.95: {fmt(a) if given else 'no date given'}",
                None if a is None else (given > 0 and a >= 0.95)))
    # The whole `fihris index`, then the same work as the anchors' timing:
    # the reader alone, one page at a time, in the library.
    b = get(traf, "speed", "pages_per_s")
    for row, what in ((f_html, ""), (f_reader, ", reader alone timed as the anchors")):
        a = get(row, "speed", "pages_per_s")
        ratio = a / b if a and b else None
        out.append((f"speed ≥ 10× trafilatura's{what}: {fmt(ratio) + '×' if ratio else '—'}",
                    None if ratio is None else ratio >= 10))
    return out


def misses(name, rows, text_gold, date_gold, lynx_dir, url_of, txt_names):
    """fihris's failures per page: with-snippets missing (false negatives),
    without-snippets present (false positives), wrong or missing dates."""
    lynx_cache = {}

    def lynx_text(file):
        if not lynx_dir:
            return None
        if file not in lynx_cache:
            p = os.path.join(lynx_dir, txt_names.get(file) or txt_name(file))
            try:
                with open(p, encoding="utf-8", errors="replace") as f:
                    lynx_cache[file] = norm(f.read())
            except OSError:
                lynx_cache[file] = None
        return lynx_cache[file]

    pages = {}

    def page(file):
        if file not in pages:
            r = rows.get(file) or {}
            body = r.get("text") or ""
            pages[file] = {"system": name, "file": file, "url": url_of.get(file),
                           "title": r.get("title"), "body_chars": len(body)}
            if r.get("skipped") or not r:
                pages[file]["skipped"] = r.get("skipped") or "no result"
        return pages[file]

    for item in text_gold:
        r = rows.get(item["file"]) or {}
        body = norm(r.get("text") or "")
        title = norm(r.get("title") or "")
        boiler = norm(r.get("boilerplate") or "")
        lx = lynx_text(item["file"])
        for w in item["with"]:
            w = norm(w)
            if w not in body:
                e = {"snippet": w, "in_title": w in title, "in_boilerplate": w in boiler}
                if lx is not None:
                    e["in_lynx"] = w in lx
                page(item["file"]).setdefault("fn", []).append(e)
        for w in item["without"]:
            w = norm(w)
            at = body.find(w)
            if at >= 0:
                page(item["file"]).setdefault("fp", []).append(
                    {"snippet": w, "at": round(at / max(len(body), 1), 2),
                     "context": body[max(0, at - 80): at + len(w) + 80]})
    for item in date_gold:
        r = rows.get(item["file"]) or {}
        if "date_visible" in r and not r["date_visible"]:
            continue
        got = r.get("date")
        o = date_outcome(item["date"], got)
        if o in ("fp", "fn"):
            page(item["file"])["date"] = {"gold": item["date"], "got": got,
                                         "outcome": "wrong" if o == "fp" else "missing"}
    return list(pages.values())


def txt_name(file):
    """The text page's name for a page file: NAME.html.gz → NAME.txt."""
    base = file[:-3] if file.endswith(".gz") else file
    for ext in (".html", ".htm"):
        if base.endswith(ext):
            base = base[: -len(ext)]
            break
    return base + ".txt"


def cmd_report(args):
    text_gold, date_gold = load_gold(args.data, args.limit)
    url_of = {x["file"]: x["url"] for x in text_gold + date_gold}
    txt_names = {}  # page file → its text page's name (bench/web/collect.py's names.tsv)
    if args.names:
        with open(args.names, encoding="utf-8") as f:
            txt_names = {p[0]: p[2] for p in (line.rstrip("\n").split("\t") for line in f) if len(p) == 3}
    rows, by = [], {}
    with open(args.misses, "w", encoding="utf-8") as mf:
        for name, path in args.system:
            if not os.path.exists(path):
                continue
            res, timing = load_results(path)
            row = score_system(name, res, timing, text_gold, date_gold)
            rows.append(row)
            by[name] = row
            if name.startswith("fihris"):
                for m in misses(name, res, text_gold, date_gold, args.lynx_dir, url_of, txt_names):
                    mf.write(json.dumps(m, ensure_ascii=False) + "\n")
    out = [table(rows), ""]
    notes = [f"- {n}" for n in args.note]
    # fihris's HTML dates on the pages the text row is scored on (those whose
    # text shows the date), to compare the two rows on the same pages
    if "fihris HTML" in by and "fihris text (lynx)" in by and "date" in by["fihris text (lynx)"]:
        t_rows, _ = load_results(dict(args.system)["fihris text (lynx)"])
        h_rows, _ = load_results(dict(args.system)["fihris HTML"])
        subset = [x for x in date_gold if (t_rows.get(x["file"]) or {}).get("date_visible")]
        sub = score_system("", h_rows, None, [], subset).get("date")
        if sub:
            notes.append(f"- fihris text (lynx): dates scored on the {len(subset)} of {len(date_gold)} pages "
                         f"whose text shows the date; fihris HTML on those pages: precision "
                         f"{fmt(sub['precision'])}, recall {fmt(sub['recall'])}, accuracy {fmt(sub['accuracy'])}")
    for r in rows:
        s = r.get("speed") or {}
        if s.get("note"):
            notes.append(f"- {r['system']}: {s['note']}")
        if r.get("errors"):
            notes.append(f"- {r['system']}: {r['errors']} pages failed (counted as empty)")
    if notes:
        out += notes + [""]
    out.append("Targets (issue):")
    for text, met in targets(by):
        out.append(f"- {'met' if met else ('not met' if met is False else 'not measured')}: {text}")
    report = "\n".join(out) + "\n"
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(report)
    with open(os.path.splitext(args.out)[0] + ".json", "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1, ensure_ascii=False)
    sys.stdout.write(report)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    rp = sub.add_parser("report")
    rp.add_argument("--data", required=True)
    rp.add_argument("--limit", type=int, default=0)
    rp.add_argument("--lynx-dir")
    rp.add_argument("--names", help="names.tsv: page file, HTML name, text name")
    rp.add_argument("--out", required=True)
    rp.add_argument("--misses", required=True)
    rp.add_argument("--note", action="append", default=[], help="a line under the table")
    rp.add_argument("--system", nargs=2, action="append", default=[], metavar=("NAME", "RESULTS"))
    args = ap.parse_args()
    cmd_report(args)


if __name__ == "__main__":
    main()
