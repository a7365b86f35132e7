//! Bytes → articles for a text file (`.txt`, byte 0 even) or a Markdown
//! file (`.md`, byte 0 odd): encoding detection (UTF-8, UTF-16, code pages,
//! mojibake repair), header lines (date, source, byline), saved pages read
//! as text, the Markdown extractor, datelines, boilerplate removal. Checks:
//! no panic; text out is NFC.
#![no_main]

use fihris_fuzz::{scratch, Input};
use fihris_ingest::{FileEntry, ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let name = if input.byte() & 1 == 0 { "a.txt" } else { "a.md" };
    let root = scratch().join("read_text");
    let _ = std::fs::create_dir_all(&root);
    let path = root.join(name);
    std::fs::write(&path, input.rest()).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let Some(entry) = FileEntry::new(path.clone(), &root) else {
        panic!("{name} is not a readable file name");
    };
    if let Ok(read) = Reader::new(ReadOptions::default()).read(&entry) {
        for article in &read.articles {
            assert_eq!(
                fihris_lang::nfc(&article.title),
                article.title,
                "title is not NFC"
            );
            assert_eq!(fihris_lang::nfc(&article.body), article.body, "body is not NFC");
        }
    }
    let _ = std::fs::remove_file(&path);
});
