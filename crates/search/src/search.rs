//! Answering queries: parsing, filtering, BM25 ranking and snippets.
//!
//! A query is a list of words, all of which must match (in the title or the
//! body); words are analysed exactly like the indexed text, so "pole emploi"
//! finds "Pôle emploi" and "l'ANEM" finds "ANEM". Matches in the title
//! weigh [`TITLE_BOOST`] times a match in the body. Quoted phrases and the
//! rest of tantivy's query syntax work as well.

use std::ops::Range;

use fihris_lang::Lang;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use crate::error::SearchError;
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
    /// Only articles in this language.
    pub lang: Option<Lang>,
    /// Approximate maximum length of a snippet, in characters.
    pub snippet_chars: usize,
    /// Whether every word must match, or any word.
    pub mode: MatchMode,
    /// Which fields to search.
    pub scope: FieldScope,
    /// Read query syntax (phrases, fields, AND/OR); when false the query is
    /// taken as plain words, whatever characters it holds.
    pub syntax: bool,
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
            lang: None,
            snippet_chars: 200,
            mode: MatchMode::All,
            scope: FieldScope::All,
            syntax: true,
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
    /// The article's id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its language code.
    pub lang: String,
    /// Its publication date (YYYY-MM-DD), if known.
    pub date: Option<String>,
    /// Its publisher, if known.
    pub source: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// The best passage of the body.
    pub snippet: Snippet,
}

/// The answer to a query.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// Number of matching articles (all of them, not only those returned).
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
}

impl Fihris {
    /// Runs a query.
    pub fn search(&self, options: &SearchOptions) -> Result<SearchResults, SearchError> {
        let query = self.parse(options)?;
        let searcher = self.reader.searcher();
        if options.limit == 0 {
            let total = searcher.search(&*query, &Count)?;
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let collector = (
            TopDocs::with_limit(options.limit)
                .and_offset(options.offset)
                .order_by_score(),
            Count,
        );
        let (top, total) = searcher.search(&*query, &collector)?;
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.fields.body)?;
        snippets.set_max_num_chars(options.snippet_chars);
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, address)) in top.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| -> Option<String> {
                doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
            };
            let body = text(self.fields.body).unwrap_or_default();
            hits.push(Hit {
                rank: options.offset + i + 1,
                id: text(self.fields.id).unwrap_or_default(),
                path: text(self.fields.path).unwrap_or_default(),
                title: text(self.fields.title).unwrap_or_default(),
                lang: text(self.fields.lang).unwrap_or_default(),
                date: text(self.fields.date),
                source: text(self.fields.source),
                score,
                snippet: make_snippet(&snippets, &body, options.snippet_chars),
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// The fields searched and their boosts.
    fn scoped_fields(&self, scope: FieldScope, words: usize) -> Vec<(Field, f32)> {
        let f = &self.fields;
        let title = title_boost(words);
        match scope {
            FieldScope::All => vec![
                (f.title, title * EXACT_WEIGHT),
                (f.body, EXACT_WEIGHT),
                (f.title_stem, title * STEM_WEIGHT),
                (f.body_stem, STEM_WEIGHT),
            ],
            FieldScope::Body => vec![(f.body, EXACT_WEIGHT), (f.body_stem, STEM_WEIGHT)],
        }
    }

    /// The tantivy query for the options: the parsed text, and filters.
    pub(crate) fn parse(&self, options: &SearchOptions) -> Result<Box<dyn Query>, SearchError> {
        let text = fihris_normalize::nfc(options.query.trim());
        let words = text.split_whitespace().count();
        let fields = self.scoped_fields(options.scope, words);
        let query = if options.syntax {
            let text = protect_colons(&protect_apostrophes(&text));
            let mut parser = QueryParser::for_index(&self.index, fields.iter().map(|(f, _)| *f).collect());
            if options.mode == MatchMode::All {
                parser.set_conjunction_by_default();
            }
            for (field, boost) in &fields {
                parser.set_field_boost(*field, *boost);
            }
            parser
                .parse_query(&text)
                .map_err(|e| SearchError::Query(query_error(&e)))?
        } else {
            self.plain_query(&text, &fields, options.mode)?
        };
        let Some(lang) = &options.lang else {
            return Ok(query);
        };
        // The filter must not change scores: boost it to zero.
        let term = Term::from_field_text(self.fields.lang, lang.code());
        let filter = BoostQuery::new(Box::new(TermQuery::new(term, IndexRecordOption::Basic)), 0.0);
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, Box::new(filter)),
        ])))
    }
}

