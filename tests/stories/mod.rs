//! Press stories shared by the tests of near-duplicates (`fihris dups`,
//! `search --collapse`, `fihris related`): one story told by several
//! outlets in French and in Arabic, and other stories on the same subject.
//!
//! | id | what | date | format |
//! |---|---|---|---|
//! | fr/echo/textile-sidi-khettab.txt | story A as first written | 2023-03-10 | txt |
//! | fr/messager/tissages-chelif.html | A rewritten: headline changed, paragraphs reordered and reworded, one dropped; nav, share line, "Lire aussi" teasers, footer | 2023-03-09 | html |
//! | fr/agence/depeche-textile.txt | A's body copied word for word, new headline | undated | txt |
//! | fr/soir/couturieres-tlemcen.txt | D: the textile trade in Tlemcen short of seamstresses | 2023-02-20 | txt |
//! | fr/soir/filature-bejaia.txt | E: a spinning mill closing in Béjaïa | 2023-04-02 | txt |
//! | ar/sawt/nasij-sidi-khettab.txt | story A in Arabic | 2023-03-10 | txt |
//! | ar/nahar/manasib-ghlizane.txt | the Arabic A rewritten (reordered, one paragraph dropped; share and copyright lines) | 2023-03-11 | txt |
//!
//! D and E come from the same outlet and end with the same site text
//! (share line, copyright line, a long "Lire aussi" list), which indexing
//! removes. Bodies have no filler sentence: two stories here share only
//! what their subject makes them share.

use crate::util::Hay;

pub const A_TXT: &str = "fr/echo/textile-sidi-khettab.txt";
pub const A_HTML: &str = "fr/messager/tissages-chelif.html";
pub const A_COPY: &str = "fr/agence/depeche-textile.txt";
pub const D_TLEMCEN: &str = "fr/soir/couturieres-tlemcen.txt";
pub const E_BEJAIA: &str = "fr/soir/filature-bejaia.txt";
pub const AR_TXT: &str = "ar/sawt/nasij-sidi-khettab.txt";
pub const AR_REWRITE: &str = "ar/nahar/manasib-ghlizane.txt";

/// Story A's four paragraphs, as L'Écho de l'Ouest wrote them.
pub const A_PARAGRAPHS: [&str; 4] = [
    "RELIZANE – Le complexe textile de Sidi Khettab va recruter 1 200 jeunes d'ici la fin de \
     l'année, a annoncé jeudi le directeur de la coentreprise algéro-turque Tissages du Chélif, \
     M. Hakim Zerrouki, lors d'une visite du wali. Les candidats retenus suivront une formation de \
     six mois dans l'école interne de l'usine, rémunérée à hauteur du salaire minimum.",
    "Filature, teinture, confection de jeans et de chemises : l'usine, entrée en production en \
     2018, fabrique déjà trente millions de mètres de tissu par an, dont le tiers est exporté vers \
     l'Europe. Une deuxième ligne de confection, d'un coût de 40 millions de dollars, doit porter \
     l'effectif total à 5 000 salariés en 2024.",
    "Les inscriptions se feront exclusivement auprès des agences locales de l'emploi de Relizane, \
     Mazouna et Oued Rhiou, a précisé la cheffe de l'agence de wilaya, Mme Samira Benaouda. Les \
     couturières expérimentées et les titulaires d'un diplôme de la formation professionnelle en \
     mécanique industrielle seront prioritaires.",
    "Le wali a demandé à l'entreprise de loger les ouvrières venues des communes éloignées et de \
     renforcer le transport du personnel, dont se plaignent plusieurs salariés. Des navettes \
     supplémentaires seront mises en service dès le mois prochain entre l'usine et les daïras de \
     Zemmora et d'Ammi Moussa.",
];

/// Story A as first published: a plain-text file with its header.
pub fn a_txt() -> String {
    format!(
        "Relizane : le complexe textile de Sidi Khettab va recruter 1 200 jeunes\n\
         10 mars 2023\nSource : L'Écho de l'Ouest\n\n{}\n",
        A_PARAGRAPHS.join("\n\n")
    )
}

