//! Aggressive Arabic stemming with several readings per word.
//!
//! A light stemmer (light10) must guess whether a word's first letters are
//! clitics: ب in ببرلين is the preposition, in برنامج a root letter; و in
//! وزارة is a root letter, in وجرحى the conjunction. It guesses once, and a
//! wrong guess splits a word from its other forms. This filter does not
//! guess: it emits one stem for each reading (the word as it is, without a
//! conjunction و/ف, without a preposition ب/ل/ك, without both), all at the
//! word's position, so ببرلين gives the stems of ببرلين and برلين and meets
//! برلين. Queries are analysed the same way, and a query word's readings
//! share its weight.
//!
//! Each reading is stemmed aggressively, for recall:
//! 1. the article ال (or لل) and light10's suffixes (ها ان ات ون ين يه ه ي),
//! 2. one more suffix (تها تهم هما هم كم نا وا ت ا) and one verb prefix
//!    (سي ست سن ي ت ن), keeping at least three letters,
//! 3. the long vowels and hamza seats after the first letter removed (a
//!    consonant skeleton): broken plurals meet their singulars (وزراء and
//!    وزير give وزر, مدارس and مدرسة give مدرس).
//!
//! A word of the light stemmer's exception list (a root-initial و, ف, ل
//! or ب: وكالة, فرنسا, لجنة, بالغ) keeps its first letter: وكالة does not
//! also read as ك + الة and meet كالي.
//!
//! The exact (unstemmed) field keeps precision: a query word found as
//! written still ranks first.
//!
//! Tokens arrive normalized ([`crate::ArabicNormalize`]: ة is ه, ى is ي);
//! only tokens whose first character is in the Arabic block are changed.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::arabic_light_stem::is_protected;

/// light10's suffixes, in its order, normalized.
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
/// Further suffixes: pronouns and verb endings; the first that fits.
const MORE_SUFFIXES: [&str; 9] = ["تها", "تهم", "هما", "هم", "كم", "نا", "وا", "ت", "ا"];
/// Verb prefixes (present tense, future); the first that fits.
const VERB_PREFIXES: [&str; 6] = ["سي", "ست", "سن", "ي", "ت", "ن"];
/// Letters a skeleton drops after the first letter.
const WEAK: [char; 6] = ['ا', 'و', 'ي', 'ء', 'ئ', 'ؤ'];
/// Letters a reading must keep after losing a clitic.
const MIN_LETTERS: usize = 3;

fn is_arabic(word: &str) -> bool {
    word.starts_with(fihris_lang::is_arabic_block)
}

fn letters(word: &str) -> usize {
    word.chars().count()
}

/// The article and light10's suffixes removed.
fn strip_article_and_suffixes(word: &str) -> &str {
    let mut w = word;
    if letters(w) >= 4 {
        if let Some(rest) = w.strip_prefix("ال").or_else(|| w.strip_prefix("لل")) {
            w = rest;
        }
    }
    let mut n = letters(w);
    for suffix in SUFFIXES {
        let len = letters(suffix);
        if n >= len + 2 {
            if let Some(rest) = w.strip_suffix(suffix) {
                w = rest;
                n -= len;
            }
        }
    }
    w
}

/// One more suffix and one verb prefix removed, keeping three letters.
fn strip_more(word: &str) -> &str {
    let mut w = word;
    for suffix in MORE_SUFFIXES {
        if letters(w) >= letters(suffix) + 3 {
            if let Some(rest) = w.strip_suffix(suffix) {
                w = rest;
                break;
            }
        }
    }
    for prefix in VERB_PREFIXES {
        if letters(w) >= letters(prefix) + 3 {
            if let Some(rest) = w.strip_prefix(prefix) {
                w = rest;
                break;
            }
        }
    }
    w
}

/// Appends the consonant skeleton of `word` to `out`, or the word itself
/// if the skeleton would have one letter.
fn push_skeleton(word: &str, out: &mut String) {
    let start = out.len();
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.push(first);
    }
    let mut kept = 1;
    for c in chars.filter(|c| !WEAK.contains(c)) {
        out.push(c);
        kept += 1;
    }
    if kept < 2 {
        out.truncate(start);
        out.push_str(word);
    }
}

