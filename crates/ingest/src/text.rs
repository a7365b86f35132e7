//! Plain-text articles (`.txt`).
//!
//! The first non-empty line is the title. Up to three short lines right
//! after it are read as a header when they are metadata: a date line
//! ("12 mars 2019", "Publié le 12/03/2019", "الثلاثاء 12 مارس 2019"), a
//! source line ("Source : X", "المصدر: X") or a byline ("Par Nadia B.",
//! "Par APS", "بقلم: X": an author or a source, see `byline.rs`). Header
//! lines are kept out of the body; the first line that is not metadata
//! starts the body. A name alone as the last paragraph is the author's
//! signature (it stays in the body).
//! Without a header date, a short line of the body's opening that says it
//! dates the publication ("Publié le 3 mars 2016 à 10h12", below a page's
//! masthead and menus) gives the date; it stays in the body.
//! Paragraphs are separated by a blank line; line breaks inside a paragraph
//! (hard-wrapped text) become spaces.

use crate::date::{find_date_ordered, NumericOrder};
use crate::{squeeze_spaces, Parsed};

/// Longest line that can be a header line, in characters.
const MAX_HEADER_CHARS: usize = 80;
/// How many lines after the title may be header lines.
const MAX_HEADER_LINES: usize = 3;

pub(crate) fn parse(text: &str) -> Parsed {
    let order = numeric_order(text);
    if let Some(parsed) = crate::text_page::parse(text, order) {
        return parsed;
    }
    // A file that opens with a paragraph has no headline: the title is the
    // paragraph's first words, and the paragraph stays in the body.
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    if let Some(first) = lines.next() {
        if opens_a_paragraph(first, lines.next().unwrap_or(""), order) {
            // The first paragraph only (not the whole text, copied again
            // below), dropped before the body is made.
            let title = crate::text_page::first_sentence(&paragraphs(
                text.lines()
                    .map(str::trim)
                    .skip_while(|l| l.is_empty())
                    .take_while(|l| !l.is_empty()),
            ));
            return parse_lines(text.lines(), Some(title), order);
        }
    }
    parse_lines(text.lines(), None, order)
}

/// How numeric dates ("05/12/2020") of `text` are read: day first, unless
/// the text is English, where the order is ambiguous and only a date that
/// tells it (a number above 12) is read.
pub(crate) fn numeric_order(text: &str) -> NumericOrder {
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    order_for(&fihris_lang::detect(&text[..end]))
}

/// The numeric date order of an article in `lang`.
pub(crate) fn order_for(lang: &fihris_lang::Lang) -> NumericOrder {
    match lang {
        fihris_lang::Lang::Other(code) if code == "en" => NumericOrder::Unambiguous,
        _ => NumericOrder::DayFirst,
    }
}

/// Most words of a headline line.
const MAX_HEADLINE_WORDS: usize = 30;
/// Fewest words of a first line that is a sentence of a paragraph, not a
/// headline.
const MIN_PARAGRAPH_WORDS: usize = 20;
/// Fewest characters of a first line that a hard-wrapped paragraph
/// continues on the next line.
const MIN_WRAPPED_CHARS: usize = 45;

/// Whether a text's first line (with the line after it) opens a paragraph
/// rather than being a headline: a long line, a line of sentences, or a
/// long line continued in lowercase on the next (not a header line: "mardi
/// 14 mai 2019").
fn opens_a_paragraph(first: &str, next: &str, order: NumericOrder) -> bool {
    let words = first.split_whitespace().count();
    let sentence = first
        .trim_end_matches(['"', '»', '”', ')'])
        .ends_with(['.', '!', '?', '؟', '…']);
    let metadata = date_line(next, order).is_some()
        || source_line(next).is_some()
        || crate::byline::byline(next).is_some();
    let continued = first.chars().count() >= MIN_WRAPPED_CHARS
        && next.chars().next().is_some_and(char::is_lowercase)
        && !metadata;
    words > MAX_HEADLINE_WORDS || (sentence && words >= MIN_PARAGRAPH_WORDS) || continued
}

