//! Turning a parsed query ([`crate::query::Node`]) into a tantivy query.
//!
//! Match precisely, rank broadly. A query is two queries over the same
//! structure (AND, OR, NOT):
//! - the *match* query decides which articles match, and so every count,
//!   filter, date sort and page: a word matches where one of its inflected
//!   forms is written ([`fihris_normalize::inflected_forms`]: الجامعة finds
//!   بالجامعة and جامعات, not الجمعة; `marché` finds marchés, not marche;
//!   `marche`, typed without accents, finds both), in the written-forms
//!   fields or, for a word typed without accents, among the accent-folded
//!   exact words. It adds nothing to the score;
//! - the *score* query ranks what the match query found: every word in
//!   the exact fields and, through its stem, in the stemmed fields, all
//!   optional, so that a look-alike sharing a stem adds to an article's
//!   score only when the article matches anyway.
//!
//! With `broad` (`--broad`), the score query also decides what matches, as
//! fihris did before: a word matches its whole stem family.
//!
//! In the score query, a word matches in the exact fields (normalized,
//! unstemmed) and, through its stem, in the stemmed fields; every match
//! adds to the score, so an exact form ranks above a mere variant. Quoted phrases, prefixes and
//! fuzzy words use the exact fields only: a phrase stays exact. A word that
//! the analyzer splits ("Aïn-Defla", "Covid-19") is searched as a phrase.
//! Stopwords (the words the stemmed analyzer drops) are dropped from an
//! any-word query and must match exactly in an all-words query.
//!
//! A word whose stemmed analysis gives several readings (an Arabic word
//! that may or may not begin with a clitic) matches any of them, the
//! readings sharing the word's weight. Searched in the title and the body
//! together, a word is scored once over both fields (BM25F,
//! [`CombinedTermQuery`]): a title occurrence counts as
//! [`Weights::title_tf`] body occurrences. In the body alone, a stemmed
//! match in the article's lead (its first [`Weights::lead_positions`]
//! words) adds [`Weights::lead`].

mod excluded;
mod expansion;
mod lookup;
mod matching;
mod ranking;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery,
    Query, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::error::SearchError;
use crate::query::{Node, QueryField};
use crate::scoring::{CombinedTermQuery, Part};
use crate::search::{FieldScope, MatchMode};
use fihris_index::Fields;

/// Weights of the fields, given by the caller (see `search.rs`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weights {
    /// Multiplier of title fields.
    pub title: f32,
    /// Weight of exact fields.
    pub exact: f32,
    /// Weight of stemmed fields.
    pub stem: f32,
    /// In title-and-body searches, how many body occurrences one title
    /// occurrence is worth.
    pub title_tf: f32,
    /// Length normalization (BM25's b) of title-and-body searches.
    pub combined_b: f32,
    /// Weight of a stemmed match in the lead, when the body is searched
    /// without the title.
    pub lead: f32,
    /// How many word positions of the body make its lead.
    pub lead_positions: u32,
    /// In any-word searches of the body alone, the constant each matching
    /// query word adds (coordination).
    pub coverage: f32,
}

pub(crate) struct QueryBuilder<'a> {
    pub fields: &'a Fields,
    pub exact: TextAnalyzer,
    pub stem: TextAnalyzer,
    /// The written-forms analyzer.
    pub forms: TextAnalyzer,
    /// Whether stems decide what matches (`--broad`).
    pub broad: bool,
    /// The index searched: generated forms that no segment holds are left
    /// out of the match query.
    pub searcher: Option<tantivy::Searcher>,
    pub scope: FieldScope,
    pub mode: MatchMode,
    pub weights: Weights,
    /// Plain words (no syntax): a word the analyzer splits is several
    /// words, not a phrase.
    pub plain: bool,
}

/// The three queries a parsed query makes (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// What matches: words by their inflected forms, exclusions kept.
    Match,
    /// How matches rank: words by their exact and stemmed terms, all
    /// optional, no exclusions.
    Score,
    /// With `broad`: words by their exact and stemmed terms deciding what
    /// matches and how it ranks, as one query.
    Broad,
}

