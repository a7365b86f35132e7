//! Errors of the search crate: lowercase one-line fragments.

use std::path::PathBuf;

/// What can go wrong opening or querying an index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Opening the index failed (missing, foreign, another version, a
    /// file-system error).
    #[error(transparent)]
    Index(#[from] fihris_index::IndexError),
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
    /// A file given to `related` could not be read.
    #[error(transparent)]
    Ingest(#[from] fihris_ingest::IngestError),
    /// An error inside tantivy (its text is part of the message, so it is
    /// not also the error's source: a chain would print it twice).
    #[error("index error: {0}")]
    Tantivy(tantivy::TantivyError),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(error: tantivy::TantivyError) -> SearchError {
        SearchError::Tantivy(error)
    }
}
