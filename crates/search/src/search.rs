//! Answering queries: parsing, filtering, BM25 ranking and snippets.
//!
//! A query (see [`crate::query`] for the syntax) is a list of words, all of
//! which must match (in the title or the body); words are analysed like the
//! indexed text, so "pole emploi" finds "Pôle emploi", "l'ANEM" finds
//! "ANEM" and "emplois" finds "emploi". Matches in the title weigh
//! [`TITLE_BOOST`] times a match in the body.

use std::ops::Range;

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Term};

use crate::build_query::{QueryBuilder, Weights};
use crate::error::SearchError;
use crate::filters::Filters;
use crate::order::{top_by_score, DateOrder};
use crate::snippets::make_snippet;
use crate::Fihris;

/// How much more a title match counts than a body match, for queries of up
/// to [`SHORT_QUERY_WORDS`] words. For longer queries (a pasted paragraph)
/// the boost shrinks in proportion, down to [`MIN_TITLE_BOOST`]: one word
/// of a long query found in a title says little about the article. On the
/// French abstract queries (1,000 articles' summaries, BENCHMARKS.md) a
/// fixed boost of 2 gave MRR@10 0.695, the shrinking boost 0.751.
pub const TITLE_BOOST: f32 = 2.0;
/// Queries of at most this many words get the full [`TITLE_BOOST`].
const SHORT_QUERY_WORDS: usize = 4;
/// The smallest title boost, for long queries.
const MIN_TITLE_BOOST: f32 = 0.5;
/// Weight of a match in the exact (unstemmed) fields. A word that matches
/// exactly also matches its stem, so exact forms still rank above mere
/// variants; measured on the known-item sets, 0.3 beats 1.0 (French title
/// queries 0.694 against 0.683 MRR@10, Arabic 0.799 against 0.794) and 0
/// (0.692, 0.794).
const EXACT_WEIGHT: f32 = 0.3;
/// Weight of a match in the stemmed fields.
const STEM_WEIGHT: f32 = 1.0;
/// Title-and-body searches score a word once over both fields (BM25F), a
/// title occurrence counting as this many body occurrences. French abstract
/// queries, MRR@10: 0.751 with per-field BM25 and the shrinking title
/// boost, 0.768 with weight 1, 0.779 with 2, 0.782 with 3. With
/// [`COMBINED_B`] and repeated query words counted once (2026-11-27,
/// single-threaded index): 0.786 with 3, 0.790 with 4 (k1 0.9: 0.786
/// with 4, 0.784 with 5).
const TITLE_TF_WEIGHT: f32 = 4.0;
/// Length normalization of the title-and-body BM25F score (BM25's b; the
/// body-only scores keep tantivy's 0.75). Long abstract queries match many
/// words of any long article, so length must weigh more. French abstract
/// queries, MRR@10, k1 1.2 (with title weight 4, repeated query words
/// counted once): b 0.75 → 0.782, 0.8 → 0.786, 0.9 → 0.790, 1.0 → 0.787;
/// k1 0.9 or 1.5 with b 0.9 → 0.786.
const COMBINED_B: f32 = 0.9;
/// In any-word searches of the body alone (headline queries), each query
/// word found adds this constant on top of its BM25 score, so that an
/// article matching more of the headline's words ranks higher
/// (coordination). Known-item title queries, MRR@10 (French / Arabic):
/// 0.701 / 0.839 without, 0.704 / - with 0.5, 0.708 / 0.845 with 1, 0.708
/// with 1.4, 0.705 with 2. On title-and-body searches it hurts the French
/// abstract queries (0.779 → 0.770 with 1, 0.774 with 0.5): not used there.
const COVERAGE_WEIGHT: f32 = 1.0;
/// How many word positions of the body (stopwords included) make its lead:
/// a headline restates the first sentences.
const LEAD_POSITIONS: u32 = 50;
/// Weight of a stemmed match in the lead, on top of the body match, when
/// the body is searched without the title. Known-item title queries,
/// MRR@10 (French / Arabic): 0.694 / 0.823 without, 0.701 / 0.835 with 0.4.
/// With the title searched, the lead adds nothing the title does not (the
/// French abstract queries lose 0.01).
const LEAD_WEIGHT: f32 = 0.4;

/// The title boost for a query of `words` words.
fn title_boost(words: usize) -> f32 {
    if words <= SHORT_QUERY_WORDS {
        TITLE_BOOST
    } else {
        (TITLE_BOOST * SHORT_QUERY_WORDS as f32 / words as f32).max(MIN_TITLE_BOOST)
    }
}

