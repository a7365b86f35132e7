#!/usr/bin/env python3
"""Near-duplicate test set for `fihris dups` (issue 7), its scoring, and a
Python reference (exact Jaccard over word shingles).

    python3 bench/dups_testset.py build OUT [--data DIR] [--seed N] [--fr N] [--ar N]
    python3 bench/dups_testset.py stats OUT [--shingles 2,3,5]
    python3 bench/dups_testset.py score OUT/truth.jsonl PRED.jsonl [--label L] [--json]
    python3 bench/dups_testset.py reference OUT [--threshold T] [--shingle K] > pred.jsonl
    python3 bench/dups_testset.py selftest

Python 3 standard library only; deterministic for a given seed.

`build` reads ../shared/data (fr_news.jsonl.gz, ar_news.jsonl.gz; skips with
a message when absent) and writes
  OUT/corpus/            the folder to index (`fihris index OUT/corpus`):
    originals.jsonl      originals kept as records (id = the data's id)
    distractors.jsonl    unrelated articles, mostly on the same subject as an
                         original (id = the data's id)
    <site>/<name>.html   rewritten copies, originals and same-site negatives
    <site>/<name>.txt    dressed in a site's page furniture; the id fihris
                         gives a file is its path relative to the indexed
                         folder, e.g. "echo-du-sahel/fr-c0012-2.html"
  OUT/truth.jsonl        one line per story cluster (singletons included):
                         {"cluster", "lang", "kind", "original", "members":
                         [{"id", "role", "site", "format", "date", "edits"}]}
                         kind: "story" (an original and its copies),
                         "distractor", "same-site" (a story sharing its site's
                         boilerplate with another one), "donor" never appears
                         (donor articles lend a paragraph and are not indexed).
  OUT/clean.jsonl        per id: the article text ingestion should keep
                         ("body") and the page furniture it should drop
                         ("furniture"), for `stats` and `reference`.

Copies. Each original gets 1-3 copies, each a random mix of: sentences moved
within or between paragraphs / paragraphs swapped; one paragraph deleted; a
paragraph added from a same-subject article (a "donor", used once, not
indexed); a changed headline; light word edits (a few words dropped or
replaced); with probability 0.2 a heavy rewrite (more word edits, deletion and
addition together). Always: another outlet (a fictional site), a date 1-6
days after the original's, and that site's boilerplate: HTML pages with
header/nav, sidebar "Les plus lus"/"الأكثر قراءة", "Lire aussi"/"اقرأ أيضا"
teasers (in an aside, inline in the article, or as a trailing list), share
lines, a footer with a site-specific "about" paragraph and a copyright line;
or .txt files with a date and "Source :" header, teasers after "Lire aussi :"
and a copyright footer. Arabic bodies (one paragraph, line-broken) and
one-paragraph French bodies are re-split into paragraphs of 2-4 sentences in
the copies. 25% of originals are themselves written as a site page.

Negatives. (a) Distractors: for every original its 3 nearest articles by
TF-IDF (same category for Arabic; the French data has no category), plus
random articles, about 3,000 French and 1,500 Arabic. (b) Same-site pairs:
two different stories (short ones, half of the pairs nearest neighbours on
the same subject) rendered with the same site's template, teasers and about
paragraph.

Ground truth and the duplicates of the source data. About 3,500 French
bodies are duplicated in OrangeSum. Before sampling, every article whose
normalized body (lowercase, letters and digits only, Arabic letter variants
folded) or normalized title occurs more than once is dropped (all copies, not
kept once: a "unique" survivor could still be a near copy of a dropped one's
twin), as is any article whose first or last 30 normalized words occur in
another article's same position. Then every article that enters the set
(original, distractor, same-site story, donor) is accepted greedily only if
it shares less than 5% of its word 5-shingles (relative to the smaller
article) and fewer than 12 5-shingles with every article already accepted;
otherwise it is skipped and the next candidate is drawn.
"""

import argparse
import gzip
import html
import json
import math
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- text utils

_AR_DIACRITICS = re.compile("[\u064b-\u0652\u0640\u0670]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_WORD = re.compile(r"\w+")


def norm_words(text):
    """Lowercased words (letters/digits), accents and Arabic variants folded."""
    text = _AR_DIACRITICS.sub("", text.lower()).translate(_AR_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _WORD.findall(text)


def shingles(words, k):
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def jaccard(a, b):
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


_SENT = re.compile(r"(?<=[.!?؟…])[\"»”]?\s+")


def sentences(paragraph):
    return [s.strip() for s in _SENT.split(paragraph) if s.strip()]


def structure(body, lang):
    """Paragraphs as lists of sentences; short paragraph lists re-split."""
    if lang == "ar":
        paras = [p for p in re.split(r"\n+", body) if p.strip()]
    else:
        paras = [p for p in body.split("\n\n") if p.strip()]
    paras = [sentences(" ".join(p.split())) for p in paras]
    paras = [p for p in paras if p]
    if len(paras) < 3:
        flat = [s for p in paras for s in p]
        out, i = [], 0
        size = 2 if len(flat) < 9 else 3
        while i < len(flat):
            out.append(flat[i:i + size])
            i += size
        if len(out) > 1 and len(out[-1]) == 1:
            out[-2].extend(out.pop())
        paras = out
    return paras


def render_body(paras):
    return "\n\n".join(" ".join(p) for p in paras)


def norm_date(d):
    if not d:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", d)
    if m:
        return m.group(0)
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})", d)
    if m:
        return "%s-%02d-%02d" % (m.group(3), int(m.group(2)), int(m.group(1)))
    return None


def add_days(date, days):
    import datetime
    y, m, d = map(int, date.split("-"))
    return (datetime.date(y, m, d) + datetime.timedelta(days=days)).isoformat()


FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
AR_MONTHS = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]

# ---------------------------------------------------------------- sites

