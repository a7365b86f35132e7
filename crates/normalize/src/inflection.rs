//! Which written forms a query word matches: "match precisely, rank
//! broadly".
//!
//! Stems rank: the stemmed fields put a word together with its family and
//! its look-alikes (Arabic multi-reading stems, French light stems with
//! accents folded), which helps the right article come first. They do not
//! decide what matches, because every count, filter, date sort and page
//! depends on that: a search for البطالة must not count football
//! championships (بطولة), nor `marché` count every "marche".
//!
//! What matches is the word and its inflections, generated from the query
//! word by [`crate::french_inflection`] and [`crate::arabic_inflection`]
//! and looked up as written:
//! - an Arabic word, among words spelled as [`crate::FORMS`] keeps them (ة
//!   kept, hamza on alef folded);
//! - a French word typed with accents, among words as written: `marché`
//!   finds marché and marchés, not marche;
//! - a word typed without accents, among accent-folded words
//!   ([`crate::EXACT`]): `marche` finds marche and marché, as a user who
//!   types no accent expects;
//! - anything else (numbers, other scripts), as it is.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use fihris_lang::{script_of, Script};

use crate::arabic_inflection::arabic_forms;
use crate::french_inflection::french_forms;

/// The forms a query word matches, and where to look them up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inflected {
    /// Whether the forms are written forms ([`crate::FORMS`] analysis), or
    /// accent-folded ones ([`crate::EXACT`] analysis).
    pub written: bool,
    /// The forms, sorted (by bytes), the word itself among them.
    pub forms: Arc<[String]>,
}

/// Words whose forms are remembered: an Arabic word has hundreds of forms,
/// and a long query or a server asks for the same words again (the
/// lexicon's translations above all).
const REMEMBERED: usize = 4096;

static CACHE: LazyLock<Mutex<HashMap<(String, String), Inflected>>> = LazyLock::new(Default::default);

/// The forms of one query word, given as the written-forms analyzer
/// (`written`) and the exact analyzer (`folded`) analyse it.
pub fn inflected_forms(written: &str, folded: &str) -> Inflected {
    let key = (written.to_string(), folded.to_string());
    if let Some(hit) = CACHE.lock().ok().and_then(|cache| cache.get(&key).cloned()) {
        return hit;
    }
    let inflected = compute(written, folded);
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= REMEMBERED {
            cache.clear();
        }
        cache.insert(key, inflected.clone());
    }
    inflected
}

fn compute(written: &str, folded: &str) -> Inflected {
    let script = written.chars().next().map(script_of);
    if script == Some(Script::Arabic) {
        return Inflected {
            written: true,
            forms: arabic_forms(written).into(),
        };
    }
    if script == Some(Script::Latin) {
        if written == folded {
            return Inflected {
                written: false,
                forms: french_forms(folded).into(),
            };
        }
        return Inflected {
            written: true,
            forms: french_forms(written).into(),
        };
    }
    Inflected {
        written: false,
        forms: vec![folded.to_string()].into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_decide_the_field() {
        let accented = inflected_forms("marché", "marche");
        assert!(accented.written);
        assert!(accented.forms.contains(&"marchés".to_string()));
        assert!(!accented.forms.contains(&"marche".to_string()));
        let plain = inflected_forms("marche", "marche");
        assert!(!plain.written);
        assert!(plain.forms.contains(&"marches".to_string()));
    }

    #[test]
    fn arabic_is_looked_up_as_written() {
        let got = inflected_forms("الجامعة", "الجامعه");
        assert!(got.written);
        assert!(got.forms.contains(&"بالجامعة".to_string()));
    }

    #[test]
    fn numbers_stay_as_they_are() {
        assert_eq!(
            inflected_forms("2019", "2019"),
            Inflected {
                written: false,
                forms: vec!["2019".to_string()].into()
            }
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Words made of the letters the generators look at (Arabic letters,
    /// hamza forms, ة, ى; Latin with accents), and anything else.
    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            "[اأإآبتثجحخدذرسشصضطظعغفقكلمنهويىةءؤئ]{1,12}",
            "[a-zéèêëàâîïôûùüçœ]{1,14}",
            "\\PC{1,10}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any word gives sorted, distinct forms that include it, and
        /// asking twice gives the same answer (the cache changes nothing).
        #[test]
        fn forms_are_sorted_distinct_and_include_the_word(w in word()) {
            let folded = w.to_lowercase();
            let first = inflected_forms(&w, &folded);
            let second = inflected_forms(&w, &folded);
            prop_assert_eq!(&first, &second);
            let forms = &first.forms;
            prop_assert!(forms.windows(2).all(|p| p[0] < p[1]), "{:?}", forms);
            let own = if first.written { &w } else { &folded };
            prop_assert!(forms.iter().any(|f| f == own), "{} not in {:?}", own, forms);
            prop_assert!(forms.iter().all(|f| !f.is_empty()));
        }
    }
}
