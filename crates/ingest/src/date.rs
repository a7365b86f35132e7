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
//! digit right before the day or right after the year). Never panics; std only.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use fihris_lang::script::{ARABIC_SUPPLEMENT, HARAKAT, QURANIC_MARKS, SUPERSCRIPT_ALEF, TATWEEL};
use fihris_lang::{arabic_digit_value, fold_letter_into, is_arabic_block};

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
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
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

    /// Days since 1970-01-01 (negative before), for range filters.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil, with years starting in March.
        let month = i64::from(self.month);
        let day = i64::from(self.day);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let shifted_month = (month + 9) % 12; // March = 0, ..., February = 11
        let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
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

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` of `year`; 0 for a month outside 1..=12.
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A date from parsed numbers, if they fit and are valid.
fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

// ---------------------------------------------------------------------------
// ISO parsing
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Month tables
// ---------------------------------------------------------------------------

/// French month names, from languages.md ("Dates in article text"), in month
/// order (index + 1 = month). Matched case- and accent-insensitively.
const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Usual French press abbreviations (not in languages.md; AFP/Le Monde style),
/// sorted by month. Only matched with their final dot ("12 sept. 2019"), since
/// "sept" alone is also the number seven.
const FRENCH_ABBREVIATIONS: [(&str, u8); 9] = [
    ("janv", 1),
    ("fév", 2),
    ("févr", 2),
    ("avr", 4),
    ("juil", 7),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("déc", 12),
];

/// Arabic month names, Egyptian/Gulf system, from languages.md ("Dates in
/// article text"), in month order (index + 1 = month), with the spelling
/// variants of the table. Written as in the press: matching folds hamza forms
/// of alef, ى/ي, ة/ه, harakat and tatweel, so "ابريل" matches "أبريل" too.
const ARABIC_EGYPT_GULF: [&[&str]; 12] = [
    &["يناير"],
    &["فبراير"],
    &["مارس"],
    &["أبريل", "إبريل"],
    &["مايو"],
    &["يونيو", "يونيه"],
    &["يوليو", "يوليه"],
    &["أغسطس"],
    &["سبتمبر"],
    &["أكتوبر"],
    &["نوفمبر"],
    &["ديسمبر"],
];

/// Arabic month names, Algeria/Tunisia system (French-derived), from
/// languages.md, in month order (index + 1 = month).
const ARABIC_ALGERIA_TUNISIA: [&[&str]; 12] = [
    &["جانفي"],
    &["فيفري"],
    &["مارس"],
    &["أفريل"],
    &["ماي"],
    &["جوان"],
    &["جويلية"],
    &["أوت"],
    &["سبتمبر"],
    &["أكتوبر"],
    &["نوفمبر"],
    &["ديسمبر"],
];

/// Arabic month names, Morocco system, from languages.md, in month order
/// (index + 1 = month).
const ARABIC_MOROCCO: [&[&str]; 12] = [
    &["يناير"],
    &["فبراير"],
    &["مارس"],
    &["أبريل"],
    &["ماي"],
    &["يونيو"],
    &["يوليوز"],
    &["غشت"],
    &["شتنبر"],
    &["أكتوبر"],
    &["نونبر"],
    &["دجنبر"],
];

/// Arabic month names, Levant (Syriac) system, from languages.md, in month
/// order (index + 1 = month). The two-word names are also written without the
/// article in Syrian and Iraqi press ("كانون ثاني"); "آب" is often typed "أب".
const ARABIC_LEVANT: [&[&str]; 12] = [
    &["كانون الثاني", "كانون ثاني"],
    &["شباط"],
    &["آذار"],
    &["نيسان"],
    &["أيار"],
    &["حزيران"],
    &["تموز"],
    &["آب"],
    &["أيلول"],
    &["تشرين الأول", "تشرين أول"],
    &["تشرين الثاني", "تشرين ثاني"],
    &["كانون الأول", "كانون أول"],
];

/// The month tables folded for lookup, sorted by key.
struct MonthIndex {
    /// Full names; two-word names as "word word".
    names: Vec<(String, u8)>,
    /// French abbreviations (without their dot).
    abbreviations: Vec<(String, u8)>,
}

fn month_index() -> &'static MonthIndex {
    static INDEX: OnceLock<MonthIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut names: Vec<(String, u8)> = Vec::new();
        for (month, name) in (1u8..).zip(FRENCH_MONTHS) {
            names.push((fold_name(name), month));
        }
        for system in [
            &ARABIC_EGYPT_GULF,
            &ARABIC_ALGERIA_TUNISIA,
            &ARABIC_MOROCCO,
            &ARABIC_LEVANT,
        ] {
            for (month, variants) in (1u8..).zip(system.iter()) {
                for name in variants.iter() {
                    names.push((fold_name(name), month));
                }
            }
        }
        names.sort();
        names.dedup();
        let mut abbreviations: Vec<(String, u8)> = FRENCH_ABBREVIATIONS
            .iter()
            .map(|&(name, month)| (fold_name(name), month))
            .collect();
        abbreviations.sort();
        abbreviations.dedup();
        MonthIndex { names, abbreviations }
    })
}

fn lookup(table: &[(String, u8)], key: &str) -> Option<u8> {
    table
        .binary_search_by(|(name, _)| name.as_str().cmp(key))
        .ok()
        .and_then(|i| table.get(i))
        .map(|&(_, month)| month)
}

/// Month of a folded one-word name.
fn lookup_word(word: &str) -> Option<u8> {
    lookup(&month_index().names, word)
}

/// Month of a folded two-word name (Levant).
fn lookup_pair(first: &str, second: &str) -> Option<u8> {
    lookup(&month_index().names, &format!("{first} {second}"))
}

/// Month of a folded French abbreviation (without its dot).
fn lookup_abbreviation(word: &str) -> Option<u8> {
    lookup(&month_index().abbreviations, word)
}

/// Month number (1-12) for a French or Arabic month name token (any system/variant above, case- and accent-insensitive for French); None otherwise. Two-word Levant names accepted as a single string with one space ("كانون الثاني").
///
/// Surrounding whitespace is ignored; French abbreviations need their dot
/// ("sept." is 9, "sept" is None).
pub fn month_from_name(name: &str) -> Option<u8> {
    let name = name.trim();
    let (body, dotted) = match name.strip_suffix('.') {
        Some(body) => (body, true),
        None => (name, false),
    };
    let mut words: Vec<String> = Vec::new();
    for part in body.split_whitespace() {
        if !part.chars().all(|c| is_ignorable(c) || c.is_alphabetic()) {
            return None;
        }
        let word = fold_name(part);
        if word.is_empty() {
            return None;
        }
        words.push(word);
    }
    match (words.as_slice(), dotted) {
        ([word], false) => lookup_word(word),
        ([word], true) => lookup_abbreviation(word).or_else(|| lookup_word(word)),
        ([first, second], false) => lookup_pair(first, second),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------

/// Value of a Western, Arabic-Indic (U+0660-0669) or extended Arabic-Indic
/// (U+06F0-06F9) digit.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        _ => arabic_digit_value(c),
    }
}

/// Characters skipped everywhere: combining marks (Latin accents in NFD text,
/// Arabic harakat and Quranic marks), tatweel, and invisible format characters
/// (bidi marks and isolates, ZWNJ/ZWJ, word joiner, BOM, soft hyphen).
/// Zero-width space is not here: it separates words. The honorific signs
/// U+0610–U+061A, marks to the normalizer, are not skipped here.
fn is_ignorable(c: char) -> bool {
    c == TATWEEL
        || HARAKAT.contains(&c)
        || c == SUPERSCRIPT_ALEF
        || QURANIC_MARKS.contains(&c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{0300}'..='\u{036F}'
                | '\u{061C}'
                | '\u{200C}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Appends the folded form of a letter: lowercase, then the one folding
/// table of `fihris-lang` (French accents removed, œ → oe, æ → ae, Arabic
/// alef hamza forms → ا, ى/ی → ي, ة and heh variants → ه, ک → ك, modifier
/// letters ᵉ ʳ as in "1ᵉʳ" → e r), except ۃ (U+06C3), which the date finder
/// has always kept.
fn fold_char_into(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        if is_ignorable(c) {
            continue;
        }
        if c == '\u{06C3}' {
            out.push(c);
        } else {
            fold_letter_into(c, out);
        }
    }
}

/// Folds a name (table entry or user input): letters folded as in
/// [`fold_char_into`], ignorable characters dropped, whitespace runs → one space.
fn fold_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if is_ignorable(c) {
            continue;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            fold_char_into(c, &mut out);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// A token of the text: maximal runs, so words and numbers are always whole.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A run of digits (any digit system, mixed runs included).
    Num { value: u32, digits: usize },
    /// A run of letters, folded.
    Word(String),
    /// A run of whitespace (zero-width space included).
    Space,
    /// Any other single character.
    Punct(char),
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    for c in text.chars() {
        if c == '\u{200B}' || c.is_whitespace() {
            if toks.last() != Some(&Tok::Space) {
                toks.push(Tok::Space);
            }
        } else if is_ignorable(c) {
            continue;
        } else if let Some(d) = digit_value(c) {
            if let Some(Tok::Num { value, digits }) = toks.last_mut() {
                *value = value.saturating_mul(10).saturating_add(d);
                *digits = digits.saturating_add(1);
            } else {
                toks.push(Tok::Num { value: d, digits: 1 });
            }
        } else if c.is_alphabetic() {
            if let Some(Tok::Word(word)) = toks.last_mut() {
                fold_char_into(c, word);
            } else {
                let mut word = String::new();
                fold_char_into(c, &mut word);
                toks.push(Tok::Word(word));
            }
        } else {
            toks.push(Tok::Punct(c));
        }
    }
    toks
}

/// Value of the number at `i` if its digit count is in `digit_counts`.
fn num(toks: &[Tok], i: usize, digit_counts: std::ops::RangeInclusive<usize>) -> Option<u32> {
    match toks.get(i) {
        Some(&Tok::Num { value, digits }) if digit_counts.contains(&digits) => Some(value),
        _ => None,
    }
}

fn is_num(toks: &[Tok], i: usize) -> bool {
    matches!(toks.get(i), Some(Tok::Num { .. }))
}

fn word(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    }
}

fn punct(toks: &[Tok], i: usize) -> Option<char> {
    match toks.get(i) {
        Some(&Tok::Punct(c)) => Some(c),
        _ => None,
    }
}

/// Index of the first non-space token from `i`.
fn skip_spaces(toks: &[Tok], mut i: usize) -> usize {
    while toks.get(i) == Some(&Tok::Space) {
        i += 1;
    }
    i
}

/// Skips spaces with at most one of the `allowed` punctuation characters.
fn skip_gap(toks: &[Tok], i: usize, allowed: &[char]) -> usize {
    let i = skip_spaces(toks, i);
    match punct(toks, i) {
        Some(c) if allowed.contains(&c) => skip_spaces(toks, i + 1),
        _ => i,
    }
}

// ---------------------------------------------------------------------------
// Finding dates
// ---------------------------------------------------------------------------

/// Separators of ISO dates in text ("2019-03-12", "2019/03/12").
const ISO_SEPARATORS: [char; 2] = ['-', '/'];
/// Separators of numeric day-first dates; U+060D is the Arabic date separator.
const DAY_FIRST_SEPARATORS: [char; 4] = ['/', '-', '.', '\u{060D}'];
/// Separators that make a number decimal or a time ("3.12", "10:12").
const DECIMAL_SEPARATORS: [char; 3] = ['.', ',', ':'];

/// Finds an explicit publication date written in `text` (a dateline or header line of a press article): the FIRST full date (day, month, year all present) found, in any of these forms:
/// - ISO "2019-03-12", "2019/03/12"; numeric day-first "12/03/2019", "12-03-2019", "12.03.2019" (day first, as in French and Arabic press; reject if invalid),
/// - French "12 mars 2019", "1er juin 2020", "lundi 12 mars 2019", "12 Mars 2019", "12 MARS 2019", accents optional ("fevrier", "aout", "decembre"), "Publié le 12 mars 2019 à 10h30",
/// - Arabic with any month-name system from languages.md (Egyptian/Gulf, Algeria/Tunisia, Morocco, Levant two-word names like "كانون الثاني", "تشرين الأول"), with spelling variants, with Western digits or Arabic-Indic digits (٠-٩) or extended (۰-۹), optional weekday before ("الثلاثاء 12 مارس 2019"), only Gregorian ("12 مارس 2019م" ok); also "12 مارس/آذار 2019" (double month name, common in Levant press), "12 آذار (مارس) 2019", and the Gulf/Egypt "12 من مارس 2019" (optional "من").
///
/// Never returns a date from a relative expression ("hier", "avant-hier", "jeudi", "أمس") or from a bare year ("en 2017") or month+year without day ("mars 2019"). Invalid candidates ("31 février 2019", "2019-02-29") are skipped and the search goes on.
pub fn find_date(text: &str) -> Option<Date> {
    let toks = tokenize(text);
    (0..toks.len()).find_map(|i| date_at(&toks, i))
}

/// A date starting at token `i`, if any.
fn date_at(toks: &[Tok], i: usize) -> Option<Date> {
    match toks.get(i) {
        Some(Tok::Num { digits: 4, .. }) => iso_at(toks, i),
        Some(Tok::Num { digits: 1 | 2, .. }) => day_first_at(toks, i).or_else(|| named_month_at(toks, i)),
        _ => None,
    }
}

/// True if the numeric date spanning tokens `first..=last` is part of a longer
/// run of numbers with the same separator ("1.12.03.2019", "12-03-2019-04").
fn continues_numeric(toks: &[Tok], first: usize, last: usize, sep: char) -> bool {
    let before = first
        .checked_sub(2)
        .is_some_and(|k| is_num(toks, k) && punct(toks, k + 1) == Some(sep));
    let after = punct(toks, last + 1) == Some(sep) && is_num(toks, last + 2);
    before || after
}

/// "2019-03-12", "2019/03/12" (also with one-digit month or day).
fn iso_at(toks: &[Tok], i: usize) -> Option<Date> {
    let year = num(toks, i, 4..=4)?;
    let sep = punct(toks, i + 1).filter(|c| ISO_SEPARATORS.contains(c))?;
    let month = num(toks, i + 2, 1..=2)?;
    (punct(toks, i + 3) == Some(sep)).then_some(())?;
    let day = num(toks, i + 4, 1..=2)?;
    if continues_numeric(toks, i, i + 4, sep) {
        return None;
    }
    make_date(year, month, day)
}

/// "12/03/2019", "12-03-2019", "12.03.2019", "١٢/٣/٢٠١٩".
fn day_first_at(toks: &[Tok], i: usize) -> Option<Date> {
    let day = num(toks, i, 1..=2)?;
    let sep = punct(toks, i + 1).filter(|c| DAY_FIRST_SEPARATORS.contains(c))?;
    let month = num(toks, i + 2, 1..=2)?;
    (punct(toks, i + 3) == Some(sep)).then_some(())?;
    let year = num(toks, i + 4, 4..=4)?;
    if continues_numeric(toks, i, i + 4, sep) {
        return None;
    }
    make_date(year, month, day)
}

/// A month name (one word, two words, or a French abbreviation with its dot)
/// at token `j`: the month and the index after it. Two-word names first
/// (longest match).
fn month_at(toks: &[Tok], j: usize) -> Option<(u8, usize)> {
    let first = word(toks, j)?;
    if toks.get(j + 1) == Some(&Tok::Space) {
        if let Some(month) = word(toks, j + 2).and_then(|second| lookup_pair(first, second)) {
            return Some((month, j + 3));
        }
    }
    if let Some(month) = lookup_word(first) {
        return Some((month, j + 1));
    }
    if punct(toks, j + 1) == Some('.') {
        if let Some(month) = lookup_abbreviation(first) {
            return Some((month, j + 2));
        }
    }
    None
}

/// True if the day at `i` is glued to something that makes it not a day: a
/// decimal or a time ("3.12", "10:12"), or a code with letters and digits
/// ("G20", "A12"). Arabic prefixes glued to the day ("و12", "الـ12") are fine,
/// and so are hyphenated datelines ("Alger-12 mars 2019", "الجزائر-12 مارس").
fn day_is_glued(toks: &[Tok], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    match toks.get(prev) {
        Some(Tok::Word(w)) => !w.chars().last().is_some_and(is_arabic_letter),
        Some(&Tok::Punct(c)) => {
            DECIMAL_SEPARATORS.contains(&c) && prev.checked_sub(1).is_some_and(|k| is_num(toks, k))
        }
        _ => false,
    }
}

/// The Arabic block and the Arabic Supplement: the extent the date finder
/// has always tested (not the presentation forms, which callers NFKC-fold).
fn is_arabic_letter(c: char) -> bool {
    is_arabic_block(c) || ARABIC_SUPPLEMENT.contains(&c)
}

/// True if the year at `j` is the integer part of a decimal ("2019,5") or is
/// followed by the Hijri marker "هـ" / "هجري".
fn year_is_not_gregorian(toks: &[Tok], j: usize) -> bool {
    let decimal = punct(toks, j + 1).is_some_and(|c| DECIMAL_SEPARATORS.contains(&c)) && is_num(toks, j + 2);
    let hijri = matches!(word(toks, skip_spaces(toks, j + 1)), Some("ه" | "هجري" | "هجريه"));
    decimal || hijri
}

/// Day, month name(s), year: "12 mars 2019", "1er juin 2020", "12 sept. 2019",
/// "12 من مارس 2019", "12 مارس/آذار 2019", "12 آذار (مارس) 2019",
/// "12 مارس عام 2019", "12 كانون الثاني 2019".
fn named_month_at(toks: &[Tok], i: usize) -> Option<Date> {
    let day = num(toks, i, 1..=2)?;
    if day_is_glued(toks, i) {
        return None;
    }
    let mut j = i + 1;
    if day == 1 && word(toks, j) == Some("er") {
        j += 1;
    }
    j = skip_gap(toks, j, &['-']);
    if word(toks, j) == Some("من") {
        j = skip_spaces(toks, j + 1);
    }
    let (month, end) = month_at(toks, j)?;
    j = end;

    // A second name of the same month: "مارس/آذار", "آذار (مارس)".
    let k = skip_spaces(toks, j);
    match punct(toks, k) {
        Some('/') => {
            if let Some((second, end)) = month_at(toks, skip_spaces(toks, k + 1)) {
                if second != month {
                    return None;
                }
                j = end;
            }
        }
        Some('(') => {
            if let Some((second, end)) = month_at(toks, skip_spaces(toks, k + 1)) {
                let close = skip_spaces(toks, end);
                if punct(toks, close) == Some(')') {
                    if second != month {
                        return None;
                    }
                    j = close + 1;
                }
            }
        }
        _ => {}
    }

    j = skip_gap(toks, j, &[',', '،', '-']);
    if matches!(word(toks, j), Some("عام" | "سنه")) {
        j = skip_spaces(toks, j + 1);
    }
    let year = num(toks, j, 4..=4)?;
    if year_is_not_gregorian(toks, j) {
        return None;
    }
    make_date(year, u32::from(month), day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid test date.
    fn d(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).expect("valid test date")
    }

    fn to_arabic_indic(s: &str) -> String {
        s.chars()
            .map(|c| match c.to_digit(10) {
                Some(v) => char::from_u32(0x0660 + v).unwrap_or(c),
                None => c,
            })
            .collect()
    }

    fn to_extended_digits(s: &str) -> String {
        s.chars()
            .map(|c| match c.to_digit(10) {
                Some(v) => char::from_u32(0x06F0 + v).unwrap_or(c),
                None => c,
            })
            .collect()
    }

    /// Every month name of every system, written independently of the tables
    /// above (languages.md plus the variants the module promises).
    const FRENCH_NAMES: &[(&str, u8)] = &[
        ("janvier", 1),
        ("février", 2),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("decembre", 12),
        ("Janvier", 1),
        ("FÉVRIER", 2),
        ("FEVRIER", 2),
        ("Mars", 3),
        ("MARS", 3),
        ("AOÛT", 8),
        ("Décembre", 12),
        ("fe\u{301}vrier", 2), // NFD
        ("ao\u{302}ut", 8),
    ];

    const EGYPT_GULF_NAMES: &[(&str, u8)] = &[
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("إبريل", 4),
        ("ابريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("اكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
    ];

    const ALGERIA_TUNISIA_NAMES: &[(&str, u8)] = &[
        ("جانفي", 1),
        ("فيفري", 2),
        ("فيفرى", 2),
        ("مارس", 3),
        ("أفريل", 4),
        ("افريل", 4),
        ("ماي", 5),
        ("ماى", 5),
        ("جوان", 6),
        ("جويلية", 7),
        ("جويليه", 7),
        ("أوت", 8),
        ("اوت", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
    ];

    const MOROCCO_NAMES: &[(&str, u8)] = &[
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("ماي", 5),
        ("يونيو", 6),
        ("يوليوز", 7),
        ("غشت", 8),
        ("شتنبر", 9),
        ("أكتوبر", 10),
        ("نونبر", 11),
        ("دجنبر", 12),
    ];

    const LEVANT_NAMES: &[(&str, u8)] = &[
        ("كانون الثاني", 1),
        ("كانون الثانى", 1),
        ("كانون ثاني", 1),
        ("شباط", 2),
        ("آذار", 3),
        ("اذار", 3),
        ("نيسان", 4),
        ("أيار", 5),
        ("ايار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("آب", 8),
        ("اب", 8),
        ("أيلول", 9),
        ("ايلول", 9),
        ("تشرين الأول", 10),
        ("تشرين الاول", 10),
        ("تشرين أول", 10),
        ("تشرين الثاني", 11),
        ("تشرين ثاني", 11),
        ("كانون الأول", 12),
        ("كانون الاول", 12),
        ("كانون أول", 12),
    ];

    const ARABIC_SYSTEMS: [&[(&str, u8)]; 4] = [
        EGYPT_GULF_NAMES,
        ALGERIA_TUNISIA_NAMES,
        MOROCCO_NAMES,
        LEVANT_NAMES,
    ];

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

    // --- month_from_name ----------------------------------------------------

    #[test]
    fn month_from_name_every_french_name() {
        for &(name, month) in FRENCH_NAMES {
            assert_eq!(month_from_name(name), Some(month), "{name}");
        }
    }

    #[test]
    fn month_from_name_every_arabic_name_of_every_system() {
        for system in ARABIC_SYSTEMS {
            assert_eq!(
                system.iter().map(|&(_, m)| m).max(),
                Some(12),
                "a system lost months"
            );
            for &(name, month) in system {
                assert_eq!(month_from_name(name), Some(month), "{name}");
            }
        }
    }

    #[test]
    fn month_from_name_every_system_covers_all_twelve_months() {
        for system in ARABIC_SYSTEMS {
            let mut seen = [false; 12];
            for &(_, month) in system {
                seen[usize::from(month - 1)] = true;
            }
            assert!(seen.iter().all(|&s| s), "{system:?}");
        }
    }

    #[test]
    fn month_from_name_every_table_entry_round_trips() {
        // Guards against typos in the tables that would make an entry unmatchable.
        for (month, name) in (1u8..).zip(FRENCH_MONTHS) {
            assert_eq!(month_from_name(name), Some(month), "{name}");
            assert_eq!(month_from_name(&name.to_uppercase()), Some(month), "{name}");
        }
        for &(name, month) in &FRENCH_ABBREVIATIONS {
            assert_eq!(month_from_name(&format!("{name}.")), Some(month), "{name}");
        }
        for system in [
            &ARABIC_EGYPT_GULF,
            &ARABIC_ALGERIA_TUNISIA,
            &ARABIC_MOROCCO,
            &ARABIC_LEVANT,
        ] {
            for (month, variants) in (1u8..).zip(system.iter()) {
                for name in variants.iter() {
                    assert_eq!(month_from_name(name), Some(month), "{name}");
                }
            }
        }
    }

    #[test]
    fn month_from_name_tolerates_harakat_tatweel_and_spacing() {
        assert_eq!(month_from_name("مَارِس"), Some(3));
        assert_eq!(month_from_name("مـارس"), Some(3));
        assert_eq!(month_from_name("  كانون   الثاني "), Some(1));
        assert_eq!(month_from_name("\u{200F}مارس\u{200F}"), Some(3));
        assert_eq!(month_from_name("یونیو"), Some(6)); // Persian yeh
        assert_eq!(month_from_name("mars."), Some(3));
    }

    #[test]
    fn month_from_name_abbreviations_need_their_dot() {
        assert_eq!(month_from_name("sept."), Some(9));
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("févr."), Some(2));
        assert_eq!(month_from_name("dec."), Some(12));
        assert_eq!(month_from_name("janv."), Some(1));
        assert_eq!(month_from_name("sept"), None);
        assert_eq!(month_from_name("oct"), None);
    }

    #[test]
    fn month_from_name_rejects_non_months() {
        let cases = [
            "",
            " ",
            ".",
            "maison",
            "mardi",
            "hier",
            "ممارسة",
            "مايوه",
            "كانون",
            "تشرين",
            "الثاني",
            "كانون الثالث",
            "تشرين الأول الثاني",
            "mars 2019",
            "12 mars",
            "mars2019",
            "march",
            "may",
            "janvier.x",
            "\u{301}",
            "أمس",
        ];
        for case in cases {
            assert_eq!(month_from_name(case), None, "{case:?}");
        }
    }

    // --- find_date: month names ---------------------------------------------

    #[test]
    fn find_date_every_french_name() {
        for &(name, month) in FRENCH_NAMES {
            for text in [
                format!("12 {name} 2019"),
                format!("Publié le 12 {name} 2019 à 10h30"),
                format!("lundi 12 {name} 2019"),
            ] {
                assert_eq!(find_date(&text), Some(d(2019, month, 12)), "{text}");
            }
        }
    }

    #[test]
    fn find_date_every_arabic_name_of_every_system() {
        for system in ARABIC_SYSTEMS {
            for &(name, month) in system {
                for text in [
                    format!("12 {name} 2019"),
                    format!("الثلاثاء 12 {name} 2019"),
                    format!("الثلاثاء، 12 {name} 2019م"),
                    format!("12 من {name} 2019"),
                    format!("نشر في 12 {name}، 2019"),
                    to_arabic_indic(&format!("12 {name} 2019")),
                    to_extended_digits(&format!("12 {name} 2019")),
                ] {
                    assert_eq!(find_date(&text), Some(d(2019, month, 12)), "{text}");
                }
            }
        }
    }

    #[test]
    fn find_date_french_forms() {
        let cases: &[(&str, Date)] = &[
            ("1er juin 2020", d(2020, 6, 1)),
            ("Le 1ER JUIN 2020", d(2020, 6, 1)),
            ("le 1ᵉʳ juin 2020", d(2020, 6, 1)),
            ("01 juin 2020", d(2020, 6, 1)),
            ("lundi 12 mars 2019", d(2019, 3, 12)),
            ("Mis à jour le 3 décembre 2018 à 18h05", d(2018, 12, 3)),
            ("Publié le 12\u{a0}mars\u{a0}2019", d(2019, 3, 12)),
            ("12 mars, 2019", d(2019, 3, 12)),
            ("12-mars-2019", d(2019, 3, 12)),
            ("12 sept. 2019", d(2019, 9, 12)),
            ("5 déc. 2019", d(2019, 12, 5)),
            ("29 février 2020", d(2020, 2, 29)),
            ("Alger, 19 octobre 2018 (APS)", d(2018, 10, 19)),
            ("du 10 au 12 mars 2019", d(2019, 3, 12)),
            ("L’ANEM, 7 avril 2021", d(2021, 4, 7)),
            ("ALGER-12 mars 2019 (APS)", d(2019, 3, 12)),
            ("ALGER - 12 mars 2019", d(2019, 3, 12)),
        ];
        for (text, expected) in cases {
            assert_eq!(find_date(text), Some(*expected), "{text}");
        }
    }

    #[test]
    fn find_date_arabic_forms() {
        let cases: &[(&str, Date)] = &[
            ("١٢ مارس ٢٠١٩", d(2019, 3, 12)),
            ("۱۲ مارس ۲۰۱۹", d(2019, 3, 12)),
            ("الثلاثاء 12 مارس 2019", d(2019, 3, 12)),
            ("12 مارس 2019م", d(2019, 3, 12)),
            ("12 مارس 2019 م", d(2019, 3, 12)),
            ("12 من مارس 2019", d(2019, 3, 12)),
            ("12 مارس/آذار 2019", d(2019, 3, 12)),
            ("12 آذار/مارس 2019", d(2019, 3, 12)),
            ("12 مارس / آذار 2019", d(2019, 3, 12)),
            ("12 آذار (مارس) 2019", d(2019, 3, 12)),
            ("3 كانون الثاني/يناير 2020", d(2020, 1, 3)),
            ("3 يناير/كانون الثاني 2020", d(2020, 1, 3)),
            ("3 تشرين الأول 2020", d(2020, 10, 3)),
            ("3 تشرين الثاني 2020", d(2020, 11, 3)),
            ("25 كانون الأول 2020", d(2020, 12, 25)),
            ("12 مارس عام 2019", d(2019, 3, 12)),
            ("12 مارس سنة 2019", d(2019, 3, 12)),
            ("و12 مارس 2019", d(2019, 3, 12)),
            ("الجزائر-12 مارس 2019", d(2019, 3, 12)),
            ("الـ12 من مارس 2019", d(2019, 3, 12)),
            ("\u{200F}12\u{200F} مارس \u{200F}2019", d(2019, 3, 12)),
            ("12 مـارس 2019", d(2019, 3, 12)),
            ("12مارس2019", d(2019, 3, 12)),
            ("5 ماي 2021", d(2021, 5, 5)),
            ("5 مايو 2021", d(2021, 5, 5)),
            ("5 يونيه 2021", d(2021, 6, 5)),
            ("الرباط 12 يوليوز 2021", d(2021, 7, 12)),
        ];
        for (text, expected) in cases {
            assert_eq!(find_date(text), Some(*expected), "{text}");
        }
    }

    #[test]
    fn find_date_double_month_names_must_agree() {
        assert_eq!(find_date("12 مارس/نيسان 2019"), None);
        assert_eq!(find_date("12 آذار (نيسان) 2019"), None);
        // A slash not followed by a month is not a date either.
        assert_eq!(find_date("12 مارس/ 2019"), None);
    }

    // --- find_date: numeric forms -------------------------------------------

    #[test]
    fn find_date_iso_forms() {
        let cases: &[(&str, Date)] = &[
            ("2019-03-12", d(2019, 3, 12)),
            ("2019/03/12", d(2019, 3, 12)),
            ("Date: 2019-03-12T10:30:00+01:00", d(2019, 3, 12)),
            ("publié 2019-03-12 10:30", d(2019, 3, 12)),
            ("2019-3-5", d(2019, 3, 5)),
            ("٢٠١٩/٠٣/١٢", d(2019, 3, 12)),
        ];
        for (text, expected) in cases {
            assert_eq!(find_date(text), Some(*expected), "{text}");
        }
    }

    #[test]
    fn find_date_numeric_day_first() {
        let cases: &[(&str, Date)] = &[
            ("12/03/2019", d(2019, 3, 12)),
            ("12-03-2019", d(2019, 3, 12)),
            ("12.03.2019", d(2019, 3, 12)),
            ("Le 10/04/2021 à 09:15", d(2021, 4, 10)),
            ("3/4/2021", d(2021, 4, 3)),
            ("١٢/٣/٢٠١٩", d(2019, 3, 12)),
            ("12\u{060D}03\u{060D}2019", d(2019, 3, 12)),
            ("10/04/2021-15/04/2021", d(2021, 4, 10)),
            ("Fin: 12.03.2019.", d(2019, 3, 12)),
        ];
        for (text, expected) in cases {
            assert_eq!(find_date(text), Some(*expected), "{text}");
        }
    }

    #[test]
    fn find_date_numeric_rejects_invalid_and_ambiguous() {
        let cases = [
            "31/02/2019",
            "29/02/2019",
            "03/13/2019", // month-first is not supported
            "12/31/2019",
            "12/03/19",
            "12/03-2019",
            "12 03 2019",
            "1.12.03.2019",
            "12.03.2019.1",
            "12-03-2019-04-05",
            "2019-03-12-1",
            "2019-02-29",
            "2019-13-01",
            "0/03/2019",
            "12/03/1700",
        ];
        for case in cases {
            assert_eq!(find_date(case), None, "{case:?}");
        }
    }

    // --- find_date: what must not be a date ----------------------------------

    #[test]
    fn find_date_invalid_dates_are_none() {
        let cases = [
            "31 février 2019",
            "29 février 2019",
            "30 fevrier 2020",
            "31 avril 2019",
            "31 نيسان 2019",
            "0 mars 2019",
            "32 mars 2019",
            "12 mars 1799",
            "12 mars 2201",
        ];
        for case in cases {
            assert_eq!(find_date(case), None, "{case:?}");
        }
        assert_eq!(find_date("29 février 2020"), Some(d(2020, 2, 29)));
        assert_eq!(find_date("2020-02-29"), Some(d(2020, 2, 29)));
    }

    #[test]
    fn find_date_relative_and_partial_expressions_are_none() {
        let cases = [
            "hier",
            "avant-hier, jeudi",
            "Publié hier à 10h30",
            "jeudi dernier",
            "lancé en 2017",
            "en 2017",
            "2019",
            "mars 2019",
            "en mars 2019",
            "le 12 mars",
            "lundi 12 mars",
            "le 1er juin",
            "أمس",
            "أول أمس الاثنين",
            "في عام 2017",
            "مارس 2019",
            "12 مارس",
            "الثلاثاء 12 مارس",
            "à 10h30",
            "10:30",
        ];
        for case in cases {
            assert_eq!(find_date(case), None, "{case:?}");
        }
    }

    #[test]
    fn find_date_needs_whole_words_and_numbers() {
        let cases = [
            "maison 2019",
            "12 maison 2019",
            "12 maisons 2019",
            "12 mais 2019",
            "12 marsupial 2019",
            "ممارسة 12 2019",
            "12 ممارسة 2019",
            "12 مايوه 2019",
            "12 كانون 2019",
            "12 تشرين 2019",
            "112 mars 2019",
            "12 mars 20190",
            "12 mars 201",
            "3.12 mars 2019",
            "10:12 mars 2019",
            "G20 mars 2020",
            "12 mars 2019,5",
            "12 sept 2019",
            "12 mars-avril 2019",
        ];
        for case in cases {
            assert_eq!(find_date(case), None, "{case:?}");
        }
    }

    #[test]
    fn find_date_rejects_hijri_years() {
        assert_eq!(find_date("12 رجب 1440 هـ"), None);
        assert_eq!(find_date("12 مارس 1440هـ"), None);
        assert_eq!(find_date("12 مارس 1900 هـ"), None);
        assert_eq!(find_date("12 مارس 1900 هجرية"), None);
        assert_eq!(find_date("12 مارس 1900 م"), Some(d(1900, 3, 12)));
    }

    // --- find_date: several dates -------------------------------------------

    #[test]
    fn find_date_first_date_wins() {
        let cases: &[(&str, Date)] = &[
            (
                "Publié le 12 mars 2019, mis à jour le 13 mars 2019",
                d(2019, 3, 12),
            ),
            ("13/03/2019 — 12 mars 2019", d(2019, 3, 13)),
            ("12 mars 2019 — 2019-03-13", d(2019, 3, 12)),
            ("نشر في 5 أبريل 2021 وحدث في 1 يناير 2020", d(2021, 4, 5)),
            ("lancé en 2017, publié le 5 mai 2021", d(2021, 5, 5)),
            ("hier, le 4 mai 2021", d(2021, 5, 4)),
            // An invalid candidate is skipped, the next valid one is found.
            ("31 février 2019 puis 1er mars 2019", d(2019, 3, 1)),
            ("2019-02-29 / 2020-02-29", d(2020, 2, 29)),
            ("maison 12 2019, 7 juillet 2019", d(2019, 7, 7)),
        ];
        for (text, expected) in cases {
            assert_eq!(find_date(text), Some(*expected), "{text}");
        }
    }

    // --- robustness ----------------------------------------------------------

    const MIXED: &str = "Publié le 1er juin 2020 à 10h30 — الثلاثاء، ١٢ مارس/آذار ٢٠١٩م \
        12 من كانون الثاني 2020 · 31/02/2019 · 2019-02-29T10:00:00+01:00 · fe\u{301}vrier \
        \u{200F}مـَارِس\u{200F} ۱۲.۰۳.۲۰۱۹ ﻣﺎﺭﺱ 𝟙𝟚 👍🏽 e\u{301}\u{301} ٍّ 1ᵉʳ sept. İ ß \u{0}\u{FEFF}";

    fn char_boundaries(s: &str) -> Vec<usize> {
        s.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .collect()
    }

    #[test]
    fn no_panic_on_every_substring_of_a_mixed_text() {
        let bounds = char_boundaries(MIXED);
        let mut found = 0usize;
        for (a, &start) in bounds.iter().enumerate() {
            for &end in &bounds[a..] {
                let piece = &MIXED[start..end];
                if let Some(date) = find_date(piece) {
                    assert!(Date::new(date.year(), date.month(), date.day()).is_some());
                    found += 1;
                }
                let _ = Date::parse_iso(piece);
                let _ = piece.parse::<Date>();
                if end - start <= 40 {
                    let _ = month_from_name(piece);
                }
            }
        }
        assert!(found > 0);
        assert_eq!(find_date(MIXED), Some(d(2020, 6, 1)));
    }

    #[test]
    fn no_panic_on_pseudo_random_unicode() {
        const POOL: &str = "0129٠١٢٩۰۲/-.:,، \u{a0}\n()TZ+marsée\u{301}مارسنكوهـَ\u{200F}\u{200B}ﻣ𝟙👍\u{0}\u{FFFF}İß\u{10FFFF}؍";
        let pool: Vec<char> = POOL.chars().collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = usize::try_from(next() % 48).unwrap_or(0);
            let text: String = (0..len)
                .map(|_| {
                    let k = usize::try_from(next() % pool.len() as u64).unwrap_or(0);
                    pool.get(k).copied().unwrap_or(' ')
                })
                .collect();
            let _ = find_date(&text);
            let _ = Date::parse_iso(&text);
            let _ = month_from_name(&text);
        }
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let text = format!("{} mars {}", "9".repeat(100), "9".repeat(100));
        assert_eq!(find_date(&text), None);
        assert_eq!(Date::parse_iso(&"9".repeat(100)), None);
        assert_eq!(find_date("99999999999999999999/03/2019"), None);
    }

    #[test]
    fn tokenizer_keeps_words_and_numbers_whole() {
        assert_eq!(
            tokenize("12mars2019"),
            vec![
                Tok::Num { value: 12, digits: 2 },
                Tok::Word("mars".to_string()),
                Tok::Num {
                    value: 2019,
                    digits: 4
                },
            ]
        );
        assert_eq!(
            tokenize("Fé\u{301}V  ١٢"),
            vec![
                Tok::Word("fev".to_string()),
                Tok::Space,
                Tok::Num { value: 12, digits: 2 },
            ]
        );
    }
}