/// Story A on another outlet's web page, a day earlier: new headline,
/// paragraphs reordered and reworded, the one on production figures
/// dropped, and the page's furniture around it.
pub fn a_html() -> String {
    r#"<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Tissages du Chélif : 1 200 postes à pourvoir à Sidi Khettab | Le Messager de l'Ouest</title>
<meta property="og:site_name" content="Le Messager de l'Ouest">
<meta property="article:published_time" content="2023-03-09T18:30:00+01:00">
</head><body>
<header class="site-header"><a href="/">Le Messager de l'Ouest</a>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/region/">Région</a></li>
<li><a href="/economie/">Économie</a></li><li><a href="/sports/">Sports</a></li>
<li><a href="/culture/">Culture</a></li></ul></nav></header>
<main><article>
<h1>Tissages du Chélif : 1 200 postes à pourvoir à Sidi Khettab</h1>
<p>Le wali de Relizane, en visite jeudi au complexe textile de Sidi Khettab, a demandé à
l'entreprise de loger les ouvrières venues des communes éloignées et de renforcer le transport
du personnel, dont plusieurs salariés se plaignent. Des navettes supplémentaires relieront dès le
mois prochain l'usine aux daïras de Zemmora et d'Ammi Moussa.</p>
<p>Lors de cette visite, le directeur de la coentreprise algéro-turque Tissages du Chélif,
M. Hakim Zerrouki, a annoncé le recrutement de 1 200 jeunes d'ici la fin de l'année. Retenus, les
candidats suivront six mois de formation dans l'école interne de l'usine, rémunérés au salaire
minimum.</p>
<p>Mme Samira Benaouda, cheffe de l'agence de wilaya de l'emploi, a précisé que les inscriptions
se feront exclusivement auprès des agences locales de Relizane, Mazouna et Oued Rhiou. Priorité
sera donnée aux couturières expérimentées et aux titulaires d'un diplôme de la formation
professionnelle en mécanique industrielle.</p>
<p>Partager sur Facebook | Twitter | WhatsApp</p>
<div class="lire-aussi"><h2>Lire aussi</h2><ul>
<li><a href="/a1">Oran : le tramway prolongé jusqu'à Es-Senia</a></li>
<li><a href="/a2">Mostaganem : la saison estivale se prépare</a></li>
<li><a href="/a3">Football : le MC Oran tenu en échec à domicile</a></li>
</ul></div>
</article></main>
<footer><p>© 2023 Le Messager de l'Ouest. Tous droits réservés.</p>
<ul><li><a href="/contact/">Contact</a></li><li><a href="/mentions/">Mentions légales</a></li></ul>
</footer>
</body></html>
"#
    .to_string()
}

/// Story A's body copied word for word by a news agency, under its own
/// headline and without a date.
pub fn a_copy() -> String {
    format!(
        "Textile : 1 200 recrutements annoncés à Relizane\n\n{}\n",
        A_PARAGRAPHS.join("\n\n")
    )
}

/// The teasers Le Soir de l'Ouest prints under every article, under "Lire
/// aussi" and "Les plus lus".
pub const SOIR_TEASERS: [&str; 32] = [
    "Mouloudia d'Oran : le nouvel entraîneur présenté aux supporters",
    "Météo : vague de chaleur attendue sur les Hauts-Plateaux",
    "Baccalauréat : les résultats proclamés avant juillet",
    "Prix du mouton : flambée sur les marchés à l'approche de l'Aïd",
    "Aéroport d'Es-Senia : un nouveau terminal inauguré",
    "Festival du raï : la programmation dévoilée à Sidi Bel Abbès",
    "Autoroute Est-Ouest : réfection de la chaussée près de Chlef",
    "Pêche : le port d'Arzew modernisé",
    "Cinéma : un film algérien primé aux Journées de Carthage",
    "Handball : la sélection nationale en stage à Tikjda",
    "Immobilier : les loyers s'envolent à Bir El Djir",
    "Santé : campagne de vaccination dans les écoles primaires",
    "Tennis : un tournoi international organisé à Annaba",
    "Les plus lus",
    "Patrimoine : restauration du palais du Bey à Constantine",
    "Transport : nouvelles lignes de bus vers Aïn Témouchent",
    "Archéologie : découverte de mosaïques romaines à Tipaza",
    "Université : grève des enseignants vacataires à Mascara",
    "Incendies : des hectares de pinède ravagés près de Saïda",
    "Justice : verdict attendu dans l'affaire du foncier agricole",
    "Ramadhan : les horaires des commerces fixés par arrêté",
    "Basket-ball : le WO Boufarik champion d'Afrique",
    "Logement : remise des clés de mille appartements à Misserghin",
    "Culture : une exposition de miniatures au musée Zabana",
    "Hydraulique : barrage de Kerrada rempli à moitié",
    "Agriculture : récolte record de pomme de terre à Mostaganem",
    "Volley-ball : le GS Pétroliers qualifié pour la finale",
    "Tourisme : ruée des estivants sur les plages de Madagh",
    "Environnement : la sebkha d'Oran classée zone humide protégée",
    "Gastronomie : la karantika élue plat préféré des Oranais",
    "Musique : hommage à cheikha Rimitti au théâtre régional",
    "Économie : un marché de gros des fruits inauguré à El Kerma",
];

