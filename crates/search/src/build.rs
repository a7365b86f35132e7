//! Building and updating an index from folders of articles.
//!
//! `fihris index` syncs: it compares the files under the roots with what the
//! index holds (per file: path, size, modification time and a hash of the
//! content, stored in fast fields of every article of the file), reads only
//! new and changed files, deletes the articles of changed and removed files,
//! and commits everything in one tantivy commit. Until that commit readers
//! see the old index, and a sync that fails or is killed (even with SIGKILL)
//! leaves it as it was: the next run does the whole job again. The roots
//! are checked before the index is touched, so a typo in a folder name never
//! empties an index. `full` rebuilds from scratch.
//!
//! The result equals a full rebuild, with one documented exception: when a
//! new or changed file claims an id that an unchanged file already holds,
//! the indexed article keeps it (a full rebuild keeps the first in walk
//! order).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fihris_ingest::{collect_files_excluding, read_bytes_with, Article, FileEntry, ReadOptions, Skipped};
use fihris_normalize::Stemmer;
use rayon::prelude::*;
use tantivy::{doc, Index, IndexWriter, TantivyDocument, Term};

use crate::error::SearchError;
use crate::minhash::Signature;
use crate::schema::{CommitInfo, Fields, FileStamp, INGEST_VERSION, SCHEMA_VERSION};
use crate::{index_state, io_error, IndexState};

/// How to build an index.
#[derive(Clone)]
pub struct BuildOptions {
    /// Folders or files to index.
    pub roots: Vec<PathBuf>,
    /// Indexing threads (default: the number of cores, at most 8).
    pub threads: Option<usize>,
    /// Memory budget of the index writer, in bytes, shared by its threads.
    pub memory_budget: usize,
    /// Stemmer of the stemmed fields.
    pub stemmer: Stemmer,
    /// Largest file read, in bytes (decompressed size for `.gz`).
    pub max_file_bytes: u64,
    /// Rebuild from scratch instead of syncing.
    pub full: bool,
    /// Work out what would change, and write nothing.
    pub dry_run: bool,
    /// Files are read and written a batch at a time, a batch holding files
    /// of at most this many bytes in all (one at least): only one batch's
    /// articles are in memory.
    pub batch_bytes: u64,
    /// A JSON Lines file larger than a batch is read in parts of this many
    /// records.
    pub part_records: usize,
    /// Called with (files read, files to read) as files are read, from
    /// several threads.
    pub progress: Option<Progress>,
}

/// A progress callback: (done, total).
pub type Progress = std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>;

impl BuildOptions {
    /// Options for `roots` with default threads and memory.
    pub fn new(roots: Vec<PathBuf>) -> BuildOptions {
        BuildOptions {
            roots,
            threads: None,
            memory_budget: 256 << 20,
            stemmer: Stemmer::default(),
            max_file_bytes: ReadOptions::DEFAULT_MAX_BYTES,
            full: false,
            dry_run: false,
            batch_bytes: BATCH_BYTES,
            part_records: PART_RECORDS,
            progress: None,
        }
    }
}

impl std::fmt::Debug for BuildOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildOptions")
            .field("roots", &self.roots)
            .field("stemmer", &self.stemmer)
            .field("full", &self.full)
            .field("dry_run", &self.dry_run)
            .finish_non_exhaustive()
    }
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// New since the last sync.
    Added,
    /// Content changed since the last sync.
    Changed,
    /// Gone since the last sync: its articles were removed.
    Removed,
}

/// What a build did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Supported files found under the roots.
    pub files: usize,
    /// Articles in the index after the build.
    pub articles: usize,
    /// Articles in the index after the build, by language code.
    pub by_lang: BTreeMap<String, usize>,
    /// Files added, changed or removed, in walk order (removed last).
    pub changes: Vec<(PathBuf, Change)>,
    /// Files found unchanged (not read again).
    pub unchanged: usize,
    /// Whether the index was rebuilt from scratch.
    pub full: bool,
    /// Files and records not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Files that were not UTF-8, and the encoding they were decoded from.
    pub decoded: Vec<(PathBuf, &'static str)>,
    /// Files in which mojibake was repaired, and how many sequences.
    pub repaired: Vec<(PathBuf, usize)>,
    /// Wall time of the whole build.
    pub elapsed: Duration,
}

impl BuildReport {
    /// Number of files with the given change.
    pub fn count(&self, change: Change) -> usize {
        self.changes.iter().filter(|(_, c)| *c == change).count()
    }
}

