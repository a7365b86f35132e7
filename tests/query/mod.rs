//! The query language of `fihris search`: stemmed words, exact phrases,
//! OR/NOT/groups, fields, prefixes, fuzzy words, pasted headlines, syntax
//! errors, `--any`, and the stemmer chosen at index time.

use crate::util::{ar_article, fr_article, ids, sorted, Hay, AR_FILLER, FR_FILLER, INDEX};

/// The score of each hit of `search --json args…`, best first.
fn scores(hay: &Hay, args: &[&str]) -> Vec<(String, f64)> {
    hay.search_json(args)
        .iter()
        .map(|h| {
            let id = h["id"].as_str().expect("a string id").to_string();
            (id, h["score"].as_f64().expect("a numeric score"))
        })
        .collect()
}

/// Articles where a word and its inflected or prefixed forms occur apart.
fn variants_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/emploi.txt",
        &fr_article(
            "Bilan trimestriel",
            "Le marché de l'emploi reste tendu dans les régions côtières.",
        ),
    )
    .write(
        "corpus/fr/national.txt",
        &fr_article(
            "Un plan pour les villes",
            "Le conseil national adopte le schéma d'aménagement du littoral.",
        ),
    )
    .write(
        "corpus/ar/wa.txt",
        &ar_article(
            "خطة جديدة لفائدة الشباب",
            "أعلنت الوزارة عن خطة للتكوين والتشغيل في ولايات الجنوب.",
        ),
    )
    .write(
        "corpus/ar/li.txt",
        &ar_article(
            "ندوة جهوية حول السياسات العمومية",
            "ناقش الخبراء خلال الندوة السياسة العمومية للتشغيل ونتائجها.",
        ),
    )
    .write(
        "corpus/ar/bi.txt",
        &ar_article(
            "معرض الصناعة التقليدية",
            "افتتح معرض الصناعة التقليدية بالمغرب بمشاركة مئات الحرفيين.",
        ),
    );
    hay.index();
    hay
}

#[test]
fn french_words_find_their_inflected_forms() {
    let hay = variants_hay();
    // The article writes only "emploi" and "national".
    assert_eq!(hay.ids(&["emplois"]), ["fr/emploi.txt"]);
    assert_eq!(hay.ids(&["emploi"]), ["fr/emploi.txt"]);
    assert_eq!(hay.ids(&["nationaux"]), ["fr/national.txt"]);
    assert_eq!(hay.ids(&["nationale"]), ["fr/national.txt"]);
    // All words must still match, through their stems.
    assert_eq!(hay.ids(&["emplois", "côtière"]), ["fr/emploi.txt"]);
    hay.search(&["emplois", "nationaux"]).assert_code(1);
}

#[test]
fn arabic_words_find_their_prefixed_forms() {
    let hay = variants_hay();
    // One article writes والتشغيل, the other للتشغيل; none writes التشغيل.
    assert_eq!(sorted(hay.ids(&["التشغيل"])), ["ar/li.txt", "ar/wa.txt"]);
    assert_eq!(sorted(hay.ids(&["تشغيل"])), ["ar/li.txt", "ar/wa.txt"]);
    // The article writes بالمغرب.
    assert_eq!(hay.ids(&["المغرب"]), ["ar/bi.txt"]);
    assert_eq!(hay.ids(&["مغرب"]), ["ar/bi.txt"]);
}

/// An agency article and one about the city of Cali (كالي), plus the
/// adjective national (الوطني) and a tonne (طن).
fn waw_hay(stemmer: Option<&str>) -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/ar/agency.txt",
        &ar_article(
            "إصلاح شامل للخدمات",
            "أعلنت الوكالة عن برنامج الإصلاح الوطني لتحديث الخدمات.",
        ),
    )
    .write(
        "corpus/ar/cali.txt",
        &ar_article(
            "رحلة إلى أمريكا الجنوبية",
            "زار الوفد مدينة كالي الكولومبية واطلع على ميناء المدينة.",
        ),
    )
    .write(
        "corpus/ar/tonne.txt",
        &ar_article(
            "حصيلة الموسم الفلاحي",
            "أنتجت التعاونية ألف طن من القمح خلال هذا الموسم.",
        ),
    );
    let mut args = vec!["--index", INDEX, "index", "corpus"];
    if let Some(stemmer) = stemmer {
        args.extend(["--stemmer", stemmer]);
    }
    hay.run(&args).assert_code(0);
    hay
}

