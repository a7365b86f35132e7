//! Bytes → articles for a text file (`.txt`, byte 0 even) or a Markdown
//! file (`.md`, byte 0 odd): encoding detection (UTF-8, UTF-16, code pages,
//! mojibake repair), header lines (date, source, byline), saved pages read
//! as text, the Markdown extractor, datelines, boilerplate removal. Checks:
//! no panic; text out is NFC.
#![no_main]

use fihris_fuzz::{assert_nfc, scratch_file, Input};
use fihris_ingest::{ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let name = if input.byte() & 1 == 0 { "a.txt" } else { "a.md" };
    let entry = scratch_file("read_text", name, input.rest());
    if let Ok(read) = Reader::new(ReadOptions::default()).read(&entry) {
        read.articles.iter().for_each(assert_nfc);
    }
    let _ = std::fs::remove_file(&entry.path);
});
