//! `fihris stats` (counts of matching articles per year, month, source or
//! language) and `fihris show` (one article in full): the commands that
//! read the collection rather than rank it.

use serde_json::{json, Value};

use crate::util::{fr_article, parse_csv, sorted_keys, Hay, Run, AR_FILLER, FR_FILLER, INDEX};

const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// Matches the strike articles of [`stats_hay`], in both languages.
const STRIKE: &str = "grève OR إضراب";

/// A plain-text article: title, header lines (date, source), then
/// paragraphs separated by blank lines.
fn txt(title: &str, header: &[&str], paragraphs: &[&str]) -> String {
    let header: String = header.iter().map(|line| format!("{line}\n")).collect();
    format!("{title}\n{header}\n{}\n", paragraphs.join("\n\n"))
}

/// JSON Lines of `records`.
fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// Articles on strikes and other news, French and Arabic:
///
/// | id | date | source | lang | strike |
/// |---|---|---|---|---|
/// | fr/1962.txt | 1962-07-05 | Alger républicain | fr | |
/// | fr/2008.txt | 2008-02-29 | El Watan | fr | |
/// | aps-2010 | 2010-10-10 | APS, Alger | fr | yes |
/// | ar/mars.txt | 2019-03-05 | الشروق | ar | yes |
/// | fr/mars-a.txt | 2019-03-12 | El Watan | fr | yes |
/// | fr/mars-b.txt | 2019-03-28 | El Watan | fr | yes |
/// | fr/novembre.txt | 2019-11-05 | Liberté | fr | |
/// | fr/2021.txt | 2021-01-01 | El Watan | fr | yes |
/// | ar/2021.txt | 2021-12-31 | – | ar | yes |
/// | fr/sans-date.txt | – | Liberté | fr | yes |
/// | fr/breve.txt | – | – | fr | |
/// | depeches.jsonl#2 | – | – | ar | yes |
fn stats_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/1962.txt",
        &txt(
            "Les Algérois fêtent l'indépendance",
            &["5 juillet 1962", "Source : Alger républicain"],
            &["Une foule immense a envahi les rues de la capitale.", FR_FILLER],
        ),
    )
    .write(
        "corpus/fr/2008.txt",
        &txt(
            "Un salon du livre très fréquenté",
            &["29 février 2008", "Source : El Watan"],
            &["Les éditeurs se félicitent de l'affluence au salon.", FR_FILLER],
        ),
    )
    .write(
        "corpus/fr/mars-a.txt",
        &txt(
            "Les dockers entament une grève",
            &["12 mars 2019", "Source : El Watan"],
            &["La grève des dockers paralyse le port d'Alger.", FR_FILLER],
        ),
    )
    .write(
        "corpus/fr/mars-b.txt",
        &txt(
            "Fin de la grève au port",
            &["28 mars 2019", "Source : El Watan"],
            &[
                "Les dockers ont repris le travail après deux semaines de grève.",
                FR_FILLER,
            ],
        ),
    )
    .write(
        "corpus/fr/novembre.txt",
        &txt(
            "Ouverture du salon du livre",
            &["5 novembre 2019", "Source : Liberté"],
            &["Le salon accueille cette année trois cents éditeurs.", FR_FILLER],
        ),
    )
    .write(
        "corpus/fr/2021.txt",
        &txt(
            "Préavis de grève dans l'éducation",
            &["1 janvier 2021", "Source : El Watan"],
            &[
                "Les syndicats de l'éducation déposent un préavis de grève.",
                FR_FILLER,
            ],
        ),
    )
    .write(
        "corpus/fr/sans-date.txt",
        &txt(
            "La grève des enseignants se poursuit",
            &["Source : Liberté"],
            &[
                "Les enseignants maintiennent leur mot d'ordre de grève.",
                FR_FILLER,
            ],
        ),
    )
    .write(
        "corpus/fr/breve.txt",
        &fr_article(
            "Brève : météo clémente sur la côte",
            "Un temps doux est attendu sur tout le littoral.",
        ),
    )
    .write(
        "corpus/ar/mars.txt",
        &txt(
            "إضراب عمال الموانئ",
            &["الثلاثاء 5 مارس 2019", "المصدر: الشروق"],
            &["دخل عمال الموانئ في إضراب مفتوح للمطالبة برفع الأجور.", AR_FILLER],
        ),
    )
    .write(
        "corpus/ar/2021.txt",
        &txt(
            "إضراب في قطاع التربية",
            &["31 ديسمبر 2021"],
            &["شن الأساتذة إضراب لمدة ثلاثة أيام.", AR_FILLER],
        ),
    )
    .write(
        "corpus/depeches.jsonl",
        &jsonl(&[
            json!({
                "id": "aps-2010",
                "title": "Grève des cheminots",
                "body": "Les cheminots observent une grève de deux jours.",
                "lang": "fr",
                "date": "2010-10-10",
                "source": "APS, Alger",
            }),
            json!({
                "title": "إضراب الأطباء المقيمين",
                "body": "يواصل الأطباء المقيمون إضرابهم. وقد أعلنوا إضراب جديد الأسبوع المقبل.",
                "lang": "ar",
            }),
        ]),
    );
    hay.index();
    hay
}

