//! Executing a sync plan: the planned files are read in walk order, a batch
//! at a time (each batch read, decoded and parsed on every core), so that
//! ids and reports do not depend on thread timing and only one batch's
//! articles are in memory; a large JSON Lines file is read alone, in parts.
//! Articles go to a [`Sink`]: the index writer, or, for a dry run, a count
//! per language. Nothing is committed here (see `sync.rs`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use fihris_ingest::{Article, FileEntry, ReadOptions, Reader, Skipped};
use rayon::prelude::*;
use tantivy::{doc, IndexWriter, TantivyDocument, Term};

use fihris_ingest::IngestError;

use crate::error::IndexError;
use crate::held::{IndexedFile, Stamp};
use crate::minhash::Signature;
use crate::plan::{Change, SyncPlan, ToRead};
use crate::schema::{Fields, FileStamp};
use crate::sync::BuildOptions;

/// Where the articles read go: the index writer, or, for a dry run, a
/// count per language.
pub(crate) enum Sink<'w> {
    Writer {
        writer: &'w mut IndexWriter,
        fields: Fields,
    },
    Count(BTreeMap<String, usize>),
}

impl Sink<'_> {
    fn add(&mut self, article: &Article, signature: &Signature, file: &FileIn) -> Result<(), IndexError> {
        match self {
            Sink::Writer { writer, fields } => {
                let mut d = to_document(fields, article);
                for value in signature.to_values() {
                    d.add_u64(fields.minhash, value);
                }
                d.add_text(fields.file, &file.key);
                d.add_u64(fields.file_size, file.size);
                d.add_i64(fields.file_mtime, file.mtime);
                d.add_u64(fields.file_hash, file.hash);
                writer.add_document(d)?;
            }
            Sink::Count(langs) => *langs.entry(article.lang.code().to_string()).or_default() += 1,
        }
        Ok(())
    }

    /// Deletes the indexed articles of the file `key`.
    pub(crate) fn delete_file(&mut self, key: &str) {
        if let Sink::Writer { writer, fields } = self {
            writer.delete_term(Term::from_field_text(fields.file, key));
        }
    }
}

/// What executing a plan gave.
#[derive(Default)]
pub(crate) struct Executed {
    /// Files added, changed or removed (a changed file that could not be
    /// read is removed), in walk order.
    pub changes: Vec<(PathBuf, Change)>,
    /// Files and records not indexed, with the reason (the walk's first).
    pub skipped: Vec<Skipped>,
    /// Files that were not UTF-8, and the encoding they were decoded from.
    pub decoded: Vec<(PathBuf, &'static str)>,
    /// Files in which mojibake was repaired, and how many sequences.
    pub repaired: Vec<(PathBuf, usize)>,
    /// Files whose articles stay as they are (touched ones included).
    pub unchanged: HashSet<String>,
    /// Files that lost an article to an id already taken.
    pub duplicate_files: Vec<String>,
    /// Files whose bytes did not change, with their new stamp.
    pub touched: Vec<FileStamp>,
    /// Files read that gave no article.
    pub empty_files: Vec<FileStamp>,
    /// Articles added.
    pub added: usize,
}

/// Reads the plan's files into `sink`.
pub(crate) fn execute(
    plan: &SyncPlan,
    indexed: &HashMap<String, IndexedFile>,
    options: &BuildOptions,
    sink: &mut Sink<'_>,
) -> Result<Executed, IndexError> {
    let reader = Reader {
        options: ReadOptions {
            max_bytes: options.max_file_bytes,
            max_article_bytes: options.max_article_bytes,
        },
        in_parts_above: options.batch_bytes,
        part_records: options.part_records,
    };
    let total = plan.read.len() + plan.touched.len();
    let done = AtomicUsize::new(0);
    let tick = || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(progress) = &options.progress {
            progress(n, total);
        }
    };
    let mut reading = Reading {
        out: Executed {
            skipped: plan.skipped.clone(),
            unchanged: plan.unchanged.iter().cloned().collect(),
            ..Executed::default()
        },
        seen: HashMap::new(),
    };
    // Ids held by unchanged and touched files stay theirs.
    for (path, current) in &plan.touched {
        reading.touched(path, *current, indexed);
        tick();
    }
    for key in &reading.out.unchanged {
        if let Some(old) = indexed.get(key) {
            for id in &old.ids {
                reading.seen.insert(id.clone(), key.clone());
            }
        }
    }
    let mut rest = plan.read.as_slice();
    while !rest.is_empty() {
        let batch = next_batch(rest, options.batch_bytes);
        rest = &rest[batch.len()..];
        if let [one] = batch {
            if reader.in_parts(&one.entry, size_of(one)) {
                reading.read_in_parts(one, &reader, sink)?;
                tick();
                continue;
            }
        }
        let outcomes: Vec<Result<Read, IngestError>> = batch
            .par_iter()
            .map(|file| {
                let outcome = read_one(file, &reader);
                tick();
                outcome
            })
            .collect();
        for (file, outcome) in batch.iter().zip(outcomes) {
            match outcome {
                Err(e) => reading.failed(&file.entry, file.change, e.reason(), sink),
                Ok(read) => {
                    let mut file_in = FileIn::start(file, read.len, read.hash, sink);
                    reading.add(&mut file_in, read.articles, read.signatures, sink)?;
                    reading.finish(file_in);
                }
            }
        }
    }
    Ok(reading.out)
}

