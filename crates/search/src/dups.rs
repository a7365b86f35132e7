//! Near-duplicate groups: the same story published more than once (a wire
//! story in several outlets, a republished article).
//!
//! Every article carries the MinHash signature of its body, computed when it
//! was indexed (see [`crate::minhash`]); boilerplate that ingestion removed
//! is not part of it. Finding the groups reads the signatures of the whole
//! index from a fast field, puts articles that agree on a band of slots in
//! the same bucket (locality-sensitive hashing), and compares the signatures
//! of the articles that share a bucket. Taken from the earliest, each
//! article joins the most similar earlier group leader whose estimated
//! similarity to it reaches the threshold, or leads a group of its own: every
//! member of a group is that similar to its earliest member (see
//! [`cluster`]).

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::{DocAddress, Searcher};

use crate::error::SearchError;
use crate::filters::Filters;
use crate::Fihris;
use fihris_index::minhash::{Signature, BANDS};

/// Default threshold on the estimated Jaccard similarity of two bodies'
/// sets of content words. On rewritten copies of real articles (sentences
/// reordered, paragraphs deleted or added, headline and boilerplate
/// changed) among unrelated articles on the same subject (bench/dups.sh):
/// precision 0.999, recall 0.941 at 0.5; 0.996 and 0.984 at 0.4, but in the
/// whole news collection the pairs between 0.4 and 0.5 are mostly
/// follow-ups of a story (the next day's hearing, another day's weather
/// bulletin) rather than copies of it.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// At most this many earlier members of a bucket are compared with each new
/// one, so that a bucket of thousands of look-alike articles (a daily
/// weather bulletin) costs linear rather than quadratic time.
const MAX_BUCKET_COMPARISONS: usize = 200;

// One bit per band in `similar_earlier`.
const _: () = assert!(BANDS <= 64);

/// What `fihris dups` looks for.
#[derive(Debug, Clone)]
pub struct DupsOptions {
    /// Smallest estimated similarity of two members (0 to 1).
    pub threshold: f32,
    /// Smallest group reported.
    pub min_size: usize,
    /// Only articles passing these filters are grouped.
    pub filters: Filters,
}

impl Default for DupsOptions {
    fn default() -> DupsOptions {
        DupsOptions {
            threshold: DEFAULT_THRESHOLD,
            min_size: 2,
            filters: Filters::default(),
        }
    }
}

/// A group of near-duplicate articles.
#[derive(Debug, Clone, PartialEq)]
pub struct DupGroup {
    /// The members, the earliest first (by date, then id; undated last),
    /// then by similarity to it.
    pub members: Vec<DupMember>,
}

impl DupGroup {
    /// The earliest member.
    pub fn earliest(&self) -> &DupMember {
        &self.members[0]
    }
}

/// A member of a [`DupGroup`].
#[derive(Debug, Clone, PartialEq)]
pub struct DupMember {
    /// Its id, file, title, language, date and publisher.
    pub meta: crate::ArticleMeta,
    /// Estimated similarity of its body to the earliest member's (1 for
    /// the earliest itself).
    pub similarity: f32,
}

/// An article taking part in grouping.
struct Entry {
    address: DocAddress,
    day: Option<i64>,
    id: String,
    signature: Signature,
}

