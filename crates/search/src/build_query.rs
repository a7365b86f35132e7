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

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery,
    Query, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::crosslingual::{self, Lexicon};
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

    /// A query matching any of `forms` in any of `fields`, of those the
    /// index holds. An Arabic word has hundreds of generated forms (clitics
    /// × inflections × pronouns), of which a few dozen occur: each is looked
    /// up in the term dictionaries, and only those found make the query, so
    /// that snippets and explanations see only them. Measured on the Arabic
    /// any-word dev queries (warm p50): tantivy's `TermSetQuery` over every
    /// form, which builds an FST of them for each search, 12 ms; walking the
    /// term dictionary with an automaton of the forms, 4.6–5.5 ms; one
    /// lookup per form, 3.9–5.1 ms (before the change: 1.9–2.3 ms).
    fn forms_query(&self, fields: &[Field], forms: &[String]) -> Box<dyn Query> {
        let mut found: Vec<Term> = Vec::new();
        for &field in fields {
            match &self.searcher {
                None => found.extend(forms.iter().map(|f| Term::from_field_text(field, f))),
                Some(searcher) => found.extend(existing_terms(searcher, field, forms)),
            }
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = found
            .into_iter()
            .map(|t| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        boolean(clauses).unwrap_or_else(|| Box::new(EmptyQuery))
    }

    /// The fields a word's forms are looked up in: written-forms or exact.
    fn match_fields(&self, field: Option<QueryField>, written: bool) -> Vec<Field> {
        let f = self.fields;
        let (title, body) = match written {
            true => (f.title_forms, f.body_forms),
            false => (f.title, f.body),
        };
        match (field, self.scope) {
            (Some(QueryField::Title), _) => vec![title],
            (Some(QueryField::Body), _) | (None, FieldScope::Body) => vec![body],
            (Some(QueryField::Source), _) => vec![f.source],
            (None, FieldScope::All) => vec![title, body],
        }
    }

    /// The forms a single word matches: its inflections, as written or
    /// accent-folded (see [`fihris_normalize::inflection`]).
    pub(crate) fn word_forms(&mut self, text: &str) -> Option<fihris_normalize::Inflected> {
        match fihris_normalize::analyze(&mut self.exact, text).as_slice() {
            [(folded, _, _)] => Some(self.forms_of(text, folded)),
            _ => None,
        }
    }

    /// [`QueryBuilder::word_forms`] of a word whose exact analysis is the
    /// one token `folded`.
    fn forms_of(&mut self, text: &str, folded: &str) -> fihris_normalize::Inflected {
        match fihris_normalize::analyze(&mut self.forms, text).as_slice() {
            [(written, _, _)] => fihris_normalize::inflected_forms(written, folded),
            _ => fihris_normalize::Inflected {
                written: false,
                forms: vec![folded.to_string()].into(),
            },
        }
    }

    /// A word as the analyzer cuts it: its one token and stemmed readings,
    /// or the query already made of it (none for no token; its parts, as
    /// words of a query of `kind`, for plain text the analyzer splits; else
    /// a phrase).
    fn one_word(
        &mut self,
        text: &str,
        field: Option<QueryField>,
        kind: Kind,
    ) -> Result<AnalysedWord, Option<Box<dyn Query>>> {
        let (tokens, stems) = self.analyze_word(text);
        match tokens.len() {
            0 => Err(None),
            1 => Ok((tokens, stems)),
            _ if self.plain => Err(self.and_tree(&parts(text, &tokens, field), kind).ok().flatten()),
            _ if kind == Kind::Match => Err(self.phrase_match(text, field)),
            _ => Err(self.phrase(text, field)),
        }
    }

    /// The match query of a word: any of its forms, in the fields in scope.
    fn word_match(&mut self, text: &str, field: Option<QueryField>) -> Option<Box<dyn Query>> {
        let (tokens, stems) = match self.one_word(text, field, Kind::Match) {
            Ok(word) => word,
            Err(query) => return query,
        };
        if field == Some(QueryField::Source) {
            return self.word(text, field);
        }
        if stems.is_empty() {
            // A stopword: dropped from an any-word query, matched as it is
            // in an all-words query.
            if self.mode == MatchMode::Any {
                return None;
            }
            let fields = self.match_fields(field, false);
            return Some(self.forms_query(&fields, std::slice::from_ref(&tokens[0].0)));
        }
        let inflected = self.forms_of(text, &tokens[0].0);
        let fields = self.match_fields(field, inflected.written);
        Some(self.forms_query(&fields, &inflected.forms))
    }

    /// The match query of a phrase: the exact phrase, and each word typed
    /// with accents written so somewhere in the fields in scope (positions
    /// are kept only for the accent-folded words).
    fn phrase_match(&mut self, text: &str, field: Option<QueryField>) -> Option<Box<dyn Query>> {
        let phrase = self.phrase(text, field)?;
        let exact = fihris_normalize::analyze(&mut self.exact, text);
        let written = fihris_normalize::analyze(&mut self.forms, text);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, phrase)];
        if exact.len() == written.len() {
            for ((folded, _, _), (word, _, _)) in exact.iter().zip(&written) {
                let accented = word != folded
                    && word.chars().next().map(fihris_lang::script_of) == Some(fihris_lang::Script::Latin);
                if accented {
                    let fields = self.match_fields(field, true);
                    clauses.push((Occur::Must, self.forms_query(&fields, std::slice::from_ref(word))));
                }
            }
        }
        boolean(clauses)
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
                prefix,
                fuzzy,
            } => {
                if *prefix {
                    self.prefix(text, *field)
                } else if let Some(distance) = fuzzy {
                    Ok(self.fuzzy(text, *field, *distance))
                } else if kind == Kind::Match {
                    Ok(self.word_match(text, *field))
                } else {
                    Ok(self.word(text, *field))
                }
            }
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
                    (Occur::MustNot, q),
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
                        clauses.push((Occur::MustNot, q));
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

    /// The exact analysis of a word, and its stemmed readings (none for a
    /// stopword, several for an Arabic word that may begin with a clitic).
    fn analyze_word(&mut self, text: &str) -> AnalysedWord {
        let tokens = fihris_normalize::analyze(&mut self.exact, text);
        let stems = match tokens.as_slice() {
            [(_, from, to)] => text
                .get(*from..*to)
                .map(|w| {
                    fihris_normalize::analyze(&mut self.stem, w)
                        .into_iter()
                        .map(|(t, _, _)| t)
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        (tokens, stems)
    }

    pub(crate) fn word(&mut self, text: &str, field: Option<QueryField>) -> Option<Box<dyn Query>> {
        let (tokens, stems) = match self.one_word(text, field, Kind::Broad) {
            Ok(word) => word,
            Err(query) => return query,
        };
        if stems.is_empty() && self.mode == MatchMode::Any && field != Some(QueryField::Source) {
            return None;
        }
        let exact = &tokens[0].0;
        let f = self.fields;
        let w = self.weights;
        let share = 1.0 / stems.len().max(1) as f32;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if field.is_none() && self.scope == FieldScope::All {
            let both = |title: Field, body: Field, text: &str| {
                CombinedTermQuery::new(vec![
                    Part::new(Term::from_field_text(title, text), w.title_tf),
                    Part::new(Term::from_field_text(body, text), 1.0),
                ])
                .with_b(w.combined_b)
            };
            clauses.push((
                Occur::Should,
                boosted(Box::new(both(f.title, f.body, exact)), w.exact),
            ));
            for stem in &stems {
                let q = both(f.title_stem, f.body_stem, stem);
                clauses.push((Occur::Should, boosted(Box::new(q), w.stem * share)));
            }
            return boolean(clauses);
        }
        for pair in self.field_pairs(field) {
            clauses.push((Occur::Should, term_query(pair.exact.0, exact, pair.exact.1)));
            let Some((stem_field, boost)) = pair.stem else {
                continue;
            };
            for stem in &stems {
                clauses.push((Occur::Should, term_query(stem_field, stem, boost * share)));
                if stem_field == f.body_stem && w.lead > 0.0 {
                    let term = Term::from_field_text(stem_field, stem);
                    let lead = CombinedTermQuery::new(vec![Part::new(term, 1.0).first(w.lead_positions)]);
                    clauses.push((Occur::Should, boosted(Box::new(lead), w.lead * share)));
                }
            }
        }
        boolean(clauses)
    }

    /// A phrase on the exact fields (a quoted phrase, or a word the
    /// analyzer splits into several).
    fn phrase(&mut self, text: &str, field: Option<QueryField>) -> Option<Box<dyn Query>> {
        let mut stream_positions = Vec::new();
        {
            let mut stream = self.exact.token_stream(text);
            while let Some(token) = stream.next() {
                stream_positions.push((token.position, token.text.clone()));
            }
        }
        if stream_positions.is_empty() {
            return None;
        }
        let first = stream_positions[0].0;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for pair in self.field_pairs(field) {
            let (f, boost) = pair.exact;
            let q: Box<dyn Query> = if stream_positions.len() == 1 {
                term_query(f, &stream_positions[0].1, boost)
            } else {
                let terms: Vec<(usize, Term)> = stream_positions
                    .iter()
                    .map(|(p, t)| (p - first, Term::from_field_text(f, t)))
                    .collect();
                boosted(Box::new(PhraseQuery::new_with_offset(terms)), boost)
            };
            clauses.push((Occur::Should, q));
        }
        boolean(clauses)
    }

    fn prefix(
        &mut self,
        text: &str,
        field: Option<QueryField>,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        let tokens = fihris_normalize::analyze(&mut self.exact, text);
        let Some((prefix, _, _)) = tokens.last() else {
            return Ok(None);
        };
        let pattern = format!("{}.*", regex_escape(prefix));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for pair in self.field_pairs(field) {
            let (f, boost) = pair.exact;
            let q = RegexQuery::from_pattern(&pattern, f)
                .map_err(|e| SearchError::Query(format!("invalid prefix {text:?}: {e}")))?;
            clauses.push((Occur::Should, boosted(Box::new(q), boost)));
        }
        Ok(boolean(clauses))
    }

    fn fuzzy(&mut self, text: &str, field: Option<QueryField>, distance: u8) -> Option<Box<dyn Query>> {
        let tokens = fihris_normalize::analyze(&mut self.exact, text);
        let [(word, _, _)] = tokens.as_slice() else {
            return self.word(text, field);
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for pair in self.field_pairs(field) {
            let (f, boost) = pair.exact;
            let q = FuzzyTermQuery::new(Term::from_field_text(f, word), distance, true);
            clauses.push((Occur::Should, boosted(Box::new(q), boost)));
        }
        boolean(clauses)
    }
}

impl QueryBuilder<'_> {
    /// The cross-lingual clause of a query: its words translated through
    /// the lexicon, and its anchors (numbers, Latin acronyms) as they are,
    /// with the query's structure (AND, OR, NOT) kept. It only matches
    /// articles in the other language. `None` when nothing translates.
    pub fn expansion(&mut self, node: &Node, lexicon: &Lexicon) -> Option<Box<dyn Query>> {
        // The query's language, from its words other than anchors (a Latin
        // acronym in an Arabic query does not make it French).
        let mut words = Vec::new();
        positive_words(node, &mut words);
        let text: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !crosslingual::is_anchor(w))
            .collect();
        let counts = fihris_lang::ScriptCounts::of(&text.join(" "));
        let target_lang = if counts.arabic > counts.latin { "fr" } else { "ar" };
        let lang = |fields: &Fields| -> Box<dyn Query> {
            let lang = TermQuery::new(
                Term::from_field_text(fields.lang, target_lang),
                IndexRecordOption::Basic,
            );
            Box::new(BoostQuery::new(Box::new(lang), 0.0))
        };
        let mut translated = false;
        let score = self.translate(node, lexicon, &mut translated, Kind::Score)?;
        if !translated {
            // Anchors alone find what the direct query already finds.
            return None;
        }
        let score: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, score),
            (Occur::Must, lang(self.fields)),
        ]));
        if self.broad {
            return Some(score);
        }
        let matched = self.translate(node, lexicon, &mut translated, Kind::Match)?;
        let matched: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, matched),
            (Occur::Must, lang(self.fields)),
        ]));
        Some(with_score(matched, Some(score)))
    }

    /// The match query of one translation: any of the expressions that
    /// the lexicon writes for it, each of its words by its inflected forms
    /// (an expression of several words also as a loose phrase of stems, as
    /// the score query has it).
    fn translation_match(&mut self, written: &[String], stems: &[String]) -> Option<Box<dyn Query>> {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for expression in written {
            let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for word in expression.split_whitespace() {
                let (tokens, word_stems) = self.analyze_word(word);
                let ([(folded, _, _)], false) = (tokens.as_slice(), word_stems.is_empty()) else {
                    continue;
                };
                let inflected = self.forms_of(word, folded);
                let fields = self.match_fields(None, inflected.written);
                words.push((Occur::Must, self.forms_query(&fields, &inflected.forms)));
            }
            if words.len() > 1 {
                let phrases: Vec<(Occur, Box<dyn Query>)> = self
                    .stem_fields()
                    .into_iter()
                    .map(|(f, _)| (Occur::Should, stems_query(f, stems, 1.0)))
                    .collect();
                if let Some(q) = boolean(phrases) {
                    words.push((Occur::Must, q));
                }
            }
            if let Some(q) = boolean(words) {
                alternatives.push((Occur::Should, q));
            }
        }
        boolean(alternatives)
    }

    /// The translation of one node; `translated` is set when the lexicon
    /// gave something (not only anchors).
    fn translate(
        &mut self,
        node: &Node,
        lexicon: &Lexicon,
        translated: &mut bool,
        kind: Kind,
    ) -> Option<Box<dyn Query>> {
        match node {
            Node::Word { field: None, .. } | Node::Phrase { field: None, .. } => {
                self.translate_run(std::slice::from_ref(node), lexicon, translated, kind)
            }
            Node::And(children) => {
                let positive = match self.mode {
                    MatchMode::All => Occur::Must,
                    MatchMode::Any => Occur::Should,
                };
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                let mut run: Vec<Node> = Vec::new();
                // Whether every part of an all-words group could be translated.
                let mut complete = true;
                let flush = |this: &mut Self,
                             run: &mut Vec<Node>,
                             clauses: &mut Vec<(Occur, Box<dyn Query>)>,
                             translated: &mut bool,
                             complete: &mut bool| {
                    if !run.is_empty() {
                        match this.translate_run_clauses(run, lexicon, translated, kind) {
                            Some(qs) => clauses.extend(qs.into_iter().map(|q| (positive, q))),
                            None => *complete = false,
                        }
                        run.clear();
                    }
                };
                for child in children {
                    match child {
                        Node::Word { field: None, .. } | Node::Phrase { field: None, .. } => {
                            run.push(child.clone())
                        }
                        Node::Not(inner) => {
                            flush(self, &mut run, &mut clauses, translated, &mut complete);
                            let mut ignored = false;
                            if let Some(q) = self.translate(inner, lexicon, &mut ignored, kind) {
                                clauses.push((Occur::MustNot, q));
                            }
                        }
                        other => {
                            flush(self, &mut run, &mut clauses, translated, &mut complete);
                            match self.translate(other, lexicon, translated, kind) {
                                Some(q) => clauses.push((positive, q)),
                                None if self.mode == MatchMode::All => complete = false,
                                None => {}
                            }
                        }
                    }
                }
                flush(self, &mut run, &mut clauses, translated, &mut complete);
                if !complete || !clauses.iter().any(|(o, _)| *o != Occur::MustNot) {
                    return None;
                }
                boolean(clauses)
            }
            Node::Or(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for child in children {
                    if let Some(q) = self.translate(child, lexicon, translated, kind) {
                        clauses.push((Occur::Should, q));
                    }
                }
                boolean(clauses)
            }
            Node::Not(inner) => {
                let mut ignored = false;
                let q = self.translate(inner, lexicon, &mut ignored, kind)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, q),
                ])))
            }
            // Fielded words, prefixes and fuzzy words are not translated.
            _ => None,
        }
    }

    /// A run of adjacent words as one clause (all of its concepts).
    fn translate_run(
        &mut self,
        run: &[Node],
        lexicon: &Lexicon,
        translated: &mut bool,
        kind: Kind,
    ) -> Option<Box<dyn Query>> {
        let occur = match self.mode {
            MatchMode::All => Occur::Must,
            MatchMode::Any => Occur::Should,
        };
        let clauses = self.translate_run_clauses(run, lexicon, translated, kind)?;
        boolean(clauses.into_iter().map(|q| (occur, q)).collect())
    }

    /// The concepts of a run of adjacent words: each expression the lexicon
    /// knows (longest first) as its translations, or the anchor as typed
    /// when it has none; an anchor inside a translated expression is an
    /// alternative to the translation ("ANAPEC" or "أنابيك").
    ///
    /// In an all-words query, a word that neither translates nor is an
    /// anchor cannot be matched in the other language: the run gives `None`
    /// and the other language finds nothing for that part of the query.
    fn translate_run_clauses(
        &mut self,
        run: &[Node],
        lexicon: &Lexicon,
        translated: &mut bool,
        kind: Kind,
    ) -> Option<Vec<Box<dyn Query>>> {
        // Words (prefix and fuzzy words are not translated), their stems,
        // and which word each stem comes from.
        let mut words: Vec<String> = Vec::new();
        for node in run {
            match node {
                Node::Word {
                    text,
                    prefix: false,
                    fuzzy: None,
                    ..
                }
                | Node::Phrase { text, .. } => words.extend(text.split_whitespace().map(str::to_string)),
                _ => {}
            }
        }
        let mut stems: Vec<String> = Vec::new();
        let mut owner: Vec<usize> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            for stem in lexicon.query_stems(&mut self.stem, word) {
                stems.push(stem);
                owner.push(i);
            }
        }
        let stem_fields = self.stem_fields();
        let mut covered = vec![false; words.len()];
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for t in lexicon.translate(&stems) {
            *translated = true;
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (k, target) in t.targets.iter().enumerate() {
                if kind == Kind::Match {
                    let written = t.written.get(k).cloned().unwrap_or_default();
                    if let Some(q) = self.translation_match(&written, target) {
                        alternatives.push((Occur::Should, q));
                    }
                    continue;
                }
                match (target.as_slice(), self.scope) {
                    // One stem in title and body: scored like a direct word.
                    ([one], FieldScope::All) => {
                        let f = self.fields;
                        let q = CombinedTermQuery::new(vec![
                            Part::new(Term::from_field_text(f.title_stem, one), self.weights.title_tf),
                            Part::new(Term::from_field_text(f.body_stem, one), 1.0),
                        ]);
                        alternatives.push((Occur::Should, boosted(Box::new(q), self.weights.stem)));
                    }
                    // A phrase: per field, the field weights summing to one
                    // in title and body, as BM25F scores a word once.
                    (_, scope) => {
                        let total: f32 = match scope {
                            FieldScope::All => {
                                stem_fields.iter().map(|(_, b)| b).sum::<f32>() / self.weights.stem
                            }
                            FieldScope::Body => 1.0,
                        };
                        for (f, boost) in &stem_fields {
                            alternatives.push((Occur::Should, stems_query(*f, target, *boost / total)));
                        }
                    }
                }
            }
            let mut seen_words = Vec::new();
            for &w in &owner[t.start..t.start + t.len] {
                if !seen_words.contains(&w) {
                    seen_words.push(w);
                    covered[w] = true;
                    if crosslingual::is_anchor(&words[w]) {
                        if let Some(q) = self.anchor(&words[w].clone(), kind) {
                            alternatives.push((Occur::Should, q));
                        }
                    }
                }
            }
            if let Some(q) = boolean(alternatives) {
                clauses.push(q);
            }
        }
        for (i, word) in words.iter().enumerate() {
            if covered[i] {
                continue;
            }
            if crosslingual::is_anchor(word) {
                if let Some(q) = self.anchor(&word.clone(), kind) {
                    clauses.push(q);
                }
            } else if self.mode == MatchMode::All && owner.contains(&i) {
                // A content word (it has a stem) with no translation.
                return None;
            }
        }
        Some(clauses)
    }

    /// An anchor (a number, a Latin acronym) as a word of the query: its
    /// match or score query.
    fn anchor(&mut self, word: &str, kind: Kind) -> Option<Box<dyn Query>> {
        match kind {
            Kind::Match => self.word_match(word, None),
            Kind::Score | Kind::Broad => self.word(word, None),
        }
    }

    /// The stemmed fields in scope, with their boosts.
    fn stem_fields(&self) -> Vec<(Field, f32)> {
        self.field_pairs(None)
            .into_iter()
            .filter_map(|p| p.stem)
            .collect()
    }
}

