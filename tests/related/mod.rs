//! `fihris related ARTICLE`: other coverage of an article's story. ARTICLE
//! is an indexed id or a file (indexed or not; FILE#LINE for one record of
//! a JSON Lines file). Near-duplicates come first, marked with their
//! similarity; then related articles in the article's language and in the
//! other one ("cross"), each with the words it shares with the article.
//! The article itself is never a hit.
//!
//! The stories are those of [`crate::stories`], with a wire file of three
//! dispatches whose second is story A without its last paragraph.

use serde_json::{json, Value};

use crate::stories::{self, AR_REWRITE, AR_TXT, A_COPY, A_HTML, A_PARAGRAPHS, A_TXT, D_TLEMCEN};
use crate::util::{fr_article, ids, sorted, sorted_keys, str_field, Hay, Run, INDEX};

/// The wire file, under corpus/.
const WIRE: &str = "corpus/wire/depeches.jsonl";
/// The id of its dispatch of story A (line 2).
const WIRE_A: &str = "aps-0311-02";

/// Three dispatches: a beach season, story A without its paragraph on the
/// buses, a football match in Arabic.
fn wire() -> String {
    let records = [
        json!({
            "id": "aps-0311-01",
            "title": "Mostaganem : la saison estivale se prépare",
            "body": "Les communes côtières de Mostaganem ont lancé le nettoyage des plages et la \
                     réfection des accès avant l'ouverture de la saison estivale, prévue le premier \
                     juin. Quarante-deux plages seront autorisées à la baignade, trois de plus que \
                     l'an dernier, et des postes de secours supplémentaires seront installés à \
                     Sablettes et à Kharouba, selon la direction du tourisme de la wilaya.",
            "lang": "fr",
            "date": "2023-03-11",
            "source": "APS",
        }),
        json!({
            "id": WIRE_A,
            "title": "Relizane : 1 200 emplois dans le textile",
            "body": A_PARAGRAPHS[..3].join("\n\n"),
            "lang": "fr",
            "date": "2023-03-11",
            "source": "APS",
        }),
        json!({
            "id": "aps-0311-03",
            "title": "مولودية وهران تتعادل على أرضها",
            "body": "تعادل فريق مولودية وهران مساء السبت على ملعب أحمد زبانة أمام ضيفه شبيبة \
                     الساورة بهدف لمثله، في مباراة حضرها أكثر من عشرين ألف مناصر. وسجل المهاجم \
                     الشاب هدف التقدم في الدقيقة الثلاثين قبل أن يعدل الضيوف النتيجة من ركلة جزاء \
                     في الشوط الثاني، ليبقى الفريق في المركز الخامس من الترتيب العام.",
            "lang": "ar",
            "date": "2023-03-11",
            "source": "APS",
        }),
    ];
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// Story A as a local radio rewrote it: never indexed.
const INBOX: &str = "inbox/radio-relizane.txt";

fn inbox_article() -> String {
    format!(
        "Sidi Khettab : le textile embauche\n12 mars 2023\nSource : Radio Relizane\n\n{}\n\n{}\n\n{}\n",
        A_PARAGRAPHS[3], A_PARAGRAPHS[0], A_PARAGRAPHS[2]
    )
}

/// The stories and the wire file, indexed; the radio's article written
/// outside corpus/.
fn hay() -> Hay {
    let hay = Hay::new();
    stories::write_all(&hay);
    hay.write(WIRE, &wire());
    hay.index();
    hay.write(INBOX, &inbox_article());
    hay
}

/// `fihris --index idx --color never related args…`.
fn related(hay: &Hay, args: &[&str]) -> Run {
    let mut all = vec!["--index", INDEX, "--color", "never", "related"];
    all.extend_from_slice(args);
    hay.run(&all)
}

/// The hits of `related --json --limit 30 args…`, checked to exit 0 with
/// hits or 1 without, and with nothing on stderr.
fn hits(hay: &Hay, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json", "--limit", "30"];
    all.extend_from_slice(args);
    let out = related(hay, &all);
    let hits = out.json_results();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    hits
}

/// A hit's similarity as a near-duplicate, or None.
fn duplicate(hit: &Value) -> Option<f64> {
    match &hit["duplicate"] {
        Value::Null => None,
        d => Some(
            d.as_f64()
                .unwrap_or_else(|| panic!("duplicate is not a number in {hit}")),
        ),
    }
}

fn cross(hit: &Value) -> bool {
    hit["cross"]
        .as_bool()
        .unwrap_or_else(|| panic!("cross is not a boolean in {hit}"))
}

/// The ids of the hits marked as near-duplicates.
fn duplicates(hits: &[Value]) -> Vec<String> {
    ids(hits)
        .into_iter()
        .zip(hits)
        .filter(|(_, h)| duplicate(h).is_some())
        .map(|(id, _)| id)
        .collect()
}

/// Sorted ids, from string literals.
fn set(ids: &[&str]) -> Vec<String> {
    sorted(ids.iter().map(|s| s.to_string()).collect())
}

/// Checks what holds for every list of related hits: ranks 1, 2, …;
/// near-duplicates first, most similar first, each of similarity at least
/// 0.5, same language; the rest by decreasing score; every hit shares
/// words with the source.
fn check_order(hits: &[Value]) {
    for (i, hit) in hits.iter().enumerate() {
        assert_eq!(hit["rank"].as_u64(), Some(i as u64 + 1), "{hit}");
        let shared = hit["shared"].as_array().expect("a shared array");
        assert!(!shared.is_empty(), "no shared word: {hit}");
    }
    let n = duplicates(hits).len();
    assert!(hits[n..].iter().all(|h| duplicate(h).is_none()), "{hits:?}");
    let similarities: Vec<f64> = hits[..n].iter().filter_map(duplicate).collect();
    assert!(similarities.windows(2).all(|w| w[0] >= w[1]), "{similarities:?}");
    assert!(
        similarities.iter().all(|&s| (0.5..=1.0).contains(&s)),
        "{similarities:?}"
    );
    assert!(hits[..n].iter().all(|h| !cross(h)), "{hits:?}");
    let scores: Vec<f64> = hits[n..]
        .iter()
        .map(|h| h["score"].as_f64().expect("a score"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

/// By id: the verbatim copy (similarity 1), the HTML rewrite and the wire
/// dispatch come first as near-duplicates; the Arabic versions are related
/// in the other language, the story from Tlemcen in the same one; the
/// article itself is not a hit.
#[test]
fn related_by_id_near_duplicates_first() {
    let hay = hay();
    let hits = hits(&hay, &[A_TXT]);
    check_order(&hits);
    let all = ids(&hits);
    assert!(!all.contains(&A_TXT.to_string()), "{all:?}");
    assert_eq!(sorted(duplicates(&hits)), set(&[A_COPY, A_HTML, WIRE_A]));
    assert_eq!(all[0], A_COPY, "{all:?}");
    assert_eq!(duplicate(&hits[0]), Some(1.0));

    let of = |id: &str| {
        hits.iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("{id} is not a hit: {all:?}"))
    };
    for id in [AR_TXT, AR_REWRITE] {
        let hit = of(id);
        assert!(cross(hit), "{hit}");
        assert_eq!(hit["lang"], "ar");
        assert_eq!(duplicate(hit), None);
        // Shared through translations.
        let shared = hit["shared"].as_array().expect("shared");
        assert!(shared.iter().any(|s| s["translated"] == true), "{hit}");
    }
    assert!(!cross(of(D_TLEMCEN)));
    // The Arabic versions rank above the other French story.
    let rank = |id: &str| all.iter().position(|i| i == id).expect("a hit");
    assert!(rank(AR_TXT) < rank(D_TLEMCEN), "{all:?}");
    // The unrelated dispatches, if at all related, come after the versions
    // of the story.
    for other in ["aps-0311-01", "aps-0311-03"] {
        if let Some(r) = all.iter().position(|i| i == other) {
            assert!(r > rank(AR_TXT) && r > rank(AR_REWRITE), "{all:?}");
        }
    }
}

/// Hits and shared words have exactly the documented fields.
#[test]
fn json_hits_have_exactly_the_documented_fields() {
    let hay = hay();
    for hit in hits(&hay, &[A_TXT]) {
        let keys = sorted_keys(&hit);
        assert_eq!(
            keys,
            [
                "author",
                "cross",
                "date",
                "duplicate",
                "id",
                "lang",
                "path",
                "rank",
                "score",
                "shared",
                "source",
                "title"
            ],
            "{hit}"
        );
        assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0), "{hit}");
        for shared in hit["shared"].as_array().expect("shared") {
            let keys = sorted_keys(shared);
            assert_eq!(keys, ["matched", "term", "translated", "word"], "{shared}");
            for field in ["word", "term", "matched"] {
                assert!(!str_field(shared, field).is_empty(), "{shared}");
            }
        }
    }
    let hits = hits(&hay, &[A_TXT]);
    let html = hits.iter().find(|h| h["id"] == A_HTML).expect("the HTML page");
    assert_eq!(html["date"], "2023-03-09");
    assert_eq!(html["source"], "Le Messager de l'Ouest");
    assert!(str_field(html, "path").ends_with("corpus/fr/messager/tissages-chelif.html"));
    // A shared name, as both articles write it.
    let shared = html["shared"].as_array().expect("shared");
    assert!(
        shared
            .iter()
            .any(|s| s["word"] == "Khettab" && s["matched"] == "Khettab" && s["translated"] == false),
        "{html}"
    );
}

/// A file that is not indexed (outside corpus/), with the paragraphs of
/// the HTML page in the .txt's wording: the .txt, its copy and the HTML
/// page are near-duplicates; the wire dispatch, which has another
/// paragraph cut, is related but not a copy; the Arabic versions are
/// related in the other language.
#[test]
fn related_to_a_file_outside_the_index() {
    let hay = hay();
    let hits = hits(&hay, &[INBOX]);
    check_order(&hits);
    assert_eq!(sorted(duplicates(&hits)), set(&[A_COPY, A_HTML, A_TXT]));
    let wire = hits.iter().find(|h| h["id"] == WIRE_A).expect("the dispatch");
    assert!(!cross(wire), "{wire}");
    let cross_ids: Vec<String> = ids(&hits)
        .into_iter()
        .zip(&hits)
        .filter(|(_, h)| cross(h))
        .map(|(id, _)| id)
        .collect();
    assert!(cross_ids.contains(&AR_TXT.to_string()), "{cross_ids:?}");

    // Human output names the file, as it is not indexed.
    let out = related(&hay, &[INBOX]);
    out.assert_code(0);
    assert_eq!(
        out.stdout.lines().next(),
        Some(format!("related to Sidi Khettab : le textile embauche (fr, {INBOX})").as_str())
    );
}

/// An indexed file named by its path, relative or absolute, is the
/// article of that id: never a hit itself, and the hits are the same as by
/// id.
#[test]
fn related_to_an_indexed_file_by_path_leaves_it_out() {
    let hay = hay();
    let by_id = ids(&hits(&hay, &[A_TXT]));
    let relative = format!("corpus/{A_TXT}");
    let absolute = hay.join(&relative);
    let absolute = absolute.to_str().expect("a UTF-8 path");
    for path in [relative.as_str(), absolute] {
        let hits = hits(&hay, &[path]);
        check_order(&hits);
        let all = ids(&hits);
        assert!(!all.contains(&A_TXT.to_string()), "{path}: {all:?}");
        assert_eq!(
            sorted(duplicates(&hits)),
            set(&[A_COPY, A_HTML, WIRE_A]),
            "{path}"
        );
        assert_eq!(sorted(all), sorted(by_id.clone()), "{path}");
    }
}

/// One record of a JSON Lines file, as FILE#LINE: the record itself is
/// not a hit; the .txt and its copy are near-duplicates of it (the HTML
/// page, without another paragraph, is related but too far to be a copy).
/// The record's id works too.
#[test]
fn related_to_a_jsonl_record() {
    let hay = hay();
    let line = format!("{WIRE}#2");
    for article in [line.as_str(), WIRE_A] {
        let hits = hits(&hay, &[article]);
        check_order(&hits);
        let all = ids(&hits);
        assert!(!all.contains(&WIRE_A.to_string()), "{article}: {all:?}");
        assert_eq!(sorted(duplicates(&hits)), set(&[A_COPY, A_TXT]), "{article}");
        assert!(all.contains(&A_HTML.to_string()), "{article}: {all:?}");
    }
    // Human output names the record's title and its file.
    let out = related(&hay, &[&line]);
    out.assert_code(0);
    let heading = out.stdout.lines().next().unwrap_or_default();
    assert!(
        heading.starts_with("related to Relizane : 1 200 emplois dans le textile (fr, "),
        "{heading}"
    );
    assert!(heading.contains("depeches.jsonl"), "{heading}");
}

/// Errors are one line and exit 2: an id that is neither indexed nor a
/// file, a missing file, a file of several records without #LINE, a line
/// without a record.
#[test]
fn errors_are_one_line() {
    let hay = hay();
    for (article, expected) in [
        ("fr/echo/absent.txt", "fr/echo/absent.txt"),
        ("inbox/absent.txt", "inbox/absent.txt"),
        (WIRE, "depeches.jsonl"),
        ("corpus/wire/depeches.jsonl#9", "depeches.jsonl"),
    ] {
        for json in [false, true] {
            let mut args = vec![article];
            if json {
                args.push("--json");
            }
            let out = related(&hay, &args);
            out.assert_code(2);
            assert_eq!(out.stdout, "", "{article}");
            let line = out.one_error_line();
            assert!(line.contains(expected), "{article}: {line}");
        }
    }
    // The multi-record error says how to name one record.
    let out = related(&hay, &[WIRE]);
    let line = out.one_error_line();
    assert!(line.contains("3 articles"), "{line}");
    assert!(line.contains("#LINE"), "{line}");
}

/// A file read for `related` has the caps of `fihris index`, with the same
/// options: an article over `--max-article-size` is refused in one line
/// naming the option, and read with a larger cap.
#[test]
fn related_file_caps_are_the_index_options() {
    let hay = hay();
    // 1.2 MiB of the inbox article's paragraphs.
    let mut long = inbox_article();
    while long.len() < 1_200_000 {
        long.push_str(A_PARAGRAPHS[1]);
        long.push_str("\n\n");
    }
    hay.write("inbox/long.txt", &long);
    let out = related(&hay, &["inbox/long.txt", "--max-article-size", "1"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("inbox/long.txt"), "{line}");
    assert!(line.contains("--max-article-size"), "{line}");
    assert!(!hits(&hay, &["inbox/long.txt", "--max-article-size", "2"]).is_empty());
    // The default (16 MiB) reads it too; 0 is refused as for `index`.
    assert!(!hits(&hay, &["inbox/long.txt"]).is_empty());
    related(&hay, &["inbox/long.txt", "--max-article-size", "0"]).assert_code(2);
}

/// `--lang` keeps one language's hits; `--no-cross` keeps the article's
/// own language.
#[test]
fn lang_and_no_cross() {
    let hay = hay();
    let arabic = hits(&hay, &[A_TXT, "--lang", "ar"]);
    assert!(!arabic.is_empty());
    for hit in &arabic {
        assert_eq!(hit["lang"], "ar", "{hit}");
        assert!(cross(hit), "{hit}");
    }
    assert!(ids(&arabic).contains(&AR_TXT.to_string()));

    let french = hits(&hay, &[A_TXT, "--lang", "fr"]);
    let no_cross = hits(&hay, &[A_TXT, "--no-cross"]);
    for list in [&french, &no_cross] {
        check_order(list);
        assert!(!list.is_empty());
        for hit in list {
            assert_eq!(hit["lang"], "fr", "{hit}");
            assert!(!cross(hit), "{hit}");
        }
        assert_eq!(sorted(duplicates(list)), set(&[A_COPY, A_HTML, WIRE_A]));
    }
    assert_eq!(ids(&french), ids(&no_cross));

    // The other language alone, and without the other language: nothing.
    let out = related(&hay, &[A_TXT, "--lang", "ar", "--no-cross", "--json"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");
}

/// From the Arabic side: the Arabic rewrite is the near-duplicate, the
/// French versions are related across languages.
#[test]
fn related_to_an_arabic_article() {
    let hay = hay();
    let hits = hits(&hay, &[AR_TXT]);
    check_order(&hits);
    assert_eq!(duplicates(&hits), [AR_REWRITE]);
    assert_eq!(hits[0]["id"], AR_REWRITE);
    let french: Vec<String> = ids(&hits)
        .into_iter()
        .zip(&hits)
        .filter(|(_, h)| cross(h))
        .map(|(id, _)| id)
        .collect();
    for id in [A_TXT, A_HTML, A_COPY, WIRE_A] {
        assert!(french.contains(&id.to_string()), "{id} not in {french:?}");
    }
    assert!(hits.iter().filter(|h| cross(h)).all(|h| h["lang"] == "fr"));
}

/// `--limit` cuts the list, near-duplicates first.
#[test]
fn limit_keeps_the_first_hits() {
    let hay = hay();
    let all = ids(&hits(&hay, &[A_TXT]));
    let out = related(&hay, &[A_TXT, "--json", "--limit", "2"]);
    out.assert_code(0);
    assert_eq!(ids(&out.json()), all[..2]);
    let out = related(&hay, &[A_TXT, "-n", "4", "--json"]);
    assert_eq!(ids(&out.json()), all[..4]);
}

/// Human output: a heading naming the article, a line per hit saying why
/// (near-duplicate and its similarity, other language, score), the shared
/// words, a footer.
#[test]
fn human_output() {
    let hay = hay();
    let out = related(&hay, &[A_TXT]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("related to Relizane : le complexe textile de Sidi Khettab va recruter 1 200 jeunes (fr, {A_TXT})")
    );
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], " 1. Textile : 1 200 recrutements annoncés à Relizane");
    assert_eq!(
        lines[3],
        format!("    undated · fr · {A_COPY} · near-duplicate, similarity 1.00")
    );
    assert!(lines[4].starts_with("    shared: "), "{}", out.stdout);
    let line_of = |id: &str| {
        lines
            .iter()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("no line for {id}:\n{}", out.stdout))
            .to_string()
    };
    assert!(
        line_of(A_HTML).starts_with("    2023-03-09 · Le Messager de l'Ouest · fr · "),
        "{}",
        line_of(A_HTML)
    );
    assert!(
        line_of(A_HTML).contains(" · near-duplicate, similarity 0."),
        "{}",
        line_of(A_HTML)
    );
    assert!(
        line_of(AR_TXT).contains(" · other language, score "),
        "{}",
        line_of(AR_TXT)
    );
    assert!(line_of(D_TLEMCEN).contains(" · score "), "{}", line_of(D_TLEMCEN));
    assert!(!line_of(D_TLEMCEN).contains("near-duplicate"));
    // Translated words are shown with what they matched.
    assert!(out.stdout.contains(" → "), "{}", out.stdout);
    let n = out.stdout.matches("\n    shared: ").count();
    let hits = lines
        .iter()
        .filter(|l| l.starts_with("    ") && l.contains(" · "))
        .count();
    assert_eq!(n, hits, "{}", out.stdout);
    assert_eq!(
        lines.last().copied(),
        Some(format!("{hits} related articles").as_str())
    );
}

/// An index of one article: nothing is related to it.
#[test]
fn nothing_related_exits_1() {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/seul.txt",
        &fr_article(
            "Relizane : le complexe textile recrute",
            &A_PARAGRAPHS[..2].join("\n\n"),
        ),
    );
    hay.index();
    let out = related(&hay, &["fr/seul.txt", "--json"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let out = related(&hay, &["fr/seul.txt"]);
    out.assert_code(1);
    assert_eq!(out.stdout.lines().last(), Some("0 related articles"));
    // Nor to its file.
    related(&hay, &["corpus/fr/seul.txt"]).assert_code(1);
}
