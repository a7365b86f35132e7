//! Near-duplicate fingerprints: MinHash signatures of word shingles.
//!
//! An article's body (after ingestion removed its boilerplate) is read as
//! its content words ([`analyzer`]: case, accents, elision and Arabic letter
//! variants folded, stopwords removed, light stemming so that plurals and
//! clitics do not matter); every run of [`SHINGLE_WORDS`] consecutive words
//! is a shingle. The estimated Jaccard similarity of two articles' shingle
//! sets is the share of equal slots of their signatures.
//!
//! The signature is one-permutation MinHash with optimal densification
//! (Li, Owen, Zhang 2012; Shrivastava 2017): each shingle is hashed once, the
//! hash picks one of [`SLOTS`] slots and the slot keeps its smallest value;
//! an empty slot (a short article) borrows the value of a non-empty slot
//! chosen by a fixed sequence of probes, so that two articles borrow alike.
//! One hash per shingle instead of one per slot keeps indexing fast. Each
//! slot keeps 8 bits of its minimum (b-bit MinHash, Li and König 2010): two
//! different minima collide once in 256, and the estimate corrects for it
//! ([`Signature::similarity`]). 8 bits instead of 16 halve the signatures'
//! share of an index (128 bytes an article); on the dups test set
//! (bench/dups.sh), precision and recall are within 0.004 of 16 bits' (BENCHMARKS.md).
//!
//! Signatures are stored with each article (a multi-valued fast field, eight
//! slots per value) and compared in memory: by `fihris dups` over the whole
//! index through locality-sensitive hashing ([`band_keys`]), by
//! `search --collapse` over a result list, by `fihris related` against its
//! candidates.

use fihris_normalize::Stemmer;
use tantivy::tokenizer::TextAnalyzer;

/// The analyzer of signatures, the same whatever the index's stemmer (so
/// that signatures never depend on it): stopwords removed, light stemmers.
pub fn analyzer() -> TextAnalyzer {
    fihris_normalize::stem_analyzer(Stemmer::LightExceptions)
}

/// Words per shingle: single content words. A copy of a story keeps them
/// whatever is done to its sentences (reordered, cut, merged), and so does
/// another outlet's rewrite of the same dispatch, which keeps its names,
/// figures and quotes but not its sentences: on the sample corpus's
/// two-outlet pair, word sets have a Jaccard similarity of 0.61, 3-word
/// shingles of 0.20. Unrelated articles share few content words: among
/// 4.5 million pairs of French articles (3,000 drawn from fr_news, exact
/// Jaccard with a simple tokenizer), 5 pairs that are not copies reach 0.4.
/// On rewritten copies, see bench/dups.sh and BENCHMARKS.md.
pub const SHINGLE_WORDS: usize = 1;

/// Slots of a signature: the estimate's standard error is at most
/// 0.5 / √128 ≈ 0.044.
pub const SLOTS: usize = 128;

/// Slots per band for [`Signature::band_keys`]: two articles become
/// candidates when all slots of one band agree. With 42 bands of 3 slots, a
/// pair of similarity 0.5 is a candidate with probability 0.997, a pair of
/// 0.4 with 0.94 and an unrelated pair (0.03) with 0.0016 (slots of
/// different minima agreeing once in 256 included).
pub const BAND_SLOTS: usize = 3;

/// Bands of a signature: [`SLOTS`] / [`BAND_SLOTS`] (the last slots left over).
pub const BANDS: usize = SLOTS / BAND_SLOTS;

/// Bits kept of each slot's minimum.
const SLOT_BITS: usize = 8;

/// Slots packed in one stored `u64`.
const PER_VALUE: usize = 64 / SLOT_BITS;

/// How often two different minima keep the same bits: 1 / 2^[`SLOT_BITS`].
const COLLISION: f32 = 1.0 / (1u32 << SLOT_BITS) as f32;

/// A MinHash signature: [`SLOTS`] 8-bit values, or empty for an article
/// without words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Signature(Vec<u8>);

/// A slot's value before any shingle.
const EMPTY: u64 = u64::MAX;

/// Hashes a shingle into the slot it picks, which keeps its smallest value.
fn add_shingle<'w>(slots: &mut [u64; SLOTS], shingle: impl Iterator<Item = &'w u64>) {
    let mut h = 0x9E37_79B9_7F4A_7C15u64;
    for w in shingle {
        h = mix(h ^ w);
    }
    let slot = (((h >> 32) * SLOTS as u64) >> 32) as usize;
    let value = h & 0xFFFF_FFFF;
    if value < slots[slot] {
        slots[slot] = value;
    }
}

