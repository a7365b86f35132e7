//! `fihris index` on an existing index: the incremental sync (only new and
//! changed files read, removed files' articles deleted, one commit), its
//! report (human, `--dry-run`, `--json`), `--full`, the writer lock and
//! what a sync killed with SIGKILL leaves behind.
//!
//! The reference for every sync is a full rebuild of the same files into
//! another index folder: the two must hold the same articles and answer
//! queries the same way (scores may differ a little, deleted documents
//! still count in BM25 statistics until their segment is merged).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

use crate::util::{
    filled_record as record, ids, json_lines, sorted, str_field, Hay, Run, AR_FILLER, FR_FILLER, INDEX,
};

/// Where the full rebuild that a sync is compared with goes.
const FULL: &str = "idx-full";

/// A word of [`FR_FILLER`] and one of [`AR_FILLER`]: every article of the
/// test corpora holds one of them, so `--any` on both finds them all.
const EVERY_ARTICLE: [&str; 2] = ["calendrier", "الرزنامة"];

/// Queries compared between a sync and a full rebuild.
const QUERIES: &[&[&str]] = &[
    &["emploi"],
    &["formation"],
    &["--any", "emploi", "formation", "jumelage"],
    &["التشغيل"],
    &["--any", "التشغيل", "التكوين"],
    &["--any", "--sort", "date", "emploi", "التشغيل"],
    &["--any", "--lang", "fr", "jumelage", "formation"],
    &["--any", "--source", "APS", "emploi", "التشغيل", "جمعية"],
    &["--any", "--since", "2019-05", "emploi", "formation", "التكوين"],
];

/// A plain-text article: title, header lines (date, source), body, and the
/// filler of its language.
fn txt(title: &str, header: &[&str], body: &str, filler: &str) -> String {
    let header: String = header.iter().map(|line| format!("{line}\n")).collect();
    format!("{title}\n{header}\n{body}\n\n{filler}\n")
}

/// Articles in [`base_corpus`].
const BASE_ARTICLES: usize = 16;
/// Articles after [`mutate`].
const MUTATED_ARTICLES: usize = 15;

/// Twelve files, 16 articles (10 French, 6 Arabic):
///
/// | file | articles |
/// |---|---|
/// | corpus/ar/a01.txt, a02.txt, a03.txt | 1 each (ar) |
/// | corpus/fr/f01.txt … f06.txt | 1 each (fr) |
/// | corpus/wire/ar.jsonl | wire-ar-1, wire-ar-2 |
/// | corpus/wire/fr.jsonl | wire-fr-1, wire-fr-2, wire-fr-3 |
/// | corpus/wire/mix.jsonl | mix-1 (fr), mix-2 (ar) |
fn base_corpus(hay: &Hay) {
    hay.write(
        "corpus/fr/f01.txt",
        &txt(
            "Jumelage entre l'ANEM et Pôle emploi",
            &["12 mars 2019", "Source : APS"],
            "Le projet de jumelage pour l'emploi des jeunes durera deux ans. L'emploi des diplômés \
             est la priorité, l'emploi rural aussi.",
            FR_FILLER,
        ),
    )
    .write(
        "corpus/fr/f02.txt",
        &txt(
            "Formation des conseillers à Oran",
            &["3 avril 2019", "Source : El Watan"],
            "La formation des conseillers en emploi commence en juin.",
            FR_FILLER,
        ),
    )
    .write(
        "corpus/fr/f03.txt",
        &txt(
            "Salon de l'emploi à Constantine",
            &["15 mai 2019", "Source : Le Quotidien d'Oran"],
            "Le salon de l'emploi et de la formation accueille les recruteurs : emploi, stages et \
             formation qualifiante pour tous les visiteurs venus des wilayas voisines.",
            FR_FILLER,
        ),
    )
    .write(
        "corpus/fr/f04.txt",
        &txt(
            "L'apprentissage séduit les hôteliers",
            &["20 juin 2019", "Source : Le Matin"],
            "Une nouvelle promotion d'apprentis rejoint les établissements hôteliers ; la formation \
             dure un an.",
            FR_FILLER,
        ),
    )
    .write(
        "corpus/fr/f05.txt",
        &txt(
            "Recrutement massif dans le bâtiment",
            &["1 juillet 2019", "Source : APS"],
            "Le recrutement de mille ouvriers soutient l'emploi local et le jumelage des chantiers.",
            FR_FILLER,
        ),
    )
    .write(
        "corpus/fr/f06.txt",
        &txt(
            "Le chômage des jeunes recule",
            &[],
            "Le chômage recule grâce aux programmes d'emploi et de formation des jeunes, selon le \
             dernier bilan trimestriel publié hier.",
            FR_FILLER,
        ),
    )
    .write(
        "corpus/ar/a01.txt",
        &txt(
            "الوكالة الوطنية للتشغيل تطلق برنامجا جديدا",
            &["12 مارس 2019", "المصدر: وأج"],
            "أعلنت الوكالة عن برنامج للتكوين المهني لفائدة الشباب الباحثين عن التشغيل.",
            AR_FILLER,
        ),
    )
    .write(
        "corpus/ar/a02.txt",
        &txt(
            "التكوين المهني في وهران",
            &["5 أبريل 2019", "المصدر: الشروق"],
            "يستقبل مركز التكوين المهني المتربصين الجدد، والتكوين مجاني.",
            AR_FILLER,
        ),
    )
    .write(
        "corpus/ar/a03.txt",
        &txt(
            "معرض التشغيل بقسنطينة",
            &["18 مايو 2019", "المصدر: الخبر"],
            "معرض التشغيل والتكوين يستقبل الشباب. التشغيل أولوية الولاية هذا العام والتشغيل الموسمي أيضا.",
            AR_FILLER,
        ),
    )
    .write(
        "corpus/wire/fr.jsonl",
        &[
            record(
                "wire-fr-1",
                "Emploi : les chiffres du trimestre",
                "Les chiffres de l'emploi salarié progressent ce trimestre.",
                "fr",
                "2019-09-01",
                "Reuters",
            ),
            record(
                "wire-fr-2",
                "Jumelage avec la Tunisie",
                "Un jumelage des agences de formation est signé à Tunis.",
                "fr",
                "2019-09-02",
                "APS",
            ),
            record(
                "wire-fr-3",
                "Formation en alternance",
                "La formation en alternance gagne les petites entreprises, la formation et l'emploi \
                 vont de pair.",
                "fr",
                "2019-09-03",
                "AFP",
            ),
        ]
        .concat(),
    )
    .write(
        "corpus/wire/ar.jsonl",
        &[
            record(
                "wire-ar-1",
                "أرقام التشغيل للفصل الثالث",
                "ارتفعت أرقام التشغيل في القطاع الخاص.",
                "ar",
                "2019-10-01",
                "وأج",
            ),
            record(
                "wire-ar-2",
                "اتفاقية للتكوين",
                "وقعت الوزارة اتفاقية للتكوين عن بعد مع الجامعات.",
                "ar",
                "2019-10-02",
                "APS",
            ),
        ]
        .concat(),
    )
    .write(
        "corpus/wire/mix.jsonl",
        &[
            record(
                "mix-1",
                "Emploi des femmes en zone rurale",
                "L'emploi des femmes progresse grâce aux coopératives agricoles.",
                "fr",
                "2019-11-01",
                "APS",
            ),
            record(
                "mix-2",
                "تشغيل النساء في الريف",
                "تحسن التشغيل في المناطق الريفية بفضل التعاونيات.",
                "ar",
                "2019-11-02",
                "وأج",
            ),
        ]
        .concat(),
    );
}

