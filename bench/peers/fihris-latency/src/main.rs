//! Warm query latency of fihris, in one process (bench/peers.sh).
//!
//!     fihris-peers-latency INDEX QUERIES.jsonl [--limit N] [--body] [--all-words] [--no-cross] [--rank-only] [--passes N]
//!
//! Opens the index once, runs every query once untimed (warm-up), then
//! `--passes` times more (1 by default), timing each `Fihris::search` call
//! and keeping each query's fastest time (on a machine shared with other
//! work, the least disturbed run of the same work): the same call, with the same
//! options, as `fihris search --any --json --limit N` (top N hits with their
//! snippets), minus the process start, the index opening and the printing.
//! Queries are read as plain words (no query syntax), like `fihris eval`.
//!
//! The equal-work modes of bench/peers.sh: `--no-cross` leaves out the
//! cross-lingual expansion (what `search --any --no-cross` does: top N with
//! snippets and the match count); `--rank-only` times `Fihris::ranked_ids`
//! instead, the ranking path of `search` and `fihris eval` (same query, same
//! top-N collector) without snippets, count or folding, returning the ids.
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
        return Err(
            "usage: fihris-peers-latency INDEX QUERIES.jsonl [--limit N] [--body] [--all-words] [--no-cross] [--rank-only] [--passes N]"
                .into(),
        );
    };
    let mut limit = 10;
    let mut scope = FieldScope::All;
    let mut mode = MatchMode::Any;
    let mut cross = true;
    let mut rank_only = false;
    let mut passes = 1usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--limit" => limit = args.next().ok_or("--limit needs a number")?.parse()?,
            "--body" => scope = FieldScope::Body,
            "--all-words" => mode = MatchMode::All,
            "--no-cross" => cross = false,
            "--rank-only" => rank_only = true,
            "--passes" => {
                passes = args
                    .next()
                    .ok_or("--passes needs a number")?
                    .parse::<usize>()?
                    .max(1)
            }
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
    let run = |opts: &SearchOptions| -> Result<Vec<String>, fihris_search::SearchError> {
        if rank_only {
            fihris.ranked_ids(opts)
        } else {
            Ok(fihris.search(opts)?.hits.into_iter().map(|h| h.meta.id).collect())
        }
    };
    for item in &items {
        run(&options(&item.query))?;
    }
    let mut best = vec![f64::INFINITY; items.len()];
    let mut found = vec![Vec::new(); items.len()];
    for _ in 0..passes {
        for (i, item) in items.iter().enumerate() {
            let opts = options(&item.query);
            let start = Instant::now();
            let ids = run(&opts)?;
            best[i] = best[i].min(start.elapsed().as_secs_f64());
            found[i] = ids;
        }
    }
    let mut lines = Vec::with_capacity(items.len());
    for ((item, seconds), ids) in items.iter().zip(best).zip(found) {
        lines.push(format!("{}\t{seconds:.9}\t{}", item.qid, ids.join(" ")));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
