//! French elision: removes an elided article or pronoun and its apostrophe
//! from the front of a word ("l’ANEM" → "ANEM", "qu’il" → "il",
//! "jusqu'à" → "à").
//!
//! All three apostrophes seen in press text count: ' (U+0027),
//! ’ (U+2019) and ʼ (U+02BC). Only the elision forms of French grammar are
//! removed (the list of ../shared/design/languages.md); "aujourd’hui" and
//! "prud’hommes" keep their apostrophe, normalized to U+0027 so that the
//! typographic and typewriter forms meet. Tokens in Arabic script are left
//! alone. The token's start offset moves past the apostrophe, so highlights
//! cover the word, not the article.
//!
//! Runs after lowercasing.

use tantivy::tokenizer::Token;

use crate::token_map::{MapFilter, TokenMap};

/// Elided forms, sorted, without their apostrophe (lowercase).
const ELIDED: &[&str] = &[
    "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "quoiqu", "s", "t",
];

const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02BC}'];

/// See the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct FrenchElision;

impl FrenchElision {
    /// The tantivy token filter.
    pub fn filter() -> MapFilter<FrenchElision> {
        MapFilter(FrenchElision)
    }
}

impl TokenMap for FrenchElision {
    fn apply(&self, token: &mut Token, scratch: &mut String) -> bool {
        let Some((pos, apostrophe)) = token.text.char_indices().find(|(_, c)| APOSTROPHES.contains(c)) else {
            return true;
        };
        let head = &token.text[..pos];
        let after = pos + apostrophe.len_utf8();
        if ELIDED.binary_search(&head).is_ok() && after < token.text.len() {
            // The token text maps one-to-one onto the source up to here only
            // if no earlier filter changed its length; otherwise keep offsets.
            if token.offset_to - token.offset_from == token.text.len() {
                token.offset_from += after;
            }
            token.text.replace_range(..after, "");
        }
        if token.text.contains(['\u{2019}', '\u{02BC}']) {
            scratch.clear();
            scratch.extend(
                token
                    .text
                    .chars()
                    .map(|c| if APOSTROPHES.contains(&c) { '\'' } else { c }),
            );
            std::mem::swap(&mut token.text, scratch);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_map;

    #[test]
    fn elided_forms_sorted() {
        assert!(ELIDED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_elided_form_with_every_apostrophe() {
        for form in ELIDED {
            for apostrophe in APOSTROPHES {
                assert_map(FrenchElision, &format!("{form}{apostrophe}emploi"), "emploi");
            }
        }
    }

    #[test]
    fn words_with_inner_apostrophes_are_kept() {
        assert_map(FrenchElision, "aujourd’hui", "aujourd'hui");
        assert_map(FrenchElision, "prud'hommes", "prud'hommes");
        // A trailing apostrophe alone is not an elision of anything.
        assert_map(FrenchElision, "l'", "l'");
    }

    #[test]
    fn offsets_skip_the_article() {
        let mut token = Token {
            offset_from: 10,
            offset_to: 18,
            text: "l’anem".to_string(),
            ..Token::default()
        };
        let mut scratch = String::new();
        assert!(FrenchElision.apply(&mut token, &mut scratch));
        assert_eq!(
            (token.text.as_str(), token.offset_from, token.offset_to),
            ("anem", 14, 18)
        );
    }
}
