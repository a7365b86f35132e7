//! Reading a large JSON Lines file as a stream, so that neither its bytes
//! nor all its articles are ever in memory at once.
//!
//! Two passes. [`scan`] reads the file once through a fixed buffer: its
//! content hash (of the bytes on disk, compressed or not, as
//! [`content_hash`] gives for the whole file), its size, and whether its
//! text is plain UTF-8: valid throughout, no NUL byte, no byte-order mark of
//! another encoding. Only such a file is then read by
//! [`read_json_lines_in_parts`], a part of records at a time; any other
//! (UTF-16, a broken byte) goes through the whole-file reading, which
//! decodes it or refuses it with the same message as before, before a
//! single article of it is indexed.

use std::hash::Hasher;
use std::io::{BufRead, BufReader, Read};

use crate::{
    error, json, too_large, Compression, FileArticles, FileEntry, IngestError, ReadOptions, Skipped,
};

/// Bytes read at a time.
const BUFFER: usize = 1 << 20;

/// A hash of a file's bytes (SipHash 2-4 with zero keys: the same on every
/// run and version), as stored in an index to tell whether a file changed.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = hasher();
    h.write(bytes);
    h.finish()
}

/// SipHash 2-4 with zero keys, as std's deprecated `SipHasher` computed
/// it (not `DefaultHasher`, whose algorithm may change between Rust
/// versions: the hashes stored in indexes must not).
type Sip = siphasher::sip::SipHasher;

fn hasher() -> Sip {
    Sip::new()
}

/// The size and [`content_hash`] of a file's bytes, read through a fixed
/// buffer.
pub fn file_hash(path: &std::path::Path) -> std::io::Result<(u64, u64)> {
    let mut reader = Hashing {
        inner: crate::open_regular(path)?,
        hasher: hasher(),
        len: 0,
    };
    std::io::copy(&mut reader, &mut std::io::sink())?;
    Ok((reader.len, reader.hasher.finish()))
}

/// What [`scan`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scanned {
    /// Bytes on disk.
    pub len: u64,
    /// [`content_hash`] of those bytes.
    pub hash: u64,
    /// The text (decompressed) is UTF-8 without NUL bytes or another
    /// encoding's byte-order mark: [`read_json_lines_in_parts`] can read it.
    pub plain_utf8: bool,
}

/// A reader that hashes what passes through it.
struct Hashing<R> {
    inner: R,
    hasher: Sip,
    len: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.write(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
}

fn gzip_error(entry: &FileEntry, e: &std::io::Error) -> IngestError {
    let detail = error::io_reason(e);
    let detail = detail.strip_prefix("corrupt ").unwrap_or(&detail).to_string();
    IngestError::Decode {
        path: entry.path.clone(),
        reason: format!("corrupt gzip data: {detail}"),
    }
}

/// Reads the file once: its size, hash, and whether its text is plain UTF-8
/// (see [`Scanned`]). Fails as the whole-file reading would on a file that
/// cannot be read, is too large (decompressed, for `.gz`) or is not gzip.
pub(crate) fn scan(entry: &FileEntry, options: &ReadOptions) -> Result<Scanned, IngestError> {
    let (file, _) = crate::open_capped(entry, options)?;
    let mut raw = Hashing {
        inner: file,
        hasher: hasher(),
        len: 0,
    };
    let mut check = Utf8Check::default();
    let mut text_len = 0u64;
    let mut buf = vec![0u8; BUFFER];
    {
        let mut text: Box<dyn Read + '_> = match entry.compression {
            Compression::None => Box::new(&mut raw),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(&mut raw)),
        };
        loop {
            let n = match text.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if entry.compression == Compression::Gzip => return Err(gzip_error(entry, &e)),
                Err(error) => {
                    return Err(IngestError::Read {
                        path: entry.path.clone(),
                        error,
                    })
                }
            };
            text_len += n as u64;
            if text_len > options.max_bytes {
                return Err(too_large(entry, None, options));
            }
            check.feed(&buf[..n]);
        }
    }
    // The rest of the file (what a gzip stream left unread) is hashed too.
    std::io::copy(&mut raw, &mut std::io::sink()).map_err(|error| IngestError::Read {
        path: entry.path.clone(),
        error,
    })?;
    Ok(Scanned {
        len: raw.len,
        hash: raw.hasher.finish(),
        plain_utf8: text_len > 0 && check.finish(),
    })
}

/// Incremental check that bytes are UTF-8 without NUL, do not open with
/// a UTF-16 or UTF-32 byte-order mark, and are not mostly control bytes
/// (what the whole-file reading calls binary data).
#[derive(Default)]
struct Utf8Check {
    /// The end of the previous chunk: an incomplete character.
    carry: Vec<u8>,
    started: bool,
    bad: bool,
    bytes: usize,
    controls: usize,
}