/// What the index holds about one file.
#[derive(Debug, Clone, Default)]
struct IndexedFile {
    size: u64,
    mtime: i64,
    hash: u64,
    ids: Vec<String>,
    /// The language of each article, in the order of `ids`.
    langs: Vec<String>,
    /// The stamp comes from the payload's touched files.
    touched: bool,
}

/// Size and modification time (nanoseconds since the epoch) of a file.
type Stamp = (u64, i64);

/// A file to read: its entry, stamp and what it is to the index.
type ToRead<'a> = (&'a FileEntry, Option<Stamp>, Change);

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
fn next_batch<'r, 'a>(rest: &'r [ToRead<'a>], limit: u64) -> &'r [ToRead<'a>] {
    let mut bytes = 0u64;
    let mut n = 0;
    for (_, current, _) in rest {
        bytes = bytes.saturating_add(current.map_or(0, |(size, _)| size));
        if n > 0 && bytes > limit {
            break;
        }
        n += 1;
    }
    &rest[..n.max(1).min(rest.len())]
}

/// Where the articles read go: the index writer, or, for a dry run, a
/// count per language.
enum Sink<'w> {
    Writer {
        writer: &'w mut IndexWriter,
        fields: Fields,
    },
    Count(BTreeMap<String, usize>),
}

impl Sink<'_> {
    fn add(&mut self, article: &Article, signature: &Signature, file: &FileIn) -> Result<(), SearchError> {
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
    fn delete_file(&mut self, key: &str) {
        if let Sink::Writer { writer, fields } = self {
            writer.delete_term(Term::from_field_text(fields.file, key));
        }
    }
}

/// What reading the files has given so far: the report, the ids taken, and
/// what the commit payload needs.
#[derive(Default)]
struct Reading {
    report: BuildReport,
    /// Files and records not indexed, with the reason.
    skipped: Vec<Skipped>,
    /// Ids taken, and by which file (and line).
    seen: HashMap<String, String>,
    /// Files whose articles stay as they are.
    unchanged_keys: HashSet<String>,
    /// Files that lost an article to an id already taken.
    duplicate_files: Vec<String>,
    /// Files whose bytes did not change, with their new stamp.
    touched: Vec<FileStamp>,
    /// Files read that gave no article.
    empty_files: Vec<FileStamp>,
    /// Articles added.
    added: usize,
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

impl Reading {
    /// Starts a file that was read: a changed file's indexed articles are
    /// deleted before its new ones are added.
    fn start(
        &mut self,
        entry: &FileEntry,
        current: Option<Stamp>,
        change: Change,
        len: u64,
        hash: u64,
        sink: &mut Sink<'_>,
    ) -> FileIn {
        let key = entry.path.display().to_string();
        if change == Change::Changed {
            sink.delete_file(&key);
        }
        let (size, mtime) = current.unwrap_or((len, 0));
        FileIn {
            key,
            path: entry.path.clone(),
            change,
            size,
            mtime,
            hash,
            accepted: 0,
            lost_ids: false,
            encoding_reported: false,
            repairs: 0,
        }
    }

