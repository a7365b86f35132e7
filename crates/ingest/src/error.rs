//! Errors of the ingest crate. Messages are lowercase one-line fragments
//! that name the file and the reason.

use std::path::PathBuf;

/// Why a file or a root could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A root given by the user does not exist or cannot be listed.
    #[error("cannot read {}: {}", path.display(), io_reason(error))]
    Root {
        /// The root as given.
        path: PathBuf,
        /// The underlying error (its text is part of the message).
        error: std::io::Error,
    },
    /// The file could not be read.
    #[error("cannot read {}: {}", path.display(), io_reason(error))]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error (its text is part of the message).
        error: std::io::Error,
    },
    /// The file's bytes are not text fihris can decode.
    #[error("cannot decode {}: {reason}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why, e.g. "not UTF-8: invalid byte at offset 120".
        reason: String,
    },
    /// A `.json` file that is not valid JSON or not records.
    #[error("cannot parse {}: {reason}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl IngestError {
    /// The file (or root) the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            IngestError::Root { path, .. }
            | IngestError::Read { path, .. }
            | IngestError::Decode { path, .. }
            | IngestError::Parse { path, .. } => path,
        }
    }

    /// The reason alone, without the path.
    pub fn reason(&self) -> String {
        match self {
            IngestError::Root { error, .. } | IngestError::Read { error, .. } => io_reason(error),
            IngestError::Decode { reason, .. } | IngestError::Parse { reason, .. } => reason.clone(),
        }
    }
}

/// A lowercase description of an I/O error, without the "(os error N)" tail.
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
