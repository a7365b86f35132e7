//! The Arabic script's code points, defined once: its blocks (the narrow
//! [`ARABIC_BLOCK`], the wide [`ARABIC_SCRIPT`]), its marks, tatweel and
//! digits, the predicates over them, and right-to-left detection
//! ([`is_rtl_char`], [`has_rtl`], [`is_rtl_text`]).
//!
//! Callers differ on purpose in the extent they test, and each names the one
//! it uses: a quick "is this an Arabic word" test of the stemmers and the
//! encoding detector looks at the Arabic block alone, script detection at
//! every block of the script, presentation forms included.

use std::ops::RangeInclusive;

/// The Arabic block, U+0600–U+06FF: the letters of Arabic, Persian and
/// Urdu, harakat, Arabic-Indic digits and Arabic punctuation.
pub const ARABIC_BLOCK: RangeInclusive<char> = '\u{0600}'..='\u{06FF}';
/// Arabic Supplement, U+0750–U+077F: letters for African and Asian
/// languages.
pub const ARABIC_SUPPLEMENT: RangeInclusive<char> = '\u{0750}'..='\u{077F}';
/// Arabic Extended-A, U+08A0–U+08FF: more letters and Quranic marks.
pub const ARABIC_EXTENDED_A: RangeInclusive<char> = '\u{08A0}'..='\u{08FF}';
/// Arabic Presentation Forms-A, U+FB50–U+FDFF: contextual forms and
/// ligatures, found in text copied from PDFs and old web pages.
pub const ARABIC_PRESENTATION_FORMS_A: RangeInclusive<char> = '\u{FB50}'..='\u{FDFF}';
/// Arabic Presentation Forms-B, U+FE70–U+FEFC: the contextual forms of the
/// block (its last code point, U+FEFF, is the byte-order mark, not Arabic;
/// U+FEFD–U+FEFE are unassigned).
pub const ARABIC_PRESENTATION_FORMS_B: RangeInclusive<char> = '\u{FE70}'..='\u{FEFC}';
/// Every block of the Arabic script in the Basic Multilingual Plane.
pub const ARABIC_SCRIPT: [RangeInclusive<char>; 5] = [
    ARABIC_BLOCK,
    ARABIC_SUPPLEMENT,
    ARABIC_EXTENDED_A,
    ARABIC_PRESENTATION_FORMS_A,
    ARABIC_PRESENTATION_FORMS_B,
];

/// Tatweel (kashida), U+0640: an elongation inside Arabic words.
pub const TATWEEL: char = '\u{0640}';
/// Harakat and the other combining marks of the Arabic block, U+064B–U+065F
/// (fathatan to the wavy hamza below).
pub const HARAKAT: RangeInclusive<char> = '\u{064B}'..='\u{065F}';
/// The vowel marks proper, U+064B–U+0652 (fathatan to sukun), the marks of
/// vocalized text.
pub const VOWEL_MARKS: RangeInclusive<char> = '\u{064B}'..='\u{0652}';
/// Superscript (dagger) alef, U+0670.
pub const SUPERSCRIPT_ALEF: char = '\u{0670}';
/// Honorific and Quranic signs written above words, U+0610–U+061A.
pub const HONORIFIC_SIGNS: RangeInclusive<char> = '\u{0610}'..='\u{061A}';
/// Quranic annotation marks, U+06D6–U+06ED.
pub const QURANIC_MARKS: RangeInclusive<char> = '\u{06D6}'..='\u{06ED}';
/// Arabic-Indic digits ٠–٩, U+0660–U+0669.
pub const ARABIC_INDIC_DIGITS: RangeInclusive<char> = '\u{0660}'..='\u{0669}';
/// Extended (Persian and Urdu) Arabic-Indic digits ۰–۹, U+06F0–U+06F9.
pub const EXTENDED_ARABIC_INDIC_DIGITS: RangeInclusive<char> = '\u{06F0}'..='\u{06F9}';

/// True for a code point of the Arabic block (U+0600–U+06FF), letter or
/// not: the narrow test.
#[inline]
pub fn is_arabic_block(c: char) -> bool {
    ARABIC_BLOCK.contains(&c)
}

/// True for a code point of any block of the Arabic script
/// ([`ARABIC_SCRIPT`]), letter or not: the wide test.
#[inline]
pub fn in_arabic_script(c: char) -> bool {
    ARABIC_SCRIPT.iter().any(|range| range.contains(&c))
}

