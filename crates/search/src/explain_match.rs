//! Auditing a count: which written forms make articles match a word
//! (`fihris explain-match`).
//!
//! A researcher who counts a word needs to see what was counted. Over the
//! whole index, each form of the word that occurs (see
//! `fihris_normalize::inflection`) with the number of articles holding it;
//! in one article, the forms found there, as the article writes them. With
//! `broad`, also the words that only share a stem with it (what `--broad`
//! adds), so that the difference between the two counts can be read off.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::Field;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use fihris_normalize::Inflected;

use crate::build_query::QueryBuilder;
use crate::error::SearchError;
use crate::search::SearchOptions;
use crate::Fihris;

/// What to explain.
#[derive(Debug, Clone)]
pub struct ExplainMatchOptions {
    /// One word, as it would be searched.
    pub word: String,
    /// One article's id; the whole index when `None`.
    pub id: Option<String>,
    /// Also list the words that share only a stem with it.
    pub broad: bool,
}

/// One form of the word and where it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct FormCount {
    /// The form, as looked up (written forms keep accents and ة; forms of
    /// a word typed without accents are accent-folded).
    pub form: String,
    /// Whether it matches only through a shared stem (with `broad`).
    pub broad: bool,
    /// Articles holding it (over the index), or its occurrences (in one
    /// article).
    pub count: u64,
    /// In one article: how the article writes it (each spelling once).
    pub written: Vec<String>,
}

/// The explanation of a word's matches.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchExplanation {
    /// The word.
    pub word: String,
    /// The article explained, if one.
    pub id: Option<String>,
    /// Whether the forms are looked up as written (accents and ة kept) or
    /// accent-folded (a word typed without accents).
    pub written: bool,
    /// Articles the word matches (over the index), or 1/0 (one article).
    pub matches: u64,
    /// What `--broad` would count instead (with `broad`).
    pub broad_matches: Option<u64>,
    /// The forms found, most frequent first; with `broad`, the stem-only
    /// words after them.
    pub forms: Vec<FormCount>,
}

impl Fihris {
    /// Which forms of a word match, over the index or in one article;
    /// `None` when no article has the id asked for.
    pub fn explain_match(
        &self,
        options: &ExplainMatchOptions,
    ) -> Result<Option<MatchExplanation>, SearchError> {
        let word = options.word.trim();
        let n = word.split_whitespace().count();
        if n != 1 {
            return Err(SearchError::Query(format!(
                "explain-match takes one word, got {n}: {word:?}"
            )));
        }
        let word = fihris_normalize::nfc(word).into_owned();
        let search = SearchOptions::new(word.clone());
        let mut builder = self.query_builder(&search, 1)?;
        let inflected = builder
            .word_forms(&word)
            .ok_or_else(|| SearchError::Query(format!("{word:?} is not a word fihris indexes")))?;
        let (title, body) = match inflected.written {
            true => (self.fields.title_forms, self.fields.body_forms),
            false => (self.fields.title, self.fields.body),
        };
        let matched = self.parse(&SearchOptions {
            cross: false,
            ..search.clone()
        })?;
        let broad_query = match options.broad {
            true => Some(self.parse(&SearchOptions {
                cross: false,
                broad: true,
                ..search.clone()
            })?),
            false => None,
        };
        let query_stems: BTreeSet<String> = fihris_normalize::analyze(&mut builder.stem, &word)
            .into_iter()
            .map(|(t, _, _)| t)
            .collect();
        let searcher = self.reader.searcher();
        let Some(id) = &options.id else {
            let own_fields = [title, body];
            let mut forms = self.counted(&searcher, &own_fields, inflected.forms.iter().cloned(), false)?;
            let mut broad_matches = None;
            if let Some(q) = &broad_query {
                broad_matches = Some(searcher.search(&**q, &Count)? as u64);
                let family = self.stem_family(&searcher, &mut builder, &inflected, &query_stems)?;
                let forms_fields = [self.fields.title_forms, self.fields.body_forms];
                forms.extend(self.counted(&searcher, &forms_fields, family, true)?);
            }
            return Ok(Some(MatchExplanation {
                word,
                id: None,
                written: inflected.written,
                matches: searcher.search(&*matched, &Count)? as u64,
                broad_matches,
                forms,
            }));
        };
        let Some(address) = self.address_of(id)? else {
            return Ok(None);
        };
        let article = self.article_at(&searcher, address, false)?;
        let text = format!("{}\n{}", article.meta.title, article.body);
        let stems = options.broad.then_some(&query_stems);
        let forms = article_forms(&mut builder, &inflected, stems, &text);
        // Whether the article is among a query's matches: the query
        // restricted to its id, counted.
        let id_term = Term::from_field_text(self.fields.id, id);
        let is_match = |q: &dyn Query| -> Result<u64, SearchError> {
            let id: Box<dyn Query> = Box::new(TermQuery::new(id_term.clone(), IndexRecordOption::Basic));
            let one = BooleanQuery::new(vec![(Occur::Must, q.box_clone()), (Occur::Must, id)]);
            Ok(u64::from(searcher.search(&one, &Count)? > 0))
        };
        Ok(Some(MatchExplanation {
            word,
            id: Some(id.clone()),
            written: inflected.written,
            matches: is_match(&*matched)?,
            broad_matches: broad_query.as_deref().map(is_match).transpose()?,
            forms,
        }))
    }

