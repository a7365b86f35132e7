//! Web pages saved as text (a browser's "save as text", `lynx -dump`, a
//! copy of the whole page): the article sits between the site's masthead,
//! menus and rubric labels above and its teasers, link lists and footer
//! below, with no markup left to tell them apart.
//!
//! Each line gets a score: words of prose count for it (the long lines of
//! a hard-wrapped paragraph, lines that are sentences), short lines that
//! are not sentences (menu entries, rubric labels, headlines of other
//! stories), list bullets and the traces of markup a text rendering leaves
//! ("IFRAME:", "[IMG]", "#feed" link lines, form fields) against it. The
//! article is the run of lines with the highest total (the densest stretch
//! of prose, as readability-style extractors find it in a page's tree),
//! with the runs of prose beside it that are long enough (an article cut
//! in two by an inline list of other stories). A gap of furniture inside
//! that run (a share bar, a list of links) ends the article unless the
//! prose beyond it speaks of the same things (shares a quarter of its
//! words): an author's box or a comment policy below the share buttons is
//! not the article's.
//!
//! A file is read this way only when what lies outside that run is page
//! furniture: a list bullet or a markup trace, a first line that is a
//! masthead in spaced letters or a breadcrumb, or many short lines. Other
//! text files keep the plain reading of [`crate::text`] (title line, header
//! lines, body), so an article saved cleanly reads as it always did.
//!
//! The headline is the last line before the article that is not a date,
//! byline, credit or breadcrumb line (those found between it and the
//! article are the header, read as in a clean file); without one, the
//! first line when it is not furniture. What lies outside the article is
//! returned as removed text (`fihris show --raw`).

use std::collections::HashSet;

use crate::date::{find_date, NumericOrder};
use crate::text::{
    date_line, header_line, is_update, lead_date_line, paragraphs, sentence_ends, source_line,
    split_title_site,
};
use crate::{squeeze_spaces, Parsed};

/// What a line of a saved page looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A trace of markup: "IFRAME: …", "[IMG]", "[BUTTON]", a lynx "#feed"
    /// link line, a form field "[ ]" or "____", a rule of dashes.
    Trace,
    /// A list item ("* Économie", "• Sport", "+ Vidéos").
    Bullet,
    /// Anything else.
    Text,
}

/// Opening of a line that lynx and browsers leave where markup was.
const TRACES: &[&str] = &[
    "IFRAME:", "[IMG]", "[INLINE]", "[BUTTON]", "(BUTTON)", "[image", "[Image", "[ ]", "( )", "[X]", "(*)",
];

/// List bullets, each followed by a space.
const BULLETS: &[char] = &[
    '*', '•', '+', '·', '▪', '■', '►', '▶', '→', '»', '›', '-', '–', 'o',
];

fn kind(line: &str) -> Kind {
    // A button or a form's text field anywhere on the line.
    if TRACES.iter().any(|t| line.starts_with(t))
        || line.contains("(BUTTON")
        || line.contains("[BUTTON")
        || line.contains("_____")
    {
        return Kind::Trace;
    }
    // "[logo.png]", "[p?c1=2&c2=6]": an image or a tracker's placeholder.
    if let Some(inner) = line
        .strip_prefix('[')
        .and_then(|l| l.split_once(']'))
        .map(|(inner, _)| inner)
    {
        if !inner.is_empty() && !inner.contains(' ') {
            return Kind::Trace;
        }
    }
    let mut chars = line.chars();
    let first = chars.next();
    let second = chars.next();
    // "#feed", "#alternate": a link line; "# Titre" is a heading.
    if first == Some('#') && second.is_some_and(|c| !c.is_whitespace() && !c.is_ascii_digit()) {
        return Kind::Trace;
    }
    if line.len() >= 4
        && line
            .chars()
            .all(|c| matches!(c, '_' | '-' | '=' | '*' | '~' | ' '))
    {
        return Kind::Trace;
    }
    if first.is_some_and(|c| BULLETS.contains(&c)) && second == Some(' ') {
        return Kind::Bullet;
    }
    // ">> Le derby reporté": a link to another story.
    if line.starts_with(">> ") {
        return Kind::Bullet;
    }
    // "Accueil | Économie | Sport": a menu on one line.
    if line.matches(" | ").count() >= 2 {
        return Kind::Bullet;
    }
    Kind::Text
}

