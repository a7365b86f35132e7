//! The query parser and builder: text → syntax tree → tantivy query on a
//! small index (the sample corpus) → hits, with the options a byte chooses
//! (syntax or plain words, all or any, cross-lingual, broad, explain,
//! collapse, sort, paging, filters), and the same query counted by `stats`.
//! Checks: no panic; a parse error's column lies in the query; a parsed
//! tree prints as a query that parses back to it; search answers or
//! refuses with an error, never more hits than asked.
//!
//! Input: byte 0 = flags, byte 1 = limit, offset, sort, scope; then the
//! query, and optionally after NUL bytes: language, since, until, source,
//! author filters.
#![no_main]

use fihris_fuzz::{small_index, Input};
use fihris_search::query::parse;
use fihris_search::{
    parse_date_bound, FieldScope, Lang, MatchMode, PeriodEnd, SearchOptions, SortOrder, StatsBy, StatsOptions,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let (flags, shape) = (input.byte(), input.byte());
    let query = input.text(0);
    match parse(&query) {
        Ok(node) => {
            let printed = node.to_string();
            match parse(&printed) {
                Ok(again) => assert_eq!(
                    again, node,
                    "{query:?} printed as {printed:?} reads back otherwise"
                ),
                Err(e) => panic!("{query:?} printed as {printed:?} does not parse: {e}"),
            }
        }
        Err(e) => {
            let columns = query.chars().count() + 1;
            assert!(
                (1..=columns).contains(&e.column),
                "column {} of {columns}",
                e.column
            );
        }
    }
    let mut options = SearchOptions::new(query.clone());
    options.syntax = flags & 1 == 0;
    options.mode = if flags & 2 == 0 {
        MatchMode::All
    } else {
        MatchMode::Any
    };
    options.cross = flags & 4 == 0;
    options.broad = flags & 8 != 0;
    options.explain = flags & 16 != 0;
    options.collapse = flags & 32 != 0;
    options.sort = if flags & 64 == 0 {
        SortOrder::Score
    } else {
        SortOrder::Date
    };
    options.scope = if flags & 128 == 0 {
        FieldScope::All
    } else {
        FieldScope::Body
    };
    options.limit = usize::from(shape & 7) * 3;
    options.offset = usize::from((shape >> 3) & 7) * 2;
    options.snippet_chars = [200, 0, 1, 40][usize::from(shape >> 6)];
    let lang = input.text(0);
    options.filters.lang = lang.parse::<Lang>().ok();
    options.filters.since = parse_date_bound(&input.text(0), PeriodEnd::Start).ok();
    options.filters.until = parse_date_bound(&input.text(0), PeriodEnd::End).ok();
    options.filters.source = Some(input.text(0)).filter(|s| !s.is_empty());
    options.filters.author = Some(input.text(0)).filter(|s| !s.is_empty());
    let fihris = small_index();
    if let Ok(results) = fihris.search(&options) {
        assert!(
            results.hits.len() <= options.limit,
            "{} hits for a limit of {}",
            results.hits.len(),
            options.limit
        );
        for hit in &results.hits {
            let snippet = &hit.snippet;
            for range in &snippet.highlights {
                assert!(
                    range.start <= range.end && snippet.text.get(range.clone()).is_some(),
                    "highlight {range:?} outside {:?}",
                    snippet.text
                );
            }
        }
    }
    let by = [
        StatsBy::Year,
        StatsBy::Month,
        StatsBy::Source,
        StatsBy::Author,
        StatsBy::Lang,
    ][usize::from(shape % 5)];
    let _ = fihris.stats(&StatsOptions {
        query: Some(query),
        by,
        filters: options.filters.clone(),
        cross: options.cross,
        broad: options.broad,
    });
});