/// What Le Soir de l'Ouest prints under every article: a share line, a
/// copyright line and its teasers under "Lire aussi :", joined by
/// `teaser_break` ("\n\n": a paragraph each, as a saved web page lays them
/// out; "\n": one a line).
pub fn soir_boilerplate(teaser_break: &str) -> String {
    format!(
        "Partager sur Facebook | Twitter | LinkedIn | WhatsApp\n\n\
         © 2023 Le Soir de l'Ouest – Tous droits réservés\n\n\
         Lire aussi :\n\n{}",
        SOIR_TEASERS.join(teaser_break)
    )
}

/// Story D's paragraphs: the same trade, another story.
pub const D_PARAGRAPHS: [&str; 3] = [
    "TLEMCEN – Les ateliers de confection de la zone industrielle de Chetouane peinent à trouver \
     des couturières qualifiées : près de quatre cents postes restent vacants, selon la chambre de \
     commerce de la Tafna, qui réclame l'ouverture d'une section de couture au centre de formation \
     professionnelle de Remchi.",
    "Les patrons invoquent des salaires jugés trop bas par les jeunes femmes et la concurrence des \
     ateliers informels de Maghnia, qui paient à la pièce. « Nous formons une apprentie pendant \
     trois mois et elle part chez un concurrent », déplore Karim Belhadj, gérant d'une fabrique \
     de tabliers médicaux.",
    "La direction de l'emploi propose des contrats aidés d'une durée de deux ans, dont les \
     cotisations sociales sont prises en charge par l'État. Une vingtaine d'entreprises du \
     textile ont déjà signé la convention, qui concerne aussi les tisserands de tapis de \
     Sebdou et de Beni Snous.",
];

/// Story D as Le Soir de l'Ouest publishes it, followed by `site_text`.
pub fn d_txt_with(site_text: &str) -> String {
    format!(
        "Textile : Tlemcen manque de couturières\n20 février 2023\nSource : Le Soir de l'Ouest\n\n\
         {}\n\n{site_text}\n",
        D_PARAGRAPHS.join("\n\n")
    )
}

/// Story D with the site's boilerplate, one teaser a paragraph.
pub fn d_txt() -> String {
    d_txt_with(&soir_boilerplate("\n\n"))
}

/// Story E's paragraphs: a mill closing in another region.
pub const E_PARAGRAPHS: [&str; 3] = [
    "BÉJAÏA – La filature d'Akbou a cessé son activité lundi, laissant sans travail trois cent \
     dix ouvriers, faute de coton importé : le fournisseur égyptien exige désormais un paiement \
     d'avance que la banque de l'entreprise refuse de garantir, a expliqué le syndicat.",
    "Les ouvriers ont observé un sit-in devant le siège de la daïra pour réclamer le versement de \
     deux mois d'arriérés de salaires. Le président de l'assemblée populaire communale, Mourad \
     Aït Saïd, a promis d'intercéder auprès du ministère de l'Industrie pour débloquer un crédit \
     d'exploitation.",
    "Fondée en 1974, la filature produisait du fil de coton pour les tisseurs de la vallée de la \
     Soummam. Sa fermeture inquiète les sous-traitants de Tazmalt et de Seddouk, qui craignent \
     d'autres licenciements dans la filière textile avant l'été.",
];

/// Story E as Le Soir de l'Ouest publishes it, followed by `site_text`.
pub fn e_txt_with(site_text: &str) -> String {
    format!(
        "Béjaïa : la filature d'Akbou ferme ses portes\n2 avril 2023\nSource : Le Soir de l'Ouest\n\n\
         {}\n\n{site_text}\n",
        E_PARAGRAPHS.join("\n\n")
    )
}

/// Story E with the site's boilerplate, one teaser a paragraph.
pub fn e_txt() -> String {
    e_txt_with(&soir_boilerplate("\n\n"))
}

