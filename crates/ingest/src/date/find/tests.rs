//! Unit and property tests of the date finder.

use proptest::prelude::*;

use super::super::month_from_name;
use super::super::test_names::*;
use super::*;

// --- find_date: English and German ---------------------------------------

#[test]
fn english_and_german_dates() {
    for (text, want) in [
        ("December 5, 2020", d(2020, 12, 5)),
        ("Posted on Dec. 5, 2020 at 10:12", d(2020, 12, 5)),
        ("Sep 5, 2020", d(2020, 9, 5)),
        ("December 29th 2019", d(2019, 12, 29)),
        ("5 Dec 2020", d(2020, 12, 5)),
        ("5th December 2020", d(2020, 12, 5)),
        ("Updated: 1st March, 2021", d(2021, 3, 1)),
        ("5. Dezember 2020", d(2020, 12, 5)),
        ("Samstag, 19. Juli 2014", d(2014, 7, 19)),
        ("31 März 2021", d(2021, 3, 31)),
    ] {
        assert_eq!(find_date(text), Some(want), "{text}");
    }
    for text in [
        "in March 2019",
        "May 5 at noon",
        "Mar-a-Lago 12 2019",
        "the 5th of the 12 chapters in 2020",
        "March 32, 2020",
        "le 7 sept 2019 personnes",
    ] {
        assert_eq!(find_date(text), None, "{text}");
    }
}

// --- find_date: month names ---------------------------------------------

#[test]
fn find_date_every_french_name() {
    for &(name, month) in FRENCH_NAMES {
        for text in [
            format!("12 {name} 2019"),
            format!("Publié le 12 {name} 2019 à 10h30"),
            format!("lundi 12 {name} 2019"),
        ] {
            assert_eq!(find_date(&text), Some(d(2019, month, 12)), "{text}");
        }
    }
}

#[test]
fn find_date_every_arabic_name_of_every_system() {
    for system in ARABIC_SYSTEMS {
        for &(name, month) in system {
            for text in [
                format!("12 {name} 2019"),
                format!("الثلاثاء 12 {name} 2019"),
                format!("الثلاثاء، 12 {name} 2019م"),
                format!("12 من {name} 2019"),
                format!("نشر في 12 {name}، 2019"),
                to_arabic_indic(&format!("12 {name} 2019")),
                to_extended_digits(&format!("12 {name} 2019")),
            ] {
                assert_eq!(find_date(&text), Some(d(2019, month, 12)), "{text}");
            }
        }
    }
}

#[test]
fn find_date_french_forms() {
    let cases: &[(&str, Date)] = &[
        ("1er juin 2020", d(2020, 6, 1)),
        ("Le 1ER JUIN 2020", d(2020, 6, 1)),
        ("le 1ᵉʳ juin 2020", d(2020, 6, 1)),
        ("01 juin 2020", d(2020, 6, 1)),
        ("lundi 12 mars 2019", d(2019, 3, 12)),
        ("Mis à jour le 3 décembre 2018 à 18h05", d(2018, 12, 3)),
        ("Publié le 12\u{a0}mars\u{a0}2019", d(2019, 3, 12)),
        ("12 mars, 2019", d(2019, 3, 12)),
        ("12-mars-2019", d(2019, 3, 12)),
        ("12 sept. 2019", d(2019, 9, 12)),
        ("5 déc. 2019", d(2019, 12, 5)),
        ("29 février 2020", d(2020, 2, 29)),
        ("Alger, 19 octobre 2018 (APS)", d(2018, 10, 19)),
        ("du 10 au 12 mars 2019", d(2019, 3, 12)),
        ("L’ANEM, 7 avril 2021", d(2021, 4, 7)),
        ("ALGER-12 mars 2019 (APS)", d(2019, 3, 12)),
        ("ALGER - 12 mars 2019", d(2019, 3, 12)),
    ];
    for (text, expected) in cases {
        assert_eq!(find_date(text), Some(*expected), "{text}");
    }
}

