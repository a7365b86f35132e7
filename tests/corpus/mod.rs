//! The repository's sample corpus, indexed into a temporary index.

use std::path::Path;

use crate::util::{str_field, Hay};

#[test]
fn repository_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = corpus.to_str().expect("a UTF-8 path");
    let hay = Hay::new();
    let out = hay.run(&["--index", crate::util::INDEX, "index", corpus]);
    out.assert_code(0);
    assert!(out.stdout.starts_with("indexed "), "{}", out.stdout);
    assert!(out.stdout.contains(" (ar "), "{}", out.stdout);
    assert!(out.stdout.contains(", fr "), "{}", out.stdout);

    let hits = hay.search_json(&["jumelage", "--limit", "50"]);
    assert!(hits.len() >= 3, "{hits:?}");
    for hit in &hits {
        assert_eq!(hit["lang"], "fr", "{hit}");
    }
    // The articles about a jumelage (the word in their title) come first.
    let in_title: Vec<bool> = hits
        .iter()
        .map(|h| str_field(h, "title").to_lowercase().contains("jumelage"))
        .collect();
    assert!(in_title[0], "{hits:?}");
    let first_other = in_title.iter().position(|t| !t).unwrap_or(in_title.len());
    assert!(
        in_title[first_other..].iter().all(|t| !t),
        "title matches are not all first: {in_title:?}"
    );
    let top: Vec<&str> = hits[..2].iter().map(|h| str_field(h, "id")).collect();
    assert!(top.contains(&"fr/anem-pole-emploi-jumelage.txt"), "{top:?}");

    let hits = hay.search_json(&["توأمة", "--limit", "50"]);
    assert!(hits.len() >= 2, "{hits:?}");
    for hit in &hits {
        assert_eq!(hit["lang"], "ar", "{hit}");
    }
    assert!(
        hits.iter().any(|h| h["id"] == "ar/anem-pole-emploi-tawama.txt"),
        "{hits:?}"
    );
}