/// The new version of `corpus/wire/fr.jsonl`: wire-fr-2 gone, wire-fr-4 new,
/// wire-fr-1 and wire-fr-3 as they were.
fn new_fr_jsonl() -> String {
    [
        record(
            "wire-fr-1",
            "Emploi : les chiffres du trimestre",
            "Les chiffres de l'emploi salarié progressent ce trimestre.",
            "fr",
            "2019-09-01",
            "Reuters",
        ),
        record(
            "wire-fr-3",
            "Formation en alternance",
            "La formation en alternance gagne les petites entreprises, la formation et l'emploi \
             vont de pair.",
            "fr",
            "2019-09-03",
            "AFP",
        ),
        record(
            "wire-fr-4",
            "Jumelage et emploi des femmes",
            "Le jumelage des coopératives soutient l'emploi féminin et la formation des artisanes.",
            "fr",
            "2019-12-01",
            "APS",
        ),
    ]
    .concat()
}

/// Changes two files (content and size), adds two and removes two:
///
/// - changed: corpus/fr/f02.txt (new text), corpus/wire/fr.jsonl (see
///   [`new_fr_jsonl`]);
/// - added: corpus/fr/f07.txt, corpus/ar/a04.txt;
/// - removed: corpus/fr/f05.txt, corpus/wire/mix.jsonl.
fn mutate(hay: &Hay) {
    hay.write(
        "corpus/fr/f02.txt",
        &txt(
            "Formation continue des conseillers à Oran",
            &["4 avril 2019", "Source : El Watan"],
            "La formation continue des conseillers commence en septembre, avec une formation au \
             numérique et à l'accueil des demandeurs d'emploi.",
            FR_FILLER,
        ),
    )
    .write("corpus/wire/fr.jsonl", &new_fr_jsonl())
    .write(
        "corpus/fr/f07.txt",
        &txt(
            "Emploi saisonnier sur la côte",
            &["2 août 2019", "Source : El Watan"],
            "L'emploi saisonnier attire les étudiants, sans formation préalable.",
            FR_FILLER,
        ),
    )
    .write(
        "corpus/ar/a04.txt",
        &txt(
            "جمعية لدعم التشغيل",
            &["9 سبتمبر 2019", "المصدر: APS"],
            "تدعم الجمعية التشغيل والتكوين في الولاية.",
            AR_FILLER,
        ),
    );
    hay.remove("corpus/fr/f05.txt");
    hay.remove("corpus/wire/mix.jsonl");
}

/// The stderr lines of the sync after [`mutate`]: walk order, removed last.
const MUTATION_LINES: [&str; 6] = [
    "added corpus/ar/a04.txt",
    "changed corpus/fr/f02.txt",
    "added corpus/fr/f07.txt",
    "changed corpus/wire/fr.jsonl",
    "removed corpus/fr/f05.txt",
    "removed corpus/wire/mix.jsonl",
];

/// `fihris --index DIR index ARGS… corpus`.
fn index_into(hay: &Hay, dir: &str, args: &[&str]) -> Run {
    let mut all = vec!["--index", dir, "index"];
    all.extend_from_slice(args);
    all.push("corpus");
    hay.run(&all)
}

/// `fihris --index DIR search --no-cross --json ARGS…`, which must exit 0
/// with hits or 1 without; the hits.
fn hits_in(hay: &Hay, dir: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec![
        "--index",
        dir,
        "--color",
        "never",
        "search",
        "--no-cross",
        "--json",
    ];
    all.extend_from_slice(args);
    hay.run(&all).json_results()
}

/// The hits of one of [`QUERIES`]: all of them (no query has 100).
fn query_hits(hay: &Hay, dir: &str, query: &[&str]) -> Vec<Value> {
    let mut args = vec!["--limit", "100"];
    args.extend_from_slice(query);
    let hits = hits_in(hay, dir, &args);
    assert!(hits.len() < 100, "{query:?} is not a small query");
    hits
}

/// Every id of the index at `dir`, sorted.
fn all_ids(hay: &Hay, dir: &str) -> Vec<String> {
    let mut args = vec!["--any", "--limit", "100000"];
    args.extend_from_slice(&EVERY_ARTICLE);
    let hits = hits_in(hay, dir, &args);
    let all = sorted(ids(&hits));
    let twice: Vec<&String> = all.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
    assert!(
        twice.is_empty(),
        "{} ids indexed more than once in {dir}, e.g. {:?}",
        twice.len(),
        &twice[..twice.len().min(5)]
    );
    all
}

/// Articles per language from `stats --by lang --json` on the index at
/// `dir`, which must answer (exit 0, or 1 when empty).
fn by_lang(hay: &Hay, dir: &str) -> BTreeMap<String, u64> {
    let out = hay.run(&["--index", dir, "stats", "--by", "lang", "--json"]);
    let rows = out.json_results();
    rows.iter()
        .map(|r| {
            let count = r["count"].as_u64().expect("count is a number");
            (str_field(r, "bucket").to_string(), count)
        })
        .collect()
}

/// Total articles of the index at `dir`.
fn total(hay: &Hay, dir: &str) -> u64 {
    by_lang(hay, dir).values().sum()
}

/// A hit without its score (which may differ between a sync and a rebuild).
fn without_score(hit: &Value) -> Value {
    let mut hit = hit.clone();
    hit.as_object_mut().expect("a hit is an object").remove("score");
    hit
}

/// `id score` of each hit, for messages.
fn scored(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| format!("{} {:.4}", str_field(h, "id"), score(h)))
        .collect()
}

fn score(hit: &Value) -> f64 {
    hit["score"].as_f64().expect("score is a number")
}

/// Relative score difference under which two hits may swap places between
/// a sync and a rebuild. BM25 statistics (document frequencies, document
/// count, average length) still count the deleted documents of a sync until
/// their segment is merged: after [`mutate`], a word most deleted articles
/// held scores up to ~20% lower than in a rebuild, which reorders hits
/// whose scores were ~3% apart.
const NEAR_TIE: f64 = 0.05;

/// Asserts that two lists of hits hold the same articles with the same
/// fields (score aside) in the same order, except that hits whose scores in
/// `reference` are within [`NEAR_TIE`] of the next may come in either order
/// (with `--sort date`: hits of the same day, see
/// [`sort_by_date_orders_same_day_articles_the_same_after_a_sync`]).
fn assert_same_hits(query: &[&str], got: &[Value], reference: &[Value]) {
    let by_date = query.windows(2).any(|w| w == ["--sort", "date"]);
    let tied = |a: &Value, b: &Value| {
        if by_date {
            a["date"] == b["date"]
        } else {
            let (a, b) = (score(a), score(b));
            (a - b).abs() <= NEAR_TIE * a.abs().max(b.abs())
        }
    };
    assert_eq!(
        ids(got).len(),
        ids(reference).len(),
        "number of hits of {query:?}\n got: {:?}\n reference: {:?}",
        ids(got),
        ids(reference)
    );
    let sort_key = |h: &Value| str_field(h, "id").to_string();
    let mut start = 0;
    while start < reference.len() {
        // A run of ties in the reference.
        let mut end = start + 1;
        while end < reference.len() && tied(&reference[end - 1], &reference[end]) {
            end += 1;
        }
        let mut want: Vec<Value> = reference[start..end].iter().map(without_score).collect();
        let mut have: Vec<Value> = got[start..end].iter().map(without_score).collect();
        want.sort_by_key(sort_key);
        have.sort_by_key(sort_key);
        assert_eq!(
            have,
            want,
            "hits {start}..{end} of {query:?}\n got: {:?}\n reference: {:?}",
            scored(got),
            scored(reference)
        );
        start = end;
    }
}

