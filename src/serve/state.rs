//! The index as the server reads it: one open [`Fihris`] handle, shared by
//! the requests, and replaced when another process commits a sync.
//!
//! tantivy commits by writing the new segments first and then replacing
//! `meta.json` atomically (a rename). So the server compares the file's
//! identity (modification time, size, inode) with the one it opened; when
//! it changed, it opens the index again, and the requests already running
//! finish on the old handle (its segment files stay readable while open,
//! even once the writer deletes them). A request sees the old index or the
//! new one, never a half-written one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use anyhow::{Context, Result};
use fihris_search::Fihris;

/// What identifies one commit's `meta.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

impl Stamp {
    fn of(dir: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(dir.join("meta.json")).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            inode,
        })
    }
}

/// The open index and the commit it was opened at.
struct Opened {
    stamp: Option<Stamp>,
    fihris: Arc<Fihris>,
}

/// The index folder and its current handle.
pub struct SharedIndex {
    dir: PathBuf,
    current: Mutex<Opened>,
}

/// How many times opening is tried when a commit lands during the open (a
/// writer may remove the files of the commit being opened).
const OPEN_TRIES: usize = 3;

impl SharedIndex {
    /// Opens the index at `dir`.
    pub fn open(dir: &Path) -> Result<SharedIndex> {
        let stamp = Stamp::of(dir);
        let fihris = Fihris::open(dir).with_context(|| format!("cannot serve {}", dir.display()))?;
        Ok(SharedIndex {
            dir: dir.to_path_buf(),
            current: Mutex::new(Opened {
                stamp,
                fihris: Arc::new(fihris),
            }),
        })
    }

    /// The index as of its last commit: the handle already open, or a new
    /// one when a commit landed since. If the new commit cannot be opened,
    /// the old handle goes on serving (and the reason is said on stderr).
    pub fn get(&self) -> Arc<Fihris> {
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let stamp = Stamp::of(&self.dir);
        if stamp == current.stamp {
            return Arc::clone(&current.fihris);
        }
        let mut last_error = None;
        for _ in 0..OPEN_TRIES {
            // Read the stamp before opening: if another commit lands in
            // between, the next request opens again.
            let stamp = Stamp::of(&self.dir);
            match Fihris::open(&self.dir) {
                Ok(fihris) => {
                    *current = Opened {
                        stamp,
                        fihris: Arc::new(fihris),
                    };
                    return Arc::clone(&current.fihris);
                }
                Err(e) => last_error = Some(e),
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        if let Some(e) = last_error {
            eprintln!(
                "fihris: cannot reopen {} after a commit ({e}); serving the previous commit",
                self.dir.display()
            );
        }
        Arc::clone(&current.fihris)
    }
}
