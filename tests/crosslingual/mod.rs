//! Cross-lingual search (the default of `fihris search` and `fihris
//! stats`): a French query also finds Arabic articles, and the reverse,
//! through the bilingual lexicon (crates/search/data/lexicon-fr-ar.tsv) and
//! language-neutral anchors (numbers, Latin acronyms). Translations only
//! look in the other language and weigh less than direct matches.
//!
//! Every word searched for here is an entry of the lexicon: jumelage /
//! توأمة, chômage des jeunes / بطالة الشباب, tunisie / تونس, maroc /
//! المغرب, formation / تكوين, anem / الوكالة الوطنية للتشغيل, anapec.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::util::{ar_article, fr_article, ids, sorted, str_field, Hay, INDEX};

/// A hay holding `articles` (id under corpus/, text), indexed.
fn indexed(articles: &[(&str, String)]) -> Hay {
    let hay = Hay::new();
    for (id, text) in articles {
        hay.write(&format!("corpus/{id}"), text);
    }
    hay.index();
    hay
}

/// Twinning, youth unemployment and an unrelated strike, in both languages:
///
/// | id | words |
/// |---|---|
/// | fr/jumelage.txt | jumelage, Tunisie |
/// | fr/chomage.txt | chômage des jeunes |
/// | fr/greve.txt | (strike) |
/// | ar/tawama-tunis.txt | توأمة, تونس |
/// | ar/tawama-maroc.txt | توأمة, المغرب |
/// | ar/batala.txt | بطالة الشباب |
/// | ar/idrab.txt | (strike) |
fn press_hay() -> Hay {
    indexed(&[
        (
            "fr/jumelage.txt",
            fr_article(
                "Un jumelage entre deux agences",
                "Le projet de jumelage avec une agence de Tunisie a été lancé mardi.",
            ),
        ),
        (
            "fr/chomage.txt",
            fr_article(
                "Le chômage des jeunes recule",
                "Le chômage des jeunes a reculé cette année selon les chiffres officiels.",
            ),
        ),
        (
            "fr/greve.txt",
            fr_article(
                "Les dockers en grève",
                "Les dockers du port ont cessé le travail mardi.",
            ),
        ),
        (
            "ar/tawama-tunis.txt",
            ar_article(
                "إطلاق مشروع توأمة بين وكالتين",
                "أعلنت الوكالة عن إطلاق مشروع توأمة مع شريك أوروبي في تونس.",
            ),
        ),
        (
            "ar/tawama-maroc.txt",
            ar_article(
                "مشروع توأمة جديد",
                "وقعت الوكالة مشروع توأمة مع المغرب لمدة سنتين.",
            ),
        ),
        (
            "ar/batala.txt",
            ar_article(
                "ارتفاع بطالة الشباب",
                "سجلت نسبة بطالة الشباب ارتفاعا ملحوظا هذا العام.",
            ),
        ),
        (
            "ar/idrab.txt",
            ar_article("إضراب عمال الميناء", "توقف عمال الميناء عن النشاط يوم الثلاثاء."),
        ),
    ])
}

/// Training courses in Arabic, named by acronym, by Arabic name or by
/// year, and one French article:
///
/// | id | words |
/// |---|---|
/// | fr/anapec.txt | ANAPEC, formation |
/// | ar/anapec-latin.txt | ANAPEC (Latin script), تكوين |
/// | ar/anem-arabic.txt | الوكالة الوطنية للتشغيل, تكوين |
/// | ar/meda.txt | MEDA (Latin script), تكوين |
/// | ar/takwin-2019.txt | تكوين, ٢٠١٩ (Arabic-Indic digits) |
/// | ar/takwin-2021.txt | تكوين, 2021 |
fn training_hay() -> Hay {
    indexed(&[
        (
            "fr/anapec.txt",
            fr_article(
                "L'ANAPEC lance une formation",
                "L'ANAPEC propose une formation aux guides touristiques.",
            ),
        ),
        (
            "ar/anapec-latin.txt",
            ar_article(
                "ANAPEC تطلق دورة تكوين",
                "أطلقت ANAPEC دورة تكوين لفائدة الباحثين عن عمل.",
            ),
        ),
        (
            "ar/anem-arabic.txt",
            ar_article(
                "الوكالة الوطنية للتشغيل تطلق دورة تكوين",
                "تقترح الوكالة الوطنية للتشغيل دورة تكوين للمستشارين.",
            ),
        ),
        (
            "ar/meda.txt",
            ar_article(
                "برنامج MEDA يمول دورة تكوين",
                "يمول برنامج MEDA دورة تكوين في الجهة.",
            ),
        ),
        (
            "ar/takwin-2019.txt",
            ar_article("دورة تكوين في الفلاحة", "انطلقت دورة تكوين الفلاحين في ربيع ٢٠١٩."),
        ),
        (
            "ar/takwin-2021.txt",
            ar_article(
                "دورة تكوين في السياحة",
                "انطلقت دورة تكوين المرشدين في خريف 2021.",
            ),
        ),
    ])
}

