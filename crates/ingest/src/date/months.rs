//! The month tables: French names and press abbreviations, the Arabic
//! names of the four systems of languages.md with their spelling variants,
//! English and German names (pages of English editions and of other
//! outlets carry them), folded once into a sorted index; lookups by one
//! word, two words or an abbreviation, and [`month_from_name`]. English
//! names may also open a date ("December 5, 2020": [`lookup_month_first`]).

use std::sync::OnceLock;

use super::tokens::{fold_name, is_ignorable};

/// French month names, from languages.md ("Dates in article text"), in month
/// order (index + 1 = month). Matched case- and accent-insensitively.
const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Usual French press abbreviations (not in languages.md; AFP/Le Monde style),
/// sorted by month. Only matched with their final dot ("12 sept. 2019"), since
/// "sept" alone is also the number seven.
const FRENCH_ABBREVIATIONS: [(&str, u8); 9] = [
    ("janv", 1),
    ("fév", 2),
    ("févr", 2),
    ("avr", 4),
    ("juil", 7),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("déc", 12),
];

/// English month names, in month order. Also the only names a date may open
/// with ("March 12, 2019").
const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English abbreviations, with or without their dot ("Dec. 5, 2020", "5 Dec
/// 2020"): none of them is a French or English word that stands between a
/// day and a year ("sept", the French seven, only with its dot, as a French
/// abbreviation).
const ENGLISH_ABBREVIATIONS: [(&str, u8); 11] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// German month names, in month order (the others are written as in
/// English or French: "April", "August", "Mai").
const GERMAN_MONTHS: [(&str, u8); 8] = [
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
];

/// Arabic month names, Egyptian/Gulf system, from languages.md ("Dates in
/// article text"), in month order (index + 1 = month), with the spelling
/// variants of the table. Written as in the press: matching folds hamza forms
/// of alef, ى/ي, ة/ه, harakat and tatweel, so "ابريل" matches "أبريل" too.
const ARABIC_EGYPT_GULF: [&[&str]; 12] = [
    &["يناير"],
    &["فبراير"],
    &["مارس"],
    &["أبريل", "إبريل"],
    &["مايو"],
    &["يونيو", "يونيه"],
    &["يوليو", "يوليه"],
    &["أغسطس"],
    &["سبتمبر"],
    &["أكتوبر"],
    &["نوفمبر"],
    &["ديسمبر"],
];

/// Arabic month names, Algeria/Tunisia system (French-derived), from
/// languages.md, in month order (index + 1 = month).
const ARABIC_ALGERIA_TUNISIA: [&[&str]; 12] = [
    &["جانفي"],
    &["فيفري"],
    &["مارس"],
    &["أفريل"],
    &["ماي"],
    &["جوان"],
    &["جويلية"],
    &["أوت"],
    &["سبتمبر"],
    &["أكتوبر"],
    &["نوفمبر"],
    &["ديسمبر"],
];

/// Arabic month names, Morocco system, from languages.md, in month order
/// (index + 1 = month).
const ARABIC_MOROCCO: [&[&str]; 12] = [
    &["يناير"],
    &["فبراير"],
    &["مارس"],
    &["أبريل"],
    &["ماي"],
    &["يونيو"],
    &["يوليوز"],
    &["غشت"],
    &["شتنبر"],
    &["أكتوبر"],
    &["نونبر"],
    &["دجنبر"],
];

/// Arabic month names, Levant (Syriac) system, from languages.md, in month
/// order (index + 1 = month). The two-word names are also written without the
/// article in Syrian and Iraqi press ("كانون ثاني"); "آب" is often typed "أب".
const ARABIC_LEVANT: [&[&str]; 12] = [
    &["كانون الثاني", "كانون ثاني"],
    &["شباط"],
    &["آذار"],
    &["نيسان"],
    &["أيار"],
    &["حزيران"],
    &["تموز"],
    &["آب"],
    &["أيلول"],
    &["تشرين الأول", "تشرين أول"],
    &["تشرين الثاني", "تشرين ثاني"],
    &["كانون الأول", "كانون أول"],
];

/// The month tables folded for lookup, sorted by key.
struct MonthIndex {
    /// Full names; two-word names as "word word".
    names: Vec<(String, u8)>,
    /// French abbreviations (without their dot).
    abbreviations: Vec<(String, u8)>,
    /// English names and abbreviations (without a dot): also matched
    /// without a dot, and they may open a date.
    english: Vec<(String, u8)>,
}

fn month_index() -> &'static MonthIndex {
    static INDEX: OnceLock<MonthIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut names: Vec<(String, u8)> = Vec::new();
        for (month, name) in (1u8..).zip(FRENCH_MONTHS) {
            names.push((fold_name(name), month));
        }
        for (month, name) in (1u8..).zip(ENGLISH_MONTHS) {
            names.push((fold_name(name), month));
        }
        for (name, month) in GERMAN_MONTHS {
            names.push((fold_name(name), month));
        }
        for system in [
            &ARABIC_EGYPT_GULF,
            &ARABIC_ALGERIA_TUNISIA,
            &ARABIC_MOROCCO,
            &ARABIC_LEVANT,
        ] {
            for (month, variants) in (1u8..).zip(system.iter()) {
                for name in variants.iter() {
                    names.push((fold_name(name), month));
                }
            }
        }
        names.sort();
        names.dedup();
        let mut abbreviations: Vec<(String, u8)> = FRENCH_ABBREVIATIONS
            .iter()
            .map(|&(name, month)| (fold_name(name), month))
            .collect();
        abbreviations.sort();
        abbreviations.dedup();
        let mut english: Vec<(String, u8)> = (1u8..)
            .zip(ENGLISH_MONTHS)
            .map(|(month, name)| (fold_name(name), month))
            .chain(
                ENGLISH_ABBREVIATIONS
                    .iter()
                    .map(|&(name, month)| (fold_name(name), month)),
            )
            .collect();
        english.sort();
        english.dedup();
        MonthIndex {
            names,
            abbreviations,
            english,
        }
    })
}

