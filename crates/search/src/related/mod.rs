//! Related articles: other coverage of the story of one article, in its
//! language and in the other one.
//!
//! The article (indexed, or any file) is read as its stemmed words. The
//! words that say most about it are picked (a more-like-this query): each
//! word weighs `(1 + ln tf) × idf`, where title occurrences count twice and
//! names count more ([`ENTITY_WEIGHT`]: capitalised words inside a
//! sentence, acronyms, numbers and years). The [`MAX_TERMS`] heaviest make
//! a query over the title and body of articles in the same language.
//!
//! The same words go through the bilingual lexicon (see
//! [`crate::crosslingual`]); their translations, together with the
//! language-neutral anchors of the article (numbers, years, Latin acronyms
//! and names, which Arabic press often writes as they are), make a query
//! over articles in the other language.
//!
//! Each hit is scored from 0 to 1 within its list: [`SCORE_SHARE`] of its
//! query score relative to the list's best, the rest the share of the
//! query's weight (boost × idf of each word or concept) that the article
//! matches. The two lists are then merged, the other language's weighted
//! [`CROSS_WEIGHT`]. The second part puts an article that covers most of
//! the source's distinctive words (its translation, another outlet's
//! version) above one that matches a few of them very well. Near-duplicates
//! (estimated similarity of the bodies at least the `dups` threshold) come
//! first, marked with their similarity. Each hit lists the words it shares
//! with the article (for the other language, the translation it matched).

mod cross;
mod shared;
mod source;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use fihris_index::minhash::Signature;
use fihris_lang::Lang;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use crate::error::SearchError;
use crate::filters::Filters;
use crate::scoring::{CombinedTermQuery, Part};
use crate::Fihris;
use shared::{matched_alternative, shared_terms};
use source::{ends_with_id, same_file};

/// Words of the article kept for the same-language query.
pub const MAX_TERMS: usize = 30;
/// Translated concepts and anchors kept for the other-language query.
const MAX_CROSS_TERMS: usize = 40;
/// Extra weight of names, acronyms and numbers.
pub const ENTITY_WEIGHT: f32 = 1.5;
/// A title occurrence of a word counts as this many body occurrences.
const TITLE_TF: f32 = 2.0;
/// Weight of the other language's list when the two are merged (each list
/// is first scored relative to its best hit).
pub const CROSS_WEIGHT: f32 = 0.9;
/// Share of the query score in a hit's score (the rest is the weight of
/// the query it covers). On the NTREX pairs (bench/related.sh), MRR of the
/// translation fr → ar / ar → fr among the 80 documents: 0.44 / 0.43 with
/// the query score alone, 0.92 / 0.94 with coverage alone, 0.89 / 0.95 with
/// 0.3; among 42,862 articles: 0.35 / 0.29, 0.83 / 0.45, 0.81 / 0.72.
pub const SCORE_SHARE: f32 = 0.3;
/// Candidates taken from each list before merging (near-duplicates are
/// looked for among the same-language ones).
const CANDIDATES: usize = 100;

/// The article to find related articles for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelatedTo {
    /// An indexed article, by id; if no article has that id and it names a
    /// file, the file.
    Id(String),
    /// A file, indexed or not. A file of several articles (JSON Lines)
    /// needs `#LINE` after its name.
    Path(PathBuf),
}

/// How to find related articles.
#[derive(Debug, Clone)]
pub struct RelatedOptions {
    /// Maximum number of hits.
    pub limit: usize,
    /// Language, date, source and author filters on the hits.
    pub filters: Filters,
    /// Also look in the other language (French ↔ Arabic).
    pub cross: bool,
    /// The caps of reading the source when it is a file (those of
    /// `fihris index` by default).
    pub read: fihris_ingest::ReadOptions,
}

impl Default for RelatedOptions {
    fn default() -> RelatedOptions {
        RelatedOptions {
            limit: 10,
            filters: Filters::default(),
            cross: true,
            read: fihris_ingest::ReadOptions::default(),
        }
    }
}

/// The article related articles were found for.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedSource {
    /// Its id in the index, if it is indexed.
    pub id: Option<String>,
    /// The file it came from.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its language code.
    pub lang: String,
}

/// A word an article shares with the source article.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedTerm {
    /// The word as the source article writes it.
    pub word: String,
    /// What matched in the related article: the stem, or for the other
    /// language the translation (stems) or the anchor.
    pub term: String,
    /// The matched word(s) as the related article writes them.
    pub matched: String,
    /// Whether it matched through a translation.
    pub translated: bool,
}

