//! The read side of a fihris index: answering queries over an index that
//! `fihris-index` built.
//!
//! [`Fihris::open`] opens an index (through `fihris_index::open`) and is
//! the one handle every question goes through; each kind of question has
//! its module, which adds its methods to the handle:
//! - `search.rs`: [`Fihris::search`] (hits with snippets from
//!   `snippets.rs`, counts, pages in the orders of `order.rs`, collapsed
//!   stories) and [`Fihris::ranked_ids`] (ranking only);
//!   the query language is `query.rs`, turned into tantivy queries by
//!   `build_query.rs` (what matches: written forms; what ranks: stems,
//!   with `scoring.rs`), filtered by `filters.rs`, and expanded to the
//!   other language by `crosslingual.rs` (the bundled French–Arabic
//!   lexicon);
//! - `explain_match.rs`: [`Fihris::explain_match`], the written forms
//!   behind a count;
//! - `related.rs`: [`Fihris::related`], other versions and the other
//!   language's coverage of an article or a file;
//! - `dups.rs`: [`Fihris::duplicates`], groups of near-duplicates from the
//!   signatures stored at indexing;
//! - `stats.rs`: [`Fihris::stats`], counts by year, month, source,
//!   author or language;
//! - this file: opening, stored articles ([`Fihris::get`]) and the
//!   lexicon cache ([`refresh_caches`]).
//!
//! This crate never prints and never writes the index: it returns hits and
//! reports, and the binary formats them.

mod build_query;
mod crosslingual;
mod dups;
mod error;
mod explain_match;
mod filters;
mod order;
pub mod query;
mod related;
mod scoring;
mod search;
mod snippets;
mod stats;
#[cfg(test)]
mod test_index;

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

pub use dups::{DupGroup, DupMember, DupsOptions, DEFAULT_THRESHOLD as DUPLICATE_THRESHOLD};
pub use error::SearchError;
pub use explain_match::{ExplainMatchOptions, FormCount, MatchExplanation};
pub use fihris_index::CommitInfo;
pub use fihris_ingest::{Date, Skipped};
pub use fihris_lang::Lang;
pub use fihris_normalize::Stemmer;
pub use filters::{date_of_day, parse_date_bound, Filters, PeriodEnd};
pub use related::{RelatedHit, RelatedOptions, RelatedResults, RelatedSource, RelatedTo, SharedTerm};
pub use search::{
    FieldScope, Hit, MatchMode, MatchedTerm, SearchOptions, SearchResults, Snippet, SortOrder, TITLE_BOOST,
};
pub use stats::{Stats, StatsBy, StatsOptions, UNDATED, UNKNOWN_AUTHOR, UNKNOWN_SOURCE};

use fihris_index::Fields;

/// What names and places an article: its id, file, title, language, date,
/// publisher and author. Search hits, related articles, near-duplicates and
/// stored articles all carry it (serialized inline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
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
    /// Its author(s), if known.
    pub author: Option<String>,
}

/// An article as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// Its id, file, title, language, date, publisher and author.
    pub meta: ArticleMeta,
    /// Its text, paragraphs separated by a blank line.
    pub body: String,
    /// With `raw`: the boilerplate removed from the text at indexing.
    pub boilerplate: Option<String>,
}

/// An open index, ready for queries.
pub struct Fihris {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    info: CommitInfo,
    /// The bilingual lexicon analysed with this index's stemmer, built on
    /// first use.
    lexicon: std::sync::OnceLock<crosslingual::Lexicon>,
}

impl std::fmt::Debug for Fihris {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fihris")
            .field("dir", &self.dir)
            .field("info", &self.info)
            .finish()
    }
}

impl Fihris {
    /// Opens the index at `dir` for reading.
    pub fn open(dir: &Path) -> Result<Fihris, SearchError> {
        let fihris_index::OpenIndex { index, fields, info } = fihris_index::open(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Fihris {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            info,
            lexicon: std::sync::OnceLock::new(),
        })
    }

    /// The lexicon, analysed on first use.
    pub(crate) fn lexicon(&self) -> Result<&crosslingual::Lexicon, SearchError> {
        if let Some(lexicon) = self.lexicon.get() {
            return Ok(lexicon);
        }
        // The cache written by the last sync, when it matches this index's
        // stemmer and this build's lexicon; analysed afresh otherwise.
        let key = self.info.stemmer().name();
        let cached = std::fs::read_to_string(self.dir.join(LEXICON_CACHE))
            .ok()
            .and_then(|text| crosslingual::Lexicon::from_cache(&text, key));
        let lexicon = match cached {
            Some(lexicon) => lexicon,
            None => {
                let mut stem = self.index.tokenizer_for_field(self.fields.body_stem)?;
                crosslingual::Lexicon::bundled(&mut stem)
            }
        };
        Ok(self.lexicon.get_or_init(|| lexicon))
    }