/// `search --json args…` with cross-lingual expansion, checked to exit 0
/// with hits or 1 without; the parsed hits.
fn cross_json(hay: &Hay, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    hay.search_cross(&all).json_results()
}

/// The ids of [`cross_json`], best first.
fn cross_ids(hay: &Hay, args: &[&str]) -> Vec<String> {
    ids(&cross_json(hay, args))
}

/// Sorted ids, from string literals.
fn set(ids: &[&str]) -> Vec<String> {
    sorted(ids.iter().map(|s| s.to_string()).collect())
}

/// `stats query --by lang --json extra…`: count per language.
fn counts_by_lang(hay: &Hay, query: &str, extra: &[&str]) -> BTreeMap<String, u64> {
    let mut args = vec!["--index", INDEX, "stats", query, "--by", "lang", "--json"];
    args.extend_from_slice(extra);
    let out = hay.run(&args);
    out.assert_code(0);
    out.json()
        .iter()
        .map(|row| {
            let count = row["count"]
                .as_u64()
                .unwrap_or_else(|| panic!("no count in {row}"));
            (str_field(row, "bucket").to_string(), count)
        })
        .collect()
}

#[test]
fn french_query_finds_arabic_articles_through_the_lexicon() {
    let hay = press_hay();
    assert_eq!(
        sorted(cross_ids(&hay, &["jumelage"])),
        set(&["ar/tawama-maroc.txt", "ar/tawama-tunis.txt", "fr/jumelage.txt"])
    );
    assert_eq!(
        sorted(cross_ids(&hay, &["chômage des jeunes"])),
        set(&["ar/batala.txt", "fr/chomage.txt"])
    );
    // The snippet of a translated hit marks the Arabic word it matched.
    let hits = cross_json(&hay, &["jumelage"]);
    let arabic = hits
        .iter()
        .find(|h| h["id"] == "ar/tawama-tunis.txt")
        .expect("the Arabic twinning article");
    assert_eq!(arabic["lang"], "ar");
    assert!(str_field(arabic, "snippet").contains("**توأمة**"), "{arabic}");
}

#[test]
fn arabic_query_finds_french_articles_through_the_lexicon() {
    let hay = press_hay();
    assert_eq!(
        sorted(cross_ids(&hay, &["توأمة"])),
        set(&["ar/tawama-maroc.txt", "ar/tawama-tunis.txt", "fr/jumelage.txt"])
    );
    assert_eq!(
        sorted(cross_ids(&hay, &["بطالة الشباب"])),
        set(&["ar/batala.txt", "fr/chomage.txt"])
    );
    let hits = cross_json(&hay, &["بطالة"]);
    let french = hits
        .iter()
        .find(|h| h["id"] == "fr/chomage.txt")
        .expect("the French article");
    assert!(str_field(french, "snippet").contains("**chômage**"), "{french}");
}

#[test]
fn direct_matches_rank_above_translations() {
    let hay = press_hay();
    let fr = cross_json(&hay, &["jumelage"]);
    let langs: Vec<&str> = fr.iter().map(|h| str_field(h, "lang")).collect();
    assert_eq!(langs, ["fr", "ar", "ar"], "{fr:?}");
    let ar = cross_json(&hay, &["توأمة"]);
    let langs: Vec<&str> = ar.iter().map(|h| str_field(h, "lang")).collect();
    assert_eq!(langs, ["ar", "ar", "fr"], "{ar:?}");
    assert_eq!(
        cross_ids(&hay, &["chômage des jeunes"]),
        ["fr/chomage.txt", "ar/batala.txt"]
    );
    assert_eq!(
        cross_ids(&hay, &["بطالة الشباب"]),
        ["ar/batala.txt", "fr/chomage.txt"]
    );
}

