//! The inflected forms of a French word: what a search for it matches.
//!
//! A search must find the word, not its look-alikes: `formation` finds
//! "formations" but not "forme" or "former", `retraite` finds "retraites"
//! but not "retrait", `marché` finds "marchés" but not "marche". A stemmer
//! cannot promise that (Savoy's and Lucene's light stemmers give `form` for
//! both formation and forme's family, `march` for marché and marche), so
//! matching does not stem: the query word is taken back to its masculine
//! singular (one or a few candidates) and every inflection of those is
//! generated; the index is asked for exactly those written forms.
//!
//! Inflection here is number and the gender of adjectives and of nouns of
//! persons, by the regular endings: plural -s, -x after -au/-eu/-ou, -al →
//! -aux, -ail → -aux; feminine -é → -ée, -al → -ale, -el → -elle (not
//! after p: appel → appelle is a verb), -en →
//! -enne, -if → -ive, -eur → -euse, -teur → -trice, -eux → -euse, -er →
//! -ère, -ais → -aise, -ois → -oise, -ain → -aine, -an → -ane, -ant →
//! -ante, -ent → -ente (not -ment), -ic → -ique, -at → -ate (candidat,
//! avocat), -deur → -drice (ambassadeur). English
//! words in -ch and -sh also take -es (matchs and matches). Derived words (ministre/ministère,
//! emploi/employer) are never forms of each other.
//!
//! Some endings are only followed one way. -ée is not taken back to -é:
//! "armée" (army) is not a form of "armé" (armed), nor "rentrée" of
//! "rentré". -te, -ie, -ue, -ine, -de are not gender endings here at all:
//! "retraite" is not the feminine of "retrait", "partie" of "parti",
//! "porte" of "port", "revue" of "revu", "marine" of "marin". A few
//! adjectives are missed that way (petite, élue); no look-alike comes in.
//! Short words keep their endings (mer/mère, vent/vente, mois, mais), and
//! no generated form is a stopword ("mai" does not give "mais").
//!
//! Words are lowercase, as the analyzers leave them. An ASCII word (the
//! user typed no accent) is inflected in accent-folded spelling, to be
//! looked up among accent-folded words ("marche" finds marché and marche);
//! a word with accents keeps them ("marché" finds only marché, marchés).

use std::collections::BTreeSet;

use crate::stopwords::StopWords;

/// Gender endings: masculine, feminine, the smallest masculine length (in
/// characters) they apply to, and whether a feminine form is also taken
/// back to its masculine.
const GENDER: &[(&str, &str, usize, bool)] = &[
    ("é", "ée", 3, false),
    ("al", "ale", 4, true),
    ("el", "elle", 4, true),
    ("en", "enne", 4, true),
    ("if", "ive", 4, true),
    ("eux", "euse", 5, true),
    ("teur", "trice", 6, true),
    ("eur", "euse", 5, true),
    ("er", "ère", 4, true),
    ("ais", "aise", 5, true),
    ("ois", "oise", 5, true),
    ("ain", "aine", 5, true),
    ("ant", "ante", 5, true),
    ("ent", "ente", 6, true),
    ("ic", "ique", 5, true),
    ("at", "ate", 5, true),
    ("an", "ane", 5, true),
    ("deur", "drice", 7, true),
];

/// Every form of `word` (itself included), sorted and without repeats.
pub fn french_forms(word: &str) -> Vec<String> {
    let folded = word.is_ascii();
    let stop = StopWords::french();
    let mut bases: BTreeSet<String> = BTreeSet::new();
    for singular in singulars(word) {
        bases.extend(masculines(&singular, folded));
        bases.insert(singular);
    }
    let mut forms: BTreeSet<String> = BTreeSet::from([word.to_string()]);
    for base in &bases {
        for g in std::iter::once(base.clone()).chain(feminines(base, folded)) {
            for form in plurals(&g).into_iter().chain([g]) {
                if !stop.contains(&form) {
                    forms.insert(form);
                }
            }
        }
    }
    forms.into_iter().collect()
}

