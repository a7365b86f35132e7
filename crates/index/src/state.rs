//! What is at an index location, and opening it: for reading (the search
//! side's [`open`]) or for a rebuild (created, or cleared when it is an
//! older fihris index). A folder holding anything else is never touched.

use std::ffi::OsStr;
use std::path::Path;

use tantivy::Index;

use crate::disk::{WatchedDirectory, WriteErrors};
use crate::error::{io_error, IndexError};
use crate::schema::{CommitInfo, Fields, INGEST_VERSION, SCHEMA_VERSION};

/// Whether `dir` holds a fihris index of this version, ready to be read.
pub fn index_exists(dir: &Path) -> bool {
    matches!(index_state(dir), Ok(IndexState::Current(_)))
}

/// An index opened for reading: the tantivy index (its analyzers
/// registered), its fields and what its last commit recorded.
#[derive(Debug)]
pub struct OpenIndex {
    /// The tantivy index.
    pub index: Index,
    /// Handles on its fields.
    pub fields: Fields,
    /// What the last commit recorded.
    pub info: CommitInfo,
}

/// Opens the index at `dir` for reading: no index, another kind of folder
/// and an index of another version are each a clear error.
pub fn open(dir: &Path) -> Result<OpenIndex, IndexError> {
    let index = match index_state(dir)? {
        IndexState::Current(index) => index,
        IndexState::Missing => return Err(IndexError::NotFound(dir.to_path_buf())),
        IndexState::Foreign => return Err(IndexError::NotAnIndex(dir.to_path_buf())),
        IndexState::Outdated => {
            return Err(IndexError::Incompatible {
                path: dir.to_path_buf(),
                found: describe_payload(dir),
            })
        }
    };
    let fields =
        Fields::from_schema(&index.schema()).ok_or_else(|| IndexError::NotAnIndex(dir.to_path_buf()))?;
    let info = commit_info(&index).ok_or_else(|| IndexError::NotFound(dir.to_path_buf()))?;
    Ok(OpenIndex { index, fields, info })
}

/// What is at an index location.
pub(crate) enum IndexState {
    /// Nothing yet (no folder, an empty folder, or only a README).
    Missing,
    /// A fihris index of the current schema.
    Current(Index),
    /// A fihris index of another schema version.
    Outdated,
    /// Something else: never touched.
    Foreign,
}

/// Files that may sit in an index folder without being part of the index
/// (the repository keeps `index/README.md`).
fn is_placeholder(name: &OsStr) -> bool {
    matches!(name.to_str(), Some("README.md" | ".gitkeep"))
}

pub(crate) fn index_state(dir: &Path) -> Result<IndexState, IndexError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(IndexState::Missing),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Ok(IndexState::Foreign),
        Err(e) => return Err(io_error(dir, e)),
    };
    let mut has_meta = false;
    let mut has_other = false;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name();
        if name == "meta.json" {
            has_meta = true;
        } else if !is_placeholder(&name) {
            has_other = true;
        }
    }
    if !has_meta {
        return Ok(if has_other {
            IndexState::Foreign
        } else {
            IndexState::Missing
        });
    }
    // An index of another user (tantivy writes meta.json readable by its
    // owner only) is theirs, not "not an index": say why it cannot be read.
    if let Err(e) = std::fs::File::open(dir.join("meta.json")) {
        return Err(io_error(dir, e));
    }
    let opened = WatchedDirectory::open(dir, &WriteErrors::default())
        .map_err(tantivy::TantivyError::from)
        .and_then(Index::open);
    let index = match opened {
        Ok(index) => index,
        // A meta.json tantivy cannot read: ours only if it says so.
        Err(_) => {
            return Ok(if describe_payload(dir).starts_with("fihris") {
                IndexState::Outdated
            } else {
                IndexState::Foreign
            })
        }
    };
    let metas = index.load_metas()?;
    match metas.payload.as_deref().map(serde_json::from_str::<CommitInfo>) {
        Some(Ok(info)) if info.tool == CommitInfo::TOOL => {
            if info.schema_version == SCHEMA_VERSION && Fields::from_schema(&index.schema()).is_some() {
                fihris_normalize::register(index.tokenizers(), info.stemmer());
                Ok(IndexState::Current(index))
            } else {
                Ok(IndexState::Outdated)
            }
        }
        // Created, but killed before its first commit: an empty index of
        // ours if the schema is ours.
        None if metas.segments.is_empty() && Fields::from_schema(&index.schema()).is_some() => {
            if index.schema() == Fields::build().0 {
                fihris_normalize::register(index.tokenizers(), Default::default());
                Ok(IndexState::Current(index))
            } else {
                Ok(IndexState::Outdated)
            }
        }
        _ => Ok(IndexState::Foreign),
    }
}