    /// Those of `forms` that some article holds in `fields`, with the
    /// number of such articles, most frequent first.
    fn counted(
        &self,
        searcher: &tantivy::Searcher,
        fields: &[Field],
        forms: impl IntoIterator<Item = String>,
        broad: bool,
    ) -> Result<Vec<FormCount>, SearchError> {
        let mut out = Vec::new();
        for form in forms {
            let count = self.count_term(searcher, fields, &form)?;
            if count > 0 {
                out.push(FormCount {
                    form,
                    broad,
                    count,
                    written: Vec::new(),
                });
            }
        }
        sort_forms(&mut out);
        Ok(out)
    }

    /// The stem family of a word: the words as written in the index whose
    /// stems meet its stems, other than its own forms (compared as the
    /// match compares them: accent-folded for a word typed without
    /// accents).
    fn stem_family(
        &self,
        searcher: &tantivy::Searcher,
        builder: &mut QueryBuilder<'_>,
        inflected: &Inflected,
        stems: &BTreeSet<String>,
    ) -> Result<BTreeSet<String>, SearchError> {
        let own: BTreeSet<&str> = inflected.forms.iter().map(String::as_str).collect();
        let mut family = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for field in [self.fields.title_forms, self.fields.body_forms] {
            for segment in searcher.segment_readers() {
                let index = segment.inverted_index(field)?;
                let mut terms = index
                    .terms()
                    .stream()
                    .map_err(|e| crate::io_error(&self.dir, e))?;
                while terms.advance() {
                    let Ok(text) = std::str::from_utf8(terms.key()) else {
                        continue;
                    };
                    if !seen.insert(text.to_string()) {
                        continue;
                    }
                    let own_form = match inflected.written {
                        true => own.contains(text),
                        false => fihris_normalize::analyze(&mut builder.exact, text)
                            .iter()
                            .any(|(t, _, _)| own.contains(t.as_str())),
                    };
                    if own_form {
                        continue;
                    }
                    let shares = fihris_normalize::analyze(&mut builder.stem, text)
                        .iter()
                        .any(|(t, _, _)| stems.contains(t));
                    if shares {
                        family.insert(text.to_string());
                    }
                }
            }
        }
        Ok(family)
    }

    /// Articles with `text` in any of `fields`.
    fn count_term(
        &self,
        searcher: &tantivy::Searcher,
        fields: &[Field],
        text: &str,
    ) -> Result<u64, SearchError> {
        let mut df = 0;
        for &f in fields {
            df += searcher.doc_freq(&Term::from_field_text(f, text))?;
        }
        if df == 0 {
            return Ok(0);
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = fields
            .iter()
            .map(|&f| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(f, text),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        Ok(searcher.search(&BooleanQuery::new(clauses), &Count)? as u64)
    }
}

/// The forms of a word in one article's `text`, with their occurrences and
/// how the article writes them; with `stems`, also the words that share
/// only a stem with it.
fn article_forms(
    builder: &mut QueryBuilder<'_>,
    inflected: &Inflected,
    stems: Option<&BTreeSet<String>>,
    text: &str,
) -> Vec<FormCount> {
    let own: BTreeSet<&str> = inflected.forms.iter().map(String::as_str).collect();
    let analyzer = match inflected.written {
        true => &mut builder.forms,
        false => &mut builder.exact,
    };
    let mut found: BTreeMap<(bool, String), FormCount> = BTreeMap::new();
    let mut own_offsets = BTreeSet::new();
    for (token, from, to) in fihris_normalize::analyze(analyzer, text) {
        if own.contains(token.as_str()) {
            own_offsets.insert(from);
            add(&mut found, false, token, &text[from..to]);
        }
    }
    if let Some(query_stems) = stems {
        for (stem, from, to) in fihris_normalize::analyze(&mut builder.stem, text) {
            if query_stems.contains(&stem) && own_offsets.insert(from) {
                let spelled = &text[from..to];
                let form = fihris_normalize::analyze(&mut builder.exact, spelled)
                    .into_iter()
                    .next()
                    .map_or_else(|| spelled.to_lowercase(), |(t, _, _)| t);
                add(&mut found, true, form, spelled);
            }
        }
    }
    let mut forms: Vec<FormCount> = found.into_values().collect();
    sort_forms(&mut forms);
    forms
}

/// Counts one occurrence of `form`, written `spelled` in the article.
fn add(found: &mut BTreeMap<(bool, String), FormCount>, broad: bool, form: String, spelled: &str) {
    let entry = found.entry((broad, form.clone())).or_insert_with(|| FormCount {
        form,
        broad,
        count: 0,
        written: Vec::new(),
    });
    entry.count += 1;
    if !entry.written.iter().any(|w| w == spelled) {
        entry.written.push(spelled.to_string());
    }
}

/// Precise forms first, then by decreasing count, then by form.
fn sort_forms(forms: &mut [FormCount]) {
    forms.sort_by(|a, b| {
        a.broad
            .cmp(&b.broad)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.form.cmp(&b.form))
    });
}
