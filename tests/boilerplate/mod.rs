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

/// A blog post as content systems print it: no class saying "related" on
/// its list of links to other posts, an author box, a caption, the
/// comment form, the whole page inside one `<form>` (as ASP.NET pages
/// are). The post is indexed; the words only in the rest are not, and
/// `show` prints the post alone.
#[test]
fn html_post_without_its_link_list_author_box_and_comment_form() {
    let hay = Hay::new();
    hay.write(
        "corpus/blog.html",
        &format!(
            "<html lang=\"fr\"><head><title>Le blog</title></head><body><form id=\"aspnetForm\">\
             <main><article><h1>La caravane de l'emploi arrive à Béjaïa</h1>\
             <figure><img src=\"a.jpg\"><figcaption>Photo : archives Studiolumière</figcaption></figure>\
             <p>{ARTICLE}</p>\
             <p>Les conseillers recevront les candidats chaque matin à la maison de la culture, \
             voir <a href=\"/programme\">le programme</a>.</p>\
             <h3>Nos autres billets</h3>\
             <ul><li><a href=\"/1\">Handball : la finale à Oran</a></li>\
             <li><a href=\"/2\">Bourse : le dinar recule</a></li></ul>\
             <div class=\"author-box\"><p>Karima écrit sur l'économie depuis dix ans.</p></div>\
             <div><label>Votre message</label><textarea></textarea><button>Envoyer</button></div>\
             </article></main></form></body></html>"
        ),
    );
    hay.index();
    hay.only_hit(&["conseillers"], "blog.html");
    // A word of an inline link in the text is the article's.
    hay.only_hit(&["programme"], "blog.html");
    for other in [
        "studiolumière",
        "handball",
        "dinar",
        "billets",
        "karima",
        "envoyer",
    ] {
        hay.search(&[other]).assert_code(1);
    }
    let out = hay.run(&["--index", INDEX, "--color", "never", "show", "--raw", "blog.html"]);
    out.assert_code(0);
    assert!(out.stdout.contains("maison de la culture"), "{}", out.stdout);
    assert!(!out.stdout.contains("dinar"), "{}", out.stdout);
}

/// An Arabic news page whose story is not in an `<article>`: the site's
/// teaser tiles are, each long enough to pass for a story. The story's
/// block of paragraphs is read, not a tile; its date line and its tags
/// are left out.
#[test]
fn html_arabic_story_outside_its_teaser_articles() {
    let hay = Hay::new();
    let story = "انطلق مشروع توأمة مؤسساتية بين الوكالة الوطنية للتشغيل ونظيرتها الفرنسية لمدة سنتين \
        بتمويل من الاتحاد الأوروبي لتحديث خدمات التوجيه والمرافقة لفائدة الشباب الباحثين عن العمل \
        في عدة ولايات من البلاد.";
    let tile = |words: &str| {
        format!(
            "<article class=\"card\"><h2>{words}</h2><p>{words} {}</p></article>",
            "نص قصير يتكرر في البطاقة لتبدو طويلة بما يكفي لتحسب مقالا. ".repeat(4)
        )
    };
    hay.write(
        "corpus/ar/khabar.html",
        &format!(
            "<html lang=\"ar\"><head><title>الجريدة</title></head><body>{}{}\
             <div class=\"content\"><h1>توأمة بين وكالتين</h1>\
             <div class=\"post-date\">نشر في 12 مارس 2021</div>\
             <p>{story}</p><p>{story}</p><p>{story}</p><p>{story}</p>\
             <div class=\"tags\"><a href=\"/t/1\">الشغل</a> <a href=\"/t/2\">البطالة</a></div>\
             </div></body></html>",
            tile("مباراة القمة تؤجل"),
            tile("ارتفاع أسعار الخضر"),
        ),
    );
    hay.index();
    assert_eq!(hay.ids(&["توأمة"]), ["ar/khabar.html"]);
    for other in ["مباراة", "الخضر", "مارس", "البطالة"] {
        hay.search(&[other]).assert_code(1);
    }
}

/// A news page whose story holds a fact box, a call to subscribe and a
/// licence notice, and ends with short links back to the site; its file
/// says it is UTF-8 and has one stray byte in an image's alt text (read
/// as browsers read it, not refused). The story is indexed; the words of
/// the boxes and of the trailing lines are not.
#[test]
fn html_story_without_its_fact_box_call_to_action_and_trailing_lines() {
    let hay = Hay::new();
    let mut page = format!(
        "<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Le Quotidien</title></head><body>\
         <article><h1>La caravane de l'emploi arrive à Béjaïa</h1>\
         <p>{ARTICLE}</p>\
         <div class=\"art-ins mol-factbox\"><p>Chiffres clés : quatorze wilayas visitées en 2020.</p></div>\
         <p>Les conseillers recevront les candidats chaque matin à la maison de la culture, \
         du dimanche au jeudi, avant de repartir vers les wilayas du Sud.</p>\
         <p>{ARTICLE}</p><p>{ARTICLE}</p>\
         <div class=\"newsletter-cta\"><p>Abonnez-vous pour lire la suite de nos enquêtes.</p></div>\
         <p class=\"licence-info\">Contenu protégé, reproduction interdite.</p>\
         <p><img alt=\""
    )
    .into_bytes();
    page.push(0xE9);
    page.extend_from_slice(
        "\" src=\"a.jpg\"></p><div>Retour à la liste</div><div>Haut de page</div>\
         </article></body></html>"
            .as_bytes(),
    );
    hay.write_bytes("corpus/caravane.html", &page);
    hay.index().assert_code(0);
    hay.only_hit(&["conseillers"], "caravane.html");
    for other in ["quatorze", "abonnez", "reproduction", "liste", "haut"] {
        hay.search(&[other]).assert_code(1);
    }
}

/// A news page whose headline has its rubric and reading time above it,
/// whose lead is in a block its CMS calls "teaser" (no link: the
/// article's own lead), and which ends with a teaser for another article
/// (a link). The lead is indexed; the rubric, the reading time and the
/// other article's teaser are not.
#[test]
fn html_story_with_its_lead_without_its_rubric_and_other_teasers() {
    let hay = Hay::new();
    hay.write(
        "corpus/lead.html",
        &format!(
            "<html lang=\"fr\"><head><title>Le Quotidien</title></head><body>\
             <article><span class=\"kicker\">Régions</span><p>Lecture : 3 min</p>\
             <h1>La caravane de l'emploi arrive à Béjaïa</h1>\
             <div class=\"article-teaser\"><p>Douze agences pilotes accueillent les chômeurs.</p></div>\
             <p>{ARTICLE}</p><p>{ARTICLE}</p>\
             <div class=\"teaser\"><h3><a href=\"/derby\">Le derby reporté</a></h3>\
             <p>Le match de football est renvoyé à la semaine prochaine.</p></div>\
             </article></body></html>"
        ),
    );
    hay.index().assert_code(0);
    hay.only_hit(&["chômeurs"], "lead.html");
    for other in ["régions", "lecture", "derby", "football"] {
        hay.search(&[other]).assert_code(1);
    }
}