    /// Adds the articles of (a part of) a file whose ids are not taken.
    fn add(
        &mut self,
        file: &mut FileIn,
        read: fihris_ingest::FileArticles,
        signatures: Vec<Signature>,
        sink: &mut Sink<'_>,
    ) -> Result<(), SearchError> {
        self.skipped.extend(read.skipped);
        if let Some(encoding) = read.encoding {
            if !file.encoding_reported {
                self.report.decoded.push((file.path.clone(), encoding));
                file.encoding_reported = true;
            }
        }
        file.repairs += read.mojibake_repairs;
        for (article, signature) in read.articles.into_iter().zip(signatures) {
            if let Some(first) = self.seen.get(&article.id) {
                file.lost_ids = true;
                self.skipped.push(Skipped {
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
            self.report.repaired.push((file.path.clone(), file.repairs));
        }
        if file.lost_ids {
            self.duplicate_files.push(file.key.clone());
        }
        if file.accepted == 0 {
            self.empty_files.push(FileStamp {
                path: file.key.clone(),
                size: file.size,
                mtime: file.mtime,
                hash: file.hash,
            });
        }
        self.added += file.accepted;
        self.report.changes.push((file.path, file.change));
    }

    /// A file that could not be read: reported, and a changed file's old
    /// articles go.
    fn failed(&mut self, entry: &FileEntry, change: Change, reason: String, sink: &mut Sink<'_>) {
        self.skipped.push(Skipped {
            path: entry.path.clone(),
            line: None,
            reason,
        });
        if change == Change::Changed {
            sink.delete_file(&entry.path.display().to_string());
            self.report.changes.push((entry.path.clone(), Change::Removed));
        }
    }

    /// Same bytes, new modification time: its articles stay, and its new
    /// stamp is remembered.
    fn touched(&mut self, entry: &FileEntry, current: Option<Stamp>, indexed: &HashMap<String, IndexedFile>) {
        let key = entry.path.display().to_string();
        if let (Some(old), Some((size, mtime))) = (indexed.get(&key), current) {
            self.touched.push(FileStamp {
                path: key.clone(),
                size,
                mtime,
                hash: old.hash,
            });
        }
        self.unchanged_keys.insert(key);
    }

    /// Reads a JSON Lines file larger than a batch in parts: as a stream
    /// when it is plain UTF-8, else whole (to be decoded, or refused before
    /// any article goes in).
    fn read_in_parts(
        &mut self,
        (entry, current, change): &ToRead<'_>,
        options: &BuildOptions,
        read_options: &ReadOptions,
        sink: &mut Sink<'_>,
    ) -> Result<(), SearchError> {
        let scanned = match fihris_ingest::scan(entry, read_options) {
            Ok(scanned) => scanned,
            Err(e) => {
                self.failed(entry, *change, e.reason(), sink);
                return Ok(());
            }
        };
        let mut file = self.start(entry, *current, *change, scanned.len, scanned.hash, sink);
        let mut failed = None;
        let mut add = |part: fihris_ingest::FileArticles| {
            if failed.is_none() {
                let signatures = signatures_of(&part.articles);
                if let Err(e) = self.add(&mut file, part, signatures, sink) {
                    failed = Some(e);
                }
            }
        };
        let read = if scanned.plain_utf8 {
            fihris_ingest::read_json_lines_in_parts(entry, read_options, options.part_records, &mut add)
                .map_err(|e| e.reason())
        } else {
            read_capped(entry, read_options).and_then(|bytes| {
                fihris_ingest::read_bytes_in_parts(
                    entry,
                    &bytes,
                    read_options,
                    options.part_records,
                    &mut add,
                )
                .map_err(|e| e.reason())
            })
        };
        if let Some(e) = failed {
            return Err(e);
        }
        match read {
            Ok(()) => self.finish(file),
            Err(reason) => self.failed(entry, *change, reason, sink),
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

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Some((meta.len(), mtime))
}

/// Builds or syncs the index at `dir` from the roots.
pub fn build_index(dir: &Path, options: &BuildOptions) -> Result<BuildReport, SearchError> {
    let start = Instant::now();
    let (files, skipped) = collect_files_excluding(&options.roots, &[dir.to_path_buf()])?;
    let mut report = BuildReport {
        files: files.len(),
        ..BuildReport::default()
    };

    // What the index holds, unless it must be rebuilt.
    let mut existing = match index_state(dir)? {
        IndexState::Current(index) => Some(index),
        IndexState::Foreign => return Err(SearchError::NotAnIndex(dir.to_path_buf())),
        IndexState::Missing | IndexState::Outdated => None,
    };
    // Another stemmer, or another way of reading files: everything must be
    // read again.
    let same_reading = existing
        .as_ref()
        .and_then(crate::commit_info_of)
        .is_some_and(|info| info.stemmer() == options.stemmer && info.ingest_version == INGEST_VERSION);
    let full = options.full || !same_reading;
    report.full = full;

    // Take the writer lock before planning, so that two syncs never plan
    // from the same state: the second one stops here.
    let mut writing = None;
    if !options.dry_run {
        let index = match (existing.take(), full) {
            (Some(index), false) => index,
            _ => open_for_rebuild(dir)?,
        };
        fihris_normalize::register(index.tokenizers(), options.stemmer);
        let threads = options.threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .clamp(1, 8)
        });
        let budget = options.memory_budget.max(threads * (16 << 20));
        let writer: IndexWriter = match index.writer_with_num_threads(threads, budget) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => return Err(locked(dir)),
            Err(e) => return Err(e.into()),
        };
        let pid = PidFile::write(dir);
        writing = Some((index, writer, pid));
    }
    // What the index holds now (read after taking the lock).
    let indexed = match (writing.as_ref().map(|w| &w.0).or(existing.as_ref()), full) {
        (Some(index), false) => indexed_files(index)?,
        _ => HashMap::new(),
    };

    // Plan: which files to read.
    let read_options = ReadOptions {
        max_bytes: options.max_file_bytes,
    };
    let walked: HashSet<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut unchanged_keys: HashSet<String> = HashSet::new();
    let mut to_read: Vec<ToRead<'_>> = Vec::new();
    for entry in &files {
        let key = entry.path.display().to_string();
        let current = stamp(&entry.path);
        match indexed.get(&key) {
            Some(old) if current == Some((old.size, old.mtime)) => {
                unchanged_keys.insert(key.clone());
            }
            Some(_) => to_read.push((entry, current, Change::Changed)),
            None => to_read.push((entry, current, Change::Added)),
        }
    }
    // Files gone since the last sync.
    let mut removed: Vec<&String> = indexed.keys().filter(|k| !walked.contains(*k)).collect();
    removed.sort();
    // Files that lost articles to a taken id are read again when anything
    // else changes: the id may be free now.
    let something_changes = !to_read.is_empty() || !removed.is_empty();
    let previous_duplicates: Vec<String> = match full {
        true => Vec::new(),
        false => writing
            .as_ref()
            .map(|w| &w.0)
            .or(existing.as_ref())
            .and_then(crate::commit_info_of)
            .map(|info| info.duplicate_files)
            .unwrap_or_default(),
    };
    // Files read again although their bytes did not change.
    let mut forced: HashSet<String> = HashSet::new();
    if something_changes {
        for entry in &files {
            let key = entry.path.display().to_string();
            if previous_duplicates.contains(&key) && unchanged_keys.remove(&key) {
                to_read.push((entry, stamp(&entry.path), Change::Changed));
                forced.insert(key);
            }
        }
        // Walk order decides which file keeps a contested id.
        let order: HashMap<&Path, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_path(), i))
            .collect();
        to_read.sort_by_key(|(entry, _, _)| order.get(entry.path.as_path()).copied().unwrap_or(usize::MAX));
    }
    // Ids held by unchanged files stay theirs.
    for key in &unchanged_keys {
        if let Some(old) = indexed.get(key) {
            for id in &old.ids {
                seen.insert(id.clone(), key.clone());
            }
        }
    }

