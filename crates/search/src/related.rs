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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use fihris_ingest::{FileEntry, ReadOptions, Reader};
use fihris_lang::Lang;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, Term};

use crate::crosslingual;
use crate::error::SearchError;
use crate::filters::Filters;
use crate::scoring::{CombinedTermQuery, Part};
use crate::Fihris;
use fihris_index::minhash::Signature;

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
    /// Language, date and source filters on the hits.
    pub filters: Filters,
    /// Also look in the other language (French ↔ Arabic).
    pub cross: bool,
}

impl Default for RelatedOptions {
    fn default() -> RelatedOptions {
        RelatedOptions {
            limit: 10,
            filters: Filters::default(),
            cross: true,
        }
    }
}

/// The article related articles were found for.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RelatedHit {
    /// 1-based rank.
    pub rank: usize,
    /// Its id, file, title, language, date and publisher.
    #[serde(flatten)]
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

impl Fihris {
    /// Articles related to `to`.
    pub fn related(&self, to: &RelatedTo, options: &RelatedOptions) -> Result<RelatedResults, SearchError> {
        let source = self.related_source(to)?;
        let searcher = self.reader.searcher();
        let mut stem = self.index.tokenizer_for_field(self.fields.body_stem)?;
        let text = format!("{}\n\n{}", source.info.title, source.body);
        let title_len = source.info.title.len();

        // The source's words, weighted.
        // Analysed once: the weights below, and the other-language query's
        // lexicon lookups.
        let tokens = fihris_normalize::analyze(&mut stem, &text);
        let mut counts: BTreeMap<String, (f32, HashMap<String, usize>, bool)> = BTreeMap::new();
        for (t, from, to) in &tokens {
            let (from, to) = (*from, *to);
            let word = &text[from..to];
            let entry = counts.entry(t.clone()).or_default();
            entry.0 += if from < title_len { TITLE_TF } else { 1.0 };
            *entry.1.entry(word.to_string()).or_default() += 1;
            entry.2 |= is_entity(&text, from, word);
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

        let same_lang = match source.lang {
            Lang::Fr | Lang::Ar => Some(source.lang.code().to_string()),
            _ => None,
        };
        let other_lang = match source.lang {
            Lang::Fr => Some("ar"),
            Lang::Ar => Some("fr"),
            _ => None,
        };
        let wanted = |code: Option<&str>| match (&options.filters.lang, code) {
            (None, _) => true,
            (Some(l), Some(c)) => l.code() == c,
            (Some(_), None) => false,
        };

        // Same language.
        let mut lists: Vec<(bool, Vec<Clause>)> = Vec::new();
        if wanted(same_lang.as_deref()) || same_lang.is_none() {
            let clauses: Vec<Clause> = words
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
                .collect();
            lists.push((false, clauses));
        }
        // The other language.
        if other_lang.is_some_and(|o| options.cross && wanted(Some(o))) {
            let clauses = self.cross_clauses(&searcher, &text, &tokens, &words, n)?;
            lists.push((true, clauses));
        }

        // Run each list's query, score relative to its best hit.
        let mut merged: Vec<(DocAddress, f32, bool, Option<f32>)> = Vec::new();
        let mut clauses_of: HashMap<bool, Vec<Clause>> = HashMap::new();
        for (cross, clauses) in lists {
            if clauses.is_empty() {
                continue;
            }
            let query: Box<dyn Query> = Box::new(BooleanQuery::new(
                clauses
                    .iter()
                    .map(|c| (Occur::Should, c.query.box_clone()))
                    .collect(),
            ));
            let mut filters = options.filters.clone();
            filters.lang = if cross {
                other_lang.and_then(|c| c.parse().ok())
            } else {
                same_lang.as_deref().and_then(|c| c.parse().ok()).or(filters.lang)
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
            let (top, _) = crate::search::top_by_score(&searcher, &*query, CANDIDATES, 0)?;
            let best = top.first().map_or(1.0, |(s, _)| *s).max(f32::MIN_POSITIVE);
            let total: f32 = clauses
                .iter()
                .map(|c| c.weight)
                .sum::<f32>()
                .max(f32::MIN_POSITIVE);
            let addresses: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
            let signatures = match cross {
                true => Vec::new(),
                false => self.signatures_at(&searcher, &addresses)?,
            };
            for (i, (score, address)) in top.into_iter().enumerate() {
                let duplicate = signatures.get(i).and_then(|s| {
                    let similarity = s.similarity(&source.signature);
                    (similarity >= crate::dups::DEFAULT_THRESHOLD).then_some(similarity)
                });
                let reader = searcher.segment_reader(address.segment_ord);
                let mut covered = 0.0;
                for clause in &clauses {
                    if matched_alternative(reader, address.doc_id, clause)?.is_some() {
                        covered += clause.weight;
                    }
                }
                let weight = if cross { CROSS_WEIGHT } else { 1.0 };
                let relative = SCORE_SHARE * score / best + (1.0 - SCORE_SHARE) * covered / total;
                merged.push((address, relative * weight, cross, duplicate));
            }
            clauses_of.insert(cross, clauses);
        }
        // Near-duplicates first (most similar first), then by score.
        merged.sort_by(|a, b| {
            b.3.is_some()
                .cmp(&a.3.is_some())
                .then(b.3.unwrap_or(0.0).total_cmp(&a.3.unwrap_or(0.0)))
                .then(b.1.total_cmp(&a.1))
        });

        let mut exact = self.index.tokenizer_for_field(self.fields.body)?;
        let mut hits = Vec::new();
        for (address, score, cross, duplicate) in merged {
            if hits.len() == options.limit {
                break;
            }
            let article = self.article_at(&searcher, address, false)?;
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
            for (stemmed, analyzer) in [(false, &mut exact), (true, &mut stem)] {
                for (t, from, to) in fihris_normalize::analyze(analyzer, &hit_text) {
                    surfaces
                        .entry((stemmed, t))
                        .or_insert_with(|| hit_text[from..to].to_string());
                }
            }
            let stem_fields = [self.fields.title_stem, self.fields.body_stem];
            let shared = shared_terms(&searcher, address, clauses, &surfaces, stem_fields)?;
            hits.push(RelatedHit {
                rank: hits.len() + 1,
                meta: article.meta,
                score,
                duplicate,
                cross,
                shared,
            });
        }
        Ok(RelatedResults {
            source: source.info,
            hits,
        })
    }

    /// The clauses of the other-language query: translations of the
    /// source's words (`tokens`: its stemmed analysis), and its anchors.
    fn cross_clauses(
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

    /// The source article of a related search.
    fn related_source(&self, to: &RelatedTo) -> Result<Source, SearchError> {
        let path = match to {
            RelatedTo::Id(id) => {
                if let Some(address) = self.address_of(id)? {
                    return self.indexed_source(address);
                }
                let path = PathBuf::from(id);
                if !path.exists() && !file_and_line(&path).is_some_and(|(f, _)| f.exists()) {
                    return Err(SearchError::UnknownArticle(id.clone()));
                }
                path
            }
            RelatedTo::Path(path) => path.clone(),
        };
        let (file, line) = match file_and_line(&path) {
            Some((file, line)) if !path.exists() && file.exists() => (file, Some(line)),
            _ => (path.clone(), None),
        };
        let parent = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let entry = FileEntry::new(file.clone(), &parent).ok_or_else(|| SearchError::Article {
            path: file.clone(),
            reason: "not a format fihris reads (txt, md, html, json, jsonl)".to_string(),
        })?;
        let read = Reader::new(ReadOptions::default()).read(&entry)?;
        let mut articles = read.articles;
        let article = match (line, articles.len()) {
            (_, 0) => {
                return Err(SearchError::Article {
                    path: file,
                    reason: "no article in it".to_string(),
                })
            }
            (None, 1) => articles.remove(0),
            (None, count) => {
                return Err(SearchError::Article {
                    path: file,
                    reason: format!("{count} articles in it; name one as FILE#LINE"),
                })
            }
            (Some(line), _) => match articles.iter().position(|a| a.line == Some(line)) {
                Some(i) => articles.remove(i),
                None => {
                    return Err(SearchError::Article {
                        path: file,
                        reason: format!("no article at line {line}"),
                    })
                }
            },
        };
        let signature = Signature::of_text(&mut fihris_index::minhash::analyzer(), &article.body);
        Ok(Source {
            info: RelatedSource {
                id: None,
                path: match line {
                    Some(line) => format!("{}#{line}", article.path.display()),
                    None => article.path.display().to_string(),
                },
                title: article.title.clone(),
                lang: article.lang.code().to_string(),
            },
            lang: article.lang,
            signature,
            file: Some((file, article.id.clone())),
            body: article.body,
        })
    }

    fn indexed_source(&self, address: DocAddress) -> Result<Source, SearchError> {
        let searcher = self.reader.searcher();
        let a = self.article_at(&searcher, address, false)?;
        let signature = self
            .signatures_at(&searcher, &[address])?
            .pop()
            .unwrap_or_default();
        Ok(Source {
            lang: a.meta.lang.parse().unwrap_or(Lang::Und),
            info: RelatedSource {
                id: Some(a.meta.id),
                path: a.meta.path,
                title: a.meta.title,
                lang: a.meta.lang,
            },
            body: a.body,
            signature,
            file: None,
        })
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

/// `name.jsonl#12` as the file and the line, if it has that form.
fn file_and_line(path: &Path) -> Option<(PathBuf, usize)> {
    let text = path.to_str()?;
    let (file, line) = text.rsplit_once('#')?;
    Some((PathBuf::from(file), line.parse().ok()?))
}

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether an indexed id is `id` as read from the file alone (ids of files
/// are relative to the indexed folder, so the index's may be longer).
fn ends_with_id(indexed: &str, id: &str) -> bool {
    indexed == id || indexed.strip_suffix(id).is_some_and(|rest| rest.ends_with('/'))
}

/// The clauses whose words the article at `address` contains.
/// `surfaces` maps the related article's analysed words (whether stemmed,
/// and the word) to their first form in its text.
fn shared_terms(
    searcher: &Searcher,
    address: DocAddress,
    clauses: &[Clause],
    surfaces: &HashMap<(bool, String), String>,
    stem_fields: [Field; 2],
) -> Result<Vec<SharedTerm>, SearchError> {
    let reader = searcher.segment_reader(address.segment_ord);
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for clause in clauses {
        if let Some(alternative) = matched_alternative(reader, address.doc_id, clause)? {
            let texts: Vec<String> = alternative
                .iter()
                .map(|t| t.value().as_str().unwrap_or_default().to_string())
                .collect();
            let matched: Vec<String> = alternative
                .iter()
                .zip(&texts)
                .map(|(term, t)| {
                    let stemmed = stem_fields.contains(&term.field());
                    surfaces
                        .get(&(stemmed, t.clone()))
                        .cloned()
                        .unwrap_or_else(|| t.clone())
                })
                .collect();
            let term = texts.join(" ");
            if seen.insert(clause.word.to_lowercase()) {
                out.push(SharedTerm {
                    word: clause.word.clone(),
                    term: if clause.translated {
                        clause.term.clone()
                    } else {
                        term
                    },
                    matched: matched.join(" "),
                    translated: clause.translated,
                });
            }
        }
    }
    Ok(out)
}

/// The first alternative of the clause whose terms `doc` all has.
fn matched_alternative<'c>(
    reader: &tantivy::SegmentReader,
    doc: tantivy::DocId,
    clause: &'c Clause,
) -> Result<Option<&'c Vec<Term>>, SearchError> {
    for alternative in &clause.probes {
        let mut all = !alternative.is_empty();
        for probe in alternative {
            if !contains(reader, probe, doc)? {
                all = false;
                break;
            }
        }
        if all {
            return Ok(Some(alternative));
        }
    }
    Ok(None)
}

/// Whether `doc` of the segment has `term`.
fn contains(reader: &tantivy::SegmentReader, term: &Term, doc: tantivy::DocId) -> Result<bool, SearchError> {
    let field: Field = term.field();
    let index = reader.inverted_index(field)?;
    let Some(mut postings) = index
        .read_postings(term, IndexRecordOption::Basic)
        .map_err(tantivy::TantivyError::from)?
    else {
        return Ok(false);
    };
    if postings.doc() >= doc {
        return Ok(postings.doc() == doc);
    }
    Ok(postings.seek(doc) == doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        let text = "Le directeur de l'ANEM a rencontré Pôle emploi en 2019. Jumelage réussi.";
        let at = |w: &str| text.find(w).unwrap_or_default();
        assert!(is_entity(text, at("ANEM"), "ANEM"));
        assert!(is_entity(text, at("Pôle"), "Pôle"));
        assert!(is_entity(text, at("2019"), "2019"));
        assert!(!is_entity(text, at("directeur"), "directeur"));
        // Capitalised at the start of a sentence or of the text: not a name.
        assert!(!is_entity(text, at("Jumelage"), "Jumelage"));
        assert!(!is_entity(text, 0, "Le"));
        assert!(!is_entity("وكالة التشغيل", 0, "وكالة"));
    }

    #[test]
    fn file_line_and_ids() {
        assert_eq!(
            file_and_line(Path::new("a/b.jsonl#12")),
            Some((PathBuf::from("a/b.jsonl"), 12))
        );
        assert_eq!(file_and_line(Path::new("a/b.jsonl")), None);
        assert!(ends_with_id("fr/a.txt", "a.txt"));
        assert!(ends_with_id("a.txt", "a.txt"));
        assert!(!ends_with_id("fr/ba.txt", "a.txt"));
    }

    #[test]
    fn idf_falls_with_frequency() {
        assert!(idf(1000.0, 1.0) > idf(1000.0, 10.0));
        assert!(idf(1000.0, 999.0) > 0.0);
    }
}
