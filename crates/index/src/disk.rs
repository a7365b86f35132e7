//! The index folder as fihris opens it: tantivy's memory-mapped directory,
//! with every failed write remembered (the file and the error), and
//! readable on a read-only file system.
//!
//! Tantivy does not say which file it could not write: an indexing thread
//! that fails (a full disk) only "kills" the writer, and the error it met is
//! dropped. A sync that fails asks [`WriteErrors::first`] what went wrong
//! first, so that its error names the file and the reason ("no space left
//! on device"), not a thread.
//!
//! A reader takes tantivy's meta lock (a file, `.tantivy-meta.lock`) while
//! it opens the segments of a commit, so that a writer's clean-up does not
//! delete them meanwhile. On a read-only file system the file cannot be
//! created, and no writer can run either: the reader goes without it.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::META_LOCK;

use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// The first write that failed in an index folder: the file and the error.
#[derive(Debug, Clone, Default)]
pub(crate) struct WriteErrors(Arc<Mutex<Option<(PathBuf, io::Error)>>>);

impl WriteErrors {
    /// Remembers `error` on `path`, unless an earlier write failed.
    fn record(&self, path: &Path, error: &io::Error) {
        let Ok(mut first) = self.0.lock() else {
            return;
        };
        if first.is_none() {
            // io::Error is not Clone: the same OS error, or the same text.
            let copy = match error.raw_os_error() {
                Some(code) => io::Error::from_raw_os_error(code),
                None => io::Error::new(error.kind(), error.to_string()),
            };
            *first = Some((path.to_path_buf(), copy));
        }
    }

    /// The first write that failed, if one did.
    pub(crate) fn first(&self) -> Option<(PathBuf, io::Error)> {
        let first = self.0.lock().ok()?;
        first.as_ref().map(|(path, error)| {
            let copy = match error.raw_os_error() {
                Some(code) => io::Error::from_raw_os_error(code),
                None => io::Error::new(error.kind(), error.to_string()),
            };
            (path.clone(), copy)
        })
    }
}

/// A [`MmapDirectory`] whose failed writes go to a [`WriteErrors`].
#[derive(Debug, Clone)]
pub(crate) struct WatchedDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    errors: WriteErrors,
}

impl WatchedDirectory {
    /// The index folder `root` (which must exist), its failed writes
    /// recorded in `errors`.
    pub(crate) fn open(root: &Path, errors: &WriteErrors) -> Result<WatchedDirectory, OpenDirectoryError> {
        Ok(WatchedDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            errors: errors.clone(),
        })
    }

    fn record(&self, path: &Path, error: &io::Error) {
        self.errors.record(&self.root.join(path), error);
    }
}

impl Directory for WatchedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let inner = self.inner.open_write(path).inspect_err(|e| {
            if let OpenWriteError::IoError { io_error, .. } = e {
                self.record(path, io_error);
            }
        })?;
        let watched = WatchedWrite {
            inner,
            path: self.root.join(path),
            errors: self.errors.clone(),
        };
        // No second buffer: the inner writer has one.
        Ok(BufWriter::with_capacity(0, Box::new(watched)))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner
            .atomic_write(path, data)
            .inspect_err(|e| self.record(path, e))
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner
            .sync_directory()
            .inspect_err(|e| self.errors.record(&self.root, e))
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if e.kind() == io::ErrorKind::ReadOnlyFilesystem && lock.filepath == META_LOCK.filepath =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file being written, its errors recorded.
struct WatchedWrite {
    inner: WritePtr,
    path: PathBuf,
    errors: WriteErrors,
}

impl WatchedWrite {
    fn check<T>(&self, result: io::Result<T>) -> io::Result<T> {
        result.inspect_err(|e| self.errors.record(&self.path, e))
    }
}

impl Write for WatchedWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.check(result)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let result = self.inner.write_all(buf);
        self.check(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.check(result)
    }
}

impl TerminatingWrite for WatchedWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        let result = self.inner.terminate_ref(token);
        self.check(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_is_remembered_with_its_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let errors = WriteErrors::default();
        let watched = WatchedDirectory::open(dir.path(), &errors).unwrap_or_else(|e| panic!("{e}"));
        let mut file = watched
            .open_write(Path::new("a.bin"))
            .unwrap_or_else(|e| panic!("{e}"));
        file.write_all(b"bytes").unwrap_or_else(|e| panic!("{e}"));
        file.terminate().unwrap_or_else(|e| panic!("{e}"));
        assert!(errors.first().is_none());
        errors.record(Path::new("/x/b.bin"), &io::Error::from_raw_os_error(28));
        errors.record(Path::new("/x/c.bin"), &io::Error::from_raw_os_error(5));
        let (path, error) = errors.first().unwrap_or_else(|| panic!("no error recorded"));
        assert_eq!(path, Path::new("/x/b.bin"));
        assert_eq!(error.raw_os_error(), Some(28));
    }
}