/// A line of the page, with its block (lines between blank lines) and
/// its score.
struct Line<'a> {
    text: &'a str,
    block: usize,
    kind: Kind,
    /// A line of a hard-wrapped paragraph: joined with the next ones of
    /// its block.
    wrapped: bool,
    score: i64,
}

/// Characters of a long line: a hard-wrapped paragraph's lines are long
/// but its last (lynx wraps at 76 columns, mail at 72; menus and headline
/// lists have short lines).
const WRAPPED_LINE_CHARS: usize = 45;

/// Longest line of a hard-wrapped paragraph: a block with a longer line
/// holds one paragraph per line (a page copied from a browser).
const MAX_WRAPPED_CHARS: usize = 100;

fn is_long(line: &str) -> bool {
    line.chars().count() >= WRAPPED_LINE_CHARS
}
/// Words from which a line without a sentence end still reads as prose.
const LONG_LINE_WORDS: usize = 20;

/// The lines of `text`, blank lines left out, scored.
fn scored_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut block = Vec::new();
    let mut n = 0;
    for line in text.lines().map(str::trim).chain(std::iter::once("")) {
        if !line.is_empty() {
            block.push(line);
            continue;
        }
        if block.is_empty() {
            continue;
        }
        let kinds: Vec<Kind> = block.iter().map(|l| kind(l)).collect();
        let text: Vec<&str> = block
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| **k == Kind::Text)
            .map(|(l, _)| *l)
            .collect();
        // A block with a sentence and several long lines is a
        // hard-wrapped paragraph: its long lines, and the short line that
        // ends one, are prose whatever their own punctuation.
        let paragraph = text.len() >= 2
            && text.iter().all(|l| l.chars().count() <= MAX_WRAPPED_CHARS)
            && (text.iter().filter(|l| is_long(l)).count() >= 2
                || text[..text.len() - 1].iter().all(|l| is_long(l)))
            && text.iter().any(|l| has_sentence_end(l));
        let mut previous_long = false;
        for (line, kind) in block.drain(..).zip(kinds) {
            let long = is_long(line);
            let wrapped = paragraph && kind == Kind::Text && (long || previous_long);
            previous_long = kind == Kind::Text && long;
            out.push(Line {
                text: line,
                block: n,
                kind,
                wrapped,
                score: line_score(line, kind, wrapped),
            });
        }
        n += 1;
    }
    out
}

/// How much a line says it is article text (positive: its words) or page
/// furniture (negative).
fn line_score(line: &str, kind: Kind, wrapped: bool) -> i64 {
    let count = line.split_whitespace().count();
    let words = i64::try_from(count).unwrap_or(i64::MAX / 4);
    match kind {
        Kind::Trace => -3,
        Kind::Bullet if count >= 10 && has_sentence_end(line) => words,
        Kind::Bullet => -(words + 1),
        Kind::Text if wrapped => words,
        Kind::Text if is_metadata(line) => -2,
        Kind::Text if (count >= 4 && has_sentence_end(line)) || count >= LONG_LINE_WORDS => words,
        Kind::Text => -words.min(4),
    }
}

/// Whether `line` holds the end of a sentence. In a page's short lines a
/// full stop after one or two digits is an ordinal ("04. Februar 2020", a
/// date line), not an end; "en 2020." is one.
fn has_sentence_end(line: &str) -> bool {
    sentence_ends(line).any(|i| {
        let digits = line[..i].bytes().rev().take_while(u8::is_ascii_digit).count();
        line.as_bytes()[i] != b'.' || !(1..=2).contains(&digits)
    })
}

