//! `fihris dups`: groups of near-duplicate articles (the same story from
//! several outlets, a republication), found by the MinHash signatures of
//! their bodies' content words, the earliest member first.
//!
//! The stories are those of [`crate::stories`]: story A as a .txt, as a
//! rewritten HTML page published a day earlier and as an undated verbatim
//! copy; its Arabic version and an Arabic rewrite; two other French stories
//! on the textile trade from one outlet, whose pages end with the same site
//! text.

use serde_json::Value;

use crate::stories::{
    self, AR_REWRITE, AR_TXT, A_COPY, A_HTML, A_PARAGRAPHS, A_TXT, D_PARAGRAPHS, D_TLEMCEN, E_BEJAIA,
    E_PARAGRAPHS, SOIR_TEASERS,
};
use crate::util::{sorted, sorted_keys, str_field, Hay, Run, INDEX};

/// `fihris --index idx dups args…`.
fn dups(hay: &Hay, args: &[&str]) -> Run {
    let mut all = vec!["--index", INDEX, "--color", "never", "dups"];
    all.extend_from_slice(args);
    hay.run(&all)
}

/// The groups of `dups --json args…`, checked to exit 0 with groups or 1
/// without, and with nothing on stderr.
fn groups(hay: &Hay, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = dups(hay, &all);
    let groups = out.json_results();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    groups
}

/// The member ids of a group, in order.
fn member_ids(group: &Value) -> Vec<String> {
    members(group)
        .iter()
        .map(|m| str_field(m, "id").to_string())
        .collect()
}

fn members(group: &Value) -> &Vec<Value> {
    group["members"]
        .as_array()
        .unwrap_or_else(|| panic!("no members in {group}"))
}

/// A member's similarity to the earliest member.
fn similarity(member: &Value) -> f64 {
    member["similarity"]
        .as_f64()
        .unwrap_or_else(|| panic!("no similarity in {member}"))
}

/// Sorted ids, from string literals.
fn set(ids: &[&str]) -> Vec<String> {
    sorted(ids.iter().map(|s| s.to_string()).collect())
}

/// The rewritten HTML page, the .txt and the verbatim copy of story A make
/// one group, and the Arabic pair another; the other two French stories,
/// on the same subject, are in none. The earliest member is the HTML page:
/// published a day before the .txt, and the undated copy is never the
/// earliest although its id sorts first.
#[test]
fn rewritten_copies_are_grouped_earliest_first() {
    let hay = stories::indexed();
    let groups = groups(&hay, &[]);
    assert_eq!(groups.len(), 2, "{groups:?}");

    // Largest group first.
    let a = &groups[0];
    assert_eq!(a["group"], 1);
    assert_eq!(a["size"], 3);
    assert_eq!(a["earliest"], A_HTML);
    let ids = member_ids(a);
    assert_eq!(ids[0], A_HTML, "{a}");
    assert_eq!(sorted(ids[1..].to_vec()), set(&[A_COPY, A_TXT]), "{a}");
    let first = &members(a)[0];
    assert_eq!(first["date"], "2023-03-09");
    assert_eq!(first["source"], "Le Messager de l'Ouest");
    assert_eq!(
        first["title"],
        "Tissages du Chélif : 1 200 postes à pourvoir à Sidi Khettab"
    );
    assert_eq!(first["lang"], "fr");
    assert!(str_field(first, "path").ends_with("corpus/fr/messager/tissages-chelif.html"));
    assert_eq!(similarity(first), 1.0);
    for member in &members(a)[1..] {
        let s = similarity(member);
        assert!(
            (0.5..1.0).contains(&s),
            "a rewrite is similar, not identical: {member}"
        );
    }
    // The .txt and its verbatim copy have the same body: the same
    // similarity to the earliest.
    assert_eq!(similarity(&members(a)[1]), similarity(&members(a)[2]), "{a}");
    let earliest: Vec<bool> = members(a)
        .iter()
        .map(|m| m["earliest"].as_bool().expect("a boolean"))
        .collect();
    assert_eq!(earliest, [true, false, false]);

    let ar = &groups[1];
    assert_eq!(ar["group"], 2);
    assert_eq!(ar["size"], 2);
    assert_eq!(ar["earliest"], AR_TXT);
    assert_eq!(member_ids(ar), [AR_TXT, AR_REWRITE]);
    assert_eq!(members(ar)[0]["date"], "2023-03-10");
    assert_eq!(members(ar)[1]["lang"], "ar");
    assert!(similarity(&members(ar)[1]) >= 0.5, "{ar}");

    let grouped: Vec<String> = groups.iter().flat_map(member_ids).collect();
    assert!(!grouped.contains(&D_TLEMCEN.to_string()), "{grouped:?}");
    assert!(!grouped.contains(&E_BEJAIA.to_string()), "{grouped:?}");
}

