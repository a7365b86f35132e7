//! Arabic orthographic normalization, as in Lucene's ArabicNormalizer and
//! most Arabic IR work (Larkey et al.), extended for scraped press text.
//!
//! | from | to |
//! |---|---|
//! | أ إ آ ٱ (hamza and madda forms of alef) | ا |
//! | ى (alef maqsura), ی (Farsi yeh) | ي |
//! | ة (ta marbuta), ۃ | ه |
//! | ک (keheh), ھ ہ (heh look-alikes) | ك, ه |
//! | ـ (tatweel), harakat U+064B–U+065F, superscript alef U+0670, Quranic marks | removed |
//! | ٠–٩, ۰–۹ (Arabic-Indic digits) | 0–9 |
//!
//! Hamza on carriers (ؤ, ئ) is kept: folding them to و/ي merges unrelated
//! words (مسؤول / مسوول is fine, but سئل / سيل is not), and press spelling
//! of these is stable. The digit mapping applies to every token, so a date
//! written "٢٠١٩" in an Arabic article matches "2019" in a French one.

use fihris_lang::script::TATWEEL;
use fihris_lang::{arabic_digit_value, fold_arabic_letter, is_arabic_mark};
use tantivy::tokenizer::Token;

use crate::token_map::{rewrite_chars, MapFilter, TokenMap};

/// See the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicNormalize;

impl ArabicNormalize {
    /// The tantivy token filter.
    pub fn filter() -> MapFilter<ArabicNormalize> {
        MapFilter(ArabicNormalize)
    }
}

/// What one character becomes: `None` to remove it. Marks and tatweel go,
/// Arabic-Indic digits become ASCII digits, letters fold by the one table
/// of `fihris-lang` ([`fold_arabic_letter`]), except ە (U+06D5), which
/// this filter has always kept.
#[inline]
pub(crate) fn normalize_char(c: char) -> Option<char> {
    if c == TATWEEL || is_arabic_mark(c) {
        return None;
    }
    if let Some(value) = arabic_digit_value(c) {
        return char::from_digit(value, 10);
    }
    Some(match c {
        '\u{06D5}' => c,
        other => fold_arabic_letter(other),
    })
}

impl TokenMap for ArabicNormalize {
    fn apply(&self, token: &mut Token, scratch: &mut String) -> bool {
        map_chars(token, scratch, normalize_char)
    }
}

/// Rewrites a token's characters through `map` (`None` removes one),
/// without copying a token that `map` leaves as it is (ASCII above all).
/// Always keeps the token (an emptied one is dropped by the map stream).
#[inline]
pub(crate) fn map_chars(token: &mut Token, scratch: &mut String, map: fn(char) -> Option<char>) -> bool {
    if token.text.is_ascii() || !token.text.chars().any(|c| map(c) != Some(c)) {
        return true;
    }
    rewrite_chars(token, scratch, |c, out| out.extend(map(c)));
    true
}

/// Normalizes a whole string the same way (for lexicons and tests).
pub fn normalize_arabic(text: &str) -> String {
    text.chars().filter_map(normalize_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_map;

    #[test]
    fn table() {
        for (from, to) in [
            ("أحمد", "احمد"),
            ("إطار", "اطار"),
            ("آفاق", "افاق"),
            ("ٱلعمل", "العمل"),
            ("مستوى", "مستوي"),
            ("وكالة", "وكاله"),
            ("تـــشغيل", "تشغيل"),
            ("وَزَارَةُ", "وزاره"),
            ("تَوْأَمَةٌ", "توامه"),
            ("٢٠١٩", "2019"),
            ("۱۹۹۵", "1995"),
            ("کار", "كار"),
            ("فارسی", "فارسي"),
            ("مسؤول", "مسؤول"),
            ("ANAPEC", "ANAPEC"),
            ("Pôle", "Pôle"),
        ] {
            assert_map(ArabicNormalize, from, to);
        }
    }

    proptest::proptest! {
        /// Normalizing twice is normalizing once, on Arabic-script text and
        /// on any text.
        #[test]
        fn normalizing_is_idempotent(arabic in "[\u{0600}-\u{06FF} ]{0,30}", any in "\\PC{0,30}") {
            for text in [arabic, any] {
                let once = normalize_arabic(&text);
                proptest::prop_assert_eq!(normalize_arabic(&once), once);
            }
        }
    }

    #[test]
    fn only_marks_token_is_dropped() {
        let mut token = Token {
            text: "\u{064E}\u{0651}".to_string(),
            ..Token::default()
        };
        let mut scratch = String::new();
        assert!(ArabicNormalize.apply(&mut token, &mut scratch));
        assert!(token.text.is_empty(), "the map stream drops empty tokens");
    }

    #[test]
    fn whole_string_helper() {
        assert_eq!(
            normalize_arabic("الوكالة الوطنية للتشغيل"),
            "الوكاله الوطنيه للتشغيل"
        );
    }
}