/// `fihris --index idx --color never stats args…`.
fn stats(hay: &Hay, args: &[&str]) -> Run {
    let mut all = vec!["--index", INDEX, "--color", "never", "stats"];
    all.extend_from_slice(args);
    hay.run(&all)
}

/// The buckets of `stats --json args…`, checked to exit 0 with buckets or
/// 1 without, each line being exactly `{"bucket": string, "count": number}`.
fn buckets(hay: &Hay, args: &[&str]) -> Vec<(String, u64)> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = stats(hay, &all);
    let lines = out.json_results();
    lines
        .iter()
        .map(|line| {
            assert_eq!(sorted_keys(line), ["bucket", "count"], "{line}");
            let bucket = line["bucket"]
                .as_str()
                .unwrap_or_else(|| panic!("bucket in {line}"));
            let count = line["count"]
                .as_u64()
                .unwrap_or_else(|| panic!("count in {line}"));
            (bucket.to_string(), count)
        })
        .collect()
}

/// `(bucket, count)` pairs, for comparisons.
fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(b, c)| (b.to_string(), *c)).collect()
}

/// The note on stderr when a date filter leaves out `n` undated matches.
fn undated_note(n: usize) -> String {
    if n == 1 {
        "fihris: note: 1 undated matching article was left out by the date filter".to_string()
    } else {
        format!("fihris: note: {n} undated matching articles were left out by the date filter")
    }
}

/// The number of matching articles `search --limit 0 args…` reports.
fn search_count(hay: &Hay, args: &[&str]) -> u64 {
    let mut all = vec!["--limit", "0"];
    all.extend_from_slice(args);
    let out = hay.search_cross(&all);
    let count = out
        .stdout
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count: {}", out.stdout));
    out.assert_code(if count == 0 { 1 } else { 0 });
    count
}

/// Columns a line takes on a terminal: bidi isolates take none.
fn width(text: &str) -> usize {
    text.chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .count()
}

/// One row of the human stats table.
#[derive(Debug)]
struct Row {
    bucket: String,
    count: u64,
    bar: usize,
    /// The column where the count ends.
    count_end: usize,
}

/// Parses the human stats table: rows of `bucket count bar`, then a
/// `total N article(s)` line, whose count must be `total` and align with
/// the rows' counts.
fn table(stdout: &str, total: u64) -> Vec<Row> {
    let lines: Vec<&str> = stdout.lines().collect();
    let (last, rows) = lines.split_last().unwrap_or_else(|| panic!("an empty table"));
    let rows: Vec<Row> = rows
        .iter()
        .map(|line| {
            let text = line.trim_end_matches('█');
            let bar = line[text.len()..].chars().count();
            let text = text
                .strip_suffix(' ')
                .unwrap_or_else(|| panic!("a space before the bar: {line:?}"));
            let (bucket, count) = text
                .trim_end()
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("bucket and count: {line:?}"));
            Row {
                bucket: bucket.trim_end().to_string(),
                count: count.parse().unwrap_or_else(|e| panic!("count in {line:?}: {e}")),
                bar,
                count_end: width(text),
            }
        })
        .collect();
    let noun = if total == 1 { " article" } else { " articles" };
    let text = last
        .strip_suffix(noun)
        .unwrap_or_else(|| panic!("a total line: {last:?}"));
    let (name, count) = text.rsplit_once(' ').unwrap_or_else(|| panic!("{last:?}"));
    assert_eq!(name.trim_end(), "total", "{last:?}");
    assert_eq!(count.parse::<u64>().ok(), Some(total), "{last:?}");
    for row in &rows {
        assert_eq!(row.count_end, width(text), "counts aligned:\n{stdout}");
    }
    rows
}

