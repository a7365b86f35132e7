//! Whether a decoded text is plausible for its script: counts over its
//! letters, words and symbols ([`Profile`]) that tell a right code page from
//! a wrong one, for Arabic ([`plausible_arabic`]) and French
//! ([`plausible_latin`]) text.

use fihris_lang::is_arabic_block;
use fihris_lang::script::VOWEL_MARKS;

/// Counts over a decoded text that tell whether it is in the right code
/// page. Words are maximal runs of letters (`char::is_alphabetic`, which
/// includes Arabic marks).
#[derive(Debug, Default)]
struct Profile {
    /// Characters.
    chars: usize,
    /// U+FFFD, C1 controls, and C0 controls other than whitespace and ESC.
    controls: usize,
    /// Letters outside ASCII.
    non_ascii_letters: usize,
    /// Letters of the Arabic block (U+0600–U+06FF), marks included.
    arabic_letters: usize,
    /// Arabic vowel marks (harakat, U+064B–U+0652).
    harakat: usize,
    /// Words with a letter outside ASCII.
    non_ascii_words: usize,
    /// Words with an Arabic letter.
    arabic_words: usize,
    /// Words mixing Arabic and other letters ("ةcole").
    mixed_words: usize,
    /// Words with a letter outside ASCII that look foreign to Latin text:
    /// four letters or more and mostly outside ASCII ("ÇáÌÒÇÆÑ"), or an
    /// upper-case letter right after a lower-case one, both outside ASCII.
    odd_latin_words: usize,
    /// Symbols outside ASCII between two letters ("caf‚", "ط§ظ"), except
    /// apostrophes, dashes, the middle dot, joiners and Arabic punctuation
    /// ("السابق،جلول": typists leave out the space after "،").
    symbols_inside_words: usize,
}

impl Profile {
    /// At most one control character in a thousand: stray ones are found
    /// in real press text; a wrong code page gives many more.
    fn few_controls(&self) -> bool {
        self.controls * 1000 <= self.chars
    }

    fn of(text: &str) -> Profile {
        let mut p = Profile::default();
        let mut word = Word::default();
        // A symbol right after a letter, waiting to see if a letter follows.
        let mut pending_symbol = false;
        for c in text.chars() {
            p.chars += 1;
            if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{1B}')) {
                p.controls += 1;
            }
            if c.is_alphabetic() {
                if pending_symbol {
                    p.symbols_inside_words += 1;
                }
                pending_symbol = false;
                word.push(c);
                if !c.is_ascii() {
                    p.non_ascii_letters += 1;
                }
                if is_arabic(c) {
                    p.arabic_letters += 1;
                    if VOWEL_MARKS.contains(&c) {
                        p.harakat += 1;
                    }
                }
                continue;
            }
            let after_letter = word.letters > 0;
            word.finish(&mut p);
            pending_symbol =
                after_letter && !c.is_ascii() && !c.is_whitespace() && !is_word_joiner(c) && !is_arabic(c);
        }
        word.finish(&mut p);
        p
    }
}

/// The word being read by [`Profile::of`].
#[derive(Debug, Default)]
struct Word {
    letters: usize,
    non_ascii: usize,
    arabic: usize,
    case_flip: bool,
    previous_lower_non_ascii: bool,
}

impl Word {
    fn push(&mut self, c: char) {
        self.letters += 1;
        if !c.is_ascii() {
            self.non_ascii += 1;
        }
        if is_arabic(c) {
            self.arabic += 1;
        }
        // Both letters outside ASCII: "emblématiqueÉglise" (two words run
        // together) is French, "ÇáÌÒ" (Arabic read as Windows-1252) is not.
        if c.is_uppercase() && !c.is_ascii() && self.previous_lower_non_ascii {
            self.case_flip = true;
        }
        self.previous_lower_non_ascii = c.is_lowercase() && !c.is_ascii();
    }