SITES = {
    "fr": [
        ("echo-du-sahel", "L'Écho du Sahel", "html"),
        ("gazette-estuaire", "La Gazette de l'Estuaire", "html"),
        ("matin-hauts-plateaux", "Le Matin des Hauts-Plateaux", "html"),
        ("actu-mediterranee", "Actu Méditerranée", "html"),
        ("republicain-du-sud", "Le Républicain du Sud", "html"),
        ("nouvelles-du-jura", "Les Nouvelles du Jura", "html"),
        ("petit-journal-centre", "Le Petit Journal du Centre", "html"),
        ("vigie-atlantique", "La Vigie atlantique", "html"),
        ("depeche-littoral", "La Dépêche du Littoral", "txt"),
        ("courrier-des-vallees", "Le Courrier des Vallées", "txt"),
        ("info-express-est", "Info Express Est", "txt"),
    ],
    "ar": [
        ("sada-assahil", "صدى الساحل", "html"),
        ("nabd-almadina", "نبض المدينة", "html"),
        ("sawt-aljanoub", "صوت الجنوب", "html"),
        ("almarsad", "المرصد الإخباري", "html"),
        ("anba-almaghrib", "أنباء المغرب العربي", "html"),
        ("alwasat-news", "جريدة الوسط اليومية", "html"),
        ("akhbar-assabah", "أخبار الصباح", "txt"),
        ("arrai-alhorr", "الرأي الحر", "txt"),
    ],
}

NAV = {
    "fr": ["Accueil", "Actualité", "Politique", "Économie", "Sport", "Culture", "Régions", "Monde",
           "Opinions", "Vidéos", "Contact"],
    "ar": ["الرئيسية", "أخبار وطنية", "سياسة", "اقتصاد", "رياضة", "ثقافة", "جهات", "العالم",
           "رأي", "فيديو", "اتصل بنا"],
}

ABOUT = {
    "fr": ("{site} est un quotidien d'information générale et régionale fondé en {year0}. "
           "Notre rédaction de {n} journalistes couvre l'actualité politique, économique, sportive "
           "et culturelle de la région et du monde, avec des correspondants dans chaque département "
           "et une édition numérique mise à jour sept jours sur sept."),
    "ar": ("{site} صحيفة يومية إخبارية مستقلة تأسست سنة {year0}، يعمل في هيئة تحريرها {n} صحفيا "
           "يغطون الأحداث السياسية والاقتصادية والرياضية والثقافية في الجهات وفي العالم، ولها مراسلون "
           "في كل الولايات وطبعة رقمية يتم تحديثها على مدار الساعة طيلة أيام الأسبوع."),
}
TAGLINE = {"fr": "L'information au plus près de chez vous", "ar": "الخبر كما هو، من قلب الحدث"}
TEASER_HEAD = {"fr": ["Lire aussi", "À lire également", "Sur le même sujet"],
               "ar": ["اقرأ أيضا", "مواضيع ذات صلة", "اقرأ كذلك"]}
MOST_READ = {"fr": "Les plus lus", "ar": "الأكثر قراءة"}
SHARE = {"fr": "Partager sur Facebook · Twitter · WhatsApp · E-mail",
         "ar": "شارك على فيسبوك · تويتر · واتساب"}
COPYRIGHT = {"fr": "© {year} {site} – Tous droits réservés",
             "ar": "© {year} {site} - جميع الحقوق محفوظة"}
FOOTER_LINKS = {"fr": "Mentions légales · Contact · Publicité · Abonnement",
                "ar": "من نحن · اتصل بنا · الإشهار · سياسة الخصوصية"}
TXT_SHARE = {"fr": "Partagez cet article avec vos proches", "ar": "شارك المقال مع أصدقائك"}


def make_site(slug, name, fmt, lang, rng, teaser_titles):
    return {
        "slug": slug, "name": name, "format": fmt, "lang": lang,
        "wrap": rng.choice(["article", "main", "div"]),
        "teasers": rng.choice(["aside", "inline", "tail", "list"]),
        "teaser_head": rng.choice(TEASER_HEAD[lang]),
        "teaser_titles": teaser_titles,
        "dateline": rng.random() < 0.5,
        "byline": rng.random() < 0.4,
        "byline_text": rng.choice(BYLINES[lang]),
        "about": ABOUT[lang].format(site=name, year0=rng.randint(1948, 2005), n=rng.randint(12, 140)),
    }


def human_date(date, lang):
    y, m, d = date.split("-")
    months = FR_MONTHS if lang == "fr" else AR_MONTHS
    if lang == "fr":
        return "%d %s %s" % (int(d), months[int(m) - 1], y)
    return "%d %s %s" % (int(d), months[int(m) - 1], y)


BYLINES = {"fr": ["Par la rédaction", "Par notre correspondant", "Par Claire Martin", "Par Karim Benali"],
           "ar": ["بقلم هيئة التحرير", "مراسلنا", "بقلم سامي الهمامي"]}


