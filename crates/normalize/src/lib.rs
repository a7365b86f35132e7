//! French and Arabic text analysis for fihris, as tantivy tokenizers.
//!
//! One analyzer serves both languages: the [`WordTokenizer`] cuts text into
//! words and splits them where the script changes, and every filter after it
//! acts only on the tokens of its own script (French elision on Latin
//! tokens, Arabic normalization on Arabic ones). A French article quoting an
//! Arabic phrase, or an Arabic article citing "ANAPEC", is thus analysed span
//! by span with the right rules, and a query needs no language flag.
//!
//! Analyzers (register them with [`register`]):
//! - [`EXACT`]: words, compatibility folding, lowercase, French elision,
//!   Latin accent and ligature folding, Arabic normalization. Unstemmed: for
//!   phrases and names.
//! - [`STEM`]: the same, then French and Arabic stopwords removed and each
//!   word stemmed by the [`Stemmer`] chosen for the index (default: the
//!   light stemmers with the Arabic exception list, which measure best; see
//!   BENCHMARKS.md).
//! - [`FORMS`]: words as written: compatibility folding, lowercase, French
//!   elision, Arabic marks removed, but Latin accents and ة kept. What
//!   decides whether an article matches a word: the forms [`inflected_forms`]
//!   generates from a query word are looked up in a field analysed this way
//!   (see `inflection`).
//!
//! Text must be NFC before it reaches these analyzers ([`nfc`]); offsets
//! are byte offsets into that text, so snippets and highlights stay exact.
//!
//! This crate does not detect document languages (`fihris-lang`) or read
//! files (`fihris-ingest`).

pub mod arabic_inflection;
pub mod arabic_light_stem;
pub mod arabic_multi_stem;
pub mod arabic_normalize;
pub mod arabic_spelling;
pub mod compat_fold;
pub mod fnv;
pub mod french_elision;
pub mod french_inflection;
pub mod french_light_stem;
pub mod inflection;
#[cfg(test)]
mod properties;
pub mod shared_analysis;
pub mod snowball_stem;
pub mod stopwords;
pub mod token_map;
pub mod word_tokenizer;

#[cfg(test)]
pub(crate) mod test_util;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, TokenFilter, Tokenizer, TokenizerManager,
};

pub use arabic_light_stem::{ArabicLightStem, Exceptions};
pub use arabic_multi_stem::ArabicMultiStem;
pub use arabic_normalize::{normalize_arabic, ArabicNormalize};
pub use arabic_spelling::{spell_arabic, ArabicSpelling};
pub use compat_fold::CompatFold;
pub use french_elision::FrenchElision;
pub use french_light_stem::FrenchLightStem;
pub use inflection::{inflected_forms, Inflected};
pub use shared_analysis::{Record, Replay};
pub use snowball_stem::SnowballStem;
pub use stopwords::StopWords;
pub use token_map::{MapFilter, TokenMap};
pub use word_tokenizer::WordTokenizer;

/// Name of the exact (unstemmed) analyzer in the tokenizer manager.
pub const EXACT: &str = "fihris_exact";
/// Name of the stemmed analyzer in the tokenizer manager.
pub const STEM: &str = "fihris_stem";
/// Name of the written-forms analyzer in the tokenizer manager.
pub const FORMS: &str = "fihris_forms";

/// The stemmers the [`STEM`] analyzer can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Stemmer {
    /// No stemming (stopwords are still removed).
    None,
    /// Snowball French and Arabic (rust-stemmers).
    Snowball,
    /// Savoy's French light stemmer and Larkey's Arabic light10, plain.
    Light,
    /// The light stemmers, with the Arabic exception list for root-initial
    /// و/ف and conjunction ف stripping.
    LightExceptions,
    /// Savoy's French light stemmer; for Arabic, an aggressive stem of each
    /// clitic reading of a word (see `arabic_multi_stem`).
    #[default]
    Multi,
}

impl Stemmer {
    /// All stemmers, for comparisons.
    pub const ALL: [Stemmer; 5] = [
        Stemmer::None,
        Stemmer::Snowball,
        Stemmer::Light,
        Stemmer::LightExceptions,
        Stemmer::Multi,
    ];