#[test]
fn multi_word_translations_rank_below_direct_matches() {
    let hay = indexed(&[
        (
            "fr/anem.txt",
            fr_article(
                "L'ANEM lance une formation",
                "L'ANEM propose une formation aux conseillers.",
            ),
        ),
        (
            "ar/anem.txt",
            ar_article(
                "الوكالة الوطنية للتشغيل تطلق دورة تكوين",
                "تقترح الوكالة الوطنية للتشغيل دورة تكوين للمستشارين.",
            ),
        ),
        (
            "fr/greve.txt",
            fr_article(
                "Les dockers en grève",
                "Les dockers du port ont cessé le travail mardi.",
            ),
        ),
    ]);
    // Both articles name the agency once in the title and once in the body;
    // the French one matches the query itself.
    assert_eq!(cross_ids(&hay, &["anem"]), ["fr/anem.txt", "ar/anem.txt"]);
    assert_eq!(
        cross_ids(&hay, &["anem formation"]),
        ["fr/anem.txt", "ar/anem.txt"]
    );
}

#[test]
fn no_cross_keeps_to_the_query_language() {
    let hay = press_hay();
    assert_eq!(hay.ids(&["jumelage"]), ["fr/jumelage.txt"]);
    assert_eq!(
        sorted(hay.ids(&["توأمة"])),
        set(&["ar/tawama-maroc.txt", "ar/tawama-tunis.txt"])
    );
    assert_eq!(hay.ids(&["chômage des jeunes"]), ["fr/chomage.txt"]);
    // Found only in the other language: nothing without the expansion.
    // (`ids` checks the exit code: 1, nothing found.)
    assert!(hay.ids(&["--lang", "ar", "jumelage"]).is_empty());
    // The same query with the expansion (the default) finds them.
    hay.search_cross(&["--lang", "ar", "jumelage"]).assert_code(0);
}

#[test]
fn lang_filter_keeps_only_translated_hits() {
    let hay = press_hay();
    let hits = cross_json(&hay, &["--lang", "ar", "jumelage"]);
    assert!(hits.iter().all(|h| h["lang"] == "ar"), "{hits:?}");
    assert_eq!(
        sorted(ids(&hits)),
        set(&["ar/tawama-maroc.txt", "ar/tawama-tunis.txt"])
    );
    assert_eq!(
        cross_ids(&hay, &["--lang", "ar", "chômage des jeunes"]),
        ["ar/batala.txt"]
    );
    assert_eq!(cross_ids(&hay, &["--lang", "fr", "توأمة"]), ["fr/jumelage.txt"]);
}

#[test]
fn latin_acronym_is_an_anchor() {
    let hay = training_hay();
    // MEDA is not in the lexicon: it must appear as is, and "formation"
    // through its translation.
    assert_eq!(
        cross_ids(&hay, &["--lang", "ar", "MEDA formation"]),
        ["ar/meda.txt"]
    );
    assert_eq!(
        cross_ids(&hay, &["--lang", "ar", "MEDA formation", "--any"])[0],
        "ar/meda.txt"
    );
}

#[test]
fn acronym_anchor_or_translation() {
    let hay = training_hay();
    // The Arabic article keeps ANAPEC in Latin script, without its Arabic name.
    assert_eq!(
        cross_ids(&hay, &["--lang", "ar", "ANAPEC formation"]),
        ["ar/anapec-latin.txt"]
    );
    // The Arabic article gives the Arabic name of the ANEM only: an acronym
    // typed in capitals must find what the lowercase one finds.
    assert_eq!(
        cross_ids(&hay, &["--lang", "ar", "anem formation"]),
        ["ar/anem-arabic.txt"]
    );
    assert_eq!(
        cross_ids(&hay, &["--lang", "ar", "ANEM formation"]),
        ["ar/anem-arabic.txt"]
    );
}

#[test]
fn arabic_query_with_a_latin_acronym_finds_french_articles() {
    let hay = training_hay();
    assert_eq!(cross_ids(&hay, &["--lang", "fr", "تكوين"]), ["fr/anapec.txt"]);
    assert_eq!(
        cross_ids(&hay, &["--lang", "fr", "ANAPEC تكوين"]),
        ["fr/anapec.txt"]
    );
}

