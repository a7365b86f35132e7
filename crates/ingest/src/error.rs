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
    /// The file is empty (for a `.gz` file: empty once decompressed).
    #[error("cannot read {}: empty file", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than [`ReadOptions::max_bytes`](crate::ReadOptions).
    #[error("cannot read {}: {}", path.display(), too_large_reason(*size, *cap))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes, when known (a `.gz` file is not decompressed
        /// past the cap).
        size: Option<u64>,
        /// The cap in bytes.
        cap: u64,
    },
    /// The article of a file of one article is larger than
    /// [`ReadOptions::max_article_bytes`](crate::ReadOptions), or the file
    /// more than [`ReadOptions::HOLDER_FACTOR`](crate::ReadOptions) times
    /// larger.
    #[error("cannot read {}: {reason}", path.display())]
    ArticleTooLarge {
        /// The file.
        path: PathBuf,
        /// "article text too large (…)" or "file too large for one article (…)".
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
            | IngestError::Empty { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::ArticleTooLarge { path, .. }
            | IngestError::Parse { path, .. } => path,
        }
    }

    /// The reason alone, without the path.
    pub fn reason(&self) -> String {
        match self {
            IngestError::Root { error, .. } | IngestError::Read { error, .. } => io_reason(error),
            IngestError::Decode { reason, .. }
            | IngestError::Parse { reason, .. }
            | IngestError::ArticleTooLarge { reason, .. } => reason.clone(),
            IngestError::Empty { .. } => "empty file".to_string(),
            IngestError::TooLarge { size, cap, .. } => too_large_reason(*size, *cap),
        }
    }
}

/// "file too large (70 MiB > cap 64 MiB)", or for a compressed file whose
/// size is not known, "file too large (> 64 MiB decompressed, cap 64 MiB)".
fn too_large_reason(size: Option<u64>, cap: u64) -> String {
    match size {
        Some(size) => format!("file too large ({} > cap {})", human_size(size), human_size(cap)),
        None => format!(
            "file too large (> {} decompressed, cap {})",
            human_size(cap),
            human_size(cap)
        ),
    }
}

/// "article text too large (523.4 MiB > cap 16 MiB; see --max-article-size)":
/// an article's title and body (a text file's text) of `size` bytes.
pub(crate) fn article_too_large(size: u64, cap: u64) -> String {
    format!(
        "article text too large ({} > cap {}; see --max-article-size)",
        human_size(size),
        human_size(cap)
    )
}

/// What holds one article, skipped unread when too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
    /// A file of one article (`.txt`, `.md`, `.html`).
    File,
    /// A JSON Lines record.
    Record,
}

/// "record too large (900 MiB > cap 64 MiB, 4 times --max-article-size)",
/// "file too large for one article (…)", or, for a compressed file whose
/// size is not known (it is not decompressed past the cap), "file too
/// large for one article (> 64 MiB decompressed, cap 64 MiB, …)".
pub(crate) fn holder_too_large(holder: Holder, size: Option<u64>, cap: u64) -> String {
    let what = match holder {
        Holder::File => "file too large for one article",
        Holder::Record => "record too large",
    };
    let size = match size {
        Some(size) => format!("{} > cap", human_size(size)),
        None => format!("> {} decompressed, cap", human_size(cap)),
    };
    format!(
        "{what} ({size} {}, {} times --max-article-size)",
        human_size(cap),
        crate::ReadOptions::HOLDER_FACTOR
    )
}

/// A size in MiB (one decimal unless whole), KiB or bytes.
pub(crate) fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    let (unit, name) = if bytes >= MIB {
        (MIB, "MiB")
    } else if bytes >= KIB {
        (KIB, "KiB")
    } else {
        return format!("{bytes} bytes");
    };
    if bytes.is_multiple_of(unit) {
        format!("{} {name}", bytes / unit)
    } else {
        // Sizes are far below 2^53: the conversion is exact enough.
        #[allow(clippy::cast_precision_loss)]
        let value = bytes as f64 / unit as f64;
        format!("{value:.1} {name}")
    }
}

/// A lowercase description of an I/O error, without the "(os error N)" tail.
pub fn io_reason(err: &std::io::Error) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_reasons() {
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(70 * (1 << 20) + (1 << 19)), "70.5 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(12), "12 bytes");
        let err = IngestError::TooLarge {
            path: PathBuf::from("c/big.txt"),
            size: Some(70 << 20),
            cap: 64 << 20,
        };
        assert_eq!(err.reason(), "file too large (70 MiB > cap 64 MiB)");
        assert_eq!(
            err.to_string(),
            "cannot read c/big.txt: file too large (70 MiB > cap 64 MiB)"
        );
        let err = IngestError::TooLarge {
            path: PathBuf::from("c/big.txt.gz"),
            size: None,
            cap: 64 << 20,
        };
        assert_eq!(err.reason(), "file too large (> 64 MiB decompressed, cap 64 MiB)");
        let err = IngestError::Empty {
            path: PathBuf::from("c/e.txt"),
        };
        assert_eq!(err.to_string(), "cannot read c/e.txt: empty file");
        assert_eq!(err.reason(), "empty file");
    }
}
