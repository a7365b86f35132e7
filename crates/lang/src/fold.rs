//! The one folding table of Arabic and Latin letters: the spelling variants
//! that press pages write for the same letter, and the letter they fold to.
//!
//! | from | to |
//! |---|---|
//! | أ إ آ ٱ (hamza and madda forms of alef, alef wasla) | ا |
//! | ى (alef maqsura), ی (Farsi yeh) | ي |
//! | ة (ta marbuta), ۃ (teh marbuta goal), ھ ہ ە (heh look-alikes) | ه |
//! | ک (keheh) | ك |
//! | à â ä á ã å, ç, é è ê ë ᵉ, î ï í ì, ô ö ó ò õ, ù û ü ú, ÿ, ñ, ʳ | a, c, e, i, o, u, y, n, r |
//! | œ, æ | oe, ae |
//!
//! Hamza on carriers (ؤ, ئ) is not folded. The Latin side takes lowercase
//! letters (lowercase first). Marks, tatweel and digits are not letters and
//! are not here (see [`crate::script`]). The date finder and the
//! normalizer's Arabic filters both read this table; the Latin side is the
//! date finder's (the analyzers fold Latin accents with tantivy's ASCII
//! folding).

/// Alef, U+0627.
pub const ALEF: char = '\u{0627}';
/// Yeh, U+064A.
pub const YEH: char = '\u{064A}';
/// Heh, U+0647.
pub const HEH: char = '\u{0647}';
/// Kaf, U+0643.
pub const KAF: char = '\u{0643}';
/// Ta marbuta, U+0629.
pub const TA_MARBUTA: char = '\u{0629}';

/// The letter an Arabic letter variant folds to; any other character is
/// returned as it is.
#[inline]
pub fn fold_arabic_letter(c: char) -> char {
    match c {
        // آ أ إ ٱ
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => ALEF,
        // ى ی
        '\u{0649}' | '\u{06CC}' => YEH,
        // ة ۃ ھ ہ ە
        TA_MARBUTA | '\u{06C3}' | '\u{06BE}' | '\u{06C1}' | '\u{06D5}' => HEH,
        // ک
        '\u{06A9}' => KAF,
        other => other,
    }
}

/// What a lowercase accented Latin letter (or the modifier letters ᵉ ʳ of
/// "1ᵉʳ") folds to; `None` for any other character.
#[inline]
pub fn fold_latin_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
        'ç' => "c",
        'é' | 'è' | 'ê' | 'ë' | 'ᵉ' => "e",
        'î' | 'ï' | 'í' | 'ì' => "i",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
        'ù' | 'û' | 'ü' | 'ú' => "u",
        'ÿ' => "y",
        'ñ' => "n",
        'ʳ' => "r",
        'œ' => "oe",
        'æ' => "ae",
        _ => return None,
    })
}

/// Appends the folded form of `c` to `out`: the Latin table, else the
/// Arabic one.
#[inline]
pub fn fold_letter_into(c: char, out: &mut String) {
    match fold_latin_letter(c) {
        Some(folded) => out.push_str(folded),
        None => out.push(fold_arabic_letter(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            fold_letter_into(c, &mut out);
        }
        out
    }

    #[test]
    fn table() {
        for (from, to) in [
            ("أحمد", "احمد"),
            ("إطار آفاق ٱلعمل", "اطار افاق العمل"),
            ("مستوى فارسی", "مستوي فارسي"),
            ("وكالة ۃ ھ ہ ە", "وكاله ه ه ه ه"),
            ("کار", "كار"),
            ("مسؤول سئل", "مسؤول سئل"),
            ("février août 1ᵉʳ", "fevrier aout 1er"),
            ("cœur æon naïve ça", "coeur aeon naive ca"),
            ("FÉVRIER", "FÉVRIER"),
            ("ANAPEC 2019", "ANAPEC 2019"),
        ] {
            assert_eq!(fold(from), to, "{from}");
        }
    }

    proptest::proptest! {
        /// Folding twice is folding once, on any text.
        #[test]
        fn folding_is_idempotent(text in "\\PC{0,40}") {
            let once = fold(&text);
            proptest::prop_assert_eq!(fold(&once), once);
        }
    }

    /// Folding twice is folding once, over every code point.
    #[test]
    fn idempotent_over_every_char() {
        for c in (0..=0x10FFFu32).filter_map(char::from_u32) {
            let once = fold(&c.to_string());
            assert_eq!(fold(&once), once, "{c:?}");
        }
    }
}
