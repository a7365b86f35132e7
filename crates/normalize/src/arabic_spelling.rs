//! Arabic normalization that keeps the word as spelled: the filter of the
//! written-forms analyzer ([`crate::FORMS`]), which decides what matches.
//!
//! It is [`crate::ArabicNormalize`]'s table (harakat, tatweel and Quranic
//! marks removed, hamza and madda on alef → ا, ى → ي, Persian look-alikes
//! folded, Arabic-Indic digits → 0–9) except that ta marbuta stays: ة is
//! not ه. Folding ة into ه is right for ranking (a scraped page may write
//! either) but merges words that matching must keep apart: عملة (currency)
//! and عمله (his work), مكتبة (library) and مكتبه (his office), جامعة
//! (university) and جامعه (its mosque). Hamza on alef is still folded: press
//! pages drop it often (اسعار for أسعار), and nothing is merged by it that
//! the reader would keep apart.

use fihris_lang::fold::TA_MARBUTA;
use tantivy::tokenizer::Token;

use crate::arabic_normalize::{map_chars, normalize_char};
use crate::token_map::{MapFilter, TokenMap};

/// See the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicSpelling;

impl ArabicSpelling {
    /// The tantivy token filter.
    pub fn filter() -> MapFilter<ArabicSpelling> {
        MapFilter(ArabicSpelling)
    }
}

/// What one character becomes: `None` to remove it.
#[inline]
fn spell_char(c: char) -> Option<char> {
    match c {
        TA_MARBUTA | '\u{06C3}' => Some(TA_MARBUTA),
        other => normalize_char(other),
    }
}

impl TokenMap for ArabicSpelling {
    fn apply(&self, token: &mut Token, scratch: &mut String) -> bool {
        map_chars(token, scratch, spell_char)
    }
}

/// Normalizes a whole string the same way (for tables and tests).
pub fn spell_arabic(text: &str) -> String {
    text.chars().filter_map(spell_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_map, assert_tokens_after};

    #[test]
    fn table() {
        for (from, to) in [
            ("أحمد", "احمد"),
            ("إطار", "اطار"),
            ("مستوى", "مستوي"),
            ("وكالة", "وكالة"),
            ("عملة", "عملة"),
            ("عمله", "عمله"),
            ("وَزَارَةُ", "وزارة"),
            ("تـــشغيل", "تشغيل"),
            ("٢٠١٩", "2019"),
            ("مسؤول", "مسؤول"),
            ("Pôle", "Pôle"),
        ] {
            assert_map(ArabicSpelling, from, to);
        }
    }

    #[test]
    fn offsets_unchanged() {
        assert_tokens_after(
            ArabicSpelling,
            "الجامعةُ في الجمعة",
            &[("الجامعة", 0, 16), ("في", 17, 21), ("الجمعة", 22, 34)],
        );
    }

    #[test]
    fn whole_string_helper() {
        assert_eq!(spell_arabic("الوكالة الوطنية للتشغيل"), "الوكالة الوطنية للتشغيل");
        assert_eq!(spell_arabic("أسعار"), "اسعار");
    }
}
