#!/usr/bin/env python3
"""Helper of bench/precision.sh: matching precision and recall of one-word
searches against labelled words (see bench/precision/README.md).

Subcommands (standard library only):

  fihris BIN INDEX WORDS OUT [FLAG...]
      Runs `BIN --index INDEX search --no-cross --json --limit 100000 [FLAG...] -- WORD`
      for every word of WORDS (a few at a time), writes {word: [ids]} to OUT.
      Exit 1 = no hit (empty set); exit 2 = error, and this helper stops with
      status 2 -- except when the binary rejects one of the FLAGs ("unexpected
      argument"), where it stops with status 3 and writes nothing.
  topics WORDS OUT.tsv
      Anserini topics: "N<TAB>word", N = the word's line number (1, 2, ...).
  trec RUN WORDS OUT
      TREC run file -> {word: [docids]} (every word present, [] when no hit).
  score LANG NEWS.jsonl.gz WORDS OUT.json FPS.txt NAME=IDS.json...
      The truth, then matched / true / tp / P / R per word and system, and the
      macro and micro averages, into OUT.json; false-positive tokens of the
      first system into FPS.txt.
  report OUT.md WHEN NOTES SCORE.json...
      The Markdown report (summary table, the lines of the file NOTES if it
      exists, one per-word table per language, "run on WHEN") into OUT.md; the
      summary table on stdout.

WORDS is JSON Lines: {"word", "gloss", "topic", "rule", "true", "lookalikes"};
"true" is a Python regex, fullmatched against each normalized token.

Truth: article text = title + "\\n" + body; NFC, str.lower(), U+064B-U+065F,
U+0670 and U+0640 removed; tokens = re.findall(r"[^\\W_]+", text). An article
is true for a word when one of its tokens fullmatches the word's regex. A
record whose id was already seen is skipped (first one wins, as in fihris).
"""

import collections
import concurrent.futures
import functools
import gzip
import json
import os
import re
import subprocess
import sys
import unicodedata
from array import array

TOKEN = re.compile(r"[^\W_]+")
MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")
LIMIT = "100000"


def die(msg, code=2):
    print("precision: " + msg, file=sys.stderr)
    sys.exit(code)


