//! Errors of the search crate: lowercase one-line fragments.

use std::path::PathBuf;

use fihris_ingest::io_reason;

/// What can go wrong opening, building or querying an index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// No index at the given location.
    #[error("no index at {}: run `fihris index` first", .0.display())]
    NotFound(PathBuf),
    /// The folder exists but holds something else than a fihris index.
    #[error("{} is not a fihris index (refusing to touch it)", .0.display())]
    NotAnIndex(PathBuf),
    /// The index was built by an incompatible version of fihris.
    #[error("the index at {} was built by another version of fihris ({found}); rebuild it with `fihris index`", path.display())]
    Incompatible {
        /// The index folder.
        path: PathBuf,
        /// What the index says about itself.
        found: String,
    },
    /// Another process is writing to the index.
    #[error("another fihris process{} is writing to the index at {}; try again when it is done", pid.map(|p| format!(" (pid {p})")).unwrap_or_default(), path.display())]
    Locked {
        /// The index folder.
        path: PathBuf,
        /// The other process, if it said.
        pid: Option<u32>,
    },
    /// `related` was given something that is neither an indexed id nor a
    /// file.
    #[error("no article {0:?} in the index, and no file of that name")]
    UnknownArticle(String),
    /// A file given to `related` that cannot be used.
    #[error("cannot use {}: {reason}", path.display())]
    Article {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The query could not be parsed.
    #[error("invalid query: {0}")]
    Query(String),
    /// A query set with a bad line.
    #[error("cannot read queries {}:{line}: {reason}", path.display())]
    Queries {
        /// The query file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// Why.
        reason: String,
    },
    /// A root folder or file could not be read at all.
    #[error(transparent)]
    Ingest(#[from] fihris_ingest::IngestError),
    /// A file-system error on the index folder.
    #[error("cannot use index folder {}: {}", path.display(), io_reason(error))]
    Io {
        /// The index folder or file.
        path: PathBuf,
        /// The underlying error (its text is part of the message).
        error: std::io::Error,
    },
    /// A query set that cannot be read.
    #[error("cannot read queries {}: {}", path.display(), io_reason(error))]
    QueriesUnreadable {
        /// The query file.
        path: PathBuf,
        /// The underlying error (its text is part of the message).
        error: std::io::Error,
    },
    /// An error inside tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
