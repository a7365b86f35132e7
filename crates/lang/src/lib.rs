//! Script and language detection for French and Arabic press text.
//!
//! fihris decides by *script first*: a text whose letters are mostly Arabic
//! script is Arabic; a text whose letters are mostly Latin is handed to
//! whatlang, restricted to an allowlist of Latin-script languages and only
//! when the text is long enough for whatlang to be reliable (on short strings
//! it happily calls a French word Zulu). What whatlang cannot settle falls back
//! to counting French function words, and otherwise to "und" (undetermined):
//! we would rather say we do not know than tag a document wrongly.
//!
//! Entry points: [`detect`] for a whole document, [`script_of`] for one
//! character and [`script_spans`] for the per-span view that the analyzers use
//! (a French article quoting Arabic is analysed span by span). It also holds
//! the text primitives every other crate needs: [`nfc`], the Arabic
//! script's ranges and right-to-left detection ([`script`]), and the one
//! folding table of Arabic and Latin letters ([`fold`]).
//!
//! This crate does not tokenize, stem or filter tokens; see `fihris-normalize`.

pub mod fold;
pub mod script;

pub use fold::{fold_arabic_letter, fold_latin_letter, fold_letter_into};
pub use script::{
    arabic_digit_value, has_rtl, in_arabic_script, is_arabic_block, is_arabic_char, is_arabic_mark,
    is_rtl_char, is_rtl_text,
};

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Unicode NFC, without copying text that is already NFC (almost all of
/// it). Files are read and queries parsed in NFC, so that byte offsets of
/// the analysis stay exact for snippets.
///
/// A text that is not all NFC is normalized a line at a time, lines that
/// are NFC copied as they are: NFC never composes across a line feed (a
/// starter that combines with nothing), so the result is the same as the
/// whole text's, and a page with one decomposed "é" costs one line's
/// normalization, not the whole page's character by character (it was 8 %
/// of reading an HTML page, measured with callgrind on 61 web pages).
pub fn nfc(text: &str) -> Cow<'_, str> {
    let is_nfc = |line: &str| line.is_ascii() || is_nfc_quick(line.chars()) == IsNormalized::Yes;
    let mut lines = text.split_inclusive('\n');
    let mut nfc_bytes = 0;
    let first_not_nfc = loop {
        match lines.next() {
            None => return Cow::Borrowed(text),
            Some(line) if is_nfc(line) => nfc_bytes += line.len(),
            Some(line) => break line,
        }
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..nfc_bytes]);
    out.extend(first_not_nfc.nfc());
    for line in lines {
        if is_nfc(line) {
            out.push_str(line);
        } else {
            out.extend(line.nfc());
        }
    }
    Cow::Owned(out)
}

/// A writing system, as far as fihris cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Arabic script, including presentation forms and the supplement blocks.
    Arabic,
    /// Latin script letters (ASCII and accented).
    Latin,
    /// Letters of any other script.
    Other,
    /// Not a letter: digits, punctuation, spaces, symbols, combining marks.
    Neutral,
}

/// The script of one character. Combining marks (harakat, accents in NFD)
/// are [`Script::Neutral`]: they take the script of the letter they sit on.
/// Arabic letters are those of [`is_arabic_char`], in every block of the
/// script; its marks, digits and punctuation are neutral.
pub fn script_of(c: char) -> Script {
    let cp = c as u32;
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Script::Latin
        } else {
            Script::Neutral
        };
    }
    // The common Latin letters first, without a Unicode table lookup: the
    // Latin-1 and Latin Extended-A/B letters.
    if matches!(cp, 0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F) {
        return Script::Latin;
    }
    if in_arabic_script(c) {
        return if is_arabic_char(c) {
            Script::Arabic
        } else {
            Script::Neutral
        };
    }
    match cp {
        // Latin-1 letters, Latin Extended-A/B, IPA is not needed, Latin Extended Additional, ligatures.
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0xFB00..=0xFB06 => {
            if c.is_alphabetic() {
                Script::Latin
            } else {
                Script::Neutral
            }
        }
        0x0300..=0x036F => Script::Neutral,
        _ => {
            if c.is_alphabetic() {
                Script::Other
            } else {
                Script::Neutral
            }
        }
    }
}

