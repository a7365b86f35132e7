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
//!
//! Speed: UAX #29 looks every character up in a table, and tokenizing was a
//! fifth of indexing time. Whitespace always separates words, so the text
//! is first cut at whitespace; a chunk made only of Latin or Arabic letters,
//! digits and harakat is one word by the UAX #29 rules (letters and digits
//! never break between each other, harakat attach to their letter), so it
//! is taken as it is. A chunk that adds common punctuation to those (a
//! comma or full stop after a word, brackets and quotes around it, an
//! elided article, a hyphen, a decimal comma) is cut by the few UAX #29
//! rules that apply to such characters: brackets, quotes, hyphens and
//! question marks always break; an apostrophe, full stop or colon between
//! two Latin letters joins them ("l’emploi"), and an apostrophe, full stop,
//! comma or semicolon between two digits joins them ("12,5"). Only chunks
//! with other characters (other scripts, symbols, combining marks after
//! punctuation, such marks next to Arabic letters) go through the full
//! algorithm.

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
            at: 0,
            segments: None,
            pending: None,
            simple: None,
            token: &mut self.token,
        }
    }
}

/// The stream of a [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Byte offset of the next whitespace-delimited chunk to look at.
    at: usize,
    /// The UAX #29 segments of the current chunk, and its offset.
    segments: Option<(usize, UWordBoundIndices<'a>)>,
    /// Byte range of the part of the current segment not yet emitted.
    pending: Option<(usize, usize)>,
    /// The rest of a chunk checked by [`simple_chunk`], cut into words by
    /// [`next_simple_word`]: (next byte, end).
    simple: Option<(usize, usize)>,
    token: &'a mut Token,
}

/// Whether UAX #29 never breaks between two such characters: ASCII letters
/// and digits, Latin-1 and Latin Extended letters, Arabic letters (tatweel
/// included), digits and harakat.
fn joins(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (('\u{00C0}'..='\u{024F}').contains(&c) && c != '\u{00D7}' && c != '\u{00F7}')
        || ('\u{0620}'..='\u{065F}').contains(&c)
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{066E}'..='\u{06D3}').contains(&c)
}

/// What a character is to the rules of the simple path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// ASCII or Latin-1/Extended letter (UAX #29 ALetter).
    Latin,
    /// ASCII or Arabic-Indic digit (Numeric).
    Digit,
    /// Arabic letter (ALetter).
    Arabic,
    /// Haraka or other mark of the Arabic block (Extend).
    ArabicMark,
    /// Apostrophe, full stop (MidNumLet): joins two letters or two digits.
    MidBoth,
    /// Colon (MidLetter): joins two letters.
    MidLetter,
    /// Comma, semicolon, Arabic comma (MidNum): joins two digits.
    MidNum,
    /// Punctuation that UAX #29 always breaks around (Other).
    Break,
    /// Anything else: the chunk goes through the full algorithm.
    Unknown,
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Latin,
        '0'..='9' | '\u{0660}'..='\u{0669}' => Class::Digit,
        '\u{00C0}'..='\u{024F}' if c != '\u{00D7}' && c != '\u{00F7}' => Class::Latin,
        '\u{064B}'..='\u{065F}' | '\u{0670}' => Class::ArabicMark,
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' => Class::Arabic,
        '\'' | '.' | '\u{2018}' | '\u{2019}' => Class::MidBoth,
        ':' => Class::MidLetter,
        ',' | ';' | '\u{060C}' => Class::MidNum,
        '(' | ')' | '[' | ']' | '{' | '}' | '"' | '!' | '?' | '-' | '/' | '%' | '\u{00AB}' | '\u{00BB}'
        | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{061F}' => Class::Break,
        _ => Class::Unknown,
    }
}