def render_html(site, title, paras, date, rng):
    lang = site["lang"]
    e = html.escape
    year = date[:4]
    teasers = site["teaser_titles"]
    out = ['<!DOCTYPE html>', '<html lang="%s"%s>' % (lang, ' dir="rtl"' if lang == "ar" else ""), "<head>",
           '<meta charset="utf-8">',
           "<title>%s | %s</title>" % (e(title), e(site["name"])),
           '<meta property="og:site_name" content="%s">' % e(site["name"]),
           '<meta property="og:title" content="%s">' % e(title),
           '<meta property="article:published_time" content="%sT%02d:%02d:00+01:00">'
           % (date, rng.randint(6, 22), rng.randint(0, 59)),
           '<link rel="stylesheet" href="/static/%s.css">' % site["slug"],
           "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>",
           "<style>body{font-family:serif}.nav li{display:inline}</style>",
           "</head>", "<body>",
           '<header class="site-header"><div class="logo"><a href="/">%s</a></div>'
           '<p class="tagline">%s</p>' % (e(site["name"]), e(TAGLINE[lang])),
           '<nav class="nav"><ul>%s</ul></nav></header>'
           % "".join('<li><a href="/%d">%s</a></li>' % (i, e(n)) for i, n in enumerate(NAV[lang]))]
    wrap = site["wrap"]
    out.append({"article": "<article>", "main": "<main>", "div": '<div class="content">'}[wrap])
    out.append("<h1>%s</h1>" % e(title))
    if site["byline"]:
        out.append('<p class="byline">%s</p>' % e(site["byline_text"]))
    if site["dateline"]:
        pub = ("Publié le %s" if lang == "fr" else "نشر في %s") % human_date(date, lang)
        out.append('<p class="date"><time datetime="%s">%s</time></p>' % (date, e(pub)))
    for i, p in enumerate(paras):
        out.append("<p>%s</p>" % e(" ".join(p)))
        if site["teasers"] == "inline" and i == min(1, len(paras) - 2):
            out.append('<p class="read-also"><strong>%s :</strong> <a href="/a/1">%s</a></p>'
                       % (e(site["teaser_head"]), e(teasers[0])))
    if site["teasers"] == "tail":
        out.append('<div class="related"><h2>%s</h2><ul>%s</ul></div>' % (
            e(site["teaser_head"]), "".join('<li><a href="/a/%d">%s</a></li>' % (i, e(t))
                                             for i, t in enumerate(teasers))))
    elif site["teasers"] == "list":
        out.append('<ul class="more">%s</ul>' % "".join(
            '<li><a href="/a/%d">%s</a></li>' % (i, e(t)) for i, t in enumerate(teasers)))
    out.append('<div class="share">%s</div>' % e(SHARE[lang]))
    out.append({"article": "</article>", "main": "</main>", "div": "</div>"}[wrap])
    out.append('<aside class="sidebar"><h3>%s</h3><ol>%s</ol></aside>' % (
        e(MOST_READ[lang]), "".join("<li><a href=\"/m/%d\">%s</a></li>" % (i, e(t))
                                     for i, t in enumerate(reversed(teasers)))))
    out.append('<footer><p class="about">%s</p><p>%s</p><p>%s</p></footer>' % (
        e(site["about"]), e(COPYRIGHT[lang].format(year=year, site=site["name"])), e(FOOTER_LINKS[lang])))
    out.append('<script src="/static/analytics.js"></script>')
    out.append("</body></html>")
    furniture = [site["name"], TAGLINE[lang], " ".join(NAV[lang]), site["teaser_head"]] + teasers \
        + [SHARE[lang], MOST_READ[lang], site["about"], COPYRIGHT[lang].format(year=year, site=site["name"]),
           FOOTER_LINKS[lang]]
    return "\n".join(out) + "\n", furniture


def render_txt(site, title, paras, date, rng):
    lang = site["lang"]
    y, m, d = date.split("-")
    if lang == "fr":
        dl = rng.choice(["%s/%s/%s" % (d, m, y), "Publié le %s" % human_date(date, lang)])
        src = "Source : %s" % site["name"]
    else:
        dl = "%s/%s/%s" % (d, m, y)
        src = "المصدر: %s" % site["name"]
    lines = [title, dl, src, ""]
    for p in paras:
        lines += [" ".join(p), ""]
    lines += ["%s :" % site["teaser_head"], ""]
    for t in site["teaser_titles"]:
        lines += [t, ""]
    lines += [TXT_SHARE[lang], COPYRIGHT[lang].format(year=y, site=site["name"])]
    furniture = [site["teaser_head"]] + site["teaser_titles"] + [
        TXT_SHARE[lang], COPYRIGHT[lang].format(year=y, site=site["name"])]
    return "\n".join(lines) + "\n", furniture


# ---------------------------------------------------------------- data

def load(data_dir, lang):
    path = os.path.join(data_dir, "%s_news.jsonl.gz" % lang)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        arts = [json.loads(line) for line in f if line.strip()]
    for a in arts:
        a["date"] = norm_date(a.get("date"))
        a["words"] = norm_words(a["body"])
    return arts


def exact_dedup(arts):
    """Drops every article whose normalized body, title, first or last 30
    words are shared with another article (all of them, not one kept)."""
    keys = [lambda a: " ".join(a["words"]),
            lambda a: " ".join(norm_words(a["title"])),
            lambda a: " ".join(a["words"][:30]),
            lambda a: " ".join(a["words"][-30:])]
    bad = set()
    for key in keys:
        seen = defaultdict(list)
        for i, a in enumerate(arts):
            k = key(a)
            if k:
                seen[k].append(i)
        for ids in seen.values():
            if len(ids) > 1:
                bad.update(ids)
    return [a for i, a in enumerate(arts) if i not in bad], len(bad)


class Accepted:
    """Articles accepted into the set; refuses one sharing 5-shingles with any."""

    def __init__(self):
        self.index = defaultdict(list)
        self.sizes = []
        self.ids = set()
        self.rejected = 0

    def try_add(self, art):
        if art["id"] in self.ids:
            return False
        sh = shingles(art["words"], 5)
        shared = Counter()
        for s in sh:
            for j in self.index.get(s, ()):
                shared[j] += 1
        for j, c in shared.items():
            if c >= 12 or c >= 0.05 * min(len(sh), self.sizes[j]):
                self.rejected += 1
                return False
        n = len(self.sizes)
        self.sizes.append(len(sh))
        for s in sh:
            self.index[s].append(n)
        self.ids.add(art["id"])
        return True


class Neighbours:
    """Same-subject articles by TF-IDF over content words."""

    def __init__(self, arts):
        self.arts = arts
        df = Counter()
        for a in arts:
            df.update(set(w for w in a["words"] if len(w) > 3 and not w.isdigit()))
        n = len(arts)
        self.idf = {w: math.log(n / c) for w, c in df.items() if 2 <= c <= 0.05 * n}
        self.top = []
        self.post = defaultdict(list)
        for i, a in enumerate(arts):
            tf = Counter(w for w in a["words"] if w in self.idf)
            ranked = sorted(tf, key=lambda w: (-tf[w] * self.idf[w], w))[:30]
            self.top.append(ranked)
            for w in ranked:
                self.post[w].append(i)

    def of(self, i, k, same_category=False):
        score = Counter()
        for w in self.top[i][:20]:
            for j in self.post[w]:
                score[j] += self.idf[w]
        cat = self.arts[i].get("category")
        out = []
        for j, _ in sorted(score.items(), key=lambda x: (-x[1], x[0])):
            if j == i or (same_category and self.arts[j].get("category") != cat):
                continue
            out.append(j)
            if len(out) >= k:
                break
        return out


# ---------------------------------------------------------------- copies

