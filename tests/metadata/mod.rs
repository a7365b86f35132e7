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

/// Web pages date themselves in many places: the date fihris takes is the
/// publication's, from JSON-LD, from the article's own time stamp or from
/// a short date line of the article, never from a comment, a sidebar of
/// other articles or an update notice.
#[test]
fn html_publication_dates_from_the_page_itself() {
    let hay = Hay::new();
    let page = |head: &str, article: &str| {
        format!(
            "<html><head><title>Page</title>{head}</head><body>\
             <div class=\"sidebar\"><time datetime=\"2011-01-01\">1 janvier 2011</time></div>\
             <article><h1>Le salon de l'emploi ouvre à Oran</h1>{article}\
             <p>Le salon de l'emploi accueille les jeunes diplômés de la région.</p>\
             <p>{FR_FILLER}</p>\
             <div class=\"comments\"><time datetime=\"2017-05-05\">5 mai 2017</time></div>\
             </article></body></html>"
        )
    };
    hay.write(
        "corpus/jsonld.html",
        &page(
            "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\",\
             \"dateModified\":\"2020-03-01\",\"datePublished\":\"2020-02-24T12:57:13+0000\"}]}</script>",
            "",
        ),
    )
    .write(
        "corpus/abbr.html",
        &page("", "<abbr class=\"published\" title=\"2016-12-23T05:11\">23 déc.</abbr>"),
    )
    .write(
        "corpus/visible.html",
        &page(
            "",
            "<p class=\"updated\">Mis à jour le 4 mars 2016</p><p class=\"post-date\">Publié le 3 mars 2016 à 10h12</p>",
        ),
    )
    .write(
        "corpus/english.html",
        &page("", "<div class=\"entry-date\">December 29th, 2019</div>"),
    )
    .write("corpus/comment-only.html", &page("", ""));
    hay.index();
    let hits = hay.search_json(&["salon", "--limit", "10"]);
    let date_of = |file: &str| {
        hits.iter()
            .find(|h| h["id"] == file)
            .map(|h| h["date"].clone())
            .unwrap_or_else(|| panic!("{file} in {hits:?}"))
    };
    for (file, date) in [
        ("jsonld.html", "2020-02-24"),
        ("abbr.html", "2016-12-23"),
        ("visible.html", "2016-03-03"),
        ("english.html", "2019-12-29"),
    ] {
        assert_eq!(date_of(file), date, "{file}");
    }
    // Only a sidebar's and a comment's dates: undated, not 2011 nor 2017.
    assert!(date_of("comment-only.html").is_null());
}

/// A web page's date is the publisher's calendar day: a time stamp keeps
/// the date written with its offset, a UTC stamp yields to the local date
/// the page shows, the publication date wins over the update, and a
/// numeric date whose order is ambiguous is read day-first only on pages
/// in a language that writes it so. Date filters see those dates.
#[test]
fn html_dates_local_published_and_unambiguous() {
    let hay = Hay::new();
    let page = |lang: &str, head: &str, article: &str| {
        format!(
            "<html lang=\"{lang}\"><head><title>Page</title>{head}</head><body>\
             <article><h1>Le forum de l'emploi ouvre à Oran</h1>{article}\
             <p>Le forum de l'emploi accueille les jeunes diplômés de la région.</p>\
             <p>{FR_FILLER}</p></article></body></html>"
        )
    };
    hay.write(
        "corpus/late.html",
        &page(
            "fr",
            "<meta property=\"article:published_time\" content=\"2019-03-12T23:30:00+02:00\">",
            "",
        ),
    )
    .write(
        "corpus/utc.html",
        &page(
            "en",
            "<meta property=\"article:published_time\" content=\"2023-11-09T03:28:35Z\">",
            "<div class=\"date\">Published Nov. 8, 2023, 10:28 p.m. ET</div>",
        ),
    )
    .write(
        "corpus/modified.html",
        &page(
            "fr",
            "<meta property=\"article:modified_time\" content=\"2020-05-02T10:00:00+01:00\">\
             <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
             \"dateModified\":\"2020-05-02\",\"datePublished\":\"2020-04-30T09:00:00+01:00\"}</script>",
            "<p class=\"updated\">Mis à jour le 2 mai 2020</p>",
        ),
    )
    .write(
        "corpus/en-numeric.html",
        &page("en", "", "<span class=\"date\">05/12/2020</span>"),
    )
    .write(
        "corpus/fr-numeric.html",
        &page("fr", "", "<span class=\"date\">05/12/2020</span>"),
    );
    hay.index();
    let hits = hay.search_json(&["forum", "--limit", "10"]);
    let date_of = |file: &str| {
        hits.iter()
            .find(|h| h["id"] == file)
            .map(|h| h["date"].clone())
            .unwrap_or_else(|| panic!("{file} in {hits:?}"))
    };
    for (file, date) in [
        ("late.html", "2019-03-12"),
        ("utc.html", "2023-11-08"),
        ("modified.html", "2020-04-30"),
        ("fr-numeric.html", "2020-12-05"),
    ] {
        assert_eq!(date_of(file), date, "{file}");
    }
    assert!(date_of("en-numeric.html").is_null());
    let december = hay.search_json(&["forum", "--since", "2020-12", "--until", "2020-12-31"]);
    let ids: Vec<&Value> = december.iter().map(|h| &h["id"]).collect();
    assert_eq!(ids, ["fr-numeric.html"]);
    let spring = hay.search_json(&["forum", "--since", "2020-04-30", "--until", "2020-04-30"]);
    assert_eq!(spring.len(), 1);
    assert_eq!(spring[0]["id"], "modified.html");
}