impl Fihris {
    /// The groups of near-duplicate articles, largest first.
    pub fn duplicates(&self, options: &DupsOptions) -> Result<Vec<DupGroup>, SearchError> {
        let searcher = self.reader.searcher();
        let wanted = if options.filters == Filters::default() {
            None
        } else {
            let query = self.filtered(Box::new(AllQuery), &options.filters)?;
            Some(searcher.search(&*query, &DocSetCollector)?)
        };
        let mut entries: Vec<Entry> = Vec::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let fast = reader.fast_fields();
            let hashes = fast.u64("minhash")?;
            let days = fast.i64("day")?;
            let ids = fast.str("id")?;
            let alive = reader.alive_bitset();
            for doc in 0..reader.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let address = DocAddress::new(segment as u32, doc);
                if wanted.as_ref().is_some_and(|w| !w.contains(&address)) {
                    continue;
                }
                let signature = Signature::from_values(hashes.values_for_doc(doc));
                if signature.is_empty() {
                    continue;
                }
                let id = crate::first_str(ids.as_ref(), doc).map_err(|e| crate::io_error(&self.dir, e))?;
                entries.push(Entry {
                    address,
                    day: days.first(doc),
                    id,
                    signature,
                });
            }
        }
        // Earliest first: the earliest article of a story leads its group.
        entries.sort_by(earlier);
        let signatures: Vec<&Signature> = entries.iter().map(|e| &e.signature).collect();
        let components = cluster(&signatures, options.threshold);
        let mut groups: Vec<Vec<usize>> = components
            .into_iter()
            .filter(|g| g.len() >= options.min_size.max(2))
            .collect();
        for group in &mut groups {
            let first = &entries[group[0]].signature;
            // Earliest first, then the most similar to it.
            group[1..].sort_by(|&a, &b| {
                entries[b]
                    .signature
                    .similarity(first)
                    .total_cmp(&entries[a].signature.similarity(first))
                    .then_with(|| earlier(&entries[a], &entries[b]))
            });
        }
        groups.sort_by(|a, b| {
            b.len()
                .cmp(&a.len())
                .then_with(|| earlier(&entries[a[0]], &entries[b[0]]))
        });
        let mut out = Vec::with_capacity(groups.len());
        for group in groups {
            let first = &entries[group[0]].signature;
            let mut members = Vec::with_capacity(group.len());
            for &i in &group {
                let e = &entries[i];
                members.push(self.member(&searcher, e.address, e.signature.similarity(first))?);
            }
            out.push(DupGroup { members });
        }
        Ok(out)
    }

    /// The stored signatures of the articles at `addresses`, in order (each
    /// segment's column opened once).
    pub(crate) fn signatures_at(
        &self,
        searcher: &Searcher,
        addresses: &[DocAddress],
    ) -> Result<Vec<Signature>, SearchError> {
        let mut columns = HashMap::new();
        let mut out = Vec::with_capacity(addresses.len());
        for address in addresses {
            let segment = address.segment_ord;
            if let std::collections::hash_map::Entry::Vacant(e) = columns.entry(segment) {
                e.insert(searcher.segment_reader(segment).fast_fields().u64("minhash")?);
            }
            out.push(Signature::from_values(
                columns[&segment].values_for_doc(address.doc_id),
            ));
        }
        Ok(out)
    }

    fn member(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        similarity: f32,
    ) -> Result<DupMember, SearchError> {
        Ok(DupMember {
            meta: self.article_at(searcher, address, false)?.meta,
            similarity,
        })
    }
}

/// Publication order: dated before undated, older first, then by id.
fn earlier(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    a.day
        .is_none()
        .cmp(&b.day.is_none())
        .then(a.day.cmp(&b.day))
        .then_with(|| a.id.cmp(&b.id))
}

