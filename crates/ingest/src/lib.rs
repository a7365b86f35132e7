//! Reading press articles from files: walking folders, decoding, formats and
//! metadata.
//!
//! Formats: `.txt` (first non-empty line is the title, then optional date,
//! source and byline header lines; a page saved as text, with its site's
//! menus and footer, is read as a page by `text_page.rs`), `.md` (Markdown made plain, then read
//! like `.txt`; the title is the first `# heading`), `.html`/`.htm` (title,
//! body text without markup, scripts, styles, menus and footers; date,
//! publisher and author from the page's metadata), `.jsonl` and `.json`
//! records with the fields `id`, `title`, `body`, `lang`, `date`, `source`,
//! `author` (the format of fihris's evaluation data, plus `author`).
//! Bylines and signatures are told from publishers by `byline.rs`. Any of
//! them may be gzip-compressed (`a.jsonl.gz`). In a file of one article, a
//! dateline opening the body ("ORAN, 15 jan. 2019 (APS) –") dates the
//! article and names its agency when the file does not (`dateline.rs`);
//! every body, records' too, loses its boilerplate ([`boilerplate`]).
//!
//! Encodings: UTF-8 (mojibake in it is repaired) and UTF-16 with a BOM;
//! text and HTML files may also be in the code pages of Arabic
//! (Windows-1256, ISO-8859-6) and French (Windows-1252/ISO-8859-1,
//! ISO-8859-15) press, detected with confidence or refused, never indexed as
//! garbage ([`FileArticles::encoding`] says which). All text comes out NFC.
//! Empty, binary, oversized ([`ReadOptions::max_bytes`]) and corrupt
//! compressed files are errors with a one-line reason; nothing panics. An
//! article larger than [`ReadOptions::max_article_bytes`] is skipped before
//! its text is copied: an article costs several times its size in memory
//! while parsed and indexed, a file only once.
//!
//! Entry points: [`collect_files`] walks the roots a user gave, a
//! [`Reader`] (with its [`ReadOptions`]) turns one file into [`Article`]s
//! and per-record problems, read whole or in parts as it decides. Nothing
//! here prints: problems are returned as [`Skipped`] values or [`IngestError`]s with a
//! one-line reason.
//!
//! This crate does not index anything (`fihris-index`) or analyse words
//! (`fihris-normalize`).

pub mod boilerplate;
mod byline;
pub mod date;
mod dateline;
mod decode;
mod error;
mod html;
mod html_author;
mod html_date;
mod html_depth;
mod json;
mod markdown;
mod mojibake;
mod reader;
mod stream;
mod text;
mod text_page;
mod walk;

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use fihris_lang::Lang;

pub use date::Date;
pub use decode::decode_utf8;
pub use error::{io_reason, IngestError};
pub use reader::{Opened, Reader};
pub use stream::{content_hash, file_hash};
pub use walk::{collect_files, walk_roots, Compression, FileEntry, Format, WalkOptions, Walked};

use decode::Container;

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
    /// Article text, paragraphs separated by a blank line, without the
    /// page's boilerplate (see [`boilerplate`]).
    pub body: String,
    /// The boilerplate removed from the body (teasers for other articles,
    /// sharing and copyright lines): kept out of the index's searchable
    /// text, available to `fihris show --raw`.
    pub boilerplate: String,
    /// Language of the article: given by the record, or detected.
    pub lang: Lang,
    /// Publication date, only when the file states one.
    pub date: Option<Date>,
    /// Publisher, only when the file states one.
    pub source: Option<String>,
    /// Writer(s), only when the file names them: a byline, a signature,
    /// the page's or the record's author.
    pub author: Option<String>,
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
    /// The encoding the file was decoded from, when it was not UTF-8:
    /// "UTF-16LE", "UTF-16BE", "windows-1256", "ISO-8859-6",
    /// "windows-1252" (also for ISO-8859-1), "ISO-8859-15", or another
    /// encoding an HTML page declared.
    pub encoding: Option<&'static str>,
    /// How many mojibake sequences ("Ã©" for "é") and stray C1 controls
    /// ("\u{80}" for "€") were repaired in UTF-8 or UTF-16 text.
    pub mojibake_repairs: usize,
}

