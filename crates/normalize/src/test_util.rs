//! Test helpers: assert tokens with their byte offsets.

use tantivy::tokenizer::{TextAnalyzer, Token};

use crate::token_map::{MapFilter, TokenMap};
use crate::word_tokenizer::WordTokenizer;

/// Runs `analyzer` over `text` and compares (text, from, to) of every token.
pub fn assert_tokens_with(mut analyzer: TextAnalyzer, text: &str, expected: &[(&str, usize, usize)]) {
    let got = crate::analyze(&mut analyzer, text);
    let got: Vec<(&str, usize, usize)> = got.iter().map(|(t, a, b)| (t.as_str(), *a, *b)).collect();
    assert_eq!(got, expected, "tokens of {text:?}");
}

/// Tokenizes `text` with the word tokenizer followed by `map` alone.
pub fn assert_tokens_after<M: TokenMap>(map: M, text: &str, expected: &[(&str, usize, usize)]) {
    let analyzer = TextAnalyzer::builder(WordTokenizer::default())
        .filter(MapFilter(map))
        .build();
    assert_tokens_with(analyzer, text, expected);
}

/// Applies `map` to a single token whose text is `from` and checks the text.
pub fn assert_map<M: TokenMap>(map: M, from: &str, to: &str) {
    let mut token = Token {
        offset_to: from.len(),
        text: from.to_string(),
        ..Token::default()
    };
    let mut scratch = String::new();
    assert!(map.apply(&mut token, &mut scratch), "{from:?} was dropped");
    assert_eq!(token.text, to, "{from:?}");
}
