//! Cross-lingual search: a French query also finds Arabic articles, and the
//! reverse, through a bilingual lexicon and language-neutral anchors.
//!
//! The lexicon (`data/lexicon-fr-ar.tsv`, written for fihris, see its
//! header) pairs French and Arabic words and expressions. Both sides are
//! analysed with the index's stemmed analyzer, so "emplois" and "l'emploi"
//! meet the entry "emploi", and "والتشغيل" meets "تشغيل". A query's words
//! are matched against the lexicon longest expression first; each match
//! adds its translations. Anchors are words that are the same in both
//! languages' press: numbers and years, and Latin acronyms and names, which
//! Arabic articles often keep in Latin script ("ANAPEC", "P3A").
//!
//! The expansion is a separate clause weighted [`EXPANSION_WEIGHT`], so an
//! article that matches the query directly ranks above one found only
//! through translations.

use tantivy::tokenizer::TextAnalyzer;

/// The lexicon, compiled into the binary.
const LEXICON: &str = include_str!("../data/lexicon-fr-ar.tsv");

/// Weight of the translated clause relative to the direct query.
pub const EXPANSION_WEIGHT: f32 = 0.5;

/// Longest expression (in words) looked up in the lexicon.
const MAX_EXPRESSION_WORDS: usize = 6;

/// The lexicon, analysed: stem sequences to their translations' stem
/// sequences, in both directions.
///
/// It is kept as the text of its cache (one `from<TAB>to` line per pair,
/// stems separated by spaces) with the lines sorted by `from`, and looked up
/// by binary search: opening it costs one pass over 300 KB instead of
/// building a map of thousands of vectors (a cold `fihris search` spent
/// 15 ms on that).
#[derive(Debug, Default)]
pub struct Lexicon {
    /// The pairs, one per line.
    text: String,
    /// Byte ranges of the lines of `text`, sorted by their `from` part.
    lines: Vec<(u32, u32)>,
}

impl Lexicon {
    /// Builds the lexicon from the bundled table, with `stem` the index's
    /// stemmed analyzer.
    pub fn bundled(stem: &mut TextAnalyzer) -> Lexicon {
        Lexicon::parse(LEXICON, stem)
    }