/// Limits for reading one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest file read, in bytes; for a compressed file, the largest
    /// decompressed size. Larger files are refused with
    /// [`IngestError::TooLarge`] without being read whole.
    pub max_bytes: u64,
    /// Largest article, in bytes of text: its title and body (for a `.txt`
    /// or `.md` file, its whole text). A larger article is skipped with
    /// [`IngestError::ArticleTooLarge`] (a file of one article) or as a
    /// skipped record, before its text is copied for parsing. A file of one
    /// article (`.txt`, `.md`, `.html`) or a JSON Lines record more than
    /// [`ReadOptions::HOLDER_FACTOR`] times larger is skipped unread.
    pub max_article_bytes: u64,
}

impl ReadOptions {
    /// The default cap: 1 GiB. A single article never comes near it, but a
    /// JSON Lines export of a whole collection can (the 33,913 French
    /// evaluation articles take 76 MiB); files are read whole, so the cap
    /// also bounds memory.
    pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

    /// The default cap of one article: 16 MiB, a hundred times the longest
    /// press article (a long report is 100 KiB); a whole novel fits. An
    /// article costs about 7 to 10 times its size in memory while it is
    /// indexed (tantivy's document holds it three times, its stored fields
    /// are serialized whole): at most about 175 MB for the whole build
    /// (BENCHMARKS.md, "Hostile files and arguments"), whatever the files.
    pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 16 << 20;

    /// How much larger than [`ReadOptions::max_article_bytes`] a file of one
    /// article or a JSON Lines record may be: room for markup (a page with
    /// images inlined), other fields and JSON escapes (`\u0627`, six bytes
    /// for a letter of two).
    pub const HOLDER_FACTOR: u64 = 4;

    /// The largest file of one article, or JSON Lines record, read.
    pub fn max_holder_bytes(&self) -> u64 {
        self.max_article_bytes.saturating_mul(ReadOptions::HOLDER_FACTOR)
    }

    /// The largest file read for `entry` (decompressed): the file cap, and
    /// for a file of one article, [`ReadOptions::max_holder_bytes`] too.
    fn file_cap(&self, entry: &FileEntry) -> u64 {
        if entry.format.one_article() {
            self.max_bytes.min(self.max_holder_bytes())
        } else {
            self.max_bytes
        }
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: ReadOptions::DEFAULT_MAX_BYTES,
            max_article_bytes: ReadOptions::DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// Reads one file into articles. An error means nothing of the file could
/// be used; per-record problems are in [`FileArticles::skipped`].
#[cfg(test)]
pub(crate) fn read_file(entry: &FileEntry) -> Result<FileArticles, IngestError> {
    read_file_with(entry, &ReadOptions::default())
}

/// Like [`read_file`], with limits. The size is checked on the file's
/// metadata before reading, and again while reading (a file may grow).
pub(crate) fn read_file_with(entry: &FileEntry, options: &ReadOptions) -> Result<FileArticles, IngestError> {
    read_bytes_with(entry, &read_capped(entry, options)?, options)
}

/// The bytes of a file (compressed, for a `.gz` entry), refused without
/// reading when it is over the cap, and read no further than one byte past
/// it (a file may grow; [`read_bytes_with`] refuses it then).
pub(crate) fn read_capped(entry: &FileEntry, options: &ReadOptions) -> Result<Vec<u8>, IngestError> {
    let (file, size) = open_capped(entry, options)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(options.file_cap(entry).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| IngestError::Read {
            path: entry.path.clone(),
            error,
        })?;
    Ok(bytes)
}

/// The file of `entry`, open, and its size; refused without reading when it
/// is over the cap.
pub(crate) fn open_capped(
    entry: &FileEntry,
    options: &ReadOptions,
) -> Result<(std::fs::File, u64), IngestError> {
    let read_error = |error| IngestError::Read {
        path: entry.path.clone(),
        error,
    };
    let file = open_regular(&entry.path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    if size > options.file_cap(entry) {
        return Err(too_large(entry, Some(size), options));
    }
    Ok((file, size))
}

/// Opens a regular file for reading, refusing anything else with an error
/// saying what it is ("not a regular file (named pipe)"). The file is
/// opened without blocking, so that a named pipe put in a file's place
/// after the walk is refused, not waited on forever for a writer.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not a regular file ({})", walk::kind_name(kind)),
        ));
    }
    Ok(file)
}

/// Like [`read_file`], for bytes already in memory (compressed, for a
/// `.gz` entry).
#[cfg(test)]
pub(crate) fn read_bytes(entry: &FileEntry, bytes: &[u8]) -> Result<FileArticles, IngestError> {
    read_bytes_with(entry, bytes, &ReadOptions::default())
}

