//! Stopwords: drops French and Arabic function words.
//!
//! Both lists were written for fihris from the function words of each
//! language's grammar (articles, prepositions, conjunctions, pronouns,
//! demonstratives and relatives, the forms of the auxiliaries), not copied
//! from another list. They are in the form tokens have when they reach this
//! filter: French lowercased, elided and accent-folded ("été" is "ete", "à"
//! is "a", so "qu’il" arrives as "il"), Arabic normalized ("على" is "علي",
//! "إلى" is "الي", "هذه" keeps its ه). Run the filter before any stemmer.
//!
//! Folding merges a few function words with content words; we drop both:
//! "est" (is / east), "ete" (been / summer), "ou" (or / where), "car"
//! (because / coach), and in Arabic "علي" (on / the name Ali). Queries for
//! those senses still match in the unstemmed field, which keeps every word.
//! Whether dropping stopwords helps ranking is measured, not assumed (see the
//! fihris benchmarks).

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use tantivy::tokenizer::Token;

use crate::fnv::Fnv;
use crate::token_map::{MapFilter, TokenMap};

/// French function words, lowercase and accent-folded, sorted.
#[rustfmt::skip]
pub const FRENCH_STOPWORDS: &[&str] = &[
    "a", "afin", "ai", "aie", "aient", "aies", "ait", "alors", "apres", "as", "au", "aucun",
    "aucune", "aupres", "auquel", "aura", "aurai", "auraient", "aurais", "aurait", "auras",
    "aurez", "auriez", "aurons", "auront", "aussi", "autre", "autres", "aux", "auxquelles",
    "auxquels", "avaient", "avais", "avait", "avant", "avec", "avez", "aviez", "avions",
    "avoir", "avons", "ayant", "ayez", "ayons", "ca", "car", "ce", "ceci", "cela", "celle",
    "celles", "celui", "cependant", "ces", "cet", "cette", "ceux", "chacun", "chacune",
    "chaque", "chez", "ci", "comme", "comment", "contre", "dans", "de", "deja", "depuis", "des",
    "desquelles", "desquels", "donc", "dont", "du", "duquel", "durant", "elle", "elles", "en",
    "encore", "entre", "envers", "es", "est", "et", "etaient", "etais", "etait", "etant", "ete",
    "etes", "etiez", "etions", "etre", "eu", "eue", "eues", "eurent", "eus", "eut", "eux",
    "furent", "fus", "fut", "il", "ils", "je", "jusque", "la", "laquelle", "le", "lequel",
    "les", "lesquelles", "lesquels", "leur", "leurs", "lors", "lorsque", "lui", "ma", "mais",
    "malgre", "me", "meme", "memes", "mes", "moi", "mon", "ne", "ni", "nos", "notre", "nous",
    "on", "ont", "ou", "par", "parce", "parmi", "pas", "pendant", "plus", "plusieurs", "pour",
    "pourquoi", "pres", "puis", "puisque", "quand", "que", "quel", "quelle", "quelles",
    "quelque", "quelques", "quels", "qui", "quoi", "quoique", "sa", "sans", "se", "selon",
    "sera", "serai", "seraient", "serais", "serait", "seras", "serez", "seriez", "serions",
    "serons", "seront", "ses", "si", "soi", "soient", "soit", "sommes", "son", "sont", "sous",
    "suis", "sur", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute", "toutes", "tres",
    "tu", "un", "une", "unes", "uns", "vers", "via", "vos", "votre", "vous", "y",
];

/// Arabic particles, pronouns and function words, normalized, sorted.
/// Includes the forms with a conjunction (وفي, فان) and an attached pronoun
/// (منها, عليه) that are written as one word.
#[rustfmt::skip]
pub const ARABIC_STOPWORDS: &[&str] = &[
    "اثناء", "اذ", "اذا", "اذن", "ازاء", "اصبح", "اصبحت", "الا", "التي", "الذي", "الذين",
    "اللاتي", "اللتان", "اللتين", "اللذان", "اللذين", "اللواتي", "الي", "اليه", "اليها",
    "اليهم", "ام", "اما", "امام", "ان", "انا", "انت", "انتم", "انما", "انه", "انها", "انهم",
    "او", "اولئك", "اي", "ايضا", "اين", "ب", "بان", "بانه", "بانها", "بدون", "بعد", "بعدما",
    "بعض", "بل", "بما", "به", "بها", "بهم", "بين", "بينما", "تجاه", "تحت", "تكون", "تلك", "تم",
    "ثم", "حتي", "حسب", "حوالي", "حول", "حيث", "حين", "حينما", "خلال", "دون", "ذاك", "ذلك",
    "سوف", "سوي", "صار", "ضد", "ضمن", "عبر", "علي", "عليه", "عليها", "عليهم", "عما", "عن",
    "عند", "عندما", "عنه", "عنها", "عنهم", "غير", "ف", "فان", "فانه", "ففي", "فقد", "فلا",
    "فما", "فمن", "فهو", "فهي", "فوق", "في", "فيما", "فيه", "فيها", "فيهم", "قبل", "قد", "ك",
    "كان", "كانا", "كانت", "كانوا", "كذلك", "كل", "كم", "كما", "كي", "كيف", "ل", "لا", "لازال",
    "لان", "لانه", "لانها", "لدي", "لقد", "لكن", "لكي", "لم", "لما", "لماذا", "لن", "له", "لها",
    "لهم", "لهما", "لو", "لولا", "ليس", "ليست", "ليسوا", "ما", "ماذا", "مازال", "متي", "مثل",
    "مذ", "مع", "معه", "معها", "معهم", "مما", "من", "منذ", "منه", "منها", "منهم", "نحن", "نحو",
    "هؤلاء", "هاتان", "هاتين", "هذا", "هذان", "هذه", "هذين", "هكذا", "هل", "هم", "هما", "هن",
    "هنا", "هناك", "هنالك", "هو", "هي", "و", "وان", "وانه", "وبين", "وتم", "وحتي", "وذلك",
    "وعلي", "وعن", "وفي", "وقد", "وكان", "وكانت", "وكذلك", "وكل", "ولا", "ولكن", "ولم", "ولن",
    "وما", "ومع", "ومن", "وهذا", "وهذه", "وهم", "وهو", "وهي", "يتم", "يكون",
];

