//! The orders of hits: by score (equal scores by id, so that two builds of
//! the same files give the same pages) and by date (`--sort date`).

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::DocAddress;

use crate::error::SearchError;

/// A match for the date order: its day and score.
pub(crate) struct Dated {
    pub day: Option<i64>,
    pub score: f32,
    pub address: DocAddress,
}

/// The date order without ids: dated before undated, newest first, then
/// the best match first.
fn by_date(a: &Dated, b: &Dated) -> std::cmp::Ordering {
    b.day
        .is_some()
        .cmp(&a.day.is_some())
        .then(b.day.cmp(&a.day))
        .then(b.score.total_cmp(&a.score))
}

/// The page `offset..offset + limit` of `matches` in the date order (see
/// [`by_date`]), equal keys in the order of their ids. The page's matches
/// are picked in linear time (every match is kept by the collector, since
/// the count is of all of them, but only the page and the matches tied with
/// its last one are sorted and have their ids read): a common word in a
/// large index no longer sorts every match and reads every id.
pub(crate) fn date_page(
    searcher: &tantivy::Searcher,
    mut matches: Vec<Dated>,
    offset: usize,
    limit: usize,
) -> Result<Vec<(f32, DocAddress)>, SearchError> {
    let wanted = offset.saturating_add(limit).min(matches.len());
    if wanted == 0 {
        return Ok(Vec::new());
    }
    if matches.len() > wanted {
        // The first `wanted` in the order, then those tied with the last of
        // them (their ids decide which make the page).
        matches.select_nth_unstable_by(wanted - 1, by_date);
        let tail = matches.split_off(wanted);
        let last = &matches[wanted - 1];
        let tied: Vec<Dated> = tail
            .into_iter()
            .filter(|d| by_date(d, last) == std::cmp::Ordering::Equal)
            .collect();
        matches.extend(tied);
    }
    let addresses: Vec<DocAddress> = matches.iter().map(|d| d.address).collect();
    let ids = crate::ids_at(searcher, &addresses, tantivy::TantivyError::from)?;
    let mut keyed: Vec<(Dated, String)> = matches.into_iter().zip(ids).collect();
    keyed.sort_by(|a, b| by_date(&a.0, &b.0).then_with(|| a.1.cmp(&b.1)));
    Ok(keyed
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(d, _)| (d.score, d.address))
        .collect())
}

/// Matches collected beyond a page to order equal scores by id: enough for
/// the copies of one story, which score the same.
const TIE_MARGIN: usize = 32;

/// The best `limit` matches after `offset`, by score, equal scores in the
/// order of their ids, and the number of matches. Tantivy orders equal
/// scores by where the documents sit in the index, which depends on which
/// indexing thread took them: two builds of the same files would order
/// (and cut) exact copies differently.
pub(crate) fn top_by_score(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    limit: usize,
    offset: usize,
) -> Result<(Vec<(f32, DocAddress)>, usize), SearchError> {
    let wanted = offset.saturating_add(limit);
    let (mut top, total) = searcher.search(
        query,
        &(
            TopDocs::with_limit(wanted.saturating_add(TIE_MARGIN)).order_by_score(),
            Count,
        ),
    )?;
    // Only the runs of equal scores that reach into the first `wanted` are
    // ordered by id: reading an id from the `id` column decodes its
    // dictionary block up to it, which made reading every collected hit's
    // id a fifth of the ranking time (callgrind, French dev queries).
    let mut start = 0;
    while start < top.len().min(wanted) {
        let score = top[start].0;
        let end = start + top[start..].iter().take_while(|(s, _)| *s == score).count();
        if end - start > 1 {
            let addresses: Vec<DocAddress> = top[start..end].iter().map(|(_, a)| *a).collect();
            let ids = crate::ids_at(searcher, &addresses, tantivy::TantivyError::from)?;
            let mut keyed: Vec<(String, DocAddress)> = ids.into_iter().zip(addresses).collect();
            keyed.sort();
            for (slot, (_, address)) in top[start..end].iter_mut().zip(keyed) {
                slot.1 = address;
            }
        }
        start = end;
    }
    top.truncate(wanted);
    Ok((top.into_iter().skip(offset).collect(), total))
}

/// Collects every match with its day and score (for `--sort date`; see
/// [`date_page`]).
pub(crate) struct DateOrder;

pub(crate) struct SegmentDates {
    segment: u32,
    days: tantivy::columnar::Column<i64>,
    found: Vec<Dated>,
}

impl Collector for DateOrder {
    type Fruit = Vec<Dated>;
    type Child = SegmentDates;

    fn for_segment(&self, segment: u32, reader: &tantivy::SegmentReader) -> tantivy::Result<SegmentDates> {
        let fast = reader.fast_fields();
        Ok(SegmentDates {
            segment,
            days: fast.i64("day")?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Dated>>) -> tantivy::Result<Vec<Dated>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentDates {
    type Fruit = Vec<Dated>;

    fn collect(&mut self, doc: tantivy::DocId, score: f32) {
        self.found.push(Dated {
            day: self.days.first(doc),
            score,
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Dated> {
        self.found
    }
}
