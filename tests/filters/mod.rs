//! `fihris search` beyond matching: date, source and language filters, the
//! note about undated articles, `--sort date`, CSV output, and paging edge
//! cases (`--limit 0`, an offset past the end).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::util::{ids, parse_csv, sorted, str_field, Hay, AR_FILLER, FR_FILLER, INDEX};

/// Matches every article of [`dated_hay`].
const QUAY: &str = "quai OR رصيف";

/// A French plain-text article with header lines (date, source) after the
/// title.
fn fr_dated(title: &str, header: &[&str], body: &str) -> String {
    let header: String = header.iter().map(|line| format!("{line}\n")).collect();
    format!("{title}\n{header}\n{body}\n\n{FR_FILLER}\n")
}

/// An Arabic plain-text article with header lines after the title.
fn ar_dated(title: &str, header: &[&str], body: &str) -> String {
    let header: String = header.iter().map(|line| format!("{line}\n")).collect();
    format!("{title}\n{header}\n{body}\n\n{AR_FILLER}\n")
}

/// JSON Lines of `records`.
fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// Articles about quays in French and Arabic, dated around the bounds the
/// tests use:
///
/// | id | date | source | lang |
/// |---|---|---|---|
/// | ar/mina.txt | 2019-03-12 | الشروق | ar |
/// | fr/ancien.txt | 2019-12-31 | Le Quotidien d'Oran | fr |
/// | fr/bissextile.txt | 2020-02-29 | L'Écho de l'Oranie | fr |
/// | fr/mars.txt | 2020-03-01 | El Watan | fr |
/// | aps-ar | 2021-06-01 | أخبار الوطن | ar |
/// | aps-0615 | 2021-06-15 | APS | fr |
/// | fr/juin.txt | 2021-06-30 | L'Écho de l'Oranie | fr |
/// | fr/juillet.txt | 2021-07-01 | El Watan | fr |
/// | fr/sans-date.txt | – | El Watan | fr |
/// | ar/sans-date.txt | – | – | ar |
/// | press.jsonl#3 | – | APS | fr |
fn dated_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/ancien.txt",
        &fr_dated(
            "Le quai de la Pêcherie fait peau neuve",
            &["31 décembre 2019", "Source : Le Quotidien d'Oran"],
            "Les travaux du quai de la Pêcherie s'achèvent avant la nouvelle année.",
        ),
    )
    .write(
        "corpus/fr/bissextile.txt",
        &fr_dated(
            "Un jour de plus pour le quai des ferries",
            &["29 février 2020", "Source : L'Écho de l'Oranie"],
            "Le quai des ferries d'Oran a accueilli un navire venu d'Alicante.",
        ),
    )
    .write(
        "corpus/fr/mars.txt",
        &fr_dated(
            "Grutiers en grève sur le quai sud",
            &["1 mars 2020", "Source : El Watan"],
            "Les grutiers du quai sud réclament une revalorisation salariale.",
        ),
    )
    .write(
        "corpus/fr/juin.txt",
        &fr_dated(
            "Le quai ouest du port d'Oran rénové",
            &["30 juin 2021", "Source : L'Écho de l'Oranie"],
            "Le quai ouest accueillera les porte-conteneurs dès la rentrée.",
        ),
    )
    .write(
        "corpus/fr/juillet.txt",
        &fr_dated(
            "Nouvelles grues pour le quai ouest",
            &["1 juillet 2021", "Source : El Watan"],
            "Trois grues neuves ont été livrées au quai ouest.",
        ),
    )
    .write(
        "corpus/fr/sans-date.txt",
        &fr_dated(
            "Le quai des pêcheurs attend ses travaux",
            &["Source : El Watan"],
            "Les pêcheurs du quai attendent toujours le début du chantier.",
        ),
    )
    .write(
        "corpus/ar/mina.txt",
        &ar_dated(
            "توسعة رصيف ميناء وهران",
            &["الثلاثاء 12 مارس 2019", "المصدر: الشروق"],
            "انطلقت أشغال توسعة رصيف الميناء لاستقبال السفن الكبيرة.",
        ),
    )
    .write(
        "corpus/ar/sans-date.txt",
        &ar_dated(
            "أشغال على رصيف الصيادين",
            &[],
            "ينتظر الصيادون انتهاء الأشغال على رصيف الميناء القديم.",
        ),
    )
    .write(
        "corpus/press.jsonl",
        &jsonl(&[
            json!({
                "id": "aps-0615",
                "title": "Le quai nord rouvert aux ferries",
                "body": "Le quai nord du port d'Alger rouvre aux ferries après des travaux.",
                "lang": "fr",
                "date": "2021-06-15",
                "source": "APS",
            }),
            json!({
                "id": "aps-ar",
                "title": "افتتاح رصيف جديد في ميناء عنابة",
                "body": "افتتح رصيف جديد في ميناء عنابة لاستقبال السفن التجارية.",
                "lang": "ar",
                "date": "2021-06-01",
                "source": "أخبار الوطن",
            }),
            json!({
                "title": "Quai des pêcheurs : la concertation continue",
                "body": "La concertation sur le quai des pêcheurs continue avec les riverains.",
                "lang": "fr",
                "source": "APS",
            }),
        ]),
    );
    hay.index();
    hay
}