#[test]
fn arabic_root_initial_waw_is_kept() {
    let hay = waw_hay(None);
    // وكالة is و-initial by root: its stem is وكال (as in الوكالة), not
    // كال (as in كالي, the city).
    assert_eq!(hay.ids(&["وكالة"]), ["ar/agency.txt"]);
    assert_eq!(hay.ids(&["الوكالة"]), ["ar/agency.txt"]);
    assert_eq!(hay.ids(&["كالي"]), ["ar/cali.txt"]);
    // وطني is وطن + ي (as in الوطني), not و + طن (a tonne).
    assert_eq!(hay.ids(&["وطني"]), ["ar/agency.txt"]);
    assert_eq!(hay.ids(&["طن"]), ["ar/tonne.txt"]);

    // Plain light10, without the exception list, makes exactly this
    // mistake where stems decide what matches (--broad): the test above
    // would catch it. Without --broad the stemmer only ranks, and matching
    // keeps the root letter whatever the stemmer.
    let plain = waw_hay(Some("light"));
    assert_eq!(plain.ids(&["--broad", "وكالة"]), ["ar/cali.txt"]);
    assert_eq!(plain.ids(&["--broad", "وطني"]), ["ar/tonne.txt"]);
    assert_eq!(plain.ids(&["وكالة"]), ["ar/agency.txt"]);
    assert_eq!(plain.ids(&["وطني"]), ["ar/agency.txt"]);
}

#[test]
fn exact_forms_rank_above_stemmed_variants() {
    let hay = Hay::new();
    // Same title, same body but for the one word.
    let body = |word: &str| format!("La foire propose des offres d'{word} aux étudiants de la ville.");
    let ar_body = |word: &str| format!("أطلقت الوزارة برنامج {word} في المناطق الداخلية.");
    hay.write(
        "corpus/singular.txt",
        &fr_article("Foire de printemps", &body("emploi")),
    )
    .write(
        "corpus/plural.txt",
        &fr_article("Foire de printemps", &body("emplois")),
    )
    .write("corpus/al.txt", &ar_article("برنامج جديد", &ar_body("التشغيل")))
    .write("corpus/li.txt", &ar_article("برنامج جديد", &ar_body("للتشغيل")));
    hay.index();
    for (query, first, second) in [
        ("emplois", "plural.txt", "singular.txt"),
        ("emploi", "singular.txt", "plural.txt"),
        ("التشغيل", "al.txt", "li.txt"),
        ("للتشغيل", "li.txt", "al.txt"),
    ] {
        let hits = scores(&hay, &[query]);
        let got: Vec<&str> = hits.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(got, [first, second], "query {query}");
        assert!(hits[0].1 > hits[1].1, "query {query}: {hits:?}");
    }
}

/// Articles with "emploi(s)", "des" and "jeunes" in various arrangements.
fn phrase_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/plural.txt",
        &fr_article(
            "Un programme pour le Sud",
            "Le programme soutient les emplois des jeunes dans le Sud.",
        ),
    )
    .write(
        "corpus/singular.txt",
        &fr_article(
            "Un programme pour le Nord",
            "Le programme soutient l'emploi des jeunes dans le Nord.",
        ),
    )
    .write(
        "corpus/apart.txt",
        &fr_article(
            "Un programme pour l'Est",
            "Les emplois créés par des entreprises locales attirent les jeunes.",
        ),
    );
    hay.index();
    hay
}

#[test]
fn quoted_phrase_is_exact_and_contiguous() {
    let hay = phrase_hay();
    // As words, with stemming, all three articles match.
    assert_eq!(
        sorted(hay.ids(&["emplois des jeunes"])),
        ["apart.txt", "plural.txt", "singular.txt"]
    );
    // As a phrase: only the exact forms, next to each other, in order.
    assert_eq!(hay.ids(&["\"emplois des jeunes\""]), ["plural.txt"]);
    assert_eq!(hay.ids(&["\"emploi des jeunes\""]), ["singular.txt"]);
    assert_eq!(hay.ids(&["«emplois des jeunes»"]), ["plural.txt"]);
    // Phrases are normalized (case, accents) like the exact fields.
    assert_eq!(hay.ids(&["\"EMPLOIS DES JEUNES\""]), ["plural.txt"]);
    // Out of order: nothing.
    hay.search(&["\"jeunes des emplois\""]).assert_code(1);
}

