//! The characters and tokens of text as the date finder reads it: digit
//! values in every digit system, the characters it skips, letter folding
//! (through the one table of `fihris-lang`), and the tokenizer that cuts
//! text into whole words, numbers, spaces and punctuation, with the helpers
//! that read a token stream.

use fihris_lang::script::{HARAKAT, QURANIC_MARKS, SUPERSCRIPT_ALEF, TATWEEL};
use fihris_lang::{arabic_digit_value, fold_letter_into};

/// Value of a Western, Arabic-Indic (U+0660-0669) or extended Arabic-Indic
/// (U+06F0-06F9) digit.
pub(super) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        _ => arabic_digit_value(c),
    }
}

/// Characters skipped everywhere: combining marks (Latin accents in NFD text,
/// Arabic harakat and Quranic marks), tatweel, and invisible format characters
/// (bidi marks and isolates, ZWNJ/ZWJ, word joiner, BOM, soft hyphen).
/// Zero-width space is not here: it separates words. The honorific signs
/// U+0610–U+061A, marks to the normalizer, are not skipped here.
pub(super) fn is_ignorable(c: char) -> bool {
    c == TATWEEL
        || HARAKAT.contains(&c)
        || c == SUPERSCRIPT_ALEF
        || QURANIC_MARKS.contains(&c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{0300}'..='\u{036F}'
                | '\u{061C}'
                | '\u{200C}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Appends the folded form of a letter: lowercase, then the one folding
/// table of `fihris-lang` (French accents removed, œ → oe, æ → ae, Arabic
/// alef hamza forms → ا, ى/ی → ي, ة and heh variants → ه, ک → ك, modifier
/// letters ᵉ ʳ as in "1ᵉʳ" → e r), except ۃ (U+06C3), which the date finder
/// has always kept.
fn fold_char_into(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        if is_ignorable(c) {
            continue;
        }
        if c == '\u{06C3}' {
            out.push(c);
        } else {
            fold_letter_into(c, out);
        }
    }
}

/// Folds a name (table entry or user input): letters folded as in
/// [`fold_char_into`], ignorable characters dropped, whitespace runs → one space.
pub(super) fn fold_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if is_ignorable(c) {
            continue;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            fold_char_into(c, &mut out);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A token of the text: maximal runs, so words and numbers are always whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    /// A run of digits (any digit system, mixed runs included).
    Num { value: u32, digits: usize },
    /// A run of letters, folded.
    Word(String),
    /// A run of whitespace (zero-width space included).
    Space,
    /// Any other single character.
    Punct(char),
}

pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    for c in text.chars() {
        if c == '\u{200B}' || c.is_whitespace() {
            if toks.last() != Some(&Tok::Space) {
                toks.push(Tok::Space);
            }
        } else if is_ignorable(c) {
            continue;
        } else if let Some(d) = digit_value(c) {
            if let Some(Tok::Num { value, digits }) = toks.last_mut() {
                *value = value.saturating_mul(10).saturating_add(d);
                *digits = digits.saturating_add(1);
            } else {
                toks.push(Tok::Num { value: d, digits: 1 });
            }
        } else if c.is_alphabetic() {
            if let Some(Tok::Word(word)) = toks.last_mut() {
                fold_char_into(c, word);
            } else {
                let mut word = String::new();
                fold_char_into(c, &mut word);
                toks.push(Tok::Word(word));
            }
        } else {
            toks.push(Tok::Punct(c));
        }
    }
    toks
}

/// Value of the number at `i` if its digit count is in `digit_counts`.
pub(super) fn num(toks: &[Tok], i: usize, digit_counts: std::ops::RangeInclusive<usize>) -> Option<u32> {
    match toks.get(i) {
        Some(&Tok::Num { value, digits }) if digit_counts.contains(&digits) => Some(value),
        _ => None,
    }
}

pub(super) fn is_num(toks: &[Tok], i: usize) -> bool {
    matches!(toks.get(i), Some(Tok::Num { .. }))
}

pub(super) fn word(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    }
}

pub(super) fn punct(toks: &[Tok], i: usize) -> Option<char> {
    match toks.get(i) {
        Some(&Tok::Punct(c)) => Some(c),
        _ => None,
    }
}

/// Index of the first non-space token from `i`.
pub(super) fn skip_spaces(toks: &[Tok], mut i: usize) -> usize {
    while toks.get(i) == Some(&Tok::Space) {
        i += 1;
    }
    i
}

/// Skips spaces with at most one of the `allowed` punctuation characters.
pub(super) fn skip_gap(toks: &[Tok], i: usize, allowed: &[char]) -> usize {
    let i = skip_spaces(toks, i);
    match punct(toks, i) {
        Some(c) if allowed.contains(&c) => skip_spaces(toks, i + 1),
        _ => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_keeps_words_and_numbers_whole() {
        assert_eq!(
            tokenize("12mars2019"),
            vec![
                Tok::Num { value: 12, digits: 2 },
                Tok::Word("mars".to_string()),
                Tok::Num {
                    value: 2019,
                    digits: 4
                },
            ]
        );
        assert_eq!(
            tokenize("Fé\u{301}V  ١٢"),
            vec![
                Tok::Word("fev".to_string()),
                Tok::Space,
                Tok::Num { value: 12, digits: 2 },
            ]
        );
    }
}
