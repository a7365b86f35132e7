//! Press pages saved as text (a browser's "save as text", a copy of the
//! whole page): the headline, date and source found below the site's
//! furniture, datelines, "Headline | Site" titles, teasers for other
//! stories anywhere in the page and repeated text kept out of the index.

use serde_json::Value;

use crate::util::{Hay, AR_FILLER, FR_FILLER, INDEX};

/// `show --json` of one article.
fn show(hay: &Hay, id: &str) -> Value {
    let out = hay.run(&["--index", INDEX, "show", "--raw", "--json", id]);
    out.assert_code(0);
    serde_json::from_str(out.stdout.trim()).expect("one JSON object")
}

fn text<'a>(article: &'a Value, field: &str) -> &'a str {
    article[field].as_str().unwrap_or_default()
}

/// A page saved as text: masthead in spaced letters, breadcrumb, a menu,
/// rubric labels, the headline, a byline, the publication and update
/// dates on their own lines, the story, teasers for other stories (one
/// ending with "Lire plus", one cut by an ellipsis) and a footer menu.
const SAVED_PAGE: &str = "\
L E   Q U O T I D I E N   D E   L ' O U E S T

Accueil > Économie > Emploi
  * Actualités
  * Économie
  * Sport
  * Culture

Économie

Jumelage ANEM–Pôle emploi : un bilan positif après deux ans

Par Nadia B.
Publié le 3 mars 2016 à 10h12
Mis à jour le 5 mars 2016 à 08h00

   Le jumelage entre l'Agence nationale de l'emploi et son homologue
   française arrive à son terme avec un bilan jugé positif par les deux
   parties, qui ont présenté leurs résultats mardi devant la presse.

   Trois cents conseillers ont été formés dans douze agences pilotes,
   selon le directeur du projet, qui plaide pour une suite rapide.

Sport
La JSK qualifiée pour la phase de groupes
Le club kabyle s'est qualifié après sa victoire face au champion sortant. Lire plus

Météo
Fortes pluies attendues sur le littoral
Des orages accompagnés de grêle sont prévus sur les wilayas côtières…

  * Mentions légales
  * Contact
  * Publicité
";

#[test]
fn saved_page_headline_date_below_furniture() {
    let hay = Hay::new();
    hay.write("corpus/page.txt", SAVED_PAGE);
    hay.index();
    let article = show(&hay, "page.txt");
    assert_eq!(
        text(&article, "title"),
        "Jumelage ANEM–Pôle emploi : un bilan positif après deux ans"
    );
    // The publication date, not the update's; not the masthead's letters.
    assert_eq!(article["date"], "2016-03-03");
    assert_eq!(article["author"], "Nadia B.");
    let body = text(&article, "body");
    assert!(body.starts_with("Le jumelage entre"), "{body}");
    assert!(body.ends_with("une suite rapide."), "{body}");
    // Furniture and teasers are kept out of the index but shown by --raw.
    let removed = text(&article, "boilerplate");
    for piece in ["Accueil", "Mentions légales", "La JSK qualifiée", "Fortes pluies"] {
        assert!(removed.contains(piece), "{piece} not in {removed}");
        assert!(!body.contains(piece), "{piece} in {body}");
    }
    hay.search(&["JSK"]).assert_code(1);
    hay.search(&["grêle"]).assert_code(1);
    hay.search(&["Mentions"]).assert_code(1);
    assert_eq!(hay.ids(&["conseillers"]), ["page.txt"]);
    // The date counts in filters.
    assert_eq!(
        hay.ids(&["conseillers", "--since", "2016-03-01", "--until", "2016-03-04"]),
        ["page.txt"]
    );
}