def read_words(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                w = json.loads(line)
                w["_re"] = re.compile(w["true"])
            except (ValueError, KeyError, re.error) as e:
                die("%s:%d: %s" % (path, n, e))
            if not isinstance(w.get("word"), str) or not w["word"].strip():
                die("%s:%d: no word" % (path, n))
            words.append(w)
    seen = set()
    for w in words:
        if w["word"] in seen:
            die("%s: %r twice" % (path, w["word"]))
        seen.add(w["word"])
    return words


def normalize(text):
    return MARKS.sub("", unicodedata.normalize("NFC", text).lower())


# ---------------------------------------------------------------- systems

def run_fihris(binary, index, words_path, out, flags):
    words = [w["word"] for w in read_words(words_path)]

    def one(word):
        cmd = [binary, "--index", index, "search", "--no-cross", "--json",
               "--limit", LIMIT] + flags + ["--", word]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode == 1:
            return word, [], None
        if p.returncode != 0:
            return word, None, (p.returncode, p.stderr.strip())
        ids = [json.loads(l)["id"] for l in p.stdout.splitlines() if l.strip()]
        if len(ids) >= int(LIMIT):
            return word, None, (0, "%s hits, the limit: raise LIMIT in score.py" % LIMIT)
        return word, ids, None

    # The first word alone: a rejected flag stops everything at once.
    results = {}
    if words:
        word, ids, err = one(words[0])
        if err:
            if "unexpected argument" in err[1]:
                print(err[1].splitlines()[0], file=sys.stderr)
                sys.exit(3)
            die("fihris search %r failed (exit %d): %s" % (word, err[0], err[1]))
        results[word] = ids
    workers = max(1, min(8, os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for word, ids, err in pool.map(one, words[1:]):
            if err:
                die("fihris search %r failed (exit %d): %s" % (word, err[0], err[1]))
            results[word] = ids
    with open(out, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)


def topics(words_path, out):
    with open(out, "w", encoding="utf-8") as f:
        for n, w in enumerate(read_words(words_path), 1):
            f.write("%d\t%s\n" % (n, " ".join(w["word"].split())))


def trec(run, words_path, out):
    words = read_words(words_path)
    by_qid = {str(n): [] for n in range(1, len(words) + 1)}
    with open(run, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[0] in by_qid:
                by_qid[parts[0]].append(parts[2])
    for ids in by_qid.values():
        if len(ids) >= int(LIMIT):
            die("lucene: %s hits for one word, the limit" % LIMIT)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({w["word"]: by_qid[str(n)] for n, w in enumerate(words, 1)}, f, ensure_ascii=False)


# ---------------------------------------------------------------- truth

class Corpus:
    """Every article's distinct tokens, as ids into one vocabulary, and the
    postings (token id -> article numbers) to find a word's true articles."""

    def __init__(self, news):
        self.ids = []            # article number -> id
        self.vocab = {}          # token -> token id
        self.tokens = []         # token id -> token
        self.postings = []       # token id -> array of article numbers
        self.doc_tokens = []     # article number -> array of token ids
        seen = set()
        with gzip.open(news, "rt", encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                a = json.loads(line)
                if a.get("id") in seen:
                    continue
                seen.add(a.get("id"))
                doc = len(self.ids)
                self.ids.append(a.get("id"))
                text = normalize((a.get("title") or "") + "\n" + (a.get("body") or ""))
                toks = array("I")
                for t in set(TOKEN.findall(text)):
                    tid = self.vocab.get(t)
                    if tid is None:
                        tid = self.vocab[t] = len(self.tokens)
                        self.tokens.append(t)
                        self.postings.append(array("I"))
                    self.postings[tid].append(doc)
                    toks.append(tid)
                self.doc_tokens.append(toks)
        self.doc_of = {i: n for n, i in enumerate(self.ids)}

    def true_tokens(self, regex):
        return {tid for tid, t in enumerate(self.tokens) if regex.fullmatch(t)}

    def articles(self, tids):
        docs = set()
        for tid in tids:
            docs.update(self.postings[tid])
        return docs


AR_PREFIXES = ("و", "ب", "ل")


@functools.lru_cache(maxsize=None)
def fp_keys(token, lang):
    """The first three letters of a token's possible bare forms: for Arabic
    with and without a leading و/ب/ل and then ال (لل = ل + ال); for French
    without accents. A token is a look-alike of a word when these meet."""
    if lang == "fr":
        bare = "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.combining(c))
        return frozenset([bare[:3]])
    forms = {token}
    if token[:1] in AR_PREFIXES:
        forms.add(token[1:])
    if token.startswith("لل"):
        forms.add("ا" + token[1:])        # للعمل = ل + العمل
    for f in list(forms):
        if f.startswith("ال"):
            forms.add(f[2:])
    return frozenset(f[:3] for f in forms if len(f) >= 3)


def score(lang, news, words_path, out, fps_path, systems):
    words = read_words(words_path)
    corpus = Corpus(news)
    print("precision: %s: %d articles, %d distinct tokens" % (lang, len(corpus.ids), len(corpus.tokens)),
          file=sys.stderr)
    results = collections.OrderedDict()
    for spec in systems:
        name, _, path = spec.partition("=")
        with open(path, encoding="utf-8") as f:
            results[name] = json.load(f)

    rows = []
    fps = []
    totals = {name: {"matched": 0, "true": 0, "tp": 0} for name in results}
    per_sys = {name: {"p": [], "r": [], "empty": [], "unknown": 0} for name in results}
    for w in words:
        tids = corpus.true_tokens(w["_re"])
        true_docs = corpus.articles(tids)
        true_ids = {corpus.ids[d] for d in true_docs}
        row = {"word": w["word"], "gloss": w.get("gloss", ""), "topic": w.get("topic", ""),
               "true": len(true_ids), "true_forms": len(tids), "systems": {}}
        for name, res in results.items():
            matched = set(res.get(w["word"], []))
            tp = len(matched & true_ids)
            unknown = sum(1 for i in matched if i not in corpus.doc_of)
            p = tp / len(matched) if matched else 1.0
            r = tp / len(true_ids) if true_ids else None
            row["systems"][name] = {"matched": len(matched), "tp": tp, "p": p, "r": r,
                                    "unknown_ids": unknown}
            t = totals[name]
            t["matched"] += len(matched)
            t["true"] += len(true_ids)
            t["tp"] += tp
            s = per_sys[name]
            s["p"].append(p)
            if r is not None:
                s["r"].append(r)
            if not matched:
                s["empty"].append(w["word"])
            s["unknown"] += unknown
            if name == next(iter(results)):
                fps.append((w, matched - true_ids, tids))
        rows.append(row)

    summary = {}
    for name in results:
        s, t = per_sys[name], totals[name]
        summary[name] = {
            "words": len(words),
            "macro_p": sum(s["p"]) / len(s["p"]) if s["p"] else None,
            "macro_r": sum(s["r"]) / len(s["r"]) if s["r"] else None,
            "micro_p": t["tp"] / t["matched"] if t["matched"] else 1.0,
            "micro_r": t["tp"] / t["true"] if t["true"] else None,
            "empty_words": s["empty"],
            "words_without_truth": len(words) - len(s["r"]),
            "unknown_ids": s["unknown"],
            **t,
        }
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"lang": lang, "articles": len(corpus.ids), "systems": list(results),
                   "summary": summary, "words": rows}, f, ensure_ascii=False, indent=1)

    if results:
        first = next(iter(results))
        with open(fps_path, "a", encoding="utf-8") as f:
            f.write("# %s: %s, false positives per word: the 5 tokens sharing the word's first 3 letters\n"
                    "# (prefixes/accents aside) found in most false-positive articles (count = articles)\n"
                    % (lang, first))
            for w, fp_ids, tids in fps:
                keys = fp_keys(normalize(w["word"]), lang)
                counts = collections.Counter()
                for i in fp_ids:
                    d = corpus.doc_of.get(i)
                    if d is None:
                        continue
                    for tid in corpus.doc_tokens[d]:
                        if tid not in tids and fp_keys(corpus.tokens[tid], lang) & keys:
                            counts[tid] += 1
                top = ", ".join("%s %d" % (corpus.tokens[tid], c) for tid, c in counts.most_common(5))
                f.write("%s\t%s\t%d false positives\t%s\n" % (lang, w["word"], len(fp_ids), top or "-"))


# ---------------------------------------------------------------- report

def fmt(x):
    return "n/a" if x is None else "%.3f" % x


def report(notes_path, paths):
    langs = [json.load(open(p, encoding="utf-8")) for p in paths]
    systems = []
    for L in langs:
        for s in L["systems"]:
            if s not in systems:
                systems.append(s)
    out = ["| system | language | words | macro P | macro R | micro P | micro R |",
           "|---|---|---|---|---|---|---|"]
    notes = []
    for s in systems:
        for L in langs:
            m = L["summary"].get(s)
            if m is None:
                continue
            out.append("| %s | %s | %d | %s | %s | %s | %s |" % (
                s, L["lang"], m["words"], fmt(m["macro_p"]), fmt(m["macro_r"]),
                fmt(m["micro_p"]), fmt(m["micro_r"])))
            if m["empty_words"]:
                notes.append("%s %s matches nothing for %d word(s), each counted as precision 1: %s"
                             % (s, L["lang"], len(m["empty_words"]), ", ".join(m["empty_words"])))
            if m["unknown_ids"]:
                notes.append("%s %s returned %d id(s) that are not in the data (counted as false positives)"
                             % (s, L["lang"], m["unknown_ids"]))
    if os.path.exists(notes_path):
        with open(notes_path, encoding="utf-8") as f:
            notes += [l.strip() for l in f if l.strip()]
    for L in langs:
        m = next(iter(L["summary"].values()), None)
        if m and m["words_without_truth"]:
            notes.append("%s: %d word(s) with no true article, left out of macro R"
                         % (L["lang"], m["words_without_truth"]))
    out.append("")
    out += ["- " + n for n in notes]
    if notes:
        out.append("")
    summary = "\n".join(out)

    body = [summary]
    for L in langs:
        body.append("### %s (%d articles)\n" % (L["lang"], L["articles"]))
        head = "| word | gloss | true |" + "".join(" %s matched | P | R |" % s for s in L["systems"])
        body.append(head)
        body.append("|---|---|---|" + "---|---|---|" * len(L["systems"]))
        for r in L["words"]:
            cells = ""
            for s in L["systems"]:
                x = r["systems"][s]
                p = fmt(x["p"]) + ("*" if x["matched"] == 0 else "")
                cells += " %d | %s | %s |" % (x["matched"], p, fmt(x["r"]))
            gloss = str(r["gloss"]).replace("|", "\\|")
            body.append("| %s | %s | %d |%s" % (r["word"], gloss, r["true"], cells))
        body.append("\n\\* nothing matched: precision counted as 1. "
                    "R is n/a for a word with no true article.\n")
    return summary, "\n".join(body)


def main(argv):
    if len(argv) < 2:
        die(__doc__.strip())
    cmd, args = argv[1], argv[2:]
    if cmd == "fihris" and len(args) >= 4:
        run_fihris(args[0], args[1], args[2], args[3], args[4:])
    elif cmd == "topics" and len(args) == 2:
        topics(*args)
    elif cmd == "trec" and len(args) == 3:
        trec(*args)
    elif cmd == "score" and len(args) >= 5:
        score(args[0], args[1], args[2], args[3], args[4], args[5:])
    elif cmd == "report" and len(args) >= 4:
        summary, full = report(args[2], args[3:])
        with open(args[0], "w", encoding="utf-8") as f:
            f.write("## Matching precision and recall of one-word searches\n\n%s\nrun on %s\n" % (full, args[1]))
        print(summary, end="")
    else:
        die("bad arguments: %s" % " ".join(argv[1:]))


if __name__ == "__main__":
    main(sys.argv)
