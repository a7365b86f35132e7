//! Titles, dates, sources and languages read from each format, as the
//! search results show them.

use serde_json::Value;

use crate::util::{ar_article, fr_article, Hay, AR_FILLER, FR_FILLER};

#[test]
fn txt_title_date_and_source_header() {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/jumelage.txt",
        &format!(
            "\n\nL’ANEM et Pôle emploi signent un jumelage\n12 mars 2019\nSource : Le Quotidien d'Oran\n\n\
             Le jumelage durera deux ans.\n\n{FR_FILLER}\n"
        ),
    );
    hay.index();
    let hit = hay.only_hit(&["jumelage"], "fr/jumelage.txt");
    assert_eq!(hit["title"], "L’ANEM et Pôle emploi signent un jumelage");
    assert_eq!(hit["date"], "2019-03-12");
    assert_eq!(hit["source"], "Le Quotidien d'Oran");
    assert_eq!(hit["lang"], "fr");
    // Header lines are metadata, not body text.
    hay.search(&["Quotidien"]).assert_code(1);
    hay.search(&["mars"]).assert_code(1);
}

#[test]
fn txt_title_only_article_is_found_by_its_title() {
    let hay = Hay::new();
    hay.write(
        "corpus/breve.txt",
        "Brève : la caravane de l'emploi arrive à Béjaïa\n",
    );
    hay.index();
    let hit = hay.only_hit(&["bejaia"], "breve.txt");
    assert_eq!(hit["title"], "Brève : la caravane de l'emploi arrive à Béjaïa");
}

#[test]
fn arabic_txt_date_and_source_header() {
    let hay = Hay::new();
    hay.write(
        "corpus/ar/tawama.txt",
        &format!(
            "توأمة بين الوكالة الوطنية للتشغيل وبول أمبلوا\nالمصدر: الشروق\n12 جانفي 2020\n\n\
             انطلق مشروع توأمة مؤسساتية لمدة سنتين.\n\n{AR_FILLER}\n"
        ),
    )
    .write(
        "corpus/ar/digits.txt",
        &format!(
            "ندوة حول التكوين المهني\nالثلاثاء ١٢ مارس ٢٠١٩\n\nنظمت الوكالة ندوة حول التكوين المهني.\n\n{AR_FILLER}\n"
        ),
    );
    hay.index();
    let hit = hay.only_hit(&["مؤسساتية"], "ar/tawama.txt");
    assert_eq!(hit["title"], "توأمة بين الوكالة الوطنية للتشغيل وبول أمبلوا");
    assert_eq!(hit["date"], "2020-01-12");
    assert_eq!(hit["source"], "الشروق");
    assert_eq!(hit["lang"], "ar");
    let hit = hay.only_hit(&["ندوة"], "ar/digits.txt");
    assert_eq!(hit["date"], "2019-03-12");
    assert_eq!(hit["source"], Value::Null);
}

#[test]
fn undated_txt_has_null_date_and_source() {
    let hay = Hay::new();
    hay.write(
        "corpus/sans-date.txt",
        &fr_article(
            "Le programme, lancé en 2017, a formé 300 jeunes",
            "Par ailleurs, le ministre a annoncé de nouvelles mesures pour les jeunes diplômés.",
        ),
    );
    hay.index();
    let hit = hay.only_hit(&["diplômés"], "sans-date.txt");
    assert_eq!(hit["date"], Value::Null);
    assert_eq!(hit["source"], Value::Null);
    assert_eq!(hit["title"], "Le programme, lancé en 2017, a formé 300 jeunes");
}