/// See the module documentation.
#[derive(Clone, Copy, Debug)]
pub struct StopWords {
    french: bool,
    arabic: bool,
}

impl StopWords {
    /// Drops the words of both lists.
    pub fn french_and_arabic() -> Self {
        StopWords {
            french: true,
            arabic: true,
        }
    }

    /// Drops French stopwords only.
    pub fn french() -> Self {
        StopWords {
            french: true,
            arabic: false,
        }
    }

    /// Drops Arabic stopwords only.
    pub fn arabic() -> Self {
        StopWords {
            french: false,
            arabic: true,
        }
    }

    /// The tantivy token filter, with both lists.
    pub fn filter() -> MapFilter<StopWords> {
        MapFilter(StopWords::french_and_arabic())
    }

    /// This filter as a tantivy token filter.
    pub fn into_filter(self) -> MapFilter<StopWords> {
        MapFilter(self)
    }

    /// Whether `word` (normalized as described in the module documentation)
    /// is a stopword of one of the enabled lists.
    pub fn contains(&self, word: &str) -> bool {
        // French entries are ASCII and Arabic ones are not: one lookup.
        let sets = sets();
        if word.len() > sets.longest {
            return false;
        }
        if word.is_ascii() {
            self.french && sets.french.contains(word)
        } else {
            self.arabic && sets.arabic.contains(word)
        }
    }
}

/// The lists as hash sets (a lookup per token of every analysed text: a
/// binary search took a tenth of indexing time), and the longest entry in
/// bytes, which most content words exceed.
struct Sets {
    french: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    arabic: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    longest: usize,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets {
        french: FRENCH_STOPWORDS.iter().copied().collect(),
        arabic: ARABIC_STOPWORDS.iter().copied().collect(),
        longest: FRENCH_STOPWORDS
            .iter()
            .chain(ARABIC_STOPWORDS)
            .map(|w| w.len())
            .max()
            .unwrap_or(0),
    })
}

impl Default for StopWords {
    fn default() -> Self {
        StopWords::french_and_arabic()
    }
}

impl TokenMap for StopWords {
    fn apply(&self, token: &mut Token, _scratch: &mut String) -> bool {
        !self.contains(&token.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize_arabic;
    use crate::test_util::assert_tokens_after;

    #[test]
    fn lists_sorted_unique_and_normalized() {
        for (name, list) in [("french", FRENCH_STOPWORDS), ("arabic", ARABIC_STOPWORDS)] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{name}: {} before {}", pair[0], pair[1]);
            }
        }
        for word in FRENCH_STOPWORDS {
            assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}: not folded");
        }
        for word in ARABIC_STOPWORDS {
            assert_eq!(normalize_arabic(word), *word, "not normalized");
            assert!(!word.is_ascii(), "{word}");
        }
        assert!(FRENCH_STOPWORDS.len() >= 120, "{}", FRENCH_STOPWORDS.len());
        assert!(ARABIC_STOPWORDS.len() >= 150, "{}", ARABIC_STOPWORDS.len());
    }

    #[test]
    fn table() {
        let stop = StopWords::french_and_arabic();
        for (word, is_stop) in [
            ("le", true),
            ("de", true),
            ("a", true),
            ("il", true),
            ("etre", true),
            ("ete", true),
            ("qui", true),
            ("في", true),
            ("علي", true),
            ("الي", true),
            ("التي", true),
            ("هذه", true),
            ("و", true),
            ("emploi", false),
            ("agence", false),
            ("jeunes", false),
            ("anem", false),
            ("2019", false),
            ("تشغيل", false),
            ("وكاله", false),
            ("التشغيل", false),
            ("على", false), // not normalized: the filter expects ى → ي done
        ] {
            assert_eq!(stop.contains(word), is_stop, "{word}");
        }
        assert!(!StopWords::french().contains("في"));
        assert!(!StopWords::arabic().contains("le"));
        assert!(StopWords::arabic().contains("في"));
    }

    #[test]
    fn french_sentence() {
        // "Qu’il s’agisse de l’emploi des jeunes à Tunis", after elision and
        // folding.
        assert_tokens_after(
            StopWords::default(),
            "il agisse de emploi des jeunes a tunis",
            &[
                ("agisse", 3, 9),
                ("emploi", 13, 19),
                ("jeunes", 24, 30),
                ("tunis", 33, 38),
            ],
        );
    }

    #[test]
    fn arabic_sentence() {
        // "أعلنت الوكالة الوطنية للتشغيل عن برنامج جديد في هذه الولاية",
        // normalized.
        assert_tokens_after(
            StopWords::default(),
            "اعلنت الوكاله الوطنيه للتشغيل عن برنامج جديد في هذه الولايه",
            &[
                ("اعلنت", 0, 10),
                ("الوكاله", 11, 25),
                ("الوطنيه", 26, 40),
                ("للتشغيل", 41, 55),
                ("برنامج", 61, 73),
                ("جديد", 74, 82),
                ("الولايه", 95, 109),
            ],
        );
    }
}
