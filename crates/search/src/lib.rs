//! The fihris index: building it from folders of articles, and answering
//! ranked queries with snippets.
//!
//! Entry points: [`build_index`] (re)builds an index from roots in one
//! atomic commit; [`Fihris::open`] opens one for reading and
//! [`Fihris::search`] answers a query. Every text field is analysed with the
//! analyzers of `fihris-normalize`, registered on each open.
//!
//! This crate never prints: it returns reports and hits, and the binary
//! formats them.

mod build;
mod build_query;
mod crosslingual;
mod dups;
mod error;
mod eval;
mod explain_match;
mod filters;
mod minhash;
pub mod query;
mod related;
mod schema;
mod scoring;
mod search;
mod stats;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

pub use build::{build_index, BuildOptions, BuildReport, Change, Progress};
pub use dups::{DupGroup, DupMember, DupsOptions, DEFAULT_THRESHOLD as DUPLICATE_THRESHOLD};
pub use error::SearchError;
pub use eval::{EvalOptions, EvalReport, KnownItem, Metrics};
pub use explain_match::{ExplainMatchOptions, FormCount, MatchExplanation};
pub use fihris_ingest::{Date, Skipped};
pub use fihris_lang::Lang;
pub use fihris_normalize::Stemmer;
pub use filters::{date_of_day, parse_date_bound, Filters, PeriodEnd};
pub use related::{RelatedHit, RelatedOptions, RelatedResults, RelatedSource, RelatedTo, SharedTerm};
pub use schema::{CommitInfo, SCHEMA_VERSION};
pub use search::{
    FieldScope, Hit, MatchMode, MatchedTerm, SearchOptions, SearchResults, Snippet, SortOrder, TITLE_BOOST,
};
pub use stats::{Stats, StatsBy, StatsOptions, UNDATED, UNKNOWN_SOURCE};

use schema::Fields;

/// What names and places an article: its id, file, title, language, date
/// and publisher. Search hits, related articles, near-duplicates and
/// stored articles all carry it (serialized inline).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
}

/// An article as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredArticle {
    /// Its id, file, title, language, date and publisher.
    #[serde(flatten)]
    pub meta: ArticleMeta,
    /// Its text, paragraphs separated by a blank line.
    pub body: String,
    /// With `raw`: the boilerplate removed from the text at indexing.
    #[serde(skip_serializing_if = "Option::is_none")]
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
        let index = match index_state(dir)? {
            IndexState::Current(index) => index,
            IndexState::Missing => return Err(SearchError::NotFound(dir.to_path_buf())),
            IndexState::Foreign => return Err(SearchError::NotAnIndex(dir.to_path_buf())),
            IndexState::Outdated => {
                return Err(SearchError::Incompatible {
                    path: dir.to_path_buf(),
                    found: describe_payload(dir),
                })
            }
        };
        let fields =
            Fields::from_schema(&index.schema()).ok_or_else(|| SearchError::NotAnIndex(dir.to_path_buf()))?;
        let info = commit_info(&index).ok_or_else(|| SearchError::NotFound(dir.to_path_buf()))?;
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

/// The analysed lexicon kept in the index folder (see [`Fihris::lexicon`]).
pub(crate) const LEXICON_CACHE: &str = "fihris-lexicon.cache";

/// Writes the lexicon cache of an index built with `stemmer` (atomically:
/// a reader sees the old file or the new one). Failing to write it only
/// costs time later, so errors are ignored.
pub(crate) fn write_lexicon_cache(dir: &Path, stemmer: fihris_normalize::Stemmer) {
    let mut stem = fihris_normalize::stem_analyzer(stemmer);
    let lexicon = crosslingual::Lexicon::bundled(&mut stem);
    let tmp = dir.join(format!("{LEXICON_CACHE}.tmp"));
    if std::fs::write(&tmp, lexicon.to_cache(stemmer.name())).is_ok() {
        let _ = std::fs::rename(&tmp, dir.join(LEXICON_CACHE));
    }
}

