//! Bytes → articles for one web page (`.html`): decoding with the page's
//! declared charset, the HTML extractor (title, body, metadata, JSON-LD,
//! dates, authors), boilerplate removal. Checks: no panic; text out is NFC.
#![no_main]

use fihris_fuzz::{assert_nfc, scratch_file};
use fihris_ingest::{ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let entry = scratch_file("read_html", "page.html", data);
    if let Ok(read) = Reader::new(ReadOptions::default()).read(&entry) {
        read.articles.iter().for_each(assert_nfc);
    }
});