#[test]
fn find_date_arabic_forms() {
    let cases: &[(&str, Date)] = &[
        ("١٢ مارس ٢٠١٩", d(2019, 3, 12)),
        ("۱۲ مارس ۲۰۱۹", d(2019, 3, 12)),
        ("الثلاثاء 12 مارس 2019", d(2019, 3, 12)),
        ("12 مارس 2019م", d(2019, 3, 12)),
        ("12 مارس 2019 م", d(2019, 3, 12)),
        ("12 من مارس 2019", d(2019, 3, 12)),
        ("12 مارس/آذار 2019", d(2019, 3, 12)),
        ("12 آذار/مارس 2019", d(2019, 3, 12)),
        ("12 مارس / آذار 2019", d(2019, 3, 12)),
        ("12 آذار (مارس) 2019", d(2019, 3, 12)),
        ("3 كانون الثاني/يناير 2020", d(2020, 1, 3)),
        ("3 يناير/كانون الثاني 2020", d(2020, 1, 3)),
        ("3 تشرين الأول 2020", d(2020, 10, 3)),
        ("3 تشرين الثاني 2020", d(2020, 11, 3)),
        ("25 كانون الأول 2020", d(2020, 12, 25)),
        ("12 مارس عام 2019", d(2019, 3, 12)),
        ("12 مارس سنة 2019", d(2019, 3, 12)),
        ("و12 مارس 2019", d(2019, 3, 12)),
        ("الجزائر-12 مارس 2019", d(2019, 3, 12)),
        ("الـ12 من مارس 2019", d(2019, 3, 12)),
        ("\u{200F}12\u{200F} مارس \u{200F}2019", d(2019, 3, 12)),
        ("12 مـارس 2019", d(2019, 3, 12)),
        ("12مارس2019", d(2019, 3, 12)),
        ("5 ماي 2021", d(2021, 5, 5)),
        ("5 مايو 2021", d(2021, 5, 5)),
        ("5 يونيه 2021", d(2021, 6, 5)),
        ("الرباط 12 يوليوز 2021", d(2021, 7, 12)),
    ];
    for (text, expected) in cases {
        assert_eq!(find_date(text), Some(*expected), "{text}");
    }
}

#[test]
fn find_date_double_month_names_must_agree() {
    assert_eq!(find_date("12 مارس/نيسان 2019"), None);
    assert_eq!(find_date("12 آذار (نيسان) 2019"), None);
    // A slash not followed by a month is not a date either.
    assert_eq!(find_date("12 مارس/ 2019"), None);
}

// --- find_date: numeric forms -------------------------------------------

#[test]
fn find_date_iso_forms() {
    let cases: &[(&str, Date)] = &[
        ("2019-03-12", d(2019, 3, 12)),
        ("2019/03/12", d(2019, 3, 12)),
        ("Date: 2019-03-12T10:30:00+01:00", d(2019, 3, 12)),
        ("publié 2019-03-12 10:30", d(2019, 3, 12)),
        ("2019-3-5", d(2019, 3, 5)),
        ("٢٠١٩/٠٣/١٢", d(2019, 3, 12)),
    ];
    for (text, expected) in cases {
        assert_eq!(find_date(text), Some(*expected), "{text}");
    }
}

#[test]
fn find_date_numeric_day_first() {
    let cases: &[(&str, Date)] = &[
        ("12/03/2019", d(2019, 3, 12)),
        ("12-03-2019", d(2019, 3, 12)),
        ("12.03.2019", d(2019, 3, 12)),
        ("Le 10/04/2021 à 09:15", d(2021, 4, 10)),
        ("3/4/2021", d(2021, 4, 3)),
        ("١٢/٣/٢٠١٩", d(2019, 3, 12)),
        ("12\u{060D}03\u{060D}2019", d(2019, 3, 12)),
        ("10/04/2021-15/04/2021", d(2021, 4, 10)),
        ("Fin: 12.03.2019.", d(2019, 3, 12)),
    ];
    for (text, expected) in cases {
        assert_eq!(find_date(text), Some(*expected), "{text}");
    }
}

#[test]
fn find_date_numeric_rejects_invalid_and_ambiguous() {
    let cases = [
        "31/02/2019",
        "29/02/2019",
        "03/13/2019", // month-first is not supported
        "12/31/2019",
        "12/03/19",
        "12/03-2019",
        "12 03 2019",
        "1.12.03.2019",
        "12.03.2019.1",
        "12-03-2019-04-05",
        "2019-03-12-1",
        "2019-02-29",
        "2019-13-01",
        "0/03/2019",
        "12/03/1700",
    ];
    for case in cases {
        assert_eq!(find_date(case), None, "{case:?}");
    }
}

// --- find_date: what must not be a date ----------------------------------

