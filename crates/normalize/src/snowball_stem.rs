//! Snowball stemming (Porter's Snowball French and Arabic stemmers, via
//! `rust-stemmers`), kept as an analyzer choice for comparison with the
//! light stemmers.
//!
//! Measured on the known-item query sets (BENCHMARKS.md), Snowball's Arabic
//! stemmer over-strips: it removes a root-initial و or ف (وكالة, فرنسا) and
//! merges unrelated words; the light stemmers are the default. Tokens in
//! Arabic script get the Arabic stemmer, Latin tokens the French one, others
//! pass through. Offsets are left alone.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::Arc;
use tantivy::tokenizer::Token;

use crate::token_map::{MapFilter, TokenMap};

/// See the module documentation.
#[derive(Clone)]
pub struct SnowballStem {
    french: Arc<Stemmer>,
    arabic: Arc<Stemmer>,
}

impl std::fmt::Debug for SnowballStem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SnowballStem")
    }
}

impl Default for SnowballStem {
    fn default() -> Self {
        SnowballStem {
            french: Arc::new(Stemmer::create(Algorithm::French)),
            arabic: Arc::new(Stemmer::create(Algorithm::Arabic)),
        }
    }
}

impl SnowballStem {
    /// The tantivy token filter.
    pub fn filter() -> MapFilter<SnowballStem> {
        MapFilter(SnowballStem::default())
    }
}

impl TokenMap for SnowballStem {
    fn apply(&self, token: &mut Token, scratch: &mut String) -> bool {
        let Some(first) = token.text.chars().next() else {
            return true;
        };
        let stemmer = match fihris_lang::script_of(first) {
            fihris_lang::Script::Arabic => &self.arabic,
            fihris_lang::Script::Latin => &self.french,
            _ => return true,
        };
        let stem = stemmer.stem(&token.text);
        if stem.len() != token.text.len() || stem != token.text {
            scratch.clear();
            scratch.push_str(&stem);
            std::mem::swap(&mut token.text, scratch);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{assert_map, assert_tokens_after};

    #[test]
    fn french_and_arabic_by_script() {
        assert_map(SnowballStem::default(), "nationaux", "national");
        assert_map(SnowballStem::default(), "jeunes", "jeun");
        // Snowball keeps "emplois" apart from "emploi", one reason the light
        // stemmer is the default.
        assert_map(SnowballStem::default(), "emplois", "emplois");
        assert_map(SnowballStem::default(), "p3a", "p3a");
    }

    #[test]
    fn arabic_overstemming_is_what_we_measured() {
        // Snowball strips the root-initial و of "agency" and ف of "France",
        // and leaves the و+ال of "and the employment" in place.
        assert_map(SnowballStem::default(), "وكاله", "كال");
        assert_map(SnowballStem::default(), "فرنسا", "رنس");
        assert_map(SnowballStem::default(), "والتشغيل", "والتشغيل");
    }

    #[test]
    fn offsets_unchanged() {
        assert_tokens_after(
            SnowballStem::default(),
            "formation الوكالات",
            &[("format", 0, 9), ("وكال", 10, 26)],
        );
    }
}