HEADLINE_PREFIX = {"fr": ["VIDÉO - ", "INFO {site} - ", "EN DIRECT - ", "Exclusif : ", "Actu : "],
                   "ar": ["عاجل: ", "بالفيديو: ", "خاص {site}: ", "متابعة: "]}


def change_headline(title, body_paras, lang, site, rng):
    words = title.split()
    r = rng.random()
    if r < 0.3:
        return rng.choice(HEADLINE_PREFIX[lang]).format(site=site["name"]) + title
    if r < 0.55 and len(words) > 5:
        k = rng.randrange(len(words))
        del words[k]
        return " ".join(words)
    if r < 0.8:
        for sep in (" : ", ": ", " - ", "، "):
            if sep in title:
                a, b = title.split(sep, 1)
                return (b.strip()[:1].upper() + b.strip()[1:] + " (" + a.strip() + ")") if lang == "fr" \
                    else b.strip() + " - " + a.strip()
    first = body_paras[0][0].split()
    return " ".join(first[:min(len(first), rng.randint(7, 12))]).rstrip(",.;:") + ("…" if lang == "fr" else "")


def word_edits(paras, vocab, rate, rng):
    n_words = sum(len(s.split()) for p in paras for s in p)
    n_edits = max(2, int(round(n_words * rate)))
    slots = [(pi, si) for pi, p in enumerate(paras) for si in range(len(p))]
    for _ in range(n_edits):
        pi, si = rng.choice(slots)
        words = paras[pi][si].split()
        if len(words) < 4:
            continue
        k = rng.randrange(1, len(words) - 1)
        if rng.random() < 0.5:
            del words[k]
        else:
            words[k] = rng.choice(vocab)
        paras[pi][si] = " ".join(words)
    return n_edits


def make_copy(orig_paras, title, donor_para, vocab, lang, site, rng):
    paras = [list(p) for p in orig_paras]
    edits = []
    heavy = rng.random() < 0.2
    ops = {
        "reorder": rng.random() < 0.6,
        "delete": rng.random() < 0.4 or heavy,
        "add": rng.random() < 0.4 or heavy,
        "words": rng.random() < 0.6 or heavy,
    }
    if not any(ops.values()):
        ops[rng.choice(sorted(ops))] = True
    if ops["reorder"]:
        r = rng.random()
        multi = [i for i, p in enumerate(paras) if len(p) >= 2]
        if r < 0.4 and multi:
            i = rng.choice(multi)
            j = rng.randrange(len(paras[i]) - 1)
            paras[i][j], paras[i][j + 1] = paras[i][j + 1], paras[i][j]
            edits.append("swap-sentences")
        elif r < 0.7 and multi and len(paras) >= 2:
            i = rng.choice(multi)
            s = paras[i].pop(rng.randrange(len(paras[i])))
            j = rng.choice([k for k in range(len(paras)) if k != i])
            paras[j].insert(rng.randint(0, len(paras[j])), s)
            edits.append("move-sentence")
        elif len(paras) >= 3:
            i = rng.randrange(1, len(paras) - 1)
            paras[i], paras[i + 1] = paras[i + 1], paras[i]
            edits.append("swap-paragraphs")
    if ops["delete"] and len(paras) >= 3:
        total = sum(len(" ".join(p).split()) for p in paras)
        cands = [i for i, p in enumerate(paras) if len(" ".join(p).split()) <= 0.35 * total]
        if cands:
            del paras[rng.choice(cands)]
            edits.append("delete-paragraph")
    if ops["add"] and donor_para:
        paras.insert(rng.randint(1, len(paras)), sentences(donor_para))
        edits.append("add-paragraph")
    if ops["words"]:
        rate = rng.uniform(0.05, 0.10) if heavy else rng.uniform(0.01, 0.04)
        n = word_edits(paras, vocab, rate, rng)
        edits.append("words:%d" % n)
    if heavy:
        edits.append("heavy")
    new_title = title
    if rng.random() < 0.6:
        new_title = change_headline(title, paras, lang, site, rng)
        edits.append("headline")
    return new_title, paras, edits


# ---------------------------------------------------------------- build