#[test]
fn quoted_single_word_is_not_stemmed() {
    let hay = phrase_hay();
    assert_eq!(
        sorted(hay.ids(&["emplois"])),
        ["apart.txt", "plural.txt", "singular.txt"]
    );
    assert_eq!(sorted(hay.ids(&["\"emplois\""])), ["apart.txt", "plural.txt"]);
    assert_eq!(hay.ids(&["\"emploi\""]), ["singular.txt"]);
}

/// Ports and airports, for boolean queries.
fn ports_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/tanger-port.txt",
        &fr_article(
            "Le port de Tanger recrute",
            "Le port recrute des dockers pour l'été.",
        ),
    )
    .write(
        "corpus/oran-port.txt",
        &fr_article(
            "Le port d'Oran recrute",
            "Le port recrute des grutiers pour l'été.",
        ),
    )
    .write(
        "corpus/tanger-airport.txt",
        &fr_article(
            "L'aéroport de Tanger ferme une piste",
            "Les travaux sur la piste dureront deux mois.",
        ),
    )
    .write(
        "corpus/ar/mina.txt",
        &ar_article("توسعة ميناء طنجة", "انطلقت أشغال توسعة الميناء التجاري للمدينة."),
    );
    hay.index();
    hay
}

#[test]
fn or_matches_either_side() {
    let hay = ports_hay();
    assert_eq!(
        sorted(hay.ids(&["Oran OR aéroport"])),
        ["oran-port.txt", "tanger-airport.txt"]
    );
    assert_eq!(
        sorted(hay.ids(&["grutiers OR ميناء"])),
        ["ar/mina.txt", "oran-port.txt"]
    );
    assert_eq!(
        sorted(hay.ids(&["dockers", "OR", "grutiers", "OR", "piste"])),
        ["oran-port.txt", "tanger-airport.txt", "tanger-port.txt"]
    );
    // Lowercase "or" is a word (a French stopword), not an operator.
    hay.search(&["Oran or aéroport"]).assert_code(1);
}

#[test]
fn not_and_leading_minus_exclude() {
    let hay = ports_hay();
    assert_eq!(sorted(hay.ids(&["port"])), ["oran-port.txt", "tanger-port.txt"]);
    assert_eq!(hay.ids(&["port -Oran"]), ["tanger-port.txt"]);
    assert_eq!(hay.ids(&["port NOT Oran"]), ["tanger-port.txt"]);
    // As separate arguments, after "--" (else "-Oran" reads as options).
    assert_eq!(hay.ids(&["--", "port", "-Oran"]), ["tanger-port.txt"]);
    // The excluded word is stemmed too: "-grutier" excludes "grutiers".
    assert_eq!(hay.ids(&["port -grutier"]), ["tanger-port.txt"]);
    // An excluded phrase.
    assert_eq!(hay.ids(&["Tanger -\"une piste\""]), ["tanger-port.txt"]);
    // Only exclusions: everything else.
    assert_eq!(
        sorted(hay.ids(&["--", "-Tanger"])),
        ["ar/mina.txt", "oran-port.txt"]
    );
    // A hyphen inside a word is not an exclusion.
    assert_eq!(hay.ids(&["piste Tanger-Oran"]), Vec::<String>::new());
}

#[test]
fn parentheses_group() {
    let hay = ports_hay();
    assert_eq!(hay.ids(&["(Oran OR aéroport) Tanger"]), ["tanger-airport.txt"]);
    assert_eq!(hay.ids(&["(Oran OR aéroport) recrute"]), ["oran-port.txt"]);
    assert_eq!(
        sorted(hay.ids(&["Tanger (dockers OR piste)"])),
        ["tanger-airport.txt", "tanger-port.txt"]
    );
    assert_eq!(
        hay.ids(&["Tanger NOT (dockers OR grutiers)"]),
        ["tanger-airport.txt"]
    );
    assert_eq!(
        hay.ids(&["((dockers OR grutiers) NOT (Oran))"]),
        ["tanger-port.txt"]
    );
    // Without the group, OR binds looser than the implicit AND.
    assert_eq!(
        sorted(hay.ids(&["Oran OR aéroport Tanger"])),
        ["oran-port.txt", "tanger-airport.txt"]
    );
    assert_eq!(sorted(hay.ids(&["Oran OR aéroport recrute"])), ["oran-port.txt"]);
}

