//! Matching precision: a search counts the word and its inflections, not
//! the look-alikes that share its stem (`--broad` brings those back), and
//! `explain-match` shows which forms made a count.

use crate::util::{ar_article, fr_article, ids, sorted, Hay, INDEX};

/// Articles written for these tests: each pair shares a stem or a
/// consonant skeleton with a word searched, but not the word.
fn lookalike_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/ar/university.txt",
        &ar_article(
            "الجامعة التونسية تفتح أبوابها",
            "استقبلت الجامعة آلاف الطلبة هذا الأسبوع، ودرس بعضهم بجامعات أجنبية.",
        ),
    )
    .write(
        "corpus/ar/friday.txt",
        &ar_article(
            "خطبة الجمعة في الجامع الكبير",
            "ألقى الإمام خطبة الجمعة أمام جميع المصلين وأعضاء الجمعية الخيرية.",
        ),
    )
    .write(
        "corpus/ar/unemployment.txt",
        &ar_article(
            "ارتفاع نسبة البطالة",
            "سجلت نسبة البطالة ارتفاعا جديدا حسب المعهد الوطني للإحصاء.",
        ),
    )
    .write(
        "corpus/ar/championship.txt",
        &ar_article(
            "انطلاق البطولة الوطنية",
            "تنطلق البطولة يوم السبت ويشارك فيها بطل الموسم الماضي.",
        ),
    )
    .write(
        "corpus/ar/workers.txt",
        &ar_article(
            "إضراب العمال في الميناء",
            "دخل عمال الميناء في إضراب، وقال أحد العاملين إن المطالب قديمة.",
        ),
    )
    .write(
        "corpus/ar/operation.txt",
        &ar_article(
            "عملية أمنية ناجحة",
            "نفذت الوحدات عملية أمنية، وقد تراجعت قيمة العملة هذا الشهر بسبب العمل المتواصل.",
        ),
    )
    .write(
        "corpus/fr/market.txt",
        &fr_article(
            "Le marché du travail se tend",
            "Les marchés régionaux recrutent davantage de saisonniers cette année.",
        ),
    )
    .write(
        "corpus/fr/walk.txt",
        &fr_article(
            "Une marche pour le climat",
            "Des milliers de personnes ont marché samedi ; la marche a traversé la ville.",
        ),
    )
    .write(
        "corpus/fr/training.txt",
        &fr_article(
            "La formation professionnelle relancée",
            "Les nouvelles formations accueillent des apprentis dès septembre.",
        ),
    )
    .write(
        "corpus/fr/shape.txt",
        &fr_article(
            "Une forme olympique",
            "Le coureur est en forme ; il veut former les jeunes du club.",
        ),
    )
    .write(
        "corpus/fr/pension.txt",
        &fr_article(
            "La réforme des retraites",
            "Le projet sur la retraite inquiète les syndicats.",
        ),
    )
    .write(
        "corpus/fr/withdrawal.txt",
        &fr_article(
            "Le retrait des troupes",
            "Le retrait est prévu avant la fin de l'année.",
        ),
    );
    hay.index();
    hay
}

#[test]
fn a_friday_sermon_does_not_count_for_the_university() {
    let hay = lookalike_hay();
    assert_eq!(hay.ids(&["الجامعة"]), ["ar/university.txt"]);
    assert_eq!(hay.ids(&["جامعة"]), ["ar/university.txt"]);
    // The plural and the clitics are the same word.
    assert_eq!(hay.ids(&["جامعات"]), ["ar/university.txt"]);
    // Friday is found as itself.
    assert_eq!(hay.ids(&["الجمعة"]), ["ar/friday.txt"]);
    // Stems put them together: only with --broad.
    assert_eq!(
        sorted(hay.ids(&["--broad", "الجامعة"])),
        ["ar/friday.txt", "ar/university.txt"]
    );
}

#[test]
fn a_championship_does_not_count_for_unemployment() {
    let hay = lookalike_hay();
    assert_eq!(hay.ids(&["البطالة"]), ["ar/unemployment.txt"]);
    assert_eq!(hay.ids(&["البطولة"]), ["ar/championship.txt"]);
    let stats = hay.run(&[
        "--index",
        INDEX,
        "stats",
        "البطالة",
        "--no-cross",
        "--by",
        "lang",
        "--json",
    ]);
    stats.assert_code(0);
    let rows = stats.json();
    assert_eq!(rows.len(), 1, "{}", stats.stdout);
    assert_eq!(rows[0]["bucket"], "ar");
    assert_eq!(rows[0]["count"], 1);
}

#[test]
fn workers_are_not_operations_nor_currency() {
    let hay = lookalike_hay();
    // العمال, عمال, العاملين: the workers; عملية, العملة, العمل are not.
    assert_eq!(hay.ids(&["العمال"]), ["ar/workers.txt"]);
    assert_eq!(hay.ids(&["العمل"]), ["ar/operation.txt"]);
    assert_eq!(hay.ids(&["العملة"]), ["ar/operation.txt"]);
}

#[test]
fn accents_decide_when_the_query_has_them() {
    let hay = lookalike_hay();
    // marché finds marché and marchés, not marche. walk.txt is found too:
    // it also writes the participle "ont marché", spelled the same (forms are
    // words, not senses).
    assert_eq!(sorted(hay.ids(&["marché"])), ["fr/market.txt", "fr/walk.txt"]);
    assert_eq!(sorted(hay.ids(&["marchés"])), ["fr/market.txt", "fr/walk.txt"]);
    // An exclusion typed without accents excludes every spelling.
    hay.search(&["marché -marche"]).assert_code(1);
    // marche without accents finds every spelling.
    assert_eq!(sorted(hay.ids(&["marche"])), ["fr/market.txt", "fr/walk.txt"]);
    // In the titles only market.txt writes "marché"; walk.txt's "marche" is
    // found when the query has no accent.
    assert_eq!(hay.ids(&["title:marché"]), ["fr/market.txt"]);
    assert_eq!(hay.ids(&["title:marche"]).len(), 2);
}

