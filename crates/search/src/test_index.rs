//! Test helper: a small index built in a temporary folder from articles
//! given as (id, lang, title, body), for in-process tests of the read side.

use fihris_index::{build_index, BuildOptions};

use crate::Fihris;

/// An index of `articles` and the folder that holds it (removed on drop).
pub(crate) struct TestIndex {
    pub fihris: Fihris,
    _dir: tempfile::TempDir,
}

/// Builds an index of `articles`: (id, lang, title, body).
pub(crate) fn index_of(articles: &[(&str, &str, &str, &str)]) -> TestIndex {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap_or_else(|e| panic!("{e}"));
    let mut lines = String::new();
    for (id, lang, title, body) in articles {
        let record = serde_json::json!({"id": id, "lang": lang, "title": title, "body": body});
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    std::fs::write(corpus.join("articles.jsonl"), lines).unwrap_or_else(|e| panic!("{e}"));
    let index = dir.path().join("index");
    build_index(&index, &BuildOptions::new(vec![corpus])).unwrap_or_else(|e| panic!("{e}"));
    let fihris = Fihris::open(&index).unwrap_or_else(|e| panic!("{e}"));
    TestIndex { fihris, _dir: dir }
}