/// What the last commit of `index` recorded; an index created but never
/// committed reads as an empty one of this version.
pub(crate) fn commit_info(index: &Index) -> Option<CommitInfo> {
    let metas = index.load_metas().ok()?;
    match metas.payload {
        Some(p) => serde_json::from_str(&p).ok(),
        None => Some(CommitInfo {
            tool: CommitInfo::TOOL.to_string(),
            schema_version: SCHEMA_VERSION,
            roots: Vec::new(),
            follow: false,
            committed_at: 0,
            articles: 0,
            stemmer: fihris_normalize::Stemmer::default().name().to_string(),
            ingest_version: INGEST_VERSION,
            empty_files: Vec::new(),
            duplicate_files: Vec::new(),
            touched_files: Vec::new(),
        }),
    }
}

/// "fihris schema N" from a meta.json, read without tantivy.
fn describe_payload(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("meta.json")).unwrap_or_default();
    let payload = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("payload").and_then(|p| p.as_str()).map(str::to_string))
        .and_then(|p| serde_json::from_str::<CommitInfo>(&p).ok());
    match payload {
        Some(info) if info.tool == CommitInfo::TOOL => format!("fihris schema {}", info.schema_version),
        _ => "unknown".to_string(),
    }
}

/// Opens the current index at `dir` for writing, its failed writes
/// recorded in `errors`.
pub(crate) fn open_for_sync(dir: &Path, errors: &WriteErrors) -> Result<Index, IndexError> {
    let directory = WatchedDirectory::open(dir, errors).map_err(tantivy::TantivyError::from)?;
    Ok(Index::open(directory)?)
}

/// Opens the index at `dir` for a full rebuild, creating it if needed, its
/// failed writes recorded in `errors`. An index of an older schema is
/// cleared first (it cannot be read anyway); a folder holding anything
/// else is refused.
pub(crate) fn open_for_rebuild(dir: &Path, errors: &WriteErrors) -> Result<Index, IndexError> {
    match index_state(dir)? {
        IndexState::Current(_) => open_for_sync(dir, errors),
        IndexState::Missing => create(dir, errors),
        IndexState::Outdated => {
            clear_folder(dir)?;
            create(dir, errors)
        }
        IndexState::Foreign => Err(IndexError::NotAnIndex(dir.to_path_buf())),
    }
}

/// Compression level of the document store (zstd). Stored text is half of
/// an index; on the French news collection (80 MB of JSON), the store takes
/// 50.8 MB with lz4 and 34.5 MB with zstd level 3, for no measurable cost in
/// indexing or search time (a hit reads one 16 KiB block).
const STORE_ZSTD_LEVEL: i32 = 3;

fn create(dir: &Path, errors: &WriteErrors) -> Result<Index, IndexError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let directory = WatchedDirectory::open(dir, errors).map_err(tantivy::TantivyError::from)?;
    let (schema, _) = Fields::build();
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        ..Default::default()
    };
    Ok(Index::create(directory, schema, settings)?)
}

/// Removes the files of an outdated fihris index, keeping a README.
fn clear_folder(dir: &Path) -> Result<(), IndexError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let path = entry.path();
        if is_placeholder(&entry.file_name()) {
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
