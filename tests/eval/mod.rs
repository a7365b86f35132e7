//! `fihris eval`: known-item figures (MRR@10, Recall@1/10/100) computed by
//! hand on tiny corpora, the table and JSON outputs, `--field`, and errors.

use serde_json::Value;

use crate::util::{sorted_keys, Hay, INDEX};

/// Six JSON Lines articles with ids.
const PRESS: &str = r#"{"id":"a1","title":"La caravane de l'emploi à Béjaïa","body":"Les organisateurs ont accueilli des centaines de visiteurs au stade communal.","lang":"fr"}
{"id":"a2","title":"Des serres pour les maraîchers","body":"Les agriculteurs de Biskra et de Tanger reçoivent des subventions pour les serres.","lang":"fr"}
{"id":"a3","title":"Le port de Tanger agrandi","body":"Les travaux du quai dureront trois ans selon la direction.","lang":"fr"}
{"id":"a4","title":"Stage pour les apprentis boulangers","body":"Une formation en boulangerie accueille vingt apprentis.","lang":"fr"}
{"id":"a5","title":"افتتاح مكتبة جديدة","body":"افتتحت البلدية مكتبة جديدة في حي السلام لفائدة التلاميذ.","lang":"ar"}
{"id":"a6","title":"مهرجان الشعر","body":"ينظم المهرجان أمسيات شعرية في المسرح الجهوي.","lang":"ar"}
"#;

/// The queries and the rank of their target, worked out by hand:
///
/// | qid | query    | target | kind     | rank                              |
/// |-----|----------|--------|----------|-----------------------------------|
/// | q1  | Biskra   | a2     | title    | 1 (only a2 has it)                |
/// | q2  | zeppelin | a3     | title    | none (no article has it)          |
/// | q3  | Tanger   | a2     | abstract | 2 (a3 has it in its title)        |
/// | q4  | serres   | nope   | abstract | none, and the target is missing   |
/// | q5  | مكتبة    | a5     | (none)   | 1                                 |
const QUERIES: &str = r#"{"qid":"q1","query":"Biskra","target":"a2","kind":"title"}
{"qid":"q2","query":"zeppelin","target":"a3","kind":"title"}
{"qid":"q3","query":"Tanger","target":"a2","kind":"abstract"}
{"qid":"q4","query":"serres","target":"nope","kind":"abstract"}
{"qid":"q5","query":"مكتبة","target":"a5"}
"#;

fn press_hay() -> Hay {
    let hay = Hay::new();
    hay.write("corpus/press.jsonl", PRESS)
        .write("queries.jsonl", QUERIES);
    hay.index();
    hay
}

/// `fihris --index idx eval args…`.
fn eval(hay: &Hay, args: &[&str]) -> crate::util::Run {
    let mut all = vec!["--index", INDEX, "eval"];
    all.extend_from_slice(args);
    hay.run(&all)
}

/// `fihris --index idx eval --json args…`, which must exit 0; the report.
fn eval_json(hay: &Hay, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = eval(hay, &all);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one JSON object: {}", out.stdout);
    let report: Value = serde_json::from_str(lines[0]).expect("a JSON report");
    assert!(report.is_object(), "{report}");
    report
}

/// Checks the figures of a report (or of one kind in it).
#[track_caller]
fn assert_metrics(m: &Value, queries: u64, mrr10: f64, r1: f64, r10: f64, r100: f64, missing: u64) {
    assert_eq!(m["queries"].as_u64(), Some(queries), "queries in {m}");
    for (name, expected) in [
        ("mrr10", mrr10),
        ("recall1", r1),
        ("recall10", r10),
        ("recall100", r100),
    ] {
        let got = m[name]
            .as_f64()
            .unwrap_or_else(|| panic!("{name} is not a number in {m}"));
        assert!(
            (got - expected).abs() < 1e-9,
            "{name}: {got}, expected {expected}, in {m}"
        );
    }
    assert_eq!(
        m["missing_targets"].as_u64(),
        Some(missing),
        "missing_targets in {m}"
    );
}

const METRIC_KEYS: [&str; 6] = [
    "missing_targets",
    "mrr10",
    "queries",
    "recall1",
    "recall10",
    "recall100",
];

