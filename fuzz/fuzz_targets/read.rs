//! Bytes → articles through the public `Reader`, for every format (with or
//! without gzip), every encoding path (the input re-encoded as UTF-16,
//! windows-1256, windows-1252 or double-encoded UTF-8 to reach the
//! decoders' success paths, or left raw for detection and refusal), read
//! whole or in parts. Checks: no panic; text out is NFC; a JSON Lines file
//! read in parts gives the articles it gives read whole.
//!
//! Input: byte 0 = format (bits 0-2), gzip (bit 3), encoding (bits 4-6),
//! in parts (bit 7); byte 1 = records per part (bits 0-2), a small size cap
//! (bit 7); the rest is the file.
#![no_main]

use std::io::Write;

use fihris_fuzz::{assert_nfc, scratch_file, Input};
use fihris_ingest::{Article, FileArticles, Format, ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 8] = ["txt", "md", "html", "jsonl", "json", "markdown", "htm", "ndjson"];

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let (how, limits) = (input.byte(), input.byte());
    let text = input.rest();
    let bytes = encode(text, (how >> 4) & 7);
    let gzip = how & 8 != 0;
    let ext = EXTENSIONS[usize::from(how & 7)];
    let name = if gzip {
        format!("a.{ext}.gz")
    } else {
        format!("a.{ext}")
    };
    let on_disk = if gzip { gzip_bytes(&bytes) } else { bytes };
    let entry = scratch_file("read", &name, &on_disk);
    let max_bytes = if limits & 0x80 != 0 {
        (on_disk.len() as u64).max(1) * 3 / 2
    } else {
        ReadOptions::DEFAULT_MAX_BYTES
    };
    let options = ReadOptions {
        max_bytes,
        ..ReadOptions::default()
    };
    let whole = Reader::new(options).read(&entry);
    if let Ok(read) = &whole {
        check(read);
    }
    if how & 0x80 != 0 {
        let reader = Reader {
            options,
            in_parts_above: 0,
            part_records: usize::from(limits & 7) + 1,
        };
        let mut articles: Vec<Article> = Vec::new();
        let parts = reader.open(&entry, on_disk.len() as u64).and_then(|opened| {
            opened.articles(&mut |part| {
                check(&part);
                articles.extend(part.articles);
            })
        });
        if entry.format == Format::JsonLines {
            if let (Ok(()), Ok(whole)) = (&parts, &whole) {
                assert_eq!(articles, whole.articles, "read in parts and read whole differ");
            }
        }
    }
    let _ = std::fs::remove_file(&entry.path);
});

/// Text of an article is NFC and its date valid.
fn check(read: &FileArticles) {
    for article in &read.articles {
        assert_nfc(article);
        if let Some(date) = article.date {
            assert_eq!(
                fihris_ingest::Date::new(date.year(), date.month(), date.day()),
                Some(date)
            );
        }
    }
}

/// The input bytes as the file: raw, or its text re-encoded.
fn encode(bytes: &[u8], how: u8) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    match how {
        1 => utf16(&text, true, [0xFF, 0xFE]),
        2 => utf16(&text, false, [0xFE, 0xFF]),
        3 => utf16(&text, true, []),
        4 => encoding_rs::WINDOWS_1256.encode(&text).0.into_owned(),
        5 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        6 => {
            // UTF-8 read as windows-1252 and saved as UTF-8: mojibake.
            let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
            latin.into_owned().into_bytes()
        }
        _ => bytes.to_vec(),
    }
}

fn utf16<const N: usize>(text: &str, little: bool, bom: [u8; N]) -> Vec<u8> {
    let mut out = bom.to_vec();
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}