/// The run of lines with the highest total score (the first such run),
/// with that score.
fn densest_run(lines: &[Line]) -> Option<(usize, usize, i64)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut start = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += line.score;
        if sum > 0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(s, a, b)| (a, b, s))
}

/// Score of a run of prose, besides the densest, that is taken as more of
/// the article: at least this share of the densest run's ...
const EXTRA_RUN_SHARE: i64 = 4;
/// ... and at least this score (about two paragraphs' words).
const MIN_EXTRA_RUN: i64 = 60;

/// The runs of lines that make the article: the densest, and the densest
/// of what is left on either side while it is long enough (an article cut
/// in two by an inline list of other stories or a video box), in order.
fn article_runs(lines: &[Line]) -> Vec<(usize, usize)> {
    let Some((first, last, best)) = densest_run(lines) else {
        return Vec::new();
    };
    let enough = MIN_EXTRA_RUN.max(best / EXTRA_RUN_SHARE);
    let (first, last) = trim_unrelated(lines, first, last);
    let mut runs = vec![(first, last)];
    loop {
        let (start, _) = runs[0];
        let (_, end) = runs[runs.len() - 1];
        let left = densest_run(&lines[..start]).filter(|r| r.2 >= enough);
        let right = densest_run(&lines[end + 1..])
            .filter(|r| r.2 >= enough)
            .map(|(a, b, s)| (a + end + 1, b + end + 1, s));
        match (left, right) {
            (Some(l), Some(r)) if l.2 >= r.2 => runs.insert(0, (l.0, l.1)),
            (_, Some(r)) => runs.push((r.0, r.1)),
            (Some(l), None) => runs.insert(0, (l.0, l.1)),
            (None, None) => break,
        }
    }
    runs
}

/// Score of a stretch of furniture lines (menus, share buttons, a form, a
/// list of other stories) that cuts the densest run in pieces: about four
/// short lines, or a list of a dozen words.
const FURNITURE_GAP: i64 = 16;

/// Share (percent) of a piece's content words that the article's densest
/// piece must also hold for the piece to be more of the article: its next
/// paragraphs after a photo credit or a share bar speak of the same things,
/// an author's biography, a comment policy or another story mostly do not.
const RELATED_WORDS_PERCENT: usize = 25;

/// Shortest content word compared (shorter ones are mostly function words).
const CONTENT_WORD_CHARS: usize = 4;

/// Content words of the prose lines of `lines`, lowercased.
fn vocabulary(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .filter(|l| l.score > 0)
        .flat_map(|l| l.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= CONTENT_WORD_CHARS)
        .map(str::to_lowercase)
        .collect()
}

/// The densest run (`first..=last`) cut at its gaps of furniture, then
/// grown back from its densest piece over the neighbouring pieces that
/// share its words, as long as they do. The densest run bridges any gap
/// that more prose follows, so without this an author's box, a comment
/// policy or a teaser below the share buttons joined the article (most of
/// the text pages' wrong snippets came after the article's last paragraph,
/// on trafilatura's test pages rendered by lynx).
fn trim_unrelated(lines: &[Line], first: usize, last: usize) -> (usize, usize) {
    // Pieces: (start, end, score).
    let mut pieces: Vec<(usize, usize, i64)> = Vec::new();
    let mut start = first;
    let mut gap = 0i64;
    let mut gap_start = first;
    for (i, line) in lines.iter().enumerate().take(last + 1).skip(first) {
        let score = line.score;
        if score < 0 {
            if gap == 0 {
                gap_start = i;
            }
            gap -= score;
        } else {
            if gap >= FURNITURE_GAP && gap_start > start {
                let sum = lines[start..gap_start].iter().map(|l| l.score).sum();
                pieces.push((start, gap_start - 1, sum));
                start = i;
            }
            gap = 0;
        }
    }
    let sum = lines[start..=last].iter().map(|l| l.score).sum();
    pieces.push((start, last, sum));
    if pieces.len() == 1 {
        return (first, last);
    }
    let core = pieces
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.2)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let vocab = vocabulary(&lines[pieces[core].0..=pieces[core].1]);
    let related = |p: &(usize, usize, i64)| {
        let words = vocabulary(&lines[p.0..=p.1]);
        if words.is_empty() {
            return false;
        }
        let shared = words.iter().filter(|w| vocab.contains(*w)).count();
        shared * 100 >= words.len() * RELATED_WORDS_PERCENT
    };
    let mut lo = core;
    while lo > 0 && related(&pieces[lo - 1]) {
        lo -= 1;
    }
    let mut hi = core;
    while hi + 1 < pieces.len() && related(&pieces[hi + 1]) {
        hi += 1;
    }
    (pieces[lo].0, pieces[hi].1)
}

