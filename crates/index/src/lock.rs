//! The writer lock: one process writes to an index at a time.
//!
//! The lock itself is tantivy's (an operating-system file lock held by the
//! index writer). Beside it, `fihris-writer.pid` names the process that
//! holds it, so that a second writer is told who to wait for.

use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::directory::INDEX_WRITER_LOCK;
use tantivy::{Index, IndexWriter};

use crate::disk::WriteErrors;
use crate::error::IndexError;

/// The index writer of a sync, and the pid file that names its process
/// (removed when the writer goes).
pub(crate) struct Writing {
    pub index: Index,
    pub writer: IndexWriter,
    /// The index's failed writes (the index was opened with them watched).
    pub errors: WriteErrors,
    _pid: Option<PidFile>,
}

impl Writing {
    /// `error`, or, when a write of the index failed before it, the
    /// failed write: tantivy's own error then says only that a thread
    /// died.
    pub fn explain(errors: &WriteErrors, error: IndexError) -> IndexError {
        match (error, errors.first()) {
            (IndexError::Tantivy(_), Some((path, error))) => IndexError::Write { path, error },
            (error, _) => error,
        }
    }
}

/// Takes the writer lock of `index` at `dir` (opened with its writes
/// watched by `errors`), for `threads` indexing threads sharing
/// `memory_budget` bytes (at least 16 MiB each). Fails with
/// [`IndexError::Locked`] when another process holds it.
pub(crate) fn lock(
    dir: &Path,
    index: Index,
    errors: WriteErrors,
    threads: usize,
    memory_budget: usize,
) -> Result<Writing, IndexError> {
    let budget = memory_budget.max(threads * (16 << 20));
    let writer: IndexWriter = match index.writer_with_num_threads(threads, budget) {
        Ok(w) => w,
        Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => return Err(locked(dir)),
        // The lock file cannot be created (a read-only file system).
        Err(tantivy::TantivyError::LockFailure(LockError::IoError(e), _)) => {
            let error = match e.raw_os_error() {
                Some(code) => std::io::Error::from_raw_os_error(code),
                None => std::io::Error::new(e.kind(), e.to_string()),
            };
            return Err(IndexError::Write {
                path: dir.join(&INDEX_WRITER_LOCK.filepath),
                error,
            });
        }
        Err(e) => return Err(Writing::explain(&errors, e.into())),
    };
    // Files a failed or killed sync left behind (written, never committed)
    // go first: they take space, and the same sync run again would write
    // files of the same names (a segment's deletes at the same operation
    // stamp), which tantivy refuses to overwrite.
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| Writing::explain(&errors, e.into()))?;
    Ok(Writing {
        index,
        writer,
        errors,
        _pid: PidFile::write(dir),
    })
}

/// The error for a locked index, naming the process that holds it when it
/// left its pid.
fn locked(dir: &Path) -> IndexError {
    let pid = std::fs::read_to_string(dir.join(PidFile::NAME))
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    IndexError::Locked {
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
        if std::fs::write(&path, std::process::id().to_string()).is_err() {
            // Created but not written (a full disk): no empty file left.
            let _ = std::fs::remove_file(&path);
            return None;
        }
        Some(PidFile(path))
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
