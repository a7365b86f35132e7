//! Finding the files to index under the roots a user gives.
//!
//! Directories are walked recursively in a stable order (sorted by name),
//! following symbolic links that stay inside the root (and, when asked,
//! those that lead out of it; walkdir reports loops, which we turn into a
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
    /// `.md`, `.markdown`
    Markdown,
    /// `.html`, `.htm`
    Html,
    /// `.jsonl` (one record per line)
    JsonLines,
    /// `.json` (one record or an array of records)
    Json,
}

impl Format {
    /// Whether a file of this format holds one article (`.txt`, `.md`,
    /// `.html`), not records.
    pub fn one_article(self) -> bool {
        matches!(self, Format::Text | Format::Markdown | Format::Html)
    }

    /// The format of a path, by its extension (case-insensitive); for a
    /// compressed file (`a.txt.gz`), by the extension before `.gz`.
    pub fn of(path: &Path) -> Option<Format> {
        Format::and_compression(path).map(|(format, _)| format)
    }

    /// The format of a path and how it is compressed: `a.html` is
    /// (Html, None), `b.jsonl.gz` is (JsonLines, Gzip); `c.gz` and
    /// `d.pdf.gz` are not supported.
    pub fn and_compression(path: &Path) -> Option<(Format, Compression)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, compression) = match name.strip_suffix(".gz") {
            Some(inner) => (inner, Compression::Gzip),
            None => (name.as_str(), Compression::None),
        };
        let (stem, ext) = name.rsplit_once('.')?;
        if stem.is_empty() {
            // ".txt" alone, or "x/.gz": a hidden file's name, not an extension.
            return None;
        }
        let format = match ext {
            "txt" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" => Format::JsonLines,
            "json" => Format::Json,
            _ => return None,
        };
        Some((format, compression))
    }
}

/// How a file's bytes are compressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    #[default]
    None,
    /// gzip (`.gz`), one or more members.
    Gzip,
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
    /// How its bytes are compressed (from the extension: `.gz`).
    pub compression: Compression,
}

impl FileEntry {
    /// The entry for `path` found under `root`, if fihris reads its format.
    pub fn new(path: PathBuf, root: &Path) -> Option<FileEntry> {
        let (format, compression) = Format::and_compression(&path)?;
        Some(FileEntry {
            id: relative_id(&path, root),
            root: root.to_path_buf(),
            path,
            format,
            compression,
        })
    }
}

/// How [`walk_roots`] walks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Folders left out (an index folder inside a corpus folder must not be
    /// read as articles).
    pub exclude: Vec<PathBuf>,
    /// Follow symbolic links that lead out of the root they were found
    /// under (links that stay inside it are always followed).
    pub follow: bool,
}

/// Lists the files under `roots` (folders or single files). A root that does
/// not exist is an error; problems with single files below a root are
/// returned as skipped entries.
pub fn collect_files(roots: &[PathBuf]) -> Result<(Vec<FileEntry>, Vec<Skipped>), IngestError> {
    walk_roots(roots, &WalkOptions::default()).map(|w| (w.files, w.skipped))
}

/// What [`walk_roots`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked {
    /// The files to read, in walk order.
    pub files: Vec<FileEntry>,
    /// What is not read, and why, in walk order.
    pub skipped: Vec<Skipped>,
    /// Folders below a root that could not be listed (permission denied):
    /// what they hold is unknown, not gone.
    pub unlisted: Vec<PathBuf>,
}