#[test]
fn year_is_an_anchor() {
    let hay = training_hay();
    // "2019" matches "٢٠١٩" in the Arabic article, "formation" matches تكوين;
    // the other training courses are of other years or without one.
    assert_eq!(cross_ids(&hay, &["formation 2019"]), ["ar/takwin-2019.txt"]);
    assert_eq!(cross_ids(&hay, &["formation 2021"]), ["ar/takwin-2021.txt"]);
    let all = cross_ids(&hay, &["--lang", "ar", "formation"]);
    assert_eq!(all.len(), 5, "{all:?}");
}

#[test]
fn all_words_require_every_translated_word() {
    let hay = press_hay();
    // Only one Arabic twinning article mentions Tunisia.
    assert_eq!(
        sorted(cross_ids(&hay, &["jumelage Tunisie"])),
        set(&["ar/tawama-tunis.txt", "fr/jumelage.txt"])
    );
    assert_eq!(
        cross_ids(&hay, &["--lang", "ar", "jumelage Maroc"]),
        ["ar/tawama-maroc.txt"]
    );
    // With --any, either word will do.
    let any = cross_ids(&hay, &["jumelage Tunisie", "--any"]);
    assert_eq!(
        sorted(any.clone()),
        set(&["ar/tawama-maroc.txt", "ar/tawama-tunis.txt", "fr/jumelage.txt"])
    );
    // Matching both translations ranks above matching one.
    let tunis = any.iter().position(|id| id == "ar/tawama-tunis.txt");
    let maroc = any.iter().position(|id| id == "ar/tawama-maroc.txt");
    assert!(tunis < maroc, "{any:?}");
}

#[test]
fn negated_words_are_not_translated_into_required_words() {
    let hay = press_hay();
    for query in ["jumelage -Maroc", "jumelage NOT Maroc"] {
        let hits = cross_ids(&hay, &[query]);
        assert_eq!(hits[0], "fr/jumelage.txt", "{query}: {hits:?}");
        assert!(
            hits.contains(&"ar/tawama-tunis.txt".to_string()),
            "{query}: {hits:?}"
        );
    }
}

#[test]
fn negated_words_exclude_their_translations() {
    let hay = press_hay();
    // The user left out Morocco: the Arabic article on a twinning with
    // المغرب is as unwanted as a French one with "Maroc".
    for query in ["jumelage -Maroc", "jumelage NOT Maroc"] {
        assert_eq!(
            sorted(cross_ids(&hay, &[query])),
            set(&["ar/tawama-tunis.txt", "fr/jumelage.txt"]),
            "{query}"
        );
    }
}

#[test]
fn or_alternatives_stay_alternatives_in_translation() {
    let hay = press_hay();
    assert_eq!(
        sorted(cross_ids(&hay, &["--lang", "ar", "jumelage OR chômage"])),
        set(&["ar/batala.txt", "ar/tawama-maroc.txt", "ar/tawama-tunis.txt"])
    );
    assert_eq!(
        sorted(cross_ids(&hay, &["--lang", "ar", "(jumelage OR grève) Tunisie"])),
        set(&["ar/tawama-tunis.txt"])
    );
}

#[test]
fn stats_by_lang_counts_translations() {
    let hay = press_hay();
    let both = counts_by_lang(&hay, "jumelage", &[]);
    assert_eq!(
        both,
        BTreeMap::from([("ar".to_string(), 2), ("fr".to_string(), 1)])
    );
    let french = counts_by_lang(&hay, "jumelage", &["--no-cross"]);
    assert_eq!(french, BTreeMap::from([("fr".to_string(), 1)]));
    let arabic = counts_by_lang(&hay, "توأمة", &["--no-cross"]);
    assert_eq!(arabic, BTreeMap::from([("ar".to_string(), 2)]));
    let both = counts_by_lang(&hay, "بطالة الشباب", &[]);
    assert_eq!(
        both,
        BTreeMap::from([("ar".to_string(), 1), ("fr".to_string(), 1)])
    );
}

/// The position of `id` in `ids`; panics if it is missing.
fn rank(ids: &[String], id: &str) -> usize {
    ids.iter()
        .position(|x| x == id)
        .unwrap_or_else(|| panic!("{id} is not among the hits {ids:?}"))
}