#[test]
fn by_year_in_time_order_with_undated_last() {
    let hay = stats_hay();
    let expected = pairs(&[
        ("1962", 1),
        ("2008", 1),
        ("2010", 1),
        ("2019", 4),
        ("2021", 2),
        ("undated", 3),
    ]);
    assert_eq!(buckets(&hay, &["--by", "year"]), expected);
    // --by year is the default.
    assert_eq!(buckets(&hay, &[]), expected);
}

#[test]
fn by_month_as_yyyy_mm_in_time_order() {
    let hay = stats_hay();
    assert_eq!(
        buckets(&hay, &["--by", "month"]),
        pairs(&[
            ("1962-07", 1),
            ("2008-02", 1),
            ("2010-10", 1),
            ("2019-03", 3),
            ("2019-11", 1),
            ("2021-01", 1),
            ("2021-12", 1),
            ("undated", 3),
        ])
    );
}

#[test]
fn by_source_in_decreasing_counts_with_unknown() {
    let hay = stats_hay();
    let all = buckets(&hay, &["--by", "source"]);
    assert_eq!(
        all[..3],
        pairs(&[("El Watan", 4), ("unknown", 3), ("Liberté", 2)])
    );
    let mut rest = all[3..].to_vec();
    rest.sort();
    assert_eq!(
        rest,
        pairs(&[("APS, Alger", 1), ("Alger républicain", 1), ("الشروق", 1)])
    );
    let counts: Vec<u64> = all.iter().map(|(_, c)| *c).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{all:?}");
}

#[test]
fn by_lang_in_decreasing_counts() {
    let hay = stats_hay();
    assert_eq!(buckets(&hay, &["--by", "lang"]), pairs(&[("fr", 9), ("ar", 3)]));
    assert_eq!(
        buckets(&hay, &[STRIKE, "--by", "lang"]),
        pairs(&[("fr", 5), ("ar", 3)])
    );
}

#[test]
fn a_query_counts_only_matching_articles() {
    let hay = stats_hay();
    assert_eq!(
        buckets(&hay, &[STRIKE]),
        pairs(&[("2010", 1), ("2019", 3), ("2021", 2), ("undated", 2)])
    );
    assert_eq!(
        buckets(&hay, &[STRIKE, "--by", "month"]),
        pairs(&[
            ("2010-10", 1),
            ("2019-03", 3),
            ("2021-01", 1),
            ("2021-12", 1),
            ("undated", 2)
        ])
    );
    let sources = buckets(&hay, &[STRIKE, "--by", "source"]);
    assert_eq!(sources[..2], pairs(&[("El Watan", 3), ("unknown", 2)]));
    assert_eq!(sources.len(), 5, "{sources:?}");
    // Several arguments are one query, as for search. (--lang fr: French
    // words may also find their Arabic translations.)
    assert_eq!(
        buckets(&hay, &["grève", "dockers", "--lang", "fr"]),
        pairs(&[("2019", 2)])
    );
    let mut salon = buckets(&hay, &["salon", "--lang", "fr", "--by", "source"]);
    salon.sort();
    assert_eq!(salon, pairs(&[("El Watan", 1), ("Liberté", 1)]));
}

