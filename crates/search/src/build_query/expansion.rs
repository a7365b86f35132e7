//! The cross-lingual clause of a query: its words translated through the
//! bilingual lexicon and its anchors kept as they are, with the query's
//! structure (AND, OR, NOT), matching only articles in the other language.

use super::*;
use crate::crosslingual::{self, Lexicon};

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
    pub(super) fn translation_match(
        &mut self,
        written: &[String],
        stems: &[String],
    ) -> Option<Box<dyn Query>> {
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
    pub(super) fn translate(
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
                                clauses.push(super::excluded::must_not(q));
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
                    super::excluded::must_not(q),
                ])))
            }
            // Fielded words, prefixes and fuzzy words are not translated.
            _ => None,
        }
    }

    /// A run of adjacent words as one clause (all of its concepts).
    pub(super) fn translate_run(
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
    pub(super) fn translate_run_clauses(
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
    pub(super) fn anchor(&mut self, word: &str, kind: Kind) -> Option<Box<dyn Query>> {
        match kind {
            Kind::Match => self.word_match(word, None),
            Kind::Score | Kind::Broad => self.word(word, None),
        }
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