/// Asserts that the index at `dir` holds what a full rebuild of the corpus
/// holds: same ids, same articles per language, same answers to [`QUERIES`].
fn assert_same_as_full_rebuild(hay: &Hay, dir: &str) {
    let _ = std::fs::remove_dir_all(hay.join(FULL));
    let out = index_into(hay, FULL, &[]);
    out.assert_code(0);
    assert_eq!(
        all_ids(hay, dir),
        all_ids(hay, FULL),
        "ids of {dir} and of a rebuild"
    );
    assert_eq!(by_lang(hay, dir), by_lang(hay, FULL), "articles per language");
    for query in QUERIES {
        let synced = query_hits(hay, dir, query);
        let rebuilt = query_hits(hay, FULL, query);
        assert!(!rebuilt.is_empty(), "no hits for {query:?}: not a useful query");
        assert_same_hits(query, &synced, &rebuilt);
    }
}

/// The summary line of a human build report (its only stdout line).
fn summary_line(out: &Run) -> &str {
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one summary line on stdout: {}", out.stdout);
    lines[0]
}

/// Asserts that a human summary line starts with `start` and ends with
/// `end`, the elapsed time between them.
fn assert_summary(out: &Run, start: &str, end: &str) {
    let line = summary_line(out);
    assert!(
        line.starts_with(start),
        "summary: {line}\nexpected start: {start}"
    );
    assert!(line.ends_with(end), "summary: {line}\nexpected end: {end}");
    let middle = &line[start.len()..line.len() - end.len()];
    let seconds = middle.strip_suffix(" s").unwrap_or(middle);
    assert!(
        seconds.parse::<f64>().is_ok(),
        "summary: {line}\nno time between start and end: {middle:?}"
    );
}

/// A hay with [`base_corpus`] indexed into [`INDEX`].
fn indexed_hay() -> Hay {
    let hay = Hay::new();
    base_corpus(&hay);
    let out = hay.index();
    assert_summary(
        &out,
        "indexed 16 articles (ar 6, fr 10) from 12 files, skipped 0, in ",
        &format!(" → {INDEX} (12 added, 0 changed, 0 removed, 0 unchanged, full rebuild)"),
    );
    assert!(
        out.stderr.is_empty(),
        "a full build lists no files: {}",
        out.stderr
    );
    hay
}

/// The answers of the index at `dir` to every query of [`QUERIES`], scores
/// included.
fn answers(hay: &Hay, dir: &str) -> Vec<Vec<Value>> {
    QUERIES.iter().map(|q| query_hits(hay, dir, q)).collect()
}

/// Name, size and modification time of every file in the folder `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("read the index folder") {
        let entry = entry.expect("an entry of the index folder");
        let meta = entry.metadata().expect("metadata of an index file");
        let modified = meta.modified().expect("modification time");
        out.insert(
            entry.file_name().to_string_lossy().into_owned(),
            (meta.len(), modified),
        );
    }
    out
}

/// Sets the modification time of `path`.
fn set_mtime(path: &Path, time: SystemTime) {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open a test file");
    file.set_modified(time).expect("set the modification time");
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("modification time")
}

#[test]
fn sync_equals_a_full_rebuild() {
    let hay = indexed_hay();
    assert_eq!(total(&hay, INDEX), BASE_ARTICLES as u64);
    mutate(&hay);
    index_into(&hay, INDEX, &[]).assert_code(0);

    assert_same_as_full_rebuild(&hay, INDEX);
    let ids = all_ids(&hay, INDEX);
    assert_eq!(ids.len(), MUTATED_ARTICLES, "{ids:?}");
    for gone in ["fr/f05.txt", "mix-1", "mix-2", "wire-fr-2"] {
        assert!(
            !ids.iter().any(|id| id == gone),
            "{gone} is still indexed: {ids:?}"
        );
    }
    for new in ["fr/f07.txt", "ar/a04.txt", "wire-fr-4"] {
        assert!(ids.iter().any(|id| id == new), "{new} is not indexed: {ids:?}");
    }
    // The changed text file is indexed with its new content only.
    let hit = hay.only_hit(&["numérique"], "fr/f02.txt");
    assert_eq!(hit["title"], "Formation continue des conseillers à Oran");
    assert_eq!(hit["date"], "2019-04-04");
    assert!(hay.search_json(&["juin", "conseillers"]).is_empty());
}

#[test]
fn sync_reports_added_changed_removed_and_unchanged_files() {
    let hay = indexed_hay();
    mutate(&hay);
    let out = hay.index();
    assert_eq!(out.stderr_lines(), MUTATION_LINES, "{}", out.stderr);
    assert_summary(
        &out,
        "indexed 15 articles (ar 6, fr 9) from 12 files, skipped 0, in ",
        &format!(" → {INDEX} (2 added, 2 changed, 2 removed, 8 unchanged)"),
    );
}

#[test]
fn sync_without_changes_reports_everything_unchanged_and_changes_no_answer() {
    let hay = indexed_hay();
    let before = answers(&hay, INDEX);
    let out = hay.index();
    assert!(out.stderr.is_empty(), "no file listed: {}", out.stderr);
    assert_summary(
        &out,
        "indexed 16 articles (ar 6, fr 10) from 12 files, skipped 0, in ",
        &format!(" → {INDEX} (0 added, 0 changed, 0 removed, 12 unchanged)"),
    );
    assert_eq!(
        answers(&hay, INDEX),
        before,
        "a sync without changes changed the answers"
    );

    // Also after a sync that changed things.
    mutate(&hay);
    hay.index();
    let before = answers(&hay, INDEX);
    let out = hay.index();
    assert!(out.stderr.is_empty(), "no file listed: {}", out.stderr);
    assert!(
        summary_line(&out).ends_with(" (0 added, 0 changed, 0 removed, 12 unchanged)"),
        "{}",
        out.stdout
    );
    assert_eq!(answers(&hay, INDEX), before);
}

#[test]
fn touched_file_with_the_same_bytes_is_unchanged() {
    let hay = indexed_hay();
    let before = answers(&hay, INDEX);
    for rel in ["corpus/fr/f01.txt", "corpus/wire/fr.jsonl"] {
        let path = hay.join(rel);
        let bytes = std::fs::read(&path).expect("read a test file");
        let old = mtime(&path);
        std::fs::write(&path, &bytes).expect("rewrite a test file");
        // A new modification time even on a file system with coarse times.
        set_mtime(&path, old + Duration::from_secs(5));
        assert_ne!(mtime(&path), old);
    }
    for _ in 0..2 {
        let out = hay.index();
        assert!(
            out.stderr.is_empty(),
            "a touched file is not changed: {}",
            out.stderr
        );
        assert_summary(
            &out,
            "indexed 16 articles (ar 6, fr 10) from 12 files, skipped 0, in ",
            &format!(" → {INDEX} (0 added, 0 changed, 0 removed, 12 unchanged)"),
        );
        assert_eq!(answers(&hay, INDEX), before);
    }
    // Touched, then really changed: seen as changed.
    hay.write(
        "corpus/fr/f01.txt",
        &txt(
            "Jumelage prolongé",
            &["12 mars 2019", "Source : APS"],
            "Le jumelage est prolongé d'un an.",
            FR_FILLER,
        ),
    );
    let out = hay.index();
    assert_eq!(out.stderr_lines(), ["changed corpus/fr/f01.txt"]);
    assert_eq!(hay.ids(&["prolongé"]), ["fr/f01.txt"]);
}