#[test]
fn training_is_not_shape_and_pension_is_not_withdrawal() {
    let hay = lookalike_hay();
    assert_eq!(hay.ids(&["formation"]), ["fr/training.txt"]);
    assert_eq!(hay.ids(&["formations"]), ["fr/training.txt"]);
    assert_eq!(hay.ids(&["forme"]), ["fr/shape.txt"]);
    assert_eq!(hay.ids(&["retraite"]), ["fr/pension.txt"]);
    assert_eq!(hay.ids(&["retraites"]), ["fr/pension.txt"]);
    assert_eq!(hay.ids(&["retrait"]), ["fr/withdrawal.txt"]);
    // The light stemmer merges them; --broad asks for that.
    assert_eq!(
        sorted(hay.ids(&["--broad", "formation"])),
        ["fr/shape.txt", "fr/training.txt"]
    );
}

#[test]
fn any_word_searches_match_precisely_too() {
    let hay = lookalike_hay();
    // Any-word search: the look-alike never brings an article in.
    let got = sorted(hay.ids(&["--any", "البطالة", "الجامعة"]));
    assert_eq!(got, ["ar/unemployment.txt", "ar/university.txt"]);
}

#[test]
fn counts_with_filters_and_date_sort_use_the_precise_set() {
    let hay = lookalike_hay();
    let out = hay.search(&["--json", "--sort", "date", "--limit", "50", "formation"]);
    out.assert_code(0);
    assert_eq!(ids(&out.json()), ["fr/training.txt"]);
    let out = hay.search(&["--limit", "0", "--json", "الجامعة"]);
    out.assert_code(0);
    assert_eq!(hay.ids(&["--lang", "ar", "الجامعة"]), ["ar/university.txt"]);
    hay.search(&["--lang", "fr", "الجامعة"]).assert_code(1);
}

#[test]
fn cross_lingual_matches_are_precise_too() {
    let hay = lookalike_hay();
    // université → جامعة: the Arabic university article, not Friday's.
    let out = hay.search_cross(&["--json", "université", "--lang", "ar"]);
    out.assert_code(0);
    assert_eq!(ids(&out.json()), ["ar/university.txt"]);
    // Stems translated bring Friday in: only with --broad.
    let out = hay.search_cross(&["--json", "--broad", "université", "--lang", "ar"]);
    assert_eq!(sorted(ids(&out.json())), ["ar/friday.txt", "ar/university.txt"]);
}

#[test]
fn explain_match_lists_the_forms_behind_a_count() {
    let hay = lookalike_hay();
    let out = hay.run(&["--index", INDEX, "explain-match", "الجامعة", "--json"]);
    out.assert_code(0);
    let rows = out.json();
    let forms: Vec<&str> = rows.iter().map(|r| r["form"].as_str().unwrap_or("")).collect();
    assert!(forms.contains(&"الجامعة"), "{forms:?}");
    assert!(forms.contains(&"بجامعات"), "{forms:?}");
    assert!(!forms.contains(&"الجمعة"), "{forms:?}");
    for row in &rows {
        assert_eq!(row["word"], "الجامعة");
        assert_eq!(row["broad"], false);
        assert_eq!(row["matches"], 1);
        assert!(row["id"].is_null());
        assert!(row["count"].as_u64().unwrap_or(0) >= 1);
    }
    // --broad adds the stem family, marked, and what --broad would count.
    let out = hay.run(&[
        "--index",
        INDEX,
        "--color",
        "never",
        "explain-match",
        "الجامعة",
        "--broad",
    ]);
    out.assert_code(0);
    assert!(
        out.stdout.contains("search --broad counts 2 articles"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("الجمعة"), "{}", out.stdout);
    assert!(
        out.stdout
            .lines()
            .next()
            .unwrap_or("")
            .contains("1 article match"),
        "{}",
        out.stdout
    );
}

#[test]
fn explain_match_in_one_article_shows_how_it_writes_the_word() {
    let hay = lookalike_hay();
    let out = hay.run(&[
        "--index",
        INDEX,
        "explain-match",
        "marché",
        "--id",
        "fr/market.txt",
        "--json",
    ]);
    out.assert_code(0);
    let rows = out.json();
    let forms: Vec<(&str, u64)> = rows
        .iter()
        .map(|r| (r["form"].as_str().unwrap_or(""), r["count"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(forms, [("marché", 1), ("marchés", 1)]);
    assert_eq!(rows[1]["written"][0], "marchés");
    assert_eq!(rows[0]["id"], "fr/market.txt");
    // An article that does not match says so, and lists the stem-only words
    // with --broad.
    let out = hay.run(&[
        "--index",
        INDEX,
        "--color",
        "never",
        "explain-match",
        "formation",
        "--id",
        "fr/shape.txt",
        "--broad",
    ]);
    out.assert_code(0);
    assert!(
        out.stdout.starts_with("fr/shape.txt does not match formation"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("forme"), "{}", out.stdout);
    let out = hay.run(&[
        "--index",
        INDEX,
        "explain-match",
        "formation",
        "--id",
        "fr/shape.txt",
    ]);
    out.assert_code(1);
}

#[test]
fn explain_match_errors() {
    let hay = lookalike_hay();
    let out = hay.run(&["--index", INDEX, "explain-match", "marché du travail"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("one word"), "{line}");
    let out = hay.run(&["--index", INDEX, "explain-match", "marché", "--id", "nope.txt"]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("no article with id \"nope.txt\""),
        "{}",
        out.stderr
    );
}