/// A word's exact tokens (text, start, end) and stemmed readings.
type AnalysedWord = (Vec<(String, usize, usize)>, Vec<String>);

/// An exact field and its stemmed twin, with the boost of each.
struct FieldPair {
    exact: (Field, f32),
    stem: Option<(Field, f32)>,
}

impl QueryBuilder<'_> {
    /// The tantivy query of a whole parsed query: the score query alone
    /// with `broad`, else the match query (scoring nothing) required and
    /// the score query's words optional.
    pub fn build(&mut self, node: &Node) -> Result<Box<dyn Query>, SearchError> {
        if self.broad {
            return Ok(self
                .tree(node, Kind::Broad)?
                .unwrap_or_else(|| Box::new(EmptyQuery)));
        }
        let Some(matched) = self.tree(node, Kind::Match)? else {
            return Ok(Box::new(EmptyQuery));
        };
        let score = self.tree(node, Kind::Score)?;
        Ok(with_score(matched, score))
    }

    fn field_pairs(&self, field: Option<QueryField>) -> Vec<FieldPair> {
        let f = self.fields;
        let w = self.weights;
        let title = FieldPair {
            exact: (f.title, w.title * w.exact),
            stem: Some((f.title_stem, w.title * w.stem)),
        };
        let body = FieldPair {
            exact: (f.body, w.exact),
            stem: Some((f.body_stem, w.stem)),
        };
        match (field, self.scope) {
            (Some(QueryField::Title), _) => vec![title],
            (Some(QueryField::Body), _) | (None, FieldScope::Body) => vec![body],
            (Some(QueryField::Source), _) => vec![FieldPair {
                exact: (f.source, 1.0),
                stem: None,
            }],
            (None, FieldScope::All) => vec![title, body],
        }
    }

    /// The query of a node of one `kind` (see [`Kind`]).
    fn tree(&mut self, node: &Node, kind: Kind) -> Result<Option<Box<dyn Query>>, SearchError> {
        match node {
            Node::Word {
                text,
                field,
                prefix: true,
                ..
            } => self.prefix(text, *field),
            Node::Word {
                text,
                field,
                fuzzy: Some(distance),
                ..
            } => Ok(self.fuzzy(text, *field, *distance)),
            Node::Word { text, field, .. } => Ok(match kind {
                Kind::Match => self.word_match(text, *field),
                _ => self.word(text, *field),
            }),
            Node::Phrase { text, field } => Ok(match kind {
                Kind::Match => self.phrase_match(text, *field),
                _ => self.phrase(text, *field),
            }),
            Node::And(children) => self.and_tree(children, kind),
            Node::Or(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for child in children {
                    if let Some(q) = self.tree(child, kind)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                Ok(boolean(clauses))
            }
            // Exclusions belong to the match query.
            Node::Not(_) if kind == Kind::Score => Ok(None),
            Node::Not(child) => {
                let Some(q) = self.tree(child, kind)? else {
                    return Ok(None);
                };
                Ok(Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    excluded::must_not(q),
                ]))))
            }
        }
    }

    fn and_tree(&mut self, children: &[Node], kind: Kind) -> Result<Option<Box<dyn Query>>, SearchError> {
        let positive = match (kind, self.mode) {
            (Kind::Score, _) | (_, MatchMode::Any) => Occur::Should,
            (_, MatchMode::All) => Occur::Must,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut has_positive = false;
        let any = self.mode == MatchMode::Any;
        let coverage = match (any, self.scope, kind) {
            (true, FieldScope::Body, Kind::Score | Kind::Broad) => self.weights.coverage,
            _ => 0.0,
        };
        // In an any-word query a repeated word counts once: a long pasted
        // text repeats its topic's words, which the article's own term
        // frequencies already reward (French abstract queries, MRR@10:
        // 0.779 counting every occurrence, 0.780 once; with the title
        // weight 4, 0.781 and 0.782).
        let mut seen = std::collections::HashSet::new();
        for child in children {
            if let (true, Node::Word { text, field, .. }) = (any, child) {
                if !seen.insert((text.to_lowercase(), *field)) {
                    continue;
                }
            }
            match child {
                Node::Not(_) if kind == Kind::Score => {}
                Node::Not(inner) => {
                    if let Some(q) = self.tree(inner, kind)? {
                        clauses.push(excluded::must_not(q));
                    }
                }
                other => {
                    if let Some(q) = self.tree(other, kind)? {
                        if coverage > 0.0 {
                            let matched = ConstScoreQuery::new(q.box_clone(), coverage);
                            clauses.push((Occur::Should, Box::new(matched)));
                        }
                        clauses.push((positive, q));
                        has_positive = true;
                    }
                }
            }
        }
        if !has_positive && !clauses.is_empty() {
            // Only exclusions: everything but them.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(boolean(clauses))
    }
}

/// A sequence of stems in a stemmed field: a term, or a loose phrase
/// (stopwords removed at indexing leave gaps; a slop of 2 allows them). A
/// phrase's BM25 score adds up the weights of its words; it is divided by
/// their number, so that a concept translated by several words ("ANEM" →
/// "الوكالة الوطنية للتشغيل") weighs like one word, not like three.
fn stems_query(field: Field, stems: &[String], boost: f32) -> Box<dyn Query> {
    match stems {
        [one] => term_query(field, one, boost),
        _ => {
            let terms: Vec<Term> = stems.iter().map(|s| Term::from_field_text(field, s)).collect();
            let mut phrase = PhraseQuery::new(terms);
            phrase.set_slop(2);
            boosted(Box::new(phrase), boost / stems.len() as f32)
        }
    }
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs);
    boosted(Box::new(q), boost)
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// The words of plain text that the analyzer splits ("Aïn-Defla",
/// "Covid-19"), each a word of the query: each part is analysed alone and
/// gives one token.
fn parts(text: &str, tokens: &[(String, usize, usize)], field: Option<QueryField>) -> Vec<Node> {
    tokens
        .iter()
        .filter_map(|(_, from, to)| text.get(*from..*to))
        .map(|w| Node::Word {
            text: w.to_string(),
            field,
            prefix: false,
            fuzzy: None,
        })
        .collect()
}

/// A match query (scoring nothing) with an optional score query.
pub(crate) fn with_score(matched: Box<dyn Query>, score: Option<Box<dyn Query>>) -> Box<dyn Query> {
    let matched: Box<dyn Query> = Box::new(ConstScoreQuery::new(matched, 0.0));
    match score {
        None => matched,
        Some(score) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, matched),
            (Occur::Should, score),
        ])),
    }
}

