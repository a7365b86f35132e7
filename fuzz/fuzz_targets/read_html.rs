//! Bytes → articles for one web page (`.html`): decoding with the page's
//! declared charset, the HTML extractor (title, body, metadata, JSON-LD,
//! dates, authors), boilerplate removal. Checks: no panic; text out is NFC.
#![no_main]

use fihris_fuzz::scratch;
use fihris_ingest::{FileEntry, ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = scratch().join("read_html");
    let _ = std::fs::create_dir_all(&root);
    let path = root.join("page.html");
    std::fs::write(&path, data).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let Some(entry) = FileEntry::new(path.clone(), &root) else {
        panic!("page.html is not a readable file name");
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
});