/// Like [`collect_files`], with options. Below a root, what is not read is
/// reported as skipped, in walk order: files of a type fihris does not read,
/// named pipes, devices and sockets (never opened: opening a named pipe
/// waits for a writer), file names that are not UTF-8 (an article's id is
/// its path), symbolic links out of the root (unless
/// [`WalkOptions::follow`]), link loops, and what cannot be listed or
/// reached (permission denied, removed while walked).
pub fn walk_roots(roots: &[PathBuf], options: &WalkOptions) -> Result<Walked, IngestError> {
    let exclude: Vec<PathBuf> = options
        .exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let excluded =
        |path: &Path| !exclude.is_empty() && path.canonicalize().is_ok_and(|c| exclude.contains(&c));
    let mut files = Vec::new();
    let mut unlisted = Vec::new();
    // Shared with the walker's filter, which reports links out of the root.
    let skipped = std::cell::RefCell::new(Vec::new());
    for root in roots {
        let root_error = |error| IngestError::Root {
            path: root.clone(),
            error,
        };
        let meta = std::fs::metadata(root).map_err(root_error)?;
        if meta.is_file() {
            let base = root.parent().map(Path::to_path_buf).unwrap_or_default();
            add_file(root.clone(), &base, &mut files, &mut skipped.borrow_mut());
            continue;
        }
        if !meta.is_dir() {
            return Err(root_error(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("not a file or a folder ({})", kind_name(meta.file_type())),
            )));
        }
        // A root that cannot be listed is an error, as a missing one is:
        // a sync would otherwise remove everything it holds.
        std::fs::read_dir(root).map_err(root_error)?;
        let real_root = root.canonicalize().map_err(root_error)?;
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && is_hidden(e.file_name()) {
                    return false;
                }
                if e.file_type().is_dir() && excluded(e.path()) {
                    return false;
                }
                if e.depth() > 0 && e.path_is_symlink() && !options.follow {
                    // A dangling link goes on, to be reported as unreadable.
                    let out = e.path().canonicalize().is_ok_and(|t| !t.starts_with(&real_root));
                    if out {
                        skipped.borrow_mut().push(Skipped {
                            path: e.path().to_path_buf(),
                            line: None,
                            reason:
                                "symbolic link out of the indexed folder, not followed (--follow follows it)"
                                    .to_string(),
                        });
                        return false;
                    }
                }
                true
            });
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let kind = entry.file_type();
                    if kind.is_file() {
                        add_file(entry.into_path(), root, &mut files, &mut skipped.borrow_mut());
                    } else if !kind.is_dir() {
                        skipped.borrow_mut().push(Skipped {
                            path: entry.into_path(),
                            line: None,
                            reason: format!("not a regular file ({})", kind_name(kind)),
                        });
                    }
                }
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else if let Some(io) = err.io_error() {
                        if path.is_dir() {
                            unlisted.push(path.clone());
                        }
                        format!("cannot read: {}", io_reason(io))
                    } else {
                        err.to_string()
                    };
                    skipped.borrow_mut().push(Skipped {
                        path,
                        line: None,
                        reason,
                    });
                }
            }
        }
    }
    Ok(Walked {
        files,
        skipped: skipped.into_inner(),
        unlisted,
    })
}

