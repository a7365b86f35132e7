//! An excluded clause (`-word`, `-"a phrase"`, `NOT …`) that tantivy may
//! probe in any order its exclusion needs.
//!
//! tantivy 0.27's `Exclude` asks the excluded docset about each candidate
//! with `seek_danger`. `PhraseScorer::seek_danger` asserts that the target
//! is not behind the phrase's current document, which fails as soon as the
//! phrase has run out (or never matched) while candidates remain: a debug
//! build then panics (found by the `query` fuzz target with `--any` and an
//! excluded word that the analyzer splits into a phrase; tantivy issue
//! 2811). Release builds answer correctly, but a debug assertion inside a
//! dependency is still a bug on fihris's side of the contract.
//!
//! [`Excluded`] wraps the excluded query and answers `seek_danger` with the
//! plain forward-only protocol (seek only when behind, then compare), which
//! every scorer supports. Exclusions only remove candidates, so the lazy
//! "danger zone" seek that this gives up saved little.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// `(MustNot, q)`, with `q` wrapped in [`Excluded`].
pub(super) fn must_not(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::MustNot, Box::new(Excluded(q)))
}

/// A query whose scorers never take `seek_danger` from the wrapped one.
pub(crate) struct Excluded(Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl fmt::Debug for Excluded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Excluded").field(&self.0).finish()
    }
}

impl Query for Excluded {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor)
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ExcludedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }
}

/// Delegates everything but `seek_danger`, which keeps `DocSet`'s default
/// (seek when behind the target, then compare).
struct ExcludedScorer(Box<dyn Scorer>);

impl DocSet for ExcludedScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        // Never backwards: `PhraseScorer::seek` asserts that too.
        let doc = self.0.doc();
        if doc >= target {
            return doc;
        }
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for ExcludedScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