/// The sorted ids of the hits of `QUAY` with `args`.
fn quay_ids(hay: &Hay, args: &[&str]) -> Vec<String> {
    let mut all = vec![QUAY, "--limit", "100"];
    all.extend_from_slice(args);
    sorted(hay.ids(&all))
}

/// The note on stderr when a date filter leaves out `n` undated matches.
fn undated_note(n: usize) -> String {
    if n == 1 {
        "fihris: note: 1 undated matching article was left out by the date filter".to_string()
    } else {
        format!("fihris: note: {n} undated matching articles were left out by the date filter")
    }
}

/// The score of each hit, by id.
fn scores(hits: &[Value]) -> HashMap<String, f64> {
    hits.iter()
        .map(|h| {
            let score = h["score"].as_f64().unwrap_or_else(|| panic!("no score in {h}"));
            (str_field(h, "id").to_string(), score)
        })
        .collect()
}

fn same_score(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

#[test]
fn the_hay_has_the_dates_and_sources_the_tests_expect() {
    let hay = dated_hay();
    let hits = hay.search_json(&[QUAY, "--limit", "100"]);
    let mut seen: Vec<(String, Value, Value, Value)> = hits
        .iter()
        .map(|h| {
            (
                str_field(h, "id").to_string(),
                h["date"].clone(),
                h["source"].clone(),
                h["lang"].clone(),
            )
        })
        .collect();
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    let expected = [
        ("aps-0615", json!("2021-06-15"), json!("APS"), "fr"),
        ("aps-ar", json!("2021-06-01"), json!("أخبار الوطن"), "ar"),
        ("ar/mina.txt", json!("2019-03-12"), json!("الشروق"), "ar"),
        ("ar/sans-date.txt", Value::Null, Value::Null, "ar"),
        (
            "fr/ancien.txt",
            json!("2019-12-31"),
            json!("Le Quotidien d'Oran"),
            "fr",
        ),
        (
            "fr/bissextile.txt",
            json!("2020-02-29"),
            json!("L'Écho de l'Oranie"),
            "fr",
        ),
        ("fr/juillet.txt", json!("2021-07-01"), json!("El Watan"), "fr"),
        (
            "fr/juin.txt",
            json!("2021-06-30"),
            json!("L'Écho de l'Oranie"),
            "fr",
        ),
        ("fr/mars.txt", json!("2020-03-01"), json!("El Watan"), "fr"),
        ("fr/sans-date.txt", Value::Null, json!("El Watan"), "fr"),
        ("press.jsonl#3", Value::Null, json!("APS"), "fr"),
    ];
    let expected: Vec<(String, Value, Value, Value)> = expected
        .into_iter()
        .map(|(id, date, source, lang)| (id.to_string(), date, source, json!(lang)))
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn since_and_until_take_a_year() {
    let hay = dated_hay();
    assert_eq!(
        quay_ids(&hay, &["--since", "2021"]),
        ["aps-0615", "aps-ar", "fr/juillet.txt", "fr/juin.txt"]
    );
    // A year as upper bound ends on December 31.
    assert_eq!(
        quay_ids(&hay, &["--until", "2019"]),
        ["ar/mina.txt", "fr/ancien.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--since", "2020", "--until", "2020"]),
        ["fr/bissextile.txt", "fr/mars.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--since", "2019", "--until", "2019"]),
        ["ar/mina.txt", "fr/ancien.txt"]
    );
}