/// The words of the positive, unfielded parts of a query, in order.
fn positive_words(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Word {
            text,
            field: None,
            prefix: false,
            fuzzy: None,
        } => out.extend(text.split_whitespace().map(str::to_string)),
        Node::Phrase { text, field: None } => out.extend(text.split_whitespace().map(str::to_string)),
        Node::And(children) | Node::Or(children) => {
            for child in children {
                positive_words(child, out);
            }
        }
        _ => {}
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

/// Those of `forms` (sorted by bytes) that some segment of the index holds
/// in `field`, in order.
fn existing_terms(searcher: &tantivy::Searcher, field: Field, forms: &[String]) -> Vec<Term> {
    let dictionaries: Vec<_> = searcher
        .segment_readers()
        .iter()
        .filter_map(|segment| segment.inverted_index(field).ok())
        .collect();
    forms
        .iter()
        .filter(|form| {
            dictionaries
                .iter()
                .any(|index| index.terms().term_ord(form.as_bytes()).ok().flatten().is_some())
        })
        .map(|form| Term::from_field_text(field, form))
        .collect()
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

/// Escapes the characters that mean something in a regular expression.
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~\"'<>@".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_regex_syntax() {
        assert_eq!(regex_escape("emplo"), "emplo");
        assert_eq!(regex_escape("a.b*"), "a\\.b\\*");
    }
}