#[test]
fn find_date_invalid_dates_are_none() {
    let cases = [
        "31 février 2019",
        "29 février 2019",
        "30 fevrier 2020",
        "31 avril 2019",
        "31 نيسان 2019",
        "0 mars 2019",
        "32 mars 2019",
        "12 mars 1799",
        "12 mars 2201",
    ];
    for case in cases {
        assert_eq!(find_date(case), None, "{case:?}");
    }
    assert_eq!(find_date("29 février 2020"), Some(d(2020, 2, 29)));
    assert_eq!(find_date("2020-02-29"), Some(d(2020, 2, 29)));
}

#[test]
fn find_date_relative_and_partial_expressions_are_none() {
    let cases = [
        "hier",
        "avant-hier, jeudi",
        "Publié hier à 10h30",
        "jeudi dernier",
        "lancé en 2017",
        "en 2017",
        "2019",
        "mars 2019",
        "en mars 2019",
        "le 12 mars",
        "lundi 12 mars",
        "le 1er juin",
        "أمس",
        "أول أمس الاثنين",
        "في عام 2017",
        "مارس 2019",
        "12 مارس",
        "الثلاثاء 12 مارس",
        "à 10h30",
        "10:30",
    ];
    for case in cases {
        assert_eq!(find_date(case), None, "{case:?}");
    }
}

#[test]
fn find_date_needs_whole_words_and_numbers() {
    let cases = [
        "maison 2019",
        "12 maison 2019",
        "12 maisons 2019",
        "12 mais 2019",
        "12 marsupial 2019",
        "ممارسة 12 2019",
        "12 ممارسة 2019",
        "12 مايوه 2019",
        "12 كانون 2019",
        "12 تشرين 2019",
        "112 mars 2019",
        "12 mars 20190",
        "12 mars 201",
        "3.12 mars 2019",
        "10:12 mars 2019",
        "G20 mars 2020",
        "12 mars 2019,5",
        "12 sept 2019",
        "12 mars-avril 2019",
    ];
    for case in cases {
        assert_eq!(find_date(case), None, "{case:?}");
    }
}

#[test]
fn find_date_rejects_hijri_years() {
    assert_eq!(find_date("12 رجب 1440 هـ"), None);
    assert_eq!(find_date("12 مارس 1440هـ"), None);
    assert_eq!(find_date("12 مارس 1900 هـ"), None);
    assert_eq!(find_date("12 مارس 1900 هجرية"), None);
    assert_eq!(find_date("12 مارس 1900 م"), Some(d(1900, 3, 12)));
}

// --- find_date: several dates -------------------------------------------

#[test]
fn find_date_first_date_wins() {
    let cases: &[(&str, Date)] = &[
        (
            "Publié le 12 mars 2019, mis à jour le 13 mars 2019",
            d(2019, 3, 12),
        ),
        ("13/03/2019 — 12 mars 2019", d(2019, 3, 13)),
        ("12 mars 2019 — 2019-03-13", d(2019, 3, 12)),
        ("نشر في 5 أبريل 2021 وحدث في 1 يناير 2020", d(2021, 4, 5)),
        ("lancé en 2017, publié le 5 mai 2021", d(2021, 5, 5)),
        ("hier, le 4 mai 2021", d(2021, 5, 4)),
        // An invalid candidate is skipped, the next valid one is found.
        ("31 février 2019 puis 1er mars 2019", d(2019, 3, 1)),
        ("2019-02-29 / 2020-02-29", d(2020, 2, 29)),
        ("maison 12 2019, 7 juillet 2019", d(2019, 7, 7)),
    ];
    for (text, expected) in cases {
        assert_eq!(find_date(text), Some(*expected), "{text}");
    }
}

// --- robustness ----------------------------------------------------------

const MIXED: &str = "Publié le 1er juin 2020 à 10h30 — الثلاثاء، ١٢ مارس/آذار ٢٠١٩م \
    12 من كانون الثاني 2020 · 31/02/2019 · 2019-02-29T10:00:00+01:00 · fe\u{301}vrier \
    \u{200F}مـَارِس\u{200F} ۱۲.۰۳.۲۰۱۹ ﻣﺎﺭﺱ 𝟙𝟚 👍🏽 e\u{301}\u{301} ٍّ 1ᵉʳ sept. İ ß \u{0}\u{FEFF}";

