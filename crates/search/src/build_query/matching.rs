//! The match query of a word or a phrase: its inflected forms as written,
//! in the written-forms fields, or among the accent-folded exact words for
//! a word typed without accents (see the module above).

use super::*;

impl QueryBuilder<'_> {
    /// A query matching any of `forms` in any of `fields`, of those the
    /// index holds. An Arabic word has hundreds of generated forms (clitics
    /// × inflections × pronouns), of which a few dozen occur: they are
    /// looked up in the term dictionaries ([`lookup`]), and only those found
    /// make the query, so that snippets and explanations see only them.
    /// Measured on the Arabic any-word dev queries (warm p50): tantivy's
    /// `TermSetQuery` over every form, which builds an FST of them for each
    /// search, 12 ms; walking the term dictionary with an automaton of the
    /// forms, 4.6–5.5 ms; one lookup per form, 3.9–5.1 ms (before the
    /// change: 1.9–2.3 ms); runs of forms sharing a prefix read as ranges
    /// of the dictionary: see [`lookup`].
    pub(super) fn forms_query(&self, fields: &[Field], forms: &[String]) -> Box<dyn Query> {
        let found: Vec<Term> = match &self.searcher {
            None => fields
                .iter()
                .flat_map(|&field| forms.iter().map(move |f| Term::from_field_text(field, f)))
                .collect(),
            Some(searcher) => lookup::existing_terms(searcher, fields, forms),
        };
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
    pub(super) fn match_fields(&self, field: Option<QueryField>, written: bool) -> Vec<Field> {
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
    pub(super) fn forms_of(&mut self, text: &str, folded: &str) -> fihris_normalize::Inflected {
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
    pub(super) fn one_word(
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
    pub(super) fn word_match(&mut self, text: &str, field: Option<QueryField>) -> Option<Box<dyn Query>> {
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
    pub(super) fn phrase_match(&mut self, text: &str, field: Option<QueryField>) -> Option<Box<dyn Query>> {
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
}
