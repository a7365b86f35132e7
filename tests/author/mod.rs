//! The `author` field: read from bylines, signatures, pages and records,
//! told from the publisher, printed by `show`, `search --json`/`--csv` and
//! `related --json`, filtered by `--author` and counted by `stats --by
//! author`.

use serde_json::Value;

use crate::util::{parse_csv, Hay, AR_FILLER, FR_FILLER, INDEX};

/// A hay with an article per way of naming (or not naming) an author, all
/// about "jumelage" (التوأمة in Arabic), indexed.
fn authors_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/byline.txt",
        &format!(
            "Jumelage entre l'ANEM et Pôle emploi\nPar Nadia B.\n12 mars 2019\n\n\
             Le jumelage durera deux ans.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/fr/agence.txt",
        &format!("Le jumelage en chiffres\nPar APS\n\nLe jumelage coûte 1,8 million d'euros.\n\n{FR_FILLER}\n"),
    )
    .write(
        "corpus/fr/signe.txt",
        &format!(
            "Bilan du jumelage à Oran\n\nLe jumelage a formé 300 conseillers.\n\n{FR_FILLER}\n\nKarim L.\n"
        ),
    )
    .write(
        "corpus/fr/accents.txt",
        &format!(
            "Un jumelage pour les saisonnières\nPar Leïla Aït-Ahmed\n\n\
             Le jumelage concerne les saisonnières.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/fr/correspondant.txt",
        &format!(
            "Le jumelage gagne Sfax\nDe notre correspondant à Sfax, Karim L.\n\n\
             Le jumelage arrive dans le sud.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/ar/kataba.txt",
        &format!("التوأمة في صفاقس\nكتب: سمير العلام\n\nوصلت التوأمة إلى الجنوب.\n\n{AR_FILLER}\n"),
    )
    .write(
        "corpus/ar/biqalam.txt",
        &format!("التوأمة بين الوكالتين\nبقلم: نادية بن علي\n\nانطلقت التوأمة المؤسساتية.\n\n{AR_FILLER}\n"),
    )
    .write(
        "corpus/web/meta.html",
        &format!(
            "<html lang=\"fr\"><head><title>Jumelage | Le Site</title>\
             <meta name=\"author\" content=\"Samir Allam\">\
             <meta property=\"og:site_name\" content=\"Le Site\"></head>\
             <body><article><h1>Le jumelage vu de Tunis</h1><p>Le jumelage s'étend à Tunis.</p>\
             <p>{FR_FILLER}</p></article></body></html>"
        ),
    )
    .write(
        "corpus/web/element.html",
        &format!(
            "<html lang=\"fr\"><head><title>Jumelage</title></head>\
             <body><article><h1>Le jumelage vu de Rabat</h1>\
             <div class=\"byline\">Par <a href=\"/auteurs/mb\">Mounir Bensalah</a></div>\
             <p>Le jumelage s'étend à Rabat.</p><p>{FR_FILLER}</p>\
             <div class=\"comments\"><span class=\"comment-author\">Un Lecteur</span></div>\
             </article></body></html>"
        ),
    )
    .write(
        "corpus/records.jsonl",
        &[
            r#"{"id":"rec-1","title":"Le jumelage à Sfax","body":"Le jumelage s'étend à Sfax. Les responsables ont présenté le calendrier.","lang":"fr","author":"Nadia Benali"}"#,
            r#"{"id":"rec-2","title":"Le jumelage à Sousse","body":"Le jumelage s'étend à Sousse. Les responsables ont présenté le calendrier.","lang":"fr","author":["Nadia Benali","Karim Lamri"]}"#,
            r#"{"id":"rec-3","title":"Le jumelage à Gabès","body":"Le jumelage s'étend à Gabès. Les responsables ont présenté le calendrier.","lang":"fr"}"#,
        ]
        .join("\n"),
    );
    hay.index();
    hay
}

/// The `author` and `source` of each hit of `search --json jumelage`
/// (and التوأمة), by id.
fn authors_by_id(hay: &Hay) -> Vec<(String, Value, Value)> {
    let mut hits = hay.search_json(&["--limit", "50", "jumelage"]);
    hits.extend(hay.search_json(&["التوأمة"]));
    let mut out: Vec<(String, Value, Value)> = hits
        .into_iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap_or_default().to_string(),
                h["author"].clone(),
                h["source"].clone(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn authors_of_every_format() {
    let hay = authors_hay();
    let s = |t: &str| Value::String(t.to_string());
    assert_eq!(
        authors_by_id(&hay),
        vec![
            ("ar/biqalam.txt".into(), s("نادية بن علي"), Value::Null),
            ("ar/kataba.txt".into(), s("سمير العلام"), Value::Null),
            ("fr/accents.txt".into(), s("Leïla Aït-Ahmed"), Value::Null),
            ("fr/agence.txt".into(), Value::Null, s("APS")),
            ("fr/byline.txt".into(), s("Nadia B."), Value::Null),
            ("fr/correspondant.txt".into(), s("Karim L."), Value::Null),
            ("fr/signe.txt".into(), s("Karim L."), Value::Null),
            ("rec-1".into(), s("Nadia Benali"), Value::Null),
            ("rec-2".into(), s("Nadia Benali, Karim Lamri"), Value::Null),
            ("rec-3".into(), Value::Null, Value::Null),
            ("web/element.html".into(), s("Mounir Bensalah"), Value::Null),
            ("web/meta.html".into(), s("Samir Allam"), s("Le Site")),
        ]
    );
}

/// Whether a JSON line's last field is `"author":` with `value`.
fn ends_with_author(line: &str, value: &str) -> bool {
    line.trim_end().ends_with(&format!(",\"author\":{value}}}"))
}

#[test]
fn author_is_the_last_field_of_search_json() {
    let hay = authors_hay();
    let out = hay.search(&["--json", "--collapse", "--explain", "sfax"]);
    out.assert_code(0);
    let line = out.stdout.lines().next().unwrap_or_default();
    assert!(line.starts_with(r#"{"id":"rec-1","path":"#), "{line}");
    assert!(line.contains(r#""copies":[]"#), "{line}");
    assert!(ends_with_author(line, r#""Nadia Benali""#), "{line}");
    let out = hay.search(&["--json", "gabès"]);
    assert!(
        ends_with_author(out.stdout.lines().next().unwrap_or_default(), "null"),
        "{}",
        out.stdout
    );
}

#[test]
fn search_by_author_ignores_case_and_accents() {
    let hay = authors_hay();
    let ids = |args: &[&str]| {
        let mut ids = hay.ids(args);
        ids.sort();
        ids
    };
    assert_eq!(ids(&["jumelage", "--author", "Nadia Benali"]), ["rec-1", "rec-2"]);
    assert_eq!(ids(&["jumelage", "--author", "leila ait"]), ["fr/accents.txt"]);
    assert_eq!(ids(&["jumelage", "--author", "LEÏLA"]), ["fr/accents.txt"]);
    assert_eq!(
        ids(&["jumelage", "--author", "karim"]),
        ["fr/correspondant.txt", "fr/signe.txt", "rec-2"]
    );
    assert_eq!(ids(&["التوأمة", "--author", "نادية"]), ["ar/biqalam.txt"]);
    // A publisher is not an author.
    hay.search(&["jumelage", "--author", "APS"]).assert_code(1);
    // Words of the name in a row, as for --source.
    hay.search(&["jumelage", "--author", "Benali Nadia"])
        .assert_code(1);
}

#[test]
fn csv_has_the_author_column_last() {
    let hay = authors_hay();
    for extra in [&[][..], &["--collapse"][..], &["--explain"][..]] {
        let mut args = vec!["--csv"];
        args.extend_from_slice(extra);
        args.extend(["--author", "nadia b", "jumelage"]);
        let out = hay.search(&args);
        out.assert_code(0);
        let rows = parse_csv(&out.stdout);
        assert_eq!(rows[0].last().map(String::as_str), Some("author"), "{extra:?}");
        assert_eq!(&rows[0][..6], ["id", "path", "title", "lang", "date", "source"]);
        assert_eq!(rows.len(), 2, "{extra:?}: {rows:?}");
        assert_eq!(rows[1].last().map(String::as_str), Some("Nadia B."));
    }
    let out = hay.search(&[
        "--csv",
        "--author",
        "Nadia Benali",
        "--limit",
        "1",
        "--",
        "jumelage",
    ]);
    let rows = parse_csv(&out.stdout);
    assert_eq!(
        rows[0],
        ["id", "path", "title", "lang", "date", "source", "score", "snippet", "author"]
    );
}

#[test]
fn show_and_related_print_the_author() {
    let hay = authors_hay();
    let out = hay.run(&["--index", INDEX, "show", "--json", "fr/byline.txt"]);
    out.assert_code(0);
    let shown = out.json().remove(0);
    assert_eq!(shown["author"], "Nadia B.");
    assert!(ends_with_author(&out.stdout, r#""Nadia B.""#), "{}", out.stdout);
    let out = hay.run(&["--index", INDEX, "--color", "never", "show", "fr/byline.txt"]);
    out.assert_code(0);
    assert!(out.stdout.lines().any(|l| l == "by Nadia B."), "{}", out.stdout);
    let out = hay.run(&["--index", INDEX, "--color", "never", "show", "fr/agence.txt"]);
    assert!(!out.stdout.contains("by "), "{}", out.stdout);

    let out = hay.run(&["--index", INDEX, "related", "--json", "--no-cross", "rec-1"]);
    out.assert_code(0);
    let hits = out.json();
    assert!(hits.iter().all(|h| h.get("author").is_some()), "{hits:?}");
    let rec2 = hits
        .iter()
        .find(|h| h["id"] == "rec-2")
        .expect("rec-2 is related");
    assert_eq!(rec2["author"], "Nadia Benali, Karim Lamri");
    assert!(
        out.stdout
            .lines()
            .all(|l| l.contains(r#""shared":["#) && l.contains(r#"],"author":"#)),
        "{}",
        out.stdout
    );
}

#[test]
fn stats_by_author() {
    let hay = authors_hay();
    let out = hay.run(&[
        "--index", INDEX, "stats", "--by", "author", "--csv", "--", "jumelage",
    ]);
    out.assert_code(0);
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows[0], ["bucket", "count"]);
    let count = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .map(|r| r[1].clone())
            .unwrap_or_default()
    };
    assert_eq!(count("unknown"), "2");
    assert_eq!(count("Nadia B."), "1");
    assert_eq!(count("Nadia Benali"), "1");
}

#[test]
fn an_index_of_the_previous_schema_must_be_rebuilt() {
    let hay = authors_hay();
    // The commit's payload says the index was written by schema 9.
    let meta_path = hay.join(INDEX).join("meta.json");
    let mut meta: Value = serde_json::from_str(&std::fs::read_to_string(&meta_path).expect("read meta.json"))
        .expect("meta.json");
    let mut payload: Value =
        serde_json::from_str(meta["payload"].as_str().expect("a payload")).expect("payload");
    payload["schema_version"] = Value::from(9);
    meta["payload"] = Value::String(payload.to_string());
    std::fs::write(&meta_path, meta.to_string()).expect("write meta.json");
    let out = hay.search(&["jumelage"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(
        line.contains("was built by another version of fihris")
            && line.contains("rebuild it with `fihris index`"),
        "{line}"
    );
}