/// A query and how to answer it.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// The query text.
    pub query: String,
    /// Maximum number of hits.
    pub limit: usize,
    /// Number of top hits to skip (paging).
    pub offset: usize,
    /// Language, date, source and author filters.
    pub filters: Filters,
    /// Order of the hits.
    pub sort: SortOrder,
    /// Approximate maximum length of a snippet, in characters.
    pub snippet_chars: usize,
    /// Whether every word must match, or any word.
    pub mode: MatchMode,
    /// Which fields to search.
    pub scope: FieldScope,
    /// Read query syntax (phrases, fields, AND/OR); when false the query is
    /// taken as plain words, whatever characters it holds.
    pub syntax: bool,
    /// Also find articles in the other language (French ↔ Arabic), through
    /// the bilingual lexicon; they rank below direct matches.
    pub cross: bool,
    /// Report which terms matched each hit.
    pub explain: bool,
    /// Fold near-duplicates into one hit per story (see
    /// [`Hit::copies`]).
    pub collapse: bool,
    /// Let stems decide what matches, not only rank (`--broad`): a word
    /// also matches its whole stem family and look-alikes (جامعة finds
    /// جامع, `formation` finds forme). Off by default.
    pub broad: bool,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Score,
    /// Newest first; undated articles last.
    Date,
}

/// Whether all query words must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchMode {
    /// Every word must match (the default for people).
    #[default]
    All,
    /// Any word may match; more matches rank higher (bag of words, as for
    /// long known-item queries).
    Any,
}

/// Which fields a query looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldScope {
    /// Title and body (title boosted).
    #[default]
    All,
    /// The body only (evaluation of headline queries).
    Body,
}

impl SearchOptions {
    /// Options for `query` with the defaults (10 hits, 200-character snippets).
    pub fn new(query: impl Into<String>) -> SearchOptions {
        SearchOptions {
            query: query.into(),
            limit: 10,
            offset: 0,
            filters: Filters::default(),
            sort: SortOrder::Score,
            snippet_chars: 200,
            mode: MatchMode::All,
            scope: FieldScope::All,
            syntax: true,
            cross: true,
            explain: false,
            collapse: false,
            broad: false,
        }
    }
}

/// A passage of an article's body with the matched words located.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage, on one line.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

/// One ranked answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// 1-based rank among all hits of the query.
    pub rank: usize,
    /// Its id, file, title, language, date and publisher.
    pub meta: crate::ArticleMeta,
    /// BM25 score.
    pub score: f32,
    /// The best passage of the body.
    pub snippet: Snippet,
    /// With [`SearchOptions::explain`]: the query terms found in the
    /// article and their scores.
    pub matched_terms: Option<Vec<MatchedTerm>>,
    /// With [`SearchOptions::collapse`]: the ids of the other matching
    /// articles that are near-duplicates of this one (ranked below it).
    pub copies: Vec<String>,
}

/// The answer to a query.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// Number of matching articles (all of them, not only those returned).
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Undated articles that matched the query and the other filters but
    /// were left out by a date filter.
    pub undated_excluded: usize,
    /// With [`SearchOptions::collapse`]: the number of stories (groups of
    /// near-duplicates) among the first [`COLLAPSE_WINDOW`] matches.
    pub stories: Option<usize>,
}

/// With `collapse`, near-duplicates are looked for among this many best
/// matches (or more when paging deeper).
pub const COLLAPSE_WINDOW: usize = 1000;