#[test]
fn file_with_the_same_size_and_modification_time_is_not_read_again() {
    let hay = indexed_hay();
    // Same length, same modification time, other bytes: the sync trusts
    // the stamp and does not read the file.
    let path = hay.join("corpus/fr/f04.txt");
    let old = std::fs::read_to_string(&path).expect("read a test file");
    let time = mtime(&path);
    let new = old.replacen("hôteliers", "cuisiniers", 1);
    assert_eq!(new.len(), old.len(), "the test needs a same-size edit");
    std::fs::write(&path, &new).expect("rewrite a test file");
    set_mtime(&path, time);

    let out = hay.index();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(
        summary_line(&out).ends_with(" (0 added, 0 changed, 0 removed, 12 unchanged)"),
        "{}",
        out.stdout
    );
    assert_eq!(hay.ids(&["séduit"]), ["fr/f04.txt"]);
    let hit = hay.only_hit(&["séduit"], "fr/f04.txt");
    assert_eq!(
        hit["title"], "L'apprentissage séduit les hôteliers",
        "old content kept"
    );

    // --full reads it.
    index_into(&hay, INDEX, &["--full"]).assert_code(0);
    let hit = hay.only_hit(&["séduit"], "fr/f04.txt");
    assert_eq!(hit["title"], "L'apprentissage séduit les cuisiniers");
}

#[test]
fn changed_jsonl_file_loses_a_removed_record_and_gains_an_added_one() {
    let hay = indexed_hay();
    assert_eq!(hay.ids(&["tunisie"]), ["wire-fr-2"]);
    let unchanged_record = hay.only_hit(&["alternance"], "wire-fr-3");

    hay.write("corpus/wire/fr.jsonl", &new_fr_jsonl());
    let out = hay.index();
    assert_eq!(out.stderr_lines(), ["changed corpus/wire/fr.jsonl"]);
    assert_summary(
        &out,
        "indexed 16 articles (ar 6, fr 10) from 12 files, skipped 0, in ",
        &format!(" → {INDEX} (0 added, 1 changed, 0 removed, 11 unchanged)"),
    );
    assert!(
        hay.search_json(&["tunisie"]).is_empty(),
        "the removed record is gone"
    );
    let shown = hay.run(&["--index", INDEX, "show", "wire-fr-2"]);
    shown.assert_code(1);
    assert_eq!(hay.ids(&["artisanes"]), ["wire-fr-4"]);
    // The records kept are there once, as they were.
    assert_eq!(
        without_score(&hay.only_hit(&["alternance"], "wire-fr-3")),
        without_score(&unchanged_record)
    );
    assert_eq!(hay.ids(&["salarié"]), ["wire-fr-1"]);
    assert_eq!(all_ids(&hay, INDEX).len(), BASE_ARTICLES);
}

#[test]
fn changed_jsonl_file_with_a_bad_record_reports_its_line() {
    let hay = indexed_hay();
    let mut text = new_fr_jsonl();
    text.push_str("{\"id\": \"cassé\", \"title\": \n");
    hay.write("corpus/wire/fr.jsonl", &text);
    let out = hay.index();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert_eq!(lines[0], "changed corpus/wire/fr.jsonl");
    assert!(
        lines[1].starts_with("skipped corpus/wire/fr.jsonl:4: "),
        "{}",
        lines[1]
    );
    assert_summary(
        &out,
        "indexed 16 articles (ar 6, fr 10) from 12 files, skipped 1, in ",
        &format!(" → {INDEX} (0 added, 1 changed, 0 removed, 11 unchanged)"),
    );
    assert_eq!(hay.ids(&["artisanes"]), ["wire-fr-4"]);
}

/// Russian in Windows-1251: no Arabic or Latin code page fits.
const UNDECODABLE: &[u8] =
    b"\xd0\xe0\xe1\xee\xf2\xe0 \xe4\xeb\xff \xec\xee\xeb\xee\xe4\xe5\xe6\xe8\n\n\xc2\xf1\xe5 \xf0\xe0\xe1\xee\xf2\xe0\xfe\xf2.\n";

#[test]
fn changed_file_that_became_undecodable_loses_its_articles_and_is_skipped() {
    let hay = indexed_hay();
    assert_eq!(hay.ids(&["hôteliers"]), ["fr/f04.txt"]);
    hay.write_bytes("corpus/fr/f04.txt", UNDECODABLE);
    let out = hay.index();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert_eq!(lines[0], "removed corpus/fr/f04.txt");
    assert!(
        lines[1].starts_with("skipped corpus/fr/f04.txt: "),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("not UTF-8"), "{}", lines[1]);
    assert_summary(
        &out,
        "indexed 15 articles (ar 6, fr 9) from 12 files, skipped 1, in ",
        &format!(" → {INDEX} (0 added, 0 changed, 1 removed, 11 unchanged)"),
    );
    assert!(
        hay.search_json(&["hôteliers"]).is_empty(),
        "its old article is gone"
    );
    hay.run(&["--index", INDEX, "show", "fr/f04.txt"]).assert_code(1);

    // The next sync only skips it again.
    let out = hay.index();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("skipped corpus/fr/f04.txt: "),
        "{}",
        lines[0]
    );
    assert!(
        summary_line(&out).ends_with(" (0 added, 0 changed, 0 removed, 11 unchanged)"),
        "{}",
        out.stdout
    );
    assert_same_as_full_rebuild(&hay, INDEX);

    // Readable again: added back.
    hay.write(
        "corpus/fr/f04.txt",
        &txt(
            "L'apprentissage séduit les hôteliers",
            &["20 juin 2019", "Source : Le Matin"],
            "Les hôteliers recrutent des apprentis.",
            FR_FILLER,
        ),
    );
    let out = hay.index();
    assert_eq!(out.stderr_lines(), ["added corpus/fr/f04.txt"]);
    assert_eq!(hay.ids(&["hôteliers"]), ["fr/f04.txt"]);
}