/// A language tag as stored in the index: ISO 639-1 where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lang {
    /// French.
    Fr,
    /// Arabic (any variety written in Arabic script, unless told otherwise).
    Ar,
    /// Another language, by its code (e.g. "en").
    Other(String),
    /// Undetermined: too short, or no evidence either way.
    Und,
}

impl Lang {
    /// The code stored in the index: "fr", "ar", another code, or "und".
    pub fn code(&self) -> &str {
        match self {
            Lang::Fr => "fr",
            Lang::Ar => "ar",
            Lang::Other(code) => code,
            Lang::Und => "und",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for a language tag that is not a plausible language code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid language code {0:?}: expected a 2- or 3-letter code such as fr or ar")]
pub struct LangError(String);

impl FromStr for Lang {
    type Err = LangError;

    /// Accepts "fr", "FR", "fra", "fre", "french", "français", "ar", "ara",
    /// "arabic", "arabe", "العربية", region-qualified tags ("fr-FR", "ar_MA"),
    /// other 2–3 letter codes, and "und".
    fn from_str(s: &str) -> Result<Lang, LangError> {
        let t = s.trim().to_lowercase();
        let primary = t.split(['-', '_']).next().unwrap_or_default();
        match primary {
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Ok(Lang::Fr),
            "ar" | "ara" | "arb" | "arabic" | "arabe" | "العربية" => Ok(Lang::Ar),
            "und" => Ok(Lang::Und),
            p if (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()) => {
                Ok(Lang::Other(p.to_string()))
            }
            _ => Err(LangError(s.to_string())),
        }
    }
}

/// Letter counts by script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Arabic-script letters.
    pub arabic: usize,
    /// Latin-script letters.
    pub latin: usize,
    /// Letters of other scripts.
    pub other: usize,
}

impl ScriptCounts {
    /// Counts the letters of `text` by script.
    pub fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            match script_of(c) {
                Script::Arabic => counts.arabic += 1,
                Script::Latin => counts.latin += 1,
                Script::Other => counts.other += 1,
                Script::Neutral => {}
            }
        }
        counts
    }

    /// All letters counted.
    pub fn letters(&self) -> usize {
        self.arabic + self.latin + self.other
    }
}

/// Below this many Latin letters whatlang is not consulted: its guesses on
/// a few words are noise.
const MIN_LETTERS_FOR_WHATLANG: usize = 40;

/// Latin-script languages whatlang may answer with. Anything else it says
/// about Latin text (Zulu, Esperanto, Latin…) is more likely a mistake on
/// press text than a real finding.
const LATIN_ALLOWLIST: &[whatlang::Lang] = &[
    whatlang::Lang::Fra,
    whatlang::Lang::Eng,
    whatlang::Lang::Spa,
    whatlang::Lang::Ita,
    whatlang::Lang::Por,
    whatlang::Lang::Deu,
    whatlang::Lang::Nld,
];

/// French function words, sorted; frequent in any French sentence and rare
/// together in other Latin-script languages. Used only when whatlang is not
/// reliable.
const FRENCH_MARKERS: &[&str] = &[
    "au", "aux", "avec", "dans", "des", "du", "est", "et", "il", "la", "le", "les", "pour", "qui", "sur",
    "un", "une",
];

/// Detects the language of a document (title and body together).
pub fn detect(text: &str) -> Lang {
    let counts = ScriptCounts::of(text);
    let letters = counts.letters();
    if letters == 0 {
        return Lang::Und;
    }
    // Press text mixes scripts (Latin acronyms in Arabic articles, Arabic
    // names in French ones); the majority script decides.
    if counts.arabic * 2 >= letters {
        return Lang::Ar;
    }
    if counts.latin * 2 < letters {
        return Lang::Und;
    }
    if counts.latin >= MIN_LETTERS_FOR_WHATLANG {
        let detector = whatlang::Detector::with_allowlist(LATIN_ALLOWLIST.to_vec());
        if let Some(info) = detector.detect(text) {
            if info.is_reliable() {
                return from_whatlang(info.lang());
            }
        }
    }
    if french_marker_share(text) >= 0.08 {
        Lang::Fr
    } else {
        Lang::Und
    }
}

