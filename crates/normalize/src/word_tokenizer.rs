//! Word tokenizer: Unicode word boundaries (UAX #29, via
//! `unicode-segmentation`), then a split wherever the letters change between
//! Arabic and Latin script.
//!
//! UAX #29 keeps what press text needs together: "l’emploi" (the elision
//! filter splits it later), "P3A", "12.5", Arabic words with their harakat
//! and tatweel. It splits "Aïn-Defla" at the hyphen, so it matches the
//! spaced "Aïn Defla" as a phrase. The script split handles "لـANAPEC"
//! (an Arabic prefix glued to a Latin acronym), which UAX #29 treats as one
//! word, so that each part gets its own language's analysis.
//!
//! Segments without any letter or digit (spaces, punctuation) are skipped.
//! Tokens carry the original text; offsets are byte offsets into the input.

use fihris_lang::{script_of, Script};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The fihris word tokenizer (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct WordTokenizer {
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            segments: text.split_word_bound_indices(),
            pending: None,
            token: &mut self.token,
        }
    }
}

/// The stream of a [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    segments: UWordBoundIndices<'a>,
    /// Byte range of the part of the current segment not yet emitted.
    pending: Option<(usize, usize)>,
    token: &'a mut Token,
}

impl WordTokenStream<'_> {
    /// The end of the first single-script run of `text[start..end]`.
    fn script_run_end(&self, start: usize, end: usize) -> usize {
        let mut run: Option<Script> = None;
        for (i, c) in self.text[start..end].char_indices() {
            match script_of(c) {
                Script::Neutral => {}
                s => match run {
                    None => run = Some(s),
                    Some(r) if r != s && (r == Script::Arabic || s == Script::Arabic) => {
                        return start + i;
                    }
                    Some(_) => {}
                },
            }
        }
        end
    }

    fn emit(&mut self, start: usize, end: usize) {
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some((start, end)) = self.pending.take() {
                let cut = self.script_run_end(start, end);
                if cut < end {
                    self.pending = Some((cut, end));
                }
                self.emit(start, cut);
                return true;
            }
            let (start, segment) = match self.segments.next() {
                Some(s) => s,
                None => return false,
            };
            if segment.chars().any(char::is_alphanumeric) {
                self.pending = Some((start, start + segment.len()));
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_tokens_with;
    use tantivy::tokenizer::TextAnalyzer;

    fn check(text: &str, expected: &[(&str, usize, usize)]) {
        assert_tokens_with(TextAnalyzer::from(WordTokenizer::default()), text, expected);
    }

    #[test]
    fn french_press_sentence() {
        check(
            "L’ANEM et Pôle emploi (P3A) : 12,5 %",
            &[
                ("L’ANEM", 0, 8),
                ("et", 9, 11),
                ("Pôle", 12, 17),
                ("emploi", 18, 24),
                ("P3A", 26, 29),
                ("12,5", 33, 37),
            ],
        );
    }

    #[test]
    fn hyphenated_place_names_split() {
        check("Aïn-Defla", &[("Aïn", 0, 4), ("Defla", 5, 10)]);
    }

    #[test]
    fn arabic_with_harakat_and_punctuation() {
        // "وَزارةُ العمل، والتشغيل." — marks stay inside the word.
        check(
            "وَزارةُ العمل، والتشغيل.",
            &[("وَزارةُ", 0, 14), ("العمل", 15, 25), ("والتشغيل", 28, 44)],
        );
    }

    #[test]
    fn arabic_prefix_glued_to_latin_acronym() {
        check(
            "لـANAPEC 2019",
            &[("لـ", 0, 4), ("ANAPEC", 4, 10), ("2019", 11, 15)],
        );
    }

    #[test]
    fn positions_are_consecutive() {
        let mut analyzer = TextAnalyzer::from(WordTokenizer::default());
        let mut stream = analyzer.token_stream("un deux, trois");
        let mut positions = Vec::new();
        while let Some(t) = stream.next() {
            positions.push(t.position);
        }
        assert_eq!(positions, vec![0, 1, 2]);
    }

    #[test]
    fn empty_and_punctuation_only() {
        check("", &[]);
        check(" … — ! ؟ ", &[]);
    }
}