/// Articles with a source header line, and a word in only one field.
fn fields_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/matin.txt",
        &format!(
            "L'ANAPEC recrute à Tanger\nSource : Le Matin\n\n\
             Les agents de l'agence reçoivent les candidats lundi.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/fr/hespress.txt",
        &format!(
            "Les conseillers en grève\nSource : Hespress\n\n\
             L'ANAPEC confirme le mouvement de grève des conseillers.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/ar/shorouk.txt",
        &format!(
            "إضراب أعوان الوكالة\nالمصدر: الشروق\n\nأكدت الوكالة إضراب الأعوان في ولاية وهران.\n\n{AR_FILLER}\n"
        ),
    );
    hay.index();
    hay
}

#[test]
fn title_and_body_fields() {
    let hay = fields_hay();
    // ANAPEC: in one title and in the other body; unrestricted, the title
    // match ranks first.
    assert_eq!(hay.ids(&["ANAPEC"]), ["fr/matin.txt", "fr/hespress.txt"]);
    assert_eq!(hay.ids(&["title:ANAPEC"]), ["fr/matin.txt"]);
    assert_eq!(hay.ids(&["body:ANAPEC"]), ["fr/hespress.txt"]);
    // A field word is stemmed: "conseiller" finds the title's "conseillers".
    assert_eq!(hay.ids(&["title:conseiller"]), ["fr/hespress.txt"]);
    hay.search(&["body:recrute"]).assert_code(1);
    // Phrases in a field.
    assert_eq!(hay.ids(&["title:\"ANAPEC recrute\""]), ["fr/matin.txt"]);
    hay.search(&["body:\"ANAPEC recrute\""]).assert_code(1);
    // Fields combine with other words and exclusions.
    assert_eq!(hay.ids(&["title:grève ANAPEC"]), ["fr/hespress.txt"]);
    assert_eq!(hay.ids(&["ANAPEC -title:grève"]), ["fr/matin.txt"]);
    assert_eq!(hay.ids(&["title:الوكالة"]), ["ar/shorouk.txt"]);
}

#[test]
fn source_field_matches_the_publisher_of_the_header_line() {
    let hay = fields_hay();
    assert_eq!(hay.ids(&["source:Matin"]), ["fr/matin.txt"]);
    assert_eq!(hay.ids(&["source:matin"]), ["fr/matin.txt"]);
    assert_eq!(hay.ids(&["source:\"Le Matin\""]), ["fr/matin.txt"]);
    assert_eq!(hay.ids(&["source:Hespress"]), ["fr/hespress.txt"]);
    assert_eq!(hay.ids(&["source:الشروق"]), ["ar/shorouk.txt"]);
    assert_eq!(hay.ids(&["source:Matin candidats"]), ["fr/matin.txt"]);
    // The header line is metadata: not in the title or body fields.
    hay.search(&["Matin"]).assert_code(1);
    hay.search(&["Hespress"]).assert_code(1);
    // And words of the body are not in the source.
    hay.search(&["source:ANAPEC"]).assert_code(1);
}

#[test]
fn prefix_matches_word_beginnings() {
    let hay = Hay::new();
    hay.write(
        "corpus/emploi.txt",
        &fr_article("Le marché", "Le marché de l'emploi se redresse."),
    )
    .write(
        "corpus/emplois.txt",
        &fr_article("Les saisons", "Les emplois saisonniers reviennent."),
    )
    .write(
        "corpus/employeurs.txt",
        &fr_article("Le patronat", "Les employeurs signent la convention."),
    )
    .write(
        "corpus/remploi.txt",
        &fr_article("Les meubles", "Le remploi des meubles progresse."),
    );
    hay.index();
    let all = ["emploi.txt", "emplois.txt", "employeurs.txt"];
    assert_eq!(sorted(hay.ids(&["emplo*"])), all);
    assert_eq!(sorted(hay.ids(&["EMPLO*"])), all);
    assert_eq!(sorted(hay.ids(&["emploi*"])), ["emploi.txt", "emplois.txt"]);
    assert_eq!(hay.ids(&["employ*"]), ["employeurs.txt"]);
    assert_eq!(hay.ids(&["remp*"]), ["remploi.txt"]);
    hay.search(&["emplz*"]).assert_code(1);
    // Without the star: the word itself (and its stem), not its extensions.
    hay.search(&["emplo"]).assert_code(1);
}