/// Whether a character of class `c` between `before` and `after` (None at
/// the ends of the chunk) is inside a word: letters, digits and marks are;
/// a middle punctuation mark is when the UAX #29 rules WB6/WB7 (letter,
/// mark, letter) or WB11/WB12 (digit, mark, digit) hold.
fn inside(c: Class, before: Option<Class>, after: Option<Class>) -> bool {
    match c {
        Class::Latin | Class::Digit | Class::Arabic | Class::ArabicMark => true,
        Class::MidBoth => {
            (before == Some(Class::Latin) && after == Some(Class::Latin))
                || (before == Some(Class::Digit) && after == Some(Class::Digit))
        }
        Class::MidLetter => before == Some(Class::Latin) && after == Some(Class::Latin),
        Class::MidNum => before == Some(Class::Digit) && after == Some(Class::Digit),
        Class::Break | Class::Unknown => false,
    }
}

/// Whether the simple rules cut `chunk` as UAX #29 does: every character
/// is classified, a mark of the Arabic block follows a letter or digit
/// (UAX #29 would attach it to the punctuation before it), and no middle
/// punctuation touches an Arabic letter or mark (whose rules the simple
/// path leaves to the full algorithm).
fn simple_chunk(chunk: &str) -> bool {
    let mut before: Option<Class> = None;
    let mut chars = chunk.chars().map(class).peekable();
    while let Some(c) = chars.next() {
        match c {
            Class::Unknown => return false,
            Class::ArabicMark
                if !matches!(
                    before,
                    Some(Class::Latin | Class::Digit | Class::Arabic | Class::ArabicMark)
                ) =>
            {
                return false
            }
            Class::MidBoth | Class::MidLetter | Class::MidNum => {
                let arabic = |x: Option<&Class>| matches!(x, Some(Class::Arabic | Class::ArabicMark));
                if arabic(before.as_ref()) || arabic(chars.peek()) {
                    return false;
                }
            }
            _ => {}
        }
        before = Some(c);
    }
    true
}