/// A related article.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedHit {
    /// 1-based rank.
    pub rank: usize,
    /// Its id, file, title, language, date and publisher.
    pub meta: crate::ArticleMeta,
    /// Relatedness, 0 to 1: its query score relative to the best hit of its
    /// language's list (the other language's weighted [`CROSS_WEIGHT`]).
    pub score: f32,
    /// For a near-duplicate: the estimated similarity of the two bodies.
    pub duplicate: Option<f32>,
    /// Whether it is in the other language than the source.
    pub cross: bool,
    /// The words it shares with the source, weightiest first.
    pub shared: Vec<SharedTerm>,
}

/// Related articles.
#[derive(Debug, Clone)]
pub struct RelatedResults {
    /// The article they are related to.
    pub source: RelatedSource,
    /// The hits: near-duplicates first, then by score.
    pub hits: Vec<RelatedHit>,
}

/// The text of the source article.
struct Source {
    info: RelatedSource,
    body: String,
    lang: Lang,
    signature: Signature,
    /// The file it was read from, when given as a path: indexed articles of
    /// that file with its id are the source itself.
    file: Option<(PathBuf, String)>,
}

/// A word of the source and what it weighs.
struct Weighted {
    /// The stem.
    stem: String,
    /// Its most frequent form in the source.
    word: String,
    /// `(1 + ln tf) × entity weight`, without idf.
    boost: f32,
    /// `boost × idf`.
    weight: f32,
}

/// A clause of one of the two queries, with what it stands for.
struct Clause {
    /// The source word(s).
    word: String,
    /// What it matches, for display.
    term: String,
    /// Alternatives (title or body, one translation or another), each a
    /// list of terms an article must all have for the clause to match.
    probes: Vec<Vec<Term>>,
    translated: bool,
    /// What the clause says about the source: boost × idf.
    weight: f32,
    query: Box<dyn Query>,
}

/// A candidate: where it is, its score within its list (weighted for the
/// other language), whether it is in the other language, and its
/// similarity to the source when it is a near-duplicate.
type Candidate = (DocAddress, f32, bool, Option<f32>);

/// The languages of the two lists: the source's, and the other one (French
/// ↔ Arabic), each searched only when the filters let it through.
struct Langs {
    same: Option<String>,
    other: Option<&'static str>,
    filter: Option<Lang>,
}

impl Langs {
    fn of(lang: &Lang, filters: &Filters) -> Langs {
        Langs {
            same: matches!(lang, Lang::Fr | Lang::Ar).then(|| lang.code().to_string()),
            other: match lang {
                Lang::Fr => Some("ar"),
                Lang::Ar => Some("fr"),
                _ => None,
            },
            filter: filters.lang.clone(),
        }
    }

    fn wanted(&self, code: Option<&str>) -> bool {
        match (&self.filter, code) {
            (None, _) => true,
            (Some(l), Some(c)) => l.code() == c,
            (Some(_), None) => false,
        }
    }

    /// The language filter of a list.
    fn filter_of(&self, cross: bool) -> Option<Lang> {
        match cross {
            true => self.other.and_then(|c| c.parse().ok()),
            false => self
                .same
                .as_deref()
                .and_then(|c| c.parse().ok())
                .or(self.filter.clone()),
        }
    }
}