    // A file whose stamp changed may hold the same bytes (only its time
    // changed): its hash is checked first, so that such files keep their ids
    // before any changed file claims one.
    let touched: HashSet<String> = to_read
        .par_iter()
        .filter(|(entry, _, change)| {
            *change == Change::Changed && !forced.contains(&entry.path.display().to_string())
        })
        .filter_map(|(entry, _, _)| {
            let key = entry.path.display().to_string();
            let old = indexed.get(&key)?;
            let (_, hash) = fihris_ingest::file_hash(&entry.path).ok()?;
            (hash == old.hash).then_some(key)
        })
        .collect();
    for key in &touched {
        if let Some(old) = indexed.get(key) {
            for id in &old.ids {
                seen.insert(id.clone(), key.clone());
            }
        }
    }

    let fields = match &writing {
        Some((index, _, _)) => Some(
            Fields::from_schema(&index.schema()).ok_or_else(|| SearchError::NotAnIndex(dir.to_path_buf()))?,
        ),
        None => None,
    };
    let mut sink = match (&mut writing, fields) {
        (Some((_, writer, _)), Some(fields)) => {
            // What does not depend on reading goes first: a rebuild deletes
            // everything, a sync the articles of removed files. A changed
            // file's old articles are deleted just before its new ones are
            // added (a deletion applies to what was added before it).
            if full {
                writer.delete_all_documents()?;
            } else {
                for key in &removed {
                    writer.delete_term(Term::from_field_text(fields.file, key));
                }
            }
            Sink::Writer { writer, fields }
        }
        _ => Sink::Count(BTreeMap::new()),
    };