fn from_whatlang(lang: whatlang::Lang) -> Lang {
    match lang {
        whatlang::Lang::Fra => Lang::Fr,
        whatlang::Lang::Ara => Lang::Ar,
        other => {
            let code = match other {
                whatlang::Lang::Eng => "en",
                whatlang::Lang::Spa => "es",
                whatlang::Lang::Ita => "it",
                whatlang::Lang::Por => "pt",
                whatlang::Lang::Deu => "de",
                whatlang::Lang::Nld => "nl",
                _ => return Lang::Und,
            };
            Lang::Other(code.to_string())
        }
    }
}

/// Share of the Latin words of `text` that are French function words.
fn french_marker_share(text: &str) -> f64 {
    let mut words = 0usize;
    let mut markers = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.chars().all(|c| script_of(c) == Script::Latin))
    {
        words += 1;
        let lower = word.to_lowercase();
        if FRENCH_MARKERS.binary_search(&lower.as_str()).is_ok() {
            markers += 1;
        }
    }
    if words == 0 {
        0.0
    } else {
        markers as f64 / words as f64
    }
}

/// A run of text in one script. Neutral characters (spaces, digits,
/// punctuation, marks) join the run they are in; a span boundary falls at
/// the first letter of another script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptSpan {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The script of the letters in the span ([`Script::Neutral`] only for
    /// text with no letters at all).
    pub script: Script,
}