impl Fihris {
    /// Articles related to `to`.
    pub fn related(&self, to: &RelatedTo, options: &RelatedOptions) -> Result<RelatedResults, SearchError> {
        let source = self.related_source(to, &options.read)?;
        let searcher = self.reader.searcher();
        let mut stem = self.index.tokenizer_for_field(self.fields.body_stem)?;
        let text = format!("{}\n\n{}", source.info.title, source.body);
        // Analysed once: the weights, and the other-language query's
        // lexicon lookups.
        let tokens = fihris_normalize::analyze(&mut stem, &text);
        let words = self.weighted_words(&searcher, &text, source.info.title.len(), &tokens)?;

        let langs = Langs::of(&source.lang, &options.filters);
        let mut lists: Vec<(bool, Vec<Clause>)> = Vec::new();
        if langs.wanted(langs.same.as_deref()) || langs.same.is_none() {
            lists.push((false, self.same_language_clauses(&words)));
        }
        if langs
            .other
            .is_some_and(|o| options.cross && langs.wanted(Some(o)))
        {
            let n = searcher.num_docs() as f32;
            lists.push((true, self.cross_clauses(&searcher, &text, &tokens, &words, n)?));
        }
        let mut merged = Vec::new();
        let mut clauses_of: HashMap<bool, Vec<Clause>> = HashMap::new();
        for (cross, clauses) in lists {
            if clauses.is_empty() {
                continue;
            }
            merged.extend(self.candidates(&searcher, &source, cross, &clauses, &langs, options)?);
            clauses_of.insert(cross, clauses);
        }
        // Near-duplicates first (most similar first), then by score.
        merged.sort_by(|a, b| {
            b.3.is_some()
                .cmp(&a.3.is_some())
                .then(b.3.unwrap_or(0.0).total_cmp(&a.3.unwrap_or(0.0)))
                .then(b.1.total_cmp(&a.1))
        });
        let hits = self.related_hits(&searcher, &source, merged, &clauses_of, &mut stem, options.limit)?;
        Ok(RelatedResults {
            source: source.info,
            hits,
        })
    }