#[test]
fn datelines_give_date_and_agency() {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/oran.txt",
        &format!(
            "L'ANEM renforce sa coopération\n\nORAN, 15 jan. 2019 (APS) – L'Agence nationale de l'emploi a signé \
             un accord de jumelage avec son homologue française.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/fr/rabat.txt",
        &format!(
            "L'ANAPEC présente son programme\n\nRabat, le 4 février 2020 — Le ministre a présenté le programme \
             de formation des chercheurs d'emploi.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/fr/tunis.txt",
        &format!(
            "Le chômage recule\n\nTunis, 3 mars (TAP) – Le taux de chômage a reculé au dernier trimestre.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/ar/rabat.txt",
        &format!(
            "تعاون بين الوكالتين\n\nالرباط - 4 فبراير 2020 (ومع) - وقعت الوكالة الوطنية لإنعاش التشغيل والكفاءات \
             اتفاقية توأمة مع نظيرتها الفرنسية.\n\n{AR_FILLER}\n"
        ),
    )
    .write(
        "corpus/ar/alger.txt",
        &format!(
            "برنامج جديد للتشغيل\n\nالجزائر في 15 جانفي 2019 - أعلنت الوكالة الوطنية للتشغيل عن برنامج جديد \
             لفائدة الشباب.\n\n{AR_FILLER}\n"
        ),
    );
    hay.index();
    let oran = show(&hay, "fr/oran.txt");
    assert_eq!(oran["date"], "2019-01-15");
    assert_eq!(oran["source"], "APS");
    // The dateline stays in the text: the place is part of the story.
    assert!(text(&oran, "body").starts_with("ORAN, 15 jan. 2019 (APS) –"));
    assert_eq!(show(&hay, "fr/rabat.txt")["date"], "2020-02-04");
    // No year written: no date, never a guessed one.
    let tunis = show(&hay, "fr/tunis.txt");
    assert_eq!(tunis["date"], Value::Null);
    assert_eq!(tunis["source"], "TAP");
    let rabat = show(&hay, "ar/rabat.txt");
    assert_eq!(rabat["date"], "2020-02-04");
    assert_eq!(rabat["source"], "ومع");
    assert_eq!(show(&hay, "ar/alger.txt")["date"], "2019-01-15");
    // The dates count in filters.
    let mut dated = hay.ids(&["--since", "2019-01-01", "--until", "2020-12-31", "calendrier"]);
    dated.sort();
    assert_eq!(dated, ["fr/oran.txt", "fr/rabat.txt"]);
    let mut dated = hay.ids(&["--since", "2019-01-01", "--until", "2020-12-31", "الرزنامة"]);
    dated.sort();
    assert_eq!(dated, ["ar/alger.txt", "ar/rabat.txt"]);
}

#[test]
fn headline_bar_site_gives_title_and_source() {
    let hay = Hay::new();
    hay.write(
        "corpus/watan.txt",
        &format!(
            "Le chômage des diplômés recule à Oran | El Watan\n\nLe taux de chômage des diplômés a reculé \
             cette année selon l'agence de l'emploi.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/matin.txt",
        &format!(
            "Les saisonnières repartent pour Huelva - Le Matin\n\nLes ouvrières saisonnières ont repris \
             le chemin des exploitations agricoles.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/accord.txt",
        &format!("Algérie - France : accord signé\n\nLes deux pays ont signé un accord de formation.\n\n{FR_FILLER}\n"),
    );
    hay.index();
    let watan = show(&hay, "watan.txt");
    assert_eq!(watan["title"], "Le chômage des diplômés recule à Oran");
    assert_eq!(watan["source"], "El Watan");
    let matin = show(&hay, "matin.txt");
    assert_eq!(matin["title"], "Les saisonnières repartent pour Huelva");
    assert_eq!(matin["source"], "Le Matin");
    // A dash inside a headline is not a site.
    let accord = show(&hay, "accord.txt");
    assert_eq!(accord["title"], "Algérie - France : accord signé");
    assert_eq!(accord["source"], Value::Null);
    assert_eq!(hay.ids(&["--source", "El Watan", "calendrier"]), ["watan.txt"]);
}

#[test]
fn a_body_saved_twice_is_indexed_once() {
    let paragraph =
        "La caravane de l'emploi a fait étape à Béjaïa, où des centaines de jeunes ont rencontré \
                     les recruteurs de la région.";
    let second = "Les organisateurs annoncent une nouvelle étape à Sétif le mois prochain.";
    let hay = Hay::new();
    hay.write(
        "corpus/twice.txt",
        &format!("La caravane de l'emploi à Béjaïa\n\n{paragraph}\n\n{second}\n\n{paragraph}\n\n{second}\n"),
    )
    .write(
        "corpus/lead.txt",
        "La caravane de l'emploi à Sétif\n\nLa caravane de l'emploi fera étape à Sétif, où les…\n\n\
         La caravane de l'emploi fera étape à Sétif, où les recruteurs attendent des milliers de jeunes.\n",
    );
    hay.index();
    let twice = show(&hay, "twice.txt");
    assert_eq!(text(&twice, "body"), format!("{paragraph}\n\n{second}"));
    assert!(text(&twice, "boilerplate").contains("recruteurs de la région"));
    let lead = show(&hay, "lead.txt");
    assert_eq!(
        text(&lead, "body"),
        "La caravane de l'emploi fera étape à Sétif, où les recruteurs attendent des milliers de jeunes."
    );
}

#[test]
fn arabic_teasers_anywhere_are_not_indexed() {
    let hay = Hay::new();
    hay.write(
        "corpus/ar/tawama.txt",
        &format!(
            "توأمة بين الوكالتين\n\nانطلق مشروع توأمة مؤسساتية بين الوكالة الوطنية للتشغيل ونظيرتها الفرنسية لمدة سنتين.\n\n\
             رياضة\n\nتأهل الفريق إلى دور المجموعات بعد فوزه على البطل اقرأ المزيد\n\n{AR_FILLER}\n"
        ),
    );
    hay.index();
    assert_eq!(hay.ids(&["مؤسساتية"]), ["ar/tawama.txt"]);
    hay.search(&["المجموعات"]).assert_code(1);
    let article = show(&hay, "ar/tawama.txt");
    assert!(text(&article, "boilerplate").contains("اقرأ المزيد"));
}

#[test]
fn a_file_without_headline_is_titled_by_its_first_words() {
    let hay = Hay::new();
    hay.write(
        "corpus/sans-titre.txt",
        &format!(
            "La caravane de l'emploi a fait étape à Béjaïa, où des centaines de jeunes diplômés ont rencontré\n\
             les recruteurs de la région pendant deux jours.\n\n{FR_FILLER}\n"
        ),
    );
    hay.index();
    let article = show(&hay, "sans-titre.txt");
    assert_eq!(
        text(&article, "title"),
        "La caravane de l'emploi a fait étape à Béjaïa, où des centaines de jeunes diplômés…"
    );
    // The paragraph stays the article's text, and show says where the title
    // comes from.
    assert!(text(&article, "body").starts_with("La caravane de l'emploi a fait étape"));
    let out = hay.run(&["--index", INDEX, "--color", "never", "show", "sans-titre.txt"]);
    out.assert_code(0);
    assert!(
        out.stdout
            .contains("(no headline in the file: the title is the text's first words)"),
        "{}",
        out.stdout
    );
    // Not for an article with a headline.
    hay.write(
        "corpus/titre.txt",
        &format!("La caravane de l'emploi\n\nElle arrive à Béjaïa.\n\n{FR_FILLER}\n"),
    );
    hay.index();
    let out = hay.run(&["--index", INDEX, "--color", "never", "show", "titre.txt"]);
    assert!(!out.stdout.contains("no headline"), "{}", out.stdout);
}

/// An Arabic page saved as text: site name, breadcrumb, menu, rubric,
/// headline, byline and date, the story in hard-wrapped lines, a teaser
/// and the footer menu.
const ARABIC_PAGE: &str = "\
الشروق أونلاين

الرئيسية > اقتصاد > تشغيل
  * الرئيسية
  * وطني
  * اقتصاد
  * رياضة

اقتصاد

توأمة بين الوكالة الوطنية للتشغيل وبول أمبلوا: حصيلة إيجابية

بقلم: نادية بن علي
الثلاثاء 12 مارس 2019

   انتهى مشروع التوأمة المؤسساتية بين الوكالة الوطنية للتشغيل ونظيرتها
   الفرنسية بحصيلة وصفها الطرفان بالإيجابية، بعد سنتين من العمل المشترك
   في اثنتي عشرة وكالة نموذجية موزعة على ست ولايات.

   وتم تكوين ثلاثمائة مستشار في تقنيات التوجيه والتنصيب، حسب مدير المشروع
   الذي دعا إلى مواصلة التعاون في مرحلة ثانية.

رياضة
تأهل الفريق إلى دور المجموعات
تأهل الفريق إلى دور المجموعات بعد فوزه على البطل المنتهية ولايته. اقرأ المزيد

  * اتصل بنا
  * من نحن
  * سياسة الخصوصية
";

#[test]
fn arabic_saved_page_is_read_as_a_page() {
    let hay = Hay::new();
    hay.write("corpus/ar/page.txt", ARABIC_PAGE);
    hay.index();
    let article = show(&hay, "ar/page.txt");
    assert_eq!(
        text(&article, "title"),
        "توأمة بين الوكالة الوطنية للتشغيل وبول أمبلوا: حصيلة إيجابية"
    );
    assert_eq!(article["date"], "2019-03-12");
    assert_eq!(article["author"], "نادية بن علي");
    assert_eq!(article["lang"], "ar");
    let body = text(&article, "body");
    assert_eq!(body.split("\n\n").count(), 2, "{body}");
    assert!(body.ends_with("في مرحلة ثانية."), "{body}");
    assert_eq!(hay.ids(&["مستشار"]), ["ar/page.txt"]);
    for absent in ["المجموعات", "الخصوصية", "أونلاين"] {
        hay.search(&[absent]).assert_code(1);
    }
}

#[test]
fn numeric_dates_day_first_in_french_refused_when_ambiguous_in_english() {
    let en_body = "The national employment agency signed a twinning agreement with its French \
                   counterpart on Tuesday, in the presence of the minister of labour and of the \
                   ambassador of the European Union, who said the programme would train advisers.";
    let hay = Hay::new();
    hay.write("corpus/en-ambiguous.txt", &format!("Agencies sign a twinning deal\n05/12/2020\n\n{en_body}\n"))
        .write("corpus/en-clear.txt", &format!("Agencies sign a twinning deal again\n12/25/2020\n\n{en_body}\n"))
        .write(
            "corpus/fr.txt",
            &format!(
                "Les agences signent un jumelage\n05/12/2020\n\nL'agence nationale de l'emploi a signé mardi un accord \
                 de jumelage avec son homologue française, en présence du ministre du travail.\n\n{FR_FILLER}\n"
            ),
        );
    hay.index();
    // "05/12/2020" in English may be 5 December or May 12: no date.
    assert_eq!(show(&hay, "en-ambiguous.txt")["date"], Value::Null);
    // A number above 12 tells the order.
    assert_eq!(show(&hay, "en-clear.txt")["date"], "2020-12-25");
    // French press writes the day first.
    assert_eq!(show(&hay, "fr.txt")["date"], "2020-12-05");
}

#[test]
fn link_lists_and_most_read_lists_are_not_indexed() {
    let hay = Hay::new();
    hay.write(
        "corpus/liens.txt",
        &format!(
            "Le salon de l'emploi ouvre ses portes à Oran\n\n\
             Plus de cent entreprises participent depuis dimanche au salon régional de l'emploi, \
             organisé par l'agence de wilaya au centre des conventions.\n\n\
             >> Le derby reporté à dimanche (12/03/2019)\n>> Fortes pluies sur le littoral (11/03/2019)\n\n\
             Les organisateurs attendent plusieurs milliers de visiteurs jusqu'à jeudi.\n\n\
             Les plus lus\nLa JSK qualifiée\nUn nouveau stade à Tizi Ouzou\n\n{FR_FILLER}\n"
        ),
    );
    hay.index();
    assert_eq!(hay.ids(&["visiteurs"]), ["liens.txt"]);
    for absent in ["derby", "pluies", "JSK", "stade"] {
        hay.search(&[absent]).assert_code(1);
    }
    let removed = text(&show(&hay, "liens.txt"), "boilerplate").to_string();
    assert!(removed.contains("Le derby reporté"), "{removed}");
}

#[test]
fn page_copied_from_a_browser_one_paragraph_per_line() {
    let hay = Hay::new();
    hay.write(
        "corpus/copie.txt",
        "Aller au contenu principal\nLe Courrier de l'Ouest\nAccueil\nNational\nÉconomie\nMonde\nSport\nCulture\nContact\n\
         Économie\nJumelage ANEM–Pôle emploi : un bilan positif après deux ans\nPar Nadia B.\nPublié le 3 mars 2016\n\
         Le jumelage entre l'Agence nationale de l'emploi et son homologue française arrive à son terme avec un bilan \
         jugé positif par les deux parties, qui ont présenté leurs résultats mardi devant la presse à Alger.\n\
         Trois cents conseillers ont été formés dans douze agences pilotes, selon le directeur du projet, qui plaide \
         pour une suite rapide.\nPartager\nFacebook\nTwitter\nArticles similaires\n\
         La JSK qualifiée pour la phase de groupes\nFortes pluies attendues sur le littoral\nMentions légales\n\
         Qui sommes-nous\n© 2016 Le Courrier de l'Ouest\n",
    );
    hay.index();
    let article = show(&hay, "copie.txt");
    assert_eq!(
        text(&article, "title"),
        "Jumelage ANEM–Pôle emploi : un bilan positif après deux ans"
    );
    assert_eq!(article["date"], "2016-03-03");
    assert_eq!(article["author"], "Nadia B.");
    let body = text(&article, "body");
    assert!(body.starts_with("Le jumelage entre"), "{body}");
    assert!(body.ends_with("une suite rapide."), "{body}");
    for absent in ["JSK", "Mentions", "Culture", "contenu"] {
        hay.search(&[absent]).assert_code(1);
    }
}
