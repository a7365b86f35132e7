//! The ISO parser behind [`Date::parse_iso`](super::Date::parse_iso):
//! `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed by a validated time and
//! zone, in any of the digit systems of the press. Lenient where press
//! metadata is (Arabic-Indic digits, a space before the zone, `UTC`), strict
//! everywhere else.

use super::tokens::digit_value;
use super::{make_date, Date};

/// Parses a trimmed ISO date or date-time; see [`Date::parse_iso`].
pub(super) fn parse(s: &str) -> Option<Date> {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut p = Cursor {
        chars: &chars,
        pos: 0,
    };
    let year = p.number(4)?;
    let sep = p.one_of(&['-', '/'])?;
    let month = p.number(2)?;
    p.expect(sep)?;
    let day = p.number(2)?;
    let date = make_date(year, month, day)?;
    if p.at_end() {
        return Some(date);
    }
    p.one_of(&['T', 't', ' '])?;
    parse_time(&mut p)?;
    p.at_end().then_some(date)
}

/// A cursor over the chars of a trimmed ISO string.
struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Cursor<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Option<()> {
        self.eat(c).then_some(())
    }

    /// Consumes and returns the next char if it is one of `set`.
    fn one_of(&mut self, set: &[char]) -> Option<char> {
        let c = self.peek().filter(|c| set.contains(c))?;
        self.pos += 1;
        Some(c)
    }

    /// Consumes `word` if it comes next.
    fn eat_word(&mut self, word: &str) -> bool {
        let mut pos = self.pos;
        for w in word.chars() {
            if self.chars.get(pos) != Some(&w) {
                return false;
            }
            pos += 1;
        }
        self.pos = pos;
        true
    }

    /// Exactly `n` digits (any digit system), as a number.
    fn number(&mut self, n: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..n {
            let d = self.peek().and_then(digit_value)?;
            value = value.saturating_mul(10).saturating_add(d);
            self.pos += 1;
        }
        Some(value)
    }

    /// One or more digits, skipped.
    fn digits(&mut self) -> Option<()> {
        let start = self.pos;
        while self.peek().and_then(digit_value).is_some() {
            self.pos += 1;
        }
        (self.pos > start).then_some(())
    }
}

/// `HH:MM[:SS[.f+]]` then an optional zone; the caller checks for the end.
fn parse_time(p: &mut Cursor<'_>) -> Option<()> {
    let hour = p.number(2)?;
    p.expect(':')?;
    let minute = p.number(2)?;
    if hour > 23 || minute > 59 {
        return None;
    }
    if p.eat(':') {
        let second = p.number(2)?;
        if second > 60 {
            return None;
        }
        if p.eat('.') || p.eat(',') {
            p.digits()?;
        }
    }
    let spaced = p.eat(' ');
    if p.at_end() {
        // "2019-03-12 10:30 " cannot happen after trimming, but stay strict.
        return (!spaced).then_some(());
    }
    if p.eat('Z') || p.eat('z') {
        return Some(());
    }
    if (p.eat_word("UTC") || p.eat_word("GMT")) && p.at_end() {
        return Some(());
    }
    p.one_of(&['+', '-', '\u{2212}'])?;
    let offset_hour = p.number(2)?;
    let offset_minute = if p.eat(':') || p.peek().and_then(digit_value).is_some() {
        p.number(2)?
    } else {
        0
    };
    (offset_hour <= 23 && offset_minute <= 59).then_some(())
}

#[cfg(test)]
mod tests {
    use super::super::test_names::d;
    use super::*;

    // --- parse_iso ----------------------------------------------------------

    #[test]
    fn parse_iso_accepts_dates_and_datetimes() {
        let cases = [
            "2019-03-12",
            "  2019-03-12\n",
            "2019/03/12",
            "2019-03-12T10:30:00",
            "2019-03-12t10:30:00",
            "2019-03-12T10:30",
            "2019-03-12T10:30:00Z",
            "2019-03-12T10:30:00.123Z",
            "2019-03-12T10:30:00,5Z",
            "2019-03-12T10:30:00.123456789+01:00",
            "2019-03-12T23:59:60-05:30",
            "2019-03-12T10:30:00+0100",
            "2019-03-12T10:30:00+01",
            "2019-03-12 10:30",
            "2019-03-12 10:30:00",
            "2019-03-12 10:30:00 +0000",
            "2019-03-12 10:30:00 UTC",
            "2019-03-12 10:30:00GMT",
            "2019/03/12 10:30",
            "٢٠١٩-٠٣-١٢",
            "۲۰۱۹-۰۳-۱۲",
        ];
        for case in cases {
            assert_eq!(Date::parse_iso(case), Some(d(2019, 3, 12)), "{case:?}");
        }
    }

    #[test]
    fn parse_iso_keeps_the_written_date_without_timezone_shift() {
        assert_eq!(
            Date::parse_iso("2019-12-31T23:30:00-05:00"),
            Some(d(2019, 12, 31))
        );
        assert_eq!(Date::parse_iso("2020-01-01T00:30:00+14:00"), Some(d(2020, 1, 1)));
    }

    #[test]
    fn parse_iso_rejects_everything_else() {
        let cases = [
            "",
            "   ",
            "2019",
            "2019-03",
            "2019-3-12",
            "2019-03-1",
            "19-03-12",
            "12/03/2019",
            "12-03-2019",
            "2019.03.12",
            "2019-03/12",
            "2019-13-01",
            "2019-02-29",
            "2019-04-31",
            "1799-12-31",
            "2201-01-01",
            "2019-03-12x",
            "2019-03-12T",
            "2019-03-12T10",
            "2019-03-12T25:00",
            "2019-03-12T10:60",
            "2019-03-12T10:30:61",
            "2019-03-12T10:30:00.",
            "2019-03-12T10:30:00+",
            "2019-03-12T10:30:00+1",
            "2019-03-12T10:30:00+01:",
            "2019-03-12T10:30:00+24:00",
            "2019-03-12T10:30:00Zjunk",
            "2019-03-12 10:30:00 UTC+",
            "2019-03-12  10:30",
            "20190312",
            "+2019-03-12",
            "12 mars 2019",
            "2019-03-12 2019-03-13",
        ];
        for case in cases {
            assert_eq!(Date::parse_iso(case), None, "{case:?}");
        }
    }

    #[test]
    fn parse_iso_valid_leap_day() {
        assert_eq!(Date::parse_iso("2020-02-29"), Some(d(2020, 2, 29)));
        assert_eq!(Date::parse_iso("2000-02-29"), Some(d(2000, 2, 29)));
        assert_eq!(Date::parse_iso("1900-02-29"), None);
    }
}