/// Groups and members have exactly the documented fields.
#[test]
fn json_groups_have_exactly_the_documented_fields() {
    let hay = stories::indexed();
    for group in groups(&hay, &[]) {
        let keys = sorted_keys(&group);
        assert_eq!(keys, ["earliest", "group", "members", "size"], "{group}");
        assert_eq!(group["size"].as_u64(), Some(members(&group).len() as u64));
        for member in members(&group) {
            let keys = sorted_keys(member);
            assert_eq!(
                keys,
                [
                    "author",
                    "date",
                    "earliest",
                    "id",
                    "lang",
                    "path",
                    "similarity",
                    "source",
                    "title"
                ],
                "{member}"
            );
        }
    }
    // The undated copy has null date and source.
    let groups = groups(&hay, &[]);
    let copy = members(&groups[0])
        .iter()
        .find(|m| m["id"] == A_COPY)
        .expect("the verbatim copy");
    assert_eq!(copy["date"], Value::Null);
    assert_eq!(copy["source"], Value::Null);
}

/// At threshold 1, only articles with the same body are copies: the .txt
/// and its verbatim copy (the dated one is the earliest), not the rewrites.
#[test]
fn threshold_one_keeps_only_exact_copies() {
    let hay = stories::indexed();
    let groups = groups(&hay, &["--threshold", "1.0"]);
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(member_ids(&groups[0]), [A_TXT, A_COPY]);
    assert_eq!(groups[0]["earliest"], A_TXT);
    for member in members(&groups[0]) {
        assert_eq!(similarity(member), 1.0, "{member}");
    }
}

/// A threshold outside 0..1, or not a number, is a usage error.
#[test]
fn invalid_threshold_is_an_error() {
    let hay = stories::indexed();
    for bad in ["1.5", "-0.2", "half"] {
        let out = dups(&hay, &[&format!("--threshold={bad}")]);
        out.assert_code(2);
        let line = out.one_error_line();
        assert!(line.contains("threshold"), "{line}");
        assert!(line.contains(bad), "{line}");
        assert_eq!(out.stdout, "");
    }
}

/// Only articles passing the filters are grouped.
#[test]
fn filters_restrict_the_articles_grouped() {
    let hay = stories::indexed();
    let ar = groups(&hay, &["--lang", "ar"]);
    assert_eq!(ar.len(), 1, "{ar:?}");
    assert_eq!(member_ids(&ar[0]), [AR_TXT, AR_REWRITE]);

    let fr = groups(&hay, &["--lang", "fr"]);
    assert_eq!(fr.len(), 1, "{fr:?}");
    assert_eq!(sorted(member_ids(&fr[0])), set(&[A_COPY, A_HTML, A_TXT]));

    // The two outlets "de l'Ouest" that published story A; the undated
    // copy has no source.
    let ouest = groups(&hay, &["--source", "Ouest"]);
    assert_eq!(ouest.len(), 1, "{ouest:?}");
    assert_eq!(member_ids(&ouest[0]), [A_HTML, A_TXT]);

    // From 10 March: the HTML page (9 March) and the undated copy are left
    // out, so the .txt is alone; the Arabic pair remains.
    let since = groups(&hay, &["--since", "2023-03-10"]);
    assert_eq!(since.len(), 1, "{since:?}");
    assert_eq!(member_ids(&since[0]), [AR_TXT, AR_REWRITE]);

    // Up to 10 March: the Arabic rewrite (11 March) is left out.
    let until = groups(&hay, &["--until", "2023-03-10"]);
    assert_eq!(until.len(), 1, "{until:?}");
    assert_eq!(member_ids(&until[0])[0], A_HTML);
    assert_eq!(sorted(member_ids(&until[0])), set(&[A_HTML, A_TXT]));
}

