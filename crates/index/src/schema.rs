//! The index schema and the metadata fihris keeps with each commit.
//!
//! Fields:
//! - `id` (raw, stored): the article's id; unique in an index.
//! - `path` (stored): the file the article came from.
//! - `title`, `body` (exact analyzer, positions, stored): normalized,
//!   unstemmed words, for phrases and names.
//! - `title_stem`, `body_stem` (stemmed analyzer, positions, not stored):
//!   stopwords removed and words stemmed, for ranking.
//! - `title_forms`, `body_forms` (written-forms analyzer, documents only:
//!   no frequencies, no positions, not stored): words as written, Latin
//!   accents and Arabic ة kept; what decides whether an article matches a
//!   word (see `build_query.rs` and `fihris_normalize::inflection`).
//! - `lang` (raw, stored, fast): "fr", "ar", another code or "und".
//! - `date` (stored): "YYYY-MM-DD"; `day` (i64, indexed, fast): days since
//!   1970-01-01, only for dated articles, for range filters and sorting.
//! - `source` (exact analyzer, stored): the publisher; `source_key` (raw,
//!   fast): the same string whole, for counting by source.
//! - `author` (exact analyzer, stored): the writer(s); `author_key` (raw,
//!   fast): the same string whole, for counting by author.
//! - `boilerplate` (stored only): text removed from the body as page
//!   furniture (teasers, sharing, copyright), never searched.
//! - `minhash` (u64, fast, multi-valued): the body's MinHash signature,
//!   eight 8-bit slots per value (see `minhash.rs`), for near-duplicates.
//! - `file` (raw, fast), `file_size`, `file_mtime`, `file_hash` (fast): the
//!   file an article came from and its fingerprint, for incremental sync.
//!
//! [`SCHEMA_VERSION`] changes whenever the fields or the analyzers change in
//! a way that makes an old index give wrong answers; an index whose commit
//! payload names another version is refused with a request to rebuild.

use fihris_normalize::Stemmer;
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

/// Version of the reading of files (formats, boilerplate, metadata): a sync
/// by a fihris whose reading changed rebuilds from scratch, since unchanged
/// files would otherwise keep articles read the old way. Stored in every
/// commit. 3: mojibake in JSON repaired per field, escapes included. 4:
/// Markdown read by a CommonMark parser (pulldown-cmark). 5: web pages'
/// dates from JSON-LD and the page's own time stamps, English and German
/// month names, "Publié le" lines below a text page's masthead; a web
/// page's article is its longest `<article>` (or its densest block of
/// paragraphs), without furniture. 6: datelines; text pages saved with
/// their site's furniture read as pages (headline, date and source below
/// the masthead, article = densest run of prose); "Headline | Site";
/// teasers anywhere, repeated paragraphs and readers' comments removed;
/// web pages' dates as the publisher's calendar day (a UTC stamp yields to
/// a local writing), from more places (datelines by the title, publication
/// cues, bylines, canonical date paths), ambiguous numeric dates refused on
/// English and undeclared pages; authors (bylines, signatures, the page's
/// and the record's author), "Par X" told a person from a publisher; a
/// web page's article holds a quarter of its prose, and loses link lists,
/// captions, author, date and tag blocks and trailing headings, keeps
/// furniture holding half its prose and its lead set apart, reads a
/// "teaser" without links, and loses fact boxes, calls to action, licence
/// notices, embeds, headings of link lists and its short lines above the
/// title and at its end; web pages declared UTF-8 with a stray byte are
/// read, not refused; web pages' generic date metas after the article's
/// own stamps, a metadata date shown nowhere yielding to a confirmed
/// dateline, blog posts in "widget" blocks, two-digit years in stamps, a
/// wiki's last edit as the last resort. 7: a text page's article loses
/// the prose beyond a gap of furniture that shares too few of its words
/// (an author's box, a comment policy, another story); web pages nested
/// more than 1024 levels deep refused.
pub const INGEST_VERSION: u32 = 7;

/// Version of the schema and analysis; stored in every commit. 8:
/// near-duplicate signatures with 8-bit slots. 9: the written-forms fields
/// that decide matching. 10: the `author` and `author_key` fields. 11: the
/// dictionaries of string fast fields in plain blocks, not zstd (tantivy
/// without `columnar-zstd-compression` cannot read the older ones).
pub const SCHEMA_VERSION: u32 = 11;

/// Handles on the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub title: Field,
    pub body: Field,
    pub title_stem: Field,
    pub body_stem: Field,
    pub title_forms: Field,
    pub body_forms: Field,
    pub lang: Field,
    pub date: Field,
    pub day: Field,
    pub source: Field,
    pub source_key: Field,
    pub author: Field,
    pub author_key: Field,
    pub file: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    pub boilerplate: Field,
    pub minhash: Field,
}