#[test]
fn html_title_date_and_source_from_the_page() {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/page.html",
        r#"<!DOCTYPE html>
<html lang="fr"><head>
<title>Autre titre | Le Messager</title>
<meta property="og:site_name" content="Le Messager">
<meta property="article:published_time" content="2020-01-16T08:00:00+01:00">
</head><body>
<article>
<h1>L'UE finance la modernisation de l'ANEM</h1>
<p>Douze agences pilotes et trois cents conseillers formés : tel est le programme du jumelage.</p>
<p>Le projet est financé par l'Union européenne pour une durée de deux ans.</p>
</article>
</body></html>"#,
    )
    .write(
        "corpus/ar/page.html",
        r#"<html><head><title>توأمة بين الوكالتين | الشروق</title>
<meta property="og:site_name" content="الشروق">
<meta property="article:published_time" content="2021-01-20">
</head><body><p>أجرى الخبراء تقييما مرحليا لمشروع التوأمة بين الوكالتين بعد سنة من انطلاقه.</p>
</body></html>"#,
    );
    hay.index();
    let hit = hay.only_hit(&["modernisation"], "fr/page.html");
    assert_eq!(hit["title"], "L'UE finance la modernisation de l'ANEM");
    assert_eq!(hit["date"], "2020-01-16");
    assert_eq!(hit["source"], "Le Messager");
    assert_eq!(hit["lang"], "fr");
    // Without an <h1>, the <title> without the " | site" tail.
    let hit = hay.only_hit(&["مرحليا"], "ar/page.html");
    assert_eq!(hit["title"], "توأمة بين الوكالتين");
    assert_eq!(hit["date"], "2021-01-20");
    assert_eq!(hit["source"], "الشروق");
    assert_eq!(hit["lang"], "ar");
}

#[test]
fn jsonl_record_metadata() {
    let hay = Hay::new();
    hay.write(
        "corpus/wire.jsonl",
        concat!(
            r#"{"id":"w-1","title":"Tunisie : l'ANETI lance une plateforme","body":"La plateforme rapproche les offres et les demandes.","lang":"fr","date":"2021-03-04","source":"Carthage Matin","category":"emploi"}"#,
            "\n",
            r#"{"id":"w-2","title":"منصة رقمية للتشغيل","body":"أطلقت الوكالة التونسية منصة رقمية جديدة.","lang":"ar","date":null,"source":null}"#,
            "\n",
            r#"{"id":"w-3","title":"Bref","body":"Rien.","lang":"fr","date":"2019-06-05T10:00:00Z"}"#,
            "\n",
        ),
    );
    hay.index();
    let hit = hay.only_hit(&["plateforme"], "w-1");
    assert_eq!(hit["title"], "Tunisie : l'ANETI lance une plateforme");
    assert_eq!(hit["date"], "2021-03-04");
    assert_eq!(hit["source"], "Carthage Matin");
    assert_eq!(hit["lang"], "fr");
    assert!(
        crate::util::str_field(&hit, "path").ends_with("corpus/wire.jsonl"),
        "{hit}"
    );
    let hit = hay.only_hit(&["منصة"], "w-2");
    assert_eq!(hit["date"], Value::Null);
    assert_eq!(hit["source"], Value::Null);
    assert_eq!(hit["lang"], "ar");
    // The record's lang is kept even when the text is too short to tell.
    let hit = hay.only_hit(&["bref"], "w-3");
    assert_eq!(hit["lang"], "fr");
    assert_eq!(hit["date"], "2019-06-05");
}

#[test]
fn languages_are_detected_for_files() {
    let hay = Hay::new();
    hay.write(
        "corpus/a.txt",
        &fr_article(
            "Les jeunes diplômés et le marché du travail",
            "Le chômage des jeunes recule.",
        ),
    )
    .write(
        "corpus/b.txt",
        &ar_article(
            "الشباب وسوق العمل",
            "تراجعت نسبة البطالة لدى الشباب حاملي الشهادات.",
        ),
    );
    let out = hay.index();
    assert!(
        out.stdout.starts_with("indexed 2 articles (ar 1, fr 1)"),
        "{}",
        out.stdout
    );
    assert_eq!(hay.only_hit(&["chômage"], "a.txt")["lang"], "fr");
    assert_eq!(hay.only_hit(&["البطالة"], "b.txt")["lang"], "ar");
}
