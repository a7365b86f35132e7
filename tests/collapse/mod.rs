//! `fihris search --collapse`: one hit per story. Near-duplicates among the
//! matches are folded into their best-ranked member, which lists the ids of
//! the others ("copies" in JSON and CSV, a line in human output); paging
//! counts stories.
//!
//! The stories are those of [`crate::stories`]. "textile" matches the
//! three copies of story A (.txt, HTML rewrite, verbatim copy) and the two
//! other stories D and E: five articles, three stories.

use serde_json::Value;

use crate::stories::{self, AR_REWRITE, AR_TXT, A_COPY, A_HTML, A_TXT, D_TLEMCEN, E_BEJAIA};
use crate::util::{ids, parse_csv, sorted, Hay};

/// The query matching the five French articles.
const QUERY: &str = "textile";

/// The `copies` field of a hit, as a list of ids.
fn copies(hit: &Value) -> Vec<String> {
    hit["copies"]
        .as_array()
        .unwrap_or_else(|| panic!("no copies array in {hit}"))
        .iter()
        .map(|c| c.as_str().expect("a string id").to_string())
        .collect()
}

/// Sorted ids, from string literals.
fn set(ids: &[&str]) -> Vec<String> {
    sorted(ids.iter().map(|s| s.to_string()).collect())
}

fn is_a(id: &str) -> bool {
    [A_TXT, A_HTML, A_COPY].contains(&id)
}

/// Without --collapse every match is a hit and no hit has a "copies" field;
/// with it, the three copies of story A are one hit, at the rank of the
/// best-ranked copy, listing the other two; the other stories keep their
/// order and have no copies.
#[test]
fn collapse_folds_copies_into_the_best_ranked_one() {
    let hay = stories::indexed();
    let all = hay.search_json(&[QUERY, "--limit", "20"]);
    assert_eq!(
        sorted(ids(&all)),
        set(&[A_COPY, A_HTML, A_TXT, D_TLEMCEN, E_BEJAIA])
    );
    for hit in &all {
        assert!(hit.get("copies").is_none(), "{hit}");
    }

    let folded = hay.search_json(&[QUERY, "--limit", "20", "--collapse"]);
    assert_eq!(folded.len(), 3, "{folded:?}");
    // The stories in the order of their best-ranked member.
    let mut expected: Vec<String> = Vec::new();
    for id in ids(&all) {
        if !is_a(&id) || !expected.iter().any(|e| is_a(e)) {
            expected.push(id);
        }
    }
    assert_eq!(ids(&folded), expected);
    for hit in &folded {
        let id = hit["id"].as_str().expect("an id");
        if is_a(id) {
            let mut story = copies(hit);
            story.push(id.to_string());
            assert_eq!(sorted(story), set(&[A_COPY, A_HTML, A_TXT]), "{hit}");
        } else {
            assert_eq!(copies(hit), Vec::<String>::new(), "{hit}");
        }
    }
    // Folding changes neither the representative's score nor its fields.
    let best = all
        .iter()
        .find(|h| h["id"] == folded[0]["id"])
        .expect("the same hit");
    assert_eq!(best["score"], folded[0]["score"]);
    assert_eq!(best["snippet"], folded[0]["snippet"]);
}

/// The Arabic pair folds too.
#[test]
fn collapse_folds_the_arabic_pair() {
    let hay = stories::indexed();
    assert_eq!(sorted(hay.ids(&["سيدي خطاب"])), set(&[AR_REWRITE, AR_TXT]));
    let folded = hay.search_json(&["سيدي خطاب", "--collapse"]);
    assert_eq!(folded.len(), 1, "{folded:?}");
    let id = folded[0]["id"].as_str().expect("an id");
    let other = if id == AR_TXT { AR_REWRITE } else { AR_TXT };
    assert_eq!(copies(&folded[0]), [other]);
}

/// With `--sort date`, a story is shown by its newest copy: the .txt of 10
/// March, not the HTML page of 9 March nor the undated copy.
#[test]
fn collapse_with_date_order_keeps_the_newest_copy() {
    let hay = stories::indexed();
    let folded = hay.search_json(&[QUERY, "--sort", "date", "--collapse"]);
    assert_eq!(ids(&folded), [E_BEJAIA, A_TXT, D_TLEMCEN]);
    assert_eq!(sorted(copies(&folded[1])), set(&[A_COPY, A_HTML]));
}

