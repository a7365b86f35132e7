//! Counts of matching articles per year, month, source, author or
//! language: how a researcher sees coverage over time.
//!
//! Counting reads the fast columns (`day`, `lang`, `source_key`,
//! `author_key`) of the matching documents, never the stored text, so it
//! stays quick on the whole index. Articles without a date (or a source,
//! an author) are counted in their own bucket, "undated" ("unknown"),
//! rather than dropped.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{AllQuery, Query};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::SearchError;
use crate::filters::{date_of_day, Filters};
use crate::search::SearchOptions;
use crate::Fihris;

/// What to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsBy {
    /// Publication year.
    Year,
    /// Publication month (YYYY-MM).
    Month,
    /// Publisher.
    Source,
    /// Author.
    Author,
    /// Language.
    Lang,
}

/// Bucket name of articles without a date.
pub const UNDATED: &str = "undated";
/// Bucket name of articles without a source.
pub const UNKNOWN_SOURCE: &str = "unknown";
/// Bucket name of articles without an author.
pub const UNKNOWN_AUTHOR: &str = "unknown";

/// What to count.
#[derive(Debug, Clone)]
pub struct StatsOptions {
    /// A query (all articles when `None`).
    pub query: Option<String>,
    /// The buckets.
    pub by: StatsBy,
    /// Filters, as for search.
    pub filters: Filters,
    /// Count articles in the other language too (see search).
    pub cross: bool,
    /// Let stems decide what matches (see [`SearchOptions::broad`]).
    pub broad: bool,
}

/// Counts per bucket.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Buckets and counts: in time order for years and months (undated
    /// last), by decreasing count for sources, authors and languages.
    pub buckets: Vec<(String, u64)>,
    /// All matching articles.
    pub total: u64,
    /// Undated matches left out by a date filter.
    pub undated_excluded: usize,
}

impl Fihris {
    /// Counts the articles matching `options` per bucket.
    pub fn stats(&self, options: &StatsOptions) -> Result<Stats, SearchError> {
        let matched: Box<dyn Query> = match &options.query {
            Some(q) if !q.trim().is_empty() => self.parse(&SearchOptions {
                cross: options.cross,
                broad: options.broad,
                ..SearchOptions::new(q.clone())
            })?,
            _ => Box::new(AllQuery),
        };
        let undated_excluded = self.undated_excluded(&*matched, &options.filters)?;
        let query = self.filtered(matched, &options.filters)?;
        let searcher = self.reader.searcher();
        let counts = searcher.search(&*query, &BucketCounter { by: options.by })?;
        let total = counts.values().sum();
        let mut buckets: Vec<(String, u64)> = counts.into_iter().collect();
        match options.by {
            StatsBy::Year | StatsBy::Month => {
                // Keys sort in time order; "undated" sorts after digits.
            }
            StatsBy::Source | StatsBy::Author | StatsBy::Lang => {
                buckets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            }
        }
        Ok(Stats {
            buckets,
            total,
            undated_excluded,
        })
    }
}

struct BucketCounter {
    by: StatsBy,
}

enum SegmentColumn {
    Day(Column<i64>),
    Str(Option<StrColumn>),
}

struct SegmentBuckets {
    by: StatsBy,
    column: SegmentColumn,
    /// For string columns: counts by term ordinal, resolved at harvest.
    by_ord: HashMap<u64, u64>,
    missing: u64,
    /// For days: counts by bucket key.
    by_key: BTreeMap<String, u64>,
}

impl Collector for BucketCounter {
    type Fruit = BTreeMap<String, u64>;
    type Child = SegmentBuckets;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentBuckets> {
        let fast = segment.fast_fields();
        let column = match self.by {
            StatsBy::Year | StatsBy::Month => SegmentColumn::Day(fast.i64("day")?),
            StatsBy::Lang => SegmentColumn::Str(fast.str("lang")?),
            StatsBy::Source => SegmentColumn::Str(fast.str("source_key")?),
            StatsBy::Author => SegmentColumn::Str(fast.str("author_key")?),
        };
        Ok(SegmentBuckets {
            by: self.by,
            column,
            by_ord: HashMap::new(),
            missing: 0,
            by_key: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<String, u64>>) -> tantivy::Result<BTreeMap<String, u64>> {
        let mut all = BTreeMap::new();
        for fruit in fruits {
            for (k, v) in fruit {
                *all.entry(k).or_insert(0) += v;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentBuckets {
    type Fruit = BTreeMap<String, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        match &self.column {
            SegmentColumn::Day(column) => {
                let key = match column.first(doc).and_then(date_of_day) {
                    Some(date) if self.by == StatsBy::Year => format!("{:04}", date.year()),
                    Some(date) => format!("{:04}-{:02}", date.year(), date.month()),
                    None => UNDATED.to_string(),
                };
                *self.by_key.entry(key).or_insert(0) += 1;
            }
            SegmentColumn::Str(column) => match column.as_ref().and_then(|c| c.term_ords(doc).next()) {
                Some(ord) => *self.by_ord.entry(ord).or_insert(0) += 1,
                None => self.missing += 1,
            },
        }
    }

    fn harvest(self) -> BTreeMap<String, u64> {
        let mut out = self.by_key;
        if let SegmentColumn::Str(Some(column)) = &self.column {
            let mut name = String::new();
            for (ord, count) in self.by_ord {
                name.clear();
                if column.ord_to_str(ord, &mut name).unwrap_or(false) {
                    *out.entry(name.clone()).or_insert(0) += count;
                }
            }
        }
        if self.missing > 0 {
            let name = match self.by {
                StatsBy::Source => UNKNOWN_SOURCE,
                StatsBy::Author => UNKNOWN_AUTHOR,
                _ => "und",
            };
            *out.entry(name.to_string()).or_insert(0) += self.missing;
        }
        out
    }
}