impl Fields {
    /// The schema, and handles on its fields.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(fihris_normalize::EXACT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let stemmed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(fihris_normalize::STEM)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let forms = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(fihris_normalize::FORMS)
                .set_index_option(IndexRecordOption::Basic),
        );
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED | FAST),
            path: b.add_text_field("path", STORED),
            title: b.add_text_field("title", text.clone()),
            body: b.add_text_field("body", text.clone()),
            title_stem: b.add_text_field("title_stem", stemmed.clone()),
            body_stem: b.add_text_field("body_stem", stemmed),
            title_forms: b.add_text_field("title_forms", forms.clone()),
            body_forms: b.add_text_field("body_forms", forms),
            lang: b.add_text_field("lang", STRING | STORED | FAST),
            date: b.add_text_field("date", STORED),
            day: b.add_i64_field("day", NumericOptions::default().set_indexed().set_fast()),
            source: b.add_text_field("source", text.clone()),
            source_key: b.add_text_field("source_key", STRING | FAST),
            author: b.add_text_field("author", text),
            author_key: b.add_text_field("author_key", STRING | FAST),
            file: b.add_text_field("file", STRING | FAST),
            file_size: b.add_u64_field("file_size", FAST),
            file_mtime: b.add_i64_field("file_mtime", FAST),
            file_hash: b.add_u64_field("file_hash", FAST),
            boilerplate: b.add_text_field("boilerplate", STORED),
            minhash: b.add_u64_field("minhash", FAST),
        };
        (b.build(), fields)
    }

    /// Handles on the fields of an existing index's schema, if it has them
    /// all with the expected names.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: f("id")?,
            path: f("path")?,
            title: f("title")?,
            body: f("body")?,
            title_stem: f("title_stem")?,
            body_stem: f("body_stem")?,
            title_forms: f("title_forms")?,
            body_forms: f("body_forms")?,
            lang: f("lang")?,
            date: f("date")?,
            day: f("day")?,
            source: f("source")?,
            source_key: f("source_key")?,
            author: f("author")?,
            author_key: f("author_key")?,
            file: f("file")?,
            file_size: f("file_size")?,
            file_mtime: f("file_mtime")?,
            file_hash: f("file_hash")?,
            boilerplate: f("boilerplate")?,
            minhash: f("minhash")?,
        })
    }
}

/// What fihris stores in each commit's payload. Fields added after the
/// first version have defaults, so that an older index is still recognised
/// as fihris's (and refused as outdated rather than as foreign).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CommitInfo {
    /// Always "fihris": tells a fihris index from another tantivy index.
    pub tool: String,
    /// [`SCHEMA_VERSION`] of the fihris that wrote the commit.
    pub schema_version: u32,
    /// The roots the index was built from, as given.
    #[serde(default)]
    pub roots: Vec<String>,
    /// Whether the walk followed symbolic links out of the roots
    /// (`fihris index --follow`): `status` walks the roots the same way.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub follow: bool,
    /// When the commit was made, seconds since the Unix epoch.
    #[serde(default)]
    pub committed_at: u64,
    /// Number of articles in the index after the commit.
    #[serde(default)]
    pub articles: u64,
    /// The stemmer of the stemmed fields (see `fihris_normalize::Stemmer`).
    #[serde(default)]
    pub stemmer: String,
    /// [`INGEST_VERSION`] of the fihris that wrote the commit.
    #[serde(default)]
    pub ingest_version: u32,
    /// Files read at the last sync that gave no article (every record
    /// skipped, or no text): no document carries their fingerprint, so it is
    /// kept here, and they are not read again until they change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub empty_files: Vec<FileStamp>,
    /// Files some of whose articles were left out because their id was
    /// taken: read again whenever another file changes, since the id may be
    /// free now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicate_files: Vec<String>,
    /// Files whose modification time changed but not their bytes (a copy, a
    /// checkout): their new stamp, so that they are not read again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touched_files: Vec<FileStamp>,
}

/// The fingerprint of a file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileStamp {
    /// The file, as walked.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, nanoseconds since the epoch.
    pub mtime: i64,
    /// The hash of its bytes.
    pub hash: u64,
}

impl CommitInfo {
    /// The stemmer the index was built with.
    pub fn stemmer(&self) -> Stemmer {
        Stemmer::from_name(&self.stemmer).unwrap_or_default()
    }
}

impl CommitInfo {
    pub(crate) const TOOL: &'static str = "fihris";
}