def build(args):
    data = args.data
    for f in ("fr_news.jsonl.gz", "ar_news.jsonl.gz"):
        if not os.path.isfile(os.path.join(data, f)):
            print("dups_testset: skipped (no %s)" % os.path.join(data, f))
            return 0
    rng = random.Random(args.seed)
    out = args.out
    corpus = os.path.join(out, "corpus")
    if os.path.exists(corpus):
        import shutil
        shutil.rmtree(corpus)
    os.makedirs(corpus)
    truth, clean = [], []
    records = {"originals": [], "distractors": []}
    report = {}
    accepted = Accepted()
    plan = {"fr": (args.fr, args.fr_distractors, args.fr_samesite), "ar": (args.ar, args.ar_distractors, args.ar_samesite)}
    for lang in ("fr", "ar"):
        n_orig, n_distr, n_same = plan[lang]
        arts = load(data, lang)
        total = len(arts)
        arts, n_dup = exact_dedup(arts)
        arts = [a for a in arts if a["date"] and "{" not in a["body"] and "embed" not in a["body"]]
        print("dups_testset: %s: %d articles, %d dropped as exact/prefix/title duplicates, %d usable"
              % (lang, total, n_dup, len(arts)), file=sys.stderr)
        nb = Neighbours(arts)
        script = re.compile(r"^[a-zàâäéèêëîïôöùûüç]+$" if lang == "fr" else r"^[\u0621-\u064a]+$")
        vocab = sorted(set(w for a in arts[:3000] for w in a["body"].split() if len(w) > 3 and script.match(w)))
        order = list(range(len(arts)))
        rng.shuffle(order)
        used = set()

        def take(i):
            if i in used:
                return False
            if accepted.try_add(arts[i]):
                used.add(i)
                return True
            used.add(i)  # never reconsidered
            return False

        min_words = 120 if lang == "fr" else 60
        max_words = 700 if lang == "fr" else 350
        originals = []
        for i in order:
            if len(originals) >= n_orig:
                break
            a = arts[i]
            if not (min_words <= len(a["words"]) <= max_words):
                continue
            paras = structure(a["body"], lang)
            if sum(len(p) for p in paras) < 4 or len(paras) < 2:
                continue
            if take(i):
                originals.append(i)
        # site teasers: titles of articles not in the set
        spare = iter(i for i in order if i not in used)
        sites = []
        for slug, name, fmt in SITES[lang]:
            # (headlines of at most 12 words: a trailing list of links is
            # recognised by ingestion when its lines are short)
            teasers = []
            while len(teasers) < 4:
                t = arts[next(spare)]["title"]
                if 4 <= len(t.split()) <= 12:
                    teasers.append(t)
            sites.append(make_site(slug, name, fmt, lang, rng, teasers))
        # distractors and donors, nearest neighbours first
        distractors, donors = [], {}
        for i in originals:
            nbrs = nb.of(i, 25, same_category=(lang == "ar"))
            got = 0
            for j in nbrs:
                if got < 3 and take(j):
                    distractors.append(j)
                    got += 1
                elif i not in donors and j not in used and take(j):
                    donors[i] = j
                if got >= 3 and i in donors:
                    break
        n_near = len(distractors)
        for i in order:
            if len(distractors) >= n_distr:
                break
            if i not in used and len(arts[i]["words"]) >= 40 and take(i):
                distractors.append(i)
        # same-site pairs: short stories, half of them nearest neighbours
        short = [i for i in order if i not in used and 50 <= len(arts[i]["words"]) <= (220 if lang == "fr" else 110)]
        pairs = []
        for i in short:
            if len(pairs) >= n_same:
                break
            if i in used:
                continue
            if len(pairs) % 2 == 0:
                partner = next((j for j in nb.of(i, 10, same_category=(lang == "ar"))
                                if j not in used and 50 <= len(arts[j]["words"]) <= 400), None)
            else:
                partner = next((j for j in short if j != i and j not in used), None)
            if partner is None:
                continue
            if take(i):
                if take(partner):
                    pairs.append((i, partner))
                else:
                    # i is accepted alone: keep it as a plain distractor
                    distractors.append(i)

        def page(site, title, paras, date, name):
            if site["format"] == "html":
                text, furn = render_html(site, title, paras, date, rng)
                ext = "html"
            else:
                text, furn = render_txt(site, title, paras, date, rng)
                ext = "txt"
            rel = "%s/%s.%s" % (site["slug"], name, ext)
            path = os.path.join(corpus, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            # a byline and a "published on" line are article text to ingestion
            kept = []
            if site["format"] == "html" and site["byline"]:
                kept.append(site["byline_text"])
            if site["format"] == "html" and site["dateline"]:
                kept.append(("Publié le %s" if lang == "fr" else "نشر في %s") % human_date(date, lang))
            clean.append({"id": rel, "lang": lang, "body": "\n\n".join(kept + [render_body(paras)]),
                          "furniture": "\n\n".join(furn)})
            return rel, ext

        def record(kind, a):
            records[kind].append({"id": a["id"], "title": a["title"], "body": a["body"], "lang": lang,
                                  "date": a["date"], "source": a["source"]})
            clean.append({"id": a["id"], "lang": lang, "body": a["body"], "furniture": ""})

        n_copies = 0
        for n, i in enumerate(originals):
            a = arts[i]
            cid = "%s-c%04d" % (lang, n)
            paras = structure(a["body"], lang)
            k = rng.choice([1, 1, 2, 2, 3])
            copy_sites = rng.sample(sites, k + 1)
            members = []
            if rng.random() < 0.25:
                rel, ext = page(copy_sites[k], a["title"], structure(a["body"], lang) if lang == "ar"
                                else [sentences(p) for p in a["body"].split("\n\n") if p.strip()],
                                a["date"], "%s-0" % cid)
                oid = rel
                members.append({"id": rel, "role": "original", "site": copy_sites[k]["slug"], "format": ext,
                                "date": a["date"], "edits": [], "source_id": a["id"]})
            else:
                record("originals", a)
                oid = a["id"]
                members.append({"id": a["id"], "role": "original", "site": None, "format": "jsonl",
                                "date": a["date"], "edits": []})
            donor = donors.get(i)
            donor_paras = []
            if donor is not None:
                dp = [" ".join(p.split()) for p in re.split(r"\n\s*\n" if lang == "fr" else r"\n+", arts[donor]["body"])
                      if len(p.split()) >= 15]
                donor_paras = dp
            for c in range(k):
                site = copy_sites[c]
                date = add_days(a["date"], rng.randint(1, 6))
                dpara = None
                if donor_paras:
                    dpara = rng.choice(donor_paras)
                    if len(dpara.split()) > 90:
                        dpara = " ".join(sentences(dpara)[:3])
                title, cparas, edits = make_copy(paras, a["title"], dpara, vocab, lang, site, rng)
                rel, ext = page(site, title, cparas, date, "%s-%d" % (cid, c + 1))
                members.append({"id": rel, "role": "copy", "site": site["slug"], "format": ext, "date": date,
                                "edits": edits})
                n_copies += 1
            truth.append({"cluster": cid, "lang": lang, "kind": "story", "original": oid, "members": members})
        for i in distractors:
            a = arts[i]
            record("distractors", a)
            truth.append({"cluster": "%s-d-%s" % (lang, a["id"]), "lang": lang, "kind": "distractor",
                          "original": a["id"], "members": [{"id": a["id"], "role": "distractor", "site": None,
                                                            "format": "jsonl", "date": a["date"], "edits": []}]})
        for n, (i, j) in enumerate(pairs):
            site = sites[n % len(sites)]
            for m, x in enumerate((i, j)):
                a = arts[x]
                rel, ext = page(site, a["title"], structure(a["body"], lang), a["date"], "%s-s%04d-%d" % (lang, n, m))
                truth.append({"cluster": "%s-s%04d-%d" % (lang, n, m), "lang": lang, "kind": "same-site",
                              "original": rel, "pair": "%s-s%04d" % (lang, n),
                              "members": [{"id": rel, "role": "same-site", "site": site["slug"], "format": ext,
                                           "date": a["date"], "edits": [], "source_id": a["id"]}]})
        report[lang] = {"originals": len(originals), "copies": n_copies, "distractors": len(distractors),
                        "near_distractors": n_near, "donors": len(donors), "same_site_pairs": len(pairs)}
        print("dups_testset: %s: %s" % (lang, report[lang]), file=sys.stderr)
    for kind, recs in records.items():
        with open(os.path.join(corpus, "%s.jsonl" % kind), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as f:
        for t in truth:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "clean.jsonl"), "w", encoding="utf-8") as f:
        for c in clean:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "build.json"), "w") as f:
        json.dump({"seed": args.seed, "rejected_near_duplicates": accepted.rejected, "langs": report}, f, indent=1)
    print("dups_testset: %d ids, %d rejected by the shingle check; written to %s"
          % (len(clean), accepted.rejected, out), file=sys.stderr)
    return 0