#[test]
fn since_and_until_take_a_month_and_include_all_its_days() {
    let hay = dated_hay();
    // 2021-06-30 is in June, 2021-07-01 is not.
    assert_eq!(
        quay_ids(&hay, &["--until", "2021-06"]),
        [
            "aps-0615",
            "aps-ar",
            "ar/mina.txt",
            "fr/ancien.txt",
            "fr/bissextile.txt",
            "fr/juin.txt",
            "fr/mars.txt"
        ]
    );
    assert_eq!(
        quay_ids(&hay, &["--since", "2021-06", "--until", "2021-06"]),
        ["aps-0615", "aps-ar", "fr/juin.txt"]
    );
    assert_eq!(quay_ids(&hay, &["--since", "2021-07"]), ["fr/juillet.txt"]);
    // February of a leap year ends on the 29th.
    assert_eq!(
        quay_ids(&hay, &["--since", "2020-02", "--until", "2020-02"]),
        ["fr/bissextile.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--until", "2020-02"]),
        ["ar/mina.txt", "fr/ancien.txt", "fr/bissextile.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--since", "2020-03", "--until", "2020-12"]),
        ["fr/mars.txt"]
    );
}

#[test]
fn since_and_until_take_a_day_and_are_inclusive() {
    let hay = dated_hay();
    assert_eq!(
        quay_ids(&hay, &["--since", "2021-06-30", "--until", "2021-06-30"]),
        ["fr/juin.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--since", "2021-06-15", "--until", "2021-06-30"]),
        ["aps-0615", "fr/juin.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--since", "2021-06-02", "--until", "2021-06-29"]),
        ["aps-0615"]
    );
    assert_eq!(
        quay_ids(&hay, &["--since", "2020-02-29", "--until", "2020-03-01"]),
        ["fr/bissextile.txt", "fr/mars.txt"]
    );
    assert_eq!(quay_ids(&hay, &["--since", "2021-07-01"]), ["fr/juillet.txt"]);
    assert_eq!(quay_ids(&hay, &["--until", "2019-03-12"]), ["ar/mina.txt"]);
    // Nothing in the period, or an empty period: nothing found.
    let out = hay.search(&[QUAY, "--since", "2022"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "0 matching articles\n");
    hay.search(&[QUAY, "--since", "2021-07-02"]).assert_code(1);
    hay.search(&[QUAY, "--since", "2021-07", "--until", "2021-06"])
        .assert_code(1);
}