#[test]
fn json_report_has_the_documented_fields_and_hand_computed_figures() {
    let hay = press_hay();
    let report = eval_json(&hay, &["queries.jsonl"]);
    let mut top = METRIC_KEYS.to_vec();
    top.push("by_kind");
    top.sort_unstable();
    assert_eq!(sorted_keys(&report), top, "{report}");
    // Reciprocal ranks 1, 0, 1/2, 0, 1: MRR@10 = 2.5 / 5.
    assert_metrics(&report, 5, 0.5, 0.4, 0.6, 0.6, 1);
    // Per kind; q5 has no kind and counts only overall.
    assert_eq!(sorted_keys(&report["by_kind"]), ["abstract", "title"], "{report}");
    for kind in ["abstract", "title"] {
        assert_eq!(sorted_keys(&report["by_kind"][kind]), METRIC_KEYS, "{report}");
    }
    assert_metrics(&report["by_kind"]["title"], 2, 0.5, 0.5, 0.5, 0.5, 0);
    assert_metrics(&report["by_kind"]["abstract"], 2, 0.25, 0.0, 0.5, 0.5, 1);
}

#[test]
fn table_has_a_header_an_all_row_and_a_row_per_kind() {
    let hay = press_hay();
    let out = eval(&hay, &["queries.jsonl"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{}", out.stdout);
    assert!(lines[0].starts_with("queries.jsonl on idx ("), "{}", lines[0]);
    assert!(lines[0].ends_with(" s)"), "{}", lines[0]);
    let cells = |line: &str| line.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        cells(lines[1]),
        ["queries", "n", "MRR@10", "R@1", "R@10", "R@100"]
    );
    assert_eq!(cells(lines[2]), ["all", "5", "0.500", "0.400", "0.600", "0.600"]);
    assert_eq!(
        cells(lines[3]),
        ["abstract", "2", "0.250", "0.000", "0.500", "0.500"]
    );
    assert_eq!(
        cells(lines[4]),
        ["title", "2", "0.500", "0.500", "0.500", "0.500"]
    );
    assert_eq!(
        lines[5],
        "note: 1 targets are not in the index (counted as misses)"
    );
    // The numbers are right-aligned under their headings.
    for line in &lines[2..5] {
        assert_eq!(column_ends(line)[1..], column_ends(lines[1])[1..], "{line}");
    }
}

/// The character column where each whitespace-separated cell ends.
fn column_ends(line: &str) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len())
        .filter(|&i| chars[i] != ' ' && chars.get(i + 1).is_none_or(|c| *c == ' '))
        .map(|i| i + 1)
        .collect()
}

#[test]
fn ranks_beyond_ten_count_in_recall_at_100_only() {
    let hay = Hay::new();
    // Eleven articles have "Tipaza" in their title and body; the target has
    // it once in a long body, so it ranks 12th.
    let mut press = String::new();
    for i in 1..=11 {
        press.push_str(&format!(
            r#"{{"id":"d{i}","title":"Tipaza accueille le salon numéro {i}","body":"Le salon de Tipaza réunit des exposants venus de toute la région.","lang":"fr"}}"#
        ));
        press.push('\n');
    }
    press.push_str(
        r#"{"id":"target","title":"Les vergers de la Mitidja","body":"Les arboriculteurs de la Mitidja ont récolté des agrumes en abondance cette saison, et une partie de la production sera vendue sur les marchés de Tipaza, de Blida et d'Alger avant la fin du mois.","lang":"fr"}"#,
    );
    press.push('\n');
    hay.write("corpus/press.jsonl", &press).write(
        "queries.jsonl",
        "{\"qid\":\"far\",\"query\":\"Tipaza\",\"target\":\"target\"}\n\
         {\"qid\":\"first\",\"query\":\"Tipaza numéro 7\",\"target\":\"d7\"}\n",
    );
    hay.index();
    // Check the rank through search first.
    let all = crate::util::ids(&hay.search_json(&["Tipaza", "--limit", "20"]));
    assert_eq!(all.len(), 12, "{all:?}");
    assert_eq!(all[11], "target");
    let report = eval_json(&hay, &["queries.jsonl"]);
    // Ranks 12 and 1: reciprocal ranks 0 (beyond 10) and 1.
    assert_metrics(&report, 2, 0.5, 0.5, 0.5, 1.0, 0);
    assert_eq!(report["by_kind"], serde_json::json!({}));
}