/// Story A in Arabic: four paragraphs.
pub const AR_PARAGRAPHS: [&str; 4] = [
    "غليزان – أعلن مدير المؤسسة المختلطة الجزائرية التركية «نسيج الشلف»، حكيم زروقي، يوم الخميس \
     خلال زيارة والي الولاية، أن مجمع النسيج بسيدي خطاب سيوظف 1200 شاب قبل نهاية السنة الجارية. \
     وسيستفيد المقبولون من تكوين لمدة ستة أشهر في المدرسة الداخلية للمصنع، مقابل أجر يعادل الأجر \
     الوطني الأدنى المضمون.",
    "ويضم المصنع، الذي دخل حيز الإنتاج سنة 2018، وحدات للغزل والصباغة وخياطة سراويل الجينز \
     والقمصان، وينتج ثلاثين مليون متر من القماش سنويا يصدر ثلثها نحو أوروبا. ومن المنتظر أن يرفع \
     خط خياطة ثان بتكلفة 40 مليون دولار عدد العمال إلى 5000 عامل سنة 2024.",
    "وأوضحت رئيسة الوكالة الولائية للتشغيل، سميرة بن عودة، أن التسجيلات تتم حصريا على مستوى \
     الوكالات المحلية للتشغيل بغليزان ومازونة وواد رهيو، مع إعطاء الأولوية للخياطات ذوات الخبرة \
     وحاملي شهادات التكوين المهني في الميكانيك الصناعية.",
    "وطالب الوالي إدارة المؤسسة بتوفير السكن للعاملات القادمات من البلديات النائية وتعزيز نقل \
     العمال، على أن توضع حافلات إضافية في الخدمة ابتداء من الشهر المقبل بين المصنع ودائرتي زمورة \
     وعمي موسى.",
];

/// Story A in Arabic, as Sawt al-Gharb published it.
pub fn ar_txt() -> String {
    format!(
        "مجمع النسيج بسيدي خطاب يوظف 1200 شاب قبل نهاية السنة\n10 مارس 2023\nالمصدر: صوت الغرب\n\n{}\n",
        AR_PARAGRAPHS.join("\n\n")
    )
}

/// The Arabic story rewritten by another paper a day later: new headline,
/// paragraphs reordered and reworded, the one on the buses dropped, a share
/// line and a copyright line at the end.
pub fn ar_rewrite() -> String {
    "غليزان: 1200 منصب شغل في مصنع «نسيج الشلف» بسيدي خطاب\n11 مارس 2023\nالمصدر: النهار الجديد\n\n\
     سيوظف مجمع النسيج بسيدي خطاب 1200 شاب قبل نهاية السنة الجارية، حسب ما أعلنه يوم الخميس حكيم \
     زروقي، مدير المؤسسة المختلطة الجزائرية التركية «نسيج الشلف»، خلال زيارة والي الولاية. ويخضع \
     المقبولون لتكوين مدته ستة أشهر في المدرسة الداخلية للمصنع، بأجر يعادل الأجر الوطني الأدنى \
     المضمون.\n\n\
     وحسب رئيسة الوكالة الولائية للتشغيل، سميرة بن عودة، فإن التسجيلات تتم حصريا لدى الوكالات \
     المحلية للتشغيل بغليزان ومازونة وواد رهيو، وتعطى الأولوية للخياطات ذوات الخبرة وحاملي شهادات \
     التكوين المهني في الميكانيك الصناعية.\n\n\
     ويضم المصنع، الذي دخل حيز الإنتاج سنة 2018، وحدات للغزل والصباغة وخياطة سراويل الجينز \
     والقمصان، وينتج سنويا ثلاثين مليون متر من القماش يصدر ثلثها نحو أوروبا، فيما سيرفع خط خياطة \
     ثان بتكلفة 40 مليون دولار عدد العمال إلى 5000 عامل سنة 2024.\n\n\
     شارك على فيسبوك | تويتر | واتساب\n\n\
     © 2023 النهار الجديد - جميع الحقوق محفوظة\n"
        .to_string()
}

/// Writes every story of the table under corpus/.
pub fn write_all(hay: &Hay) {
    hay.write(&format!("corpus/{A_TXT}"), &a_txt())
        .write(&format!("corpus/{A_HTML}"), &a_html())
        .write(&format!("corpus/{A_COPY}"), &a_copy())
        .write(&format!("corpus/{D_TLEMCEN}"), &d_txt())
        .write(&format!("corpus/{E_BEJAIA}"), &e_txt())
        .write(&format!("corpus/{AR_TXT}"), &ar_txt())
        .write(&format!("corpus/{AR_REWRITE}"), &ar_rewrite());
}

/// A hay holding every story of the table, indexed.
pub fn indexed() -> Hay {
    let hay = Hay::new();
    write_all(&hay);
    hay.index();
    hay
}