/// More places web pages date themselves: a blog post inside a "widget",
/// a byline with a two-digit year, the page's own dateline over a metadata
/// date it shows nowhere, the article's stamp over a generic `dc.date`,
/// and a wiki page's last edit when nothing else dates it.
#[test]
fn html_dates_from_blogs_bylines_datelines_and_wikis() {
    let hay = Hay::new();
    let page = |lang: &str, head: &str, body: &str| {
        format!(
            "<html lang=\"{lang}\"><head><title>Page</title>{head}</head><body>{body}\
             <div class=\"widget BlogArchive\"><span class=\"date\">1. Mai 2012</span></div></body></html>"
        )
    };
    let story =
        format!("<p>Le forum de l'emploi accueille les jeunes diplômés de la région.</p><p>{FR_FILLER}</p>");
    hay.write(
        "corpus/blogger.html",
        &page(
            "de",
            "",
            &format!(
                "<div class=\"widget Blog\"><div class=\"date-outer\">\
                 <h2 class=\"date-header\"><span>Samstag, 5. Oktober 2013</span></h2>\
                 <article><h3>Forum</h3>{story}</article></div></div>"
            ),
        ),
    )
    .write(
        "corpus/byline.html",
        &page(
            "de",
            "",
            &format!(
                "<main><h1>Forum</h1><p class=\"morespace\">von <a href=\"/author/k\">Klaus</a>, 8.5.12</p>{story}</main>"
            ),
        ),
    )
    .write(
        "corpus/shown.html",
        &page(
            "de",
            "<meta property=\"article:published_time\" content=\"2022-01-25T10:00:00+01:00\">",
            &format!("<article><h1>Forum</h1><p class=\"date\">26.01.2022</p>{story}</article>"),
        ),
    )
    .write(
        "corpus/generic.html",
        &page(
            "fr",
            "<meta name=\"dc.date\" content=\"2020-04-30\">",
            &format!("<article><h1>Forum</h1><p class=\"meta\">Publié le 29 avril 2020</p>{story}</article>"),
        ),
    )
    .write(
        "corpus/wiki.html",
        &page(
            "de",
            "",
            &format!(
                "<article><h1>Forum</h1>{story}</article><div id=\"footer\"><ul>\
                 <li id=\"footer-info-lastmod\">Diese Seite wurde zuletzt am 29. Januar 2020 um 20:16 Uhr geändert.</li>\
                 </ul></div>"
            ),
        ),
    );
    hay.index();
    let hits = hay.search_json(&["forum", "--limit", "10"]);
    let date_of = |file: &str| {
        hits.iter()
            .find(|h| h["id"] == file)
            .map(|h| h["date"].clone())
            .unwrap_or_else(|| panic!("{file} in {hits:?}"))
    };
    for (file, date) in [
        ("blogger.html", "2013-10-05"),
        ("byline.html", "2012-05-08"),
        ("shown.html", "2022-01-26"),
        ("generic.html", "2020-04-29"),
        ("wiki.html", "2020-01-29"),
    ] {
        assert_eq!(date_of(file), date, "{file}");
    }
}

/// English and German dates are read in text headers too; the day must be
/// there.
#[test]
fn english_and_german_header_dates() {
    let hay = Hay::new();
    hay.write(
        "corpus/en.txt",
        &format!("Job fair opens in Oran\nDec. 5, 2020\n\nThe job fair welcomes graduates.\n\n{FR_FILLER}\n"),
    )
    .write(
        "corpus/de.txt",
        &format!("Jobmesse in Oran\nSamstag, 19. Juli 2014\n\nDie Jobmesse beginnt.\n\n{FR_FILLER}\n"),
    )
    .write(
        "corpus/month-only.txt",
        &format!("Job fair in Oran\nMarch 2019\n\nThe job fair welcomes graduates.\n\n{FR_FILLER}\n"),
    );
    hay.index();
    assert_eq!(
        hay.only_hit(&["graduates", "--since", "2020"], "en.txt")["date"],
        "2020-12-05"
    );
    assert_eq!(hay.only_hit(&["jobmesse"], "de.txt")["date"], "2014-07-19");
    let hits = hay.search_json(&["graduates"]);
    let month_only = hits
        .iter()
        .find(|h| h["id"] == "month-only.txt")
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert!(month_only["date"].is_null(), "{month_only}");
}

/// A page saved as text: masthead, menus and the headline again before a
/// "Publié le" line; that line dates the article, not the masthead's day
/// nor an update notice.
#[test]
fn txt_publication_line_below_site_furniture() {
    let hay = Hay::new();
    hay.write(
        "corpus/saved.txt",
        &format!(
            "LE QUOTIDIEN DE L'OUEST\n\nAccueil\n\nmercredi 19 février 2020\n\nActualités\n\nÉconomie\n\n\
             La caravane de l'emploi arrive à Béjaïa\n\nPar Nadia B.\n\nMis à jour le 20 février 2020\n\n\
             Publié le 18 février 2020 à 10h12\n\nLa caravane de l'emploi s'installe au centre-ville.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/masthead-only.txt",
        &format!(
            "LE QUOTIDIEN DE L'OUEST\n\nAccueil\n\nmercredi 19 février 2020\n\n\
             La caravane de l'emploi arrive à Oran\n\nLa caravane de l'emploi s'installe au port.\n\n{FR_FILLER}\n"
        ),
    );
    hay.index();
    let hits = hay.search_json(&["caravane"]);
    let date_of = |id: &str| {
        hits.iter()
            .find(|h| h["id"] == id)
            .map(|h| h["date"].clone())
            .unwrap_or_else(|| panic!("{id} in {hits:?}"))
    };
    assert_eq!(date_of("saved.txt"), "2020-02-18");
    assert!(date_of("masthead-only.txt").is_null());
}
