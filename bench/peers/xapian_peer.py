#!/usr/bin/python3
"""Xapian side of bench/peers.sh; runs under Debian's /usr/bin/python3 with python3-xapian.

  index  DB LANG JSONL         -> a new database: title and body through TermGenerator with the
                                  language's Snowball stemmer (Xapian's defaults: STEM_SOME,
                                  positions), the id as data and as a unique "Q" term
  latency DB LANG QUERIES_TSV  -> one untimed pass, then one timed: qid TAB seconds TAB ids
  search DB LANG QUERY...      -> top 10 ids of one query (for hyperfine)
  update DB LANG DOCS_TSV      -> replace the documents of DOCS_TSV (id TAB text), commit
  version                      -> Xapian's version and whether it has the stemmer of each language

Queries go through QueryParser with the same stemmer, STEM_SOME, OR between words and no query
syntax (flags 0), scored with Xapian's default BM25 weighting; top 10.
"""
import json
import sys
import time

import xapian

STEMMERS = {"fr": "french", "ar": "arabic"}


def generator(lang):
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem(STEMMERS[lang]))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    return tg


def add(db, tg, article_id, title, body, replace=False):
    doc = xapian.Document()
    tg.set_document(doc)
    tg.index_text(title)
    tg.increase_termpos()
    tg.index_text(body)
    doc.set_data(article_id)
    idterm = "Q" + article_id
    doc.add_boolean_term(idterm)
    if replace:
        db.replace_document(idterm, doc)
    else:
        db.add_document(doc)


def index(path, lang, jsonl):
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = generator(lang)
    n = 0
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            add(db, tg, a["id"], a.get("title") or "", a.get("body") or "")
            n += 1
    db.commit()
    db.close()
    print("indexed %d" % n)


def searcher(path, lang):
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem(STEMMERS[lang]))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_OR)
    qp.set_database(db)
    enquire = xapian.Enquire(db)

    def top10(text):
        enquire.set_query(qp.parse_query(text, 0))
        return [m.document.get_data().decode("utf-8") for m in enquire.get_mset(0, 10)]

    return top10


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(l.rstrip("\n").split("\t", 1)) for l in f if "\t" in l]


def latency(path, lang, queries_tsv):
    top10 = searcher(path, lang)
    qs = read_tsv(queries_tsv)
    for _, text in qs:
        top10(text)
    out = []
    for qid, text in qs:
        t0 = time.perf_counter()
        ids = top10(text)
        out.append("%s\t%.9f\t%s" % (qid, time.perf_counter() - t0, " ".join(ids)))
    print("\n".join(out))


def update(path, lang, docs_tsv):
    db = xapian.WritableDatabase(path, xapian.DB_OPEN)
    tg = generator(lang)
    n = 0
    for article_id, text in read_tsv(docs_tsv):
        add(db, tg, article_id, "", text, replace=True)
        n += 1
    db.commit()
    db.close()
    print("updated %d" % n)


def main(argv):
    cmd = argv[0] if argv else ""
    if cmd == "index":
        index(*argv[1:4])
    elif cmd == "latency":
        latency(*argv[1:4])
    elif cmd == "search":
        print(" ".join(searcher(argv[1], argv[2])(" ".join(argv[3:]))))
    elif cmd == "update":
        update(*argv[1:4])
    elif cmd == "version":
        langs = xapian.Stem.get_available_languages()
        langs = langs.decode() if isinstance(langs, bytes) else langs
        have = [l for l in STEMMERS.values() if l in langs.split()]
        print("xapian %s (stemmers: %s)" % (xapian.version_string(), " ".join(have)))
        if len(have) < len(STEMMERS):
            sys.exit(1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