impl Utf8Check {
    fn feed(&mut self, chunk: &[u8]) {
        if self.bad {
            return;
        }
        if !self.started {
            self.started = true;
            if chunk.starts_with(&[0xFF, 0xFE]) || chunk.starts_with(&[0xFE, 0xFF]) {
                self.bad = true;
                return;
            }
        }
        if chunk.contains(&0) {
            self.bad = true;
            return;
        }
        self.bytes += chunk.len();
        self.controls += chunk
            .iter()
            .filter(|&&b| crate::decode::is_control_byte(b))
            .count();
        let mut joined;
        let bytes = if self.carry.is_empty() {
            chunk
        } else {
            joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(chunk);
            &joined[..]
        };
        match std::str::from_utf8(bytes) {
            Ok(_) => {}
            // An incomplete character at the end: wait for the next chunk.
            Err(e) if e.error_len().is_none() => self.carry = bytes[e.valid_up_to()..].to_vec(),
            Err(_) => self.bad = true,
        }
    }

    fn finish(self) -> bool {
        !self.bad && self.carry.is_empty() && self.controls * 20 <= self.bytes
    }
}

/// Reads a JSON Lines file that [`scan`] found plain UTF-8 as a stream,
/// handing its articles to `sink` in parts of at most `records` records
/// (each part parsed on every core), in line order. Line numbers, skipped
/// records and repairs are those of the whole-file reading.
pub(crate) fn read_json_lines_in_parts(
    entry: &FileEntry,
    options: &ReadOptions,
    records: usize,
    sink: &mut dyn FnMut(FileArticles),
) -> Result<(), IngestError> {
    let (file, _) = crate::open_capped(entry, options)?;
    let text: Box<dyn Read> = match entry.compression {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(file)),
    };
    let mut reader = BufReader::with_capacity(BUFFER, text);
    let records = records.max(1);
    let holder = usize::try_from(options.max_holder_bytes()).unwrap_or(usize::MAX);
    let mut lines: Vec<(usize, String)> = Vec::with_capacity(records);
    let mut oversized: Vec<Skipped> = Vec::new();
    let mut line_no = 0;
    loop {
        let line = read_line(&mut reader, holder, line_no == 0).map_err(|e| match entry.compression {
            Compression::Gzip => gzip_error(entry, &e),
            Compression::None => IngestError::Read {
                path: entry.path.clone(),
                error: e,
            },
        })?;
        let end = matches!(line, Line::End);
        match line {
            Line::End => {}
            Line::Text(line) => {
                line_no += 1;
                if !line.trim().is_empty() {
                    lines.push((line_no, line));
                }
            }
            Line::TooLong(len) => {
                line_no += 1;
                oversized.push(Skipped {
                    path: entry.path.clone(),
                    line: Some(line_no),
                    reason: json::record_too_large(len, options),
                });
            }
        }
        if lines.len() + oversized.len() >= records || (end && !(lines.is_empty() && oversized.is_empty())) {
            let numbered: Vec<(usize, &str)> = lines.iter().map(|(i, l)| (*i, l.as_str())).collect();
            let mut part = json::parse_numbered(entry, &numbered, options);
            if !oversized.is_empty() {
                part.skipped.append(&mut oversized);
                part.skipped.sort_by_key(|s| s.line);
            }
            sink(part);
            lines.clear();
        }
        if end {
            return Ok(());
        }
    }
}

/// A line read by [`read_line`].
enum Line {
    /// The end of the text.
    End,
    /// A line, without its line break (and a byte-order mark opening the
    /// first).
    Text(String),
    /// A line longer than the limit, of this many bytes (as [`Line::Text`]
    /// counts them), skipped over unkept.
    TooLong(u64),
}