    // Read and write the new and changed files in walk order, a batch of
    // files at a time (each batch read, decoded and parsed on every core),
    // so that ids and reports do not depend on thread timing and only one
    // batch's articles are in memory; a large JSON Lines file is read alone,
    // in parts.
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = to_read.len();
    let progress = |n: usize| {
        if let Some(progress) = &options.progress {
            progress(n, total);
        }
    };
    let mut reading = Reading {
        report,
        skipped,
        seen,
        unchanged_keys,
        ..Reading::default()
    };
    let mut rest = to_read.as_slice();
    while !rest.is_empty() {
        let batch = next_batch(rest, options.batch_bytes);
        rest = &rest[batch.len()..];
        if let [one @ (entry, current, _)] = batch {
            let size = current.map_or(0, |(size, _)| size);
            if entry.format == fihris_ingest::Format::JsonLines && size > options.batch_bytes {
                if touched.contains(&entry.path.display().to_string()) {
                    reading.touched(entry, *current, &indexed);
                } else {
                    reading.read_in_parts(one, options, &read_options, &mut sink)?;
                }
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                continue;
            }
        }
        let outcomes: Vec<ReadOutcome> = batch
            .par_iter()
            .map(|(entry, _, _)| {
                let key = entry.path.display().to_string();
                let outcome = read_one(entry, &read_options, touched.contains(&key));
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                outcome
            })
            .collect();
        for ((entry, current, change), outcome) in batch.iter().zip(outcomes) {
            match outcome {
                ReadOutcome::Failed(reason) => reading.failed(entry, *change, reason, &mut sink),
                ReadOutcome::Touched => reading.touched(entry, *current, &indexed),
                ReadOutcome::Read {
                    len,
                    hash,
                    read,
                    signatures,
                } => {
                    let mut file = reading.start(entry, *current, *change, len, hash, &mut sink);
                    reading.add(&mut file, read, signatures, &mut sink)?;
                    reading.finish(file);
                }
            }
        }
    }
    let Reading {
        mut report,
        skipped,
        unchanged_keys,
        mut duplicate_files,
        touched: mut touched_files,
        mut empty_files,
        added,
        ..
    } = reading;
    if !something_changes {
        // Nothing was read again: the files that lost articles to a taken id
        // still have.
        duplicate_files = previous_duplicates
            .into_iter()
            .filter(|k| walked.contains(k))
            .collect();
    }
    report.unchanged = unchanged_keys.len();
    for key in &removed {
        report
            .changes
            .push((PathBuf::from(key.as_str()), Change::Removed));
    }
    report.skipped = skipped;

    // Articles after the sync: those of unchanged files, and the new ones.
    let planned_articles = added
        + unchanged_keys
            .iter()
            .filter_map(|k| indexed.get(k))
            .map(|f| f.ids.len())
            .sum::<usize>();
    let Sink::Writer { .. } = sink else {
        let Sink::Count(added_langs) = sink else {
            return Err(SearchError::NotAnIndex(dir.to_path_buf()));
        };
        // A dry run: languages after the sync, as the real run would count
        // them.
        report.articles = planned_articles;
        report.by_lang = added_langs;
        for lang in unchanged_keys
            .iter()
            .filter_map(|k| indexed.get(k))
            .flat_map(|f| f.langs.iter())
        {
            *report.by_lang.entry(lang.clone()).or_default() += 1;
        }
        report.elapsed = start.elapsed();
        return Ok(report);
    };

    // Files that give no article keep their fingerprint in the payload.
    for key in &unchanged_keys {
        if let Some(old) = indexed.get(key).filter(|f| f.ids.is_empty()) {
            empty_files.push(FileStamp {
                path: key.clone(),
                size: old.size,
                mtime: old.mtime,
                hash: old.hash,
            });
        }
    }
    empty_files.sort_by(|a, b| a.path.cmp(&b.path));
    // Touched files of earlier syncs that are still unchanged keep their
    // remembered stamp.
    for key in &unchanged_keys {
        if let Some(old) = indexed.get(key).filter(|f| f.touched) {
            if !touched_files.iter().any(|t| &t.path == key) {
                touched_files.push(FileStamp {
                    path: key.clone(),
                    size: old.size,
                    mtime: old.mtime,
                    hash: old.hash,
                });
            }
        }
    }
    touched_files.sort_by(|a, b| a.path.cmp(&b.path));
    drop(sink);
    let Some((index, mut writer, _pid)) = writing else {
        return Err(SearchError::NotAnIndex(dir.to_path_buf()));
    };

    let info = CommitInfo {
        tool: CommitInfo::TOOL.to_string(),
        schema_version: SCHEMA_VERSION,
        roots: options.roots.iter().map(|r| r.display().to_string()).collect(),
        committed_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        articles: planned_articles as u64,
        stemmer: options.stemmer.name().to_string(),
        ingest_version: INGEST_VERSION,
        empty_files,
        duplicate_files,
        touched_files,
    };
    let payload = serde_json::to_string(&info)
        .map_err(|e| SearchError::Tantivy(tantivy::TantivyError::InternalError(e.to_string())))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    writer.wait_merging_threads()?;
    crate::write_lexicon_cache(dir, options.stemmer);