impl Fihris {
    /// Runs a query.
    pub fn search(&self, options: &SearchOptions) -> Result<SearchResults, SearchError> {
        let parts = self.parse_parts(options)?;
        let matched = combine(&parts);
        let undated_excluded = self.undated_excluded(&*matched, &options.filters)?;
        let query = self.filtered(matched, &options.filters)?;
        let searcher = self.reader.searcher();
        if options.limit == 0 {
            let total = searcher.search(&*query, &Count)?;
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
                undated_excluded,
                stories: None,
            });
        }
        // No page holds more than the index: a huge --limit or --offset is
        // cut to its size (collectors allocate for the page asked).
        let size = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let (page_limit, page_offset) = (options.limit.min(size), options.offset.min(size));
        // With collapse, a window of the best matches is folded into
        // stories, and the page is taken from the stories.
        let (limit, offset) = match options.collapse {
            true => (
                COLLAPSE_WINDOW.max(page_offset.saturating_add(page_limit).saturating_mul(4)),
                0,
            ),
            false => (page_limit, page_offset),
        };
        let (top, total): (Vec<(f32, DocAddress)>, usize) = match options.sort {
            SortOrder::Score => top_by_score(&searcher, &*query, limit, offset)?,
            SortOrder::Date => {
                // Newest first; within a day the best match first, then by
                // id: an order that does not depend on how the index was
                // built. Undated articles come last.
                let all = searcher.search(&*query, &DateOrder)?;
                let total = all.len();
                let page = crate::order::date_page(&searcher, all, offset, limit)?;
                (page, total)
            }
        };
        // The words that made an article match are highlighted, through
        // the exact analysis of the body: written forms are looked for as
        // the exact analysis spells them, so that one passage shows every
        // query word, typed with accents or not. With --broad, or where
        // that finds nothing, stemmed matches through the stemmed analysis.
        let generator = |query: &dyn Query, field| -> Result<SnippetGenerator, SearchError> {
            let mut g = SnippetGenerator::create(&searcher, query, field)?;
            g.set_max_num_chars(options.snippet_chars);
            Ok(g)
        };
        let snippets = match options.broad {
            true => vec![
                generator(&*query, self.fields.body_stem)?,
                generator(&*query, self.fields.body)?,
            ],
            false => vec![
                generator(&*self.highlighted_terms(&*query)?, self.fields.body)?,
                generator(&*query, self.fields.body_stem)?,
            ],
        };
        let (top, copies, stories) = match options.collapse {
            true => {
                let (stories, copies) = self.collapse(&top)?;
                let n = stories.len();
                let page: Vec<(usize, Vec<String>)> = stories
                    .into_iter()
                    .zip(copies)
                    .skip(page_offset)
                    .take(page_limit)
                    .collect();
                let top = page.iter().map(|(i, _)| top[*i]).collect();
                (top, page.into_iter().map(|(_, c)| c).collect(), Some(n))
            }
            false => (top, Vec::new(), None),
        };
        let mut copies = copies.into_iter();
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, address)) in top.into_iter().enumerate() {
            let article = self.article_at(&searcher, address, false)?;
            let snippet = make_snippet(&snippets, &article.body, options.snippet_chars);
            hits.push(Hit {
                rank: page_offset + i + 1,
                meta: article.meta,
                score,
                snippet,
                matched_terms: if options.explain {
                    Some(self.matched_terms(&searcher, &parts, address)?)
                } else {
                    None
                },
                copies: copies.next().unwrap_or_default(),
            });
        }
        Ok(SearchResults {
            total,
            hits,
            undated_excluded,
            stories,
        })
    }

    /// Folds ranked matches into stories: for each group of near-duplicates,
    /// its best-ranked member (by index in `ranked`, in rank order) and the
    /// ids of the others.
    fn collapse(&self, ranked: &[(f32, DocAddress)]) -> Result<(Vec<usize>, Vec<Vec<String>>), SearchError> {
        let searcher = self.reader.searcher();
        let addresses: Vec<DocAddress> = ranked.iter().map(|(_, a)| *a).collect();
        let signatures = self.signatures_at(&searcher, &addresses)?;
        let ids = self.ids_at(&searcher, &addresses)?;
        let refs: Vec<&fihris_index::minhash::Signature> = signatures.iter().collect();
        let groups = crate::dups::cluster(&refs, crate::dups::DEFAULT_THRESHOLD);
        let mut stories: Vec<(usize, Vec<String>)> = groups
            .into_iter()
            .map(|g| (g[0], g[1..].iter().map(|&i| ids[i].clone()).collect()))
            .collect();
        stories.sort_by_key(|(first, _)| *first);
        Ok(stories.into_iter().unzip())
    }

    /// The tantivy query for the query text alone (no filters).
    /// The ids of the articles at `addresses`, in their order.
    fn ids_at(
        &self,
        searcher: &tantivy::Searcher,
        addresses: &[DocAddress],
    ) -> Result<Vec<String>, SearchError> {
        crate::ids_at(searcher, addresses, |e| crate::io_error(&self.dir, e))
    }

    /// Ranking only: the ids of the best articles for a query, best first
    /// (`options.limit` of them after `options.offset`, cut to the index's
    /// size), with the query's match set and filters but no snippets, no
    /// count and no folding of near-duplicates; `sort` is not read. What
    /// `fihris eval` ranks, and what a ranking benchmark times.
    pub fn ranked_ids(&self, options: &SearchOptions) -> Result<Vec<String>, SearchError> {
        let query = self.filtered(self.parse(options)?, &options.filters)?;
        let searcher = self.reader.searcher();
        let size = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let (top, _) = top_by_score(
            &searcher,
            &*query,
            options.limit.min(size),
            options.offset.min(size),
        )?;
        let addresses: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
        self.ids_at(&searcher, &addresses)
    }

    pub(crate) fn parse(&self, options: &SearchOptions) -> Result<Box<dyn Query>, SearchError> {
        Ok(combine(&self.parse_parts(options)?))
    }

    /// The direct query, and the cross-lingual expansion if any.
    fn parse_parts(&self, options: &SearchOptions) -> Result<QueryParts, SearchError> {
        let text = fihris_normalize::nfc(options.query.trim());
        let node = if options.syntax {
            crate::query::parse(&text).map_err(|e| SearchError::Query(e.to_string()))?
        } else {
            crate::query::plain(&text)
        };
        let mut builder = self.query_builder(options, text.split_whitespace().count())?;
        let direct = builder.build(&node)?;
        if !options.cross {
            return Ok((direct, None));
        }
        let lexicon = self.lexicon()?;
        let expansion = builder.expansion(&node, lexicon);
        Ok((direct, expansion))
    }

    /// The terms of `query` in the body, as exact-field terms (written
    /// forms in their exact analysis), for highlighting.
    fn highlighted_terms(&self, query: &dyn Query) -> Result<Box<dyn Query>, SearchError> {
        let mut exact = self.index.tokenizer_for_field(self.fields.body)?;
        let mut terms: Vec<Term> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == self.fields.body {
                terms.push(term.clone());
            } else if term.field() == self.fields.body_forms {
                if let Some(text) = term.value().as_str() {
                    for (folded, _, _) in fihris_normalize::analyze(&mut exact, text) {
                        terms.push(Term::from_field_text(self.fields.body, &folded));
                    }
                }
            }
        });
        Ok(Box::new(tantivy::query::TermSetQuery::new(terms)))
    }

    /// A query builder for `options`, for a query of `words` words.
    pub(crate) fn query_builder(
        &self,
        options: &SearchOptions,
        words: usize,
    ) -> Result<QueryBuilder<'_>, SearchError> {
        Ok(QueryBuilder {
            fields: &self.fields,
            exact: self.index.tokenizer_for_field(self.fields.body)?,
            stem: self.index.tokenizer_for_field(self.fields.body_stem)?,
            forms: self.index.tokenizer_for_field(self.fields.body_forms)?,
            broad: options.broad,
            searcher: Some(self.reader.searcher()),
            scope: options.scope,
            mode: options.mode,
            weights: Weights {
                title: title_boost(words),
                exact: EXACT_WEIGHT,
                stem: STEM_WEIGHT,
                title_tf: TITLE_TF_WEIGHT,
                combined_b: COMBINED_B,
                lead: LEAD_WEIGHT,
                lead_positions: LEAD_POSITIONS,
                coverage: COVERAGE_WEIGHT,
            },
            plain: !options.syntax,
        })
    }

    /// Which terms of the query match the article at `address`, with their
    /// BM25 score in their field (before boosts), best first.
    fn matched_terms(
        &self,
        searcher: &tantivy::Searcher,
        parts: &QueryParts,
        address: DocAddress,
    ) -> Result<Vec<MatchedTerm>, SearchError> {
        let schema = self.index.schema();
        let mut terms: Vec<(Term, bool)> = Vec::new();
        parts.0.query_terms(&mut |t, _| terms.push((t.clone(), false)));
        if let Some(expansion) = &parts.1 {
            expansion.query_terms(&mut |t, _| terms.push((t.clone(), true)));
        }
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        // Written forms decide matching and carry no score.
        let unscored = [self.fields.lang, self.fields.title_forms, self.fields.body_forms];
        for (term, translated) in terms {
            if unscored.contains(&term.field()) || !seen.insert((term.clone(), translated)) {
                continue;
            }
            let Some(text) = term.value().as_str().map(str::to_string) else {
                continue;
            };
            let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            if let Ok(explanation) = query.explain(searcher, address) {
                out.push(MatchedTerm {
                    term: text,
                    field: schema.get_field_name(term.field()).to_string(),
                    translated,
                    score: explanation.value(),
                });
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        Ok(out)
    }
}

/// The direct query and the cross-lingual expansion.
type QueryParts = (Box<dyn Query>, Option<Box<dyn Query>>);

/// The query of both parts: the expansion weighted below the direct query.
fn combine((direct, expansion): &QueryParts) -> Box<dyn Query> {
    match expansion {
        None => direct.box_clone(),
        Some(expansion) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, direct.box_clone()),
            (
                Occur::Should,
                Box::new(BoostQuery::new(
                    expansion.box_clone(),
                    crate::crosslingual::EXPANSION_WEIGHT,
                )),
            ),
        ])),
    }
}

/// A query term found in a hit (`--explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct MatchedTerm {
    /// The term as indexed (normalized; a stem in the `_stem` fields).
    pub term: String,
    /// The field: title, body, title_stem, body_stem, source.
    pub field: String,
    /// Whether it comes from the cross-lingual expansion (a translation or
    /// an anchor) rather than from the query itself.
    pub translated: bool,
    /// Its BM25 score in that field, before field weights.
    pub score: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_boost_shrinks_for_long_queries() {
        assert_eq!(title_boost(1), TITLE_BOOST);
        assert_eq!(title_boost(4), TITLE_BOOST);
        assert_eq!(title_boost(8), 1.0);
        assert_eq!(title_boost(60), MIN_TITLE_BOOST);
    }
}