/// A first line that is a masthead or a path, not a headline: letters
/// spaced out ("L E   Q U O T I D I E N"), or a breadcrumb ("Accueil >
/// Monde > Afrique").
fn is_masthead(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let single = words.iter().filter(|w| w.chars().count() == 1).count();
    let spaced = words.len() >= 4 && single * 4 >= words.len() * 3;
    spaced || is_breadcrumb(line)
}

fn is_breadcrumb(line: &str) -> bool {
    [" > ", " » ", " › ", " / "].iter().any(|sep| {
        line.matches(sep).count() >= 1 && line.split(sep).all(|part| part.split_whitespace().count() <= 4)
    })
}

/// Score of short lines outside the article from which a file without
/// bullets or markup traces is still read as a page.
const FURNITURE_SCORE: i64 = -20;

/// Openings of lines that credit a picture or sign the article; never the
/// headline.
const CREDITS: &[&str] = &[
    "photo", "foto", "image", "bild", "crédit", "credit", "©", "par ", "by ", "von ", "de notre", "source",
    "quelle", "صورة", "بقلم", "كتب",
];

/// Most words of a line that dates the article or its update ("Mis à jour
/// le 5 mars 2016 à 08h00").
const DATE_LINE_WORDS: usize = 12;

/// A line of metadata, not a headline: a date line, an update line, a
/// source line, a byline.
fn is_metadata(line: &str) -> bool {
    source_line(line).is_some()
        || crate::byline::byline(line).is_some()
        || is_update(line)
        || (line.split_whitespace().count() <= DATE_LINE_WORDS && find_date(line).is_some())
}

/// Lines above the headline looked at for its date.
const DATE_ABOVE_HEADLINE: usize = 2;

/// Most lines of a clean header above the article (title, subtitle, date,
/// source, byline).
const CLEAN_HEADER_LINES: usize = 5;

/// Lines looked at above the article for its headline.
const HEADLINE_LOOKBACK: usize = 8;
/// Most words of a headline.
const HEADLINE_WORDS: usize = 30;
/// Lines looked at above the article for a headline when the lines just
/// above it are not one.
const HEADLINE_FAR_LOOKBACK: usize = 30;

/// Whether `line` reads like a headline: a line of text of a few words,
/// with letters, that is no list entry, credit or sentence (it may end
/// with "!" or "?", not hold a full stop inside).
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let lower = line.to_lowercase();
    let body = line.trim_end_matches(['.', '!', '?', '…', ' ', '"', '»', '”']);
    kind(line) == Kind::Text
        && (2..=HEADLINE_WORDS).contains(&words)
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 2 * words
        && !has_sentence_end(body)
        && !CREDITS.iter().any(|c| lower.starts_with(c))
}

