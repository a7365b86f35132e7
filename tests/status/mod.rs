//! `fihris status`: the index, its articles by language, the last sync, the
//! roots, and what changed since, without indexing.

use serde_json::Value;

use crate::util::{ar_article, fr_article, Hay, INDEX};

fn hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/a.txt",
        &fr_article("Jumelage", "Le jumelage avance à Oran."),
    )
    .write("corpus/ar/b.txt", &ar_article("توأمة", "تتقدم التوأمة في وهران."));
    hay.index();
    hay
}

#[test]
fn status_reports_the_index_and_pending_changes() {
    let hay = hay();
    let out = hay.run(&["--index", INDEX, "status"]);
    out.assert_code(0);
    assert!(
        out.stdout.contains(&format!("index:      {INDEX}")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("articles:   2 (ar 1, fr 1)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("roots:      corpus"), "{}", out.stdout);
    assert!(out.stdout.contains("last sync:  20"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("changes:    0 added, 0 changed, 0 removed since the last sync\n"),
        "{}",
        out.stdout
    );

    hay.write(
        "corpus/fr/c.txt",
        &fr_article("Formation", "Une formation commence."),
    );
    hay.remove("corpus/ar/b.txt");
    let out = hay.run(&["--index", INDEX, "status", "--json"]);
    out.assert_code(0);
    let status: Value = serde_json::from_str(out.stdout.trim()).expect("one JSON object");
    assert_eq!(status["articles"], 2);
    assert_eq!(status["added"], serde_json::json!(["corpus/fr/c.txt"]));
    assert_eq!(status["removed"], serde_json::json!(["corpus/ar/b.txt"]));
    assert_eq!(status["changed"], serde_json::json!([]));
    assert_eq!(status["roots"], serde_json::json!(["corpus"]));
    // Status indexed nothing: the new article is not searchable yet.
    hay.search(&["formation"]).assert_code(1);
}

#[test]
fn status_of_a_missing_index_is_an_error() {
    let hay = Hay::new();
    let out = hay.run(&["--index", "nowhere", "status"]);
    out.assert_code(2);
    assert!(out.stderr.contains("no index at nowhere"), "{}", out.stderr);
}