fn chars(word: &str) -> usize {
    word.chars().count()
}

/// A rule's ending in the spelling of the word: accent-folded for an ASCII
/// word.
fn spelled(ending: &str, folded: bool) -> String {
    if !folded {
        return ending.to_string();
    }
    ending
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            other => other,
        })
        .collect()
}

/// The word, and the singulars it may be the plural of.
fn singulars(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let n = chars(word);
    if let Some(stem) = word.strip_suffix("aux") {
        if n >= 5 {
            out.push(format!("{stem}al"));
            out.push(format!("{stem}ail"));
        }
    }
    for ending in ["eaux", "eux", "aux", "oux"] {
        if word.ends_with(ending) && n > ending.len() {
            out.push(word[..word.len() - 1].to_string());
            break;
        }
    }
    if let Some(stem) = word.strip_suffix('s') {
        if n >= 4 && !stem.ends_with('s') {
            out.push(stem.to_string());
        }
    }
    out
}

/// The masculines a (singular) word may be the feminine of.
fn masculines(word: &str, folded: bool) -> Vec<String> {
    let mut out = Vec::new();
    for &(masc, fem, min, back) in GENDER {
        if !back {
            continue;
        }
        let (masc, fem) = (spelled(masc, folded), spelled(fem, folded));
        if let Some(stem) = word.strip_suffix(fem.as_str()) {
            let m = format!("{stem}{masc}");
            if chars(&m) >= min && allowed(&m, &masc) {
                out.push(m);
            }
        }
    }
    out
}

/// The feminines of a masculine singular.
fn feminines(word: &str, folded: bool) -> Vec<String> {
    let mut out = Vec::new();
    for &(masc, fem, min, _) in GENDER {
        let (masc, fem) = (spelled(masc, folded), spelled(fem, folded));
        if let Some(stem) = word.strip_suffix(masc.as_str()) {
            if chars(word) >= min && allowed(word, &masc) {
                out.push(format!("{stem}{fem}"));
            }
        }
    }
    out
}

/// Rules that need more than an ending: -ent is not a gender ending in
/// -ment nouns (gouvernement, moment), nor -el in -pel nouns, whose -pelle
/// is a verb (appel, appelle; rappel, rappelle).
fn allowed(masculine: &str, ending: &str) -> bool {
    let exception = match ending {
        "ent" => masculine.ends_with("ment"),
        "el" => masculine.ends_with("pel"),
        _ => false,
    };
    !exception
}