#[test]
fn fuzzy_words_within_the_given_distance() {
    let hay = Hay::new();
    hay.write(
        "corpus/anapec.txt",
        &fr_article(
            "L'ANAPEC signe avec les hôteliers",
            "L'ANAPEC signe des conventions avec les hôteliers de Tanger.",
        ),
    )
    .write(
        "corpus/other.txt",
        &fr_article("Une autre agence", "Le bureau régional ouvre ses portes."),
    );
    hay.index();
    // anapek → anapec: one substitution.
    assert_eq!(hay.ids(&["anapek~1"]), ["anapec.txt"]);
    assert_eq!(hay.ids(&["anapek~"]), ["anapec.txt"]);
    assert_eq!(hay.ids(&["anapek~2"]), ["anapec.txt"]);
    hay.search(&["anapek~0"]).assert_code(1);
    hay.search(&["anapek"]).assert_code(1);
    // ~0 is the word itself.
    assert_eq!(hay.ids(&["anapec~0"]), ["anapec.txt"]);
    // anapk → anapec: two edits.
    hay.search(&["anapk~1"]).assert_code(1);
    assert_eq!(hay.ids(&["anapk~2"]), ["anapec.txt"]);
    // A transposition is one edit.
    assert_eq!(hay.ids(&["aanpec~1"]), ["anapec.txt"]);
}

#[test]
fn pasted_headline_with_colons_and_parentheses_is_words() {
    let hay = Hay::new();
    hay.write(
        "corpus/anem.txt",
        &fr_article(
            "Emploi : l'ANEM (Algérie) recrute des conseillers",
            "L'agence nationale annonce un concours de recrutement à Alger.",
        ),
    )
    .write(
        "corpus/other.txt",
        &fr_article(
            "Emploi : l'ANEM (Algérie) publie son bilan",
            "L'agence nationale présente ses chiffres à Alger.",
        ),
    );
    hay.index();
    assert_eq!(hay.ids(&["Emploi : l'ANEM (Algérie) recrute"]), ["anem.txt"]);
    assert_eq!(hay.ids(&["Emploi: l'ANEM (Algérie) recrute"]), ["anem.txt"]);
    assert_eq!(
        hay.ids(&["Emploi : l’ANEM (Algérie) recrute des conseillers"]),
        ["anem.txt"]
    );
}

#[test]
fn syntax_errors_are_one_line_with_a_column() {
    let hay = phrase_hay();
    for (query, message) in [
        ("\"emplois des jeunes", "unclosed quote at column 1"),
        ("emplois \"des jeunes", "unclosed quote at column 9"),
        ("«emplois des jeunes", "unclosed quote at column 1"),
        ("emplois (jeunes", "unclosed parenthesis at column 9"),
        ("emplois )", "unmatched closing parenthesis at column 9"),
        ("emplois jeunes)", "unmatched closing parenthesis at column 15"),
        ("OR emplois", "OR needs something before it at column 1"),
        ("(emplois OR) jeunes", "OR needs something after it at column 12"),
        ("emplois NOT", "NOT needs something after it at column 9"),
        (
            "anapek~5",
            "fuzzy distance must be 0, 1 or 2, not \"5\" at column 1",
        ),
        (
            "emplois anapek~5",
            "fuzzy distance must be 0, 1 or 2, not \"5\" at column 9",
        ),
        ("*", "a prefix needs at least one letter before * at column 1"),
        ("title:", "nothing after title: at column 7"),
        // Columns count characters, not bytes.
        ("تشغيل \"بالمغرب", "unclosed quote at column 7"),
    ] {
        let out = hay.search(&[query]);
        out.assert_code(2);
        assert_eq!(
            out.one_error_line(),
            format!("fihris: error: invalid query: {message}"),
            "query {query:?}"
        );
        assert!(out.stdout.is_empty(), "query {query:?}: {}", out.stdout);
    }
}

#[test]
fn or_at_the_end_is_reported_past_the_end() {
    // The parser's own unit test (query::tests::errors_say_where) expects
    // column 10 for "emploi OR", the column after the query, where the
    // missing word would go.
    let hay = phrase_hay();
    let out = hay.search(&["emplois OR"]);
    out.assert_code(2);
    assert_eq!(
        out.one_error_line(),
        "fihris: error: invalid query: OR needs something after it at column 11"
    );
}

#[test]
fn minus_before_a_group_excludes_it_or_is_an_error() {
    let hay = ports_hay();
    // "-" then "(" is lexed as a word "-" that analyses to nothing: the
    // query becomes "port (Oran)", the opposite of what was typed. The
    // parser promises that syntax it cannot read is reported, never
    // silently dropped; either reading is acceptable, not the inversion.
    let out = hay.search(&["--json", "port -(Oran OR grutiers)"]);
    if out.code == 2 {
        out.one_error_line();
    } else {
        out.assert_code(0);
        assert_eq!(ids(&out.json()), ["tanger-port.txt"]);
    }
}