#[test]
fn dry_run_says_what_would_change_and_writes_nothing() {
    let hay = indexed_hay();
    let before = answers(&hay, INDEX);
    let ids_before = all_ids(&hay, INDEX);
    let files_before = snapshot(&hay.join(INDEX));
    mutate(&hay);

    let out = index_into(&hay, INDEX, &["--dry-run"]);
    out.assert_code(0);
    let would: Vec<String> = MUTATION_LINES.iter().map(|l| would(l)).collect();
    assert_eq!(out.stderr_lines(), would, "{}", out.stderr);
    let dry_summary = summary_line(&out).to_string();
    assert!(
        dry_summary.starts_with("would index 15 articles"),
        "{dry_summary}"
    );
    assert!(
        dry_summary.contains(" from 12 files, skipped 0, in "),
        "{dry_summary}"
    );
    assert!(
        dry_summary.ends_with(&format!(
            " → {INDEX} (2 added, 2 changed, 2 removed, 8 unchanged)"
        )),
        "{dry_summary}"
    );

    // Nothing written: same files, same times, same answers.
    assert_eq!(snapshot(&hay.join(INDEX)), files_before, "index files changed");
    assert_eq!(answers(&hay, INDEX), before);
    assert_eq!(all_ids(&hay, INDEX), ids_before);

    // Twice the same plan; then the real run does what was announced.
    let again = index_into(&hay, INDEX, &["--dry-run"]);
    assert_eq!(again.stderr, out.stderr);
    let real = hay.index();
    assert_eq!(real.stderr_lines(), MUTATION_LINES);
    assert!(
        summary_line(&real).starts_with("indexed 15 articles (ar 6, fr 9) from 12 files, skipped 0, in "),
        "{}",
        real.stdout
    );
    assert!(summary_line(&real).ends_with(" (2 added, 2 changed, 2 removed, 8 unchanged)"));
}

/// "added PATH" → "would add PATH", and so on.
fn would(line: &str) -> String {
    let (verb, path) = line.split_once(' ').expect("verb and path");
    let verb = match verb {
        "added" => "would add",
        "changed" => "would change",
        "removed" => "would remove",
        other => panic!("unexpected verb {other}"),
    };
    format!("{verb} {path}")
}

#[test]
fn dry_run_without_an_index_creates_nothing() {
    let hay = Hay::new();
    base_corpus(&hay);
    let out = index_into(&hay, INDEX, &["--dry-run"]);
    out.assert_code(0);
    assert!(
        out.stderr.is_empty(),
        "a full build lists no files: {}",
        out.stderr
    );
    assert!(
        summary_line(&out).starts_with("would index 16 articles"),
        "{}",
        out.stdout
    );
    assert!(
        summary_line(&out).ends_with(&format!(
            " → {INDEX} (12 added, 0 changed, 0 removed, 0 unchanged, full rebuild)"
        )),
        "{}",
        out.stdout
    );
    assert!(!hay.join(INDEX).exists(), "a dry run created the index folder");
}

/// The fields of a `--json` summary object, in order.
const SUMMARY_FIELDS: [&str; 13] = [
    "event",
    "index",
    "dry_run",
    "full",
    "files",
    "articles",
    "by_lang",
    "added",
    "changed",
    "removed",
    "unchanged",
    "skipped",
    "seconds",
];

/// Checks the shape of a `--json` build report and returns its events and
/// its summary.
fn json_report(out: &Run) -> (Vec<Value>, Value) {
    assert!(
        out.stderr.is_empty(),
        "--json writes nothing on stderr: {}",
        out.stderr
    );
    let mut objects = json_lines(&out.stdout);
    let summary = objects.pop().expect("a summary object");
    assert_eq!(summary["event"], "summary", "the last object is the summary");
    let keys: Vec<&str> = summary
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(sorted_strs(&keys), sorted_strs(&SUMMARY_FIELDS), "{summary}");
    assert!(summary["seconds"].as_f64().is_some_and(|s| s >= 0.0), "{summary}");
    assert!(summary["by_lang"].is_object(), "{summary}");
    for event in &objects {
        let kind = str_field(event, "event");
        assert!(
            ["added", "changed", "removed", "skipped"].contains(&kind),
            "one summary, then only file events: {event}"
        );
        let path = str_field(event, "path");
        assert!(!path.is_empty(), "{event}");
        let mut allowed = vec!["event", "path"];
        if kind == "skipped" {
            assert!(!str_field(event, "reason").is_empty(), "{event}");
            allowed.extend(["reason", "line"]);
        }
        for key in event.as_object().expect("an object").keys() {
            assert!(
                allowed.contains(&key.as_str()),
                "unexpected field {key} in {event}"
            );
        }
    }
    (objects, summary)
}

fn sorted_strs(items: &[&str]) -> Vec<String> {
    let mut items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    items.sort();
    items
}

/// `(event, path)` of file events.
fn events(objects: &[Value]) -> Vec<(String, String)> {
    objects
        .iter()
        .map(|o| {
            (
                str_field(o, "event").to_string(),
                str_field(o, "path").to_string(),
            )
        })
        .collect()
}

#[test]
fn json_report_has_one_object_per_event_then_one_summary() {
    let hay = indexed_hay();
    mutate(&hay);
    // A new file with a bad record, a changed file that cannot be decoded
    // any more, and a file of an unsupported type.
    hay.write(
        "corpus/wire/new.jsonl",
        &format!(
            "{}{}",
            record(
                "wire-new-1",
                "Foire de l'artisanat",
                "La foire de l'artisanat ouvre samedi.",
                "fr",
                "2019-12-05",
                "APS"
            ),
            "{\"id\": 5, \"title\": \n"
        ),
    );
    hay.write_bytes("corpus/fr/f04.txt", UNDECODABLE);
    hay.write("corpus/notes.pdf", "%PDF-1.4");

    let out = index_into(&hay, INDEX, &["--json"]);
    out.assert_code(0);
    let (objects, summary) = json_report(&out);
    let got = events(&objects);
    let pair = |e: &str, p: &str| (e.to_string(), p.to_string());
    // Every change of the sync once, in walk order then removed files, …
    let changes: Vec<(String, String)> = got.iter().filter(|(e, _)| e != "skipped").cloned().collect();
    assert_eq!(
        changes,
        [
            pair("added", "corpus/ar/a04.txt"),
            pair("changed", "corpus/fr/f02.txt"),
            pair("removed", "corpus/fr/f04.txt"),
            pair("added", "corpus/fr/f07.txt"),
            pair("changed", "corpus/wire/fr.jsonl"),
            pair("added", "corpus/wire/new.jsonl"),
            pair("removed", "corpus/fr/f05.txt"),
            pair("removed", "corpus/wire/mix.jsonl"),
        ]
    );
    // … and every skipped file or record.
    let mut skipped: Vec<&Value> = objects.iter().filter(|o| o["event"] == "skipped").collect();
    skipped.sort_by_key(|o| str_field(o, "path").to_string());
    assert_eq!(skipped.len(), 3, "{}", out.stdout);
    assert_eq!(skipped[0]["path"], "corpus/fr/f04.txt");
    assert!(skipped[0].get("line").is_none(), "{}", skipped[0]);
    assert!(
        str_field(skipped[0], "reason").contains("not UTF-8"),
        "{}",
        skipped[0]
    );
    assert_eq!(skipped[1]["path"], "corpus/notes.pdf");
    assert_eq!(skipped[1]["reason"], "unsupported file type .pdf");
    assert_eq!(skipped[2]["path"], "corpus/wire/new.jsonl");
    assert_eq!(skipped[2]["line"], 2, "{}", skipped[2]);

    assert_eq!(summary["index"], INDEX);
    assert_eq!(summary["dry_run"], false);
    assert_eq!(summary["full"], false);
    // 12 files after the mutation, minus f04 (still walked), plus new.jsonl.
    assert_eq!(summary["files"], 13);
    assert_eq!(summary["articles"], 15);
    assert_eq!(summary["by_lang"], json!({"ar": 6, "fr": 9}));
    assert_eq!(summary["added"], 3);
    assert_eq!(summary["changed"], 2);
    assert_eq!(summary["removed"], 3);
    assert_eq!(summary["unchanged"], 7);
    assert_eq!(summary["skipped"], 3);
    assert_eq!(total(&hay, INDEX), 15);

    // A sync without changes: only the summary (and the unsupported file).
    let out = index_into(&hay, INDEX, &["--json"]);
    let (objects, summary) = json_report(&out);
    let kinds: Vec<String> = events(&objects).into_iter().map(|(e, _)| e).collect();
    assert!(kinds.iter().all(|k| k == "skipped"), "{}", out.stdout);
    assert_eq!(
        (&summary["added"], &summary["changed"], &summary["removed"]),
        (&json!(0), &json!(0), &json!(0))
    );
    assert_eq!(summary["unchanged"], 12, "{summary}");
}

