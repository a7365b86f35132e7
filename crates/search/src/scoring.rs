//! A BM25F query over one word in several fields (the "combined fields"
//! model of Robertson, Zaragoza and Taylor 2004, Lucene's
//! `CombinedFieldQuery`), optionally counting only the first positions of
//! a field (the lead of an article).
//!
//! A word's frequency in a document is the weighted sum of its frequencies
//! in the parts (a title occurrence counting `weight` body occurrences), the
//! document length is the sum of the parts' lengths, and the sum is
//! saturated once, so a word found in the title and the body does not score
//! twice as BM25 would per field. The idf is the one of the word in the
//! field that holds it most often (the body). With a position limit, only
//! occurrences before that position count and the length is capped at it:
//! "is this word in the first sentences?".
//!
//! Scores are computed eagerly per segment (one pass over each part's
//! postings, merged in document order): simple, and fast enough for
//! press-sized indexes (BENCHMARKS.md has the latencies).

use tantivy::postings::Postings;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// BM25's term saturation (tantivy's and Lucene's default).
const K1: f32 = 1.2;
/// BM25's length normalization (the default; see
/// [`CombinedTermQuery::with_b`]).
const B: f32 = 0.75;

/// One field of a combined word.
#[derive(Clone, Debug)]
pub struct Part {
    /// The word, in this field's analysis.
    pub term: Term,
    /// How many occurrences elsewhere one occurrence here is worth.
    pub weight: f32,
    /// Count only occurrences before this position (and cap the length).
    pub max_position: Option<u32>,
}

impl Part {
    /// The term in its field, every occurrence counting `weight`.
    pub fn new(term: Term, weight: f32) -> Part {
        Part {
            term,
            weight,
            max_position: None,
        }
    }

    /// Only the occurrences before `positions` count.
    pub fn first(self, positions: u32) -> Part {
        Part {
            max_position: Some(positions),
            ..self
        }
    }
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub struct CombinedTermQuery {
    parts: Vec<Part>,
    b: f32,
}

impl CombinedTermQuery {
    /// The query for a word in these parts.
    pub fn new(parts: Vec<Part>) -> CombinedTermQuery {
        CombinedTermQuery { parts, b: B }
    }

    /// The same query with length normalization `b` (0: none, 1: full)
    /// instead of BM25's default 0.75.
    pub fn with_b(self, b: f32) -> CombinedTermQuery {
        CombinedTermQuery { b, ..self }
    }
}

impl Query for CombinedTermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(searcher) = enable_scoring.searcher() else {
            return Ok(Box::new(CombinedWeight {
                parts: self.parts.clone(),
                idf: 0.0,
                avg_len: 1.0,
                b: self.b,
            }));
        };
        // Statistics over the live documents only, so that an index
        // updated in place (deleted documents not yet merged away) ranks
        // exactly like a rebuilt one; without deletions, tantivy's own
        // statistics are the same and cheaper.
        let readers = searcher.segment_readers();
        let deletions = readers.iter().any(|r| r.has_deletes());
        let docs = readers
            .iter()
            .map(|r| u64::from(r.num_docs()))
            .sum::<u64>()
            .max(1) as f32;
        let mut df = 0u64;
        let mut avg_len = 0.0f32;
        for part in &self.parts {
            let field = part.term.field();
            df = df.max(if deletions {
                live_doc_freq(readers, &part.term)?
            } else {
                searcher.doc_freq(&part.term)?
            });
            avg_len += match (part.max_position, deletions) {
                (None, false) => {
                    let tokens: u64 = readers
                        .iter()
                        .map(|r| r.inverted_index(field).map(|i| i.total_num_tokens()))
                        .sum::<tantivy::Result<u64>>()?;
                    tokens as f32 / docs
                }
                (limit, _) => average_length(readers, field, limit.unwrap_or(u32::MAX))?,
            };
        }
        let df = df as f32;
        let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
        Ok(Box::new(CombinedWeight {
            parts: self.parts.clone(),
            idf,
            avg_len: avg_len.max(1.0),
            b: self.b,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            visitor(&part.term, false);
        }
    }
}

/// The number of live documents holding `term`.
fn live_doc_freq(readers: &[SegmentReader], term: &Term) -> tantivy::Result<u64> {
    let mut count = 0u64;
    for reader in readers {
        let index = reader.inverted_index(term.field())?;
        let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? else {
            continue;
        };
        let alive = reader.alive_bitset();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                count += 1;
            }
            doc = postings.advance();
        }
    }
    Ok(count)
}

/// What an average length is computed over: the segments (and their
/// deletions), the field and the position limit.
type LengthKey = (Vec<(tantivy::index::SegmentId, u32)>, Field, u32);