/// True for a letter of the Arabic script, in any of its blocks
/// (presentation forms included) and tatweel; false for marks, digits and
/// punctuation. The same as `script_of(c) == Script::Arabic`.
#[inline]
pub fn is_arabic_char(c: char) -> bool {
    // The alphabet (hamza to ghain, feh to yeh) first, without a Unicode
    // table lookup.
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | TATWEEL)
        || (in_arabic_script(c) && !is_arabic_mark(c) && c.is_alphabetic())
}

/// True for the marks of Arabic text that no reader sees as a letter:
/// harakat ([`HARAKAT`]), superscript alef, honorific signs and Quranic
/// marks. Tatweel is not a mark.
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    HARAKAT.contains(&c)
        || c == SUPERSCRIPT_ALEF
        || HONORIFIC_SIGNS.contains(&c)
        || QURANIC_MARKS.contains(&c)
}

/// True for a letter of a script written right to left: Hebrew, Arabic
/// (every block), Syriac, Thaana, N'Ko, Samaritan, Mandaic, and those of
/// the Supplementary Multilingual Plane. Digits, marks and punctuation,
/// whose direction depends on their neighbours, are not.
pub fn is_rtl_char(c: char) -> bool {
    let rtl_block = matches!(c,
        '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}');
    rtl_block && c.is_alphabetic() && !is_arabic_mark(c) && !matches!(c, '\u{0591}'..='\u{05C7}')
}

/// True if `text` has a right-to-left letter.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(is_rtl_char)
}

/// True if at least half of the letters of `text` are right-to-left
/// letters (and it has letters): a line to show right to left.
pub fn is_rtl_text(text: &str) -> bool {
    let mut letters = 0usize;
    let mut rtl = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_rtl_char(c) {
            rtl += 1;
        }
    }
    letters > 0 && rtl * 2 >= letters
}

/// The value of an Arabic-Indic (٠–٩) or extended Arabic-Indic (۰–۹)
/// digit.
#[inline]
pub fn arabic_digit_value(c: char) -> Option<u32> {
    if ARABIC_INDIC_DIGITS.contains(&c) {
        Some(u32::from(c) - 0x0660)
    } else if EXTENDED_ARABIC_INDIC_DIGITS.contains(&c) {
        Some(u32::from(c) - 0x06F0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{script_of, Script};

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn narrow_and_wide_extents() {
        assert!(is_arabic_block('ب') && in_arabic_script('ب'));
        assert!(is_arabic_block('،') && !is_arabic_char('،'));
        assert!(!is_arabic_block('ݐ') && in_arabic_script('ݐ'));
        assert!(!is_arabic_block('ﻻ') && is_arabic_char('ﻻ'));
        assert!(!in_arabic_script('\u{FEFF}'));
        assert!(!is_arabic_char('a') && !in_arabic_script('é'));
    }

    /// Over every code point: an Arabic letter is what script detection
    /// calls Arabic.
    #[test]
    fn arabic_letters_are_the_arabic_script() {
        for c in all_chars() {
            assert_eq!(is_arabic_char(c), script_of(c) == Script::Arabic, "{c:?}");
        }
    }

    #[test]
    fn marks_tatweel_and_digits() {
        for c in ['\u{064E}', '\u{0651}', '\u{0670}', '\u{0610}', '\u{06D6}'] {
            assert!(is_arabic_mark(c), "{c:?}");
            assert!(!is_arabic_char(c), "{c:?}");
        }
        assert!(!is_arabic_mark(TATWEEL) && is_arabic_char(TATWEEL));
        assert_eq!(arabic_digit_value('٣'), Some(3));
        assert_eq!(arabic_digit_value('۹'), Some(9));
        assert_eq!(arabic_digit_value('3'), None);
        let digits: Vec<u32> = ARABIC_INDIC_DIGITS
            .chain(EXTENDED_ARABIC_INDIC_DIGITS)
            .filter_map(arabic_digit_value)
            .collect();
        assert_eq!(digits.len(), 20);
    }

    #[test]
    fn right_to_left() {
        for c in ['ب', 'ﻻ', 'ש', 'ܐ', 'ހ', 'ߊ'] {
            assert!(is_rtl_char(c), "{c:?}");
        }
        for c in ['a', 'é', '٣', '،', '\u{064E}', '\u{05B8}', ' ', '\u{200F}', 'Ж'] {
            assert!(!is_rtl_char(c), "{c:?}");
        }
        assert!(has_rtl("Le mot توأمة"));
        assert!(!has_rtl("Pôle emploi ٢٠١٩"));
        assert!(is_rtl_text("توأمة ANEM"));
        assert!(!is_rtl_text("Le mot arabe توأمة"));
        assert!(!is_rtl_text("١٢ — ٣"));
        // Every Arabic letter is right to left.
        assert!(all_chars().filter(|&c| is_arabic_char(c)).all(is_rtl_char));
    }
}