#[test]
fn stopwords_only_with_any_find_nothing() {
    let hay = variants_hay();
    for query in ["le la des", "les", "في على", "de l'"] {
        let out = hay.search(&["--any", query]);
        out.assert_code(1);
        assert_eq!(out.stdout, "0 matching articles\n", "query {query}");
        assert!(out.stderr.is_empty(), "query {query}: {}", out.stderr);
    }
    // With --any, stopwords beside a real word do not add hits.
    assert_eq!(hay.ids(&["--any", "les emplois"]), ["fr/emploi.txt"]);
}

#[test]
fn any_ranks_articles_with_more_words_first() {
    let hay = Hay::new();
    // Same length; the stemmed query words "emplois saisonniers Agadir"
    // match three, two, one and none of the words of these.
    hay.write(
        "corpus/three.txt",
        &fr_article(
            "Saison estivale",
            "Les emplois saisonniers reviennent à Agadir cet été.",
        ),
    )
    .write(
        "corpus/two.txt",
        &fr_article(
            "Saison estivale",
            "L'emploi saisonnier revient à Tétouan cet été.",
        ),
    )
    .write(
        "corpus/one.txt",
        &fr_article(
            "Saison estivale",
            "Les postes saisonniers reviennent à Tétouan cet été.",
        ),
    )
    .write(
        "corpus/none.txt",
        &fr_article(
            "Saison estivale",
            "Les postes permanents reviennent à Tétouan cet été.",
        ),
    );
    hay.index();
    let query = "emplois saisonniers Agadir";
    assert_eq!(hay.ids(&[query]), ["three.txt"]);
    let any = scores(&hay, &["--any", query]);
    let got: Vec<&str> = any.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(got, ["three.txt", "two.txt", "one.txt"]);
    assert!(any[0].1 > any[1].1 && any[1].1 > any[2].1, "{any:?}");
}

#[test]
fn stemmer_none_matches_exact_forms_only() {
    let hay = variants_hay();
    let out = hay.run(&["--index", "idx-none", "index", "--stemmer", "none", "corpus"]);
    out.assert_code(0);
    // Where stems decide what matches (--broad)...
    let none = |query: &str| {
        let out = hay.run(&["--index", "idx-none", "search", "--broad", "--json", query]);
        ids(&out.json())
    };
    // ...the default index stems...
    assert_eq!(hay.ids(&["--broad", "emplois"]), ["fr/emploi.txt"]);
    assert_eq!(hay.ids(&["--broad", "nationaux"]), ["fr/national.txt"]);
    assert_eq!(hay.ids(&["--broad", "المغرب"]), ["ar/bi.txt"]);
    // ...the unstemmed one does not.
    assert!(none("emplois").is_empty());
    assert!(none("nationaux").is_empty());
    assert!(none("المغرب").is_empty());
    assert!(none("التشغيل").is_empty());
    // Exact forms (normalized) are still found.
    assert_eq!(none("emploi"), ["fr/emploi.txt"]);
    assert_eq!(none("EMPLOI"), ["fr/emploi.txt"]);
    assert_eq!(none("بالمغرب"), ["ar/bi.txt"]);
    hay.run(&["--index", "idx-none", "search", "--broad", "emplois"])
        .assert_code(1);
    // Without --broad a word matches its inflections whatever the stemmer.
    let precise = |query: &str| {
        let out = hay.run(&["--index", "idx-none", "search", "--json", query]);
        ids(&out.json())
    };
    assert_eq!(precise("emplois"), ["fr/emploi.txt"]);
    assert_eq!(precise("nationaux"), ["fr/national.txt"]);
    assert_eq!(precise("المغرب"), ["ar/bi.txt"]);
}

#[test]
fn unknown_stemmer_is_a_usage_error() {
    let hay = variants_hay();
    let out = hay.run(&["--index", "idx-other", "index", "--stemmer", "porter", "corpus"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("porter"), "{line}");
    assert!(line.contains("--stemmer"), "{line}");
    assert!(line.contains("light-exceptions"), "lists the choices: {line}");
    assert!(line.ends_with("(see fihris --help)"), "{line}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(!hay.join("idx-other").exists(), "no index created");
}