/// Whether `dir` holds a fihris index that [`Fihris::open`] can read.
pub fn index_exists(dir: &Path) -> bool {
    matches!(index_state(dir), Ok(IndexState::Current(_)))
}

/// What is at an index location.
pub(crate) enum IndexState {
    /// Nothing yet (no folder, an empty folder, or only a README).
    Missing,
    /// A fihris index of the current schema.
    Current(Index),
    /// A fihris index of another schema version.
    Outdated,
    /// Something else: never touched.
    Foreign,
}

/// Files that may sit in an index folder without being part of the index
/// (the repository keeps `index/README.md`).
pub(crate) fn is_placeholder(name: &OsStr) -> bool {
    matches!(name.to_str(), Some("README.md" | ".gitkeep"))
}

pub(crate) fn index_state(dir: &Path) -> Result<IndexState, SearchError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(IndexState::Missing),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Ok(IndexState::Foreign),
        Err(e) => return Err(io_error(dir, e)),
    };
    let mut has_meta = false;
    let mut has_other = false;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name();
        if name == "meta.json" {
            has_meta = true;
        } else if !is_placeholder(&name) {
            has_other = true;
        }
    }
    if !has_meta {
        return Ok(if has_other {
            IndexState::Foreign
        } else {
            IndexState::Missing
        });
    }
    let index = match Index::open_in_dir(dir) {
        Ok(index) => index,
        // A meta.json tantivy cannot read: ours only if it says so.
        Err(_) => {
            return Ok(if describe_payload(dir).starts_with("fihris") {
                IndexState::Outdated
            } else {
                IndexState::Foreign
            })
        }
    };
    let metas = index.load_metas()?;
    match metas.payload.as_deref().map(serde_json::from_str::<CommitInfo>) {
        Some(Ok(info)) if info.tool == CommitInfo::TOOL => {
            if info.schema_version == SCHEMA_VERSION && Fields::from_schema(&index.schema()).is_some() {
                fihris_normalize::register(index.tokenizers(), info.stemmer());
                Ok(IndexState::Current(index))
            } else {
                Ok(IndexState::Outdated)
            }
        }
        // Created, but killed before its first commit: an empty index of
        // ours if the schema is ours.
        None if metas.segments.is_empty() && Fields::from_schema(&index.schema()).is_some() => {
            if index.schema() == Fields::build().0 {
                fihris_normalize::register(index.tokenizers(), Default::default());
                Ok(IndexState::Current(index))
            } else {
                Ok(IndexState::Outdated)
            }
        }
        _ => Ok(IndexState::Foreign),
    }
}

pub(crate) fn commit_info_of(index: &Index) -> Option<CommitInfo> {
    commit_info(index)
}

fn commit_info(index: &Index) -> Option<CommitInfo> {
    let metas = index.load_metas().ok()?;
    match metas.payload {
        Some(p) => serde_json::from_str(&p).ok(),
        None => Some(CommitInfo {
            tool: CommitInfo::TOOL.to_string(),
            schema_version: SCHEMA_VERSION,
            roots: Vec::new(),
            committed_at: 0,
            articles: 0,
            stemmer: fihris_normalize::Stemmer::default().name().to_string(),
            ingest_version: schema::INGEST_VERSION,
            empty_files: Vec::new(),
            duplicate_files: Vec::new(),
            touched_files: Vec::new(),
        }),
    }
}

/// "fihris schema N" from a meta.json, read without tantivy.
fn describe_payload(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("meta.json")).unwrap_or_default();
    let payload = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("payload").and_then(|p| p.as_str()).map(str::to_string))
        .and_then(|p| serde_json::from_str::<CommitInfo>(&p).ok());
    match payload {
        Some(info) if info.tool == CommitInfo::TOOL => format!("fihris schema {}", info.schema_version),
        _ => "unknown".to_string(),
    }
}

pub(crate) fn io_error(path: &Path, error: std::io::Error) -> SearchError {
    SearchError::Io {
        path: path.to_path_buf(),
        error,
    }
}