/// CSV gets a "copies" column (ids separated by spaces) with --collapse,
/// before the last one, "author", and none without.
#[test]
fn collapse_adds_a_csv_column() {
    let hay = stories::indexed();
    let out = hay.search(&[QUERY, "--csv"]);
    out.assert_code(0);
    let rows = parse_csv(&out.stdout);
    assert_eq!(
        rows[0],
        ["id", "path", "title", "lang", "date", "source", "score", "snippet", "author"]
    );
    assert_eq!(rows.len(), 6);

    let out = hay.search(&[QUERY, "--csv", "--collapse"]);
    out.assert_code(0);
    let rows = parse_csv(&out.stdout);
    assert_eq!(
        rows[0],
        ["id", "path", "title", "lang", "date", "source", "score", "snippet", "copies", "author"]
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
    for row in &rows[1..] {
        assert_eq!(row.len(), 10, "{row:?}");
        if is_a(&row[0]) {
            let mut story: Vec<String> = row[8].split(' ').map(str::to_string).collect();
            story.push(row[0].clone());
            assert_eq!(sorted(story), set(&[A_COPY, A_HTML, A_TXT]), "{row:?}");
        } else {
            assert_eq!(row[8], "", "{row:?}");
        }
    }
}

/// Human output: the folded hit says how many other copies there are and
/// names them; the footer counts matching articles and stories.
#[test]
fn collapse_human_output() {
    let hay = stories::indexed();
    let out = hay.search(&[QUERY]);
    out.assert_code(0);
    assert_eq!(out.stdout.lines().last(), Some("1–5 of 5 matching articles"));
    assert!(!out.stdout.contains("other copies"), "{}", out.stdout);

    let out = hay.search(&[QUERY, "--collapse"]);
    out.assert_code(0);
    assert_eq!(
        out.stdout.lines().last(),
        Some("1–3 of 5 matching articles (3 stories once near-duplicates are folded)")
    );
    // The copies line, unwrapped.
    let at = out
        .stdout
        .find("    + 2 other copies: ")
        .unwrap_or_else(|| panic!("no copies line:\n{}", out.stdout));
    let block = &out.stdout[at..];
    let block = &block[..block.find("\n\n").unwrap_or(block.len())];
    let line = block.split_whitespace().collect::<Vec<_>>().join(" ");
    let named = [A_TXT, A_HTML, A_COPY]
        .iter()
        .filter(|id| line.contains(*id))
        .count();
    assert_eq!(named, 2, "{line}");
    assert_eq!(out.stdout.matches("other cop").count(), 1, "{}", out.stdout);

    let out = hay.search(&["Sidi Khettab", "--collapse"]);
    out.assert_code(0);
    assert_eq!(
        out.stdout.lines().last(),
        Some("1–1 of 3 matching articles (1 story once near-duplicates are folded)")
    );
}

/// Paging counts stories: each page of one hit is a different story, in
/// the order of the whole list, and the page after the last is empty.
#[test]
fn collapse_pages_over_stories() {
    let hay = stories::indexed();
    let folded = hay.search_json(&[QUERY, "--collapse"]);
    assert_eq!(folded.len(), 3);
    for (offset, hit) in folded.iter().enumerate() {
        let offset = offset.to_string();
        let page = hay.search_json(&[QUERY, "--collapse", "--limit", "1", "--offset", &offset]);
        assert_eq!(
            ids(&page),
            [hit["id"].as_str().expect("an id")],
            "offset {offset}"
        );
        assert_eq!(page[0]["copies"], hit["copies"], "offset {offset}");
    }
    let page = hay.search_json(&[QUERY, "--collapse", "--limit", "2", "--offset", "1"]);
    assert_eq!(ids(&page), ids(&folded[1..]));
    let out = hay.search(&["--json", QUERY, "--collapse", "--offset", "3"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");

    // Human output numbers the stories of the page.
    let out = hay.search(&[QUERY, "--collapse", "--limit", "1", "--offset", "2"]);
    out.assert_code(0);
    assert!(out.stdout.starts_with(" 3. "), "{}", out.stdout);
    assert_eq!(
        out.stdout.lines().last(),
        Some("3–3 of 5 matching articles (3 stories once near-duplicates are folded)")
    );
}

/// Copies are near-duplicates by body: a different story on the same
/// subject is never folded, even when alone with one copy.
#[test]
fn collapse_keeps_different_stories_apart() {
    let hay = Hay::new();
    hay.write(&format!("corpus/{A_TXT}"), &stories::a_txt())
        .write(&format!("corpus/{D_TLEMCEN}"), &stories::d_txt());
    hay.index();
    let folded = hay.search_json(&["textile", "--collapse"]);
    assert_eq!(sorted(ids(&folded)), set(&[A_TXT, D_TLEMCEN]));
    for hit in &folded {
        assert_eq!(copies(hit), Vec::<String>::new(), "{hit}");
    }
}
