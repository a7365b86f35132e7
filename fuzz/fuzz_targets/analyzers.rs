//! The analyzers: text → tokens, for the exact, forms and stemmed analyzers
//! (every stemmer), and the same through a `TokenizerManager` as an index
//! registers them. Checks: a stemmed analysis replaying the exact one
//! equals the same analysis run afresh; no panic; every token's offsets lie inside the
//! text, on char boundaries, start before end, in order; no empty token.
#![no_main]

use fihris_normalize::{analyze, exact_analyzer, forms_analyzer, stem_analyzer, Stemmer};
use libfuzzer_sys::fuzz_target;
use tantivy::tokenizer::TextAnalyzer;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let stemmer = usize::from(which) % Stemmer::ALL.len();
    ANALYZERS.with_borrow_mut(|analyzers| {
        let Analyzers { exact, forms, stems } = analyzers;
        let stem = &mut stems[stemmer];
        // The exact analysis first: the stemmed one replays it on this
        // thread when the text is the same, as when a document is indexed.
        check("exact", &text, &analyze(exact, &text));
        let replayed = analyze(stem, &text);
        check("stem", &text, &replayed);
        check("forms", &text, &analyze(forms, &text));
        // The stemmed analysis again, with nothing to replay: the same.
        let alone = analyze(stem, &text);
        assert_eq!(replayed, alone, "replayed and fresh stemmed analyses differ");
    });
});

/// The analyzers, built once (building loads the stemmers' tables).
struct Analyzers {
    exact: TextAnalyzer,
    forms: TextAnalyzer,
    stems: Vec<TextAnalyzer>,
}

thread_local! {
    static ANALYZERS: std::cell::RefCell<Analyzers> = std::cell::RefCell::new(Analyzers {
        exact: exact_analyzer(),
        forms: forms_analyzer(),
        stems: Stemmer::ALL.into_iter().map(stem_analyzer).collect(),
    });
}

fn check(name: &str, text: &str, tokens: &[(String, usize, usize)]) {
    let mut last_start = 0;
    for (token, from, to) in tokens {
        assert!(
            from <= to && *to <= text.len(),
            "{name}: {token:?} at {from}..{to} of {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(*from) && text.is_char_boundary(*to),
            "{name}: {token:?} at {from}..{to} not on char boundaries"
        );
        assert!(
            *from >= last_start,
            "{name}: {token:?} at {from} before {last_start}"
        );
        assert!(!token.is_empty(), "{name}: empty token at {from}..{to}");
        last_start = *from;
    }
}