#[test]
fn undated_matches_left_out_by_a_date_filter_are_counted_on_stderr() {
    let hay = dated_hay();
    // fr/sans-date.txt, ar/sans-date.txt and press.jsonl#3 match but have no date.
    let out = hay.search(&[QUAY, "--since", "2000"]);
    out.assert_code(0);
    assert_eq!(out.stderr_lines(), [undated_note(3)]);
    assert!(!out.stdout.contains("sans-date"), "{}", out.stdout);
    assert!(!out.stdout.contains("undated"), "{}", out.stdout);
    // The same note with --json and --csv, on stderr only.
    for format in ["--json", "--csv"] {
        let out = hay.search(&[QUAY, "--until", "2030-12-31", format]);
        out.assert_code(0);
        assert_eq!(out.stderr_lines(), [undated_note(3)], "{format}");
        assert!(!out.stdout.contains("note"), "{format}: {}", out.stdout);
    }
    // Only undated articles that match the query and the other filters count.
    let out = hay.search(&[QUAY, "--since", "2000", "--lang", "ar"]);
    out.assert_code(0);
    assert_eq!(
        out.stderr_lines(),
        ["fihris: note: 1 undated matching article was left out by the date filter"]
    );
    let out = hay.search(&[QUAY, "--since", "2000", "--lang", "fr"]);
    assert_eq!(out.stderr_lines(), [undated_note(2)]);
    // (--lang fr: a French query may also find Arabic translations.)
    let out = hay.search(&["pêcheurs", "--lang", "fr", "--since", "2000"]);
    out.assert_code(1);
    assert_eq!(out.stderr_lines(), [undated_note(2)]);
    let out = hay.search(&["pêcheurs", "--until", "2000", "--source", "aps"]);
    out.assert_code(1);
    assert_eq!(out.stderr_lines(), [undated_note(1)]);
    // No undated match, no note.
    let out = hay.search(&["grues", "--since", "2000"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let out = hay.search(&[QUAY, "--since", "2000", "--source", "Écho"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn no_undated_note_without_a_date_filter() {
    let hay = dated_hay();
    for args in [
        &[QUAY][..],
        &[QUAY, "--lang", "fr"],
        &[QUAY, "--source", "El Watan"],
        &["quai", "--sort", "date"],
        &[QUAY, "--json"],
        &[QUAY, "--csv"],
    ] {
        let out = hay.search(args);
        out.assert_code(0);
        assert!(out.stderr.is_empty(), "{args:?}: {}", out.stderr);
    }
    // Without a date filter, undated articles are hits like the others.
    assert_eq!(
        quay_ids(&hay, &["--source", "watan"]),
        ["fr/juillet.txt", "fr/mars.txt", "fr/sans-date.txt"]
    );
}

#[test]
fn invalid_dates_are_one_line_usage_errors() {
    let hay = dated_hay();
    for (option, date) in [
        ("--since", "2021-13"),
        ("--since", "hier"),
        ("--until", "2021-02-29"),
        ("--until", "2021-06-31"),
        ("--since", "21"),
        ("--since", "2021-6"),
        ("--until", "2021/06/30"),
        ("--until", "30-06-2021"),
        ("--since", "2021-06-30-12"),
        ("--since", ""),
    ] {
        for command in ["search", "stats"] {
            let args = ["--index", INDEX, command, QUAY, option, date];
            let out = hay.run(&args);
            out.assert_code(2);
            let line = out.one_error_line();
            assert!(line.contains(option), "{args:?}: {line}");
            assert!(line.contains(&format!("{date:?}")), "{args:?}: {line}");
            assert!(line.ends_with("(see fihris --help)"), "{args:?}: {line}");
            assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        }
    }
    // A leap day is a valid bound.
    assert_eq!(
        quay_ids(&hay, &["--since", "2020-02-29", "--until", "2020-02-29"]),
        ["fr/bissextile.txt"]
    );
}

#[test]
fn source_matches_words_of_the_publisher_whatever_the_case_and_accents() {
    let hay = dated_hay();
    let echo = ["fr/bissextile.txt", "fr/juin.txt"];
    for name in [
        "echo",
        "Écho",
        "ECHO",
        "oranie",
        "l'Oranie",
        "L’ORANIE",
        "Écho de l'Oranie",
        "echo de l’oranie",
        "L'Écho de l'Oranie",
    ] {
        assert_eq!(quay_ids(&hay, &["--source", name]), echo, "--source {name}");
    }
    // Whole words: "Oran" is not "Oranie", but is in "Le Quotidien d'Oran".
    assert_eq!(quay_ids(&hay, &["--source", "oran"]), ["fr/ancien.txt"]);
    assert_eq!(
        quay_ids(&hay, &["--source", "quotidien d'oran"]),
        ["fr/ancien.txt"]
    );
    for name in ["ech", "Écho de l'Oran", "Watan El", "Écho Oranie"] {
        let out = hay.search(&[QUAY, "--source", name]);
        out.assert_code(1);
        assert_eq!(out.stdout, "0 matching articles\n", "--source {name}");
    }
    assert_eq!(
        quay_ids(&hay, &["--source", "El Watan"]),
        ["fr/juillet.txt", "fr/mars.txt", "fr/sans-date.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--source", "aps"]),
        ["aps-0615", "press.jsonl#3"]
    );
    // Arabic sources, with Arabic spelling variants (أ / ا).
    assert_eq!(quay_ids(&hay, &["--source", "الشروق"]), ["ar/mina.txt"]);
    assert_eq!(quay_ids(&hay, &["--source", "أخبار الوطن"]), ["aps-ar"]);
    assert_eq!(quay_ids(&hay, &["--source", "اخبار"]), ["aps-ar"]);
}

#[test]
fn filters_combine_with_each_other_and_with_lang() {
    let hay = dated_hay();
    assert_eq!(quay_ids(&hay, &["--lang", "ar", "--since", "2021"]), ["aps-ar"]);
    assert_eq!(
        quay_ids(
            &hay,
            &["--lang", "fr", "--since", "2021-06", "--until", "2021-06"]
        ),
        ["aps-0615", "fr/juin.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--lang", "ar", "--until", "2020"]),
        ["ar/mina.txt"]
    );
    let out = hay.search(&["--json", QUAY, "--source", "watan", "--until", "2020"]);
    out.assert_code(0);
    assert_eq!(ids(&out.json()), ["fr/mars.txt"]);
    // fr/sans-date.txt is from El Watan but undated.
    assert_eq!(out.stderr_lines(), [undated_note(1)]);
    assert_eq!(
        quay_ids(&hay, &["--source", "echo", "--since", "2021", "--lang", "fr"]),
        ["fr/juin.txt"]
    );
    assert_eq!(
        quay_ids(&hay, &["--source", "aps", "--lang", "fr"]),
        ["aps-0615", "press.jsonl#3"]
    );
    hay.search(&[QUAY, "--source", "echo", "--lang", "ar"])
        .assert_code(1);
    hay.search(&[QUAY, "--source", "الشروق", "--since", "2020"])
        .assert_code(1);
    // The filters apply to the query, not instead of it.
    assert_eq!(
        quay_ids(&hay, &["grues", "--source", "watan", "--since", "2021"]),
        ["fr/juillet.txt"]
    );
    hay.search(&["grutiers", "--since", "2021"]).assert_code(1);
}

#[test]
fn filters_do_not_change_scores() {
    let hay = dated_hay();
    let unfiltered = scores(&hay.search_json(&[QUAY, "--limit", "100"]));
    assert_eq!(unfiltered.len(), 11);
    for filter in [
        &["--lang", "fr"][..],
        &["--lang", "ar"],
        &["--since", "2021"],
        &["--until", "2020-02"],
        &["--source", "echo"],
        &["--source", "El Watan", "--since", "2020"],
        &["--lang", "ar", "--until", "2021-06"],
    ] {
        let mut args = vec![QUAY, "--limit", "100"];
        args.extend_from_slice(filter);
        let filtered = scores(&hay.search_json(&args));
        assert!(!filtered.is_empty(), "{filter:?}");
        for (id, score) in &filtered {
            assert!(
                same_score(*score, unfiltered[id]),
                "{filter:?}: {id} scores {score}, {} without the filter",
                unfiltered[id]
            );
        }
    }
}

#[test]
fn sort_date_puts_newest_first_and_undated_last() {
    let hay = dated_hay();
    let hits = hay.search_json(&["quai", "--sort", "date"]);
    let order = ids(&hits);
    assert_eq!(
        order[..6],
        [
            "fr/juillet.txt",
            "fr/juin.txt",
            "aps-0615",
            "fr/mars.txt",
            "fr/bissextile.txt",
            "fr/ancien.txt",
        ]
    );
    assert_eq!(sorted(order[6..].to_vec()), ["fr/sans-date.txt", "press.jsonl#3"]);
    for hit in &hits[6..] {
        assert_eq!(hit["date"], Value::Null, "{hit}");
    }
    // Each hit keeps its own score.
    let by_score = scores(&hay.search_json(&["quai"]));
    assert_eq!(by_score.len(), hits.len());
    for hit in &hits {
        let id = str_field(hit, "id");
        let score = hit["score"]
            .as_f64()
            .unwrap_or_else(|| panic!("no score in {hit}"));
        assert!(score > 0.0, "{hit}");
        assert!(
            same_score(score, by_score[id]),
            "{id}: {score} vs {}",
            by_score[id]
        );
    }
    // Arabic articles too.
    assert_eq!(
        hay.ids(&["رصيف", "--sort", "date"]),
        ["aps-ar", "ar/mina.txt", "ar/sans-date.txt"]
    );
    // Sorted by date, filtered by date and language.
    assert_eq!(
        hay.ids(&["quai", "--sort", "date", "--since", "2020", "--lang", "fr"]),
        [
            "fr/juillet.txt",
            "fr/juin.txt",
            "aps-0615",
            "fr/mars.txt",
            "fr/bissextile.txt"
        ]
    );
    assert_eq!(
        hay.ids(&["quai", "--sort", "date", "--source", "El Watan"]),
        ["fr/juillet.txt", "fr/mars.txt", "fr/sans-date.txt"]
    );
}

#[test]
fn sort_date_works_with_or_and_any_queries() {
    // The smallest case: two articles, each matching one side of the OR.
    let hay = Hay::new();
    hay.write(
        "corpus/a.txt",
        &ar_dated("رصيف الميناء", &["12 مارس 2019"], "أشغال على رصيف الميناء."),
    )
    .write(
        "corpus/b.txt",
        &fr_dated("Le quai", &["12 mars 2020"], "Travaux sur le quai."),
    );
    hay.index();
    for args in [&[QUAY][..], &["--any", "quai", "رصيف"]] {
        let out = hay.search(&[&["--json", "--sort", "date"][..], args].concat());
        out.assert_code(0);
        assert_eq!(ids(&out.json()), ["b.txt", "a.txt"], "{args:?}");
    }

    let hay = dated_hay();
    let expected = [
        "fr/juillet.txt",
        "fr/juin.txt",
        "aps-0615",
        "aps-ar",
        "fr/mars.txt",
        "fr/bissextile.txt",
        "fr/ancien.txt",
        "ar/mina.txt",
    ];
    let by_score = scores(&hay.search_json(&[QUAY, "--limit", "100"]));
    for query in [&[QUAY][..], &["--any", "quai", "رصيف"]] {
        let mut args = query.to_vec();
        args.extend_from_slice(&["--sort", "date", "--limit", "100"]);
        let out = hay.search(&[&["--json"][..], &args].concat());
        out.assert_code(0);
        let hits = out.json();
        let order = ids(&hits);
        assert_eq!(order[..8], expected, "{args:?}");
        assert_eq!(
            sorted(order[8..].to_vec()),
            ["ar/sans-date.txt", "fr/sans-date.txt", "press.jsonl#3"],
            "{args:?}"
        );
        if query[0] == QUAY {
            for hit in &hits {
                let id = str_field(hit, "id");
                let score = hit["score"].as_f64().unwrap_or_default();
                assert!(
                    same_score(score, by_score[id]),
                    "{id}: {score} vs {}",
                    by_score[id]
                );
            }
        }
    }
}

#[test]
fn sort_date_pages_like_the_whole_list() {
    let hay = dated_hay();
    let all = hay.ids(&["quai", "--sort", "date"]);
    assert_eq!(all.len(), 8);
    assert_eq!(hay.ids(&["quai", "--sort", "date", "--limit", "3"]), all[..3]);
    assert_eq!(
        hay.ids(&["quai", "--sort", "date", "--limit", "3", "--offset", "3"]),
        all[3..6]
    );
    // The page where dated hits end and undated ones begin.
    let page = hay.ids(&["quai", "--sort", "date", "--limit", "4", "--offset", "4"]);
    assert_eq!(page[..2], ["fr/bissextile.txt", "fr/ancien.txt"]);
    assert_eq!(page, all[4..]);
    hay.search(&["quai", "--sort", "date", "--offset", "8"])
        .assert_code(1);

    // Human output: ranks in date order, dates on the metadata lines.
    let out = hay.search(&["quai", "--sort", "date", "--limit", "2"]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], " 1. Nouvelles grues pour le quai ouest");
    assert!(
        lines[1].starts_with("    2021-07-01 · El Watan · fr · fr/juillet.txt · score "),
        "{}",
        lines[1]
    );
    assert!(
        out.stdout.contains("\n 2. Le quai ouest du port d'Oran rénové\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("\n1–2 of 8 matching articles\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn sort_score_is_the_default() {
    let hay = dated_hay();
    for query in ["quai", QUAY] {
        let default = hay.search_json(&[query, "--limit", "100"]);
        let by_score = hay.search_json(&[query, "--limit", "100", "--sort", "score"]);
        assert_eq!(default, by_score);
        let scores: Vec<f64> = default
            .iter()
            .map(|h| h["score"].as_f64().unwrap_or_default())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }
    // And it differs from date order on this hay (so that the tests above
    // would see a --sort date that does nothing).
    assert_ne!(
        hay.ids(&["quai", "--sort", "score"]),
        hay.ids(&["quai", "--sort", "date"])
    );
    let out = hay.search(&["quai", "--sort", "newest"]);
    out.assert_code(2);
    out.one_error_line();
}

const CSV_HEADER: &str = "id,path,title,lang,date,source,score,snippet,author";

/// Checks that `csv` (the output of `search --csv`) has the header and the
/// same hits, field by field, as `json` (the output of `search --json`).
fn assert_csv_matches_json(csv: &str, json: &[Value]) {
    assert!(csv.starts_with(&format!("{CSV_HEADER}\n")), "{csv}");
    let records = parse_csv(csv);
    assert_eq!(records[0], CSV_HEADER.split(',').collect::<Vec<_>>());
    let rows = &records[1..];
    assert_eq!(rows.len(), json.len(), "{csv}");
    for (row, hit) in rows.iter().zip(json) {
        assert_eq!(row.len(), 9, "{row:?}");
        for (col, name) in [(0, "id"), (1, "path"), (2, "title"), (3, "lang"), (7, "snippet")] {
            assert_eq!(row[col], str_field(hit, name), "{name} of {hit}");
        }
        for (col, name) in [(4, "date"), (5, "source"), (8, "author")] {
            let expected = hit[name].as_str().unwrap_or_default();
            assert_eq!(row[col], expected, "{name} of {hit}");
        }
        let score: f32 = row[6]
            .parse()
            .unwrap_or_else(|e| panic!("score {:?}: {e}", row[6]));
        let expected = hit["score"].as_f64().unwrap_or_default() as f32;
        assert!(same_score(score.into(), expected.into()), "{score} vs {hit}");
    }
}

#[test]
fn csv_has_the_header_and_the_json_fields_in_order() {
    let hay = dated_hay();
    for args in [
        &[QUAY, "--limit", "100"][..],
        &["quai", "--sort", "date"],
        &[QUAY, "--since", "2021", "--lang", "ar"],
        &["pêcheurs"],
    ] {
        let mut csv_args = vec!["--csv"];
        csv_args.extend_from_slice(args);
        let out = hay.search(&csv_args);
        out.assert_code(0);
        assert_csv_matches_json(&out.stdout, &hay.search_json(args));
    }
    // Undated, sourceless articles have empty cells (not "null", not "undated").
    let out = hay.search(&["--csv", "--lang", "ar", "الصيادين"]);
    out.assert_code(0);
    let records = parse_csv(&out.stdout);
    assert_eq!(records.len(), 2, "{}", out.stdout);
    assert_eq!(records[1][0], "ar/sans-date.txt");
    assert_eq!(records[1][4], "");
    assert_eq!(records[1][5], "");
    // No colour and no right-to-left isolates in CSV, even when asked.
    let out = hay.run(&[
        "--index", INDEX, "--color", "always", "search", "--csv", QUAY, "--limit", "100",
    ]);
    out.assert_code(0);
    assert!(!out.stdout.contains('\x1b'), "{}", out.stdout);
    assert!(!out.stdout.contains('\u{2067}'), "{}", out.stdout);
    assert!(out.stdout.contains(",الشروق,"), "{}", out.stdout);
}

#[test]
fn csv_quotes_commas_quotes_and_newlines() {
    let hay = Hay::new();
    hay.write(
        "corpus/depeches.jsonl",
        &jsonl(&[
            json!({
                "id": "dépêche\n42",
                "title": "Quai, \"grand\" chantier",
                "body": "Le quai, dit \"le grand\", sera prolongé de 200 mètres.",
                "lang": "fr",
                "date": "2022-05-03",
                "source": "Le \"Soir\", Alger",
            }),
            json!({
                "id": "simple",
                "title": "Un quai sans histoire",
                "body": "Rien à signaler sur le quai.",
                "lang": "fr",
            }),
        ]),
    );
    hay.index();
    let out = hay.search(&["--csv", "quai"]);
    out.assert_code(0);
    assert_csv_matches_json(&out.stdout, &hay.search_json(&["quai"]));
    let records = parse_csv(&out.stdout);
    let row = records
        .iter()
        .find(|r| r[0] == "dépêche\n42")
        .unwrap_or_else(|| panic!("no row for the record with a newline in its id:\n{}", out.stdout));
    assert_eq!(row[2], "Quai, \"grand\" chantier");
    assert_eq!(row[5], "Le \"Soir\", Alger");
    assert!(row[7].contains("**quai**, dit \"le grand\","), "{}", row[7]);
    // Quotes are doubled inside quoted fields, as RFC 4180 says.
    assert!(
        out.stdout.contains(",\"Quai, \"\"grand\"\" chantier\","),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(",\"Le \"\"Soir\"\", Alger\","),
        "{}",
        out.stdout
    );
    let row = records
        .iter()
        .find(|r| r[0] == "simple")
        .expect("a row for simple");
    assert_eq!((row[4].as_str(), row[5].as_str()), ("", ""));
}

#[test]
fn csv_without_hits_is_the_header_alone() {
    let hay = dated_hay();
    let out = hay.search(&["--csv", "zeppelin"]);
    out.assert_code(1);
    assert_eq!(out.stdout, format!("{CSV_HEADER}\n"));
}

#[test]
fn json_and_csv_together_are_a_usage_error() {
    let hay = dated_hay();
    for command in ["search", "stats"] {
        let out = hay.run(&["--index", INDEX, command, "--json", "--csv", QUAY]);
        out.assert_code(2);
        let line = out.one_error_line();
        assert!(line.contains("--json") && line.contains("--csv"), "{line}");
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
}

#[test]
fn limit_zero_counts_without_printing_hits() {
    let hay = dated_hay();
    let out = hay.search(&[QUAY, "--limit", "0"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "11 matching articles\n");
    let out = hay.search(&[QUAY, "--limit", "0", "--json"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "");
    let out = hay.search(&[QUAY, "--limit", "0", "--csv"]);
    out.assert_code(0);
    assert_eq!(out.stdout, format!("{CSV_HEADER}\n"));
    // The count follows the filters.
    let out = hay.search(&[QUAY, "--limit", "0", "--since", "2021"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "4 matching articles\n");
    assert_eq!(out.stderr_lines(), [undated_note(3)]);
    let out = hay.search(&["grues", "--limit", "0"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "1 matching article\n");
    // Nothing matches: exit 1.
    let out = hay.search(&["zeppelin", "--limit", "0"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "0 matching articles\n");
    hay.search(&[QUAY, "--limit", "0", "--since", "2030"])
        .assert_code(1);
    hay.search(&["zeppelin", "--limit", "0", "--json"]).assert_code(1);
}

#[test]
fn offset_past_the_end_exits_1() {
    let hay = dated_hay();
    let last = hay.search(&["--json", QUAY, "--offset", "10"]);
    last.assert_code(0);
    assert_eq!(last.json().len(), 1);
    for offset in ["11", "12", "1000"] {
        let out = hay.search(&[QUAY, "--offset", offset]);
        out.assert_code(1);
        // No hit, but the count of all of them.
        assert_eq!(out.stdout, "11 matching articles\n", "--offset {offset}");
        let out = hay.search(&["--json", QUAY, "--offset", offset]);
        out.assert_code(1);
        assert_eq!(out.stdout, "");
    }
    let out = hay.search(&["--csv", QUAY, "--offset", "11"]);
    out.assert_code(1);
    assert_eq!(out.stdout, format!("{CSV_HEADER}\n"));
    hay.search(&[QUAY, "--since", "2021", "--offset", "4"])
        .assert_code(1);
    hay.search(&[QUAY, "--since", "2021", "--offset", "3"])
        .assert_code(0);
}