/// Reads `text` as a saved page, or `None` when it reads as a clean text
/// file (see the module comment).
pub(crate) fn parse(text: &str, order: NumericOrder) -> Option<Parsed> {
    let lines = scored_lines(text);
    let runs = article_runs(&lines);
    let first = runs.first()?.0;
    let mut inside = vec![false; lines.len()];
    for &(a, b) in &runs {
        inside[a..=b].iter_mut().for_each(|x| *x = true);
    }
    let outside = lines.iter().zip(&inside).filter(|(_, i)| !**i).map(|(l, _)| l);
    let furniture = outside.clone().any(|l| l.kind != Kind::Text);
    let outside_score: i64 = outside.map(|l| l.score.min(0)).sum();
    let first_line = lines.first().map_or("", |l| l.text);
    if !(furniture || is_masthead(first_line) || outside_score <= FURNITURE_SCORE) {
        return None;
    }

    let above: Vec<&str> = lines[..first].iter().map(|l| l.text).collect();
    let mut parsed = Parsed::default();
    // The headline: the last line above the article that is not metadata;
    // but when what is above is a clean header (a few lines of text, no
    // masthead, menu or markup: the furniture is all below the article),
    // its first line, as in a clean file.
    let clean_header = above.len() <= CLEAN_HEADER_LINES
        && above.iter().all(|l| kind(l) == Kind::Text && !is_masthead(l))
        && above.first().is_some_and(|l| is_headline(l));
    let mut headline = clean_header.then_some(0);
    for (i, line) in above
        .iter()
        .enumerate()
        .rev()
        .take(if clean_header { 0 } else { HEADLINE_LOOKBACK })
    {
        if kind(line) != Kind::Text {
            break;
        }
        let lower = line.to_lowercase();
        let words = line.split_whitespace().count();
        let metadata = is_metadata(line) || CREDITS.iter().any(|c| lower.starts_with(c)) || is_masthead(line);
        if metadata || words < 2 {
            continue;
        }
        if is_headline(line) {
            headline = Some(i);
        }
        break;
    }
    // Else the nearest line further up that reads like a headline.
    if headline.is_none() {
        headline = (0..above.len())
            .rev()
            .take(HEADLINE_FAR_LOOKBACK)
            .find(|&i| is_headline(above[i]) && !is_metadata(above[i]) && !is_masthead(above[i]));
    }
    let mut removed: Vec<String> = Vec::new();
    let header_from = match headline {
        Some(h) => {
            parsed.title = squeeze_spaces(above[h]);
            // A date line may stand just above the headline, below the
            // rubric label.
            parsed.date = above[h.saturating_sub(DATE_ABOVE_HEADLINE)..h]
                .iter()
                .rev()
                .filter(|l| !is_update(l))
                .find_map(|l| date_line(l, order));
            removed.extend(above[..h].iter().map(|l| l.to_string()));
            h + 1
        }
        None => {
            // Without a headline above the article, the first line unless
            // it is furniture; else the article's first sentence.
            if is_headline(first_line) && !is_masthead(first_line) && first > 0 {
                parsed.title = squeeze_spaces(first_line);
                removed.extend(above.iter().skip(1).map(|l| l.to_string()));
            } else {
                removed.extend(above.iter().map(|l| l.to_string()));
            }
            above.len()
        }
    };
    // Header lines between the headline and the article: dates, sources.
    // A date there wins over one above the headline.
    let mut header_date = None;
    let mut lead = Vec::new();
    for line in &above[header_from.min(above.len())..] {
        if let Some(header) = header_line(line, order, true) {
            header.fill(&mut parsed.author, &mut parsed.source, &mut header_date);
        } else if clean_header {
            // A clean header's subtitle is the article's, as in a clean file.
            lead.push(squeeze_spaces(line));
            continue;
        }
        removed.push(line.to_string());
    }
    parsed.date = header_date.or(parsed.date);
    let body = lead
        .into_iter()
        .chain(runs.iter().map(|&(a, b)| article_text(&lines[a..=b])))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let below: Vec<String> = lines[first..]
        .iter()
        .zip(&inside[first..])
        .filter(|(_, i)| !**i)
        .map(|(l, _)| l.text.to_string())
        .collect();
    if parsed.title.is_empty() {
        parsed.title = first_sentence(&body);
    }
    if parsed.author.is_none() {
        parsed.author = crate::byline::signature_of(&body);
    }
    let (title, site) = split_title_site(&parsed.title);
    parsed.title = title;
    if parsed.source.is_none() {
        parsed.source = site;
    }
    if parsed.date.is_none() {
        parsed.date = lead_date_line(&removed.join("\n\n"), order).or_else(|| lead_date_line(&body, order));
    }
    removed.extend(below);
    parsed.body = body;
    parsed.removed = removed.join("\n");
    Some(parsed)
}

