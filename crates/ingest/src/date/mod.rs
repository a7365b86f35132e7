//! Publication dates: a small validated calendar [`Date`] (proleptic Gregorian,
//! years 1800..=2200), ISO parsing for metadata fields and command-line filters
//! ([`Date::parse_iso`]), and [`find_date`], which finds the first explicit,
//! complete date (day, month and year) written in a French or Arabic dateline
//! or header line.
//!
//! What it recognizes (see `/work/shared/design/languages.md`, "Dates in
//! article text", for the month tables):
//! - ISO dates and datetimes: `2019-03-12`, `2019/03/12`,
//!   `2019-03-12T10:30:00.000+01:00`, `2019-03-12 10:30` (the date is kept as
//!   written: no time-zone shifting);
//! - numeric day-first dates, as in French and Arabic press: `12/03/2019`,
//!   `12-03-2019`, `12.03.2019`;
//! - French month names, case- and accent-insensitive: `12 mars 2019`,
//!   `1er juin 2020`, `lundi 12 MARS 2019`, `12 fevrier 2019`, and the usual
//!   abbreviations when written with their dot (`12 sept. 2019`);
//! - Arabic month names of every system in languages.md (Egypt/Gulf,
//!   Algeria/Tunisia, Morocco, Levant two-word names such as `كانون الثاني`) with
//!   their spelling variants (hamza forms, ى/ي, ة/ه, harakat and tatweel are
//!   folded), Western, Arabic-Indic (٠-٩) or extended (۰-۹) digits,
//!   `12 من مارس 2019`, `12 مارس/آذار 2019`, `12 آذار (مارس) 2019`, `2019م`.
//!
//! What it deliberately does not do:
//! - no relative dates ("hier", "avant-hier", "jeudi", "أمس", "أول أمس"):
//!   resolving them needs a reference date, and inventing one would be wrong;
//! - no bare years ("lancé en 2017") and no month + year without a day
//!   ("mars 2019"): neither is a publication date;
//! - no two-digit years, no month-first (US) order, no Hijri dates (a year
//!   followed by "هـ" is rejected; Hijri month names are not in the tables);
//! - no general Unicode normalization: Arabic presentation forms
//!   (U+FB50-U+FEFF) must be NFKC-normalized by the caller.
//!
//! Matching works on tokens (maximal runs of digits, of letters, of spaces),
//! so month names only match as whole words ("mai" not in "maison", "مارس" not
//! in "ممارسة", "ماي" and "مايو" are distinct tokens) and numbers are whole (no
//! digit right before the day or right after the year). Never panics. The
//! calendar (month lengths, leap years, days since the epoch) is jiff's.
//!
//! The pieces: [`Date`] here, the ISO parser in `iso`, the month tables and
//! [`month_from_name`] in `months`, the characters and tokens of text in
//! `tokens`, and [`find_date`] with its patterns in `find`.

mod find;
mod iso;
mod months;
#[cfg(test)]
mod test_names;
mod tokens;

use std::fmt;
use std::str::FromStr;

pub use find::{find_date, find_date_ordered, NumericOrder};
pub use months::month_from_name;

/// Smallest year accepted by [`Date::new`].
const MIN_YEAR: i32 = 1800;
/// Largest year accepted by [`Date::new`].
const MAX_YEAR: i32 = 2200;

/// A calendar date (proleptic Gregorian), always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if valid: years 1800..=2200 only, months 1..=12, days within the
    /// month (February 29 only in leap years).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        civil(year, month, day)?;
        Some(Date { year, month, day })
    }

    /// The year (1800..=2200).
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month (1..=12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1..=31).
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses "YYYY-MM-DD", and ISO datetimes `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`
    /// or "YYYY-MM-DD HH:MM..." (keeps the date part as written, no timezone
    /// shifting), "YYYY/MM/DD". Surrounding whitespace ignored. Anything else -> None.
    ///
    /// Details: month and day take exactly two digits; digits may be Western,
    /// Arabic-Indic or extended Arabic-Indic; the time is `HH:MM[:SS[.f+]]`
    /// (validated), optionally followed (after an optional space) by `Z`, `UTC`,
    /// `GMT`, or an offset `±HH`, `±HHMM`, `±HH:MM`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        iso::parse(s)
    }

    /// Days since 1970-01-01 (negative before), for range filters.
    pub fn days_since_epoch(self) -> i64 {
        // A valid Date is a valid civil date: the fallback is never taken.
        civil(self.year, self.month, self.day)
            .and_then(|date| date.since(EPOCH).ok())
            .map_or(0, |span| i64::from(span.get_days()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Error of [`Date::from_str`]: the input was not a valid ISO date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateError {
    /// The rejected input, shortened for display.
    input: String,
}

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date \"{}\": expected YYYY-MM-DD", self.input)
    }
}

