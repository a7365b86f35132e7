//! Boilerplate removal: teasers for other articles, sharing and copyright
//! lines are kept out of the searchable text, and `show --raw` prints them.

use crate::util::{Hay, INDEX};

const ARTICLE: &str = "Le projet de jumelage entre les deux agences publiques de l'emploi, \
    financé par l'Union européenne, durera vingt-quatre mois et formera trois cents conseillers \
    dans douze agences pilotes réparties entre Oran, Alger et Constantine.";

fn hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/jumelage.txt",
        &format!(
            "Jumelage des agences de l'emploi\n\n{ARTICLE}\n\nLire aussi :\n\n\
             Football : le derby reporté\n\nMétéo : fortes pluies attendues\n"
        ),
    )
    .write(
        "corpus/ar/tawama.html",
        "<html><body><article><h1>توأمة بين وكالتين</h1>\
         <p>انطلق مشروع توأمة مؤسساتية بين الوكالة الوطنية للتشغيل ونظيرتها الفرنسية لمدة سنتين \
         بتمويل من الاتحاد الأوروبي لتحديث خدمات التوجيه والمرافقة لفائدة الشباب الباحثين عن العمل \
         في عدة ولايات من البلاد.</p>\
         <p>اقرأ أيضا: مباراة القمة تؤجل إلى الأحد</p>\
         <p>© 2021 الجريدة - جميع الحقوق محفوظة</p></article></body></html>",
    );
    hay.index();
    hay
}

#[test]
fn teaser_words_do_not_make_an_article_match() {
    let hay = hay();
    hay.search(&["derby"]).assert_code(1);
    hay.search(&["météo"]).assert_code(1);
    hay.search(&["مباراة"]).assert_code(1);
    hay.search(&["محفوظة"]).assert_code(1);
    // The article itself is found.
    assert_eq!(hay.ids(&["jumelage"]), ["fr/jumelage.txt"]);
    assert_eq!(hay.ids(&["توأمة"]), ["ar/tawama.html"]);
}

#[test]
fn show_raw_prints_what_was_removed() {
    let hay = hay();
    let out = hay.run(&["--index", INDEX, "--color", "never", "show", "fr/jumelage.txt"]);
    out.assert_code(0);
    assert!(!out.stdout.contains("derby"), "{}", out.stdout);
    let out = hay.run(&[
        "--index",
        INDEX,
        "--color",
        "never",
        "show",
        "--raw",
        "fr/jumelage.txt",
    ]);
    out.assert_code(0);
    let (_, removed) = out
        .stdout
        .split_once("— removed at indexing (not searched) —\n")
        .unwrap_or_else(|| panic!("a removed section:\n{}", out.stdout));
    assert!(removed.contains("Lire aussi"), "{removed}");
    assert!(removed.contains("Football : le derby reporté"), "{removed}");
    let out = hay.run(&["--index", INDEX, "show", "--raw", "--json", "ar/tawama.html"]);
    out.assert_code(0);
    let article: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("one object");
    let boilerplate = article["boilerplate"].as_str().expect("a boilerplate field");
    assert!(boilerplate.contains("مباراة القمة"), "{boilerplate}");
    assert!(boilerplate.contains("جميع الحقوق محفوظة"), "{boilerplate}");
    assert!(!article["body"].as_str().unwrap_or_default().contains("مباراة"));
}

/// A news page as sites build it: teaser tiles in `<article>` elements
/// around the story's own `<article>`, and inside the story a sharing bar,
/// a related-articles list and the readers' comments. The story's text is
/// indexed; the tiles', the bar's, the list's and the comments' are not.
#[test]
fn html_story_among_teaser_tiles_without_its_furniture() {
    let hay = Hay::new();
    let tile = |title: &str| {
        format!("<article class=\"tile\"><h2>{title}</h2><p>{title} : un court résumé.</p></article>")
    };
    hay.write(
        "corpus/page.html",
        &format!(
            "<html><head><title>Le Quotidien</title></head><body>{}{}\
             <article class=\"story\"><h1>La caravane de l'emploi arrive à Béjaïa</h1>\
             <div class=\"share-bar\">Partager sur Facebook Twitter</div>\
             <p>{ARTICLE}</p><p>Les conseillers recevront les candidats chaque matin à la maison de la culture.</p>\
             <ul class=\"related-posts\"><li>Football : le derby reporté</li></ul>\
             <section id=\"comments\"><p>Bravo pour cette initiative, écrit Karim.</p></section>\
             </article>{}</body></html>",
            tile("Météo : fortes pluies attendues"),
            tile("Handball : la finale à Oran"),
            tile("Bourse : le dinar recule"),
        ),
    );
    hay.index();
    let hit = hay.only_hit(&["conseillers"], "page.html");
    assert_eq!(hit["title"], "La caravane de l'emploi arrive à Béjaïa");
    for other in ["pluies", "handball", "dinar", "facebook", "derby", "bravo"] {
        hay.search(&[other]).assert_code(1);
    }
}

/// A page with neither `<article>` nor `<main>`: the block that holds the
/// page's paragraphs is the article, not the menus, link lists and footer
/// around it (written as plain `<div>`s, with no class saying so).
#[test]
fn html_page_without_article_reads_its_block_of_paragraphs() {
    let hay = Hay::new();
    hay.write(
        "corpus/plain.html",
        &format!(
            "<html><head><title>Le Quotidien</title></head><body>\
             <div><a href=\"/\">Accueil</a> <a href=\"/sport\">Sport</a> <a href=\"/meteo\">Météo</a></div>\
             <div><div><h1>La caravane de l'emploi arrive à Béjaïa</h1>\
             <p>{ARTICLE}</p>\
             <p>Les conseillers recevront les candidats chaque matin à la maison de la culture, \
             du dimanche au jeudi, pendant trois semaines.</p></div>\
             <div><a href=\"/a\">Handball : la finale à Oran</a><br><a href=\"/b\">Bourse : le dinar recule</a></div></div>\
             <div>Contact · Mentions légales · Publicité</div>\
             </body></html>"
        ),
    );
    hay.index();
    hay.only_hit(&["conseillers"], "plain.html");
    for other in ["accueil", "handball", "dinar", "mentions"] {
        hay.search(&[other]).assert_code(1);
    }
}