    fn finish(&mut self, p: &mut Profile) {
        if self.letters > 0 {
            if self.non_ascii > 0 {
                p.non_ascii_words += 1;
                let mostly_non_ascii = self.letters >= 4 && self.non_ascii * 2 > self.letters;
                if mostly_non_ascii || self.case_flip {
                    p.odd_latin_words += 1;
                }
            }
            if self.arabic > 0 {
                p.arabic_words += 1;
                if self.arabic < self.letters {
                    p.mixed_words += 1;
                }
            }
        }
        *self = Word::default();
    }
}

/// The Arabic block alone (U+0600–U+06FF), marks included.
fn is_arabic(c: char) -> bool {
    is_arabic_block(c)
}

/// Characters that may stand between two letters of a word, or of two
/// words run together by a scraper: apostrophes, the middle dot and bullet
/// of inclusive writing ("candidat·e·s", "Génération•s"), "n°", quotes,
/// dashes, soft hyphen, no-break space and the zero-width joiners.
fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '’' | '‘'
            | 'ʼ'
            | '´'
            | '·'
            | '•'
            | '°'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '“'
            | '”'
            | '„'
            | '‐'
            | '‑'
            | '–'
            | '—'
            | '\u{AD}'
            | '\u{A0}'
            | '\u{200C}'
            | '\u{200D}'
    )
}

pub(super) fn has_controls(text: &str) -> bool {
    Profile::of(text).controls > 0
}

/// Arabic text: few controls (see [`Profile::few_controls`]); at least one letter outside ASCII, and 80% of
/// them Arabic; at most 2% of Arabic words mixing scripts; harakat at most
/// 30% of Arabic letters (press text is not vocalized; ISO-8859-6 bytes read
/// as Windows-1256 or the reverse give many); at most 2% of words with a
/// symbol inside. ASCII letters are not counted, so markup does not matter.
pub(crate) fn plausible_arabic(text: &str) -> bool {
    let p = Profile::of(text);
    p.few_controls()
        && p.non_ascii_letters > 0
        && p.arabic_letters * 10 >= p.non_ascii_letters * 8
        && p.mixed_words * 50 <= p.arabic_words
        && p.harakat * 10 <= p.arabic_letters * 3
        && p.symbols_inside_words * 50 <= p.non_ascii_words
}

/// French (Latin) text: few controls, no Arabic letters; at most 10% of the
/// words with a letter outside ASCII look foreign (mostly accented letters,
/// or an upper-case letter after a lower-case one: Arabic or Cyrillic bytes
/// read as Windows-1252); at most 2% of them with a symbol inside.
pub(crate) fn plausible_latin(text: &str) -> bool {
    let p = Profile::of(text);
    p.few_controls()
        && p.arabic_letters == 0
        && p.odd_latin_words * 10 <= p.non_ascii_words
        && p.symbols_inside_words * 50 <= p.non_ascii_words.max(1)
}

#[cfg(test)]
mod tests {
    use encoding_rs::{Encoding, ISO_8859_6, WINDOWS_1252, WINDOWS_1256};

    use super::super::tests::{encode, AR, FR};
    use super::*;

    #[test]
    fn plausibility() {
        assert!(plausible_latin(FR));
        assert!(!plausible_latin(AR));
        assert!(plausible_arabic(AR));
        assert!(!plausible_arabic(FR));
        // Windows-1256 bytes read as Windows-1252, and the reverse.
        let misread = |from: &'static Encoding, to: &'static Encoding, text: &str| {
            to.decode_without_bom_handling(&encode(from, text)).0.into_owned()
        };
        assert!(!plausible_latin(&misread(WINDOWS_1256, WINDOWS_1252, AR)));
        assert!(!plausible_arabic(&misread(WINDOWS_1252, WINDOWS_1256, FR)));
        // ISO-8859-6 bytes read as Windows-1256: Latin letters inside words.
        assert!(!plausible_arabic(&misread(ISO_8859_6, WINDOWS_1256, AR)));
        // UTF-8 Arabic read as Windows-1256: symbols inside words.
        let (wrong, _) = WINDOWS_1256.decode_without_bom_handling(AR.as_bytes());
        assert!(!plausible_arabic(&wrong));
    }
}
