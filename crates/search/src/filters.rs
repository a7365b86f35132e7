//! Filters on language, publication date, source and author, shared by
//! search and statistics.
//!
//! Dates are filtered on the `day` field (days since 1970-01-01). A bound
//! may be a year, a month or a day: `--since 2012` starts on 2012-01-01,
//! `--until 2021-06` ends on 2021-06-30. Undated articles never pass a date
//! filter; the caller is told how many matched otherwise, so that it can
//! say so instead of hiding them silently.

use std::ops::Bound;

use fihris_ingest::Date;
use fihris_lang::Lang;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use fihris_index::Fields;
use tantivy::collector::Count;

use crate::error::SearchError;
use crate::Fihris;

/// Which articles a query may return, besides matching it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Only articles in this language.
    pub lang: Option<Lang>,
    /// Only articles published on or after this day.
    pub since: Option<Date>,
    /// Only articles published on or before this day.
    pub until: Option<Date>,
    /// Only articles whose source contains these words (as a phrase,
    /// case- and accent-insensitive).
    pub source: Option<String>,
    /// Only articles whose author contains these words (as a phrase,
    /// case- and accent-insensitive, as for the source).
    pub author: Option<String>,
}

impl Filters {
    /// Whether a date bound is set.
    pub fn has_dates(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// Which end of a period a partial date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodEnd {
    /// The first day (for `--since`).
    Start,
    /// The last day (for `--until`).
    End,
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first or last day of the
/// period it names.
pub fn parse_date_bound(text: &str, end: PeriodEnd) -> Result<Date, String> {
    let err = || format!("invalid date {text:?}: expected YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str, len: usize| -> Result<u32, String> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| err())
        } else {
            Err(err())
        }
    };
    let year = number(parts.first().copied().unwrap_or_default(), 4)? as i32;
    let date = match parts.len() {
        1 => match end {
            PeriodEnd::Start => Date::new(year, 1, 1),
            PeriodEnd::End => Date::new(year, 12, 31),
        },
        2 => {
            let month = u8::try_from(number(parts[1], 2)?).map_err(|_| err())?;
            match end {
                PeriodEnd::Start => Date::new(year, month, 1),
                PeriodEnd::End => (28..=31).rev().find_map(|d| Date::new(year, month, d)),
            }
        }
        3 => {
            let month = u8::try_from(number(parts[1], 2)?).map_err(|_| err())?;
            let day = u8::try_from(number(parts[2], 2)?).map_err(|_| err())?;
            Date::new(year, month, day)
        }
        _ => None,
    };
    date.ok_or_else(err)
}

/// The calendar date of a day number (days since 1970-01-01); the inverse
/// of `Date::days_since_epoch`, after Howard Hinnant's `civil_from_days`.
pub fn date_of_day(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// A query clause that filters without scoring.
fn filter_clause(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(BoostQuery::new(q, 0.0)))
}

/// The filter clauses for `filters` other than dates.
pub(crate) fn non_date_clauses(
    fields: &Fields,
    filters: &Filters,
    exact: &mut TextAnalyzer,
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses = Vec::new();
    if let Some(lang) = &filters.lang {
        let term = Term::from_field_text(fields.lang, lang.code());
        clauses.push(filter_clause(Box::new(TermQuery::new(
            term,
            IndexRecordOption::Basic,
        ))));
    }
    for (field, words) in [(fields.source, &filters.source), (fields.author, &filters.author)] {
        if let Some(words) = words {
            clauses.push(filter_clause(phrase_query(field, words, exact)));
        }
    }
    clauses
}

/// The articles whose `field` holds the words of `text` in a row, analysed
/// as the field is (case and accents folded).
fn phrase_query(field: tantivy::schema::Field, text: &str, exact: &mut TextAnalyzer) -> Box<dyn Query> {
    let words = fihris_normalize::analyze(exact, &fihris_normalize::nfc(text));
    let terms: Vec<Term> = words
        .iter()
        .map(|(w, _, _)| Term::from_field_text(field, w))
        .collect();
    match terms.len() {
        0 => Box::new(tantivy::query::EmptyQuery),
        1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new(terms)),
    }
}

/// The clause keeping articles dated within the bounds (all dated
/// articles when no bound is set).
pub(crate) fn date_clause(fields: &Fields, filters: &Filters) -> (Occur, Box<dyn Query>) {
    let bound = |d: Option<Date>, default: Bound<Term>| match d {
        Some(d) => Bound::Included(Term::from_field_i64(fields.day, d.days_since_epoch())),
        None => default,
    };
    let lower = bound(
        filters.since,
        Bound::Included(Term::from_field_i64(fields.day, i64::MIN)),
    );
    let upper = bound(
        filters.until,
        Bound::Included(Term::from_field_i64(fields.day, i64::MAX)),
    );
    filter_clause(Box::new(RangeQuery::new(lower, upper)))
}

/// `query` restricted by `clauses`.
pub(crate) fn restrict(query: Box<dyn Query>, clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    if clauses.is_empty() {
        return query;
    }
    let mut all = vec![(Occur::Must, query)];
    all.extend(clauses);
    Box::new(BooleanQuery::new(all))
}

impl Fihris {
    /// `matched` restricted by the filters.
    pub(crate) fn filtered(
        &self,
        matched: Box<dyn Query>,
        f: &Filters,
    ) -> Result<Box<dyn Query>, SearchError> {
        let mut exact = self.index.tokenizer_for_field(self.fields.body)?;
        let mut clauses = non_date_clauses(&self.fields, f, &mut exact);
        if f.has_dates() {
            clauses.push(date_clause(&self.fields, f));
        }
        Ok(restrict(matched, clauses))
    }

    /// How many undated articles match `matched` and the filters other than
    /// dates: those a date filter leaves out (0 without a date filter).
    pub(crate) fn undated_excluded(&self, matched: &dyn Query, f: &Filters) -> Result<usize, SearchError> {
        if !f.has_dates() {
            return Ok(0);
        }
        let mut exact = self.index.tokenizer_for_field(self.fields.body)?;
        let others = non_date_clauses(&self.fields, f, &mut exact);
        let searcher = self.reader.searcher();
        let probe = restrict(matched.box_clone(), others);
        let all = searcher.search(&*probe, &Count)?;
        let dated = restrict(probe, vec![date_clause(&self.fields, &Filters::default())]);
        Ok(all - searcher.search(&*dated, &Count)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_of_periods() {
        let d = |s: &str, e| parse_date_bound(s, e).map(|d| d.to_string());
        assert_eq!(d("2012", PeriodEnd::Start), Ok("2012-01-01".into()));
        assert_eq!(d("2012", PeriodEnd::End), Ok("2012-12-31".into()));
        assert_eq!(d("2020-02", PeriodEnd::End), Ok("2020-02-29".into()));
        assert_eq!(d("2021-06", PeriodEnd::End), Ok("2021-06-30".into()));
        assert_eq!(d("2021-06-15", PeriodEnd::End), Ok("2021-06-15".into()));
        for bad in [
            "",
            "12",
            "2021-6",
            "2021-13",
            "2021-02-30",
            "hier",
            "2021-01-01-01",
        ] {
            assert!(d(bad, PeriodEnd::Start).is_err(), "{bad}");
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        for s in [
            "1970-01-01",
            "1969-12-31",
            "2000-02-29",
            "2019-03-12",
            "2100-12-31",
            "1800-01-01",
        ] {
            let date = Date::parse_iso(s).expect("valid");
            assert_eq!(date_of_day(date.days_since_epoch()), Some(date), "{s}");
        }
    }
}
