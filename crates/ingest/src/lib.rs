//! Reading press articles from files: walking folders, decoding, formats and
//! metadata.
//!
//! Formats: `.txt` (first non-empty line is the title, then optional date
//! and source header lines), `.html`/`.htm` (title, body text without markup,
//! scripts, styles, menus and footers; date and publisher from the page's
//! metadata), `.jsonl` and `.json` records with the fields `id`, `title`,
//! `body`, `lang`, `date`, `source` (the format of fihris's evaluation data).
//! Text must be UTF-8 (a BOM is allowed); anything else is reported, never
//! indexed as garbage. All text comes out NFC.
//!
//! Entry points: [`collect_files`] walks the roots a user gave,
//! [`read_file`] turns one file into [`Article`]s and per-record problems.
//! Nothing here prints: problems are returned as [`Skipped`] values with a
//! one-line reason.
//!
//! This crate does not index anything (`fihris-search`) or analyse words
//! (`fihris-normalize`).

pub mod date;
mod decode;
mod error;
mod html;
mod json;
mod text;
mod walk;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use fihris_lang::Lang;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

pub use date::Date;
pub use decode::decode_utf8;
pub use error::IngestError;
pub use walk::{collect_files, collect_files_excluding, FileEntry, Format};

/// One article, ready to index.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable identifier: the file's path relative to the root it was found
    /// under (with `/` separators), or a record's own `id`, or
    /// `file.jsonl#LINE`.
    pub id: String,
    /// The file the article was read from, as reached from the root given.
    pub path: PathBuf,
    /// The line of the record, for an article of a `.jsonl` file.
    pub line: Option<usize>,
    /// Headline (may be empty when the file has none).
    pub title: String,
    /// Article text, paragraphs separated by a blank line.
    pub body: String,
    /// Language of the article: given by the record, or detected.
    pub lang: Lang,
    /// Publication date, only when the file states one.
    pub date: Option<Date>,
    /// Publisher, only when the file states one.
    pub source: Option<String>,
}

/// Something that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file (for a record: the file holding it).
    pub path: PathBuf,
    /// Line number of the record in a `.jsonl` file, if the problem is one
    /// record's.
    pub line: Option<usize>,
    /// Lowercase one-line reason ("not UTF-8: invalid byte at offset 120").
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

/// What reading one file gave: its articles, and the records that could not
/// be used (a `.jsonl` file with one bad line still gives all the others).
#[derive(Debug, Default)]
pub struct FileArticles {
    /// The articles read.
    pub articles: Vec<Article>,
    /// Records of the file that were skipped, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Reads one file into articles. An error means nothing of the file could
/// be used; per-record problems are in [`FileArticles::skipped`].
pub fn read_file(entry: &FileEntry) -> Result<FileArticles, IngestError> {
    let bytes = std::fs::read(&entry.path).map_err(|error| IngestError::Read {
        path: entry.path.clone(),
        error,
    })?;
    read_bytes(entry, &bytes)
}

/// Like [`read_file`], for bytes already in memory.
pub fn read_bytes(entry: &FileEntry, bytes: &[u8]) -> Result<FileArticles, IngestError> {
    let text = decode_utf8(bytes).map_err(|reason| IngestError::Decode {
        path: entry.path.clone(),
        reason,
    })?;
    let text = nfc(text);
    match entry.format {
        Format::Text => Ok(one(entry, text::parse(&text))),
        Format::Html => Ok(one(entry, html::parse(&text))),
        Format::JsonLines => Ok(json::parse_lines(entry, &text)),
        Format::Json => json::parse_document(entry, &text),
    }
}

/// The fields a format parser found in a single-article file.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub title: String,
    pub body: String,
    pub date: Option<Date>,
    pub source: Option<String>,
    /// A language declared by the file (`<html lang>`), used only when
    /// detection cannot tell.
    pub declared_lang: Option<Lang>,
}

fn one(entry: &FileEntry, parsed: Parsed) -> FileArticles {
    if parsed.title.trim().is_empty() && parsed.body.trim().is_empty() {
        return FileArticles {
            articles: Vec::new(),
            skipped: vec![Skipped {
                path: entry.path.clone(),
                line: None,
                reason: "no text".to_string(),
            }],
        };
    }
    let lang = language_of(&parsed.title, &parsed.body, parsed.declared_lang);
    FileArticles {
        articles: vec![Article {
            id: entry.id.clone(),
            path: entry.path.clone(),
            line: None,
            title: parsed.title,
            body: parsed.body,
            lang,
            date: parsed.date,
            source: parsed.source,
        }],
        skipped: Vec::new(),
    }
}

/// Detected language of an article, falling back to a declared one when
/// detection cannot tell.
pub(crate) fn language_of(title: &str, body: &str, declared: Option<Lang>) -> Lang {
    let mut text = String::with_capacity(title.len() + body.len() + 1);
    text.push_str(title);
    text.push('\n');
    // Detection needs a few hundred words at most.
    let mut end = body.len().min(4000);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    text.push_str(&body[..end]);
    match fihris_lang::detect(&text) {
        Lang::Und => declared.unwrap_or(Lang::Und),
        lang => lang,
    }
}

/// Unicode NFC without copying text that is already NFC.
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// The id of a file: its path relative to `root` with `/` separators.
pub(crate) fn relative_id(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Collapses runs of whitespace inside a line into one space and trims it.
pub(crate) fn squeeze_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
