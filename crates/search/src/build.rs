//! Building an index from folders of articles.
//!
//! A build replaces the whole content of the index in one tantivy commit:
//! until the commit, readers see the old index, and a build that fails or is
//! killed leaves it as it was. The roots are checked before the index is
//! touched, so a typo in a folder name never empties an index.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fihris_ingest::{collect_files_excluding, read_file_with, Article, ReadOptions, Skipped};
use fihris_normalize::Stemmer;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use crate::error::SearchError;
use crate::schema::{CommitInfo, Fields, SCHEMA_VERSION};
use crate::{index_state, io_error, IndexState};

/// How to build an index.
#[derive(Debug, Clone)]
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
}

impl BuildOptions {
    /// Options for `roots` with default threads and memory.
    pub fn new(roots: Vec<PathBuf>) -> BuildOptions {
        BuildOptions {
            roots,
            threads: None,
            memory_budget: 256 << 20,
            stemmer: Stemmer::default(),
            max_file_bytes: ReadOptions::DEFAULT_MAX_BYTES,
        }
    }
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Supported files found under the roots.
    pub files: usize,
    /// Articles indexed.
    pub articles: usize,
    /// Articles indexed, by language code.
    pub by_lang: BTreeMap<String, usize>,
    /// Files and records not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Files that were not UTF-8, and the encoding they were decoded from.
    pub decoded: Vec<(PathBuf, &'static str)>,
    /// Files in which mojibake was repaired, and how many sequences.
    pub repaired: Vec<(PathBuf, usize)>,
    /// Wall time of the whole build.
    pub elapsed: Duration,
}

/// Builds (or rebuilds from scratch) the index at `dir` from the roots.
pub fn build_index(dir: &Path, options: &BuildOptions) -> Result<BuildReport, SearchError> {
    let start = Instant::now();
    let (files, mut skipped) = collect_files_excluding(&options.roots, &[dir.to_path_buf()])?;
    let index = open_for_rebuild(dir)?;
    fihris_normalize::register(index.tokenizers(), options.stemmer);
    let fields =
        Fields::from_schema(&index.schema()).ok_or_else(|| SearchError::NotAnIndex(dir.to_path_buf()))?;

    let threads = options.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 8)
    });
    let budget = options.memory_budget.max(threads * (16 << 20));
    let mut writer: IndexWriter = match index.writer_with_num_threads(threads, budget) {
        Ok(w) => w,
        Err(tantivy::TantivyError::LockFailure(..)) => return Err(SearchError::Locked(dir.to_path_buf())),
        Err(e) => return Err(e.into()),
    };
    writer.delete_all_documents()?;

    let mut report = BuildReport {
        files: files.len(),
        ..BuildReport::default()
    };
    // Ids must be unique: the first file to claim one keeps it.
    let mut seen: HashMap<String, String> = HashMap::new();
    for entry in &files {
        let read = match read_file_with(
            entry,
            &ReadOptions {
                max_bytes: options.max_file_bytes,
            },
        ) {
            Ok(read) => read,
            Err(e) => {
                skipped.push(Skipped {
                    path: entry.path.clone(),
                    line: None,
                    reason: e.reason(),
                });
                continue;
            }
        };
        skipped.extend(read.skipped);
        if let Some(encoding) = read.encoding {
            report.decoded.push((entry.path.clone(), encoding));
        }
        if read.mojibake_repairs > 0 {
            report.repaired.push((entry.path.clone(), read.mojibake_repairs));
        }
        for article in read.articles {
            if let Some(first) = seen.get(&article.id) {
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
            *report.by_lang.entry(article.lang.code().to_string()).or_default() += 1;
            writer.add_document(to_document(&fields, &article))?;
            report.articles += 1;
        }
    }

    let info = CommitInfo {
        tool: CommitInfo::TOOL.to_string(),
        schema_version: SCHEMA_VERSION,
        roots: options.roots.iter().map(|r| r.display().to_string()).collect(),
        committed_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        articles: report.articles as u64,
        stemmer: options.stemmer.name().to_string(),
    };
    let payload = serde_json::to_string(&info)
        .map_err(|e| SearchError::Tantivy(tantivy::TantivyError::InternalError(e.to_string())))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    writer.wait_merging_threads()?;

    report.skipped = skipped;
    report.elapsed = start.elapsed();
    Ok(report)
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

fn create(dir: &Path) -> Result<Index, SearchError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let (schema, _) = Fields::build();
    Ok(Index::create_in_dir(dir, schema)?)
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