/// The mean over the live documents of min(length, limit) in `field`. It
/// reads every document's length, so it is computed once per state of the
/// index (a query creates one weight per word).
fn average_length(readers: &[SegmentReader], field: Field, limit: u32) -> tantivy::Result<f32> {
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<std::collections::HashMap<LengthKey, f32>>> = OnceLock::new();
    let key: LengthKey = (
        readers
            .iter()
            .map(|r| (r.segment_id(), r.num_deleted_docs()))
            .collect(),
        field,
        limit,
    );
    let cache = CACHE.get_or_init(Default::default);
    if let Some(&avg) = cache.lock().ok().and_then(|c| c.get(&key).copied()).as_ref() {
        return Ok(avg);
    }
    let avg = compute_average_length(readers, field, limit)?;
    if let Ok(mut c) = cache.lock() {
        if c.len() > 64 {
            c.clear();
        }
        c.insert(key, avg);
    }
    Ok(avg)
}

fn compute_average_length(readers: &[SegmentReader], field: Field, limit: u32) -> tantivy::Result<f32> {
    let mut sum = 0u64;
    let mut count = 0u64;
    for reader in readers {
        let norms = reader.get_fieldnorms_reader(field)?;
        let alive = reader.alive_bitset();
        for doc in 0..reader.max_doc() {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                sum += u64::from(norms.fieldnorm(doc).min(limit));
                count += 1;
            }
        }
    }
    Ok(if count == 0 {
        1.0
    } else {
        sum as f32 / count as f32
    })
}

struct CombinedWeight {
    parts: Vec<Part>,
    idf: f32,
    avg_len: f32,
    b: f32,
}

impl CombinedWeight {
    /// (doc, score) for every document of the segment holding the word, by doc.
    fn scores(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Vec<(DocId, Score)>> {
        // Each part's postings are in document order: merge them, adding
        // up the weighted frequencies of a document found in several parts.
        let mut tf: Vec<(DocId, f32)> = Vec::new();
        let mut part_tf: Vec<(DocId, f32)> = Vec::new();
        let mut positions = Vec::new();
        for part in &self.parts {
            let field = part.term.field();
            let option = if part.max_position.is_some() {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::WithFreqs
            };
            let Some(mut postings) = reader.inverted_index(field)?.read_postings(&part.term, option)? else {
                continue;
            };
            part_tf.clear();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let freq = match part.max_position {
                    None => postings.term_freq() as f32,
                    Some(limit) => {
                        positions.clear();
                        postings.positions(&mut positions);
                        positions.iter().take_while(|&&p| p < limit).count() as f32
                    }
                };
                if freq > 0.0 {
                    part_tf.push((doc, part.weight * freq));
                }
                doc = postings.advance();
            }
            tf = merge(&tf, &part_tf);
        }
        let norms = self
            .parts
            .iter()
            .map(|p| {
                reader
                    .get_fieldnorms_reader(p.term.field())
                    .map(|n| (n, p.max_position))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let out: Vec<(DocId, Score)> = tf
            .into_iter()
            .map(|(doc, tf)| {
                let len: u32 = norms
                    .iter()
                    .map(|(n, limit)| {
                        let l = n.fieldnorm(doc);
                        limit.map_or(l, |m| l.min(m))
                    })
                    .sum();
                let norm = K1 * (1.0 - self.b + self.b * len as f32 / self.avg_len);
                (doc, boost * self.idf * (K1 + 1.0) * tf / (tf + norm))
            })
            .collect();
        Ok(out)
    }
}

/// Two lists sorted by document merged into one, the values of a document
/// in both added up.
fn merge(a: &[(DocId, f32)], b: &[(DocId, f32)]) -> Vec<(DocId, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

impl Weight for CombinedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ListScorer {
            hits: self.scores(reader, boost)?,
            at: 0,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let hits = self.scores(reader, 1.0)?;
        match hits.binary_search_by_key(&doc, |(d, _)| *d) {
            Ok(i) => Ok(Explanation::new("BM25F (combined fields)", hits[i].1)),
            Err(_) => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            ))),
        }
    }
}

/// A scorer over a precomputed, sorted list of hits.
struct ListScorer {
    hits: Vec<(DocId, Score)>,
    at: usize,
}

impl DocSet for ListScorer {
    fn advance(&mut self) -> DocId {
        if self.at < self.hits.len() {
            self.at += 1;
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let rest = &self.hits[self.at..];
        self.at += rest.partition_point(|(d, _)| *d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.hits.get(self.at).map_or(TERMINATED, |(d, _)| *d)
    }

    fn size_hint(&self) -> u32 {
        (self.hits.len() - self.at.min(self.hits.len())) as u32
    }
}

impl Scorer for ListScorer {
    fn score(&mut self) -> Score {
        self.hits.get(self.at).map_or(0.0, |(_, s)| *s)
    }
}