/// `--min-size` drops smaller groups; `--limit` keeps the largest ones.
#[test]
fn min_size_and_limit() {
    let hay = stories::indexed();
    let big = groups(&hay, &["--min-size", "3"]);
    assert_eq!(big.len(), 1, "{big:?}");
    assert_eq!(big[0]["earliest"], A_HTML);
    assert_eq!(big[0]["size"], 3);

    let out = dups(&hay, &["--json", "--min-size", "4"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");

    let first = groups(&hay, &["--limit", "1"]);
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0]["earliest"], A_HTML);
}

/// Human output: a heading per group, the earliest member marked, the
/// others with their similarity, and a footer.
#[test]
fn human_output_shows_groups_earliest_and_similarity() {
    let hay = stories::indexed();
    let out = dups(&hay, &[]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "group 1: 3 articles", "{}", out.stdout);
    assert_eq!(
        lines[1], "  * Tissages du Chélif : 1 200 postes à pourvoir à Sidi Khettab",
        "{}",
        out.stdout
    );
    assert_eq!(
        lines[2],
        format!("    2023-03-09 · Le Messager de l'Ouest · fr · {A_HTML} · earliest"),
        "{}",
        out.stdout
    );
    let line_of = |id: &str| {
        lines
            .iter()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("no line for {id}:\n{}", out.stdout))
            .to_string()
    };
    for id in [A_TXT, A_COPY, AR_REWRITE] {
        let line = line_of(id);
        assert!(line.contains(" · similarity 0."), "{line}");
    }
    assert!(
        line_of(A_COPY).starts_with("    undated · fr · "),
        "{}",
        line_of(A_COPY)
    );
    assert!(out.stdout.contains("\ngroup 2: 2 articles\n"), "{}", out.stdout);
    assert!(line_of(AR_TXT).ends_with(" · earliest"), "{}", line_of(AR_TXT));
    assert!(!out.stdout.contains(D_TLEMCEN), "{}", out.stdout);
    assert_eq!(
        lines.last().copied(),
        Some("2 groups of near-duplicates (5 articles shown), similarity at least 0.50")
    );

    let out = dups(&hay, &["--limit", "1", "--threshold", "0.6"]);
    out.assert_code(0);
    assert_eq!(
        out.stdout.lines().last(),
        Some("1 of 2 groups of near-duplicates (3 articles shown), similarity at least 0.60")
    );

    let out = dups(&hay, &["--min-size", "5"]);
    out.assert_code(1);
    assert_eq!(
        out.stdout.lines().last(),
        Some("no group of near-duplicates (similarity at least 0.50)")
    );
}