impl std::error::Error for ParseDateError {}

impl FromStr for Date {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        Date::parse_iso(s).ok_or_else(|| ParseDateError {
            input: shorten(s, 64),
        })
    }
}

/// At most `max` chars of `s`, with "…" when cut.
fn shorten(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// The Unix epoch, 1970-01-01.
const EPOCH: jiff::civil::Date = jiff::civil::date(1970, 1, 1);

/// The civil date, if valid in the proleptic Gregorian calendar.
fn civil(year: i32, month: u8, day: u8) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// A date from parsed numbers, if they fit and are valid.
pub(super) fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::test_names::d;
    use super::*;

    // --- Date ---------------------------------------------------------------

    #[test]
    fn new_validates_days_months_and_range() {
        assert!(Date::new(2019, 1, 31).is_some());
        assert!(Date::new(2019, 4, 31).is_none());
        assert!(Date::new(2019, 2, 29).is_none());
        assert!(Date::new(2020, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2100, 2, 29).is_none());
        assert!(Date::new(2019, 0, 1).is_none());
        assert!(Date::new(2019, 13, 1).is_none());
        assert!(Date::new(2019, 1, 0).is_none());
        assert!(Date::new(2019, 12, 32).is_none());
        assert!(Date::new(1799, 12, 31).is_none());
        assert!(Date::new(1800, 1, 1).is_some());
        assert!(Date::new(2200, 12, 31).is_some());
        assert!(Date::new(2201, 1, 1).is_none());
        assert!(Date::new(i32::MIN, 1, 1).is_none());
        assert!(Date::new(i32::MAX, u8::MAX, u8::MAX).is_none());
    }

    #[test]
    fn accessors_and_ordering() {
        let date = d(2019, 3, 12);
        assert_eq!((date.year(), date.month(), date.day()), (2019, 3, 12));
        assert!(d(2019, 3, 12) < d(2019, 3, 13));
        assert!(d(2019, 3, 31) < d(2019, 4, 1));
        assert!(d(2018, 12, 31) < d(2019, 1, 1));
    }

    #[test]
    fn display_pads() {
        assert_eq!(d(2019, 3, 2).to_string(), "2019-03-02");
        assert_eq!(d(1800, 1, 1).to_string(), "1800-01-01");
        assert_eq!(d(2200, 12, 31).to_string(), "2200-12-31");
    }

    #[test]
    fn from_str_round_trips_and_reports_errors() {
        assert_eq!("2019-03-12".parse::<Date>(), Ok(d(2019, 3, 12)));
        let date = d(2020, 2, 29);
        assert_eq!(date.to_string().parse::<Date>(), Ok(date));
        let err = "2019-13-01".parse::<Date>().expect_err("an error");
        assert_eq!(
            err.to_string(),
            "invalid date \"2019-13-01\": expected YYYY-MM-DD"
        );
        let long = "x".repeat(500);
        let message = long.parse::<Date>().expect_err("an error").to_string();
        assert!(message.len() < 120, "{message}");
        let arabic = "مارس".repeat(40).parse::<Date>().expect_err("an error");
        assert!(arabic.to_string().starts_with("invalid date \""));
    }

    #[test]
    fn days_since_epoch_known_values() {
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(d(1970, 1, 2).days_since_epoch(), 1);
        assert_eq!(d(1969, 12, 31).days_since_epoch(), -1);
        assert_eq!(d(2000, 1, 1).days_since_epoch(), 10_957);
        assert_eq!(d(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(d(2019, 3, 12).days_since_epoch(), 17_967);
        assert_eq!(d(1900, 1, 1).days_since_epoch(), -25_567);
        assert_eq!(d(1800, 1, 1).days_since_epoch(), -62_091);
    }

    #[test]
    fn days_since_epoch_is_consecutive_over_the_whole_range() {
        let mut previous: Option<i64> = None;
        let mut count = 0;
        for year in MIN_YEAR..=MAX_YEAR {
            for month in 1..=12u8 {
                for day in 1..=31u8 {
                    if let Some(date) = Date::new(year, month, day) {
                        let days = date.days_since_epoch();
                        if let Some(p) = previous {
                            assert_eq!(days, p + 1, "{date}");
                        }
                        previous = Some(days);
                        count += 1;
                    }
                }
            }
        }
        // 401 years, 97 leap years (1800, 1900, 2100, 2200 are not).
        assert_eq!(count, 401 * 365 + 97);
    }
}
