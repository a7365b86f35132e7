//! Test data shared by the date finder's tests: every month name of every
//! system, written independently of the tables, and small helpers.

use super::Date;

/// A valid test date.
pub(super) fn d(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("valid test date")
}

pub(super) fn to_arabic_indic(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(v) => char::from_u32(0x0660 + v).unwrap_or(c),
            None => c,
        })
        .collect()
}

pub(super) fn to_extended_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(v) => char::from_u32(0x06F0 + v).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Every month name of every system, written independently of the tables
/// above (languages.md plus the variants the module promises).
pub(super) const FRENCH_NAMES: &[(&str, u8)] = &[
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("Janvier", 1),
    ("FÉVRIER", 2),
    ("FEVRIER", 2),
    ("Mars", 3),
    ("MARS", 3),
    ("AOÛT", 8),
    ("Décembre", 12),
    ("fe\u{301}vrier", 2), // NFD
    ("ao\u{302}ut", 8),
];

pub(super) const EGYPT_GULF_NAMES: &[(&str, u8)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("إبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
];

pub(super) const ALGERIA_TUNISIA_NAMES: &[(&str, u8)] = &[
    ("جانفي", 1),
    ("فيفري", 2),
    ("فيفرى", 2),
    ("مارس", 3),
    ("أفريل", 4),
    ("افريل", 4),
    ("ماي", 5),
    ("ماى", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("جويليه", 7),
    ("أوت", 8),
    ("اوت", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
];

pub(super) const MOROCCO_NAMES: &[(&str, u8)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ماي", 5),
    ("يونيو", 6),
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("أكتوبر", 10),
    ("نونبر", 11),
    ("دجنبر", 12),
];

pub(super) const LEVANT_NAMES: &[(&str, u8)] = &[
    ("كانون الثاني", 1),
    ("كانون الثانى", 1),
    ("كانون ثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("اذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("اب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الاول", 10),
    ("تشرين أول", 10),
    ("تشرين الثاني", 11),
    ("تشرين ثاني", 11),
    ("كانون الأول", 12),
    ("كانون الاول", 12),
    ("كانون أول", 12),
];

pub(super) const ARABIC_SYSTEMS: [&[(&str, u8)]; 4] = [
    EGYPT_GULF_NAMES,
    ALGERIA_TUNISIA_NAMES,
    MOROCCO_NAMES,
    LEVANT_NAMES,
];
