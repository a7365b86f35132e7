//! The one way in: a [`Reader`] turns a file into articles and decides how
//! to read it.
//!
//! Most files are read whole: their bytes (compressed, for `.gz`) are read
//! under the size cap, hashed, decoded and parsed. A JSON Lines file larger
//! than [`Reader::in_parts_above`] bytes is read in parts of
//! [`Reader::part_records`] records, so that its articles are never all in
//! memory: first scanned once (size, hash, and whether its text is plain
//! UTF-8), then streamed a part at a time when it is, or read whole and
//! handed over in parts when it is not (to be decoded, or refused before
//! any article is handed over). Either way the caller learns the file's
//! length and hash before its first article ([`Opened`]), and every error is
//! an [`IngestError`].

use crate::{FileArticles, FileEntry, Format, IngestError, ReadOptions};

/// Reads files into articles (see the module's opening).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    /// Limits for one file.
    pub options: ReadOptions,
    /// A JSON Lines file larger than this many bytes is read in parts.
    pub in_parts_above: u64,
    /// Records per part.
    pub part_records: usize,
}

impl Reader {
    /// A reader with these limits that reads every file whole.
    pub fn new(options: ReadOptions) -> Reader {
        Reader {
            options,
            in_parts_above: u64::MAX,
            part_records: usize::MAX,
        }
    }

    /// Whether a file of `size` bytes on disk is read in parts (several
    /// calls of the sink of [`Opened::articles`]).
    pub fn in_parts(&self, entry: &FileEntry, size: u64) -> bool {
        entry.format == Format::JsonLines && size > self.in_parts_above
    }

    /// Opens a file of `size` bytes on disk (its stamp; the file may have
    /// changed since): reads it whole, or scans it when it is read in
    /// parts. Its length and hash are known from here on.
    pub fn open<'e>(&self, entry: &'e FileEntry, size: u64) -> Result<Opened<'e>, IngestError> {
        let (len, hash, how) = if self.in_parts(entry, size) {
            let scanned = crate::stream::scan(entry, &self.options)?;
            let how = How::Parts {
                plain_utf8: scanned.plain_utf8,
            };
            (scanned.len, scanned.hash, how)
        } else {
            let bytes = crate::read_capped(entry, &self.options)?;
            (bytes.len() as u64, crate::content_hash(&bytes), How::Whole(bytes))
        };
        Ok(Opened {
            entry,
            reader: *self,
            len,
            hash,
            how,
        })
    }

    /// Reads a whole file into articles.
    pub fn read(&self, entry: &FileEntry) -> Result<FileArticles, IngestError> {
        crate::read_file_with(entry, &self.options)
    }
}

/// A file opened by [`Reader::open`]: its length and hash, and its
/// articles to come.
#[derive(Debug)]
pub struct Opened<'e> {
    entry: &'e FileEntry,
    reader: Reader,
    /// Bytes on disk.
    pub len: u64,
    /// [`content_hash`](crate::content_hash) of those bytes.
    pub hash: u64,
    how: How,
}

/// How an opened file is read.
#[derive(Debug)]
enum How {
    /// Its bytes, read.
    Whole(Vec<u8>),
    /// In parts, streamed when its text is plain UTF-8.
    Parts { plain_utf8: bool },
}

impl Opened<'_> {
    /// Hands the file's articles to `sink`: in one part for a file read
    /// whole, else a part of records at a time, in file order. An error
    /// after some parts were handed over (a file cut or changed while read)
    /// ends the reading.
    pub fn articles(self, sink: &mut dyn FnMut(FileArticles)) -> Result<(), IngestError> {
        let Reader {
            options,
            part_records,
            ..
        } = self.reader;
        match self.how {
            How::Whole(bytes) => {
                sink(crate::read_bytes_with(self.entry, &bytes, &options)?);
                Ok(())
            }
            How::Parts { plain_utf8: true } => {
                crate::stream::read_json_lines_in_parts(self.entry, &options, part_records, sink)
            }
            How::Parts { plain_utf8: false } => {
                let bytes = crate::read_capped(self.entry, &options)?;
                crate::read_bytes_in_parts(self.entry, &bytes, &options, part_records, sink)
            }
        }
    }
}