impl WordTokenStream<'_> {
    /// The next word of the simple chunk `text[from..end]`: its byte range.
    fn next_simple_word(&self, from: usize, end: usize) -> Option<(usize, usize)> {
        let text = &self.text[..end];
        let mut before: Option<Class> = text[..from].chars().next_back().map(class);
        let mut chars = text[from..]
            .char_indices()
            .map(|(i, c)| (from + i, class(c)))
            .peekable();
        let mut start = None;
        while let Some((i, c)) = chars.next() {
            let after = chars.peek().map(|&(_, a)| a);
            let word_char = match start {
                // A word starts at a letter or digit (or a mark after one).
                None => matches!(c, Class::Latin | Class::Digit | Class::Arabic | Class::ArabicMark),
                Some(_) => inside(c, before, after),
            };
            match (start, word_char) {
                (None, true) => start = Some(i),
                (Some(s), false) => return Some((s, i)),
                _ => {}
            }
            before = Some(c);
        }
        start.map(|s| (s, end))
    }

    /// The end of the first single-script run of `text[start..end]`.
    fn script_run_end(&self, start: usize, end: usize) -> usize {
        if self.text[start..end].is_ascii() {
            return end;
        }
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
            if let Some((from, end)) = self.simple.take() {
                if let Some((start, stop)) = self.next_simple_word(from, end) {
                    self.simple = Some((stop, end));
                    self.pending = Some((start, stop));
                }
                continue;
            }
            if let Some((base, segments)) = &mut self.segments {
                match segments.next() {
                    Some((i, segment)) => {
                        if segment.chars().any(char::is_alphanumeric) {
                            let start = *base + i;
                            self.pending = Some((start, start + segment.len()));
                        }
                        continue;
                    }
                    None => self.segments = None,
                }
            }
            // The next chunk between whitespace.
            let rest = &self.text[self.at..];
            let Some(skip) = rest.find(|c: char| !c.is_whitespace()) else {
                self.at = self.text.len();
                return false;
            };
            let start = self.at + skip;
            let len = self.text[start..]
                .find(char::is_whitespace)
                .unwrap_or(self.text.len() - start);
            let end = start + len;
            self.at = end;
            let chunk = &self.text[start..end];
            if chunk.chars().all(joins) {
                self.pending = Some((start, end));
            } else if simple_chunk(chunk) {
                self.simple = Some((start, end));
            } else {
                self.segments = Some((start, chunk.split_word_bound_indices()));
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

    /// The tokens of UAX #29 run over the whole text, each segment cut
    /// where the letters change between Arabic and another script: what the
    /// tokenizer gave before whitespace chunks and the fast path.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (start, segment) in text.split_word_bound_indices() {
            if !segment.chars().any(char::is_alphanumeric) {
                continue;
            }
            let mut from = start;
            let mut run: Option<bool> = None;
            for (i, c) in segment.char_indices() {
                let arabic = match script_of(c) {
                    Script::Neutral => continue,
                    s => s == Script::Arabic,
                };
                match run {
                    Some(r) if r != arabic => {
                        out.push((from, start + i));
                        from = start + i;
                        run = Some(arabic);
                    }
                    _ => run = Some(arabic),
                }
            }
            out.push((from, start + segment.len()));
        }
        out
    }

    fn tokens(text: &str) -> Vec<(usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().offset_from, stream.token().offset_to));
        }
        out
    }

    #[test]
    fn same_words_as_uax29_over_the_whole_text() {
        for text in [
            "L’ANEM et Pôle emploi (P3A) : 12,5 % en 2019. L'emploi des jeunes, c'est-à-dire…",
            "Aïn-Defla, Tlemcen\u{00A0}; «\u{00A0}jumelage\u{00A0}» e-mail 1.8 million d’euros 3x4",
            "وَزارةُ العمل، والتشغيل. الشـبـاب ١٢ مارس ٢٠١٩ لـANAPEC و«بول أمبلوا» ٪٥٫٣ UEو",
            "Œuvre cœur naïve ÆON façade — 日本語 テスト 🙂👍🏽 A\u{0301}B x\u{200D}y",
            // The simple path's rules, and the chunks it leaves to UAX #29.
            "a.b 1.5.b l'1 x'y' 'z 1,5, 1;5 a,b a:b 10:30 1'000 (jumelage), «emploi» vingt-quatre",
            "www.anem.dz/emploi 50% ?!x [a]{b} “c” d–e—f… l‘a a..b 1.,5 É.U. ÿ.ß",
            "١٢،٣ ٢٠١٩، العمل،والتشغيل العمل.والتشغيل ق١ «\u{064E}ا» (وَزارة) ؟ما x_y _a a_ ٪٥",
            "é\u{0301}, a.\u{0301}b (\u{200F}a) a\u{00B7}b a\u{2024}b ‚a‛ 3x4. P3A,",
            "  \n\t ",
            "",
        ] {
            assert_eq!(tokens(text), reference(text), "{text}");
        }
    }

    /// Where cutting at whitespace first differs from UAX #29 over the whole
    /// text, on purpose (the only differences over the 42,782 articles of
    /// the French and Arabic news collections): UAX #29 glues a narrow
    /// no-break space (French typography: "vie !", "1 200") to the word
    /// before it, and a stray haraka after a space to the space.
    #[test]
    fn whitespace_never_belongs_to_a_word() {
        check("la vie\u{202F}!", &[("la", 0, 2), ("vie", 3, 6)]);
        check(
            "1\u{202F}200 emplois",
            &[("1", 0, 1), ("200", 4, 7), ("emplois", 8, 15)],
        );
        check("قال \u{064B}وعلى", &[("قال", 0, 6), ("\u{064B}وعلى", 7, 17)]);
    }

    #[test]
    fn punctuation_around_and_inside_words() {
        check(
            "(l’emploi), 12,5 %, «2019».",
            &[("l’emploi", 1, 11), ("12,5", 14, 18), ("2019", 24, 28)],
        );
        check(
            "M.Ali 10:30 a:b",
            &[("M.Ali", 0, 5), ("10", 6, 8), ("30", 9, 11), ("a:b", 12, 15)],
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