/// Splits `text` into maximal runs of one script, covering all of it.
pub fn script_spans(text: &str) -> Vec<ScriptSpan> {
    let mut spans: Vec<ScriptSpan> = Vec::new();
    let mut current: Option<ScriptSpan> = None;
    for (i, c) in text.char_indices() {
        let s = script_of(c);
        let end = i + c.len_utf8();
        match current.as_mut() {
            None => {
                current = Some(ScriptSpan {
                    start: i,
                    end,
                    script: s,
                })
            }
            Some(span) => {
                if s == Script::Neutral || s == span.script {
                    span.end = end;
                } else if span.script == Script::Neutral {
                    span.script = s;
                    span.end = end;
                } else {
                    spans.push(*span);
                    *span = ScriptSpan {
                        start: i,
                        end,
                        script: s,
                    };
                }
            }
        }
    }
    spans.extend(current);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_accents() {
        let decomposed = "Po\u{0302}le";
        assert_eq!(nfc(decomposed), "Pôle");
        assert!(matches!(nfc("Pôle"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        /// NFC twice is NFC once.
        #[test]
        fn nfc_is_idempotent(text in "\\PC{0,40}", marks in "[a-z\u{0300}-\u{036F}\u{064B}-\u{0652}]{0,20}") {
            for text in [text, marks] {
                let once = nfc(&text).into_owned();
                proptest::prop_assert_eq!(nfc(&once), once.as_str());
            }
        }

        /// A line at a time gives the whole text's NFC, line feeds before
        /// combining marks included.
        #[test]
        fn nfc_by_lines_is_the_whole_texts(text in "[a-zé\n\u{0300}-\u{0304}\u{0327}\u{064B}-\u{0652}\u{0653}-\u{0655}ا]{0,60}") {
            proptest::prop_assert_eq!(nfc(&text).into_owned(), text.nfc().collect::<String>());
        }

        /// Spans cover the text, in order, without gaps.
        #[test]
        fn spans_cover_the_text(text in "\\PC{0,40}") {
            let mut at = 0;
            for span in script_spans(&text) {
                proptest::prop_assert_eq!(span.start, at);
                at = span.end;
            }
            proptest::prop_assert_eq!(at, text.len());
        }
    }

    #[test]
    fn scripts_of_characters() {
        for (c, s) in [
            ('a', Script::Latin),
            ('É', Script::Latin),
            ('œ', Script::Latin),
            ('ب', Script::Arabic),
            ('ـ', Script::Arabic),
            ('ﻻ', Script::Arabic),
            ('\u{064E}', Script::Neutral),
            ('٣', Script::Neutral),
            ('،', Script::Neutral),
            ('7', Script::Neutral),
            (' ', Script::Neutral),
            ('Ж', Script::Other),
        ] {
            assert_eq!(script_of(c), s, "{c:?}");
        }
    }

    /// The letters taken without a table lookup are letters.
    #[test]
    fn fast_letter_ranges_are_letters() {
        for c in ('\u{0621}'..='\u{063A}').chain('\u{0641}'..='\u{064A}') {
            assert!(c.is_alphabetic(), "{c:?}");
            assert_eq!(script_of(c), Script::Arabic, "{c:?}");
        }
        for c in ('\u{00C0}'..='\u{024F}').filter(|&c| c != '\u{00D7}' && c != '\u{00F7}') {
            assert!(c.is_alphabetic(), "{c:?}");
            assert_eq!(script_of(c), Script::Latin, "{c:?}");
        }
        assert_eq!(script_of('\u{00D7}'), Script::Neutral);
    }

    #[test]
    fn detects_press_paragraphs() {
        let fr = "L'Agence nationale de l'emploi et Pôle emploi ont signé mardi un accord \
                  de jumelage financé par l'Union européenne pour moderniser les services.";
        assert_eq!(detect(fr), Lang::Fr);
        let ar = "وقعت الوكالة الوطنية للتشغيل اتفاقية توأمة مع الوكالة الفرنسية بتمويل من الاتحاد الأوروبي";
        assert_eq!(detect(ar), Lang::Ar);
        // Latin acronyms do not turn an Arabic article French.
        let ar_acronyms = "أعلنت ANAPEC عن برنامج جديد في إطار مشروع P3A الممول من UE لدعم تشغيل الشباب";
        assert_eq!(detect(ar_acronyms), Lang::Ar);
        let en = "The national employment agency signed a twinning agreement with its French \
                  counterpart, funded by the European Union, to modernise its services.";
        assert_eq!(detect(en), Lang::Other("en".into()));
    }

    #[test]
    fn short_or_empty_texts() {
        assert_eq!(detect(""), Lang::Und);
        assert_eq!(detect("2019 — 12/03"), Lang::Und);
        // Too short for whatlang, but French function words decide.
        assert_eq!(detect("Le jumelage et la formation"), Lang::Fr);
        // A lone name is not evidence of anything.
        assert_eq!(detect("Ouagadougou"), Lang::Und);
        assert_eq!(detect("توأمة"), Lang::Ar);
    }

    #[test]
    fn parses_language_tags() {
        for (s, l) in [
            ("fr", Lang::Fr),
            ("FR", Lang::Fr),
            ("fr-FR", Lang::Fr),
            ("fra", Lang::Fr),
            ("ar", Lang::Ar),
            ("ar_MA", Lang::Ar),
            ("arabic", Lang::Ar),
            ("en", Lang::Other("en".into())),
            ("und", Lang::Und),
        ] {
            assert_eq!(s.parse::<Lang>(), Ok(l), "{s}");
        }
        assert!("".parse::<Lang>().is_err());
        assert!("french!".parse::<Lang>().is_err());
        assert!("x".parse::<Lang>().is_err());
    }

    #[test]
    fn french_markers_are_sorted() {
        assert!(FRENCH_MARKERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn spans_split_at_script_changes() {
        let text = "Le mot توأمة (jumelage)";
        let spans = script_spans(text);
        let pieces: Vec<(&str, Script)> = spans.iter().map(|s| (&text[s.start..s.end], s.script)).collect();
        assert_eq!(
            pieces,
            vec![
                ("Le mot ", Script::Latin),
                ("توأمة (", Script::Arabic),
                ("jumelage)", Script::Latin),
            ]
        );
        assert_eq!(script_spans(""), vec![]);
        assert_eq!(
            script_spans("12, 13"),
            vec![ScriptSpan {
                start: 0,
                end: 6,
                script: Script::Neutral
            }]
        );
    }
}