/// Default [`BuildOptions::batch_bytes`]. Small batches keep few articles
/// read ahead of the writer: indexing the French collection as 33,913
/// files peaks at 199 MB with batches of 1 MB, 221 MB with 4 MB, 284–289 MB
/// with 32 MB, in the same time; the Arabic JSON Lines file (14.6 MB, so
/// read as a stream) at 67–70 MB instead of 95–111 MB read whole.
pub const BATCH_BYTES: u64 = 1 << 20;

/// Default [`BuildOptions::part_records`]. Small parts keep few documents
/// waiting in tantivy's queue (the reading of a part and the indexing of
/// the one before share the cores): on the French collection, peak RSS
/// 198–216 MB with parts of 128 records, 239–263 MB with 256, 267–286 MB
/// with 4,096, for a build 2–4 % slower than with 4,096 (three runs each,
/// interleaved).
pub const PART_RECORDS: usize = 128;

/// The next batch of `rest` (in walk order): files up to `limit` bytes in
/// all, at least one.
fn next_batch(rest: &[ToRead], limit: u64) -> &[ToRead] {
    let mut bytes = 0u64;
    let mut n = 0;
    for file in rest {
        bytes = bytes.saturating_add(size_of(file));
        if n > 0 && bytes > limit {
            break;
        }
        n += 1;
    }
    &rest[..n.max(1).min(rest.len())]
}

/// A planned file's size on disk (0 when it could not be read).
fn size_of(file: &ToRead) -> u64 {
    file.stamp.map_or(0, |(size, _)| size)
}

/// What reading the files has given so far, and the ids taken (and by
/// which file and line).
struct Reading {
    out: Executed,
    seen: HashMap<String, String>,
}

/// A file being read: its key, stamp and what it gave so far.
struct FileIn {
    key: String,
    path: PathBuf,
    change: Change,
    size: u64,
    mtime: i64,
    hash: u64,
    accepted: usize,
    lost_ids: bool,
    encoding_reported: bool,
    repairs: usize,
}

impl FileIn {
    /// Starts a file that was read: a changed file's indexed articles are
    /// deleted before its new ones are added (a deletion applies to what
    /// was added before it).
    fn start(file: &ToRead, len: u64, hash: u64, sink: &mut Sink<'_>) -> FileIn {
        let key = file.entry.path.display().to_string();
        if file.change == Change::Changed {
            sink.delete_file(&key);
        }
        let (size, mtime) = file.stamp.unwrap_or((len, 0));
        FileIn {
            key,
            path: file.entry.path.clone(),
            change: file.change,
            size,
            mtime,
            hash,
            accepted: 0,
            lost_ids: false,
            encoding_reported: false,
            repairs: 0,
        }
    }
}

impl Reading {
    /// Adds the articles of (a part of) a file whose ids are not taken.
    fn add(
        &mut self,
        file: &mut FileIn,
        read: fihris_ingest::FileArticles,
        signatures: Vec<Signature>,
        sink: &mut Sink<'_>,
    ) -> Result<(), IndexError> {
        self.out.skipped.extend(read.skipped);
        if let Some(encoding) = read.encoding {
            if !file.encoding_reported {
                self.out.decoded.push((file.path.clone(), encoding));
                file.encoding_reported = true;
            }
        }
        file.repairs += read.mojibake_repairs;
        for (article, signature) in read.articles.into_iter().zip(signatures) {
            if let Some(first) = self.seen.get(&article.id) {
                file.lost_ids = true;
                self.out.skipped.push(Skipped {
                    path: article.path.clone(),
                    line: article.line,
                    reason: format!("duplicate id {:?} (already used by {first})", article.id),
                });
                continue;
            }
            let location = match article.line {
                Some(line) => format!("{}:{line}", article.path.display()),
                None => article.path.display().to_string(),
            };
            self.seen.insert(article.id.clone(), location);
            sink.add(&article, &signature, file)?;
            file.accepted += 1;
        }
        Ok(())
    }