    let reader = index.reader()?;
    let searcher = reader.searcher();
    report.articles = searcher.num_docs() as usize;
    report.by_lang = langs(&searcher)?;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// What reading one file gave.
enum ReadOutcome {
    /// It could not be read or decoded: the reason.
    Failed(String),
    /// Its bytes are those the index holds (only its time changed).
    Touched,
    /// Its articles, with its length and content hash.
    Read {
        len: u64,
        hash: u64,
        read: fihris_ingest::FileArticles,
        signatures: Vec<Signature>,
    },
}

fn read_one(entry: &FileEntry, options: &ReadOptions, touched: bool) -> ReadOutcome {
    if touched {
        return ReadOutcome::Touched;
    }
    let bytes = match read_capped(entry, options) {
        Ok(bytes) => bytes,
        Err(reason) => return ReadOutcome::Failed(reason),
    };
    let hash = fihris_ingest::content_hash(&bytes);
    match read_bytes_with(entry, &bytes, options) {
        Ok(read) => {
            let signatures = signatures_of(&read.articles);
            ReadOutcome::Read {
                len: bytes.len() as u64,
                hash,
                read,
                signatures,
            }
        }
        Err(e) => ReadOutcome::Failed(e.reason()),
    }
}

/// [`fihris_ingest::read_capped`], failing with the reason.
fn read_capped(entry: &FileEntry, options: &ReadOptions) -> Result<Vec<u8>, String> {
    fihris_ingest::read_capped(entry, options).map_err(|e| e.reason())
}

/// Articles by language, from the `lang` fast column.
fn langs(searcher: &tantivy::Searcher) -> Result<BTreeMap<String, usize>, SearchError> {
    let mut out = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let Some(column) = segment.fast_fields().str("lang")? else {
            continue;
        };
        let alive = segment.alive_bitset();
        let mut by_ord: HashMap<u64, usize> = HashMap::new();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            if let Some(ord) = column.term_ords(doc).next() {
                *by_ord.entry(ord).or_default() += 1;
            }
        }
        let mut name = String::new();
        for (ord, n) in by_ord {
            name.clear();
            if column.ord_to_str(ord, &mut name).unwrap_or(false) {
                *out.entry(name.clone()).or_default() += n;
            }
        }
    }
    Ok(out)
}

/// Per file of the index: its stamp, hash and the ids of its articles
/// (none for the files of the payload's `empty_files`).
fn indexed_files(index: &Index) -> Result<HashMap<String, IndexedFile>, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out: HashMap<String, IndexedFile> = HashMap::new();
    if let Some(info) = crate::commit_info_of(index) {
        for f in info.empty_files {
            out.insert(
                f.path,
                IndexedFile {
                    size: f.size,
                    mtime: f.mtime,
                    hash: f.hash,
                    ids: Vec::new(),
                    langs: Vec::new(),
                    touched: false,
                },
            );
        }
    }
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Some(files), Some(ids)) = (fast.str("file")?, fast.str("id")?) else {
            continue;
        };
        let sizes = fast.u64("file_size")?;
        let langs = fast.str("lang")?;
        let mtimes = fast.i64("file_mtime")?;
        let hashes = fast.u64("file_hash")?;
        let alive = segment.alive_bitset();
        let mut key = String::new();
        let mut id = String::new();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let (Some(file_ord), Some(id_ord)) = (files.term_ords(doc).next(), ids.term_ords(doc).next())
            else {
                continue;
            };
            key.clear();
            id.clear();
            if !files.ord_to_str(file_ord, &mut key).unwrap_or(false)
                || !ids.ord_to_str(id_ord, &mut id).unwrap_or(false)
            {
                continue;
            }
            let entry = out.entry(key.clone()).or_insert_with(|| IndexedFile {
                size: sizes.first(doc).unwrap_or(0),
                mtime: mtimes.first(doc).unwrap_or(0),
                hash: hashes.first(doc).unwrap_or(0),
                ids: Vec::new(),
                langs: Vec::new(),
                touched: false,
            });
            entry.ids.push(id.clone());
            let mut lang = String::new();
            if let Some(column) = &langs {
                if let Some(ord) = column.term_ords(doc).next() {
                    let _ = column.ord_to_str(ord, &mut lang);
                }
            }
            entry.langs.push(lang);
        }
    }
    // Touched files: their new stamp, if their bytes are still those held.
    if let Some(info) = crate::commit_info_of(index) {
        for t in info.touched_files {
            if let Some(file) = out.get_mut(&t.path).filter(|f| f.hash == t.hash) {
                file.size = t.size;
                file.mtime = t.mtime;
                file.touched = true;
            }
        }
    }
    Ok(out)
}