/// Reads lines as a `.txt` file does; with a `title` given (a Markdown
/// heading), every line is header or body.
pub(crate) fn parse_lines<'a>(
    lines: impl Iterator<Item = &'a str>,
    title: Option<String>,
    order: NumericOrder,
) -> Parsed {
    let mut lines = lines.map(str::trim).peekable();
    let mut parsed = Parsed::default();
    match title {
        Some(title) => parsed.title = squeeze_spaces(&title),
        None => {
            for line in lines.by_ref() {
                if !line.is_empty() {
                    parsed.title = squeeze_spaces(line);
                    break;
                }
            }
        }
    }
    let mut header_lines = 0;
    while header_lines < MAX_HEADER_LINES {
        while lines.peek().is_some_and(|l| l.is_empty()) {
            lines.next();
        }
        let Some(line) = lines.peek() else { break };
        if line.chars().count() > MAX_HEADER_CHARS {
            break;
        }
        let Some(header) = header_line(line, order, false) else {
            break;
        };
        header.fill(&mut parsed.author, &mut parsed.source, &mut parsed.date);
        lines.next();
        header_lines += 1;
    }
    parsed.body = paragraphs(lines);
    if parsed.author.is_none() {
        parsed.author = crate::byline::signature_of(&parsed.body);
    }
    if parsed.date.is_none() {
        parsed.date = lead_date_line(&parsed.body, order);
    }
    let (title, site) = split_title_site(&parsed.title);
    parsed.title = title;
    if parsed.source.is_none() {
        parsed.source = site;
    }
    parsed
}

/// What a header line of an article says: a byline's author and source
/// (and the date written after it, "Par Nadia B. · 12 mars 2019"), a
/// source, or a date.
pub(crate) struct HeaderLine {
    pub author: Option<String>,
    pub source: Option<String>,
    pub date: Option<crate::Date>,
}

impl HeaderLine {
    /// Fills what is still unknown with what the line says: the first
    /// header line saying a thing wins.
    pub(crate) fn fill(
        self,
        author: &mut Option<String>,
        source: &mut Option<String>,
        date: &mut Option<crate::Date>,
    ) {
        *author = author.take().or(self.author);
        *source = source.take().or(self.source);
        *date = date.take().or(self.date);
    }
}

/// What `line` says as a header line (a byline, a source line, a date
/// line), or `None` when it is none of them. With `skip_updates`, an
/// update's date ("Mis à jour le …") is not read, and a line that says only
/// that is no header line.
pub(crate) fn header_line(line: &str, order: NumericOrder, skip_updates: bool) -> Option<HeaderLine> {
    let date = || date_line(line, order).filter(|_| !(skip_updates && is_update(line)));
    if let Some(byline) = crate::byline::byline(line) {
        return Some(HeaderLine {
            author: byline.author.map(|a| squeeze_spaces(&a)),
            source: byline.source.map(|s| squeeze_spaces(&s)),
            date: date(),
        });
    }
    if let Some(source) = source_line(line) {
        return Some(HeaderLine {
            author: None,
            source: Some(source),
            date: None,
        });
    }
    date().map(|date| HeaderLine {
        author: None,
        source: None,
        date: Some(date),
    })
}

/// Most words of a site name after a headline ("… | El Watan").
const MAX_SITE_WORDS: usize = 5;
/// Fewest words of a headline before a site name after a dash.
const MIN_HEADLINE_WORDS: usize = 4;

/// A title "Headline | Site" (the last part after a bar, "Headline |
/// Rubric | Site" too), or "Headline - Site" / "Headline – Site" where the
/// part after the dash is a short name in capitals or a domain ("- El
/// Watan", "– lematin.ma"), split into the headline and the site.
pub(crate) fn split_title_site(title: &str) -> (String, Option<String>) {
    let whole = || (title.to_string(), None);
    if let Some(bar) = title.find(" | ") {
        let headline = title[..bar].trim();
        let site = title.rsplit(" | ").next().unwrap_or("").trim();
        let words = site.split_whitespace().count();
        if headline.split_whitespace().count() >= 2 && (1..=MAX_SITE_WORDS).contains(&words) {
            return (headline.to_string(), Some(site.to_string()));
        }
        return whole();
    }
    let Some((at, dash)) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| title.rfind(d).map(|at| (at, *d)))
        .max_by_key(|(at, _)| *at)
    else {
        return whole();
    };
    let headline = title[..at].trim();
    let site = title[at + dash.len()..].trim();
    let words: Vec<&str> = site.split_whitespace().collect();
    let named = !words.is_empty()
        && words.len() <= 3
        && !site.contains(|c: char| c.is_ascii_digit() || c == ':')
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || (w.contains('.') && !w.ends_with('.'))
        });
    if named && headline.split_whitespace().count() >= MIN_HEADLINE_WORDS {
        (headline.to_string(), Some(site.to_string()))
    } else {
        whole()
    }
}

/// How far into the body a date line is looked for when the header had
/// none, in characters: pages saved as text put site furniture (masthead,
/// menus, rubric labels, the headline again, a byline) before it.
const MAX_LEAD_CHARS: usize = 2_000;

