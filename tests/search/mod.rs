//! `fihris search`: matching, ranking, filters, paging and exit codes.

use crate::util::{ar_article, fr_article, sorted, sorted_keys, str_field, Hay, INDEX};

/// French and Arabic articles about employment agencies.
fn press_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/pole.txt",
        &fr_article(
            "Pôle emploi ouvre une agence à Lyon",
            "L’opérateur Pôle emploi inaugure une agence consacrée aux métiers du numérique.",
        ),
    )
    .write(
        "corpus/fr/anem-typo.txt",
        &fr_article(
            "Les conseillers de l’ANEM en formation",
            "Les conseillers de l’ANEM suivent un cycle de perfectionnement.",
        ),
    )
    .write(
        "corpus/fr/anem-straight.txt",
        &fr_article(
            "Bilan annuel de l'ANEM",
            "Le rapport de l'ANEM recense les placements de l'année écoulée.",
        ),
    )
    .write(
        "corpus/fr/anem-bare.txt",
        &fr_article(
            "Chiffres du placement",
            "Selon ANEM, les placements progressent dans les régions du sud.",
        ),
    )
    .write(
        "corpus/fr/defla.txt",
        &fr_article(
            "Agences pilotes à Aïn-Defla",
            "Trois agences pilotes seront installées à Aïn-Defla et à Tipaza.",
        ),
    )
    .write(
        "corpus/fr/apart.txt",
        &fr_article(
            "Visite du ministre",
            "Le ministre venu de Defla a visité Aïn Témouchent puis Tipaza.",
        ),
    )
    .write(
        "corpus/fr/anapec.txt",
        &fr_article(
            "L'ANAPEC mise sur l'apprentissage",
            "L'ANAPEC signe des conventions avec les hôteliers de Tanger.",
        ),
    )
    .write(
        "corpus/ar/anapec.txt",
        &ar_article(
            "ندوة حول التكوين بالرباط",
            "نظمت وكالة ANAPEC ندوة حول التكوين بمشاركة خبراء أوروبيين.",
        ),
    )
    .write(
        "corpus/ar/twinning.txt",
        &ar_article(
            "اتفاقية تَوْأَمَة بين وكالتين",
            "وقعت الوكالتان اتفاقية تَوْأَمَة مؤسساتية سنة ٢٠١٩ لتحديث الخدمات.",
        ),
    );
    hay.index();
    hay
}

#[test]
fn json_hits_have_exactly_the_documented_fields() {
    let hay = press_hay();
    let hits = hay.search_json(&["agence"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        let keys = sorted_keys(hit);
        assert_eq!(
            keys,
            ["author", "date", "id", "lang", "path", "score", "snippet", "source", "title"],
            "{hit}"
        );
        for field in ["id", "path", "title", "lang", "snippet"] {
            assert!(hit[field].is_string(), "{field} in {hit}");
        }
        assert!(hit["score"].is_number(), "{hit}");
        assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0), "{hit}");
        assert!(hit["date"].is_null() || hit["date"].is_string(), "{hit}");
        assert!(hit["source"].is_null() || hit["source"].is_string(), "{hit}");
    }
    let hit = hay.only_hit(&["Lyon"], "fr/pole.txt");
    assert_eq!(hit["title"], "Pôle emploi ouvre une agence à Lyon");
    assert_eq!(hit["lang"], "fr");
    assert_eq!(hit["date"], serde_json::Value::Null);
    assert_eq!(hit["source"], serde_json::Value::Null);
    assert!(str_field(&hit, "path").ends_with("corpus/fr/pole.txt"), "{hit}");
}

#[test]
fn json_snippet_marks_matched_words() {
    let hay = press_hay();
    let hit = hay.only_hit(&["numérique"], "fr/pole.txt");
    let snippet = str_field(&hit, "snippet");
    assert!(snippet.contains("**numérique**"), "{snippet}");
    assert!(!snippet.contains('\n'), "{snippet:?}");
    // The marks surround the word as written in the article.
    let hit = hay.only_hit(&["numerique", "metiers"], "fr/pole.txt");
    let snippet = str_field(&hit, "snippet");
    assert!(snippet.contains("**métiers**"), "{snippet}");
    assert!(snippet.contains("**numérique**"), "{snippet}");
}