/// What a file that is neither a regular file nor a folder is: "named
/// pipe", "character device"…
pub(crate) fn kind_name(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "named pipe";
        }
        if kind.is_char_device() {
            return "character device";
        }
        if kind.is_block_device() {
            return "block device";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    if kind.is_symlink() {
        return "symbolic link";
    }
    "special file"
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Names (without extension, case-insensitive) of the files that document a
/// folder rather than hold an article: a corpus folder's README or LICENSE
/// must not turn up in search results.
const DOCUMENTATION_NAMES: &[&str] = &["changelog", "copying", "license", "licence", "readme"];

/// Whether `path` is a README, LICENSE… file.
fn is_documentation(path: &Path) -> bool {
    let stem = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .unwrap_or_default()
        .to_ascii_lowercase();
    DOCUMENTATION_NAMES.contains(&stem.as_str())
}

fn add_file(path: PathBuf, root: &Path, files: &mut Vec<FileEntry>, skipped: &mut Vec<Skipped>) {
    // The id (and the key the index keeps the file under) is text: a name
    // of other bytes would be stored mangled, and two such names could
    // collide.
    if path.strip_prefix(root).unwrap_or(&path).to_str().is_none() {
        skipped.push(Skipped {
            path,
            line: None,
            reason: "file name is not valid UTF-8".to_string(),
        });
        return;
    }
    if is_documentation(&path) {
        skipped.push(Skipped {
            path,
            line: None,
            reason: "documentation file (README, LICENSE…), not an article".to_string(),
        });
        return;
    }
    if let Some(entry) = FileEntry::new(path.clone(), root) {
        files.push(entry);
        return;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    // "x.pdf.gz" says ".pdf.gz": the inner type is the unsupported one.
    let ext_start = match lower.strip_suffix(".gz") {
        Some(inner) => inner.rfind('.').filter(|i| *i > 0).or_else(|| lower.rfind('.')),
        None => lower.rfind('.'),
    };
    let reason = match ext_start.filter(|i| *i > 0) {
        Some(i) => format!("unsupported file type {}", &name[i..]),
        None => "unsupported file type (no extension)".to_string(),
    };
    skipped.push(Skipped {
        path,
        line: None,
        reason,
    });
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
    fn formats_and_compression_by_name() {
        let cases = [
            ("a.txt", Some((Format::Text, Compression::None))),
            ("a.md", Some((Format::Markdown, Compression::None))),
            ("a.Markdown", Some((Format::Markdown, Compression::None))),
            ("a.htm", Some((Format::Html, Compression::None))),
            ("x.jsonl.gz", Some((Format::JsonLines, Compression::Gzip))),
            ("a.HTML.GZ", Some((Format::Html, Compression::Gzip))),
            ("b.txt.gz", Some((Format::Text, Compression::Gzip))),
            ("d.json.gz", Some((Format::Json, Compression::Gzip))),
            ("c.gz", None),
            ("d.pdf.gz", None),
            ("e.tar.gz", None),
            (".txt", None),
            ("README", None),
        ];
        for (name, expected) in cases {
            assert_eq!(Format::and_compression(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn unsupported_gz_is_reported_with_its_inner_type() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        for name in ["a.pdf.gz", "b.gz", "c.md.gz", "d", "e.tar.gz"] {
            std::fs::write(dir.path().join(name), "x")?;
        }
        let (files, skipped) = collect_files(&[dir.path().to_path_buf()]).map_err(std::io::Error::other)?;
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].compression, Compression::Gzip);
        assert_eq!(files[0].format, Format::Markdown);
        let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "unsupported file type .pdf.gz",
                "unsupported file type .gz",
                "unsupported file type (no extension)",
                "unsupported file type .tar.gz",
            ]
        );
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
        let (files, skipped) = walk_roots(
            &[dir.path().to_path_buf()],
            &WalkOptions {
                exclude: vec![dir.path().join("index")],
                ..WalkOptions::default()
            },
        )
        .map(|w| (w.files, w.skipped))
        .map_err(std::io::Error::other)?;
        assert_eq!(files.len(), 1);
        assert!(skipped.is_empty());
        Ok(())
    }

    #[test]
    fn documentation_files_are_reported_not_read() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        for name in [
            "README.md",
            "readme.txt",
            "LICENSE",
            "Licence.txt",
            "readmission.txt",
        ] {
            std::fs::write(dir.path().join(name), "x")?;
        }
        let (files, skipped) = collect_files(&[dir.path().to_path_buf()]).map_err(std::io::Error::other)?;
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, vec!["readmission.txt"]);
        assert_eq!(skipped.len(), 4);
        assert!(skipped.iter().all(|s| s.reason.starts_with("documentation file")));
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

    #[cfg(unix)]
    fn reasons(skipped: &[Skipped]) -> Vec<String> {
        skipped
            .iter()
            .map(|s| {
                let name = s.path.file_name().unwrap_or_default().to_string_lossy();
                format!("{name}: {}", s.reason)
            })
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn pipes_sockets_and_other_names_are_reported_unopened() -> std::io::Result<()> {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("c");
        std::fs::create_dir_all(&root)?;
        std::fs::write(root.join("a.txt"), "a")?;
        let status = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.txt"))
            .status()?;
        assert!(status.success());
        let _socket = std::os::unix::net::UnixListener::bind(root.join("sock.txt"))?;
        std::fs::write(root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")), "x")?;
        let (files, skipped) = collect_files(std::slice::from_ref(&root)).map_err(std::io::Error::other)?;
        assert_eq!(files.len(), 1);
        assert_eq!(
            reasons(&skipped),
            [
                "caf\u{fffd}.txt: file name is not valid UTF-8",
                "pipe.txt: not a regular file (named pipe)",
                "sock.txt: not a regular file (socket)",
            ]
        );
        // A pipe named as a root is an error, not an empty corpus; a
        // pipe put in a file's place is refused, not waited on.
        let err = collect_files(&[root.join("pipe.txt")])
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err(format!(
                "cannot read {}: not a file or a folder (named pipe)",
                root.join("pipe.txt").display()
            ))
        );
        let err = crate::open_regular(&root.join("pipe.txt"))
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(err, Err("not a regular file (named pipe)".to_string()));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_are_followed_only_when_asked() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("c");
        let out = dir.path().join("out");
        std::fs::create_dir_all(root.join("sub"))?;
        std::fs::create_dir_all(&out)?;
        std::fs::write(root.join("sub/a.txt"), "a")?;
        std::fs::write(out.join("b.txt"), "b")?;
        std::os::unix::fs::symlink(&out, root.join("away"))?;
        std::os::unix::fs::symlink(out.join("b.txt"), root.join("b.txt"))?;
        std::os::unix::fs::symlink(root.join("sub"), root.join("within"))?;
        let walk = |follow| {
            walk_roots(
                std::slice::from_ref(&root),
                &WalkOptions {
                    follow,
                    ..WalkOptions::default()
                },
            )
            .map_err(std::io::Error::other)
            .map(|w| (w.files, w.skipped))
        };
        let (files, skipped) = walk(false)?;
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["sub/a.txt", "within/a.txt"]);
        let out_reason = "symbolic link out of the indexed folder, not followed (--follow follows it)";
        assert_eq!(
            reasons(&skipped),
            [format!("away: {out_reason}"), format!("b.txt: {out_reason}")]
        );
        let (files, skipped) = walk(true)?;
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["away/b.txt", "b.txt", "sub/a.txt", "within/a.txt"]);
        assert!(skipped.is_empty());
        Ok(())
    }
}