#[test]
fn filters_restrict_the_counts_and_a_date_filter_drops_undated() {
    let hay = stats_hay();
    let out = stats(&hay, &["--json", STRIKE, "--since", "2019"]);
    out.assert_code(0);
    let lines: Vec<(String, u64)> = out
        .json()
        .iter()
        .map(|l| {
            (
                l["bucket"].as_str().unwrap_or_default().to_string(),
                l["count"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(lines, pairs(&[("2019", 3), ("2021", 2)]));
    assert_eq!(out.stderr_lines(), [undated_note(2)]);

    let out = stats(&hay, &[STRIKE, "--lang", "ar", "--since", "2019", "--json"]);
    out.assert_code(0);
    assert_eq!(out.stderr_lines(), [undated_note(1)]);
    assert_eq!(
        buckets(&hay, &[STRIKE, "--lang", "ar", "--since", "2019"]),
        pairs(&[("2019", 1), ("2021", 1)])
    );
    // Without a query: every undated article is left out.
    let out = stats(&hay, &["--by", "lang", "--until", "2010"]);
    out.assert_code(0);
    assert_eq!(out.stderr_lines(), [undated_note(3)]);
    let rows = table(&out.stdout, 3);
    assert_eq!(rows.len(), 1, "{}", out.stdout);
    assert_eq!((rows[0].bucket.as_str(), rows[0].count), ("fr", 3));
    assert_eq!(
        buckets(
            &hay,
            &["--by", "month", "--since", "2019-03", "--until", "2019-03"]
        ),
        pairs(&[("2019-03", 3)])
    );
    let sources = buckets(&hay, &["--by", "source", "--since", "2019", "--until", "2019"]);
    assert_eq!(sources[0], ("El Watan".to_string(), 2));
    let mut rest = sources[1..].to_vec();
    rest.sort();
    assert_eq!(rest, pairs(&[("Liberté", 1), ("الشروق", 1)]));
    // Other filters: no note, and "undated" stays a bucket.
    let out = stats(&hay, &["--source", "el watan"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_eq!(
        buckets(&hay, &["--source", "el watan"]),
        pairs(&[("2008", 1), ("2019", 2), ("2021", 1)])
    );
    assert_eq!(
        buckets(&hay, &[STRIKE, "--source", "liberte"]),
        pairs(&[("undated", 1)])
    );
    assert_eq!(
        buckets(&hay, &["--lang", "ar", "--by", "source"]),
        pairs(&[("unknown", 2), ("الشروق", 1)])
    );
}

#[test]
fn totals_agree_with_search() {
    let hay = stats_hay();
    for args in [
        &[STRIKE][..],
        &[STRIKE, "--lang", "fr"],
        &[STRIKE, "--since", "2019-03-10", "--until", "2021"],
        &[STRIKE, "--source", "watan"],
        &["grève", "--until", "2019-03"],
        &["إضراب"],
        &["zeppelin"],
    ] {
        let expected = search_count(&hay, args);
        for by in ["year", "month", "source", "lang"] {
            let mut all = args.to_vec();
            all.extend_from_slice(&["--by", by]);
            let total: u64 = buckets(&hay, &all).iter().map(|(_, c)| c).sum();
            assert_eq!(total, expected, "{all:?}");
        }
    }
}

#[test]
fn human_table_has_proportional_bars_and_a_total() {
    let hay = stats_hay();
    let out = stats(&hay, &["--by", "year"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let rows = table(&out.stdout, 12);
    let got: Vec<(&str, u64, usize)> = rows.iter().map(|r| (r.bucket.as_str(), r.count, r.bar)).collect();
    // The largest bucket (4) has 40 cells, the others in proportion.
    assert_eq!(
        got,
        [
            ("1962", 1, 10),
            ("2008", 1, 10),
            ("2010", 1, 10),
            ("2019", 4, 40),
            ("2021", 2, 20),
            ("undated", 3, 30),
        ],
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains('\x1b'), "no colour with --color never");

    // Counts that do not divide evenly: bars stay within a cell of the
    // exact proportion, and the largest still has 40.
    let out = stats(&hay, &["--by", "lang"]);
    out.assert_code(0);
    let rows = table(&out.stdout, 12);
    assert_eq!(rows.len(), 2, "{}", out.stdout);
    assert_eq!(
        (rows[0].bucket.as_str(), rows[0].count, rows[0].bar),
        ("fr", 9, 40)
    );
    assert_eq!((rows[1].bucket.as_str(), rows[1].count), ("ar", 3));
    let exact = 3.0 * 40.0 / 9.0;
    assert!((rows[1].bar as f64 - exact).abs() < 1.0, "{}", out.stdout);

    // One article: "article", not "articles".
    let out = stats(&hay, &[STRIKE, "--source", "liberte"]);
    out.assert_code(0);
    let rows = table(&out.stdout, 1);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].bucket.as_str(), rows[0].count, rows[0].bar),
        ("undated", 1, 40)
    );
}

#[test]
fn human_table_isolates_arabic_sources_and_keeps_columns_aligned() {
    let hay = stats_hay();
    let out = stats(&hay, &["--by", "source"]);
    out.assert_code(0);
    // table() checks that the counts end in the same column on every line.
    let rows = table(&out.stdout, 12);
    assert_eq!(rows.len(), 6, "{}", out.stdout);
    let arabic = rows
        .iter()
        .find(|r| r.bucket.contains("الشروق"))
        .unwrap_or_else(|| panic!("an Arabic source:\n{}", out.stdout));
    assert_eq!(arabic.bucket, format!("{RLI}الشروق{PDI}"));
    assert_eq!((arabic.count, arabic.bar), (1, 10));
    let names: Vec<&str> = rows.iter().map(|r| r.bucket.as_str()).collect();
    assert_eq!(names[..3], ["El Watan", "unknown", "Liberté"], "{}", out.stdout);
    assert!(names.contains(&"APS, Alger"), "{}", out.stdout);
}

#[test]
fn csv_output_has_a_header_and_quotes_fields() {
    let hay = stats_hay();
    let out = stats(&hay, &["--by", "source", "--csv"]);
    out.assert_code(0);
    assert!(out.stdout.starts_with("bucket,count\n"), "{}", out.stdout);
    assert!(out.stdout.contains("\n\"APS, Alger\",1\n"), "{}", out.stdout);
    let records = parse_csv(&out.stdout);
    let rows: Vec<(String, u64)> = records[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), 2, "{r:?}");
            (
                r[0].clone(),
                r[1].parse().unwrap_or_else(|e| panic!("{r:?}: {e}")),
            )
        })
        .collect();
    assert_eq!(rows, buckets(&hay, &["--by", "source"]));
    // No isolates or colour in CSV, even when colour is asked for.
    let out = hay.run(&[
        "--index", INDEX, "--color", "always", "stats", "--by", "source", "--csv",
    ]);
    out.assert_code(0);
    assert!(
        !out.stdout.contains(RLI) && !out.stdout.contains('\x1b'),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\nالشروق,1\n"), "{}", out.stdout);

    let out = stats(&hay, &[STRIKE, "--csv"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "bucket,count\n2010,1\n2019,3\n2021,2\nundated,2\n");
}

#[test]
fn nothing_matching_exits_1() {
    let hay = stats_hay();
    let out = stats(&hay, &["zeppelin"]);
    out.assert_code(1);
    table(&out.stdout, 0);
    assert_eq!(out.stdout.lines().count(), 1, "only the total: {}", out.stdout);
    let out = stats(&hay, &["zeppelin", "--json"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");
    let out = stats(&hay, &["zeppelin", "--csv"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "bucket,count\n");
    // Filters that leave nothing.
    stats(&hay, &["--since", "2030"]).assert_code(1);
    stats(&hay, &[STRIKE, "--lang", "ar", "--source", "watan"]).assert_code(1);
}

#[test]
fn bad_stats_arguments_are_errors() {
    let hay = stats_hay();
    for args in [
        &["--by", "decade"][..],
        &["--by"],
        &["--lang", "zz9"],
        &["--since", "2019-02-30"],
    ] {
        let out = stats(&hay, args);
        out.assert_code(2);
        let line = out.one_error_line();
        assert!(line.ends_with("(see fihris --help)"), "{args:?}: {line}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    }
    let out = stats(&hay, &["grève AND"]);
    out.assert_code(2);
    out.one_error_line();
    assert!(out.stdout.is_empty());
    let out = hay.run(&["--index", "nowhere", "stats"]);
    out.assert_code(2);
    assert!(out.one_error_line().contains("nowhere"), "{}", out.stderr);
}

// fihris show

const LONG_PARAGRAPH: &str = "Le mouvement de grève déclenché lundi par les dockers du port d'Oran \
    s'est étendu mercredi aux grutiers et aux pointeurs, qui réclament le versement des primes \
    de rendement promises depuis deux ans par la direction de l'entreprise portuaire.";
const SHORT_PARAGRAPH: &str = "Aucun navire n'a été déchargé depuis trois jours.";
const URL: &str =
    "https://www.exemple-journal.dz/economie/2019/03/12/greve-des-dockers-le-port-d-oran-a-l-arret-total";
const AR_LONG_PARAGRAPH: &str = "دخل عمال ميناء وهران في إضراب مفتوح منذ يوم الإثنين للمطالبة \
    بصرف منح المردودية التي وعدت بها إدارة المؤسسة المينائية منذ سنتين، وقد امتد الإضراب إلى \
    سائقي الرافعات.";
const AR_SHORT_PARAGRAPH: &str = "ولم يتم تفريغ أي سفينة منذ ثلاثة أيام.";
const LONG_TITLE: &str = "Les dockers du port d'Oran poursuivent leur grève malgré l'appel au \
    dialogue lancé par la direction de l'entreprise portuaire";

/// Articles to show in full.
fn show_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/greve.txt",
        &txt(
            "Grève au port d'Oran",
            &["12 mars 2019", "Source : L'Écho de l'Oranie"],
            &[
                LONG_PARAGRAPH,
                SHORT_PARAGRAPH,
                &format!("Plus de détails : {URL} sur notre site."),
            ],
        ),
    )
    .write(
        "corpus/ar/idrab.txt",
        &txt(
            "إضراب في ميناء وهران",
            &["الثلاثاء 12 مارس 2019", "المصدر: الشروق"],
            &[AR_LONG_PARAGRAPH, AR_SHORT_PARAGRAPH],
        ),
    )
    .write(
        "corpus/fr/sans-date.txt",
        &fr_article("Le port reprend son activité", SHORT_PARAGRAPH),
    )
    .write(
        "corpus/fr/titre-long.txt",
        &txt(LONG_TITLE, &["13 mars 2019"], &[SHORT_PARAGRAPH]),
    )
    .write(
        "corpus/depeches.jsonl",
        &jsonl(&[
            json!({
                "id": "aps-0312",
                "title": "Grève au port d'Oran",
                "body": "Premier paragraphe de la dépêche.\n\nSecond paragraphe, plus long.",
                "lang": "fr",
                "date": "2019-03-12",
                "source": "APS",
            }),
            json!({
                "title": "Sans identifiant",
                "body": "Une dépêche sans identifiant.",
                "lang": "fr",
            }),
        ]),
    );
    hay.index();
    hay
}

/// `fihris --index idx --color never show args…`.
fn show(hay: &Hay, args: &[&str]) -> Run {
    let mut all = vec!["--index", INDEX, "--color", "never", "show"];
    all.extend_from_slice(args);
    hay.run(&all)
}

/// The one JSON object of `show --json id`.
fn show_json(hay: &Hay, id: &str) -> Value {
    let out = show(hay, &["--json", id]);
    out.assert_code(0);
    let objects = out.json();
    assert_eq!(objects.len(), 1, "one line: {}", out.stdout);
    objects.into_iter().next().unwrap_or_default()
}

/// The words of `text`.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn show_prints_title_metadata_and_paragraphs_wrapped_to_80_columns() {
    let hay = show_hay();
    let out = show(&hay, &["fr/greve.txt"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let (head, body) = out
        .stdout
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("a blank line after the metadata:\n{}", out.stdout));
    assert_eq!(
        head.lines().collect::<Vec<_>>(),
        [
            "Grève au port d'Oran",
            "2019-03-12 · L'Écho de l'Oranie · fr · fr/greve.txt · corpus/fr/greve.txt",
        ]
    );
    assert!(body.ends_with('\n') && !body.ends_with("\n\n"), "{body:?}");
    let paragraphs: Vec<&str> = body.trim_end().split("\n\n").collect();
    let third = format!("Plus de détails : {URL} sur notre site.");
    let expected = [LONG_PARAGRAPH, SHORT_PARAGRAPH, third.as_str()];
    assert_eq!(paragraphs.len(), 3, "{body}");
    for (shown, written) in paragraphs.iter().zip(expected) {
        assert_eq!(words(shown), words(written));
        for line in shown.lines() {
            assert!(!line.is_empty() && line.trim() == line, "{line:?}");
            // A word longer than a line stays whole, on a line of its own.
            assert!(
                line.chars().count() <= 80 || line == URL,
                "fits 80 columns: {line}"
            );
        }
    }
    // The long paragraph is wrapped, and each line is filled: the next
    // line's first word would not have fitted.
    let lines: Vec<&str> = paragraphs[0].lines().collect();
    assert!(lines.len() >= 3, "{}", paragraphs[0]);
    for pair in lines.windows(2) {
        let next = pair[1].split(' ').next().unwrap_or_default();
        assert!(
            pair[0].chars().count() + 1 + next.chars().count() > 80,
            "{pair:?}"
        );
    }
    assert!(paragraphs[2].lines().any(|l| l == URL), "{}", paragraphs[2]);
    assert!(!out.stdout.contains(RLI), "no isolates in French text");
    assert!(!out.stdout.contains('\x1b'), "no colour with --color never");
}

#[test]
fn show_wraps_a_long_title_and_marks_undated_articles() {
    let hay = show_hay();
    let out = show(&hay, &["fr/titre-long.txt"]);
    out.assert_code(0);
    let (head, body) = out.stdout.split_once("\n\n").expect("a blank line");
    let head: Vec<&str> = head.lines().collect();
    assert!(head.len() >= 3, "a wrapped title: {}", out.stdout);
    let (meta, title) = head.split_last().expect("lines");
    assert_eq!(words(&title.join(" ")), words(LONG_TITLE));
    assert!(title.iter().all(|l| l.chars().count() <= 80), "{title:?}");
    assert_eq!(
        *meta,
        "2019-03-13 · fr · fr/titre-long.txt · corpus/fr/titre-long.txt"
    );
    assert_eq!(body, format!("{SHORT_PARAGRAPH}\n"));

    let out = show(&hay, &["fr/sans-date.txt"]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "Le port reprend son activité");
    assert_eq!(
        lines[1],
        "undated · fr · fr/sans-date.txt · corpus/fr/sans-date.txt"
    );
    assert_eq!(lines[2], "");
}

#[test]
fn show_isolates_arabic_title_source_and_lines() {
    let hay = show_hay();
    let out = show(&hay, &["ar/idrab.txt"]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], format!("{RLI}إضراب في ميناء وهران{PDI}"));
    assert_eq!(
        lines[1],
        format!("2019-03-12 · {RLI}الشروق{PDI} · ar · ar/idrab.txt · corpus/ar/idrab.txt")
    );
    assert_eq!(lines[2], "");
    let body = out.stdout.split_once("\n\n").expect("a blank line").1;
    let paragraphs: Vec<&str> = body.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 2, "{body}");
    for paragraph in &paragraphs {
        for line in paragraph.lines() {
            let inner = line
                .strip_prefix(RLI)
                .and_then(|l| l.strip_suffix(PDI))
                .unwrap_or_else(|| panic!("each line isolated: {line:?}"));
            assert!(inner.chars().count() <= 80, "fits 80 columns: {inner}");
            assert!(!inner.contains(RLI) && !inner.contains(PDI), "{line:?}");
        }
    }
    assert!(paragraphs[0].lines().count() >= 2, "wrapped: {}", paragraphs[0]);
    assert_eq!(
        words(&paragraphs[0].replace([RLI, PDI], "")),
        words(AR_LONG_PARAGRAPH)
    );
    assert_eq!(
        words(&paragraphs[1].replace([RLI, PDI], "")),
        words(AR_SHORT_PARAGRAPH)
    );
}

#[test]
fn show_json_has_exactly_the_article_fields() {
    let hay = show_hay();
    let article = show_json(&hay, "fr/greve.txt");
    assert_eq!(
        sorted_keys(&article),
        ["author", "body", "date", "id", "lang", "path", "source", "title"],
        "{article}"
    );
    assert_eq!(
        article,
        json!({
            "id": "fr/greve.txt",
            "path": "corpus/fr/greve.txt",
            "title": "Grève au port d'Oran",
            "lang": "fr",
            "date": "2019-03-12",
            "source": "L'Écho de l'Oranie",
            "body": format!("{LONG_PARAGRAPH}\n\n{SHORT_PARAGRAPH}\n\nPlus de détails : {URL} sur notre site."),
            "author": null,
        })
    );
    let article = show_json(&hay, "fr/sans-date.txt");
    assert_eq!(article["date"], Value::Null);
    assert_eq!(article["source"], Value::Null);
    assert_eq!(article["body"], format!("{SHORT_PARAGRAPH}\n\n{FR_FILLER}"));
    let article = show_json(&hay, "ar/idrab.txt");
    assert_eq!(article["lang"], "ar");
    assert_eq!(article["source"], "الشروق");
    assert_eq!(
        article["body"],
        format!("{AR_LONG_PARAGRAPH}\n\n{AR_SHORT_PARAGRAPH}")
    );
    // No isolates, no colour in JSON.
    let out = hay.run(&[
        "--index",
        INDEX,
        "--color",
        "always",
        "show",
        "--json",
        "ar/idrab.txt",
    ]);
    out.assert_code(0);
    assert!(
        !out.stdout.contains(RLI) && !out.stdout.contains('\x1b'),
        "{}",
        out.stdout
    );
}

#[test]
fn show_finds_jsonl_records_by_their_ids() {
    let hay = show_hay();
    let article = show_json(&hay, "aps-0312");
    assert_eq!(
        article,
        json!({
            "id": "aps-0312",
            "path": "corpus/depeches.jsonl",
            "title": "Grève au port d'Oran",
            "lang": "fr",
            "date": "2019-03-12",
            "source": "APS",
            "body": "Premier paragraphe de la dépêche.\n\nSecond paragraphe, plus long.",
            "author": null,
        })
    );
    let out = show(&hay, &["aps-0312"]);
    out.assert_code(0);
    assert_eq!(
        out.stdout,
        "Grève au port d'Oran\n\
         2019-03-12 · APS · fr · aps-0312 · corpus/depeches.jsonl\n\
         \n\
         Premier paragraphe de la dépêche.\n\
         \n\
         Second paragraphe, plus long.\n"
    );
    // A record without an id: file#line.
    let article = show_json(&hay, "depeches.jsonl#2");
    assert_eq!(article["id"], "depeches.jsonl#2");
    assert_eq!(article["title"], "Sans identifiant");
    assert_eq!(article["body"], "Une dépêche sans identifiant.");
    show(&hay, &["depeches.jsonl#2"]).assert_code(0);
    // The ids that search prints are the ids that show takes.
    let hits = hay.search_json(&["--limit", "100", "port OR dépêche OR ميناء"]);
    assert!(hits.len() >= 5, "{hits:?}");
    for hit in hits {
        let id = hit["id"].as_str().unwrap_or_default();
        let article = show_json(&hay, id);
        for field in ["id", "path", "title", "lang", "date", "source"] {
            assert_eq!(article[field], hit[field], "{field} of {id}");
        }
    }
}

#[test]
fn show_unknown_id_exits_1_and_names_it() {
    let hay = show_hay();
    for id in ["fr/absente.txt", "corpus/fr/greve.txt", "depeches.jsonl#9", "aps"] {
        for args in [&[id][..], &["--json", id]] {
            let out = show(&hay, args);
            out.assert_code(1);
            assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
            let lines = out.stderr_lines();
            assert_eq!(lines.len(), 1, "one line: {}", out.stderr);
            assert!(lines[0].starts_with("fihris: "), "{}", lines[0]);
            assert!(lines[0].contains(id), "names the id: {}", lines[0]);
        }
    }
    let out = hay.run(&["--index", "nowhere", "show", "fr/greve.txt"]);
    out.assert_code(2);
    out.one_error_line();
    let out = show(&hay, &[]);
    out.assert_code(2);
    assert!(out.one_error_line().contains("ID"), "{}", out.stderr);
}