fn char_boundaries(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

#[test]
fn no_panic_on_every_substring_of_a_mixed_text() {
    let bounds = char_boundaries(MIXED);
    let mut found = 0usize;
    for (a, &start) in bounds.iter().enumerate() {
        for &end in &bounds[a..] {
            let piece = &MIXED[start..end];
            if let Some(date) = find_date(piece) {
                assert!(Date::new(date.year(), date.month(), date.day()).is_some());
                found += 1;
            }
            let _ = Date::parse_iso(piece);
            let _ = piece.parse::<Date>();
            if end - start <= 40 {
                let _ = month_from_name(piece);
            }
        }
    }
    assert!(found > 0);
    assert_eq!(find_date(MIXED), Some(d(2020, 6, 1)));
}

#[test]
fn huge_numbers_do_not_overflow() {
    let text = format!("{} mars {}", "9".repeat(100), "9".repeat(100));
    assert_eq!(find_date(&text), None);
    assert_eq!(Date::parse_iso(&"9".repeat(100)), None);
    assert_eq!(find_date("99999999999999999999/03/2019"), None);
}

/// Characters that make dates and near-dates: digits of every system,
/// separators, month names' letters, marks, invisible and odd characters.
const POOL: &str =
    "0129٠١٢٩۰۲/-.:,، \u{a0}\n()TZ+marsée\u{301}مارسنكوهـَ\u{200F}\u{200B}ﻣ𝟙👍\u{0}\u{FFFF}İß\u{10FFFF}؍";

fn pool_text() -> impl Strategy<Value = String> {
    let pool: Vec<char> = POOL.chars().collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..48).prop_map(|c| c.into_iter().collect())
}

/// A found date is a valid calendar date that prints and parses back.
fn check_found(text: &str) -> Result<(), TestCaseError> {
    if let Some(date) = find_date(text) {
        prop_assert_eq!(Date::new(date.year(), date.month(), date.day()), Some(date));
        prop_assert_eq!(Date::parse_iso(&date.to_string()), Some(date));
    }
    if let Some(date) = Date::parse_iso(text) {
        prop_assert_eq!(Date::new(date.year(), date.month(), date.day()), Some(date));
    }
    let _ = month_from_name(text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Never panics, on text made of the characters of dates.
    #[test]
    fn dates_found_in_date_like_text_are_valid(text in pool_text()) {
        check_found(&text)?;
    }

    /// Never panics, on any text.
    #[test]
    fn dates_found_in_any_text_are_valid(text in any::<String>()) {
        check_found(&text)?;
    }

    /// A valid date written "day month year" in French, with any text
    /// around it that ends and starts with a space, is found.
    #[test]
    fn written_dates_are_found(
        year in 1800i32..=2200,
        month in 1u8..=12,
        day in 1u8..=31,
        before in "[a-z ]{0,12}",
        after in "[a-z ]{0,12}",
    ) {
        if let Some(date) = Date::new(year, month, day) {
            let name = FRENCH_NAMES.iter().find(|&&(_, m)| m == month).map_or("", |&(n, _)| n);
            let text = format!("{before} {day} {name} {year} {after}");
            prop_assert_eq!(find_date(&text), Some(date), "{}", text);
            let numeric = format!("{before} {day:02}/{month:02}/{year} {after}");
            prop_assert_eq!(find_date(&numeric), Some(date), "{}", numeric);
        }
    }
}

#[test]
fn numeric_order_unambiguous_refuses_to_guess() {
    let unambiguous = |t: &str| find_date_ordered(t, NumericOrder::Unambiguous);
    assert_eq!(unambiguous("Posted 05/12/2020"), None);
    assert_eq!(unambiguous("05-12-2020"), None);
    assert_eq!(unambiguous("12/25/2020"), Some(d(2020, 12, 25)));
    assert_eq!(unambiguous("25/12/2020"), Some(d(2020, 12, 25)));
    assert_eq!(unambiguous("05/05/2020"), Some(d(2020, 5, 5)));
    // Dots are day-first wherever they are written.
    assert_eq!(unambiguous("05.12.2020"), Some(d(2020, 12, 5)));
    // Other forms are not affected.
    assert_eq!(unambiguous("December 5, 2020"), Some(d(2020, 12, 5)));
    assert_eq!(unambiguous("2020-05-12"), Some(d(2020, 5, 12)));
    assert_eq!(find_date("05/12/2020"), Some(d(2020, 12, 5)));
}