# ---------------------------------------------------------------- scoring

def read_truth(path):
    clusters = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    return clusters


def read_pred(path):
    groups = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                groups.append(g)
    return groups


def pairs_of(groups):
    out = set()
    for ids in groups:
        ids = sorted(set(ids))
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                out.add((ids[x], ids[y]))
    return out


def score(truth, pred):
    """Pairwise and cluster-level figures of predicted groups (lists of dicts
    as `dups --json` prints) against the truth clusters."""
    cluster_of, kind_of, role_of, pair_of, orig_of = {}, {}, {}, {}, {}
    for c in truth:
        for m in c["members"]:
            cluster_of[m["id"]] = c["cluster"]
            kind_of[m["id"]] = c["kind"]
            role_of[m["id"]] = m["role"]
            if "pair" in c:
                pair_of[m["id"]] = c["pair"]
        if c["kind"] == "story":
            orig_of[c["cluster"]] = c["original"]
    tgroups = [[m["id"] for m in c["members"]] for c in truth if len(c["members"]) > 1]
    pgroups = [[m["id"] for m in g["members"]] for g in pred]
    tp_pairs, pp = pairs_of(tgroups), pairs_of(pgroups)
    tp = len(tp_pairs & pp)
    unknown = sorted({i for g in pgroups for i in g if i not in cluster_of})
    p = tp / len(pp) if pp else 1.0
    r = tp / len(tp_pairs) if tp_pairs else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    # why false pairs are false
    fp_kinds = Counter()
    for a, b in pp - tp_pairs:
        if a not in cluster_of or b not in cluster_of:
            fp_kinds["unknown id"] += 1
        elif a in pair_of and pair_of.get(a) == pair_of.get(b):
            fp_kinds["same-site pair"] += 1
        else:
            ka, kb = sorted((kind_of[a], kind_of[b]))
            fp_kinds["%s~%s" % (ka, kb)] += 1
    # missed pairs by the copy's edits
    fn_edits = Counter()
    for a, b in tp_pairs - pp:
        fn_edits["original-copy" if "original" in (role_of[a], role_of[b]) else "copy-copy"] += 1
    # cluster level
    exact = 0
    pset = {frozenset(g) for g in pgroups}
    for g in tgroups:
        if frozenset(g) in pset:
            exact += 1
    pure = sum(1 for g in pgroups if len({cluster_of.get(i, "?" + i) for i in g}) == 1)
    # stories whose original is found with at least one copy
    found = {}
    for g in pgroups:
        for i in g:
            found[i] = g
    hit = 0
    for c in truth:
        if c["kind"] == "story":
            g = found.get(c["original"])
            if g and any(cluster_of.get(i) == c["cluster"] and i != c["original"] for i in g):
                hit += 1
    earliest_ok = earliest_n = 0
    for g in pred:
        cl = Counter(cluster_of.get(m["id"]) for m in g["members"])
        main, _ = cl.most_common(1)[0]
        if main in orig_of and orig_of[main] in {m["id"] for m in g["members"]}:
            earliest_n += 1
            earliest_ok += g.get("earliest") == orig_of[main]
    stories = sum(1 for c in truth if c["kind"] == "story")
    return {
        "pred_groups": len(pgroups), "pred_pairs": len(pp), "truth_pairs": len(tp_pairs), "tp": tp,
        "precision": p, "recall": r, "f1": f1,
        "clusters_exact": exact / len(tgroups) if tgroups else 1.0,
        "groups_pure": pure / len(pgroups) if pgroups else 1.0,
        "stories_found": hit / stories if stories else 1.0,
        "earliest_correct": earliest_ok / earliest_n if earliest_n else None,
        "fp_by_kind": dict(fp_kinds), "fn_by_relation": dict(fn_edits), "unknown_ids": unknown[:5],
        "unknown_count": len(unknown),
    }


def cmd_score(args):
    truth = read_truth(args.truth)
    pred = read_pred(args.pred)
    s = score(truth, pred)
    s["label"] = args.label
    if args.json:
        print(json.dumps(s, ensure_ascii=False))
    else:
        print(json.dumps(s, ensure_ascii=False, indent=1))
    return 0


# ---------------------------------------------------------------- reference

def read_clean(out):
    return [json.loads(l) for l in open(os.path.join(out, "clean.jsonl"), encoding="utf-8") if l.strip()]


