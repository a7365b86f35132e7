//! The repository's sample corpus, indexed into a temporary index.

use std::path::Path;

use serde_json::Value;

use crate::util::{ids, str_field, Hay, INDEX};

/// The two-outlet pair of the sample corpus: one story, the .txt published
/// first, the HTML page a day later.
const PAIR_TXT: &str = "fr/anem-pole-emploi-jumelage.txt";
const PAIR_HTML: &str = "fr/anem-pole-emploi-partenariat-ue.html";
/// The same story in Arabic.
const PAIR_AR: &str = "ar/anem-pole-emploi-tawama.txt";

/// A hay whose index holds the repository's sample corpus (read in place).
fn sample_corpus() -> Hay {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = corpus.to_str().expect("a UTF-8 path");
    let hay = Hay::new();
    hay.run(&["--index", INDEX, "index", corpus]).assert_code(0);
    hay
}

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

/// `dups` on the sample corpus finds one group: the two-outlet pair, the
/// .txt of 15 January 2020 first.
#[test]
fn sample_corpus_dups_finds_the_two_outlet_pair() {
    let hay = sample_corpus();
    let out = hay.run(&["--index", INDEX, "dups", "--json"]);
    out.assert_code(0);
    let groups = out.json();
    assert_eq!(groups.len(), 1, "{groups:?}");
    let group = &groups[0];
    assert_eq!(group["size"], 2);
    assert_eq!(group["earliest"], PAIR_TXT);
    let members = group["members"].as_array().expect("members");
    assert_eq!(ids(members), [PAIR_TXT, PAIR_HTML]);
    assert_eq!(members[0]["date"], "2020-01-15");
    assert_eq!(members[1]["date"], "2020-01-16");
    let similarity = members[1]["similarity"].as_f64().expect("a similarity");
    assert!((0.5..1.0).contains(&similarity), "{group}");
}

/// `related` to the .txt of the pair: the HTML page first, as a
/// near-duplicate; the Arabic version of the story among the first hits,
/// in the other language.
#[test]
fn sample_corpus_related_to_the_jumelage_article() {
    let hay = sample_corpus();
    let out = hay.run(&["--index", INDEX, "related", PAIR_TXT, "--json"]);
    out.assert_code(0);
    let hits = out.json();
    assert!(!ids(&hits).contains(&PAIR_TXT.to_string()), "{hits:?}");
    assert_eq!(hits[0]["id"], PAIR_HTML, "{hits:?}");
    let similarity = hits[0]["duplicate"].as_f64().expect("a near-duplicate");
    assert!(similarity >= 0.5, "{}", hits[0]);
    assert_eq!(hits[0]["cross"], false);
    assert!(
        hits[1..].iter().all(|h| h["duplicate"] == Value::Null),
        "{hits:?}"
    );
    let arabic = hits
        .iter()
        .position(|h| h["id"] == PAIR_AR)
        .unwrap_or_else(|| panic!("{PAIR_AR} is not related: {:?}", ids(&hits)));
    assert!(arabic < 3, "{PAIR_AR} at rank {}: {:?}", arabic + 1, ids(&hits));
    assert_eq!(hits[arabic]["cross"], true);
    // The Arabic version shares "jumelage" through its translation.
    let shared = hits[arabic]["shared"].as_array().expect("shared");
    assert!(
        shared
            .iter()
            .any(|s| s["word"] == "jumelage" && s["translated"] == true),
        "{}",
        hits[arabic]
    );
}

/// `search jumelage --collapse` folds the pair into one hit, the .txt (the
/// better match), whose copies name the HTML page.
#[test]
fn sample_corpus_search_collapse_folds_the_pair() {
    let hay = sample_corpus();
    let all = hay.search_json(&["jumelage", "--limit", "50"]);
    let folded = hay.search_json(&["jumelage", "--limit", "50", "--collapse"]);
    assert_eq!(folded.len(), all.len() - 1, "{:?}", ids(&folded));
    assert!(
        !ids(&folded).contains(&PAIR_HTML.to_string()),
        "{:?}",
        ids(&folded)
    );
    let hit = folded
        .iter()
        .find(|h| h["id"] == PAIR_TXT)
        .expect("the .txt of the pair");
    assert_eq!(hit["copies"], serde_json::json!([PAIR_HTML]));
    for other in folded.iter().filter(|h| h["id"] != PAIR_TXT) {
        assert_eq!(other["copies"], serde_json::json!([]), "{other}");
    }
}

/// An excluded word that the analyzer splits into a phrase (two scripts)
/// and that no article holds, with `--any`: the same matches as without
/// the exclusion. A debug build of fihris used to end here on a debug
/// assertion of tantivy's phrase scorer (exit 2, "internal error"; found by
/// the `query` fuzz target).
#[test]
fn sample_corpus_excluded_phrase_that_matches_nothing() {
    let hay = sample_corpus();
    let with = ["--json", "--any", "--limit", "100", "--", " -تsfi ا وأم"];
    let without = ["--json", "--any", "--limit", "100", "ا وأم"];
    for (with, without) in [
        (hay.search(&with), hay.search(&without)),
        (hay.search_cross(&with), hay.search_cross(&without)),
    ] {
        let expected = ids(&without.json_results());
        assert!(!expected.is_empty(), "no matches without the exclusion");
        assert_eq!(ids(&with.json_results()), expected);
    }
}