impl Signature {
    /// The signature of a text, analysed with `analyzer` (made by
    /// [`analyzer`]).
    pub fn of_text(analyzer: &mut TextAnalyzer, text: &str) -> Signature {
        // Shingles are taken as the words come, the last SHINGLE_WORDS
        // kept (not every word's hash: 8 bytes a word of a long text); a
        // text of fewer words is one shingle of them all.
        let mut slots = [EMPTY; SLOTS];
        let mut window: std::collections::VecDeque<u64> =
            std::collections::VecDeque::with_capacity(SHINGLE_WORDS);
        let mut full = false;
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            if window.len() == SHINGLE_WORDS {
                window.pop_front();
            }
            window.push_back(fihris_normalize::fnv::fnv1a(stream.token().text.as_bytes()));
            if window.len() == SHINGLE_WORDS {
                full = true;
                add_shingle(&mut slots, window.iter());
            }
        }
        if window.is_empty() {
            return Signature::default();
        }
        if !full {
            add_shingle(&mut slots, window.iter());
        }
        Signature::of_slots(&slots)
    }

    /// The signature of a sequence of word hashes.
    #[cfg(test)]
    fn of_words(words: &[u64]) -> Signature {
        if words.is_empty() {
            return Signature::default();
        }
        let mut slots = [EMPTY; SLOTS];
        let width = SHINGLE_WORDS.min(words.len());
        for shingle in words.windows(width) {
            add_shingle(&mut slots, shingle.iter());
        }
        Signature::of_slots(&slots)
    }

    /// The signature of filled slots (at least one).
    fn of_slots(slots: &[u64; SLOTS]) -> Signature {
        let filled: Vec<bool> = slots.iter().map(|&v| v != EMPTY).collect();
        let mut out = Vec::with_capacity(SLOTS);
        for (i, &value) in slots.iter().enumerate() {
            let value = if filled[i] {
                value
            } else {
                // Probe slots in a sequence fixed by the slot number until
                // one that has a value of its own.
                let mut attempt = 0u64;
                loop {
                    attempt += 1;
                    let j = (mix(((i as u64) << 32) | attempt) % SLOTS as u64) as usize;
                    if filled[j] {
                        break slots[j];
                    }
                }
            };
            // 8 bits of the minimum, mixed with the slot so that borrowed
            // values differ from the slot they came from.
            out.push((mix(value ^ ((i as u64) << 40)) >> 56) as u8);
        }
        Signature(out)
    }

    /// The signature stored as `values` (see [`Signature::to_values`]).
    pub fn from_values(values: impl Iterator<Item = u64>) -> Signature {
        let mut out = Vec::with_capacity(SLOTS);
        for v in values {
            for k in 0..PER_VALUE {
                out.push((v >> (SLOT_BITS * k)) as u8);
            }
        }
        if out.len() != SLOTS {
            return Signature::default();
        }
        Signature(out)
    }

    /// The values to store: eight slots per `u64`.
    pub fn to_values(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.chunks(PER_VALUE).map(|chunk| {
            chunk
                .iter()
                .enumerate()
                .fold(0u64, |acc, (k, &s)| acc | (u64::from(s) << (SLOT_BITS * k)))
        })
    }

    /// Whether the article had no words.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Estimated Jaccard similarity of the two articles' shingle sets (0 if
    /// either has no words).
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.0.len() != SLOTS || other.0.len() != SLOTS {
            return 0.0;
        }
        let equal = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        // Slots of different minima agree by chance once in 256: the share
        // of equal slots is J + (1 - J) / 256, solved for J.
        let share = equal as f32 / SLOTS as f32;
        ((share - COLLISION) / (1.0 - COLLISION)).clamp(0.0, 1.0)
    }

    /// The keys of the signature's bands: two signatures that share a key
    /// agree on all slots of a band. Each key includes its band number.
    pub fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        (0..self.0.len() / BAND_SLOTS).filter_map(|band| self.band_key(band))
    }

    /// The key of band `band` (see [`Signature::band_keys`]); None past the
    /// last band or for an empty signature.
    pub fn band_key(&self, band: usize) -> Option<u64> {
        let slots = self.band(band)?;
        Some(
            slots
                .iter()
                .fold(mix(band as u64 + 1), |h, &s| mix(h ^ u64::from(s))),
        )
    }

    /// Whether the two signatures agree on every slot of band `band` (as
    /// sharing its key does, without the hash).
    pub fn same_band(&self, other: &Signature, band: usize) -> bool {
        match (self.band(band), other.band(band)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    /// The slots of band `band`.
    fn band(&self, band: usize) -> Option<&[u8]> {
        self.0.get(band * BAND_SLOTS..(band + 1) * BAND_SLOTS)
    }
}

/// The splitmix64 finalizer: a fast, well-mixing bijection of `u64`.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(text: &str) -> Signature {
        Signature::of_text(&mut analyzer(), text)
    }

    /// Shingles taken as the words come give the signature of all the
    /// words' hashes at once, as computed before.
    #[test]
    fn streamed_shingles_sign_as_the_whole_list() {
        for text in [
            "",
            "emploi",
            "Le jumelage des agences de l'emploi durera deux ans.",
            "توأمة بين الوكالتين",
        ] {
            let hashes: Vec<u64> = fihris_normalize::analyze(&mut analyzer(), text)
                .into_iter()
                .map(|(w, _, _)| fihris_normalize::fnv::fnv1a(w.as_bytes()))
                .collect();
            assert_eq!(sig(text), Signature::of_words(&hashes), "{text}");
        }
    }

    /// Exact Jaccard similarity of the shingle sets, for comparison.
    fn jaccard(a: &str, b: &str) -> f32 {
        let shingles = |t: &str| {
            let words: Vec<String> = fihris_normalize::analyze(&mut analyzer(), t)
                .into_iter()
                .map(|(w, _, _)| w)
                .collect();
            words
                .windows(SHINGLE_WORDS)
                .map(|w| w.join(" "))
                .collect::<std::collections::HashSet<_>>()
        };
        let (a, b) = (shingles(a), shingles(b));
        a.intersection(&b).count() as f32 / a.union(&b).count() as f32
    }

    /// A text of `n` distinct pseudo-words.
    fn words(seed: u64, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("w{:x}", mix(seed * 1_000_003 + i as u64) % 100_000))
            .collect()
    }

    #[test]
    fn identical_texts_are_identical() {
        let a = sig("L'Agence nationale de l'emploi signe un accord de jumelage avec Pôle emploi.");
        assert_eq!(a.similarity(&a), 1.0);
        // Case, accents and elision do not matter.
        let b = sig("l'agence nationale de l’emploi signe un accord de jumelage avec pole emploi");
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn estimate_is_close_to_the_true_similarity() {
        let base = words(1, 400);
        for keep in [100, 200, 300, 380] {
            // The first `keep` words shared, the rest different.
            let mut other = base[..keep].to_vec();
            other.extend(words(2, 400 - keep));
            let (a, b) = (base.join(" "), other.join(" "));
            let truth = jaccard(&a, &b);
            let estimate = sig(&a).similarity(&sig(&b));
            assert!(
                (truth - estimate).abs() < 0.12,
                "keep {keep}: true {truth}, estimated {estimate}"
            );
        }
    }

    #[test]
    fn unrelated_texts_are_far_apart() {
        let a = words(3, 300).join(" ");
        let b = words(4, 300).join(" ");
        assert!(sig(&a).similarity(&sig(&b)) < 0.05);
    }

    #[test]
    fn short_texts_and_empty_texts() {
        let empty = sig("  ... ");
        assert!(empty.is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
        // Fewer words than a shingle: the words themselves are the shingle.
        let a = sig("ANEM");
        assert!(!a.is_empty());
        assert_eq!(a.similarity(&sig("anem")), 1.0);
        assert!(a.similarity(&sig("ANETI")) < 0.1);
    }

    #[test]
    fn arabic_variants_meet() {
        let a = sig("أعلنت الوكالة الوطنية للتشغيل عن برنامج جديد لفائدة الشباب");
        let b = sig("اعلنت الوكالة الوطنية للتشغيل عن برنامج جديد لفائدة الشباب");
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn values_round_trip() {
        let a = sig(&words(5, 50).join(" "));
        let values: Vec<u64> = a.to_values().collect();
        assert_eq!(values.len(), SLOTS / 8);
        assert_eq!(Signature::from_values(values.into_iter()), a);
        // Anything but a whole signature reads as none.
        assert!(Signature::from_values([1u64, 2].into_iter()).is_empty());
    }

    #[test]
    fn similar_texts_share_a_band_and_unrelated_ones_do_not() {
        let base = words(6, 300);
        let mut near = base.clone();
        near.truncate(260);
        near.extend(words(7, 20));
        let keys = |s: &Signature| s.band_keys().collect::<std::collections::HashSet<_>>();
        let (a, b) = (sig(&base.join(" ")), sig(&near.join(" ")));
        assert_eq!(keys(&a).len(), SLOTS / BAND_SLOTS);
        assert!(keys(&a).intersection(&keys(&b)).count() > 0);
        let c = sig(&words(8, 300).join(" "));
        assert_eq!(keys(&a).intersection(&keys(&c)).count(), 0);
    }
}