/// Two different stories from one site, whose pages end with the same
/// share line, copyright line and long teaser list, are not copies: that
/// text is removed at indexing. Control: the same teasers inside the
/// bodies (as article text) make them near-duplicates, so the test would
/// catch site text counted in the signatures.
#[test]
fn stories_sharing_site_text_are_not_grouped() {
    let hay = Hay::new();
    hay.write(&format!("corpus/{D_TLEMCEN}"), &stories::d_txt())
        .write(&format!("corpus/{E_BEJAIA}"), &stories::e_txt());
    hay.index();
    let out = dups(&hay, &["--json"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");

    let control = Hay::new();
    let with_teasers = |p: &[&str; 3]| {
        format!(
            "Textile\n\n{}\n\n{}\n\n{}.\n\n{}\n",
            p[0],
            p[1],
            SOIR_TEASERS.join(". "),
            p[2]
        )
    };
    control
        .write("corpus/d.txt", &with_teasers(&D_PARAGRAPHS))
        .write("corpus/e.txt", &with_teasers(&E_PARAGRAPHS));
    control.index();
    let groups = groups(&control, &[]);
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(sorted(member_ids(&groups[0])), set(&["d.txt", "e.txt"]));
}

/// The same site text with the teasers one a line under "Lire aussi :" (as
/// a page copied into a text file lays them out) is site text too.
#[test]
fn teasers_one_a_line_are_site_text_too() {
    let hay = Hay::new();
    let site_text = stories::soir_boilerplate("\n");
    hay.write(&format!("corpus/{D_TLEMCEN}"), &stories::d_txt_with(&site_text))
        .write(&format!("corpus/{E_BEJAIA}"), &stories::e_txt_with(&site_text));
    hay.index();
    let out = dups(&hay, &["--json"]);
    assert_eq!(out.stdout, "");
    out.assert_code(1);
}

/// Articles on the same subject (recruiting in the textile trade) that
/// tell different stories are not copies, even at a low threshold.
#[test]
fn same_subject_is_not_a_copy() {
    let hay = Hay::new();
    hay.write(&format!("corpus/{A_TXT}"), &stories::a_txt())
        .write(&format!("corpus/{D_TLEMCEN}"), &stories::d_txt())
        .write(&format!("corpus/{E_BEJAIA}"), &stories::e_txt());
    hay.index();
    let out = dups(&hay, &["--json", "--threshold", "0.3"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");
}

/// Groups follow the index: after a copy's file is deleted and `index` is
/// run again, the pair it made is gone and the group it was in is smaller;
/// a copy added later joins its group.
#[test]
fn incremental_sync_updates_groups() {
    let hay = stories::indexed();
    hay.remove(&format!("corpus/{AR_REWRITE}"));
    hay.remove(&format!("corpus/{A_COPY}"));
    hay.index();
    hay.run(&["--index", INDEX, "dups", "--lang", "ar"])
        .assert_code(1);
    let groups_now = groups(&hay, &[]);
    assert_eq!(groups_now.len(), 1, "{groups_now:?}");
    assert_eq!(member_ids(&groups_now[0]), [A_HTML, A_TXT]);

    // A radio's copy two days later: the .txt's wording, without the
    // paragraph on production figures (as the HTML page).
    let radio = format!(
        "Sidi Khettab : 1 200 emplois dans le textile\n11 mars 2023\nSource : Radio Relizane\n\n{}\n\n{}\n\n{}\n",
        A_PARAGRAPHS[3], A_PARAGRAPHS[0], A_PARAGRAPHS[2]
    );
    hay.write("corpus/fr/radio/textile-relizane.txt", &radio);
    hay.index();
    let groups_now = groups(&hay, &[]);
    assert_eq!(groups_now.len(), 1, "{groups_now:?}");
    let ids = member_ids(&groups_now[0]);
    assert_eq!(ids[0], A_HTML, "{ids:?}");
    assert_eq!(
        sorted(ids[1..].to_vec()),
        set(&["fr/radio/textile-relizane.txt", A_TXT])
    );

    // The Arabic rewrite back: the pair again.
    hay.write(&format!("corpus/{AR_REWRITE}"), &stories::ar_rewrite());
    hay.index();
    let ar = groups(&hay, &["--lang", "ar"]);
    assert_eq!(ar.len(), 1, "{ar:?}");
    assert_eq!(member_ids(&ar[0]), [AR_TXT, AR_REWRITE]);
}

/// Every member is at least threshold-similar to its group's earliest
/// member: groups do not chain. An agency dispatch published first, without
/// the paragraph on the buses, leads the group of the .txt (which has all
/// its paragraphs); the HTML page, which also lacks the production figures,
/// is too far from the dispatch to join it, although it is close to the
/// .txt. A lower threshold takes it in.
#[test]
fn members_are_similar_to_the_earliest_not_chained() {
    let hay = Hay::new();
    let dispatch = format!(
        "Relizane : 1 200 emplois dans le textile à Sidi Khettab\n8 mars 2023\nSource : APS\n\n{}\n\n{}\n\n{}\n",
        A_PARAGRAPHS[0], A_PARAGRAPHS[1], A_PARAGRAPHS[2]
    );
    hay.write("corpus/fr/aps/textile-relizane.txt", &dispatch)
        .write(&format!("corpus/{A_TXT}"), &stories::a_txt())
        .write(&format!("corpus/{A_HTML}"), &stories::a_html());
    hay.index();
    let groups_now = groups(&hay, &[]);
    assert_eq!(groups_now.len(), 1, "{groups_now:?}");
    assert_eq!(member_ids(&groups_now[0]), ["fr/aps/textile-relizane.txt", A_TXT]);
    for member in members(&groups_now[0]) {
        assert!(similarity(member) >= 0.5, "{member}");
    }
    let loose = groups(&hay, &["--threshold", "0.4"]);
    assert_eq!(loose.len(), 1, "{loose:?}");
    assert_eq!(member_ids(&loose[0])[0], "fr/aps/textile-relizane.txt");
    assert_eq!(loose[0]["size"], 3);
}