#[test]
fn scores_are_in_decreasing_order() {
    let hay = press_hay();
    let hits = hay.search_json(&["ANEM"]);
    assert!(hits.len() >= 3);
    let scores: Vec<f64> = hits
        .iter()
        .map(|h| h["score"].as_f64().expect("a numeric score"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn nothing_found_exits_1() {
    let hay = press_hay();
    let out = hay.search(&["zeppelin"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "0 matching articles\n");
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    let out = hay.search(&["--json", "zeppelin"]);
    out.assert_code(1);
    assert_eq!(out.stdout, "");
}

#[test]
fn accents_and_case_do_not_matter() {
    let hay = press_hay();
    assert_eq!(hay.ids(&["pole emploi"]), ["fr/pole.txt"]);
    assert_eq!(hay.ids(&["POLE", "EMPLOI"]), ["fr/pole.txt"]);
    assert_eq!(hay.ids(&["Pôle emploi"]), ["fr/pole.txt"]);
    assert_eq!(hay.ids(&["AIN DEFLA agences"]), ["fr/defla.txt"]);
}

#[test]
fn elision_with_either_apostrophe() {
    let hay = press_hay();
    let expected = ["fr/anem-bare.txt", "fr/anem-straight.txt", "fr/anem-typo.txt"];
    for query in ["ANEM", "anem", "l'ANEM", "l’ANEM", "L'Anem"] {
        assert_eq!(sorted(hay.ids(&[query])), expected, "query {query}");
    }
    // An elided query word next to another word.
    assert_eq!(hay.ids(&["rapport de l'ANEM"]), ["fr/anem-straight.txt"]);
}

#[test]
fn all_query_words_must_match() {
    let hay = press_hay();
    // Each word alone is found...
    assert_eq!(hay.ids(&["Lyon"]), ["fr/pole.txt"]);
    assert_eq!(hay.ids(&["Tanger"]), ["fr/anapec.txt"]);
    // ...but no article has both.
    let out = hay.search(&["Lyon", "Tanger"]);
    out.assert_code(1);
    hay.search(&["Lyon Tanger"]).assert_code(1);
    // Several arguments are one query.
    assert_eq!(hay.ids(&["agences", "Tipaza"]), ["fr/defla.txt"]);
}

#[test]
fn any_mode_returns_partial_matches_below_full_ones() {
    let hay = Hay::new();
    // One occurrence of each word, all in the bodies.
    hay.write(
        "corpus/both.txt",
        &fr_article(
            "Liaisons aériennes",
            "Les vols entre Lyon et Tanger reprennent en mai.",
        ),
    )
    .write(
        "corpus/lyon.txt",
        &fr_article(
            "Forum des entreprises",
            "Le forum de Lyon réunit les entreprises locales.",
        ),
    )
    .write(
        "corpus/tanger.txt",
        &fr_article(
            "Zone franche",
            "La zone franche de Tanger recrute des techniciens.",
        ),
    );
    hay.index();
    assert_eq!(hay.ids(&["Lyon", "Tanger"]), ["both.txt"]);
    let any = hay.ids(&["--any", "Lyon", "Tanger"]);
    assert_eq!(any.len(), 3, "{any:?}");
    assert_eq!(any[0], "both.txt");
    assert_eq!(sorted(any[1..].to_vec()), ["lyon.txt", "tanger.txt"]);
}

#[test]
fn quoted_phrase_matches_hyphenated_words_in_order() {
    let hay = press_hay();
    // apart.txt has both words, but not next to each other.
    assert_eq!(
        sorted(hay.ids(&["Aïn", "Defla"])),
        ["fr/apart.txt", "fr/defla.txt"]
    );
    assert_eq!(hay.ids(&["\"Aïn Defla\""]), ["fr/defla.txt"]);
    assert_eq!(hay.ids(&["\"ain-defla\""]), ["fr/defla.txt"]);
}

#[test]
fn arabic_harakat_hamza_and_ta_marbuta() {
    let hay = press_hay();
    // The article writes تَوْأَمَة, with harakat.
    for query in ["توأمة", "تَوْأَمَة", "توامة", "توأمه", "توامه"] {
        assert_eq!(hay.ids(&[query]), ["ar/twinning.txt"], "query {query}");
    }
}

#[test]
fn arabic_alef_maqsura_tatweel_and_digits() {
    let hay = Hay::new();
    hay.write(
        "corpus/ar/mustawa.txt",
        &ar_article(
            "تحسين مستوى الخدمات",
            "تسعى الوكالة إلى رفع مستوى الخدمات المقدمة للمواطنين.",
        ),
    )
    .write(
        "corpus/ar/tatweel.txt",
        &ar_article(
            "خطة وطنية لتشغيل الشـبـاب",
            "أطلقت الوزارة خطة جديدة لفائدة الشـبـاب في الأرياف.",
        ),
    )
    .write(
        "corpus/ar/digits.txt",
        &ar_article(
            "حصيلة سنة ٢٠١٩",
            "سجلت المصالح خلال سنة ٢٠١٩ ارتفاعا في عدد المناصب.",
        ),
    )
    .write(
        "corpus/fr/digits.txt",
        &fr_article(
            "Le bilan de 2019",
            "Les services ont enregistré en 2019 une hausse des postes proposés.",
        ),
    );
    hay.index();
    assert_eq!(hay.ids(&["مستوي"]), ["ar/mustawa.txt"]);
    assert_eq!(hay.ids(&["مستوى"]), ["ar/mustawa.txt"]);
    assert_eq!(hay.ids(&["الشباب"]), ["ar/tatweel.txt"]);
    assert_eq!(hay.ids(&["الشـبـاب"]), ["ar/tatweel.txt"]);
    let both = ["ar/digits.txt", "fr/digits.txt"];
    assert_eq!(sorted(hay.ids(&["2019"])), both);
    assert_eq!(sorted(hay.ids(&["٢٠١٩"])), both);
}

#[test]
fn latin_acronym_inside_arabic_text() {
    let hay = press_hay();
    assert_eq!(sorted(hay.ids(&["ANAPEC"])), ["ar/anapec.txt", "fr/anapec.txt"]);
    assert_eq!(hay.ids(&["anapec", "ندوة"]), ["ar/anapec.txt"]);
    assert_eq!(hay.ids(&["ANAPEC", "--lang", "ar"]), ["ar/anapec.txt"]);
}

#[test]
fn lang_filters_results() {
    let hay = press_hay();
    let fr = hay.search_json(&["ANAPEC", "--lang", "fr"]);
    assert_eq!(crate::util::ids(&fr), ["fr/anapec.txt"]);
    assert_eq!(fr[0]["lang"], "fr");
    let ar = hay.search_json(&["--lang", "ar", "ANAPEC"]);
    assert_eq!(crate::util::ids(&ar), ["ar/anapec.txt"]);
    assert_eq!(ar[0]["lang"], "ar");
    // A word found only in French articles, filtered to Arabic: nothing.
    hay.search(&["Tanger", "--lang", "ar"]).assert_code(1);
    // The filter does not change the scores.
    let all = hay.search_json(&["ANAPEC"]);
    let score_of = |id: &str| {
        all.iter()
            .find(|h| h["id"] == id)
            .and_then(|h| h["score"].as_f64())
            .expect("hit in the unfiltered results")
    };
    let fr_score = fr[0]["score"].as_f64().expect("a score");
    assert!((fr_score - score_of("fr/anapec.txt")).abs() < 1e-4);
}

#[test]
fn title_matches_rank_above_body_matches() {
    let hay = Hay::new();
    // Same words, same lengths: only where "tutorat" stands differs.
    hay.write(
        "corpus/body.txt",
        &fr_article(
            "Nouveau programme pour les demandeurs",
            "Le programme de tutorat accompagne les demandeurs pendant six mois.",
        ),
    )
    .write(
        "corpus/title.txt",
        &fr_article(
            "Nouveau programme de tutorat pour les demandeurs",
            "Le programme accompagne les demandeurs pendant six mois.",
        ),
    )
    .write(
        "corpus/other.txt",
        &fr_article("Un autre sujet", "Les saisonniers partent en avril vers Huelva."),
    );
    hay.index();
    let hits = hay.search_json(&["tutorat"]);
    assert_eq!(crate::util::ids(&hits), ["title.txt", "body.txt"]);
    let top = hits[0]["score"].as_f64().expect("a score");
    let second = hits[1]["score"].as_f64().expect("a score");
    assert!(top > second, "{top} vs {second}");
}

#[test]
fn html_scripts_styles_menus_and_footers_are_not_indexed() {
    let hay = Hay::new();
    hay.write(
        "corpus/page.html",
        r#"<!DOCTYPE html>
<html lang="fr"><head>
<title>Le salon de l'emploi d'Oran | Le Journal</title>
<style>.zorglub { color: red }</style>
<script>var trackerword = "scriptonly";</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/menu">Rubriquemenu</a></nav>
<article>
<h1>Le salon de l'emploi d'Oran attire les foules</h1>
<p>Plus de cinq mille visiteurs se sont pressés au salon, selon les organisateurs.</p>
<script>alert("inlinescriptword")</script>
<p>Les recruteurs du bâtiment étaient nombreux.</p>
</article>
<footer>Copyrightword Le Journal, tous droits réservés</footer>
</body></html>"#,
    );
    // No <article> or <main>: the whole body is the article, so what is
    // left out must be left out inside it too.
    hay.write(
        "corpus/plain.html",
        r#"<html><head><title>Forum des métiers</title></head><body>
<nav><ul><li><a href="/">Navonlyword</a></li></ul></nav>
<style>.stylebodyword { display: none }</style>
<h1>Forum des métiers à Constantine</h1>
<script>track("bodyscriptword")</script>
<p>Les exposants du forum proposent des postes de techniciens.</p>
<footer><p>Footeronlyword, mentions légales</p></footer>
</body></html>"#,
    );
    hay.index();
    assert_eq!(hay.ids(&["recruteurs"]), ["page.html"]);
    assert_eq!(hay.ids(&["visiteurs"]), ["page.html"]);
    assert_eq!(hay.ids(&["exposants"]), ["plain.html"]);
    for hidden in [
        "zorglub",
        "trackerword",
        "scriptonly",
        "inlinescriptword",
        "Rubriquemenu",
        "Copyrightword",
        "Navonlyword",
        "stylebodyword",
        "bodyscriptword",
        "Footeronlyword",
    ] {
        hay.search(&[hidden]).assert_code(1);
    }
}

#[test]
fn limit_and_offset_page_through_the_hits() {
    let hay = press_hay();
    let all = crate::util::ids(&hay.search_json(&["agence OR agences OR ANEM"]));
    assert!(all.len() >= 5, "{all:?}");
    let first = hay.ids(&["agence OR agences OR ANEM", "--limit", "2"]);
    assert_eq!(first, all[..2]);
    let short = hay.ids(&["agence OR agences OR ANEM", "-n", "2"]);
    assert_eq!(short, all[..2]);
    let page = hay.ids(&["agence OR agences OR ANEM", "--limit", "2", "--offset", "2"]);
    assert_eq!(page, all[2..4]);
    // Past the end: nothing, exit 1.
    let past = hay.search(&["agence OR agences OR ANEM", "--offset", "100"]);
    past.assert_code(1);

    // Human output numbers the page's hits by their overall rank.
    let out = hay.search(&["agence OR agences OR ANEM", "--limit", "2", "--offset", "2"]);
    out.assert_code(0);
    assert!(out.stdout.starts_with(" 3. "), "{}", out.stdout);
    assert!(out.stdout.contains("\n 4. "), "{}", out.stdout);
    assert!(!out.stdout.contains(" 5. "), "{}", out.stdout);
    let footer = out.stdout.lines().last().expect("a footer");
    assert_eq!(footer, format!("3–4 of {} matching articles", all.len()));
}

#[test]
fn default_limit_is_ten() {
    let hay = Hay::new();
    for i in 0..12 {
        hay.write(
            &format!("corpus/c{i:02}.txt"),
            &fr_article(
                &format!("Caravane de l'emploi, étape {i}"),
                "La caravane poursuit sa route.",
            ),
        );
    }
    hay.index();
    assert_eq!(hay.search_json(&["caravane"]).len(), 10);
    let out = hay.search(&["caravane"]);
    out.assert_code(0);
    assert!(
        out.stdout.ends_with("1–10 of 12 matching articles\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn missing_index_given_explicitly_is_an_error() {
    let hay = press_hay();
    let out = hay.run(&["--index", "nowhere", "search", "agence"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("nowhere"), "{line}");
    assert!(out.stdout.is_empty());
    assert!(!hay.join("nowhere").exists(), "nothing created");

    // The same through the environment: no index is built from corpus/.
    let mut cmd = hay.command(["search", "agence"]);
    cmd.env("FIHRIS_INDEX", "nowhere");
    let out = crate::util::run(cmd);
    out.assert_code(2);
    out.one_error_line();
    assert!(!hay.join("nowhere").exists());
    assert!(!hay.join("index").exists());
}

#[test]
fn bad_arguments_are_one_line_errors() {
    let hay = press_hay();
    for args in [
        &["--index", INDEX, "search", "--limit", "abc", "agence"][..],
        &["--index", INDEX, "search", "--offset", "-3", "agence"],
        &["--index", INDEX, "search", "--lang", "zz9", "agence"],
        &["--index", INDEX, "search", "--no-such-flag", "agence"],
        &["--index", INDEX, "--color", "sometimes", "search", "agence"],
        &["--index", INDEX, "search"],
        &["frobnicate"],
    ] {
        let out = hay.run(args);
        out.assert_code(2);
        let line = out.one_error_line();
        assert!(line.ends_with("(see fihris --help)"), "{args:?}: {line}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    }
    let out = hay.run(&["--index", INDEX, "search", "--limit", "abc", "agence"]);
    assert!(out.stderr.contains("abc"), "{}", out.stderr);
}

#[test]
fn invalid_query_syntax_is_an_error() {
    let hay = press_hay();
    let out = hay.search(&["agence AND"]);
    out.assert_code(2);
    out.one_error_line();
    assert!(out.stdout.is_empty());
}

#[test]
fn search_builds_a_missing_default_index_from_corpus() {
    let hay = press_hay();
    std::fs::remove_dir_all(hay.join(INDEX)).expect("remove the test index");
    assert!(!hay.join("index").exists());

    let out = hay.run(&["search", "--json", "Lyon"]);
    out.assert_code(0);
    assert!(out.stderr.contains("no index at index"), "{}", out.stderr);
    assert!(
        out.stderr.contains("building it from corpus first"),
        "{}",
        out.stderr
    );
    // stdout holds only the answer, even the build summary goes to stderr.
    assert_eq!(crate::util::ids(&out.json()), ["fr/pole.txt"]);
    assert!(hay.join("index/meta.json").is_file());

    // The second search uses the index built by the first.
    let out = hay.run(&["search", "--json", "Tanger"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_eq!(crate::util::ids(&out.json()), ["fr/anapec.txt"]);
}

#[test]
fn search_without_index_or_corpus_is_an_error() {
    let hay = Hay::new();
    let out = hay.run(&["search", "agence"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("index"), "{line}");
    assert!(!hay.join("index").exists());
}

#[test]
fn missing_query_error_names_the_argument() {
    let hay = Hay::new();
    let out = hay.run(&["--index", INDEX, "search"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("QUERY"), "{line}");
}

/// Copies of one story score the same; they come in the order of their
/// ids, not in the order the index happens to hold them, so that two builds
/// of the same files give the same page.
#[test]
fn equal_scores_in_id_order() {
    let hay = Hay::new();
    let record = |id: &str| {
        format!(
            "{{\"id\":\"{id}\",\"title\":\"Foire de l'emploi à Oran\",\"body\":\"La foire de l'emploi d'Oran réunit cent recruteurs.\"}}\n"
        )
    };
    let lines: String = ["zz", "mm", "aa"].iter().map(|id| record(id)).collect();
    hay.write("corpus/copies.jsonl", &lines);
    hay.run(&["--index", INDEX, "index", "corpus"]).assert_code(0);
    assert_eq!(hay.ids(&["foire", "recruteurs"]), ["aa", "mm", "zz"]);
    assert_eq!(hay.ids(&["foire", "--limit", "1", "--offset", "1"]), ["mm"]);
    // A better match first, the copies cut by the page: still in id order.
    hay.write(
        "corpus/best.jsonl",
        "{\"id\":\"best\",\"title\":\"Foire aux recruteurs\",\"body\":\"Foire de l'emploi : les recruteurs de la foire d'Oran.\"}\n",
    );
    hay.run(&["--index", INDEX, "index", "corpus"]).assert_code(0);
    assert_eq!(hay.ids(&["foire", "recruteurs"]), ["best", "aa", "mm", "zz"]);
    assert_eq!(hay.ids(&["foire", "recruteurs", "--limit", "2"]), ["best", "aa"]);
    assert_eq!(
        hay.ids(&["foire", "recruteurs", "--limit", "1", "--offset", "2"]),
        ["mm"]
    );
}

#[test]
fn huge_limit_and_offset_are_cut_to_the_index() {
    let hay = press_hay();
    let all = hay.ids(&["emploi", "--limit", "1000"]);
    assert!(!all.is_empty());
    // Pages larger than any index: the whole match set, no crash.
    for limit in [
        "18446744073709551584",
        "576460752303423488",
        "18446744073709551615",
    ] {
        assert_eq!(hay.ids(&["emploi", "--limit", limit]), all, "--limit {limit}");
        assert_eq!(
            sorted(hay.ids(&["emploi", "--limit", limit, "--sort", "date"])),
            sorted(all.clone()),
            "--limit {limit} --sort date"
        );
        hay.search(&["emploi", "--limit", limit, "--collapse"])
            .assert_code(0);
    }
    // An offset past the end: nothing found, exit 1.
    let out = hay.search(&[
        "emploi",
        "--offset",
        "18446744073709551615",
        "--limit",
        "18446744073709551615",
    ]);
    out.assert_code(1);
}