/// Reads the next line, keeping it only when it has at most `limit` bytes.
/// The text is UTF-8 ([`scan`] said so); a character cut by a change of
/// the file would be replaced, not trusted.
fn read_line(reader: &mut impl BufRead, limit: usize, first: bool) -> std::io::Result<Line> {
    // Room for the line break and byte-order mark, not counted.
    let keep = limit.saturating_add(5);
    let mut buf = Vec::new();
    let mut total = 0u64;
    let mut too_long = false;
    let (mut last, mut before_last) = (0u8, 0u8);
    let mut bom = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        if first && total == 0 {
            bom = available.starts_with(&[0xEF, 0xBB, 0xBF]);
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let n = chunk.len();
        total += n as u64;
        for &b in &chunk[n.saturating_sub(2)..] {
            before_last = last;
            last = b;
        }
        if !too_long {
            if buf.len() + n > keep {
                too_long = true;
                buf = Vec::new();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(n);
        if done {
            break;
        }
    }
    if total == 0 {
        return Ok(Line::End);
    }
    if too_long {
        // The length without the line break and byte-order mark.
        let mut len = total;
        if last == b'\n' {
            len -= 1;
            if before_last == b'\r' {
                len -= 1;
            }
        }
        if bom {
            len = len.saturating_sub(3);
        }
        return Ok(Line::TooLong(len));
    }
    let mut line = match String::from_utf8(buf) {
        Ok(line) => line,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if first && line.starts_with('\u{FEFF}') {
        line.drain(..'\u{FEFF}'.len_utf8());
    }
    let end = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(end);
    if line.len() > limit {
        return Ok(Line::TooLong(line.len() as u64));
    }
    Ok(Line::Text(line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn entry(dir: &std::path::Path, name: &str, bytes: &[u8]) -> FileEntry {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        FileEntry::new(path, dir).unwrap_or_else(|| panic!("unsupported {name}"))
    }

    /// The hashes stored in indexes never change: values computed with
    /// std's SipHash 2-4 with zero keys, before the hasher was swapped.
    #[test]
    fn content_hash_is_pinned() {
        assert_eq!(content_hash(b""), 2_202_906_307_356_721_367);
        assert_eq!(content_hash(b"fihris"), 4_257_858_130_837_324_553);
        assert_eq!(
            content_hash("توأمة\n".repeat(100).as_bytes()),
            13_693_552_064_857_047_827
        );
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
        encoder.finish().unwrap_or_else(|e| panic!("{e}"))
    }

    const LINES: &str = "\u{FEFF}{\"id\":\"a\",\"title\":\"Café\",\"body\":\"Texte.\"}\r\n\n{broken\n{\"id\":\"b\",\"title\":\"توأمة\",\"body\":\"نص\"}";

    #[test]
    fn hashes_agree_whole_and_streamed() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        for (name, bytes) in [
            ("a.jsonl", LINES.as_bytes().to_vec()),
            ("a.jsonl.gz", gzip(LINES.as_bytes())),
        ] {
            let e = entry(dir.path(), name, &bytes);
            let scanned = scan(&e, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(scanned.hash, content_hash(&bytes));
            assert_eq!(scanned.len, bytes.len() as u64);
            assert_eq!(file_hash(&e.path)?, (bytes.len() as u64, content_hash(&bytes)));
            assert!(scanned.plain_utf8, "{name}");
        }
        Ok(())
    }

    /// Streamed parts give the articles, line numbers and skipped records of
    /// the whole-file reading.
    #[test]
    fn streamed_parts_read_as_the_whole_file() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        for (name, bytes) in [
            ("a.jsonl", LINES.as_bytes().to_vec()),
            ("a.jsonl.gz", gzip(LINES.as_bytes())),
        ] {
            let e = entry(dir.path(), name, &bytes);
            let whole = crate::read_bytes(&e, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let mut parts = Vec::new();
            read_json_lines_in_parts(&e, &ReadOptions::default(), 1, &mut |p| parts.push(p))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(parts.len(), 3);
            let key = |a: &crate::Article| (a.id.clone(), a.line, a.title.clone());
            let streamed: Vec<_> = parts.iter().flat_map(|p| p.articles.iter().map(key)).collect();
            assert_eq!(streamed, whole.articles.iter().map(key).collect::<Vec<_>>());
            assert_eq!(streamed[0], ("a".to_string(), Some(1), "Café".to_string()));
            let skipped: Vec<_> = parts
                .iter()
                .flat_map(|p| p.skipped.iter().map(|s| s.line))
                .collect();
            assert_eq!(skipped, [Some(3)]);
        }
        Ok(())
    }

    #[test]
    fn only_plain_utf8_is_streamed() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "{\"title\":\"a\"}\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let mut split = "{\"title\":\"".as_bytes().to_vec();
        split.extend(std::iter::repeat_n(b'a', BUFFER - split.len() - 1));
        split.extend_from_slice("é\"}\n".as_bytes()); // é across two reads
        for (name, bytes, plain) in [
            ("utf16.jsonl", utf16, false),
            ("latin1.jsonl", b"{\"title\":\"caf\xe9\"}\n".to_vec(), false),
            ("nul.jsonl", b"{\"title\":\"a\"}\0\n".to_vec(), false),
            ("controls.jsonl", b"\x01\x02\x03{}\n".to_vec(), false),
            ("split.jsonl", split, true),
        ] {
            let e = entry(dir.path(), name, &bytes);
            let scanned = scan(&e, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(scanned.plain_utf8, plain, "{name}");
        }
        let e = entry(dir.path(), "bad.jsonl.gz", b"\x1f\x8b\x08\x00garbage");
        assert!(scan(&e, &ReadOptions::default())
            .map_err(|e| e.reason())
            .is_err_and(|r| r.starts_with("corrupt gzip data")));
        Ok(())
    }
}