/// Words of a line that says when an article was published. Below the
/// header only such a line is read: an unlabelled date line there is as
/// often the day the page was saved, shown in the masthead (on the pages
/// of bench/web.sh saved as text, taking the first unlabelled date line
/// too gave 238 dates at precision 0.89; labelled lines only, 22 at 0.95).
const PUBLISHED: &[&str] = &[
    "publié",
    "publie",
    "published",
    "posted",
    "veröffentlicht",
    "نشر",
    "بتاريخ",
];

/// Words of a line that dates an update, not the publication.
const UPDATED: &[&str] = &[
    "mis à jour",
    "mise à jour",
    "updated",
    "update",
    "aktualisiert",
    "تحديث",
];

/// Whether a line dates an update ("Mis à jour le …", "Updated …").
pub(crate) fn is_update(line: &str) -> bool {
    let lower = line.to_lowercase();
    UPDATED.iter().any(|w| lower.contains(w))
}

/// The date of the body's opening (its first [`MAX_LEAD_CHARS`]): the
/// first short date line that says it is the publication's ("Publié le 3
/// mars 2016 à 10h12", "Posted on Dec. 5, 2020"), never an update's.
pub(crate) fn lead_date_line(body: &str, order: NumericOrder) -> Option<crate::Date> {
    let mut seen = 0usize;
    for paragraph in body.split("\n\n") {
        if seen > MAX_LEAD_CHARS {
            break;
        }
        seen += paragraph.chars().count();
        if paragraph.chars().count() > MAX_HEADER_CHARS {
            continue;
        }
        if is_update(paragraph) {
            continue;
        }
        let lower = paragraph.to_lowercase();
        if PUBLISHED.iter().any(|w| lower.contains(w)) {
            if let Some(date) = date_line(paragraph, order) {
                return Some(date);
            }
        }
    }
    None
}

/// Where sentences end in `text` (byte offsets of the marks): a full stop,
/// question or exclamation mark or ellipsis followed by a space, a closing
/// quote or bracket, or the end (not the point of "1.8").
pub(crate) fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            if matches!(c, '.' | '!' | '?' | '؟' | '…')
                && chars
                    .peek()
                    .is_none_or(|&(_, n)| n.is_whitespace() || matches!(n, '"' | '»' | '”' | ')' | '\''))
            {
                return Some(i);
            }
        }
        None
    })
}

/// Joins lines into paragraphs: blank lines separate paragraphs, other line
/// breaks become spaces.
pub(crate) fn paragraphs<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut body = String::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, body: &mut String| {
        if !paragraph.is_empty() {
            if body.is_empty() {
                // The first paragraph becomes the body, uncopied (a text of
                // one paragraph is not held twice).
                std::mem::swap(body, paragraph);
            } else {
                body.push_str("\n\n");
                body.push_str(paragraph);
            }
            paragraph.clear();
        }
    };
    for line in lines {
        // Words pushed as they come, without a squeezed copy of the line.
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            flush(&mut paragraph, &mut body);
            continue;
        }
        for word in words {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(word);
        }
    }
    flush(&mut paragraph, &mut body);
    body
}

/// A line that is only a date, possibly with a short lead-in ("Publié le",
/// "Alger, le") — at most a few words besides the date itself.
pub(crate) fn date_line(line: &str, order: NumericOrder) -> Option<crate::Date> {
    let date = find_date_ordered(line, order)?;
    (line.split_whitespace().count() <= 8).then_some(date)
}

/// "Source : X", "Source: X", "المصدر: X", "المصدر : X" with a short X
/// ("Par X" is a byline, see `byline.rs`).
pub(crate) fn source_line(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let rest = strip_label(line, &lower, "source").or_else(|| strip_label(line, &lower, "المصدر"))?;
    let rest = rest.trim().trim_end_matches(['.', ';']).trim();
    if rest.is_empty() || rest.split_whitespace().count() > 8 {
        return None;
    }
    Some(squeeze_spaces(rest))
}

