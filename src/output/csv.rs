//! CSV output (`search --csv`, `stats --csv`): a header row, then one
//! record per hit or bucket, as `pandas.read_csv` reads them. The columns
//! are defined in [`super::wire`].

use std::io::{self, Write};

use fihris_search::{SearchResults, Stats};

use super::wire;

/// `search --csv`: the hit columns, with `matched_terms` when the search
/// explained its hits and `copies` when it folded stories.
pub fn hits(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let explain = results.hits.iter().any(|h| h.matched_terms.is_some());
    let collapse = results.stories.is_some();
    w.write_record(wire::hit_header(explain, collapse))?;
    for hit in &results.hits {
        w.write_record(wire::hit_record(hit, collapse))?;
    }
    w.flush()
}

/// `stats --csv`: one record per bucket.
pub fn stats(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(wire::BUCKET_HEADER)?;
    for (bucket, count) in &stats.buckets {
        w.write_record(wire::bucket_record(bucket, *count))?;
    }
    w.flush()
}
