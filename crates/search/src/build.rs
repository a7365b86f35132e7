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
use std::hash::Hasher;
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

/// The articles of a file read, with its key and fingerprint.
struct ReadFile {
    key: String,
    articles: Vec<Article>,
    /// The MinHash signature of each article's body, in the order of
    /// `articles`.
    signatures: Vec<Signature>,
    size: u64,
    mtime: i64,
    hash: u64,
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

/// A hash of a file's bytes (SipHash, keyed the same on every run).
fn content_hash(bytes: &[u8]) -> u64 {
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    h.write(bytes);
    h.finish()
}

/// Builds or syncs the index at `dir` from the roots.
pub fn build_index(dir: &Path, options: &BuildOptions) -> Result<BuildReport, SearchError> {
    let start = Instant::now();
    let (files, mut skipped) = collect_files_excluding(&options.roots, &[dir.to_path_buf()])?;
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
    // Files that lost articles to a taken id are read again when anything
    // else changes: the id may be free now.
    let something_changes = !to_read.is_empty() || indexed.keys().any(|k| !walked.contains(k));
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

    // Read new and changed files, in parallel (reading, decoding and
    // parsing are independent per file); then take the results in walk
    // order, so that ids and reports do not depend on thread timing.
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = to_read.len();
    let outcomes: Vec<ReadOutcome> = to_read
        .par_iter()
        .map(|(entry, _, _)| {
            let force = forced.contains(&entry.path.display().to_string());
            let outcome = read_one(entry, &read_options, &indexed, force);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if let Some(progress) = &options.progress {
                progress(n, total);
            }
            outcome
        })
        .collect();
    // Files whose bytes did not change keep their ids before any changed
    // file claims one.
    for ((entry, _, _), outcome) in to_read.iter().zip(&outcomes) {
        if matches!(outcome, ReadOutcome::Touched) {
            let key = entry.path.display().to_string();
            if let Some(old) = indexed.get(&key) {
                for id in &old.ids {
                    seen.insert(id.clone(), key.clone());
                }
            }
        }
    }
    let mut new_docs: Vec<ReadFile> = Vec::new();
    let mut duplicate_files: Vec<String> = Vec::new();
    let mut touched_files: Vec<FileStamp> = Vec::new();
    for ((entry, current, change), outcome) in to_read.into_iter().zip(outcomes) {
        let key = entry.path.display().to_string();
        let (bytes_len, hash, read, read_signatures) = match outcome {
            ReadOutcome::Failed(reason) => {
                skipped.push(Skipped {
                    path: entry.path.clone(),
                    line: None,
                    reason,
                });
                if change == Change::Changed {
                    // Unreadable now: its old articles go.
                    report.changes.push((entry.path.clone(), Change::Removed));
                }
                continue;
            }
            ReadOutcome::Touched => {
                // Same bytes, new modification time: its articles stay, and
                // its new stamp is remembered.
                if let (Some(old), Some((size, mtime))) = (indexed.get(&key), current) {
                    touched_files.push(FileStamp {
                        path: key.clone(),
                        size,
                        mtime,
                        hash: old.hash,
                    });
                }
                unchanged_keys.insert(key);
                continue;
            }
            ReadOutcome::Read {
                len,
                hash,
                read,
                signatures,
            } => (len, hash, read, signatures),
        };
        skipped.extend(read.skipped);
        if let Some(encoding) = read.encoding {
            report.decoded.push((entry.path.clone(), encoding));
        }
        if read.mojibake_repairs > 0 {
            report.repaired.push((entry.path.clone(), read.mojibake_repairs));
        }
        let mut articles = Vec::with_capacity(read.articles.len());
        let mut signatures = Vec::with_capacity(read.articles.len());
        for (article, signature) in read.articles.into_iter().zip(read_signatures) {
            if let Some(first) = seen.get(&article.id) {
                if duplicate_files.last() != Some(&key) {
                    duplicate_files.push(key.clone());
                }
                skipped.push(Skipped {
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
            seen.insert(article.id.clone(), location);
            articles.push(article);
            signatures.push(signature);
        }
        report.changes.push((entry.path.clone(), change));
        let (size, mtime) = current.unwrap_or((bytes_len, 0));
        new_docs.push(ReadFile {
            key,
            articles,
            signatures,
            size,
            mtime,
            hash,
        });
    }
    if !something_changes {
        // Nothing was read again: the files that lost articles to a taken id
        // still have.
        duplicate_files = previous_duplicates
            .into_iter()
            .filter(|k| walked.contains(k))
            .collect();
    }
    report.unchanged = unchanged_keys.len();
    let mut removed: Vec<&String> = indexed.keys().filter(|k| !walked.contains(*k)).collect();
    removed.sort();
    for key in &removed {
        report
            .changes
            .push((PathBuf::from(key.as_str()), Change::Removed));
    }
    report.skipped = skipped;

    // Articles after the sync: those of unchanged files, and the new ones.
    let planned_articles = new_docs.iter().map(|d| d.articles.len()).sum::<usize>()
        + unchanged_keys
            .iter()
            .filter_map(|k| indexed.get(k))
            .map(|f| f.ids.len())
            .sum::<usize>();
    if options.dry_run {
        report.articles = planned_articles;
        // Languages after the sync, as the real run would count them.
        let kept = unchanged_keys
            .iter()
            .filter_map(|k| indexed.get(k))
            .flat_map(|f| f.langs.iter().cloned());
        let added = new_docs
            .iter()
            .flat_map(|f| f.articles.iter().map(|a| a.lang.code().to_string()));
        for lang in kept.chain(added) {
            *report.by_lang.entry(lang).or_default() += 1;
        }
        report.elapsed = start.elapsed();
        return Ok(report);
    }

    // Files that give no article keep their fingerprint in the payload.
    let mut empty_files: Vec<FileStamp> = new_docs
        .iter()
        .filter(|f| f.articles.is_empty())
        .map(|f| FileStamp {
            path: f.key.clone(),
            size: f.size,
            mtime: f.mtime,
            hash: f.hash,
        })
        .collect();
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

    // Write, in one commit.
    let Some((index, mut writer, _pid)) = writing else {
        return Err(SearchError::NotAnIndex(dir.to_path_buf()));
    };
    let fields =
        Fields::from_schema(&index.schema()).ok_or_else(|| SearchError::NotAnIndex(dir.to_path_buf()))?;
    if full {
        writer.delete_all_documents()?;
    } else {
        for (path, change) in &report.changes {
            if matches!(change, Change::Changed | Change::Removed) {
                let key = path.display().to_string();
                writer.delete_term(Term::from_field_text(fields.file, &key));
            }
        }
    }
    // Articles are consumed as they are handed to the writer, so that their
    // text is freed while the writer indexes.
    for file in new_docs {
        for (article, signature) in file.articles.into_iter().zip(&file.signatures) {
            let mut d = to_document(&fields, &article);
            for value in signature.to_values() {
                d.add_u64(fields.minhash, value);
            }
            d.add_text(fields.file, &file.key);
            d.add_u64(fields.file_size, file.size);
            d.add_i64(fields.file_mtime, file.mtime);
            d.add_u64(fields.file_hash, file.hash);
            writer.add_document(d)?;
        }
    }

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

fn read_one(
    entry: &FileEntry,
    options: &ReadOptions,
    indexed: &HashMap<String, IndexedFile>,
    force: bool,
) -> ReadOutcome {
    let bytes = match read_capped(entry, options) {
        Ok(bytes) => bytes,
        Err(reason) => return ReadOutcome::Failed(reason),
    };
    let hash = content_hash(&bytes);
    let key = entry.path.display().to_string();
    if !force && indexed.get(&key).is_some_and(|old| old.hash == hash) {
        return ReadOutcome::Touched;
    }
    match read_bytes_with(entry, &bytes, options) {
        Ok(read) => {
            // Near-duplicate signatures are computed here, on the reading
            // threads (per article, so that one large JSON Lines file uses
            // every core), rather than by the writer.
            let signatures = read
                .articles
                .par_iter()
                .map_init(crate::minhash::analyzer, |analyzer, a| {
                    Signature::of_text(analyzer, &a.body)
                })
                .collect();
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

/// The bytes of a file, refusing it without reading when it is over the cap.
fn read_capped(entry: &FileEntry, options: &ReadOptions) -> Result<Vec<u8>, String> {
    let error = |e: std::io::Error| {
        fihris_ingest::IngestError::Read {
            path: entry.path.clone(),
            error: e,
        }
        .reason()
    };
    let meta = std::fs::metadata(&entry.path).map_err(error)?;
    if meta.len() > options.max_bytes {
        return Err(fihris_ingest::IngestError::TooLarge {
            path: entry.path.clone(),
            size: Some(meta.len()),
            cap: options.max_bytes,
        }
        .reason());
    }
    std::fs::read(&entry.path).map_err(error)
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