/// `line` without its leading `label` and the colon after it.
fn strip_label<'a>(line: &'a str, lower: &str, label: &str) -> Option<&'a str> {
    if !lower.starts_with(label) || lower.len() != line.len() {
        return None;
    }
    let rest = line[label.len()..].trim_start();
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_are_marks_before_a_space_or_the_end() {
        // Decimal points are not sentence ends; a number may end one.
        let text = "1.8 million. Puis « fin. » Et 3,5 à El Menzah 8. Non ? Oui…";
        let ends: Vec<&str> = sentence_ends(text).map(|i| &text[..i]).collect();
        assert_eq!(ends.len(), 5, "{ends:?}");
        assert!(ends[0].ends_with("million"));
        assert!(ends[2].ends_with("Menzah 8"));
    }

    #[test]
    fn title_header_and_paragraphs() {
        let parsed = parse(
            "\n\nL'ANEM et Pôle emploi signent un jumelage\n12 mars 2019\nSource : Le Quotidien\n\n\
             Premier paragraphe\nsur deux lignes.\n\nSecond paragraphe.\n",
        );
        assert_eq!(parsed.title, "L'ANEM et Pôle emploi signent un jumelage");
        assert_eq!(parsed.date.map(|d| d.to_string()), Some("2019-03-12".to_string()));
        assert_eq!(parsed.source.as_deref(), Some("Le Quotidien"));
        assert_eq!(
            parsed.body,
            "Premier paragraphe sur deux lignes.\n\nSecond paragraphe."
        );
    }

    #[test]
    fn arabic_header() {
        let parsed =
            parse("توأمة بين وكالتين\r\nالمصدر: الشروق\r\nالثلاثاء 12 مارس 2019\r\n\r\nنص المقال.\r\n");
        assert_eq!(parsed.title, "توأمة بين وكالتين");
        assert_eq!(parsed.source.as_deref(), Some("الشروق"));
        assert_eq!(parsed.date.map(|d| d.to_string()), Some("2019-03-12".to_string()));
        assert_eq!(parsed.body, "نص المقال.");
    }

    #[test]
    fn a_sentence_is_not_a_header() {
        let parsed =
            parse("Titre\nPar ailleurs, le ministre a annoncé de nouvelles mesures pour les jeunes.\n");
        assert_eq!(parsed.source, None);
        assert!(parsed.body.starts_with("Par ailleurs"));
        let parsed = parse("Titre\nLe programme, lancé en 2017, a formé 300 jeunes.\n");
        assert_eq!(parsed.date, None);
    }

    #[test]
    fn title_only_and_empty() {
        let parsed = parse("Juste un titre");
        assert_eq!(parsed.title, "Juste un titre");
        assert_eq!(parsed.body, "");
        let parsed = parse("  \n \n");
        assert_eq!(parsed.title, "");
        assert_eq!(parsed.body, "");
    }

    #[test]
    fn headline_and_site() {
        let split = |t: &str| split_title_site(t);
        assert_eq!(
            split("Le chômage recule en Algérie | El Watan"),
            ("Le chômage recule en Algérie".into(), Some("El Watan".into()))
        );
        assert_eq!(
            split("Le chômage recule | Économie | El Watan"),
            ("Le chômage recule".into(), Some("El Watan".into()))
        );
        assert_eq!(
            split("Le chômage recule en Algérie - El Watan"),
            ("Le chômage recule en Algérie".into(), Some("El Watan".into()))
        );
        assert_eq!(
            split("Le chômage recule en Algérie – lematin.ma"),
            ("Le chômage recule en Algérie".into(), Some("lematin.ma".into()))
        );
        assert_eq!(
            split("تراجع البطالة في الجزائر | الشروق أونلاين"),
            ("تراجع البطالة في الجزائر".into(), Some("الشروق أونلاين".into()))
        );
        // Not a site: a short headline, words in lowercase, a date, a subtitle.
        assert_eq!(split("Algérie - France : accord signé").1, None);
        assert_eq!(
            split("Le chômage recule au dernier trimestre - selon l'ONS").1,
            None
        );
        assert_eq!(split("Le chômage recule au dernier trimestre - 12 mars").1, None);
        assert_eq!(split("Chômage - Oran").1, None);
    }

    #[test]
    fn a_file_without_headline_gets_its_first_words() {
        let text = "Le programme de jumelage entre les deux agences publiques de l'emploi,\nfinancé par l'Union européenne, durera vingt-quatre mois. Il formera trois cents conseillers.\n\nSecond paragraphe.\n";
        let parsed = parse(text);
        assert_eq!(parsed.title, "Le programme de jumelage entre les deux agences publiques de l'emploi, financé par l'Union européenne…");
        assert!(parsed
            .body
            .starts_with("Le programme de jumelage entre les deux agences"));
        assert!(parsed.body.ends_with("Second paragraphe."));
        // A headline stays the title.
        assert_eq!(
            parse("Le chômage recule\n\nLe taux a baissé.\n").title,
            "Le chômage recule"
        );
    }
}