/// Like [`read_file_with`], for bytes already in memory.
pub(crate) fn read_bytes_with(
    entry: &FileEntry,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<FileArticles, IngestError> {
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > options.file_cap(entry) {
        return Err(too_large(entry, Some(len), options));
    }
    match entry.compression {
        Compression::None => parse_bytes(entry, bytes, options),
        Compression::Gzip => {
            if bytes.is_empty() {
                return Err(IngestError::Empty {
                    path: entry.path.clone(),
                });
            }
            let inflated = gunzip(entry, bytes, options)?;
            parse_bytes(entry, &inflated, options)
        }
    }
}

/// Like [`read_bytes_with`], handing the articles to `sink` in parts, in
/// file order: a JSON Lines file in parts of at most `records` records
/// (each part parsed on every core), so that the articles of a large file
/// are never all in memory at once; any other file in one part. Every part
/// carries the file's encoding and the mojibake repairs of its own
/// articles. Nothing is handed over when the file cannot be read.
pub(crate) fn read_bytes_in_parts(
    entry: &FileEntry,
    bytes: &[u8],
    options: &ReadOptions,
    records: usize,
    sink: &mut dyn FnMut(FileArticles),
) -> Result<(), IngestError> {
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > options.max_bytes {
        return Err(too_large(entry, Some(len), options));
    }
    if entry.format != Format::JsonLines {
        sink(read_bytes_with(entry, bytes, options)?);
        return Ok(());
    }
    let inflated;
    let bytes = match entry.compression {
        Compression::None => bytes,
        Compression::Gzip => {
            if bytes.is_empty() {
                return Err(IngestError::Empty {
                    path: entry.path.clone(),
                });
            }
            inflated = gunzip(entry, bytes, options)?;
            &inflated
        }
    };
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: entry.path.clone(),
        });
    }
    let decoded = decode::decode(bytes, Container::Json).map_err(|reason| IngestError::Decode {
        path: entry.path.clone(),
        reason,
    })?;
    let mut file_repairs = decoded.mojibake_repairs;
    json::parse_lines_in_parts(entry, &decoded.text, options, records, &mut |mut part| {
        part.encoding = decoded.encoding;
        part.mojibake_repairs += std::mem::take(&mut file_repairs);
        sink(part);
    });
    Ok(())
}

/// The error for a file over its cap (see [`ReadOptions::file_cap`]), of
/// `size` bytes when known (decompressed data is not read past the cap).
fn too_large(entry: &FileEntry, size: Option<u64>, options: &ReadOptions) -> IngestError {
    let cap = options.file_cap(entry);
    if cap < options.max_bytes {
        IngestError::ArticleTooLarge {
            path: entry.path.clone(),
            reason: error::holder_too_large(error::Holder::File, size, cap),
        }
    } else {
        IngestError::TooLarge {
            path: entry.path.clone(),
            size,
            cap,
        }
    }
}

/// Decompresses gzip data (all members), stopping past the cap.
fn gunzip(entry: &FileEntry, bytes: &[u8], options: &ReadOptions) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let cap = options.file_cap(entry);
    match decoder.take(cap.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) => {}
        Err(error) => {
            let detail = error::io_reason(&error);
            let detail = detail.strip_prefix("corrupt ").unwrap_or(&detail);
            return Err(IngestError::Decode {
                path: entry.path.clone(),
                reason: format!("corrupt gzip data: {detail}"),
            });
        }
    }
    if u64::try_from(out.len()).unwrap_or(u64::MAX) > cap {
        return Err(too_large(entry, None, options));
    }
    Ok(out)
}