/// `form` without its first letter, if that letter is one of `clitics`,
/// enough letters remain, and the word is not one of the exception list's.
fn strip_clitic<'a>(form: &'a str, clitics: &[char]) -> Option<&'a str> {
    form.strip_prefix(clitics)
        .filter(|rest| letters(rest) >= MIN_LETTERS && !is_protected(form))
}

/// The stems of every reading of a normalized Arabic word, unique, the
/// reading of the whole word first (then without a conjunction, without a
/// preposition, without both).
pub fn readings(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    readings_into(word, &mut out);
    out
}

/// [`readings`] into `out` (cleared first), reusing its strings.
fn readings_into(word: &str, out: &mut Vec<String>) {
    // At most four forms: the word, without و/ف, without ب/ل/ك, without both.
    let mut forms: [&str; 4] = [word; 4];
    let mut count = 1;
    if let Some(rest) = strip_clitic(word, &['و', 'ف']) {
        forms[count] = rest;
        count += 1;
    }
    // A preposition after the conjunction, or alone (not twice: ببرنامج).
    let with_conjunction = count;
    for i in 0..with_conjunction {
        if let Some(rest) = strip_clitic(forms[i], &['ب', 'ل', 'ك']) {
            forms[count] = rest;
            count += 1;
        }
    }
    let mut used = 0;
    for form in &forms[..count] {
        if out.len() == used {
            out.push(String::new());
        }
        let buffer = &mut out[used];
        buffer.clear();
        push_skeleton(strip_more(strip_article_and_suffixes(form)), buffer);
        if !out[..used].contains(&out[used]) {
            used += 1;
        }
    }
    out.truncate(used);
}

/// The token filter.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicMultiStem;

impl TokenFilter for ArabicMultiStem {
    type Tokenizer<T: Tokenizer> = MultiStemTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MultiStemTokenizer<T> {
        MultiStemTokenizer { inner: tokenizer }
    }
}

/// The tokenizer [`ArabicMultiStem`] wraps around its inner tokenizer.
#[derive(Clone, Debug)]
pub struct MultiStemTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for MultiStemTokenizer<T> {
    type TokenStream<'a> = MultiStemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MultiStemStream {
            tail: self.inner.token_stream(text),
            readings: Vec::new(),
            next: 0,
        }
    }
}

/// The stream of a [`MultiStemTokenizer`]: the readings of the current
/// word wait in `readings`, from `next` on, and replace the token's text in
/// turn, keeping its position and offsets.
pub struct MultiStemStream<S> {
    tail: S,
    readings: Vec<String>,
    next: usize,
}

impl<S: TokenStream> TokenStream for MultiStemStream<S> {
    fn advance(&mut self) -> bool {
        if self.next < self.readings.len() {
            let token = self.tail.token_mut();
            token.text.clear();
            token.text.push_str(&self.readings[self.next]);
            self.next += 1;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if is_arabic(&token.text) {
            readings_into(&token.text, &mut self.readings);
            if let Some(first) = self.readings.first() {
                token.text.clear();
                token.text.push_str(first);
            }
            self.next = 1;
        } else {
            self.readings.clear();
            self.next = 0;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitic_readings_meet_the_bare_word() {
        let bare = readings("برلين");
        let with_b = readings("ببرلين");
        assert!(bare.iter().any(|s| with_b.contains(s)), "{bare:?} {with_b:?}");
        let w = readings("ولايه");
        let bw = readings("بولايتي");
        assert!(w.iter().any(|s| bw.contains(s)), "{w:?} {bw:?}");
    }

    #[test]
    fn broken_plural_meets_singular() {
        assert_eq!(readings("وزير"), readings("وزراء"));
    }

    #[test]
    fn whole_word_reading_first() {
        assert_eq!(readings("وكاله"), vec!["وكل".to_string()]);
        assert_eq!(readings("ووكاله"), vec!["وكل".to_string()]);
        assert_eq!(readings("الوكاله"), vec!["وكل".to_string()]);
        assert_eq!(readings("برنامج")[0], "برنمج");
    }
}
