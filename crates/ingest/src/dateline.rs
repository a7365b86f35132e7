//! Datelines: the place, date and agency that open a press article's
//! first paragraph, before a dash ("ORAN, 15 jan. 2019 (APS) – L'Agence
//! …", "Rabat, le 4 février 2020 — …", "الرباط - 4 فبراير 2020 (ومع) - …",
//! "الجزائر في 15 جانفي 2019 - …").
//!
//! A dateline is read only at the very start of the body, and only when
//! the words before the dash are few and hold a full date (day, month and
//! year: "Tunis, 3 mars (TAP) –" gives no date, as the year is not
//! written). A short capitalised word in parentheses there names the
//! agency ("(APS)", "(ومع)"), taken as the source when the file names
//! none. The dateline stays in the body: the place is part of the story.

use crate::date::{find_date_ordered, NumericOrder};
use crate::Date;

/// What a dateline says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub date: Option<Date>,
    pub agency: Option<String>,
}

/// Most words a dateline has before its dash ("Sidi Bel Abbès, le
/// mercredi 15 janvier 2019 (APS)" has 8).
const MAX_WORDS: usize = 10;
/// How far into the body the dash closing a dateline may be, in bytes.
const MAX_BYTES: usize = 160;
/// Dashes that close a dateline, with the spaces around them.
const DASHES: &[&str] = &[" – ", " — ", " - ", " -- ", " ― ", "– ", "— "];
/// Longest agency name in parentheses, in characters.
const MAX_AGENCY_CHARS: usize = 12;

/// The dateline opening `body`, if it has one with a date or an agency.
/// The dash closing it is the first after which the words before it hold
/// one ("الرباط - 4 فبراير 2020 (ومع) - …" has a dash after the place too).
pub(crate) fn dateline(body: &str, order: NumericOrder) -> Option<Dateline> {
    let first = body.split("\n\n").next()?;
    let mut window = first.len().min(MAX_BYTES);
    while !first.is_char_boundary(window) {
        window -= 1;
    }
    let starts_like_a_place = first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || fihris_lang::is_arabic_block(c));
    if !starts_like_a_place {
        return None;
    }
    let mut ends: Vec<usize> = DASHES
        .iter()
        .flat_map(|dash| first[..window].match_indices(dash).map(|(at, _)| at))
        .collect();
    ends.sort_unstable();
    for end in ends {
        let head = first[..end].trim();
        if head.split_whitespace().count() > MAX_WORDS {
            break;
        }
        let date = find_date_ordered(head, order);
        let agency = agency(head);
        if date.is_some() || agency.is_some() {
            return Some(Dateline { date, agency });
        }
    }
    None
}

/// The agency named in parentheses in a dateline's words: short, one or
/// two words, capitals for Latin ("APS", "MAP", "AFP", "TAP"), any Arabic.
fn agency(head: &str) -> Option<String> {
    let open = head.rfind('(')?;
    let close = open + head[open..].find(')')?;
    let name = head[open + 1..close].trim();
    let chars = name.chars().count();
    if !(2..=MAX_AGENCY_CHARS).contains(&chars) || name.split_whitespace().count() > 2 {
        return None;
    }
    let letters = name.chars().filter(|c| c.is_alphabetic());
    let arabic = name.chars().any(fihris_lang::is_arabic_block);
    let capitals = letters.clone().all(|c| c.is_uppercase()) && letters.count() >= 2;
    (arabic || capitals).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> (Option<String>, Option<String>) {
        match dateline(body, NumericOrder::DayFirst) {
            Some(d) => (d.date.map(|d| d.to_string()), d.agency),
            None => (None, None),
        }
    }

    #[test]
    fn french_datelines() {
        assert_eq!(
            read("ORAN, 15 jan. 2019 (APS) – L'Agence nationale de l'emploi a signé un accord."),
            (Some("2019-01-15".into()), Some("APS".into()))
        );
        assert_eq!(
            read("Rabat, le 4 février 2020 — Le ministre a présenté le programme."),
            (Some("2020-02-04".into()), None)
        );
        assert_eq!(
            read("Sidi Bel Abbès, le mercredi 15 janvier 2019 (APS) - Le wali a inauguré l'agence."),
            (Some("2019-01-15".into()), Some("APS".into()))
        );
    }

    #[test]
    fn no_year_no_date() {
        assert_eq!(
            read("Tunis, 3 mars (TAP) – Le taux de chômage a reculé."),
            (None, Some("TAP".into()))
        );
    }

    #[test]
    fn arabic_datelines() {
        assert_eq!(
            read("الرباط - 4 فبراير 2020 (ومع) - وقعت الوكالة الوطنية اتفاقية توأمة."),
            (Some("2020-02-04".into()), Some("ومع".into()))
        );
        assert_eq!(
            read("الجزائر في 15 جانفي 2019 - أعلنت الوكالة الوطنية للتشغيل عن برنامج جديد."),
            (Some("2019-01-15".into()), None)
        );
    }

    #[test]
    fn not_a_dateline() {
        // A sentence with a date and a dash later on.
        assert_eq!(
            read("Le programme, lancé le 15 janvier 2019 par les deux agences pour former les jeunes chômeurs de la région, a déjà formé 300 jeunes – un record."),
            (None, None)
        );
        // A date deep in the paragraph, no dash.
        assert_eq!(
            read("Le 15 janvier 2019, les deux agences ont signé."),
            (None, None)
        );
        // Parentheses that are not an agency.
        assert_eq!(read("Oran (ouest) – Le chômage recule."), (None, None));
        // The dateline must open the body.
        assert_eq!(
            read("Premier paragraphe.\n\nORAN, 15 jan. 2019 (APS) – Suite."),
            (None, None)
        );
        assert_eq!(read(""), (None, None));
    }
}
