//! The Rust anchors of bench/web.sh: rs-trafilatura and dom_smoothie, run
//! over the same pages as fihris; and fihris's own reader timed the same
//! way, for a speed comparison of equal work.
//!
//!   fihris-web-anchors rs-trafilatura|dom_smoothie|fihris LIST > OUT.jsonl
//!
//! LIST names one page a line (a `.html.gz` file, or plain HTML). For each
//! page, one JSON line: `file` (the file name), `text` (the extracted main
//! text, "" when the library gave nothing), `date` (YYYY-MM-DD when the
//! library gives a publication date, else null), `date_raw` (what the
//! library gave), `ms` (time spent in the library, milliseconds: parsing and
//! extraction, not reading, decompressing or decoding the file) and `error`
//! (null, or the library's error or panic message).
//!
//! Encoding: the pages are stored as served, in any encoding. Both libraries
//! take a `&str` (rs-trafilatura also has `extract_bytes`, which only reads a
//! `<meta charset>` and otherwise assumes UTF-8), so the driver decodes each
//! page once, the same way for both: a byte-order mark wins; then bytes that
//! are valid UTF-8 are UTF-8 (a page declaring latin-1 but written in ASCII
//! reads the same either way); then the charset the page declares
//! (`<meta charset>` or `http-equiv` in the first 4 KiB); then chardetng's
//! guess. Undecodable bytes become U+FFFD. This is what a browser does, less
//! the HTTP header (which the stored pages do not keep).
//!
//! `fihris`: fihris-ingest's reader, as `fihris index` calls it, on the
//! page's bytes (read and decompressed before the clock starts, like the
//! others); its `ms` includes decoding the bytes (fihris detects the
//! encoding itself), extraction, boilerplate removal, title, date, source,
//! author and language detection: everything `fihris index` does to a page
//! before indexing it. `text` is the stored body, `date` the article's.

use std::io::{BufRead, BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use encoding_rs::Encoding;
use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 || !matches!(args[1].as_str(), "rs-trafilatura" | "dom_smoothie" | "fihris") {
        eprintln!("usage: fihris-web-anchors rs-trafilatura|dom_smoothie|fihris LIST");
        std::process::exit(2);
    }
    let lib = args[1].as_str();
    let list = std::fs::File::open(&args[2]).unwrap_or_else(|e| {
        eprintln!("cannot open {}: {e}", args[2]);
        std::process::exit(2);
    });
    // Panics are caught per page and reported in `error`; keep stderr quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in BufReader::new(list).lines() {
        let path = line.expect("read LIST");
        let path = path.trim();
        if path.is_empty() {
            continue;
        }
        let file = std::path::Path::new(path)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string());
        let record = if lib == "fihris" {
            fihris(path)
        } else {
            match read_page(path) {
                Ok(html) => run(lib, &html),
                Err(e) => Outcome { error: Some(format!("read: {e}")), ..Outcome::default() },
            }
        };
        let row = json!({
            "file": file,
            "text": record.text,
            "date": record.date_raw.as_deref().and_then(ymd),
            "date_raw": record.date_raw,
            "ms": record.ms,
            "error": record.error,
        });
        writeln!(out, "{row}").expect("write stdout");
    }
    out.flush().expect("flush stdout");
}

#[derive(Default)]
struct Outcome {
    text: String,
    date_raw: Option<String>,
    ms: f64,
    error: Option<String>,
}

fn run(lib: &str, html: &str) -> Outcome {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| match lib {
        "rs-trafilatura" => rs_trafilatura(html),
        _ => dom_smoothie(html),
    }));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(Ok((text, date_raw))) => Outcome { text, date_raw, ms, error: None },
        Ok(Err(e)) => Outcome { ms, error: Some(e), ..Outcome::default() },
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Outcome { ms, error: Some(format!("panic: {msg}")), ..Outcome::default() }
        }
    }
}

/// fihris-ingest's reader on the page (see the module comment). A page that
/// gives no article (fihris skips it, with its reason) gives empty text.
fn fihris(path: &str) -> Outcome {
    let path = std::path::PathBuf::from(path);
    let root = path.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let Some(entry) = fihris_ingest::FileEntry::new(path, &root) else {
        return Outcome { error: Some("not a format fihris reads".into()), ..Outcome::default() };
    };
    let reader = fihris_ingest::Reader::new(fihris_ingest::ReadOptions::default());
    let size = std::fs::metadata(&entry.path).map(|m| m.len()).unwrap_or(0);
    // Reading and decompressing the file, before the clock starts.
    let opened = match reader.open(&entry, size) {
        Ok(opened) => opened,
        Err(e) => return Outcome { error: Some(format!("read: {e}")), ..Outcome::default() },
    };
    let start = Instant::now();
    let mut articles = Vec::new();
    let result = opened.articles(&mut |file| articles.extend(file.articles));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    match (result, articles.into_iter().next()) {
        (Ok(()), Some(a)) => Outcome {
            text: a.body,
            date_raw: a.date.map(|d| d.to_string()),
            ms,
            error: None,
        },
        (Ok(()), None) => Outcome { ms, ..Outcome::default() },
        (Err(e), _) => Outcome { ms, error: Some(e.to_string()), ..Outcome::default() },
    }
}

/// rs-trafilatura with its default options, which are trafilatura's
/// evaluation settings (no comments, tables included, no formatting).
fn rs_trafilatura(html: &str) -> Result<(String, Option<String>), String> {
    let options = rs_trafilatura::Options::default();
    let result = rs_trafilatura::extract_with_options(html, &options).map_err(|e| e.to_string())?;
    // The library gives the date as a UTC timestamp; its calendar day is what we score.
    let date = result.metadata.date.map(|d| d.format("%Y-%m-%d").to_string());
    Ok((result.content_text, date))
}

/// dom_smoothie (readability.js in Rust) with its default configuration,
/// except the text mode: the default (`Raw`) is the DOM's textContent, which
/// glues paragraphs together ("end.</p><p>Next" gives "end.Next") so that a
/// snippet spanning two blocks could never match; `Formatted` puts line
/// breaks between blocks, as the other extractors do.
fn dom_smoothie(html: &str) -> Result<(String, Option<String>), String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut readability =
        dom_smoothie::Readability::new(html, None, Some(cfg)).map_err(|e| e.to_string())?;
    let article = readability.parse().map_err(|e| e.to_string())?;
    Ok((article.text_content.to_string(), article.published_time))
}

/// "2019-06-20T08:00:00+02:00" → "2019-06-20": the leading calendar date of
/// an ISO 8601 timestamp, when there is one.
fn ymd(raw: &str) -> Option<String> {
    let s = raw.trim();
    let b = s.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
    {
        Some(s[..10].to_string())
    } else {
        None
    }
}

fn read_page(path: &str) -> std::io::Result<String> {
    let raw = std::fs::read(path)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    Ok(decode(&bytes))
}

/// See the module comment: BOM, valid UTF-8, declared charset, chardetng.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let enc = declared_charset(bytes).unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new();
        det.feed(bytes, true);
        det.guess(None, true)
    });
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset a page declares in its first 4 KiB (`charset=...` in a
/// `<meta>` tag), as the HTML prescan would find it, unless it names UTF-8
/// or UTF-16 (then chardetng guesses).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= lower.len() || lower[i] != b'=' {
            continue;
        }
        i += 1;
        while i < lower.len() && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_:.".contains(&lower[i])) {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // A page that reaches this point is not valid UTF-8, whatever it
            // declares; an ASCII `<meta>` cannot declare UTF-16 truthfully.
            if enc != encoding_rs::UTF_8 && enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