/// The error for a locked index, naming the process that holds it when it
/// left its pid.
fn locked(dir: &Path) -> SearchError {
    let pid = std::fs::read_to_string(dir.join(PidFile::NAME))
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    SearchError::Locked {
        path: dir.to_path_buf(),
        pid,
    }
}

/// `fihris-writer.pid` in the index folder while a sync writes: tells a
/// second writer who holds the lock. Removed when the sync ends; a stale one
/// (after a kill) is harmless, the lock itself is the operating system's.
struct PidFile(PathBuf);

impl PidFile {
    const NAME: &'static str = "fihris-writer.pid";

    fn write(dir: &Path) -> Option<PidFile> {
        let path = dir.join(Self::NAME);
        std::fs::write(&path, std::process::id().to_string()).ok()?;
        Some(PidFile(path))
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
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
    if !a.boilerplate.is_empty() {
        d.add_text(f.boilerplate, &a.boilerplate);
    }
    d
}

/// Opens the index at `dir` for a full rebuild, creating it if needed. An
/// index of an older schema is cleared first (it cannot be read anyway); a
/// folder holding anything else is refused.
fn open_for_rebuild(dir: &Path) -> Result<Index, SearchError> {
    match index_state(dir)? {
        IndexState::Current(index) => Ok(index),
        IndexState::Missing => create(dir),
        IndexState::Outdated => {
            clear_folder(dir)?;
            create(dir)
        }
        IndexState::Foreign => Err(SearchError::NotAnIndex(dir.to_path_buf())),
    }
}

/// Compression level of the document store (zstd). Stored text is half of
/// an index; on the French news collection (80 MB of JSON), the store takes
/// 50.8 MB with lz4 and 34.5 MB with zstd level 3, for no measurable cost in
/// indexing or search time (a hit reads one 16 KiB block).
const STORE_ZSTD_LEVEL: i32 = 3;

fn create(dir: &Path) -> Result<Index, SearchError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let (schema, _) = Fields::build();
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        ..Default::default()
    };
    Ok(Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(dir)?)
}