/// The forms of a singular: itself and its plural(s).
fn plurals(word: &str) -> Vec<String> {
    if word.ends_with(['s', 'x', 'z']) {
        return Vec::new();
    }
    if let Some(stem) = word.strip_suffix("ail") {
        return vec![format!("{stem}aux"), format!("{word}s")];
    }
    if let Some(stem) = word.strip_suffix("al") {
        return vec![format!("{stem}aux"), format!("{word}s")];
    }
    if word.ends_with("au") || word.ends_with("eu") || word.ends_with("ou") {
        return vec![format!("{word}x"), format!("{word}s")];
    }
    if word.ends_with("ch") || word.ends_with("sh") {
        return vec![format!("{word}s"), format!("{word}es")];
    }
    vec![format!("{word}s")]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, form: &str) -> bool {
        french_forms(word).iter().any(|f| f == form)
    }

    /// (query, forms it must match, look-alikes it must not)
    const TABLE: &[(&str, &[&str], &[&str])] = &[
        (
            "marché",
            &["marché", "marchés"],
            &["marche", "marches", "marcher", "marchand"],
        ),
        ("marchés", &["marché", "marchés"], &["marche"]),
        ("marche", &["marche", "marches"], &["march", "marcher"]),
        (
            "formation",
            &["formation", "formations"],
            &["forme", "formes", "former", "formé"],
        ),
        (
            "retraite",
            &["retraite", "retraites"],
            &["retrait", "retraits", "retraité"],
        ),
        ("retrait", &["retrait", "retraits"], &["retraite"]),
        (
            "national",
            &["national", "nationale", "nationaux", "nationales", "nationals"],
            &["nation"],
        ),
        ("nationaux", &["national", "nationale", "nationales"], &[]),
        ("nationale", &["national", "nationaux"], &[]),
        ("étudiante", &["étudiant", "étudiants", "étudiantes"], &["étude"]),
        (
            "employé",
            &["employés", "employée", "employées"],
            &["employer", "emploi"],
        ),
        (
            "directeur",
            &["directrice", "directeurs", "directrices"],
            &["direction"],
        ),
        ("chômeur", &["chômeuse", "chômeurs"], &["chômage"]),
        (
            "européen",
            &["européenne", "européens", "européennes"],
            &["europe"],
        ),
        ("officiel", &["officielle", "officiels"], &[]),
        ("appel", &["appels"], &["appelle"]),
        ("public", &["publique", "publics", "publiques"], &[]),
        ("travaux", &["travail", "travaux"], &[]),
        ("travail", &["travaux"], &["travaille", "travailler"]),
        ("bureau", &["bureaux"], &[]),
        ("premier", &["premiere", "premiers", "premieres"], &[]),
        ("première", &["premier", "premiers", "premières"], &["premiere"]),
        ("président", &["présidente", "présidents"], &["présidence"]),
        ("gouvernement", &["gouvernements"], &["gouvernemente"]),
        ("vent", &["vents"], &["vente", "ventes"]),
        ("vente", &["ventes"], &["vent", "vents"]),
        ("armée", &["armées"], &["armé", "armés"]),
        ("parti", &["partis"], &["partie", "parties"]),
        ("port", &["ports"], &["porte", "portes"]),
        ("prix", &["prix"], &["pris", "pri"]),
        ("mai", &["mai"], &["mais"]),
        ("mer", &["mers"], &["mère"]),
        ("élections", &["élection", "élections"], &["élu"]),
        ("francais", &["francais", "francaise", "francaises"], &[]),
        (
            "candidat",
            &["candidate", "candidates", "candidats"],
            &["candidature"],
        ),
        ("avocate", &["avocat", "avocats"], &[]),
        ("match", &["matchs", "matches"], &["matcher"]),
        (
            "culturel",
            &["culturelle", "culturels", "culturelles"],
            &["culture"],
        ),
        ("musulmane", &["musulman", "musulmans"], &[]),
        ("ambassadeur", &["ambassadrice", "ambassadeurs"], &["ambassade"]),
        ("rappel", &["rappels"], &["rappelle"]),
        ("plan", &["plans"], &["plane"]),
        ("date", &["dates"], &["dat"]),
        (
            "employe",
            &["employe", "employes", "employee", "employees"],
            &["emploi"],
        ),
    ];

    #[test]
    fn table() {
        for (word, yes, no) in TABLE {
            for form in *yes {
                assert!(
                    has(word, form),
                    "{word} should match {form}: {:?}",
                    french_forms(word)
                );
            }
            for form in *no {
                assert!(
                    !has(word, form),
                    "{word} should not match {form}: {:?}",
                    french_forms(word)
                );
            }
        }
    }

    #[test]
    fn forms_include_the_word_and_are_sorted() {
        for (word, _, _) in TABLE {
            let forms = french_forms(word);
            assert!(forms.iter().any(|f| f == word));
            let mut sorted = forms.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(forms, sorted);
        }
    }

    #[test]
    fn ascii_words_stay_ascii() {
        for (word, _, _) in TABLE.iter().filter(|(w, _, _)| w.is_ascii()) {
            assert!(french_forms(word).iter().all(|f| f.is_ascii()), "{word}");
        }
    }
}
