//! Near-duplicate groups: the same story published more than once (a wire
//! story in several outlets, a republished article).
//!
//! Every article carries the MinHash signature of its body, computed when it
//! was indexed (see [`crate::minhash`]); boilerplate that ingestion removed
//! is not part of it. Finding the groups reads the signatures of the whole
//! index from a fast field, puts articles that agree on a band of slots in
//! the same bucket (locality-sensitive hashing), compares the signatures of
//! the articles that share a bucket, and joins the pairs whose estimated
//! similarity reaches the threshold. Groups are the connected components of
//! those pairs, so two members of a group may be less similar to each other
//! than the threshold when a third links them.

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use crate::error::SearchError;
use crate::filters::Filters;
use crate::minhash::Signature;
use crate::Fihris;

/// Default threshold on the estimated Jaccard similarity of two bodies'
/// sets of content words. Chosen on rewritten copies of real articles (sentences
/// reordered, paragraphs deleted or added, headline and boilerplate changed)
/// against unrelated articles on the same subject; see BENCHMARKS.md.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// At most this many earlier members of a bucket are compared with each new
/// one, so that a bucket of thousands of look-alike articles (a daily
/// weather bulletin) costs linear rather than quadratic time.
const MAX_BUCKET_COMPARISONS: usize = 200;

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
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DupMember {
    /// The article's id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its language code.
    pub lang: String,
    /// Its publication date (YYYY-MM-DD), if known.
    pub date: Option<String>,
    /// Its publisher, if known.
    pub source: Option<String>,
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
                let mut id = String::new();
                if let Some(ids) = &ids {
                    if let Some(ord) = ids.term_ords(doc).next() {
                        ids.ord_to_str(ord, &mut id)
                            .map_err(|e| crate::io_error(&self.dir, e))?;
                    }
                }
                entries.push(Entry {
                    address,
                    day: days.first(doc),
                    id,
                    signature,
                });
            }
        }
        let signatures: Vec<&Signature> = entries.iter().map(|e| &e.signature).collect();
        let components = cluster(&signatures, options.threshold);
        let mut groups: Vec<Vec<usize>> = components
            .into_iter()
            .filter(|g| g.len() >= options.min_size.max(2))
            .collect();
        for group in &mut groups {
            group.sort_by(|&a, &b| earlier(&entries[a], &entries[b]));
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
                members.push(self.member(e.address, e.signature.similarity(first))?);
            }
            out.push(DupGroup { members });
        }
        Ok(out)
    }

    /// The stored signature of the article at `address`.
    pub(crate) fn signature_at(&self, address: DocAddress) -> Result<Signature, SearchError> {
        let searcher = self.reader.searcher();
        let reader = searcher.segment_reader(address.segment_ord);
        let hashes = reader.fast_fields().u64("minhash")?;
        Ok(Signature::from_values(hashes.values_for_doc(address.doc_id)))
    }

    fn member(&self, address: DocAddress, similarity: f32) -> Result<DupMember, SearchError> {
        let doc: TantivyDocument = self.reader.searcher().doc(address)?;
        let text =
            |field| -> Option<String> { doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string) };
        Ok(DupMember {
            id: text(self.fields.id).unwrap_or_default(),
            path: text(self.fields.path).unwrap_or_default(),
            title: text(self.fields.title).unwrap_or_default(),
            lang: text(self.fields.lang).unwrap_or_default(),
            date: text(self.fields.date),
            source: text(self.fields.source),
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

/// The groups of `signatures` joined by pairs of similarity at least
/// `threshold`, as lists of indices in ascending order; every index is in
/// exactly one group (most alone).
pub(crate) fn cluster(signatures: &[&Signature], threshold: f32) -> Vec<Vec<usize>> {
    let mut sets = UnionFind::new(signatures.len());
    // Identical signatures (copies) are joined at once; only one of each
    // takes part in the buckets.
    let mut first_of: HashMap<&Signature, usize> = HashMap::new();
    let mut distinct = Vec::new();
    for (i, s) in signatures.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        match first_of.get(s) {
            Some(&j) => sets.union(i, j),
            None => {
                first_of.insert(s, i);
                distinct.push(i);
            }
        }
    }
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in &distinct {
        for key in signatures[i].band_keys() {
            buckets.entry(key).or_default().push(i);
        }
    }
    for members in buckets.values().filter(|m| m.len() > 1) {
        for (n, &i) in members.iter().enumerate() {
            for &j in members[n.saturating_sub(MAX_BUCKET_COMPARISONS)..n].iter().rev() {
                if sets.find(i) != sets.find(j) && signatures[i].similarity(signatures[j]) >= threshold {
                    sets.union(i, j);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..signatures.len() {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// Disjoint sets of indices.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The smaller index is the root: groups are named by their
            // first member.
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(text: &str) -> Signature {
        Signature::of_text(&mut crate::minhash::analyzer(), text)
    }

    fn words(seed: usize, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("mot{}x{}", seed, (i * 7919 + seed * 31) % 10_007))
            .collect()
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

    #[test]
    fn union_find_names_groups_by_first_member() {
        let mut u = UnionFind::new(5);
        u.union(3, 1);
        u.union(4, 3);
        assert_eq!(u.find(4), 1);
        assert_eq!(u.find(0), 0);
    }
}