/// Removes the files of an outdated fihris index, keeping a README.
fn clear_folder(dir: &Path) -> Result<(), SearchError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let path = entry.path();
        if crate::is_placeholder(&entry.file_name()) {
            continue;
        }
        let result = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        result.map_err(|e| io_error(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Per file of an index: sorted (id, lang) pairs and the file's hash.
    type Contents = BTreeMap<String, (Vec<(String, String)>, u64)>;

    fn contents(dir: &Path) -> Contents {
        let index = Index::open_in_dir(dir).unwrap_or_else(|e| panic!("{e}"));
        let files = indexed_files(&index).unwrap_or_else(|e| panic!("{e}"));
        files
            .into_iter()
            .map(|(key, f)| {
                let name = Path::new(&key)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut pairs: Vec<(String, String)> = f.ids.into_iter().zip(f.langs).collect();
                pairs.sort();
                (name, (pairs, f.hash))
            })
            .collect()
    }

    /// What a report says, without times and paths' folders.
    fn summary(report: &BuildReport) -> Vec<String> {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let mut out = vec![format!("articles {} {:?}", report.articles, report.by_lang)];
        out.extend(report.changes.iter().map(|(p, c)| format!("{} {c:?}", name(p))));
        out.extend(report.skipped.iter().map(|s| {
            format!(
                "skipped {}:{:?} {}",
                name(&s.path),
                s.line,
                s.reason.replace(&*s.path.display().to_string(), "")
            )
        }));
        out.extend(
            report
                .repaired
                .iter()
                .map(|(p, n)| format!("repaired {} {n}", name(p))),
        );
        out.extend(
            report
                .decoded
                .iter()
                .map(|(p, e)| format!("decoded {} {e}", name(p))),
        );
        out.push(format!("unchanged {}", report.unchanged));
        out
    }

    fn record(id: &str, title: &str) -> String {
        format!("{{\"id\":\"{id}\",\"title\":\"{title}\",\"body\":\"Le café de l'emploi de {title} ouvre ses portes aux chercheurs d'emploi de la région.\"}}\n")
    }

    /// Builds `corpus` twice, in small batches and parts and in one batch,
    /// and checks both give the same index and report.
    fn build_both(corpus: &Path, small: &Path, whole: &Path, dry_run: bool) -> (Vec<String>, Contents) {
        let run = |dir: &Path, batch_bytes: u64, part_records: usize| {
            let options = BuildOptions {
                batch_bytes,
                part_records,
                dry_run,
                ..BuildOptions::new(vec![corpus.to_path_buf()])
            };
            build_index(dir, &options).unwrap_or_else(|e| panic!("{e}"))
        };
        let a = run(small, 1, 3);
        let b = run(whole, BATCH_BYTES, PART_RECORDS);
        assert_eq!(summary(&a), summary(&b));
        let contents_small = contents(small);
        assert_eq!(contents_small, contents(whole));
        (summary(&a), contents_small)
    }

    /// Reading in batches of one file and JSON Lines files in parts of three
    /// records gives what reading everything at once gives: the same
    /// articles, ids claimed in walk order, skipped records, repairs; and a
    /// sync afterwards too.
    #[test]
    fn batches_and_parts_change_nothing() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let corpus = tmp.path().join("corpus");
        let (small, whole) = (tmp.path().join("small"), tmp.path().join("whole"));
        std::fs::create_dir_all(&corpus).unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, text: &str| {
            std::fs::write(corpus.join(name), text).unwrap_or_else(|e| panic!("{e}"))
        };
        let mut big = String::new();
        for i in 0..10 {
            big.push_str(&record(&format!("r{i}"), &format!("Oran {i}")));
        }
        big.push_str("{broken\n");
        big.push_str(&record("r3", "Tlemcen (id repris)"));
        big.push_str(&record("m1", "CafÃ© de Blida"));
        write("a.jsonl", &big);
        write(
            "b.jsonl",
            &(record("r1", "Annaba (id pris)") + &record("b1", "Annaba")),
        );
        write(
            "c.txt",
            "Titre du texte\n\nUn texte en français sur l'emploi des jeunes à Béjaïa.",
        );
        // Compressed, UTF-16 (read whole, not streamed) and broken files.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(
            &mut gz,
            (record("e1", "Tiaret") + &record("e2", "Médéa")).as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let gz = gz.finish().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(corpus.join("e.jsonl.gz"), gz).unwrap_or_else(|e| panic!("{e}"));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in record("f1", "Mostaganem").encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        std::fs::write(corpus.join("f.jsonl"), utf16).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(corpus.join("g.jsonl"), b"{\"id\":\"g1\",\"title\":\"caf\xe9\"}\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let (report, contents) = build_both(&corpus, &small, &whole, false);
        assert_eq!(contents["e.jsonl.gz"].0.len(), 2, "{contents:?}");
        assert_eq!(contents["f.jsonl"].0.len(), 1, "{contents:?}");
        assert!(
            report.contains(&"decoded f.jsonl UTF-16LE".to_string()),
            "{report:?}"
        );
        assert!(
            report
                .iter()
                .any(|l| l.starts_with("skipped g.jsonl:None not UTF-8")),
            "{report:?}"
        );
        assert_eq!(contents["a.jsonl"].0.len(), 11, "{contents:?}");
        assert!(
            report
                .iter()
                .any(|l| l.starts_with("skipped b.jsonl:Some(1) duplicate id")),
            "{report:?}"
        );
        assert!(
            report
                .iter()
                .any(|l| l.starts_with("skipped a.jsonl:Some(11) invalid JSON")),
            "{report:?}"
        );
        assert!(report.contains(&"repaired a.jsonl 2".to_string()), "{report:?}");

        // A sync: a changed file, a removed one, a new one.
        write("a.jsonl", &big.replace("Oran 5", "Oran cinq"));
        std::fs::remove_file(corpus.join("c.txt")).unwrap_or_else(|e| panic!("{e}"));
        write("d.jsonl", &record("d1", "Sétif"));
        let (dry, _) = build_both(&corpus, &small, &whole, true);
        let (report, contents) = build_both(&corpus, &small, &whole, false);
        assert_eq!(dry[0], report[0]);
        assert!(report.contains(&"a.jsonl Changed".to_string()), "{report:?}");
        assert!(report.contains(&"d.jsonl Added".to_string()), "{report:?}");
        assert!(!contents.contains_key("c.txt"));
        assert_eq!(contents["a.jsonl"].0.len(), 11);
    }
}
