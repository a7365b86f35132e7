//! Helpers shared by the fuzz targets: cutting an input into parts, and a
//! small index of the repository's sample corpus, built once per process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository's root (the folder above `fuzz/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// A folder of this process under the system's temporary folder, named
/// with the process id. libFuzzer exits without running destructors, so
/// nothing removes it at exit; the folders of processes that are gone
/// (every job of `-fork` is a process) are removed when a new one is made.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let temp = std::env::temp_dir();
        remove_stale(&temp);
        let dir = temp.join(format!("{PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        dir
    })
}

const PREFIX: &str = "fihris-fuzz-";

/// Removes the scratch folders of processes that no longer run (on Linux,
/// where `/proc` tells).
fn remove_stale(temp: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// `bytes` written as the file `name` in the scratch folder of `target`,
/// and its entry for the reader.
pub fn scratch_file(target: &str, name: &str, bytes: &[u8]) -> fihris_ingest::FileEntry {
    let root = scratch().join(target);
    let _ = std::fs::create_dir_all(&root);
    let path = root.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    fihris_ingest::FileEntry::new(path, &root).unwrap_or_else(|| panic!("{name} is not a readable file name"))
}

/// The article's title and body are in NFC, as the analysis's offsets
/// need.
pub fn assert_nfc(article: &fihris_ingest::Article) {
    for (what, text) in [("title", &article.title), ("body", &article.body)] {
        assert_eq!(fihris_lang::nfc(text), text.as_str(), "{what} is not NFC");
    }
}

/// The index of `corpus/` (the sample corpus), built once per process in
/// [`scratch`], opened.
pub fn small_index() -> &'static fihris_search::Fihris {
    static INDEX: OnceLock<fihris_search::Fihris> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = small_index_dir();
        fihris_search::Fihris::open(dir).unwrap_or_else(|e| panic!("cannot open {}: {e}", dir.display()))
    })
}

/// The folder of [`small_index`], built on first use.
pub fn small_index_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = scratch().join("index");
        let corpus = repo_root().join("corpus");
        let options = fihris_index::BuildOptions::new(vec![corpus]);
        fihris_index::build_index(&dir, &options).unwrap_or_else(|e| panic!("cannot build the index: {e}"));
        dir
    })
}

/// Reads an input from the front: control bytes, then the rest as text.
#[derive(Debug)]
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Input<'a> {
        Input { data }
    }

    /// The next byte, or 0 when none is left.
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// The bytes left.
    pub fn rest(&self) -> &'a [u8] {
        self.data
    }

    /// The bytes up to the next `sep` (or the end), consumed with it.
    pub fn part(&mut self, sep: u8) -> &'a [u8] {
        match self.data.iter().position(|&b| b == sep) {
            Some(i) => {
                let part = &self.data[..i];
                self.data = &self.data[i + 1..];
                part
            }
            None => std::mem::take(&mut self.data),
        }
    }

    /// Like [`Input::part`], as text (invalid UTF-8 replaced).
    pub fn text(&mut self, sep: u8) -> String {
        String::from_utf8_lossy(self.part(sep)).into_owned()
    }

    /// Whether nothing is left.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}