#[test]
fn field_body_ignores_titles() {
    let hay = press_hay();
    // "Stage" is in a4's title only; "boulangerie" in its body only.
    hay.write(
        "title-words.jsonl",
        "{\"qid\":\"t\",\"query\":\"Stage\",\"target\":\"a4\",\"kind\":\"title\"}\n\
         {\"qid\":\"b\",\"query\":\"boulangerie\",\"target\":\"a4\",\"kind\":\"body\"}\n",
    );
    let all = eval_json(&hay, &["title-words.jsonl", "--field", "all"]);
    assert_metrics(&all, 2, 1.0, 1.0, 1.0, 1.0, 0);
    let default = eval_json(&hay, &["title-words.jsonl"]);
    assert_eq!(default, all, "--field all is the default");
    let body = eval_json(&hay, &["title-words.jsonl", "--field", "body"]);
    assert_metrics(&body, 2, 0.5, 0.5, 0.5, 0.5, 0);
    assert_metrics(&body["by_kind"]["title"], 1, 0.0, 0.0, 0.0, 0.0, 0);
    assert_metrics(&body["by_kind"]["body"], 1, 1.0, 1.0, 1.0, 1.0, 0);

    // --field body also changes ranks: a3 has "Tanger" in its title only,
    // so a2 comes first (q3 of QUERIES: rank 2 with --field all).
    let body = eval_json(&hay, &["queries.jsonl", "--field", "body"]);
    assert_metrics(&body["by_kind"]["abstract"], 2, 0.5, 0.5, 0.5, 0.5, 1);

    let out = eval(&hay, &["queries.jsonl", "--field", "headline"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("headline"), "{line}");
}

#[test]
fn queries_are_plain_words_any_of_which_may_match() {
    let hay = press_hay();
    // Query syntax would reject these (unclosed quote, parenthesis, OR at
    // the start); eval reads them as words, any of which may match.
    hay.write(
        "pasted.jsonl",
        r#"{"qid":"p1","query":"\"Biskra (serres","target":"a2"}
{"qid":"p2","query":"OR boulangers : zeppelin apprentis","target":"a4"}
{"qid":"p3","query":"title:مهرجان -الشعر","target":"a6"}
"#,
    );
    let report = eval_json(&hay, &["pasted.jsonl"]);
    assert_metrics(&report, 3, 1.0, 1.0, 1.0, 1.0, 0);
}

#[test]
fn malformed_query_line_names_the_file_and_line() {
    let hay = press_hay();
    // Line 2 is blank (skipped, but counted); line 4 lacks "target".
    hay.write(
        "bad.jsonl",
        "{\"qid\":\"q1\",\"query\":\"Biskra\",\"target\":\"a2\"}\n\n\
         {\"qid\":\"q2\",\"query\":\"Tanger\",\"target\":\"a3\"}\n\
         {\"qid\":\"q3\",\"query\":\"serres\"}\n",
    );
    let out = eval(&hay, &["bad.jsonl"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(
        line.starts_with("fihris: error: cannot read queries bad.jsonl:4: "),
        "{line}"
    );
    assert!(line.contains("target"), "says what is missing: {line}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);

    // Not JSON at all.
    hay.write(
        "junk.jsonl",
        "{\"qid\":\"q1\",\"query\":\"Biskra\",\"target\":\"a2\"}\nqid,query,target\n",
    );
    let out = eval(&hay, &["junk.jsonl", "--json"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(
        line.starts_with("fihris: error: cannot read queries junk.jsonl:2: "),
        "{line}"
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn empty_query_set_exits_1() {
    let hay = press_hay();
    hay.write("empty.jsonl", "\n");
    let out = eval(&hay, &["empty.jsonl", "--json"]);
    out.assert_code(1);
    let report: Value = serde_json::from_str(out.stdout.trim()).expect("a JSON report");
    assert_metrics(&report, 0, 0.0, 0.0, 0.0, 0.0, 0);
}

#[test]
fn missing_index_is_an_error() {
    let hay = Hay::new();
    hay.write("queries.jsonl", QUERIES);
    let out = hay.run(&["--index", "nowhere", "eval", "queries.jsonl"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("nowhere"), "{line}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(!hay.join("nowhere").exists(), "nothing created");

    // The default index: not built from corpus/ either.
    hay.write("corpus/press.jsonl", PRESS);
    let out = hay.run(&["eval", "queries.jsonl"]);
    out.assert_code(2);
    out.one_error_line();
    assert!(!hay.join("index").exists(), "eval does not build an index");
}

#[test]
fn missing_query_file_is_an_error() {
    let hay = press_hay();
    let out = eval(&hay, &["nosuch.jsonl"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("nosuch.jsonl"), "{line}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn missing_query_file_error_reads_well() {
    let hay = press_hay();
    let out = eval(&hay, &["nosuch.jsonl"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(!line.contains("index folder"), "{line}");
    assert_eq!(
        line,
        "fihris: error: cannot read queries nosuch.jsonl: no such file or directory"
    );
}