fn lookup(table: &[(String, u8)], key: &str) -> Option<u8> {
    table
        .binary_search_by(|(name, _)| name.as_str().cmp(key))
        .ok()
        .and_then(|i| table.get(i))
        .map(|&(_, month)| month)
}

/// Month of a folded one-word name.
pub(super) fn lookup_word(word: &str) -> Option<u8> {
    lookup(&month_index().names, word)
}

/// Month of a folded two-word name (Levant).
pub(super) fn lookup_pair(first: &str, second: &str) -> Option<u8> {
    lookup(&month_index().names, &format!("{first} {second}"))
}

/// Month of a folded French abbreviation (without its dot).
pub(super) fn lookup_abbreviation(word: &str) -> Option<u8> {
    lookup(&month_index().abbreviations, word)
}

/// Month of a folded English abbreviation, dot or not ("dec", "sep").
pub(super) fn lookup_english_abbreviation(word: &str) -> Option<u8> {
    ENGLISH_ABBREVIATIONS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, month)| month)
}

/// Month of a folded English name or abbreviation that may open a date
/// ("december", "dec").
pub(super) fn lookup_month_first(word: &str) -> Option<u8> {
    lookup(&month_index().english, word)
}

/// Month number (1-12) for a French or Arabic month name token (any system/variant above, case- and accent-insensitive for French); None otherwise. Two-word Levant names accepted as a single string with one space ("كانون الثاني").
///
/// Surrounding whitespace is ignored; French abbreviations need their dot
/// ("sept." is 9, "sept" is None).
pub fn month_from_name(name: &str) -> Option<u8> {
    let name = name.trim();
    let (body, dotted) = match name.strip_suffix('.') {
        Some(body) => (body, true),
        None => (name, false),
    };
    let mut words: Vec<String> = Vec::new();
    for part in body.split_whitespace() {
        if !part.chars().all(|c| is_ignorable(c) || c.is_alphabetic()) {
            return None;
        }
        let word = fold_name(part);
        if word.is_empty() {
            return None;
        }
        words.push(word);
    }
    match (words.as_slice(), dotted) {
        ([word], false) => lookup_word(word),
        ([word], true) => lookup_abbreviation(word).or_else(|| lookup_word(word)),
        ([first, second], false) => lookup_pair(first, second),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_names::*;
    use super::*;

    // --- month_from_name ----------------------------------------------------

    #[test]
    fn month_from_name_every_french_name() {
        for &(name, month) in FRENCH_NAMES {
            assert_eq!(month_from_name(name), Some(month), "{name}");
        }
    }

    #[test]
    fn month_from_name_every_arabic_name_of_every_system() {
        for system in ARABIC_SYSTEMS {
            assert_eq!(
                system.iter().map(|&(_, m)| m).max(),
                Some(12),
                "a system lost months"
            );
            for &(name, month) in system {
                assert_eq!(month_from_name(name), Some(month), "{name}");
            }
        }
    }

    #[test]
    fn month_from_name_every_system_covers_all_twelve_months() {
        for system in ARABIC_SYSTEMS {
            let mut seen = [false; 12];
            for &(_, month) in system {
                seen[usize::from(month - 1)] = true;
            }
            assert!(seen.iter().all(|&s| s), "{system:?}");
        }
    }

    #[test]
    fn month_from_name_every_table_entry_round_trips() {
        // Guards against typos in the tables that would make an entry unmatchable.
        for (month, name) in (1u8..).zip(FRENCH_MONTHS) {
            assert_eq!(month_from_name(name), Some(month), "{name}");
            assert_eq!(month_from_name(&name.to_uppercase()), Some(month), "{name}");
        }
        for &(name, month) in &FRENCH_ABBREVIATIONS {
            assert_eq!(month_from_name(&format!("{name}.")), Some(month), "{name}");
        }
        for system in [
            &ARABIC_EGYPT_GULF,
            &ARABIC_ALGERIA_TUNISIA,
            &ARABIC_MOROCCO,
            &ARABIC_LEVANT,
        ] {
            for (month, variants) in (1u8..).zip(system.iter()) {
                for name in variants.iter() {
                    assert_eq!(month_from_name(name), Some(month), "{name}");
                }
            }
        }
    }

    #[test]
    fn month_from_name_tolerates_harakat_tatweel_and_spacing() {
        assert_eq!(month_from_name("مَارِس"), Some(3));
        assert_eq!(month_from_name("مـارس"), Some(3));
        assert_eq!(month_from_name("  كانون   الثاني "), Some(1));
        assert_eq!(month_from_name("\u{200F}مارس\u{200F}"), Some(3));
        assert_eq!(month_from_name("یونیو"), Some(6)); // Persian yeh
        assert_eq!(month_from_name("mars."), Some(3));
    }

    #[test]
    fn month_from_name_abbreviations_need_their_dot() {
        assert_eq!(month_from_name("sept."), Some(9));
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("févr."), Some(2));
        assert_eq!(month_from_name("dec."), Some(12));
        assert_eq!(month_from_name("janv."), Some(1));
        assert_eq!(month_from_name("sept"), None);
        assert_eq!(month_from_name("oct"), None);
    }

    #[test]
    fn month_from_name_rejects_non_months() {
        let cases = [
            "",
            " ",
            ".",
            "maison",
            "mardi",
            "hier",
            "ممارسة",
            "مايوه",
            "كانون",
            "تشرين",
            "الثاني",
            "كانون الثالث",
            "تشرين الأول الثاني",
            "mars 2019",
            "12 mars",
            "mars2019",
            "marching",
            "mayo",
            "janvier.x",
            "\u{301}",
            "أمس",
        ];
        for case in cases {
            assert_eq!(month_from_name(case), None, "{case:?}");
        }
    }

    #[test]
    fn month_from_name_english_and_german() {
        for (name, month) in [
            ("March", 3),
            ("may", 5),
            ("December", 12),
            ("März", 3),
            ("Dezember", 12),
        ] {
            assert_eq!(month_from_name(name), Some(month), "{name}");
        }
    }
}