    /// The name used on the command line and in index metadata.
    pub fn name(self) -> &'static str {
        match self {
            Stemmer::None => "none",
            Stemmer::Snowball => "snowball",
            Stemmer::Light => "light",
            Stemmer::LightExceptions => "light-exceptions",
            Stemmer::Multi => "multi",
        }
    }

    /// The stemmer of a name given by [`Stemmer::name`].
    pub fn from_name(name: &str) -> Option<Stemmer> {
        Stemmer::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Tokens longer than this many bytes are dropped: they are URLs, base64 or
/// glued-together text, never a word someone searches for.
const MAX_TOKEN_BYTES: usize = 80;

/// Words, compatibility folding, lowercase, French elision, Latin accent
/// folding, Arabic normalization: the exact analysis, and the first part of
/// the stemmed one.
fn normalized_words() -> impl Tokenizer {
    let words = RemoveLongFilter::limit(MAX_TOKEN_BYTES).transform(WordTokenizer::default());
    let words = CompatFold::filter().transform(words);
    let words = LowerCaser.transform(words);
    let words = FrenchElision::filter().transform(words);
    let words = AsciiFoldingFilter.transform(words);
    ArabicNormalize::filter().transform(words)
}

/// The exact analyzer: normalized, unstemmed words. Each analysis is
/// remembered for a stemmed analysis of the same text on the same thread
/// (see [`shared_analysis`]).
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(Record(normalized_words()))
}

/// The stemmed analyzer: exact analysis (replayed when the exact analyzer
/// just analysed the same text on this thread), stopwords removed,
/// stemmed.
pub fn stem_analyzer(stemmer: Stemmer) -> TextAnalyzer {
    let normalized = TextAnalyzer::builder(Replay::new(normalized_words())).filter(StopWords::filter());
    match stemmer {
        Stemmer::None => normalized.build(),
        Stemmer::Snowball => normalized.filter(SnowballStem::filter()).build(),
        Stemmer::Light => normalized
            .filter(ArabicLightStem::new(Exceptions::None).into_filter())
            .filter(FrenchLightStem::filter())
            .build(),
        Stemmer::LightExceptions => normalized
            .filter(ArabicLightStem::new(Exceptions::List).into_filter())
            .filter(FrenchLightStem::filter())
            .build(),
        Stemmer::Multi => normalized
            .filter(ArabicMultiStem)
            .filter(FrenchLightStem::filter())
            .build(),
    }
}

/// Words, compatibility folding, lowercase, French elision, Arabic marks
/// removed: the words as written, accents and ة kept.
pub fn forms_analyzer() -> TextAnalyzer {
    let words = RemoveLongFilter::limit(MAX_TOKEN_BYTES).transform(WordTokenizer::default());
    let words = CompatFold::filter().transform(words);
    let words = LowerCaser.transform(words);
    let words = FrenchElision::filter().transform(words);
    TextAnalyzer::from(ArabicSpelling::filter().transform(words))
}

/// Registers every fihris analyzer under its name; [`STEM`] with `stemmer`.
pub fn register(manager: &TokenizerManager, stemmer: Stemmer) {
    manager.register(EXACT, exact_analyzer());
    manager.register(STEM, stem_analyzer(stemmer));
    manager.register(FORMS, forms_analyzer());
}

pub use fihris_lang::nfc;

