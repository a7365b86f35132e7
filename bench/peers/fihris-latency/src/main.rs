//! Warm query latency of fihris, in one process (bench/peers.sh).
//!
//!     fihris-peers-latency INDEX QUERIES.jsonl [--limit N] [--body] [--all-words] [--no-cross]
//!
//! Opens the index once, runs every query once untimed (warm-up), then once
//! more, timing each `Fihris::search` call: the same call, with the same
//! options, as `fihris search --any --json --limit N` (top N hits with their
//! snippets), minus the process start, the index opening and the printing.
//! Queries are read as plain words (no query syntax), like `fihris eval`.
//!
//! Prints one line per query: `qid TAB seconds TAB id1 id2 ...`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use fihris_eval::KnownItem;
use fihris_search::{FieldScope, Fihris, MatchMode, SearchOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(index), Some(queries)) = (args.next(), args.next()) else {
        return Err("usage: fihris-peers-latency INDEX QUERIES.jsonl [--limit N] [--body] [--all-words] [--no-cross]".into());
    };
    let mut limit = 10;
    let mut scope = FieldScope::All;
    let mut mode = MatchMode::Any;
    let mut cross = true;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--limit" => limit = args.next().ok_or("--limit needs a number")?.parse()?,
            "--body" => scope = FieldScope::Body,
            "--all-words" => mode = MatchMode::All,
            "--no-cross" => cross = false,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let items = KnownItem::read_all(&PathBuf::from(queries))?;
    let fihris = Fihris::open(&PathBuf::from(index))?;
    let options = |query: &str| SearchOptions {
        limit,
        mode,
        scope,
        cross,
        syntax: false,
        ..SearchOptions::new(query)
    };
    for item in &items {
        fihris.search(&options(&item.query))?;
    }
    let mut lines = Vec::with_capacity(items.len());
    for item in &items {
        let opts = options(&item.query);
        let start = Instant::now();
        let results = fihris.search(&opts)?;
        let seconds = start.elapsed().as_secs_f64();
        let ids: Vec<&str> = results.hits.iter().map(|h| h.meta.id.as_str()).collect();
        lines.push(format!("{}\t{seconds:.9}\t{}", item.qid, ids.join(" ")));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
