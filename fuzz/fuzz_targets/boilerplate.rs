//! Boilerplate removal: a body → (body kept, boilerplate removed). Checks:
//! no panic; the two parts together are the body's paragraphs, none lost
//! or invented.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let (kept, removed) = fihris_ingest::boilerplate::strip(&body);
    // Each part is its paragraphs joined by a blank line; both together
    // hold every paragraph once, so only one separator is missing.
    let separator = if kept.is_empty() || removed.is_empty() {
        0
    } else {
        2
    };
    let paragraphs = |s: &str| s.split("\n\n").count();
    if !kept.is_empty() && !removed.is_empty() {
        assert_eq!(paragraphs(&kept) + paragraphs(&removed), paragraphs(&body));
    }
    assert!(kept.len() + removed.len() + separator <= body.len() + 2);
});