    fn finish(&mut self, file: FileIn) {
        if file.repairs > 0 {
            self.out.repaired.push((file.path.clone(), file.repairs));
        }
        if file.lost_ids {
            self.out.duplicate_files.push(file.key.clone());
        }
        if file.accepted == 0 {
            self.out.empty_files.push(FileStamp {
                path: file.key.clone(),
                size: file.size,
                mtime: file.mtime,
                hash: file.hash,
            });
        }
        self.out.added += file.accepted;
        self.out.changes.push((file.path, file.change));
    }

    /// A file that could not be read: reported, and a changed file's old
    /// articles go.
    fn failed(&mut self, entry: &FileEntry, change: Change, reason: String, sink: &mut Sink<'_>) {
        self.out.skipped.push(Skipped {
            path: entry.path.clone(),
            line: None,
            reason,
        });
        if change == Change::Changed {
            sink.delete_file(&entry.path.display().to_string());
            self.out.changes.push((entry.path.clone(), Change::Removed));
        }
    }

    /// Same bytes, new modification time: its articles stay, and its new
    /// stamp is remembered.
    fn touched(
        &mut self,
        path: &std::path::Path,
        current: Option<Stamp>,
        indexed: &HashMap<String, IndexedFile>,
    ) {
        let key = path.display().to_string();
        if let (Some(old), Some((size, mtime))) = (indexed.get(&key), current) {
            self.out.touched.push(FileStamp {
                path: key.clone(),
                size,
                mtime,
                hash: old.hash,
            });
        }
        self.out.unchanged.insert(key);
    }

    /// Reads a file in parts (a JSON Lines file larger than a batch), each
    /// part's articles added as it comes.
    fn read_in_parts(
        &mut self,
        planned: &ToRead,
        reader: &Reader,
        sink: &mut Sink<'_>,
    ) -> Result<(), IndexError> {
        let entry = &planned.entry;
        let opened = match reader.open(entry, size_of(planned)) {
            Ok(opened) => opened,
            Err(e) => {
                self.failed(entry, planned.change, e.reason(), sink);
                return Ok(());
            }
        };
        let mut file = FileIn::start(planned, opened.len, opened.hash, sink);
        let mut failed = None;
        let read = opened.articles(&mut |part: fihris_ingest::FileArticles| {
            if failed.is_none() {
                let signatures = signatures_of(&part.articles);
                if let Err(e) = self.add(&mut file, part, signatures, sink) {
                    failed = Some(e);
                }
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        match read {
            Ok(()) => self.finish(file),
            Err(e) => self.failed(entry, planned.change, e.reason(), sink),
        }
        Ok(())
    }
}

/// The near-duplicate signatures of articles' bodies, computed on every
/// core (per article, so that one large JSON Lines file uses them all).
fn signatures_of(articles: &[Article]) -> Vec<Signature> {
    articles
        .par_iter()
        .map_init(crate::minhash::analyzer, |analyzer, a| {
            Signature::of_text(analyzer, &a.body)
        })
        .collect()
}

/// What reading one whole file gave: its length, content hash, articles
/// and their signatures.
struct Read {
    len: u64,
    hash: u64,
    articles: fihris_ingest::FileArticles,
    signatures: Vec<Signature>,
}

/// Reads one file of a batch (read whole: in one part).
fn read_one(file: &ToRead, reader: &Reader) -> Result<Read, IngestError> {
    let opened = reader.open(&file.entry, size_of(file))?;
    let (len, hash) = (opened.len, opened.hash);
    let mut articles = fihris_ingest::FileArticles::default();
    opened.articles(&mut |part| {
        articles.articles.extend(part.articles);
        articles.skipped.extend(part.skipped);
        articles.encoding = articles.encoding.or(part.encoding);
        articles.mojibake_repairs += part.mojibake_repairs;
    })?;
    let signatures = signatures_of(&articles.articles);
    Ok(Read {
        len,
        hash,
        articles,
        signatures,
    })
}

/// The tantivy document of an article.
fn to_document(f: &Fields, a: &Article) -> TantivyDocument {
    let mut d = doc!(
        f.id => a.id.as_str(),
        f.path => a.path.display().to_string(),
        f.title => a.title.as_str(),
        f.body => a.body.as_str(),
        f.title_stem => a.title.as_str(),
        f.body_stem => a.body.as_str(),
        f.title_forms => a.title.as_str(),
        f.body_forms => a.body.as_str(),
        f.lang => a.lang.code(),
    );
    if let Some(date) = a.date {
        d.add_text(f.date, date.to_string());
        d.add_i64(f.day, date.days_since_epoch());
    }
    if let Some(source) = &a.source {
        d.add_text(f.source, source);
        d.add_text(f.source_key, source);
    }
    if let Some(author) = &a.author {
        d.add_text(f.author, author);
        d.add_text(f.author_key, author);
    }
    if !a.boilerplate.is_empty() {
        d.add_text(f.boilerplate, &a.boilerplate);
    }
    d
}
