//! Errors of the index crate: lowercase one-line fragments.

use std::path::PathBuf;

use fihris_ingest::io_reason;

/// What can go wrong opening, building or syncing an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
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
    /// A file of the index could not be written (a full disk, a read-only
    /// file system): the first write that failed.
    #[error("cannot write {}: {}", path.display(), io_reason(error))]
    Write {
        /// The file (or the index folder).
        path: PathBuf,
        /// The underlying error (its text is part of the message).
        error: std::io::Error,
    },
    /// `fihris check` found the index damaged.
    #[error("the index at {} is damaged: {damage}; rebuild it with `fihris index --full`", path.display())]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// What is wrong.
        damage: crate::check::Damage,
    },
    /// An error inside tantivy (its text is part of the message, so it is
    /// not also the error's source: a chain would print it twice).
    #[error("index error: {0}")]
    Tantivy(tantivy::TantivyError),
}

impl From<tantivy::TantivyError> for IndexError {
    fn from(error: tantivy::TantivyError) -> IndexError {
        IndexError::Tantivy(error)
    }
}

/// An [`IndexError::Io`] on `path`.
pub fn io_error(path: &std::path::Path, error: std::io::Error) -> IndexError {
    IndexError::Io {
        path: path.to_path_buf(),
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tantivy_error_is_told_once() {
        let error = IndexError::from(tantivy::TantivyError::InternalError("disk full".to_string()));
        assert_eq!(error.to_string(), "index error: Internal error: 'disk full'");
        // anyhow's "{:#}" would print a source again.
        assert!(std::error::Error::source(&error).is_none());
    }
}
