//! What an index holds, file by file: each file's fingerprint (size,
//! modification time, hash of its bytes) and the ids and languages of its
//! articles, read from the fast fields and the commit payload. A sync plans
//! from it; nothing here writes.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::UNIX_EPOCH;

use tantivy::Index;

use crate::error::IndexError;
use crate::state::commit_info;

/// What the index holds about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexedFile {
    /// Size in bytes when it was read (or last seen unchanged).
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i64,
    /// Hash of its bytes.
    pub hash: u64,
    /// The ids of its articles.
    pub ids: Vec<String>,
    /// The language of each article, in the order of `ids`.
    pub langs: Vec<String>,
    /// The stamp comes from the payload's touched files.
    pub touched: bool,
}

/// Size and modification time (nanoseconds since the epoch) of a file.
pub type Stamp = (u64, i64);

/// The stamp of the file at `path`, if it can be read.
pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Some((meta.len(), mtime))
}

/// Articles by language, from the `lang` fast column.
pub(crate) fn langs(searcher: &tantivy::Searcher) -> Result<BTreeMap<String, usize>, IndexError> {
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
pub(crate) fn indexed_files(index: &Index) -> Result<HashMap<String, IndexedFile>, IndexError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out: HashMap<String, IndexedFile> = HashMap::new();
    if let Some(info) = commit_info(index) {
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
    if let Some(info) = commit_info(index) {
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