#[test]
fn repository_corpus_across_languages() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = corpus.to_str().expect("a UTF-8 path");
    let hay = Hay::new();
    hay.run(&["--index", INDEX, "index", corpus]).assert_code(0);
    // The corpus README lists the articles with "jumelage" and with توأمة.
    let twinning = set(&[
        "fr/anem-pole-emploi-jumelage.txt",
        "fr/anem-pole-emploi-partenariat-ue.html",
        "fr/anapec-jumelage-bilan.txt",
        "wire-2020-003",
        "fr/aneti-plateforme-numerique.txt",
        "ar/anem-pole-emploi-tawama.txt",
        "ar/tawama-anem-taqyim-marhali.html",
        "ar/anapec-meda-p3a-nadwa-rabat.txt",
        "ar/salon-tashghil-qasantina.txt",
        "wire-2019-002",
    ]);

    let hits = cross_json(&hay, &["jumelage", "--limit", "50"]);
    let found = ids(&hits);
    assert_eq!(sorted(found.clone()), twinning);
    assert_eq!(hits[0]["lang"], "fr", "{found:?}");
    // The two-outlet pair ranks above every Arabic article.
    let first_ar = hits
        .iter()
        .position(|h| h["lang"] == "ar")
        .expect("an Arabic hit");
    assert!(
        rank(&found, "fr/anem-pole-emploi-jumelage.txt") < first_ar,
        "{found:?}"
    );
    assert!(
        rank(&found, "fr/anem-pole-emploi-partenariat-ue.html") < first_ar,
        "{found:?}"
    );
    rank(&found, "ar/anem-pole-emploi-tawama.txt");

    let hits = cross_json(&hay, &["توأمة", "--limit", "50"]);
    let found = ids(&hits);
    assert_eq!(sorted(found.clone()), twinning);
    assert_eq!(hits[0]["lang"], "ar", "{found:?}");
    let first_fr = hits.iter().position(|h| h["lang"] == "fr").expect("a French hit");
    assert!(
        rank(&found, "ar/anem-pole-emploi-tawama.txt") < first_fr,
        "{found:?}"
    );
    rank(&found, "fr/anem-pole-emploi-jumelage.txt");
}

#[test]
fn all_words_with_an_untranslatable_word_find_nothing_in_the_other_language() {
    let hay = press_hay();
    // "zeppelin" is in no lexicon entry and is not an anchor: no Arabic
    // article can contain every word of the query.
    let hits = cross_ids(&hay, &["--lang", "ar", "jumelage zeppelin"]);
    assert!(hits.is_empty(), "{hits:?}");
    // With --any, the translatable word still finds its translations.
    let hits = cross_ids(&hay, &["--lang", "ar", "--any", "jumelage zeppelin"]);
    assert_eq!(sorted(hits), ["ar/tawama-maroc.txt", "ar/tawama-tunis.txt"]);
}

#[test]
fn explain_lists_matched_terms_original_and_translated() {
    let hay = press_hay();
    let hits = cross_json(&hay, &["--explain", "jumelage"]);
    assert!(hits.len() >= 2, "{hits:?}");
    for hit in &hits {
        let terms = hit["matched_terms"]
            .as_array()
            .expect("matched_terms with --explain");
        assert!(!terms.is_empty(), "{hit}");
        for t in terms {
            let keys: Vec<&str> = t
                .as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(
                sorted(keys.iter().map(|k| k.to_string()).collect()),
                ["field", "score", "term", "translated"]
            );
            assert!(t["score"].as_f64().is_some_and(|s| s > 0.0), "{t}");
        }
        let translated = terms.iter().any(|t| t["translated"] == true);
        // French hits match the query's own word; Arabic ones its translation.
        assert_eq!(translated, hit["lang"] == "ar", "{hit}");
        if hit["lang"] == "fr" {
            assert!(
                terms
                    .iter()
                    .any(|t| t["term"] == "jumelage" && t["field"] == "body"),
                "{hit}"
            );
        }
    }
    // Without --explain there is no such field.
    let hits = cross_json(&hay, &["jumelage"]);
    assert!(hits.iter().all(|h| h.get("matched_terms").is_none()));
    // Human output: a "matched:" line per hit, translated terms marked.
    let out = hay.search_cross(&["--explain", "jumelage"]);
    out.assert_code(0);
    assert!(out.stdout.contains("    matched: "), "{}", out.stdout);
    assert!(out.stdout.contains("(translated)"), "{}", out.stdout);
    // CSV: one more column.
    let out = hay.search_cross(&["--explain", "--csv", "jumelage"]);
    assert!(
        out.stdout
            .starts_with("id,path,title,lang,date,source,score,snippet,matched_terms,author\n"),
        "{}",
        out.stdout
    );
}