/// Groups of `signatures`, which come in order of preference (the first
/// of a group leads it): a signature joins the most similar earlier leader
/// whose similarity to it is at least `threshold`, or leads a group of its
/// own. So every member is at least that similar to its group's first
/// member, and a chain of look-alikes (daily bulletins of one template) does
/// not merge into one group as it would by transitivity. Groups are lists
/// of indices in ascending order; every index is in exactly one.
pub(crate) fn cluster(signatures: &[&Signature], threshold: f32) -> Vec<Vec<usize>> {
    let n = signatures.len();
    // Identical signatures (copies) follow their first occurrence; only
    // the first takes part in the buckets.
    let mut same_as: Vec<usize> = (0..n).collect();
    let mut first_of: HashMap<&Signature, usize> = HashMap::new();
    let mut distinct = Vec::new();
    for (i, s) in signatures.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        match first_of.get(s) {
            Some(&j) => same_as[i] = j,
            None => {
                first_of.insert(s, i);
                distinct.push(i);
            }
        }
    }
    let earlier = similar_earlier(signatures, &distinct, threshold);
    let mut leader: Vec<usize> = (0..n).collect();
    for i in 0..n {
        if same_as[i] != i {
            leader[i] = leader[same_as[i]];
            continue;
        }
        let best = earlier[i]
            .iter()
            .filter(|(j, _)| leader[*j] == *j)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some(&(j, _)) = best {
            leader[i] = j;
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, l) in leader.into_iter().enumerate() {
        groups.entry(l).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// For each signature, the earlier ones (among `distinct`, in ascending
/// order) at least `threshold` similar to it, with their similarity.
///
/// Candidates are the signatures that agree on every slot of some band
/// (locality-sensitive hashing); in a band's bucket each member is compared
/// with its [`MAX_BUCKET_COMPARISONS`] predecessors. Each pair is compared
/// once, however many bands it shares. Bands are taken one at a time, their
/// buckets found by sorting the members' keys: memory stays linear in the
/// articles. (The candidate pairs were kept in one set and the buckets of
/// every band in one map: 7.1 GB for 427,820 articles in bench/scale.sh,
/// as the pairs of unrelated articles that share a band by chance, about
/// 0.0016 of all pairs, grow with the square of the collection.) A pair
/// that shares an earlier band was compared there if that band's bucket was
/// small enough for every member to meet every other, or, in a larger one,
/// if they stood within a window of each other (each member's place in the
/// larger buckets is kept: memory grows with the members of large buckets,
/// not with their pairs).
fn similar_earlier(signatures: &[&Signature], distinct: &[usize], threshold: f32) -> Vec<Vec<(usize, f32)>> {
    let mut earlier: Vec<Vec<(usize, f32)>> = vec![Vec::new(); signatures.len()];
    // Bit `band` of `large[i]`: i's bucket in that band is larger than a
    // window of comparisons; then `rank[(i, band)]` is i's place in it.
    let mut large = vec![0u64; signatures.len()];
    let mut rank: HashMap<(usize, usize), usize> = HashMap::new();
    let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(distinct.len());
    for band in 0..BANDS {
        keyed.clear();
        keyed.extend(
            distinct
                .iter()
                .filter_map(|&i| signatures[i].band_key(band).map(|k| (k, i))),
        );
        keyed.sort_unstable();
        for bucket in keyed.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1) {
            if bucket.len() > MAX_BUCKET_COMPARISONS + 1 {
                for (k, &(_, i)) in bucket.iter().enumerate() {
                    large[i] |= 1 << band;
                    rank.insert((i, band), k);
                }
            }
            for (k, &(_, b)) in bucket.iter().enumerate() {
                for &(_, a) in &bucket[k.saturating_sub(MAX_BUCKET_COMPARISONS)..k] {
                    // a < b: the bucket is sorted by key, then index. Were
                    // they compared in an earlier band's bucket?
                    let met = (0..band).any(|e| {
                        signatures[a].same_band(signatures[b], e)
                            && (large[a] & (1 << e) == 0
                                || match (rank.get(&(a, e)), rank.get(&(b, e))) {
                                    (Some(ra), Some(rb)) => rb.saturating_sub(*ra) <= MAX_BUCKET_COMPARISONS,
                                    _ => false,
                                })
                    });
                    if met {
                        continue;
                    }
                    let similarity = signatures[a].similarity(signatures[b]);
                    if similarity >= threshold {
                        earlier[b].push((a, similarity));
                    }
                }
            }
        }
    }
    earlier
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn sig(text: &str) -> Signature {
        Signature::of_text(&mut fihris_index::minhash::analyzer(), text)
    }

    fn words(seed: usize, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("mot{}x{}", seed, (i * 7919 + seed * 31) % 10_007))
            .collect()
    }

    /// The candidate pass as it was: every band's buckets in one map, every
    /// compared pair in one set.
    fn similar_earlier_reference(
        signatures: &[&Signature],
        distinct: &[usize],
        threshold: f32,
    ) -> Vec<Vec<(usize, f32)>> {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for &i in distinct {
            for key in signatures[i].band_keys() {
                buckets.entry(key).or_default().push(i);
            }
        }
        let mut compared: HashSet<(usize, usize)> = HashSet::new();
        let mut earlier: Vec<Vec<(usize, f32)>> = vec![Vec::new(); signatures.len()];
        for members in buckets.values().filter(|m| m.len() > 1) {
            for (k, &i) in members.iter().enumerate() {
                for &j in &members[k.saturating_sub(MAX_BUCKET_COMPARISONS)..k] {
                    let (a, b) = (i.min(j), i.max(j));
                    if compared.insert((a, b)) {
                        let similarity = signatures[a].similarity(signatures[b]);
                        if similarity >= threshold {
                            earlier[b].push((a, similarity));
                        }
                    }
                }
            }
        }
        earlier
    }

    /// Signatures whose slots take few values, so that buckets of every
    /// size form, larger (band 0 of the first set: one bucket of 1,500) and
    /// smaller than a window of comparisons: the same similar pairs as the
    /// reference, for several thresholds (0: every compared pair).
    #[test]
    fn band_by_band_pass_finds_the_same_pairs() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (n, values) in [(1500usize, 1u64), (400, 3), (900, 2)] {
            let sigs: Vec<Signature> = (0..n)
                .map(|_| {
                    // Band 0's slots take `values` values, the others 4 to 16.
                    let packed: Vec<u64> = (0..16)
                        .map(|v| {
                            (0..8).fold(0u64, |acc, k| {
                                let spread = if v == 0 && k < 3 { values } else { 4 + v % 13 };
                                acc | ((next() % spread) << (8 * k))
                            })
                        })
                        .collect();
                    Signature::from_values(packed.into_iter())
                })
                .collect();
            let refs: Vec<&Signature> = sigs.iter().collect();
            let distinct: Vec<usize> = (0..n).collect();
            for threshold in [0.0, 0.2, 0.5] {
                let mut got = similar_earlier(&refs, &distinct, threshold);
                let mut want = similar_earlier_reference(&refs, &distinct, threshold);
                for list in got.iter_mut().chain(want.iter_mut()) {
                    list.sort_by_key(|(a, _)| *a);
                }
                if threshold == 0.0 {
                    // Every compared pair is kept.
                    let pairs: usize = want.iter().map(Vec::len).sum();
                    assert!(pairs > n, "{n} {values}: only {pairs} pairs");
                }
                assert_eq!(got, want, "{n} {values} {threshold}");
            }
        }
    }

    #[test]
    fn copies_and_near_copies_group_and_others_stay_alone() {
        let a = words(1, 200);
        let mut a_edit = a.clone();
        a_edit.truncate(180);
        a_edit.extend(words(2, 10));
        let b = words(3, 200);
        let texts = [
            a.join(" "),
            b.join(" "),
            a_edit.join(" "),
            a.join(" "),
            String::new(),
            words(4, 200).join(" "),
        ];
        let sigs: Vec<Signature> = texts.iter().map(|t| sig(t)).collect();
        let refs: Vec<&Signature> = sigs.iter().collect();
        let groups = cluster(&refs, 0.5);
        assert_eq!(groups, vec![vec![0, 2, 3], vec![1], vec![4], vec![5]]);
        // A threshold above the edit's similarity splits it off.
        let strict = cluster(&refs, 0.99);
        assert_eq!(strict[0], vec![0, 3]);
    }
}
