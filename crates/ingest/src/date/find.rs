//! Finding a publication date in text: [`find_date`] and the patterns it
//! tries at each number (ISO, numeric day-first, day + month name + year),
//! with the checks that keep decimals, times, codes and Hijri years out.

use fihris_lang::is_arabic_block;
use fihris_lang::script::ARABIC_SUPPLEMENT;

use super::months::{
    lookup_abbreviation, lookup_english_abbreviation, lookup_month_first, lookup_pair, lookup_word,
};
use super::tokens::{is_num, num, punct, skip_gap, skip_spaces, tokenize, word, Tok};
use super::{make_date, Date};

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
/// - English "5 December 2020", "5th Dec 2020", "December 5, 2020", "Dec. 5, 2020" (only English names open a date), and German "5. Dezember 2020", "19. Juli 2014".
///
/// Never returns a date from a relative expression ("hier", "avant-hier", "jeudi", "أمس") or from a bare year ("en 2017") or month+year without day ("mars 2019"). Invalid candidates ("31 février 2019", "2019-02-29") are skipped and the search goes on.
pub fn find_date(text: &str) -> Option<Date> {
    find_date_ordered(text, NumericOrder::DayFirst)
}

/// How numeric dates whose year comes last ("05/12/2020") are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// Day first, as in French, Arabic and most of the world's press.
    DayFirst,
    /// Neither order is assumed (English pages, where "05/12/2020" may be
    /// 5 December or May 12): a slash or dash date is read only when one of
    /// its first two numbers is above 12, which tells the order; a dotted
    /// date ("05.12.2020") is day-first everywhere it is written.
    Unambiguous,
}

/// Like [`find_date`], reading numeric dates in `order`.
pub fn find_date_ordered(text: &str, order: NumericOrder) -> Option<Date> {
    let toks = tokenize(text);
    (0..toks.len()).find_map(|i| date_at(&toks, i, order))
}

/// A date starting at token `i`, if any.
fn date_at(toks: &[Tok], i: usize, order: NumericOrder) -> Option<Date> {
    match toks.get(i) {
        Some(Tok::Num { digits: 4, .. }) => iso_at(toks, i),
        Some(Tok::Num { digits: 1 | 2, .. }) => {
            numeric_at(toks, i, order).or_else(|| named_month_at(toks, i))
        }
        Some(Tok::Word(_)) => month_first_at(toks, i),
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
    let [year, month, day] = three_numbers(toks, i, [4..=4, 1..=2, 1..=2], &ISO_SEPARATORS)?;
    make_date(year, month, day)
}

/// "12/03/2019", "12-03-2019", "12.03.2019", "١٢/٣/٢٠١٩": day first, or
/// in [`NumericOrder::Unambiguous`] the order its numbers tell ("12/25/2020"
/// is month first), none when they do not tell it ("05/12/2020").
fn numeric_at(toks: &[Tok], i: usize, order: NumericOrder) -> Option<Date> {
    let [first, second, year] = three_numbers(toks, i, [1..=2, 1..=2, 4..=4], &DAY_FIRST_SEPARATORS)?;
    let dotted = punct(toks, i + 1) == Some('.');
    match order {
        NumericOrder::DayFirst => make_date(year, second, first),
        NumericOrder::Unambiguous if dotted || first > 12 || first == second => {
            make_date(year, second, first)
        }
        NumericOrder::Unambiguous if second > 12 => make_date(year, first, second),
        NumericOrder::Unambiguous => None,
    }
}

/// Three numbers from token `i` with the given digit counts, joined by the
/// same one of `separators` ("2019-03-12", "12.03.2019"), and not part of a
/// longer run of numbers joined so.
fn three_numbers(
    toks: &[Tok],
    i: usize,
    digits: [std::ops::RangeInclusive<usize>; 3],
    separators: &[char],
) -> Option<[u32; 3]> {
    let [first_digits, second_digits, third_digits] = digits;
    let first = num(toks, i, first_digits)?;
    let sep = punct(toks, i + 1).filter(|c| separators.contains(c))?;
    let second = num(toks, i + 2, second_digits)?;
    (punct(toks, i + 3) == Some(sep)).then_some(())?;
    let third = num(toks, i + 4, third_digits)?;
    if continues_numeric(toks, i, i + 4, sep) {
        return None;
    }
    Some([first, second, third])
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
    let month = lookup_english_abbreviation(first)?;
    Some((
        month,
        if punct(toks, j + 1) == Some('.') {
            j + 2
        } else {
            j + 1
        },
    ))
}

/// The index after an English ordinal suffix glued to the day at `i`
/// ("5th", "1st", "22nd", "3rd"), or after the French "1er".
fn after_ordinal(toks: &[Tok], i: usize, day: u32) -> usize {
    match (word(toks, i + 1), day) {
        (Some("er"), 1) | (Some("st"), 1 | 21 | 31) | (Some("nd"), 2 | 22) | (Some("rd"), 3 | 23) => i + 2,
        (Some("th"), 4..=20 | 24..=30) => i + 2,
        _ => i + 1,
    }
}

/// An English date that opens with its month: "December 5, 2020", "Dec. 5,
/// 2020", "December 5th 2020", "Sep 5, 2020".
fn month_first_at(toks: &[Tok], i: usize) -> Option<Date> {
    let month = lookup_month_first(word(toks, i)?)?;
    // A month name inside a word run ("Mar" of "Mar-a-Lago") is no date.
    if i > 0 && !matches!(toks.get(i - 1), Some(Tok::Space | Tok::Punct(_))) {
        return None;
    }
    let mut j = i + 1;
    if punct(toks, j) == Some('.') {
        j += 1;
    }
    if toks.get(j) != Some(&Tok::Space) {
        return None;
    }
    j = skip_spaces(toks, j);
    let day = num(toks, j, 1..=2)?;
    j = after_ordinal(toks, j, day);
    j = skip_gap(toks, j, &[',']);
    let year = num(toks, j, 4..=4)?;
    if year_is_not_gregorian(toks, j) {
        return None;
    }
    make_date(year, u32::from(month), day)
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
    // "5. Dezember 2020": the German day takes a dot.
    let mut j = after_ordinal(toks, i, day);
    if j == i + 1 && punct(toks, j) == Some('.') && toks.get(j + 1) == Some(&Tok::Space) {
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
mod tests;
