//! The score query of a word, a phrase, a prefix or a fuzzy word: exact
//! and stemmed terms, title and body (see the module above).

use super::*;

impl QueryBuilder<'_> {
    /// The exact analysis of a word, and its stemmed readings (none for a
    /// stopword, several for an Arabic word that may begin with a clitic).
    pub(super) fn analyze_word(&mut self, text: &str) -> AnalysedWord {
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
    pub(super) fn phrase(&mut self, text: &str, field: Option<QueryField>) -> Option<Box<dyn Query>> {
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

    pub(super) fn prefix(
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

    pub(super) fn fuzzy(
        &mut self,
        text: &str,
        field: Option<QueryField>,
        distance: u8,
    ) -> Option<Box<dyn Query>> {
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

    /// The stemmed fields in scope, with their boosts.
    pub(super) fn stem_fields(&self) -> Vec<(Field, f32)> {
        self.field_pairs(None)
            .into_iter()
            .filter_map(|p| p.stem)
            .collect()
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
