//! Finding the files to index under the roots a user gives.
//!
//! Directories are walked recursively in a stable order (sorted by name),
//! following symbolic links (walkdir reports loops, which we turn into a
//! skipped entry). Hidden files and folders (name starting with ".") are
//! ignored: they are version-control data and editor backups, not articles.
//! Files whose extension fihris does not read are reported as skipped.

use std::path::{Path, PathBuf};

use crate::error::{io_reason, IngestError};
use crate::{relative_id, Skipped};

/// A file format fihris reads, from the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`
    Text,
    /// `.html`, `.htm`
    Html,
    /// `.jsonl` (one record per line)
    JsonLines,
    /// `.json` (one record or an array of records)
    Json,
}

impl Format {
    /// The format of a path, by its extension (case-insensitive).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// The file, as reached from its root.
    pub path: PathBuf,
    /// The folder the file's id is relative to.
    pub root: PathBuf,
    /// The file's path relative to `root`, `/`-separated.
    pub id: String,
    /// How to read it.
    pub format: Format,
}

/// Lists the files under `roots` (folders or single files). A root that does
/// not exist is an error; problems with single files below a root are
/// returned as skipped entries.
pub fn collect_files(roots: &[PathBuf]) -> Result<(Vec<FileEntry>, Vec<Skipped>), IngestError> {
    collect_files_excluding(roots, &[])
}

/// Like [`collect_files`], leaving out the folders `exclude` (an index
/// folder inside a corpus folder must not be read as articles).
pub fn collect_files_excluding(
    roots: &[PathBuf],
    exclude: &[PathBuf],
) -> Result<(Vec<FileEntry>, Vec<Skipped>), IngestError> {
    let exclude: Vec<PathBuf> = exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let excluded =
        |path: &Path| !exclude.is_empty() && path.canonicalize().is_ok_and(|c| exclude.contains(&c));
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|error| IngestError::Root {
            path: root.clone(),
            error,
        })?;
        if meta.is_file() {
            let base = root.parent().map(Path::to_path_buf).unwrap_or_default();
            add_file(root.clone(), &base, &mut files, &mut skipped);
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                (e.depth() == 0 || !is_hidden(e.file_name()))
                    && !(e.file_type().is_dir() && excluded(e.path()))
            });
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_file() {
                        add_file(entry.into_path(), root, &mut files, &mut skipped);
                    }
                }
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else if let Some(io) = err.io_error() {
                        format!("cannot read: {}", io_reason(io))
                    } else {
                        err.to_string()
                    };
                    skipped.push(Skipped {
                        path,
                        line: None,
                        reason,
                    });
                }
            }
        }
    }
    Ok((files, skipped))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn add_file(path: PathBuf, root: &Path, files: &mut Vec<FileEntry>, skipped: &mut Vec<Skipped>) {
    match Format::of(&path) {
        Some(format) => files.push(FileEntry {
            id: relative_id(&path, root),
            root: root.to_path_buf(),
            path,
            format,
        }),
        None => {
            let reason = match path.extension() {
                Some(ext) => format!("unsupported file type .{}", ext.to_string_lossy()),
                None => "unsupported file type (no extension)".to_string(),
            };
            skipped.push(Skipped {
                path,
                line: None,
                reason,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_and_reports_unknown() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("corpus");
        std::fs::create_dir_all(root.join("ar"))?;
        std::fs::create_dir_all(root.join(".git"))?;
        std::fs::write(root.join("b.txt"), "b")?;
        std::fs::write(root.join("ar/a.HTML"), "a")?;
        std::fs::write(root.join(".git/config.txt"), "x")?;
        std::fs::write(root.join("notes.pdf"), "x")?;
        let (files, skipped) = collect_files(std::slice::from_ref(&root)).map_err(std::io::Error::other)?;
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, vec!["ar/a.HTML", "b.txt"]);
        assert_eq!(files[0].format, Format::Html);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, "unsupported file type .pdf");
        Ok(())
    }

    #[test]
    fn single_file_root_id_is_its_name() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, "{}")?;
        let (files, _) = collect_files(&[file]).map_err(std::io::Error::other)?;
        assert_eq!(files[0].id, "x.jsonl");
        assert_eq!(files[0].format, Format::JsonLines);
        Ok(())
    }

    #[test]
    fn excluded_folders_are_not_walked() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir_all(dir.path().join("index"))?;
        std::fs::write(dir.path().join("index/meta.json"), "{}")?;
        std::fs::write(dir.path().join("a.txt"), "a")?;
        let (files, skipped) =
            collect_files_excluding(&[dir.path().to_path_buf()], &[dir.path().join("index")])
                .map_err(std::io::Error::other)?;
        assert_eq!(files.len(), 1);
        assert!(skipped.is_empty());
        Ok(())
    }

    #[test]
    fn missing_root_is_an_error() {
        let err = collect_files(&[PathBuf::from("/nonexistent/fihris")]);
        assert!(matches!(err, Err(IngestError::Root { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("c");
        std::fs::create_dir_all(root.join("sub"))?;
        std::os::unix::fs::symlink(&root, root.join("sub/loop"))?;
        let (_, skipped) = collect_files(&[root]).map_err(std::io::Error::other)?;
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, "symbolic link loop");
        Ok(())
    }
}