/// Decodes and parses a file's (uncompressed) bytes.
fn parse_bytes(entry: &FileEntry, bytes: &[u8], options: &ReadOptions) -> Result<FileArticles, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: entry.path.clone(),
        });
    }
    let container = match entry.format {
        Format::Text | Format::Markdown => Container::Text,
        Format::Html => Container::Html,
        Format::JsonLines | Format::Json => Container::Json,
    };
    let decoded = decode::decode(bytes, container).map_err(|reason| IngestError::Decode {
        path: entry.path.clone(),
        reason,
    })?;
    // The text of a text file is its article: refused before any copy.
    if container == Container::Text {
        check_article(entry, decoded.text.len(), options)?;
    }
    // JSON is normalized field by field after parsing (an escape such as
    // "e\u0301" is only a combining mark once parsed); normalizing the whole
    // file first would copy it, on one thread, whenever one record holds a
    // combining mark.
    let text = match container {
        Container::Json => Cow::Borrowed(decoded.text.as_ref()),
        _ => fihris_lang::nfc(&decoded.text),
    };
    let mut out = match entry.format {
        Format::Text => one(entry, text::parse(&text), options)?,
        Format::Markdown => one(entry, markdown::parse(&text), options)?,
        Format::Html => {
            if html_depth::nests_deeper_than(&text, html_depth::MAX_DEPTH) {
                return Err(IngestError::Parse {
                    path: entry.path.clone(),
                    reason: format!("elements nested more than {} levels deep", html_depth::MAX_DEPTH),
                });
            }
            one(entry, html::parse(&text), options)?
        }
        Format::JsonLines => json::parse_lines(entry, &text, options),
        Format::Json => json::parse_document(entry, &text, options)?,
    };
    out.encoding = decoded.encoding;
    out.mojibake_repairs += decoded.mojibake_repairs;
    Ok(out)
}

/// The fields a format parser found in a single-article file.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub title: String,
    pub body: String,
    pub date: Option<Date>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// A language declared by the file (`<html lang>`), used only when
    /// detection cannot tell.
    pub declared_lang: Option<Lang>,
    /// Text of the file left out of the body before boilerplate removal
    /// (a saved page's menus and footer), kept for `fihris show --raw`.
    pub removed: String,
}

/// Refuses an article of `len` bytes of text over the cap.
fn check_article(entry: &FileEntry, len: usize, options: &ReadOptions) -> Result<(), IngestError> {
    let len = u64::try_from(len).unwrap_or(u64::MAX);
    if len > options.max_article_bytes {
        return Err(IngestError::ArticleTooLarge {
            path: entry.path.clone(),
            reason: error::article_too_large(len, options.max_article_bytes),
        });
    }
    Ok(())
}

fn one(entry: &FileEntry, mut parsed: Parsed, options: &ReadOptions) -> Result<FileArticles, IngestError> {
    check_article(entry, parsed.title.len() + parsed.body.len(), options)?;
    // The file was read in NFC, but an HTML or Markdown character
    // reference ("e&#x301;") is decoded after: the article's text is
    // normalized again (no copy when it is NFC already, as almost always).
    for text in [&mut parsed.title, &mut parsed.body, &mut parsed.removed]
        .into_iter()
        .chain(parsed.author.as_mut())
        .chain(parsed.source.as_mut())
    {
        if let Cow::Owned(normalized) = fihris_lang::nfc(text) {
            *text = normalized;
        }
    }
    if parsed.title.trim().is_empty() && parsed.body.trim().is_empty() {
        return Ok(FileArticles {
            skipped: vec![Skipped {
                path: entry.path.clone(),
                line: None,
                reason: "no text".to_string(),
            }],
            ..FileArticles::default()
        });
    }
    let (body, stripped) = boilerplate::strip(&parsed.body);
    let boilerplate = match (parsed.removed.is_empty(), stripped.is_empty()) {
        (true, _) => stripped,
        (false, true) => parsed.removed,
        (false, false) => format!("{}\n\n{stripped}", parsed.removed),
    };
    let lang = language_of(&parsed.title, &body, parsed.declared_lang);
    // A dateline opening the body dates the article and names its agency
    // when the file's own metadata does not.
    let (mut date, mut source) = (parsed.date, parsed.source);
    if date.is_none() || source.is_none() {
        if let Some(line) = dateline::dateline(&body, text::order_for(&lang)) {
            date = date.or(line.date);
            source = source.or(line.agency);
        }
    }
    Ok(FileArticles {
        articles: vec![Article {
            id: entry.id.clone(),
            path: entry.path.clone(),
            line: None,
            title: parsed.title,
            body,
            boilerplate,
            lang,
            date,
            source,
            author: parsed.author,
        }],
        ..FileArticles::default()
    })
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

/// The id of a file: its path relative to `root` with `/` separators.
pub(crate) fn relative_id(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Whether an article's title is its text's first words (a file that shows
/// no headline gets those, cut at a word and marked "…" when cut), as
/// `fihris show` says.
pub fn title_is_first_words(title: &str, body: &str) -> bool {
    let title = title.trim_end_matches('…').trim_end();
    !title.is_empty() && body.starts_with(title)
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

#[cfg(test)]
mod tests;