    /// What the last commit recorded: roots, time, article count.
    pub fn info(&self) -> &CommitInfo {
        &self.info
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of articles in the index.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The stored article with this id; with `raw`, also the boilerplate
    /// that indexing removed from its text.
    pub fn get(&self, id: &str, raw: bool) -> Result<Option<StoredArticle>, SearchError> {
        let Some(address) = self.address_of(id)? else {
            return Ok(None);
        };
        Ok(Some(self.article_at(&self.reader.searcher(), address, raw)?))
    }

    /// Whether an article with this id is in the index.
    pub fn contains(&self, id: &str) -> Result<bool, SearchError> {
        Ok(self.address_of(id)?.is_some())
    }

    /// Where the article with this id is.
    pub(crate) fn address_of(&self, id: &str) -> Result<Option<tantivy::DocAddress>, SearchError> {
        use tantivy::collector::TopDocs;
        use tantivy::query::TermQuery;
        let query = TermQuery::new(
            tantivy::Term::from_field_text(self.fields.id, id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let top = self
            .reader
            .searcher()
            .search(&query, &TopDocs::with_limit(1).order_by_score())?;
        Ok(top.first().map(|(_, a)| *a))
    }

    /// The stored article at `address` (what `get`, search hits, related
    /// articles and duplicate groups show); with `raw`, also its
    /// boilerplate.
    pub(crate) fn article_at(
        &self,
        searcher: &tantivy::Searcher,
        address: tantivy::DocAddress,
        raw: bool,
    ) -> Result<StoredArticle, SearchError> {
        let doc: tantivy::TantivyDocument = searcher.doc(address)?;
        let text = |field| -> Option<String> {
            use tantivy::schema::Value;
            doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
        };
        Ok(StoredArticle {
            meta: ArticleMeta {
                id: text(self.fields.id).unwrap_or_default(),
                path: text(self.fields.path).unwrap_or_default(),
                title: text(self.fields.title).unwrap_or_default(),
                lang: text(self.fields.lang).unwrap_or_default(),
                date: text(self.fields.date),
                source: text(self.fields.source),
                author: text(self.fields.author),
            },
            body: text(self.fields.body).unwrap_or_default(),
            boilerplate: raw.then(|| text(self.fields.boilerplate).unwrap_or_default()),
        })
    }
}

/// The first string of a document in a string fast column (`id`, `lang`),
/// or "" when it has none.
pub(crate) fn first_str(
    column: Option<&tantivy::columnar::StrColumn>,
    doc: tantivy::DocId,
) -> std::io::Result<String> {
    let mut out = String::new();
    if let Some(column) = column {
        if let Some(ord) = column.term_ords(doc).next() {
            column.ord_to_str(ord, &mut out)?;
        }
    }
    Ok(out)
}

/// The ids of the articles at `addresses`, in their order, each segment's
/// `id` column opened once; an error reading a column is `io`'s.
pub(crate) fn ids_at<E: From<tantivy::TantivyError>>(
    searcher: &tantivy::Searcher,
    addresses: &[tantivy::DocAddress],
    io: impl Fn(std::io::Error) -> E,
) -> Result<Vec<String>, E> {
    let mut columns = std::collections::HashMap::new();
    let mut ids = Vec::with_capacity(addresses.len());
    for address in addresses {
        let segment = address.segment_ord;
        if let std::collections::hash_map::Entry::Vacant(e) = columns.entry(segment) {
            e.insert(searcher.segment_reader(segment).fast_fields().str("id")?);
        }
        ids.push(first_str(columns[&segment].as_ref(), address.doc_id).map_err(&io)?);
    }
    Ok(ids)
}

/// The analysed lexicon kept in the index folder (see [`Fihris::lexicon`]).
pub(crate) const LEXICON_CACHE: &str = "fihris-lexicon.cache";

/// Prepares the read side for an index just committed with `stemmer`:
/// writes the analysed cross-lingual lexicon beside it (atomically: a
/// reader sees the old file or the new one), so that the first search does
/// not analyse it. Failing to write it only costs time later, so errors are
/// ignored, and a part written (on a full disk) is removed.
pub fn refresh_caches(dir: &Path, stemmer: fihris_normalize::Stemmer) {
    let mut stem = fihris_normalize::stem_analyzer(stemmer);
    let lexicon = crosslingual::Lexicon::bundled(&mut stem);
    let tmp = dir.join(format!("{LEXICON_CACHE}.tmp"));
    let written = std::fs::write(&tmp, lexicon.to_cache(stemmer.name()))
        .and_then(|()| std::fs::rename(&tmp, dir.join(LEXICON_CACHE)));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// A [`SearchError`] for a file-system error on the index folder.
pub(crate) fn io_error(path: &Path, error: std::io::Error) -> SearchError {
    SearchError::Index(fihris_index::io_error(path, error))
}