impl Fihris {
    /// A query from plain words: each word must (or may) match in one of
    /// the fields, exact or stemmed. A stopword (a word the stemmed analyzer
    /// drops) is left out of an any-word query and must match exactly in an
    /// all-words query.
    fn plain_query(
        &self,
        text: &str,
        fields: &[(Field, f32)],
        mode: MatchMode,
    ) -> Result<Box<dyn Query>, SearchError> {
        let is_stem = |field: Field| field == self.fields.title_stem || field == self.fields.body_stem;
        let mut exact = self.index.tokenizer_for_field(self.fields.body)?;
        let mut stem = self.index.tokenizer_for_field(self.fields.body_stem)?;
        let occur = match mode {
            MatchMode::All => Occur::Must,
            MatchMode::Any => Occur::Should,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (word, from, to) in fihris_normalize::analyze(&mut exact, text) {
            let stemmed_word = text
                .get(from..to)
                .and_then(|w| fihris_normalize::analyze(&mut stem, w).into_iter().next())
                .map(|(t, _, _)| t);
            if stemmed_word.is_none() && mode == MatchMode::Any {
                continue;
            }
            let per_field: Vec<(Occur, Box<dyn Query>)> = fields
                .iter()
                .filter_map(|(field, boost)| {
                    let term_text = if is_stem(*field) {
                        stemmed_word.as_deref()?
                    } else {
                        word.as_str()
                    };
                    let term = Term::from_field_text(*field, term_text);
                    let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                    let q: Box<dyn Query> = if *boost == 1.0 {
                        q
                    } else {
                        Box::new(BoostQuery::new(q, *boost))
                    };
                    Some((Occur::Should, q))
                })
                .collect();
            if !per_field.is_empty() {
                clauses.push((occur, Box::new(BooleanQuery::new(per_field))));
            }
        }
        if clauses.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// Turns a typewriter apostrophe between two letters ("l'ANEM") into a
/// typographic one: tantivy's query grammar reads `'` as a quote, while the
/// analyzers treat both apostrophes alike.
fn protect_apostrophes(query: &str) -> String {
    let chars: Vec<char> = query.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters = i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if c == '\'' && between_letters {
                '\u{2019}'
            } else {
                c
            }
        })
        .collect()
}

/// Field names a query may use before a colon ("title:jumelage").
const QUERY_FIELDS: &[&str] = &["body", "source", "title"];

/// Headlines pasted as queries are full of colons ("Emploi : l'ANEM…");
/// a colon is field syntax only right after a field name, elsewhere it
/// becomes a space.
fn protect_colons(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for (i, c) in query.char_indices() {
        if c == ':' {
            let word_start = query[..i]
                .rfind(|ch: char| !ch.is_alphanumeric() && ch != '_')
                .map_or(0, |j| j + 1);
            if !QUERY_FIELDS.contains(&&query[word_start..i]) {
                out.push(' ');
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A lowercase description of a query-parser error.
fn query_error(e: &tantivy::query::QueryParserError) -> String {
    let text = e.to_string().replace("Syntax Error", "syntax error in");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// The best passage of `body` for the query, or its beginning when the
/// query matched only the title.
fn make_snippet(generator: &SnippetGenerator, body: &str, max_chars: usize) -> Snippet {
    let snippet = generator.snippet(body);
    let (text, highlights) = if snippet.fragment().is_empty() {
        (lead(body, max_chars), Vec::new())
    } else {
        (snippet.fragment().to_string(), snippet.highlighted().to_vec())
    };
    // Newlines become spaces: same length, so the ranges stay right.
    Snippet {
        text: text.replace(['\n', '\r', '\t'], " "),
        highlights,
    }
}

/// The first `max_chars` characters of `text`, cut at a word boundary.
fn lead(text: &str, max_chars: usize) -> String {
    let end = match text.char_indices().nth(max_chars) {
        None => return text.to_string(),
        Some((i, _)) => i,
    };
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
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

    #[test]
    fn apostrophes_inside_words_are_protected() {
        assert_eq!(
            protect_apostrophes("l'OMS d'abord"),
            "l\u{2019}OMS d\u{2019}abord"
        );
        assert_eq!(protect_apostrophes("'phrase' l’emploi"), "'phrase' l’emploi");
    }

    #[test]
    fn colons_outside_field_syntax_are_spaces() {
        assert_eq!(protect_colons("Emploi : l'ANEM"), "Emploi   l'ANEM");
        assert_eq!(protect_colons("title:jumelage 10:30"), "title:jumelage 10 30");
        assert_eq!(protect_colons("source:APS"), "source:APS");
    }

    #[test]
    fn lead_cuts_at_a_word() {
        assert_eq!(lead("un deux trois", 20), "un deux trois");
        assert_eq!(lead("un deux trois", 9), "un deux…");
        assert_eq!(lead("توأمة بين وكالتين", 8), "توأمة…");
    }
}
