//! Known-item evaluation: how well does the index rank the one right
//! article for each query?
//!
//! A query set is JSON Lines of `{"qid", "query", "target", "kind"?}`, the
//! format of `../shared/data/queries_*_dev.jsonl`. Each query is run as
//! plain words in [`MatchMode::Any`] (long headlines rarely share every word
//! with their article's body, and the peers fihris is compared with rank bags
//! of words too), and the rank of `target` among the first 100 hits gives
//! MRR@10 and Recall@1/10/100, overall and per `kind`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fihris_search::{FieldScope, Fihris, Filters, Lang, MatchMode, SearchError, SearchOptions};
use serde::Deserialize;

/// What can go wrong evaluating: the query set, or the index.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A query set with a bad line.
    #[error("cannot read queries {}:{line}: {reason}", path.display())]
    Queries {
        /// The query file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// Why.
        reason: String,
    },
    /// A query set that cannot be read.
    #[error("cannot read queries {}: {}", path.display(), fihris_ingest::io_reason(error))]
    QueriesUnreadable {
        /// The query file.
        path: PathBuf,
        /// The underlying error (its text is part of the message).
        error: std::io::Error,
    },
    /// Searching the index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// How deep the ranking is read (Recall@100).
const DEPTH: usize = 100;

/// One known-item query.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct KnownItem {
    /// Query id.
    pub qid: String,
    /// Query text.
    pub query: String,
    /// Id of the one right article.
    pub target: String,
    /// Kind of query ("title", "abstract"…), for per-kind figures.
    #[serde(default)]
    pub kind: Option<String>,
}

impl KnownItem {
    /// Reads a query set; a bad line is an error naming the file and line.
    pub fn read_all(path: &Path) -> Result<Vec<KnownItem>, EvalError> {
        let text = std::fs::read_to_string(path).map_err(|error| EvalError::QueriesUnreadable {
            path: path.to_path_buf(),
            error,
        })?;
        let mut items = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let item = serde_json::from_str(line).map_err(|e| EvalError::Queries {
                path: path.to_path_buf(),
                line: i + 1,
                reason: e.to_string(),
            })?;
            items.push(item);
        }
        Ok(items)
    }
}

/// How to evaluate.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// Fields searched: [`FieldScope::Body`] for headline queries.
    pub scope: FieldScope,
    /// With cross-lingual expansion (as search does by default).
    pub cross: bool,
    /// Rank only the articles in this language.
    pub lang: Option<Lang>,
    /// Let stems decide what matches (see [`SearchOptions::broad`]).
    pub broad: bool,
}

/// Known-item measures over a set of queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    /// Number of queries.
    pub queries: usize,
    /// Mean reciprocal rank of the target, 0 beyond rank 10.
    pub mrr10: f64,
    /// Share of queries with the target first.
    pub recall1: f64,
    /// Share with the target in the top 10.
    pub recall10: f64,
    /// Share with the target in the top 100.
    pub recall100: f64,
    /// Queries whose target is not in the index at all.
    pub missing_targets: usize,
}

/// The result of an evaluation.
#[derive(Debug, Clone)]
pub struct EvalReport {
    /// All queries.
    pub overall: Metrics,
    /// Per query kind.
    pub by_kind: BTreeMap<String, Metrics>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Rank of the target (if within the depth), and whether it is missing.
type RankOutcome = (Option<usize>, bool);

#[derive(Default)]
struct Accumulator {
    queries: usize,
    rr: f64,
    r1: usize,
    r10: usize,
    r100: usize,
    missing: usize,
}

impl Accumulator {
    fn add(&mut self, rank: Option<usize>, missing: bool) {
        self.queries += 1;
        self.missing += usize::from(missing);
        if let Some(rank) = rank {
            if rank <= 10 {
                self.rr += 1.0 / rank as f64;
                self.r10 += 1;
            }
            self.r1 += usize::from(rank == 1);
            self.r100 += usize::from(rank <= DEPTH);
        }
    }

    fn metrics(&self) -> Metrics {
        let n = self.queries.max(1) as f64;
        Metrics {
            queries: self.queries,
            mrr10: self.rr / n,
            recall1: self.r1 as f64 / n,
            recall10: self.r10 as f64 / n,
            recall100: self.r100 as f64 / n,
            missing_targets: self.missing,
        }
    }
}

/// Runs every query and measures where its target ranks.
pub fn evaluate(fihris: &Fihris, items: &[KnownItem], options: EvalOptions) -> Result<EvalReport, EvalError> {
    let start = Instant::now();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = items.len().div_ceil(threads).max(1);
    let ranks: Vec<Result<Vec<RankOutcome>, SearchError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let options = &options;
                scope.spawn(move || part.iter().map(|item| rank_of(fihris, item, options)).collect())
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(SearchError::Query("an evaluation thread panicked".to_string())))
            })
            .collect()
    });
    let mut overall = Accumulator::default();
    let mut by_kind: BTreeMap<String, Accumulator> = BTreeMap::new();
    let mut i = 0;
    for part in ranks {
        for (rank, missing) in part? {
            overall.add(rank, missing);
            if let Some(kind) = &items[i].kind {
                by_kind.entry(kind.clone()).or_default().add(rank, missing);
            }
            i += 1;
        }
    }
    Ok(EvalReport {
        overall: overall.metrics(),
        by_kind: by_kind.into_iter().map(|(k, a)| (k, a.metrics())).collect(),
        elapsed: start.elapsed(),
    })
}

/// The 1-based rank of the item's target within [`DEPTH`], and whether the
/// target is missing from the index.
fn rank_of(fihris: &Fihris, item: &KnownItem, options: &EvalOptions) -> Result<RankOutcome, SearchError> {
    if !fihris.contains(&item.target)? {
        return Ok((None, true));
    }
    let ranked = fihris.ranked_ids(&SearchOptions {
        mode: MatchMode::Any,
        scope: options.scope,
        syntax: false,
        cross: options.cross,
        broad: options.broad,
        limit: DEPTH,
        offset: 0,
        filters: Filters {
            lang: options.lang.clone(),
            ..Default::default()
        },
        ..SearchOptions::new(item.query.clone())
    })?;
    Ok((
        ranked.iter().position(|id| *id == item.target).map(|p| p + 1),
        false,
    ))
}