def reference_groups(docs, k, threshold, meta=None, max_df=100):
    """Exact Jaccard of word k-shingles between every two articles sharing a
    shingle that occurs in at most `max_df` articles (pairs sharing only
    commoner shingles are far below any useful threshold), pairs at or above
    `threshold` joined by union-find; a group's earliest member is the one
    with the smallest (date, id). Returns groups in the `dups --json` shape."""
    sets = [shingles(norm_words(d["body"]), k) for d in docs]
    df = Counter()
    for sh in sets:
        df.update(sh)
    index = defaultdict(list)
    for i, sh in enumerate(sets):
        for s in sh:
            if df[s] <= max_df:
                index[s].append(i)
    parent = list(range(len(docs)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, sh in enumerate(sets):
        shared = Counter()
        for s in sh:
            for j in index.get(s, ()):
                if j > i:
                    shared[j] += 1
        for j, c in shared.items():
            if c >= 3 and jaccard(sh, sets[j]) >= threshold:
                parent[find(i)] = find(j)
    comps = defaultdict(list)
    for i in range(len(docs)):
        comps[find(i)].append(i)
    groups = []
    meta = meta or {}
    for members in comps.values():
        if len(members) < 2:
            continue
        key = lambda i: (meta.get(docs[i]["id"], {}).get("date") or "9999", docs[i]["id"])
        members.sort(key=key)
        e = members[0]
        groups.append({"size": len(members), "earliest": docs[e]["id"], "members": [
            {"id": docs[i]["id"], "lang": docs[i]["lang"], "date": meta.get(docs[i]["id"], {}).get("date"),
             "similarity": round(jaccard(sets[e], sets[i]), 3), "earliest": i == e} for i in members]})
    groups.sort(key=lambda g: g["earliest"])
    for n, g in enumerate(groups):
        g["group"] = n + 1
    return groups


def cmd_reference(args):
    docs = read_clean(args.out)
    meta = {m["id"]: m for c in read_truth(os.path.join(args.out, "truth.jsonl")) for m in c["members"]}
    groups = reference_groups(docs, args.shingle, args.threshold, meta=meta)
    for g in groups:
        print(json.dumps(g, ensure_ascii=False))
    return 0 if groups else 1


# ---------------------------------------------------------------- stats

def quantiles(xs, qs):
    xs = sorted(xs)
    if not xs:
        return ["-"] * len(qs)
    return ["%.2f" % xs[min(len(xs) - 1, int(q * len(xs)))] for q in qs]


def cmd_stats(args):
    docs = read_clean(args.out)
    truth = read_truth(os.path.join(args.out, "truth.jsonl"))
    byid = {d["id"]: d for d in docs}
    role = {m["id"]: m for c in truth for m in c["members"]}
    cluster = {m["id"]: c["cluster"] for c in truth for m in c["members"]}
    # pairs: positives, same-subject distractors, same-site pairs, nearest other
    pos = []  # (a, b, relation)
    for c in truth:
        ids = [m["id"] for m in c["members"]]
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                rel = "orig-copy" if "original" in (role[ids[x]]["role"], role[ids[y]]["role"]) else "copy-copy"
                pos.append((ids[x], ids[y], rel))
    pairs_by_site = defaultdict(list)
    for c in truth:
        if c["kind"] == "same-site":
            pairs_by_site[c["pair"]].append(c["members"][0]["id"])
    same_site = [tuple(v) for v in pairs_by_site.values() if len(v) == 2]
    ks = [int(k) for k in args.shingles.split(",")]
    words = {d["id"]: norm_words(d["body"]) for d in docs}
    raw_words = {d["id"]: norm_words(d["body"] + "\n\n" + d["furniture"]) for d in docs}
    ids = sorted(words)
    lines = []
    say = lambda s="": lines.append(s)
    say("# Jaccard similarity of word shingles (text after boilerplate removal)")
    say()
    say("%d ids, %d positive pairs (%d original-copy), %d same-site negative pairs"
        % (len(ids), len(pos), sum(1 for p in pos if p[2] == "orig-copy"), len(same_site)))
    say()
    for k in ks:
        sets = {i: shingles(words[i], k) for i in ids}
        # hardest negatives: for every doc, the 5 other-cluster docs sharing the most shingles
        df = Counter()
        for i in ids:
            df.update(sets[i])
        index = defaultdict(list)
        for i in ids:
            for s in sets[i]:
                if df[s] <= 100:
                    index[s].append(i)
        hard = {}
        for i in ids:
            shared = Counter()
            for s in sets[i]:
                for j in index.get(s, ()):
                    if j > i and cluster[j] != cluster[i]:
                        shared[j] += 1
            for j, _ in shared.most_common(5):
                hard[(i, j)] = jaccard(sets[i], sets[j])
        pj = {p: jaccard(sets[p[0]], sets[p[1]]) for p in pos}
        oc = [v for p, v in pj.items() if p[2] == "orig-copy"]
        cc = [v for p, v in pj.items() if p[2] == "copy-copy"]
        ss = [jaccard(sets[a], sets[b]) for a, b in same_site]
        rs = [jaccard(set(shingles(raw_words[a], k)), set(shingles(raw_words[b], k))) for a, b in same_site]
        hn = list(hard.values())
        qs = (0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99)
        say("## %d-word shingles" % k)
        say()
        say("| pairs | n | min | 1% | 5% | 10% | 25% | 50% | 75% | 90% | 99% | max |")
        say("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for name, xs in (("original-copy", oc), ("copy-copy", cc), ("same-site (boilerplate removed)", ss),
                         ("same-site (boilerplate kept)", rs), ("hardest negatives (5 nearest per doc)", hn)):
            say("| %s | %d | %s | %s |" % (name, len(xs), " | ".join(quantiles(xs, qs)),
                                           "%.2f" % max(xs) if xs else "-"))
        say()
        say("| threshold | orig-copy recall | copy-copy recall | negatives >= T (of %d) | pairwise F1 (exact J) |" % len(hn))
        say("|---|---|---|---|---|")
        allpos = list(pj.values())
        for t in [x / 20 for x in range(2, 19)]:
            tp = sum(1 for v in allpos if v >= t)
            fp = sum(1 for v in hn if v >= t)
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / len(allpos)
            f = 2 * p * r / (p + r) if p + r else 0
            say("| %.2f | %.3f | %.3f | %d | %.3f |" % (t, sum(1 for v in oc if v >= t) / len(oc),
                                                        sum(1 for v in cc if v >= t) / max(1, len(cc)), fp, f))
        say()
        by_edit = defaultdict(list)
        for (a, b, rel), v in pj.items():
            if rel == "orig-copy":
                c = a if role[a]["role"] == "copy" else b
                for e in role[c]["edits"]:
                    by_edit[e.split(":")[0]].append(v)
        say("original-copy median by edit: " + ", ".join("%s %s (n=%d)" % (e, quantiles(v, [0.5])[0], len(v))
                                                       for e, v in sorted(by_edit.items())))
        say()
        # the lowest and highest
        worst = sorted(((v, p) for p, v in pj.items()), key=lambda x: x[0])[:3]
        say("lowest positives: " + "; ".join("%.2f %s ~ %s" % (v, p[0], p[1]) for v, p in worst))
        top = sorted(hard.items(), key=lambda x: -x[1])[:3]
        say("highest negatives: " + "; ".join("%.2f %s ~ %s" % (v, p[0], p[1]) for p, v in top))
        say()
    print("\n".join(lines))
    return 0


# ---------------------------------------------------------------- self-test

def cmd_selftest(args):
    truth = [
        {"cluster": "A", "kind": "story", "original": "a0", "members": [
            {"id": "a0", "role": "original"}, {"id": "a1", "role": "copy"}, {"id": "a2", "role": "copy"}]},
        {"cluster": "B", "kind": "story", "original": "b0", "members": [
            {"id": "b0", "role": "original"}, {"id": "b1", "role": "copy"}]},
        {"cluster": "d1", "kind": "distractor", "original": "d1", "members": [{"id": "d1", "role": "distractor"}]},
        {"cluster": "s0", "kind": "same-site", "original": "s0", "pair": "p", "members": [{"id": "s0", "role": "same-site"}]},
        {"cluster": "s1", "kind": "same-site", "original": "s1", "pair": "p", "members": [{"id": "s1", "role": "same-site"}]},
    ]
    g = lambda e, *ids: {"earliest": e, "members": [{"id": i} for i in ids]}
    # truth pairs: a0a1 a0a2 a1a2 b0b1 = 4
    # predicted: {a0,a1,d1} -> pairs a0a1(tp) a0d1 a1d1; {b0,b1}(tp); {s0,s1} (fp same-site)
    pred = [g("a0", "a0", "a1", "d1"), g("b1", "b0", "b1"), g("s0", "s0", "s1")]
    s = score(truth, pred)
    assert (s["pred_pairs"], s["truth_pairs"], s["tp"]) == (5, 4, 2), s
    assert abs(s["precision"] - 0.4) < 1e-9 and abs(s["recall"] - 0.5) < 1e-9, s
    assert abs(s["f1"] - 2 * 0.4 * 0.5 / 0.9) < 1e-9
    assert s["fp_by_kind"] == {"distractor~story": 2, "same-site pair": 1}, s
    assert s["fn_by_relation"] == {"original-copy": 1, "copy-copy": 1}, s
    assert s["clusters_exact"] == 0.5 and abs(s["groups_pure"] - 1 / 3) < 1e-9, s
    assert s["stories_found"] == 1.0 and s["earliest_correct"] == 0.5, s
    # perfect prediction, empty prediction, an unknown id
    s = score(truth, [g("a0", "a0", "a1", "a2"), g("b0", "b0", "b1")])
    assert s["precision"] == 1 and s["recall"] == 1 and s["clusters_exact"] == 1 and s["earliest_correct"] == 1
    s = score(truth, [])
    assert s["precision"] == 1.0 and s["recall"] == 0 and s["f1"] == 0
    s = score(truth, [g("zz", "a0", "zz")])
    assert s["unknown_count"] == 1 and s["fp_by_kind"] == {"unknown id": 1}
    # shingles / Jaccard
    assert shingles("a b c d".split(), 3) == {"a b c", "b c d"}
    assert jaccard({"x", "y"}, {"y", "z"}) == 1 / 3
    assert norm_words("L'Été à Paris, أإآة") == ["l", "ete", "a", "paris", "اااه"]
    # reference grouping on toy documents: two near copies, one unrelated
    base = ("le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine "
            "avec une hausse des investissements dans les écoles et les transports publics ") * 2
    docs = [{"id": "x", "lang": "fr", "body": base},
            {"id": "y", "lang": "fr", "body": base.replace("mardi", "mercredi")},
            {"id": "z", "lang": "fr", "body": "la tempête a privé d'électricité des milliers de foyers " * 3}]
    groups = reference_groups(docs, 3, 0.5, meta={"x": {"date": "2020-01-01"}, "y": {"date": "2020-01-02"}})
    assert [[m["id"] for m in gr["members"]] for gr in groups] == [["x", "y"]], groups
    assert groups[0]["earliest"] == "x" and groups[0]["members"][0]["similarity"] == 1.0
    # copy generation keeps the text recognisable and is deterministic
    rng1, rng2 = random.Random(1), random.Random(1)
    paras = structure("Une phrase. Deux phrases ici. Trois.\n\nQuatre mots dans celle-ci. Cinq. Six et sept.", "fr")
    site = make_site("s", "Site", "html", "fr", random.Random(0), ["t1", "t2", "t3", "t4"])
    c1 = make_copy(paras, "Titre : sous-titre", "Un paragraphe ajouté. Il parle d'autre chose.", ["mot"], "fr", site, rng1)
    c2 = make_copy(paras, "Titre : sous-titre", "Un paragraphe ajouté. Il parle d'autre chose.", ["mot"], "fr", site, rng2)
    assert c1 == c2
    page, furn = render_html(site, "Titre", paras, "2020-01-02", random.Random(0))
    assert "<h1>Titre</h1>" in page and "Tous droits réservés" in page
    print("selftest: ok")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("out")
    b.add_argument("--data", default=os.environ.get("FIHRIS_DATA") or os.path.join(HERE, "..", "..", "shared", "data"))
    b.add_argument("--seed", type=int, default=20240707)
    b.add_argument("--fr", type=int, default=600)
    b.add_argument("--ar", type=int, default=300)
    b.add_argument("--fr-distractors", type=int, default=3000)
    b.add_argument("--ar-distractors", type=int, default=1500)
    b.add_argument("--fr-samesite", type=int, default=150)
    b.add_argument("--ar-samesite", type=int, default=75)
    s = sub.add_parser("stats")
    s.add_argument("out")
    s.add_argument("--shingles", default="2,3,5")
    sc = sub.add_parser("score")
    sc.add_argument("truth")
    sc.add_argument("pred")
    sc.add_argument("--label", default="")
    sc.add_argument("--json", action="store_true")
    r = sub.add_parser("reference")
    r.add_argument("out")
    r.add_argument("--threshold", type=float, default=0.5)
    r.add_argument("--shingle", type=int, default=3)
    sub.add_parser("selftest")
    args = ap.parse_args()
    return {"build": build, "stats": cmd_stats, "score": cmd_score, "reference": cmd_reference,
            "selftest": cmd_selftest}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