/// One clause stays itself; none is no query.
fn boolean(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    match clauses.len() {
        0 => None,
        1 if matches!(clauses[0].0, Occur::Should | Occur::Must) => clauses.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    }
}

#[cfg(test)]
mod tests {
    use crate::test_index::index_of;
    use crate::{Fihris, MatchMode, SearchOptions};

    /// The ids that `query` matches, sorted, with the given options.
    fn ids(fihris: &Fihris, query: &str, edit: impl Fn(&mut SearchOptions)) -> Vec<String> {
        let mut options = SearchOptions {
            limit: 100,
            ..SearchOptions::new(query)
        };
        edit(&mut options);
        let results = fihris.search(&options).unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(
            results.total,
            results.hits.len(),
            "{query}: one page holds every match"
        );
        let mut ids: Vec<String> = results.hits.into_iter().map(|h| h.meta.id).collect();
        ids.sort();
        ids
    }

    fn articles() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
        vec![
            (
                "univ",
                "ar",
                "أخبار الجامعة",
                "افتتحت الجامعات الجزائرية السنة الدراسية في الجامعة المركزية.",
            ),
            (
                "friday",
                "ar",
                "خطبة",
                "ألقى الإمام خطبة الجمعة في المسجد الكبير يوم الجمعة.",
            ),
            (
                "market",
                "fr",
                "Le marché",
                "Le marché de l'emploi reste tendu selon l'ANEM.",
            ),
            (
                "walk",
                "fr",
                "La marche",
                "Une marche pour l'emploi des jeunes a eu lieu à Oran.",
            ),
            (
                "jobless",
                "fr",
                "Chômage",
                "Le chômage des jeunes baisse, dit l'ANEM.",
            ),
            (
                "campus",
                "fr",
                "Rentrée",
                "L'université d'Oran accueille ses étudiants.",
            ),
        ]
    }

    #[test]
    fn a_word_matches_its_forms_not_its_stem_family() {
        let index = index_of(&articles());
        let f = &index.fihris;
        assert_eq!(ids(f, "الجامعة", |o| o.cross = false), ["univ"]);
        assert_eq!(ids(f, "الجامعة", |_| {}), ["campus", "univ"]);
        assert_eq!(ids(f, "marché", |_| {}), ["market"]);
        // Typed without accents, a word matches every spelling.
        assert_eq!(ids(f, "marche", |_| {}), ["market", "walk"]);
        // --broad: the stem family decides.
        let broad = ids(f, "الجامعة", |o| {
            o.broad = true;
            o.cross = false;
        });
        assert!(broad.contains(&"friday".to_string()), "{broad:?}");
    }

    #[test]
    fn exclusions_and_modes() {
        let index = index_of(&articles());
        let f = &index.fihris;
        assert_eq!(ids(f, "emploi -chômage", |_| {}), ["market", "walk"]);
        assert_eq!(ids(f, "emploi ANEM", |_| {}), ["market"]);
        assert_eq!(
            ids(f, "emploi ANEM", |o| o.mode = MatchMode::Any),
            ["jobless", "market", "walk"]
        );
        assert_eq!(ids(f, "marché OR chômage", |_| {}), ["jobless", "market"]);
        assert_eq!(ids(f, "title:marche", |_| {}), ["market", "walk"]);
    }

    /// An excluded phrase that never matches, or runs out before the other
    /// clauses do, once made tantivy's `PhraseScorer::seek_danger` assert in
    /// debug builds (found by the `query` fuzz target: ` -تsfi ا وأم` with
    /// `--any`, the word of two scripts being a phrase). Each mode, with and
    /// without the expansion.
    #[test]
    fn an_excluded_phrase_that_runs_out_is_no_panic() {
        let index = index_of(&articles());
        let f = &index.fihris;
        for mode in [MatchMode::All, MatchMode::Any] {
            for cross in [true, false] {
                let edit = |o: &mut SearchOptions| {
                    o.mode = mode;
                    o.cross = cross;
                };
                // Never matches: nothing is removed.
                assert_eq!(ids(f, "emploi -\"jeunes ANEM\"", edit), ["market", "walk"]);
                assert_eq!(ids(f, "emploi -Oranxyz-tsfi", edit), ["market", "walk"]);
                // All words: the lone letter ا must be written somewhere.
                let expected = if mode == MatchMode::Any { 2 } else { 0 };
                assert_eq!(ids(f, "-تsfi ا emploi", edit).len(), expected, "{mode:?} {cross}");
                // Matches the first candidate only, then runs out.
                assert_eq!(ids(f, "emploi -\"marché de\"", edit), ["walk"]);
                assert_eq!(ids(f, "emploi NOT \"marché de\"", edit), ["walk"]);
            }
        }
        // The first clause wrapped alone in NOT.
        assert_eq!(ids(f, "-\"marché de\"", |o| o.mode = MatchMode::Any).len(), 5);
    }

    #[test]
    fn translations_match_only_with_the_expansion_and_rank_below() {
        let index = index_of(&articles());
        let f = &index.fihris;
        assert_eq!(ids(f, "université", |o| o.cross = false), ["campus"]);
        assert_eq!(ids(f, "université", |_| {}), ["campus", "univ"]);
        // Direct matches rank above translated ones.
        let ranked = f
            .ranked_ids(&SearchOptions {
                limit: 10,
                ..SearchOptions::new("université")
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ranked, ["campus", "univ"]);
    }
}