    /// Builds a lexicon from TSV text (`french<TAB>arabic`, `#` comments).
    pub fn parse(text: &str, stem: &mut TextAnalyzer) -> Lexicon {
        // (from stems, to stems, to as written)
        let mut pairs: Vec<(String, String, String)> = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((fr_text, ar_text)) = line.split_once('\t') else {
                continue;
            };
            let (fr_text, ar_text) = (fr_text.trim(), ar_text.trim());
            let fr = stems(stem, fr_text);
            let ar = stems(stem, ar_text);
            if fr.is_empty()
                || ar.is_empty()
                || fr.len() > MAX_EXPRESSION_WORDS
                || ar.len() > MAX_EXPRESSION_WORDS
                // A third column would be read as the written translation.
                || ar_text.contains('\t')
            {
                continue;
            }
            let (fr, ar) = (fr.join(" "), ar.join(" "));
            pairs.push((
                fr.clone(),
                ar.clone(),
                fihris_normalize::nfc(ar_text).into_owned(),
            ));
            pairs.push((ar, fr, fihris_normalize::nfc(fr_text).into_owned()));
        }
        pairs.sort();
        pairs.dedup();
        let mut body = String::new();
        for (from, to, written) in pairs {
            body.push_str(&from);
            body.push('\t');
            body.push_str(&to);
            body.push('\t');
            body.push_str(&written);
            body.push('\n');
        }
        Lexicon::from_body(body)
    }

    /// The lexicon of `from<TAB>to` lines.
    fn from_body(text: String) -> Lexicon {
        let mut lines = Vec::new();
        let mut start = 0usize;
        for line in text.split_inclusive('\n') {
            let end = start + line.trim_end_matches('\n').len();
            if line.contains('\t') {
                lines.push((start as u32, end as u32));
            }
            start += line.len();
        }
        let mut lexicon = Lexicon { text, lines };
        let sorted = lexicon
            .lines
            .windows(2)
            .all(|w| lexicon.key_of(w[0]) <= lexicon.key_of(w[1]));
        if !sorted {
            let mut lines = std::mem::take(&mut lexicon.lines);
            lines.sort_by(|a, b| lexicon.key_of(*a).cmp(lexicon.key_of(*b)));
            lexicon.lines = lines;
        }
        lexicon
    }

    fn line(&self, (start, end): (u32, u32)) -> &str {
        self.text.get(start as usize..end as usize).unwrap_or_default()
    }

    fn key_of(&self, range: (u32, u32)) -> &str {
        let line = self.line(range);
        line.split_once('\t').map_or(line, |(from, _)| from)
    }

    /// The translations of the expression `key` (stems joined by spaces):
    /// their stems, and the expression as the lexicon writes it.
    fn lookup<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let first = self.lines.partition_point(|&r| self.key_of(r) < key);
        self.lines[first..]
            .iter()
            .take_while(move |&&r| self.key_of(r) == key)
            .map(|&r| {
                let to = self.line(r).split_once('\t').map_or("", |(_, to)| to);
                to.split_once('\t').unwrap_or((to, ""))
            })
    }

    fn contains(&self, key: &str) -> bool {
        self.lookup(key).next().is_some()
    }

    /// The analysed lexicon as text, for [`Lexicon::from_cache`]: a header
    /// naming what it was built from, then `from<TAB>to<TAB>written` per
    /// pair (stems separated by spaces, then the translation as written),
    /// sorted.
    pub fn to_cache(&self, key: &str) -> String {
        format!("{}\n{}", cache_header(key), self.text)
    }

    /// Reads a lexicon written by [`Lexicon::to_cache`] with the same key;
    /// `None` if it was written for another stemmer or lexicon.
    pub fn from_cache(text: &str, key: &str) -> Option<Lexicon> {
        let (header, body) = text.split_once('\n')?;
        if header != cache_header(key) {
            return None;
        }
        Some(Lexicon::from_body(body.to_string()))
    }

    /// The stems of a query's `text` for [`Lexicon::translate`]: one per
    /// word, of a word's readings the first that is an entry by itself (so
    /// that والتشغيل finds تشغيل), else the first.
    pub fn query_stems(&self, stem: &mut TextAnalyzer, text: &str) -> Vec<String> {
        self.stems_of(readings(stem, text))
    }

    /// [`Lexicon::query_stems`] of readings already made ([`group_readings`]).
    pub fn stems_of(&self, readings: Vec<Vec<String>>) -> Vec<String> {
        readings
            .into_iter()
            .filter_map(|word| {
                let known = word.iter().position(|r| self.contains(r)).unwrap_or(0);
                word.into_iter().nth(known)
            })
            .collect()
    }

    /// Number of distinct source expressions (both directions).
    #[cfg(test)]
    fn len(&self) -> usize {
        let mut froms: Vec<&str> = self.lines.iter().map(|&r| self.key_of(r)).collect();
        froms.dedup();
        froms.len()
    }

    /// The translations of a sequence of query stems: for each expression
    /// found (longest first, left to right), its start and length in `words`
    /// and its translations.
    pub fn translate(&self, words: &[String]) -> Vec<Translation> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = (1..=MAX_EXPRESSION_WORDS.min(words.len() - i))
                .rev()
                .find_map(|n| {
                    let mut targets: Vec<Vec<String>> = Vec::new();
                    let mut written: Vec<Vec<String>> = Vec::new();
                    for (to, text) in self.lookup(&words[i..i + n].join(" ")) {
                        let to: Vec<String> = to.split(' ').map(str::to_string).collect();
                        match targets.iter().position(|t| *t == to) {
                            Some(k) => written[k].push(text.to_string()),
                            None => {
                                targets.push(to);
                                written.push(vec![text.to_string()]);
                            }
                        }
                    }
                    (!targets.is_empty()).then_some((n, targets, written))
                });
            match longest {
                Some((n, targets, written)) => {
                    out.push(Translation {
                        start: i,
                        len: n,
                        targets,
                        written,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The first line of a cache: the format, the stemmer and a hash of the
/// bundled lexicon, so that a cache from another version is never used.
fn cache_header(key: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = siphasher::sip::SipHasher::new();
    LEXICON.hash(&mut h);
    format!("fihris-lexicon-cache 2 {key} {:016x}", h.finish())
}

/// Translations of a run of query words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// Index of the first query word.
    pub start: usize,
    /// Number of query words.
    pub len: usize,
    /// Each translation, as stems.
    pub targets: Vec<Vec<String>>,
    /// Each translation as the lexicon writes it (one or more expressions
    /// with the same stems: "emploi" and "emplois"), for matching.
    pub written: Vec<Vec<String>>,
}

/// The stems of `text`, one per word: of a word with several readings
/// (an Arabic word that may begin with a clitic), the reading of the whole
/// word, which the analyzer gives first.
pub fn stems(stem: &mut TextAnalyzer, text: &str) -> Vec<String> {
    readings(stem, text)
        .into_iter()
        .filter_map(|r| r.into_iter().next())
        .collect()
}

/// The stemmed readings of each word of `text` (one for most words).
pub fn readings(stem: &mut TextAnalyzer, text: &str) -> Vec<Vec<String>> {
    group_readings(&fihris_normalize::analyze(stem, &fihris_normalize::nfc(text)))
}

/// Analysed tokens (text, start, end) grouped into the readings of each
/// word: the tokens that start where the one before started.
pub fn group_readings(tokens: &[(String, usize, usize)]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut last_start = None;
    for (t, from, _) in tokens {
        match out.last_mut() {
            Some(word) if last_start == Some(*from) => word.push(t.clone()),
            _ => out.push(vec![t.clone()]),
        }
        last_start = Some(*from);
    }
    out
}

/// Whether a query word (as typed) is a language-neutral anchor: a number
/// or year, or a Latin-script acronym or name (starting with a capital, or
/// with a digit inside), which Arabic press writes as is.
pub fn is_anchor(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.is_empty() {
        return false;
    }
    if letters.iter().all(|c| c.is_numeric()) {
        return letters.len() >= 2;
    }
    let latin = letters.iter().all(|c| c.is_ascii_alphanumeric());
    let acronym = letters.len() >= 2
        && letters.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && letters
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let with_digit =
        latin && letters.iter().any(|c| c.is_ascii_digit()) && letters.iter().any(|c| c.is_alphabetic());
    acronym || with_digit
}

#[cfg(test)]
mod tests {
    use super::*;
    use fihris_normalize::{stem_analyzer, Stemmer};

    /// The cache header never changes for the same lexicon: a value
    /// computed with std's SipHash 2-4 with zero keys, before the hasher was
    /// swapped.
    #[test]
    fn cache_header_is_pinned() {
        assert_eq!(cache_header("k"), "fihris-lexicon-cache 2 k 32aa23b70f09b87d");
    }

    fn lexicon(text: &str) -> (Lexicon, TextAnalyzer) {
        let mut stem = stem_analyzer(Stemmer::default());
        (Lexicon::parse(text, &mut stem), stem)
    }

    #[test]
    fn both_directions_and_analysed_forms() {
        let (lex, mut stem) =
            lexicon("# test\njumelage\tتوأمة\nemploi\tتشغيل\nunion européenne\tالاتحاد الأوروبي\n");
        let t = lex.translate(&stems(&mut stem, "les jumelages de l'Union européenne"));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].targets, vec![stems(&mut stem, "توأمة")]);
        assert_eq!(t[1].len, 2, "the two-word expression wins");
        let back = lex.translate(&lex.query_stems(&mut stem, "والتشغيل"));
        assert_eq!(back[0].targets, vec![stems(&mut stem, "emploi")]);
    }

    #[test]
    fn anchors() {
        for w in ["ANEM", "P3A", "2019", "UE", "G20"] {
            assert!(is_anchor(w), "{w}");
        }
        for w in ["emploi", "Emploi", "توأمة", "7", "A", "l'ANEM"] {
            assert!(!is_anchor(w), "{w}");
        }
    }

    #[test]
    fn cache_round_trip() {
        let (lex, mut stem) = lexicon("jumelage\tتوأمة\nunion européenne\tالاتحاد الأوروبي\n");
        let text = lex.to_cache("light-exceptions");
        let back = Lexicon::from_cache(&text, "light-exceptions").expect("same key");
        assert_eq!(
            back.translate(&stems(&mut stem, "union européenne")),
            lex.translate(&stems(&mut stem, "union européenne"))
        );
        assert!(Lexicon::from_cache(&text, "snowball").is_none());
        assert!(Lexicon::from_cache("garbage", "light-exceptions").is_none());
    }

    #[test]
    fn bundled_lexicon_loads() {
        let mut stem = stem_analyzer(Stemmer::default());
        let lex = Lexicon::bundled(&mut stem);
        assert!(lex.len() > 1000, "{}", lex.len());
        let t = lex.translate(&stems(&mut stem, "jumelage"));
        assert!(!t.is_empty());
    }
}