/// The analyzed tokens of `text` as (text, start, end) triples; for tests,
/// tools and the query side.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push((token.text.clone(), token.offset_from, token.offset_to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_tokens_with;

    fn check(text: &str, expected: &[(&str, usize, usize)]) {
        assert_tokens_with(exact_analyzer(), text, expected);
    }

    #[test]
    fn french_press_sentence() {
        check(
            "L’Agence nationale de l'emploi (ANEM) et Pôle emploi",
            &[
                ("agence", 4, 10),
                ("nationale", 11, 20),
                ("de", 21, 23),
                ("emploi", 26, 32),
                ("anem", 34, 38),
                ("et", 40, 42),
                ("pole", 43, 48),
                ("emploi", 49, 55),
            ],
        );
    }

    #[test]
    fn ligatures_and_hyphens() {
        check(
            "Œuvre à Aïn-Defla",
            &[("oeuvre", 0, 6), ("a", 7, 9), ("ain", 10, 14), ("defla", 15, 20)],
        );
    }

    #[test]
    fn arabic_press_sentence() {
        check(
            "وقّعت وزارة التشغيل اتفاقية توأمة مع ANAPEC في ٢٠١٩",
            &[
                ("وقعت", 0, 10),
                ("وزاره", 11, 21),
                ("التشغيل", 22, 36),
                ("اتفاقيه", 37, 51),
                ("توامه", 52, 62),
                ("مع", 63, 67),
                ("anapec", 68, 74),
                ("في", 75, 79),
                ("2019", 80, 88),
            ],
        );
    }

    #[test]
    fn query_and_document_forms_meet() {
        let mut a = exact_analyzer();
        let terms = |a: &mut TextAnalyzer, s: &str| -> Vec<String> {
            analyze(a, s).into_iter().map(|(t, _, _)| t).collect()
        };
        assert_eq!(terms(&mut a, "pole emploi"), terms(&mut a, "Pôle Emploi"));
        assert_eq!(terms(&mut a, "ANEM"), terms(&mut a, "l’ANEM"));
        assert_eq!(terms(&mut a, "توأمة"), terms(&mut a, "تَوْأَمَة"));
        assert_eq!(terms(&mut a, "لا"), terms(&mut a, "ﻻ"));
    }

    #[test]
    fn stem_analyzer_meets_forms() {
        let mut a = stem_analyzer(Stemmer::LightExceptions);
        let terms = |a: &mut TextAnalyzer, s: &str| -> Vec<String> {
            analyze(a, s).into_iter().map(|(t, _, _)| t).collect()
        };
        assert_eq!(
            terms(&mut a, "emplois nationaux"),
            terms(&mut a, "l’emploi national")
        );
        assert_eq!(terms(&mut a, "والتشغيل"), terms(&mut a, "التشغيل"));
        assert_eq!(terms(&mut a, "بالمغرب"), terms(&mut a, "المغرب"));
        // Root-initial و survives with the exception list.
        assert_eq!(terms(&mut a, "وكالة"), vec!["وكال".to_string()]);
        assert_eq!(terms(&mut a, "qu’il le dit"), vec!["dit".to_string()]);
    }

    #[test]
    fn multi_stem_readings_meet_forms() {
        let mut a = stem_analyzer(Stemmer::default());
        let terms = |a: &mut TextAnalyzer, s: &str| -> Vec<String> {
            analyze(a, s).into_iter().map(|(t, _, _)| t).collect()
        };
        let shared = |a: &mut TextAnalyzer, x: &str, y: &str| {
            let (x, y) = (terms(a, x), terms(a, y));
            x.iter().any(|t| y.contains(t))
        };
        assert_eq!(
            terms(&mut a, "emplois nationaux"),
            terms(&mut a, "l’emploi national")
        );
        assert!(shared(&mut a, "والتشغيل", "التشغيل"));
        assert!(shared(&mut a, "بالمغرب", "المغرب"));
        assert!(shared(&mut a, "ببرلين", "برلين"));
        // Root-initial و: one reading, no clitic stripped.
        assert_eq!(terms(&mut a, "وكالة"), terms(&mut a, "الوكالة"));
        assert_eq!(terms(&mut a, "qu’il le dit"), vec!["dit".to_string()]);
    }

    #[test]
    fn stemmer_names_round_trip() {
        for s in Stemmer::ALL {
            assert_eq!(Stemmer::from_name(s.name()), Some(s));
        }
        assert_eq!(Stemmer::from_name("porter"), None);
    }

    #[test]
    fn stem_offsets_point_at_the_word() {
        assert_tokens_with(
            stem_analyzer(Stemmer::LightExceptions),
            "L’emploi des jeunes بالمغرب",
            &[("emploi", 4, 10), ("jeun", 15, 21), ("مغرب", 22, 36)],
        );
    }
}