#[test]
fn json_report_of_a_dry_run_and_of_a_full_rebuild() {
    let hay = indexed_hay();
    mutate(&hay);
    let out = index_into(&hay, INDEX, &["--json", "--dry-run"]);
    out.assert_code(0);
    let (objects, summary) = json_report(&out);
    let want: Vec<(String, String)> = MUTATION_LINES
        .iter()
        .map(|l| {
            let (e, p) = l.split_once(' ').expect("event and path");
            (e.to_string(), p.to_string())
        })
        .collect();
    assert_eq!(events(&objects), want);
    assert_eq!(summary["dry_run"], true);
    assert_eq!(summary["full"], false);
    assert_eq!(summary["articles"], 15);
    assert_eq!(
        (
            &summary["added"],
            &summary["changed"],
            &summary["removed"],
            &summary["unchanged"]
        ),
        (&json!(2), &json!(2), &json!(2), &json!(8))
    );
    assert_eq!(
        total(&hay, INDEX),
        BASE_ARTICLES as u64,
        "a dry run writes nothing"
    );

    let out = index_into(&hay, INDEX, &["--json", "--full"]);
    out.assert_code(0);
    let (objects, summary) = json_report(&out);
    assert_eq!(objects.len(), 12, "every file added: {}", out.stdout);
    assert!(objects.iter().all(|o| o["event"] == "added"), "{}", out.stdout);
    assert_eq!(summary["full"], true);
    assert_eq!(summary["dry_run"], false);
    assert_eq!(summary["added"], 12);
    assert_eq!(summary["unchanged"], 0);
    assert_eq!(summary["removed"], 0);
    assert_eq!(summary["articles"], 15);
    assert_eq!(summary["by_lang"], json!({"ar": 6, "fr": 9}));
}

#[test]
fn full_flag_rebuilds_from_scratch() {
    let hay = indexed_hay();
    mutate(&hay);
    let out = index_into(&hay, INDEX, &["--full"]);
    out.assert_code(0);
    assert!(
        out.stderr.is_empty(),
        "a full build lists no files: {}",
        out.stderr
    );
    assert_summary(
        &out,
        "indexed 15 articles (ar 6, fr 9) from 12 files, skipped 0, in ",
        &format!(" → {INDEX} (12 added, 0 changed, 0 removed, 0 unchanged, full rebuild)"),
    );
    // The articles of the files removed since the last build are gone too.
    let ids = all_ids(&hay, INDEX);
    assert_eq!(ids.len(), MUTATED_ARTICLES, "{ids:?}");
    assert!(hay.search_json(&["coopératives", "agricoles"]).is_empty());
    assert_eq!(hay.ids(&["numérique"]), ["fr/f02.txt"]);
    // And the next sync is a sync again.
    let out = hay.index();
    assert!(
        summary_line(&out).ends_with(" (0 added, 0 changed, 0 removed, 12 unchanged)"),
        "{}",
        out.stdout
    );
}

#[test]
fn changing_the_stemmer_forces_a_full_rebuild() {
    let hay = indexed_hay();
    // The default stemmer finds the singular from the plural (where stems
    // decide what matches: --broad).
    assert_eq!(hay.ids(&["--broad", "apprentissages"]), ["fr/f04.txt"]);

    let out = index_into(&hay, INDEX, &["--stemmer", "none"]);
    out.assert_code(0);
    assert!(
        out.stderr.is_empty(),
        "a full build lists no files: {}",
        out.stderr
    );
    assert_summary(
        &out,
        "indexed 16 articles (ar 6, fr 10) from 12 files, skipped 0, in ",
        &format!(" → {INDEX} (12 added, 0 changed, 0 removed, 0 unchanged, full rebuild)"),
    );
    assert!(
        hay.search_json(&["--broad", "apprentissages"]).is_empty(),
        "not stemmed any more"
    );
    assert_eq!(hay.ids(&["apprentissage"]), ["fr/f04.txt"]);

    // Same stemmer: a sync.
    let out = index_into(&hay, INDEX, &["--stemmer", "none"]);
    assert!(
        summary_line(&out).ends_with(" (0 added, 0 changed, 0 removed, 12 unchanged)"),
        "{}",
        out.stdout
    );
    // A dry run with another stemmer would rebuild.
    let out = index_into(&hay, INDEX, &["--dry-run"]);
    assert!(summary_line(&out).ends_with(", full rebuild)"), "{}", out.stdout);
    assert!(
        hay.search_json(&["--broad", "apprentissages"]).is_empty(),
        "a dry run writes nothing"
    );

    // Back to the default: rebuilt again, with changes on the way.
    mutate(&hay);
    let out = hay.index();
    assert!(
        out.stderr.is_empty(),
        "a full build lists no files: {}",
        out.stderr
    );
    assert_summary(
        &out,
        "indexed 15 articles (ar 6, fr 9) from 12 files, skipped 0, in ",
        &format!(" → {INDEX} (12 added, 0 changed, 0 removed, 0 unchanged, full rebuild)"),
    );
    assert_eq!(hay.ids(&["apprentissages"]), ["fr/f04.txt"]);
    assert_eq!(all_ids(&hay, INDEX).len(), MUTATED_ARTICLES);
}

/// Writes `corpus/big/wire.jsonl` with `n` short French records
/// (`depeche-0` …), each holding a word of [`EVERY_ARTICLE`].
fn big_jsonl(hay: &Hay, n: usize) {
    let mut text = String::with_capacity(n * 300);
    for i in 0..n {
        text.push_str(&record(
            &format!("depeche-{i}"),
            &format!("Dépêche {i}"),
            &format!("Communiqué numéro {i} de l'agence."),
            "fr",
            &format!("2020-01-{:02}", i % 28 + 1),
            "APS",
        ));
    }
    hay.write("corpus/big/wire.jsonl", &text);
}

