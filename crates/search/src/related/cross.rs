//! The other-language query of `related`: the source's words through the
//! bilingual lexicon (each translated expression a clause whose
//! alternatives are its translations), and its language-neutral anchors
//! (numbers, years, Latin acronyms and names).

use std::collections::{BTreeMap, HashMap};

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query};
use tantivy::{Searcher, Term};

use super::{idf, is_entity, Clause, Weighted, ENTITY_WEIGHT, MAX_CROSS_TERMS, TITLE_TF};
use crate::crosslingual;
use crate::error::SearchError;
use crate::scoring::{CombinedTermQuery, Part};
use crate::Fihris;

impl Fihris {
    /// The clauses of the other-language query: translations of the
    /// source's words (`tokens`: its stemmed analysis), and its anchors.
    pub(super) fn cross_clauses(
        &self,
        searcher: &Searcher,
        text: &str,
        tokens: &[(String, usize, usize)],
        words: &[Weighted],
        n: f32,
    ) -> Result<Vec<Clause>, SearchError> {
        let lexicon = self.lexicon()?;
        let surface: HashMap<&str, &str> = words.iter().map(|w| (w.stem.as_str(), w.word.as_str())).collect();
        let stems = lexicon.stems_of(crate::crosslingual::group_readings(tokens));
        // Each translated expression: how often, and its translations.
        let mut found: HashMap<Vec<String>, (usize, Vec<Vec<String>>)> = HashMap::new();
        for t in lexicon.translate(&stems) {
            let key = stems[t.start..t.start + t.len].to_vec();
            let entry = found.entry(key).or_insert_with(|| (0, t.targets.clone()));
            entry.0 += 1;
        }
        let mut scored: Vec<(f32, Clause)> = Vec::new();
        for (from, (count, targets)) in found {
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let mut probes = Vec::new();
            let mut best_idf = 0.0f32;
            let mut shown = String::new();
            for target in &targets {
                let terms: Vec<Term> = target
                    .iter()
                    .map(|s| Term::from_field_text(self.fields.body_stem, s))
                    .collect();
                let mut target_idf = 0.0;
                let mut missing = false;
                for term in &terms {
                    let df = searcher.doc_freq(term)? as f32;
                    if df == 0.0 {
                        missing = true;
                    }
                    target_idf += idf(n, df.max(1.0));
                }
                if missing {
                    continue;
                }
                target_idf /= terms.len() as f32;
                if target_idf > best_idf {
                    best_idf = target_idf;
                    shown = target.join(" ");
                }
                match terms.as_slice() {
                    [one] => {
                        let title = Term::from_field_text(
                            self.fields.title_stem,
                            one.value().as_str().unwrap_or_default(),
                        );
                        alternatives.push((
                            Occur::Should,
                            Box::new(CombinedTermQuery::new(vec![
                                Part::new(title, TITLE_TF),
                                Part::new(one.clone(), 1.0),
                            ])),
                        ));
                        probes.push(vec![one.clone()]);
                    }
                    _ => {
                        let mut phrase = PhraseQuery::new(terms.clone());
                        phrase.set_slop(2);
                        alternatives.push((
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(phrase), 1.0 / terms.len() as f32)),
                        ));
                        probes.push(terms.clone());
                    }
                }
            }
            if alternatives.is_empty() {
                continue;
            }
            let boost = 1.0 + (count as f32).ln();
            let word = from
                .iter()
                .map(|s| surface.get(s.as_str()).copied().unwrap_or(s.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            scored.push((
                boost * best_idf,
                Clause {
                    word,
                    term: shown,
                    probes,
                    translated: true,
                    weight: boost * best_idf,
                    query: Box::new(BoostQuery::new(Box::new(BooleanQuery::new(alternatives)), boost)),
                },
            ));
        }
        // Anchors: numbers, years, Latin acronyms and names, as written.
        let mut exact = self.index.tokenizer_for_field(self.fields.body)?;
        let mut anchors: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (token, from, to) in fihris_normalize::analyze(&mut exact, text) {
            let word = &text[from..to];
            if crosslingual::is_anchor(word)
                || (is_entity(text, from, word) && word.chars().all(|c| c.is_ascii_alphanumeric()))
            {
                let entry = anchors.entry(token).or_insert_with(|| (0, word.to_string()));
                entry.0 += 1;
            }
        }
        for (token, (count, word)) in anchors {
            let body = Term::from_field_text(self.fields.body, &token);
            let df = searcher.doc_freq(&body)? as f32;
            if df == 0.0 {
                continue;
            }
            let title = Term::from_field_text(self.fields.title, &token);
            let boost = (1.0 + (count as f32).ln()) * ENTITY_WEIGHT;
            scored.push((
                boost * idf(n, df),
                Clause {
                    word,
                    term: token,
                    probes: vec![vec![body.clone()], vec![title.clone()]],
                    translated: false,
                    weight: boost * idf(n, df),
                    query: Box::new(BoostQuery::new(
                        Box::new(CombinedTermQuery::new(vec![
                            Part::new(title, TITLE_TF),
                            Part::new(body, 1.0),
                        ])),
                        boost,
                    )),
                },
            ));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.term.cmp(&b.1.term)));
        Ok(scored.into_iter().take(MAX_CROSS_TERMS).map(|(_, c)| c).collect())
    }
}