/// The article's paragraphs: a hard-wrapped block's lines joined, every
/// other line a paragraph of its own; markup traces left out.
fn article_text(lines: &[Line]) -> String {
    let mut paragraphs_out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.wrapped {
            let end = lines[i..]
                .iter()
                .position(|l| l.block != line.block || !l.wrapped)
                .map_or(lines.len(), |n| i + n);
            let joined = paragraphs(lines[i..end].iter().map(|l| l.text));
            if !joined.is_empty() {
                paragraphs_out.push(joined);
            }
            i = end;
        } else {
            if line.kind != Kind::Trace {
                paragraphs_out.push(squeeze_spaces(line.text));
            }
            i += 1;
        }
    }
    paragraphs_out.join("\n\n")
}

/// Most words of a title made from the article's first sentence.
const SENTENCE_TITLE_WORDS: usize = 15;

/// The first sentence of `body`, cut after a word when long: the title of
/// an article that shows no headline.
pub(crate) fn first_sentence(body: &str) -> String {
    let first = body.split("\n\n").next().unwrap_or("");
    let mut title = Vec::new();
    for word in first.split_whitespace() {
        title.push(word);
        if title.len() >= SENTENCE_TITLE_WORDS || has_sentence_end(word) {
            break;
        }
    }
    let mut title = title.join(" ");
    if title.len() < first.trim().len() && !has_sentence_end(&title) {
        title.truncate(title.trim_end_matches([',', ';', ':']).len());
        title.push('…');
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Parsed> {
        super::parse(text, NumericOrder::DayFirst)
    }

    const PAGE: &str = "L E   Q U O T I D I E N   D ' O R A N\nAccueil > Économie > Emploi\n* Actualités\n* Économie\n\n\
        Jumelage ANEM–Pôle emploi : un bilan positif\n\nPar Nadia B.\n12 mars 2019\n\n\
        Le jumelage entre l'Agence nationale de l'emploi et Pôle emploi arrive à son terme avec un bilan\n\
        jugé positif par les deux parties, qui ont présenté leurs résultats mardi à Alger devant la presse.\n\n\
        Le programme a formé trois cents conseillers.\n\n\
        * Mentions légales\n* Contact\n* Publicité\n";

    #[test]
    fn page_furniture_is_removed() {
        let parsed = parse(PAGE).expect("a page");
        assert_eq!(parsed.title, "Jumelage ANEM–Pôle emploi : un bilan positif");
        assert_eq!(parsed.date.map(|d| d.to_string()), Some("2019-03-12".to_string()));
        assert_eq!(
            parsed.body,
            "Le jumelage entre l'Agence nationale de l'emploi et Pôle emploi arrive à son terme avec un bilan \
             jugé positif par les deux parties, qui ont présenté leurs résultats mardi à Alger devant la presse.\n\n\
             Le programme a formé trois cents conseillers."
        );
        assert!(parsed.removed.contains("Actualités"));
        assert!(parsed.removed.contains("Mentions légales"));
        assert!(!parsed.removed.contains("Jumelage ANEM"));
    }

    /// Lynx's rendering of an article with a photo credit and a share bar
    /// inside it, then an author's box below more share buttons.
    const PAGE_WITH_AUTHOR_BOX: &str = "* Accueil\n* Économie\n\n\
        Le chômage des jeunes recule à Oran\n\n\
        Le chômage des jeunes diplômés recule à Oran pour la deuxième année, selon les chiffres de\n\
        l'agence de l'emploi publiés mardi, qui comptent les jeunes placés dans les entreprises de la\n\
        wilaya et les contrats aidés signés depuis janvier avec les entreprises locales.\n\n\
        [IMG]\n* Facebook\n* Twitter\n* Partager\n\n\
        Les entreprises de la wilaya ont signé plus de contrats aidés avec les jeunes diplômés que\n\
        l'an dernier, et l'agence de l'emploi compte poursuivre les placements de jeunes à Oran en\n\
        mars, avec les chiffres du chômage attendus à la fin du trimestre.\n\n\
        * Facebook\n* Twitter\n* WhatsApp\n* E-mail\n* Imprimer\n\n\
        À propos de l'auteure\n\n\
        Passionnée de photographie et de cuisine, elle a grandi près de la mer et voyage souvent\n\
        vers le sud, d'où elle rapporte des recettes et des récits de marchés, de fêtes de village\n\
        et de rencontres, qu'elle partage aussi sur son blog personnel depuis plusieurs années.\n";

    #[test]
    fn prose_after_a_furniture_gap_is_kept_only_when_it_speaks_of_the_same_things() {
        let parsed = parse(PAGE_WITH_AUTHOR_BOX).expect("a page");
        assert_eq!(parsed.title, "Le chômage des jeunes recule à Oran");
        assert!(
            parsed.body.starts_with("Le chômage des jeunes diplômés recule"),
            "{}",
            parsed.body
        );
        assert!(
            parsed.body.contains("poursuivre les placements"),
            "{}",
            parsed.body
        );
        assert!(!parsed.body.contains("photographie"), "{}", parsed.body);
        assert!(parsed.removed.contains("Passionnée de photographie"));
    }

    #[test]
    fn clean_files_are_not_pages() {
        assert!(parse("Titre\n12 mars 2019\nSource : Le Quotidien\n\nPremier paragraphe\nsur deux lignes.\n\nSecond paragraphe.\n").is_none());
        assert!(parse("Juste un titre").is_none());
        assert!(parse("").is_none());
        assert!(parse("Titre\n\nUn paragraphe de l'article qui dit quelque chose.\n\nIntertitre\n\nUn autre paragraphe de l'article.\n").is_none());
    }

    #[test]
    fn lines_are_classified() {
        assert_eq!(kind("IFRAME: https://example.org/x"), Kind::Trace);
        assert_eq!(kind("#amazed » Feed"), Kind::Trace);
        assert_eq!(kind("# Titre"), Kind::Text);
        assert_eq!(kind("_______"), Kind::Trace);
        assert_eq!(kind("* Économie"), Kind::Bullet);
        assert_eq!(kind("Accueil | Monde | Sport"), Kind::Bullet);
        assert_eq!(kind("- 300 jeunes formés"), Kind::Bullet);
        assert_eq!(kind("Le chômage recule"), Kind::Text);
        assert!(is_masthead("L E   M O N D E"));
        assert!(is_masthead("Accueil > Monde > Afrique"));
        assert!(!is_masthead("Le chômage recule à Oran"));
    }

    #[test]
    fn title_from_the_first_sentence() {
        assert_eq!(
            first_sentence("Le chômage recule. Il était de 12 %."),
            "Le chômage recule."
        );
        assert_eq!(
            first_sentence("un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept"),
            "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze…"
        );
    }

    #[test]
    fn a_clean_header_keeps_its_first_line_as_title() {
        let text = "L'ANEM forme trois cents conseillers\nUn programme financé par l'Union européenne\n12 mars 2019\n\n\
            Le programme de formation des conseillers de l'agence nationale de l'emploi a commencé lundi à Alger, avec les premiers stagiaires.\n\n\
            * 300 conseillers\n* 12 agences\n* 6 wilayas\n";
        let parsed = parse(text).expect("read as a page: a list outside the article");
        assert_eq!(parsed.title, "L'ANEM forme trois cents conseillers");
        assert_eq!(parsed.date.map(|d| d.to_string()), Some("2019-03-12".to_string()));
        assert!(
            parsed
                .body
                .starts_with("Un programme financé par l'Union européenne\n\nLe programme"),
            "{}",
            parsed.body
        );
    }
}
