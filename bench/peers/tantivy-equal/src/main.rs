//! tantivy on the equal-work rows of bench/peers.sh.
//!
//!     tantivy-peers-equal index INDEX DOCS.json            {"id","title","body"} a line
//!     tantivy-peers-equal latency INDEX QUERIES.txt QIDS.tsv rank|snippets [PASSES]
//!     tantivy-peers-equal space INDEX                     bytes per field and part
//!
//! `index`: id (raw, stored), title and body (tantivy's default tokenizer,
//! frequencies and positions, stored: the text a snippet is cut from),
//! 2 indexing threads and a 256 MB budget like fihris, tantivy's default
//! document store (lz4, 16 KiB blocks). No stemming.
//!
//! `latency`: each query (one a line of QUERIES.txt, lower-cased words)
//! parsed by tantivy's QueryParser on title and body (any word may match),
//! run once untimed over the set, then PASSES times (1 by default) timed,
//! keeping each query's fastest time: `rank` = `TopDocs` top 10
//! plus each hit's stored id; `snippets` = the same plus the stored body of
//! each hit and its 200-character snippet from `SnippetGenerator` (made once
//! per query), with the highlighted ranges rendered as HTML, as a page
//! would show them. QIDS.tsv gives the query ids (first column), one a
//! line in the same order. Prints `qid TAB seconds TAB id1 id2 ...`.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, Value, STORED, STRING, TEXT};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexWriter, TantivyDocument};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["index", dir, docs] => index(dir, docs),
        ["latency", dir, queries, qids, mode] => latency(dir, queries, qids, mode, "1"),
        ["latency", dir, queries, qids, mode, passes] => latency(dir, queries, qids, mode, passes),
        ["space", dir] => space(dir),
        _ => Err("usage: tantivy-peers-equal index INDEX DOCS.json | latency INDEX QUERIES.txt QIDS.tsv rank|snippets [PASSES] | space INDEX".into()),
    }
}

fn index(dir: &str, docs: &str) -> Res<()> {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", TEXT | STORED);
    let body = b.add_text_field("body", TEXT | STORED);
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, b.build())?;
    let mut writer: IndexWriter = index.writer_with_num_threads(2, 256_000_000)?;
    let mut n = 0usize;
    for line in BufReader::new(std::fs::File::open(docs)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let mut doc = TantivyDocument::default();
        doc.add_text(id, text("id"));
        doc.add_text(title, text("title"));
        doc.add_text(body, text("body"));
        writer.add_document(doc)?;
        n += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!("indexed {n}");
    Ok(())
}

/// Bytes of an index (any tantivy index, fihris's too) per field and part:
/// `part TAB field TAB bytes`, summed over the segments, then the totals of
/// each part and of the whole.
fn space(dir: &str) -> Res<()> {
    let index = Index::open_in_dir(dir)?;
    let usage = index.reader()?.searcher().space_usage()?;
    let mut rows: std::collections::BTreeMap<(&str, String), u64> = Default::default();
    for seg in usage.segments() {
        let parts = [
            ("termdict", seg.termdict()),
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("fast", seg.fast_fields()),
            ("fieldnorms", seg.fieldnorms()),
        ];
        for (part, per_field) in parts {
            for u in per_field.fields() {
                *rows.entry((part, u.field_name().to_string())).or_default() += u.total().get_bytes();
            }
        }
        *rows.entry(("store", "(all)".to_string())).or_default() += seg.store().total().get_bytes();
    }
    let mut parts: std::collections::BTreeMap<&str, u64> = Default::default();
    for ((part, field), bytes) in &rows {
        println!("{part}\t{field}\t{bytes}");
        *parts.entry(part).or_default() += bytes;
    }
    for (part, bytes) in parts {
        println!("{part}\t(total)\t{bytes}");
    }
    println!("all\t(total)\t{}", usage.total().get_bytes());
    Ok(())
}

fn latency(dir: &str, queries: &str, qids: &str, mode: &str, passes: &str) -> Res<()> {
    let passes: usize = passes.parse::<usize>()?.max(1);
    let snippets = match mode {
        "rank" => false,
        "snippets" => true,
        other => return Err(format!("unknown mode {other}").into()),
    };
    let index = Index::open_in_dir(dir)?;
    let schema = index.schema();
    let (id, title, body) = (
        schema.get_field("id")?,
        schema.get_field("title")?,
        schema.get_field("body")?,
    );
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let parser = QueryParser::for_index(&index, vec![title, body]);
    let texts: Vec<String> = std::fs::read_to_string(queries)?
        .lines()
        .map(str::to_string)
        .collect();
    let ids: Vec<String> = std::fs::read_to_string(qids)?
        .lines()
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect();
    if ids.len() != texts.len() {
        return Err(format!("{} queries but {} query ids", texts.len(), ids.len()).into());
    }
    let run = |text: &str| -> Res<Vec<String>> {
        let (query, _errors) = parser.parse_query_lenient(text);
        let top = searcher.search(&*query, &TopDocs::with_limit(10).order_by_score())?;
        let generator = match snippets {
            true => {
                let mut g = SnippetGenerator::create(&searcher, &*query, body)?;
                g.set_max_num_chars(200);
                Some(g)
            }
            false => None,
        };
        let mut out = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let first = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            if let Some(g) = &generator {
                let html = g.snippet(&first(body)).to_html();
                std::hint::black_box(html);
            }
            out.push(first(id));
        }
        Ok(out)
    };
    for text in &texts {
        run(text)?;
    }
    let mut best = vec![f64::INFINITY; texts.len()];
    let mut found = vec![Vec::new(); texts.len()];
    for _ in 0..passes {
        for (i, text) in texts.iter().enumerate() {
            let start = Instant::now();
            let hits = run(text)?;
            best[i] = best[i].min(start.elapsed().as_secs_f64());
            found[i] = hits;
        }
    }
    let mut lines = Vec::with_capacity(texts.len());
    for ((qid, seconds), hits) in ids.iter().zip(best).zip(found) {
        lines.push(format!("{qid}\t{seconds:.9}\t{}", hits.join(" ")));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