    /// The source's words (`tokens`: the stemmed analysis of `text`, whose
    /// first `title_len` bytes are the title), weighted, heaviest first.
    fn weighted_words(
        &self,
        searcher: &Searcher,
        text: &str,
        title_len: usize,
        tokens: &[(String, usize, usize)],
    ) -> Result<Vec<Weighted>, SearchError> {
        let mut counts: BTreeMap<String, (f32, HashMap<String, usize>, bool)> = BTreeMap::new();
        for (t, from, to) in tokens {
            let (from, to) = (*from, *to);
            let word = &text[from..to];
            let entry = counts.entry(t.clone()).or_default();
            entry.0 += if from < title_len { TITLE_TF } else { 1.0 };
            *entry.1.entry(word.to_string()).or_default() += 1;
            entry.2 |= is_entity(text, from, word);
        }
        let n = searcher.num_docs() as f32;
        let mut words: Vec<Weighted> = Vec::new();
        for (stem_text, (tf, forms, entity)) in counts {
            if stem_text.chars().count() < 2 {
                continue;
            }
            let df = searcher.doc_freq(&Term::from_field_text(self.fields.body_stem, &stem_text))? as f32;
            if df == 0.0 {
                continue;
            }
            let boost = (1.0 + tf.ln()) * if entity { ENTITY_WEIGHT } else { 1.0 };
            let weight = boost * idf(n, df);
            let word = most_frequent(&forms);
            words.push(Weighted {
                stem: stem_text,
                word,
                boost,
                weight,
            });
        }
        words.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.stem.cmp(&b.stem)));
        Ok(words)
    }

    /// The clauses of the same-language query: the heaviest words, in the
    /// title or the body.
    fn same_language_clauses(&self, words: &[Weighted]) -> Vec<Clause> {
        words
            .iter()
            .take(MAX_TERMS)
            .map(|w| {
                let title = Term::from_field_text(self.fields.title_stem, &w.stem);
                let body = Term::from_field_text(self.fields.body_stem, &w.stem);
                let q = CombinedTermQuery::new(vec![
                    Part::new(title.clone(), TITLE_TF),
                    Part::new(body.clone(), 1.0),
                ]);
                Clause {
                    word: w.word.clone(),
                    term: w.stem.clone(),
                    probes: vec![vec![body], vec![title]],
                    translated: false,
                    weight: w.weight,
                    query: Box::new(BoostQuery::new(Box::new(q), w.boost)),
                }
            })
            .collect()
    }

    /// Runs one list's query (the source itself left out) and scores its
    /// hits relative to the list's best.
    fn candidates(
        &self,
        searcher: &Searcher,
        source: &Source,
        cross: bool,
        clauses: &[Clause],
        langs: &Langs,
        options: &RelatedOptions,
    ) -> Result<Vec<Candidate>, SearchError> {
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(
            clauses
                .iter()
                .map(|c| (Occur::Should, c.query.box_clone()))
                .collect(),
        ));
        let filters = Filters {
            lang: langs.filter_of(cross),
            ..options.filters.clone()
        };
        let mut query = self.filtered(query, &filters)?;
        if let Some(id) = &source.info.id {
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (
                    Occur::MustNot,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.id, id),
                        IndexRecordOption::Basic,
                    )),
                ),
            ]));
        }
        let (top, _) = crate::order::top_by_score(searcher, &*query, CANDIDATES, 0)?;
        let best = top.first().map_or(1.0, |(s, _)| *s).max(f32::MIN_POSITIVE);
        let total: f32 = clauses
            .iter()
            .map(|c| c.weight)
            .sum::<f32>()
            .max(f32::MIN_POSITIVE);
        let addresses: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
        let signatures = match cross {
            true => Vec::new(),
            false => self.signatures_at(searcher, &addresses)?,
        };
        let mut out = Vec::with_capacity(top.len());
        for (i, (score, address)) in top.into_iter().enumerate() {
            let duplicate = signatures.get(i).and_then(|s| {
                let similarity = s.similarity(&source.signature);
                (similarity >= crate::dups::DEFAULT_THRESHOLD).then_some(similarity)
            });
            let reader = searcher.segment_reader(address.segment_ord);
            let mut covered = 0.0;
            for clause in clauses {
                if matched_alternative(reader, address.doc_id, clause)?.is_some() {
                    covered += clause.weight;
                }
            }
            let weight = if cross { CROSS_WEIGHT } else { 1.0 };
            let relative = SCORE_SHARE * score / best + (1.0 - SCORE_SHARE) * covered / total;
            out.push((address, relative * weight, cross, duplicate));
        }
        Ok(out)
    }

    /// The first `limit` candidates as hits, the source's own article left
    /// out, each with the words it shares with the source.
    fn related_hits(
        &self,
        searcher: &Searcher,
        source: &Source,
        merged: Vec<Candidate>,
        clauses_of: &HashMap<bool, Vec<Clause>>,
        stem: &mut tantivy::tokenizer::TextAnalyzer,
        limit: usize,
    ) -> Result<Vec<RelatedHit>, SearchError> {
        let mut exact = self.index.tokenizer_for_field(self.fields.body)?;
        let mut hits = Vec::new();
        for (address, score, cross, duplicate) in merged {
            if hits.len() == limit {
                break;
            }
            let article = self.article_at(searcher, address, false)?;
            if let Some((file, file_id)) = &source.file {
                // The given file's own article, once indexed: same id, and
                // the same file (its stored path may be relative to where
                // the index was built: then the same name and text).
                let stored = Path::new(&article.meta.path);
                let same = same_file(stored, file)
                    || (stored.file_name() == file.file_name() && duplicate == Some(1.0));
                if same && ends_with_id(&article.meta.id, file_id) {
                    continue;
                }
            }
            let clauses = clauses_of.get(&cross).map(Vec::as_slice).unwrap_or_default();
            let hit_text = format!("{}\n\n{}", article.meta.title, article.body);
            let mut surfaces: HashMap<(bool, String), String> = HashMap::new();
            for (stemmed, analyzer) in [(false, &mut exact), (true, &mut *stem)] {
                for (t, from, to) in fihris_normalize::analyze(analyzer, &hit_text) {
                    surfaces
                        .entry((stemmed, t))
                        .or_insert_with(|| hit_text[from..to].to_string());
                }
            }
            let stem_fields = [self.fields.title_stem, self.fields.body_stem];
            let shared = shared_terms(searcher, address, clauses, &surfaces, stem_fields)?;
            hits.push(RelatedHit {
                rank: hits.len() + 1,
                meta: article.meta,
                score,
                duplicate,
                cross,
                shared,
            });
        }
        Ok(hits)
    }
}

/// BM25's inverse document frequency.
fn idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The most frequent of the forms (the first in order on a tie).
fn most_frequent(forms: &HashMap<String, usize>) -> String {
    forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(w, _)| w.clone())
        .unwrap_or_default()
}

/// Whether the word at `from` in `text` is a name: an acronym, a number of
/// two or more digits, or a capitalised word that does not open a sentence.
fn is_entity(text: &str, from: usize, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if word.chars().count() >= 2 && word.chars().all(|c| c.is_numeric()) {
        return true;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !word.chars().any(char::is_lowercase)
    {
        return true;
    }
    if !first.is_uppercase() {
        return false;
    }
    // Capitalised: a name unless it opens a sentence or a line.
    let before = text[..from].trim_end_matches([' ', '\t', '«', '"', '“', '(', '\'', '’']);
    !matches!(
        before.chars().last(),
        None | Some('.' | '!' | '?' | ':' | '\n' | '…' | '»' | '”')
    )
}

#[cfg(test)]
mod tests;