/// Starts `fihris --index idx index corpus` in the background.
fn spawn_index(hay: &Hay) -> Child {
    hay.command(["--index", INDEX, "index", "corpus"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start fihris index")
}

/// Waits until the writer's pid file in the index folder names `child` (a
/// killed writer leaves a stale one); false if the process ended first (or
/// after 60 s).
fn wait_for_pid_file(hay: &Hay, child: &mut Child) -> bool {
    let pid_file = hay.join(INDEX).join("fihris-writer.pid");
    let pid = child.id().to_string();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if std::fs::read_to_string(&pid_file).is_ok_and(|text| text.trim() == pid) {
            return true;
        }
        if child.try_wait().expect("poll the child").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    false
}

/// The exit code of `search` on the index, which must answer (0 or 1).
fn search_answers(hay: &Hay, words: &[&str]) -> i32 {
    let out = hay.search(words);
    assert!(
        out.code == 0 || out.code == 1,
        "search failed during or after a sync:\n{}",
        out.stderr
    );
    out.code
}

#[test]
fn second_writer_is_refused_and_names_the_first() {
    let hay = indexed_hay();
    const BIG: usize = 3000;
    big_jsonl(&hay, BIG);
    // Files only a second run indexes: a second run that planned before
    // taking the writer lock would read them while the first one commits,
    // then index the first one's new files a second time.
    const EXTRA: usize = 1000;
    for i in 0..EXTRA {
        hay.write(
            &format!("extra/{i:04}.txt"),
            &format!("Note {i}\n\nNote de service numéro {i}.\n\n{FR_FILLER}\n"),
        );
    }
    let mut first = spawn_index(&hay);
    assert!(
        wait_for_pid_file(&hay, &mut first),
        "the first sync ended before writing its pid file"
    );
    let pid = first.id();

    // The same command, and one with one more root, while the first writes.
    let same = hay.run(&["--index", INDEX, "index", "corpus"]);
    let more = hay.run(&["--index", INDEX, "index", "corpus", "extra"]);
    // Readers are not blocked.
    assert_eq!(search_answers(&hay, &["jumelage"]), 0);
    let status = first.wait().expect("wait for the first sync");
    assert!(status.success(), "the first sync failed: {status}");

    let refusal = format!(
        "fihris: error: cannot build the index: another fihris process (pid {pid}) is writing to the index \
         at {INDEX}; try again when it is done"
    );
    for out in [&same, &more] {
        out.assert_code(2);
        assert_eq!(out.one_error_line(), refusal);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }

    // The first sync's work is all there, once (all_ids fails on an id
    // indexed twice).
    assert_eq!(all_ids(&hay, INDEX).len(), BASE_ARTICLES + BIG);
    assert!(
        !hay.join(INDEX).join("fihris-writer.pid").exists(),
        "pid file left behind"
    );
    let out = hay.index();
    assert!(
        summary_line(&out).ends_with(" (0 added, 0 changed, 0 removed, 13 unchanged)"),
        "{}",
        out.stdout
    );
}

/// When to kill a sync.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// This long after it started.
    After(Duration),
    /// This long after its pid file appeared (it holds the writer lock).
    AfterPidFile(Duration),
    /// As soon as `meta.json` changed: right after the commit.
    AfterCommit,
}

#[test]
fn sync_killed_at_any_moment_leaves_the_old_or_the_new_index() {
    let hay = indexed_hay();
    let old_ids = all_ids(&hay, INDEX);
    let old_total = BASE_ARTICLES as u64;

    // A much larger corpus: the mutation, plus a big JSON Lines file.
    mutate(&hay);
    const BIG: usize = 3000;
    big_jsonl(&hay, BIG);
    let new_total = (MUTATED_ARTICLES + BIG) as u64;

    let ms = Duration::from_millis;
    // The sync takes the writer lock (and writes its pid file) first, then
    // reads the new and changed files, writes, and commits.
    let moments = [
        Moment::After(ms(50)),
        Moment::AfterPidFile(ms(0)),
        Moment::AfterPidFile(ms(200)),
        Moment::After(ms(500)),
        Moment::AfterPidFile(ms(900)),
        Moment::AfterCommit,
    ];
    let meta = hay.join(INDEX).join("meta.json");
    let mut outcomes = Vec::new();
    for moment in moments {
        let meta_before = std::fs::read(&meta).expect("read meta.json");
        let mut child = spawn_index(&hay);
        let start = Instant::now();
        let running = |child: &mut Child| child.try_wait().expect("poll the sync").is_none();
        match moment {
            Moment::After(delay) => {
                while start.elapsed() < delay && running(&mut child) {
                    std::thread::sleep(ms(1));
                }
            }
            Moment::AfterPidFile(delay) => {
                if wait_for_pid_file(&hay, &mut child) {
                    std::thread::sleep(delay);
                }
            }
            Moment::AfterCommit => {
                while running(&mut child) && start.elapsed() < Duration::from_secs(60) {
                    if std::fs::read(&meta).is_ok_and(|now| now != meta_before) {
                        break;
                    }
                    std::thread::sleep(ms(1));
                }
            }
        }
        let finished = !running(&mut child);
        // SIGKILL on unix.
        let _ = child.kill();
        let status = child.wait().expect("wait for the killed sync");
        let elapsed = start.elapsed();

        // The index opens and answers, with all of the old or all of the new.
        assert_eq!(
            search_answers(&hay, &["jumelage"]),
            0,
            "after a kill at {moment:?}"
        );
        let count = total(&hay, INDEX);
        assert!(
            count == old_total || count == new_total,
            "after a kill at {moment:?} ({status}): {count} articles, neither {old_total} nor {new_total}"
        );
        let mix_1 = hay.search_json(&["coopératives", "agricoles"]);
        let depeche = hay.run(&["--index", INDEX, "show", "depeche-2999"]);
        if count == old_total {
            assert_eq!(all_ids(&hay, INDEX), old_ids, "after a kill at {moment:?}");
            assert_eq!(
                ids(&mix_1),
                ["mix-1"],
                "removed file's article kept in the old index"
            );
            depeche.assert_code(1);
        } else {
            assert!(mix_1.is_empty(), "removed file's article gone in the new index");
            depeche.assert_code(0);
        }
        if matches!(moment, Moment::AfterCommit) {
            assert_eq!(count, new_total, "killed after its commit");
        }
        outcomes.push((moment, finished, count == new_total, elapsed));
    }
    eprintln!("kill outcomes (moment, finished before the kill, new content, elapsed): {outcomes:?}");

    // The last sync was killed after its commit: nothing left to do, and
    // the stale pid file left by the kill is harmless.
    let out = hay.index();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_summary(
        &out,
        &format!(
            "indexed {new_total} articles (ar 6, fr {}) from 13 files, skipped 0, in ",
            new_total - 6
        ),
        &format!(" → {INDEX} (0 added, 0 changed, 0 removed, 13 unchanged)"),
    );
    assert!(
        !hay.join(INDEX).join("fihris-writer.pid").exists(),
        "pid file left behind"
    );
    assert_same_as_full_rebuild(&hay, INDEX);
}

#[test]
fn sort_by_date_orders_same_day_articles_the_same_after_a_sync() {
    let hay = Hay::new();
    // Twelve articles of the same day; the n-th says "emploi" n times.
    for i in 1..=12 {
        hay.write(
            &format!("corpus/jour/{i:02}.txt"),
            &txt(
                &format!("Bulletin {i}"),
                &["12 mars 2019"],
                &format!("Bulletin du jour : {}.", vec!["emploi"; i].join(", ")),
                FR_FILLER,
            ),
        );
    }
    hay.index();
    // Change the first one: it moves to a new segment.
    hay.write(
        "corpus/jour/01.txt",
        &txt(
            "Bulletin 1",
            &["12 mars 2019"],
            "Bulletin du jour révisé : emploi.",
            FR_FILLER,
        ),
    );
    hay.index();
    index_into(&hay, FULL, &[]).assert_code(0);
    let query = ["--sort", "date", "--limit", "5", "emploi"];
    let synced = ids(&hits_in(&hay, INDEX, &query));
    let rebuilt = ids(&hits_in(&hay, FULL, &query));
    assert_eq!(synced, rebuilt, "same-day hits of a sync and of a rebuild");
    // A stable order: the best first within a day.
    assert_eq!(
        synced,
        [
            "jour/12.txt",
            "jour/11.txt",
            "jour/10.txt",
            "jour/09.txt",
            "jour/08.txt"
        ]
    );
}

#[test]
fn touched_file_and_changed_file_never_index_an_id_twice() {
    let hay = indexed_hay();
    // wire/fr.jsonl holds wire-fr-1; ar.jsonl, earlier in walk order, now
    // claims it too, and fr.jsonl is touched (same bytes, new time).
    let mut text = std::fs::read_to_string(hay.join("corpus/wire/ar.jsonl")).expect("read a test file");
    text.push_str(&record(
        "wire-fr-1",
        "معرف مكرر",
        "يعيد هذا المقال استعمال معرف موجود.",
        "ar",
        "2019-12-02",
        "وأج",
    ));
    hay.write("corpus/wire/ar.jsonl", &text);
    let path = hay.join("corpus/wire/fr.jsonl");
    let old = mtime(&path);
    let bytes = std::fs::read(&path).expect("read a test file");
    std::fs::write(&path, bytes).expect("rewrite a test file");
    set_mtime(&path, old + Duration::from_secs(5));

    let out = hay.index();
    assert_eq!(
        out.stderr_lines()[0],
        "changed corpus/wire/ar.jsonl",
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("skipped corpus/wire/ar.jsonl:3: duplicate id \"wire-fr-1\""),
        "{}",
        out.stderr
    );
    // all_ids fails on an id indexed twice.
    let ids = all_ids(&hay, INDEX);
    assert_eq!(ids.len(), BASE_ARTICLES, "{}{}", out.stdout, out.stderr);
    // The touched file keeps its id, as an unchanged one does (the
    // documented exception to "a sync equals a rebuild").
    assert_eq!(hay.ids(&["salarié"]), ["wire-fr-1"]);
}

#[test]
fn file_without_articles_is_not_added_again_by_every_sync() {
    let hay = indexed_hay();
    hay.write(
        "corpus/wire/empty.jsonl",
        "{\"id\":\"vide\",\"title\":\"\",\"body\":\"\"}\n",
    );
    let out = hay.index();
    assert_eq!(
        out.stderr_lines(),
        [
            "added corpus/wire/empty.jsonl",
            "skipped corpus/wire/empty.jsonl:1: record has no title and no body"
        ],
        "{}",
        out.stderr
    );
    let out = hay.index();
    assert!(
        out.stderr.is_empty(),
        "unchanged file read again:\n{}",
        out.stderr
    );
    assert_summary(
        &out,
        "indexed 16 articles (ar 6, fr 10) from 13 files, skipped 0, in ",
        &format!(" → {INDEX} (0 added, 0 changed, 0 removed, 13 unchanged)"),
    );

    // It changes: its article comes; it goes: so does its article.
    hay.write(
        "corpus/wire/empty.jsonl",
        &record(
            "plein",
            "Foire de l'artisanat",
            "La foire de l'artisanat ouvre samedi.",
            "fr",
            "2019-12-05",
            "APS",
        ),
    );
    let out = hay.index();
    assert_eq!(out.stderr_lines(), ["changed corpus/wire/empty.jsonl"]);
    assert_eq!(hay.ids(&["artisanat"]), ["plein"]);
    hay.remove("corpus/wire/empty.jsonl");
    let out = hay.index();
    assert_eq!(out.stderr_lines(), ["removed corpus/wire/empty.jsonl"]);
    assert!(hay.search_json(&["artisanat"]).is_empty());
}

#[test]
fn article_skipped_as_a_duplicate_is_indexed_once_its_id_is_free() {
    let hay = Hay::new();
    base_corpus(&hay);
    // After wire/fr.jsonl in walk order: its wire-fr-2 is a duplicate.
    hay.write(
        "corpus/wire/zz.jsonl",
        &[
            record(
                "wire-fr-2",
                "Jumelage avec le Maroc",
                "Un jumelage des agences de Rabat et d'Oran est signé.",
                "fr",
                "2019-09-05",
                "MAP",
            ),
            record(
                "wire-zz-1",
                "Foire de l'artisanat",
                "La foire de l'artisanat ouvre samedi.",
                "fr",
                "2019-12-05",
                "APS",
            ),
        ]
        .concat(),
    );
    let out = hay.index();
    assert!(
        out.stderr
            .contains("skipped corpus/wire/zz.jsonl:1: duplicate id \"wire-fr-2\""),
        "{}",
        out.stderr
    );
    assert_eq!(hay.ids(&["tunisie"]), ["wire-fr-2"]);

    // wire/fr.jsonl drops wire-fr-2: the id is free, zz.jsonl's article is
    // the only one that claims it (a full rebuild indexes it).
    hay.write("corpus/wire/fr.jsonl", &new_fr_jsonl());
    let out = hay.index();
    index_into(&hay, FULL, &[]).assert_code(0);
    assert_eq!(hay.run(&["--index", FULL, "show", "wire-fr-2"]).code, 0);
    assert_eq!(
        all_ids(&hay, INDEX),
        all_ids(&hay, FULL),
        "sync and rebuild\n{}{}",
        out.stdout,
        out.stderr
    );
    assert_eq!(hay.ids(&["maroc"]), ["wire-fr-2"]);
}

#[test]
fn dry_run_summary_counts_articles_by_language() {
    let hay = indexed_hay();
    mutate(&hay);
    let out = index_into(&hay, INDEX, &["--dry-run"]);
    assert!(
        summary_line(&out).starts_with("would index 15 articles (ar 6, fr 9) from 12 files, skipped 0, in "),
        "{}",
        out.stdout
    );
    let out = index_into(&hay, INDEX, &["--dry-run", "--json"]);
    let (_, summary) = json_report(&out);
    assert_eq!(summary["by_lang"], json!({"ar": 6, "fr": 9}), "{summary}");
}

#[test]
fn first_build_killed_leaves_an_index_that_the_next_run_completes() {
    let hay = Hay::new();
    base_corpus(&hay);
    big_jsonl(&hay, 2000);
    let mut child = spawn_index(&hay);
    let locked = wait_for_pid_file(&hay, &mut child);
    std::thread::sleep(Duration::from_millis(100));
    let _ = child.kill();
    child.wait().expect("wait for the killed build");
    if locked {
        // Nothing committed: an empty index, or the whole one.
        let code = search_answers(&hay, &["jumelage"]);
        let count = total(&hay, INDEX);
        assert!(
            (code == 1 && count == 0) || (code == 0 && count == (BASE_ARTICLES + 2000) as u64),
            "search exit {code}, {count} articles"
        );
    }
    let out = hay.index();
    assert!(
        summary_line(&out).starts_with(&format!("indexed {} articles", BASE_ARTICLES + 2000)),
        "{}",
        out.stdout
    );
    index_into(&hay, FULL, &[]).assert_code(0);
    assert_eq!(all_ids(&hay, INDEX), all_ids(&hay, FULL));
}
