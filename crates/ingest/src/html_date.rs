//! The publication date of a web page, from what the page says about
//! itself. Candidates, most trusted first:
//! 1. the publication-date meta tags (`article:published_time` and the
//!    usual others, [`DATE_META`]);
//! 2. JSON-LD's `datePublished` (schema.org, as news sites publish it for
//!    search engines), in any object of any `ld+json` script;
//! 3. the article's own time stamps: `<time pubdate>`, `<time
//!    class="published|entry-date">`, `<abbr class="published">`, `<time
//!    datetime>`, an element whose class or id says "published", "date",
//!    "posted", "byline", "author" or "meta", or whose text opens with a
//!    byline ("von X, 8.5.12", "Posted by"), with a short date in it, never
//!    inside comments, related-article lists, sidebars or the page's footer
//!    (a part holding the article or its headline is none of these,
//!    whatever its class says; a "post-footer" is the post's), never an
//!    update time; else a date right after a publication cue in the
//!    article's text ("Publié le", "Mise en ligne", "Published on",
//!    "Veröffentlicht am", "نشر في") or a label opening a line ("Datum:",
//!    "Stand:"); else `<time>` with the date only in its text;
//! 4. a dateline by the headline (the first `<h1>` with text, else a post's
//!    `<h2>`): a short line alone, a subline in the heading's `<small>`, or
//!    the date opening a paragraph ("(18.01.2018) Deutschlands …");
//! 5. generic date meta tags (`date`, `dc.date`, [`GENERIC_DATE_META`]),
//!    which some sites fill with the creation or the update date: measured
//!    on htmldate's pages, they were wrong 10 times out of 23 when taken
//!    before the article's stamps;
//! 6. the stamps of 3. anywhere on the page, where the day's date and event
//!    lists also are;
//! 7. the date path of the page's canonical address (`/2019/03/12/`, as
//!    blog engines write permalinks);
//! 8. the last update written on the page ("Diese Seite wurde zuletzt am …
//!    geändert", "last edited 2019-11-10"), else its state ("Stand: …"),
//!    footer included: a wiki's or a notice's date is its last revision;
//! 9. a date opening the page's title ("23.01.2022 - Dorothea Wierer …").
//!
//! The first candidate wins, with two exceptions. A time stamp written in
//! UTC (`…T03:28:35Z`, `+00:00`) gives the UTC day, which is not the day of
//! the publisher's calendar for an evening story west of Greenwich or a
//! night one east of it. When another candidate written in local time
//! (with its offset, without a zone, or as visible text) is within a day
//! of it, that one is taken. And a date of the metadata (1., 2.) written
//! nowhere on the page yields to the dateline by the headline when one of
//! the article's own stamps or a generic date meta confirms it.
//!
//! A date that is not explicit is never guessed: only full dates (day,
//! month, year) count (in these short texts, dotted dates with a two-digit
//! year too: "8.5.12", and year first: "2023.11.02."), text before an
//! update cue ("Mis à jour", "Updated") only until 8., and numeric dates
//! whose order is ambiguous ("05/12/2020") are read day-first only on pages
//! that declare a language that writes them so (not English, not
//! undeclared).

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use crate::date::{find_date_ordered, Date, NumericOrder};
use crate::html::{marks, meta_value, selector, JsonLd};

/// Meta tags (by `property`, `name` or `itemprop`) that name the
/// publication date, in order of trust.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
];

/// Meta tags that hold a date without saying which, in order of trust:
/// taken after JSON-LD's `datePublished`.
const GENERIC_DATE_META: &[&str] = &[
    "dc.date",
    "dcterms.date",
    "date",
    "dc.date.created",
    "dcterms.created",
    "datecreated",
];

/// Words that open a class or id word of a part of the page holding other
/// articles' or readers' dates.
const ELSEWHERE: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "widget",
    "teaser",
    "recommend",
    "popular",
    "reply",
    "footer",
];

/// The part of [`ELSEWHERE`] that also rules out explicit publication
/// stamps (`<abbr class="published">`, `<time pubdate>`): blog engines put
/// the post itself in "widget" and "sidebar" blocks and its stamp in the
/// post's "footer".
const ELSEWHERE_FOR_STAMPS: &[&str] = &["comment", "related", "reply", "recommend", "popular"];

/// The part of [`ELSEWHERE`] that rules out a dateline by the headline: a
/// "teaser-meta" line next to the `<h1>`, or one in the "sidebar" column
/// right after it (the article's header column), is the article's own; a
/// sidebar before the headline is not (see [`near_title_date`]).
const NEAR_TITLE_ELSEWHERE: &[&str] = &[
    "comment",
    "related",
    "widget",
    "recommend",
    "popular",
    "reply",
    "footer",
];

/// Words of a class or id that mark an update, not a publication.
const UPDATED: &[&str] = &["update", "modif", "edited", "aktualisiert", "revision"];

/// Words of a class or id that mark an element holding the article's date
/// in its text.
const STAMP_MARKS: &[&str] = &[
    "author",
    "published",
    "date",
    "datum",
    "posted",
    "byline",
    "meta",
    "submitted",
    "time",
];

/// Words that announce an update in text: the date after them is not the
/// publication date. Lowercase.
const UPDATE_CUES: &[&str] = &[
    "updated",
    "update",
    "mis à jour",
    "mise à jour",
    "modifié",
    "aktualisiert",
    "aktualisierung",
    "geändert",
    "zuletzt",
    "revised",
    "revision",
    "last modified",
    "edited",
    "actualizado",
    "aggiornato",
    "تحديث",
    "حدث في",
];

/// Words that announce the publication date in text. Lowercase.
const PUBLICATION_CUES: &[&str] = &[
    "publié le",
    "publié",
    "mis en ligne le",
    "mise en ligne",
    "paru le",
    "published on",
    "published",
    "posted on",
    "posted",
    "veröffentlicht am",
    "veröffentlicht",
    "erstellt am",
    "beitrag wurde am",
    "artikel wurde am",
    "veröffentlichung:",
    "datum:",
    "stand:",
    "publicado el",
    "publicado",
    "pubblicato il",
    "pubblicato",
    "نشر في",
    "نشر بتاريخ",
    "تاريخ النشر",
];

/// Longest text of an element read as a date stamp, in characters.
const MAX_STAMP_CHARS: usize = 80;

/// Text read after a publication cue, in characters.
const CUE_WINDOW_CHARS: usize = 50;

/// A candidate date, and whether it was written as a UTC time stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    date: Date,
    utc: bool,
}

impl Candidate {
    fn local(date: Date) -> Candidate {
        Candidate { date, utc: false }
    }
}

/// The page's publication date (see the module's opening). `metas` are the
/// page's meta tags, keys lowercased; `article` the element read as the
/// article.
pub(crate) fn page_date(
    doc: &Html,
    article: ElementRef<'_>,
    metas: &[(String, String)],
    json_ld: &[JsonLd],
) -> Option<Date> {
    let own = Own {
        article,
        headline: headline(doc, article),
    };
    let order = numeric_order(doc, metas);
    let root = doc.root_element();
    let mut candidates = DATE_META
        .iter()
        .filter_map(|name| meta_value(metas, &[name]).and_then(|v| stamp_value(v, order)))
        .chain(json_ld_date(json_ld, order));
    let first = candidates.next();
    // The article's own stamps, then the page's generic metas, then stamps
    // anywhere on the page (where the day's date and event lists also are).
    let visible = move |scope: ElementRef<'_>| {
        stamp_date(scope, own, order)
            .or_else(|| cue_date(scope, own, order))
            .or_else(|| text_time_date(scope, own, order))
    };
    let rest = || {
        std::iter::once_with(move || visible(own.article))
            .chain(std::iter::once_with(move || near_title_date(doc, own, order)))
            .flatten()
            .map(Candidate::local)
            .chain(
                GENERIC_DATE_META
                    .iter()
                    .filter_map(move |name| meta_value(metas, &[name]).and_then(|v| stamp_value(v, order))),
            )
            .chain(std::iter::once_with(move || visible(root).map(Candidate::local)).flatten())
    };
    let declared = match first {
        Some(first) if !first.utc => Some(first.date),
        Some(first) => {
            // A UTC stamp: a local writing of the same moment wins.
            let near = |c: &Candidate| {
                !c.utc && (c.date.days_since_epoch() - first.date.days_since_epoch()).abs() <= 1
            };
            Some(candidates.chain(rest()).find(near).unwrap_or(first).date)
        }
        None => None,
    };
    match declared {
        Some(date) => Some(shown_instead(doc, own, metas, order, date).unwrap_or(date)),
        None => rest()
            .next()
            .map(|c| c.date)
            .or_else(|| canonical_url_date(doc, metas))
            .or_else(|| updated_date(doc, own, order))
            .or_else(|| title_date(doc, metas, order)),
    }
}

/// The date the page shows its readers instead of the one its metadata
/// declares (`declared`), when the two disagree: the dateline by the
/// headline, when one of the article's stamps or a generic date meta says
/// the same and `declared` is written nowhere on the page. A metadata date
/// shown nowhere is often the record's creation (a draft's day) or a
/// template's; measured on htmldate's pages: 7 right, none wrong.
fn shown_instead(
    doc: &Html,
    own: Own<'_>,
    metas: &[(String, String)],
    order: NumericOrder,
    declared: Date,
) -> Option<Date> {
    // "11/01/2021" against 2021-11-01: the page writes month first, and
    // the metadata tells which.
    let swapped =
        |d: Date| d.year() == declared.year() && d.day() == declared.month() && d.month() == declared.day();
    let shown = near_title_date(doc, own, order).filter(|&d| d != declared && !swapped(d))?;
    let article = own.article;
    let stamps = [
        stamp_date(article, own, order),
        cue_date(article, own, order),
        text_time_date(article, own, order),
    ];
    let generic = GENERIC_DATE_META
        .iter()
        .find_map(|name| meta_value(metas, &[name]).and_then(|v| stamp_value(v, order)))
        .map(|c| c.date);
    let confirmed = stamps.contains(&Some(shown)) || generic == Some(shown);
    let declared_shown =
        stamps.contains(&Some(declared)) || stamp_date(doc.root_element(), own, order) == Some(declared);
    (confirmed && !declared_shown).then_some(shown)
}

/// How the page's numeric dates are read: day-first when it declares a
/// language other than English (`<html lang>`, `og:locale`,
/// `content-language`), else only unambiguous ones.
fn numeric_order(doc: &Html, metas: &[(String, String)]) -> NumericOrder {
    let declared = doc
        .root_element()
        .value()
        .attr("lang")
        .or_else(|| meta_value(metas, &["og:locale", "content-language", "language"]))
        .map(|l| l.trim().to_ascii_lowercase());
    match declared {
        Some(lang) if !lang.is_empty() && !lang.starts_with("en") => NumericOrder::DayFirst,
        _ => NumericOrder::Unambiguous,
    }
}

/// The `datePublished` of the page's JSON-LD: of an article's object
/// first ("NewsArticle", "BlogPosting"…), else of any object but a media,
/// a person or a comment (a photo's date is not the story's).
fn json_ld_date(json_ld: &[JsonLd], order: NumericOrder) -> Option<Candidate> {
    [true, false].into_iter().find_map(|article_only| {
        json_ld
            .iter()
            .find_map(|block| date_published(&block.value, article_only, order))
    })
}

/// Words of a JSON-LD `@type` of an article.
const ARTICLE_TYPES: &[&str] = &["article", "posting", "report", "webpage"];

/// Words of a JSON-LD `@type` whose dates are not the story's.
const OTHER_TYPES: &[&str] = &[
    "image",
    "video",
    "audio",
    "media",
    "person",
    "organization",
    "comment",
    "review",
    "event",
    "offer",
];

/// The `datePublished` of an article's object anywhere in `value`, or
/// (`article_only` false) of an object at the top or in a `@graph` that is
/// not a media, person or comment: objects nested in another's properties
/// are its photos, videos and reviews.
fn date_published(value: &serde_json::Value, article_only: bool, order: NumericOrder) -> Option<Candidate> {
    match value {
        serde_json::Value::Object(map) => {
            let types = map
                .get("@type")
                .map(|t| t.to_string().to_lowercase())
                .unwrap_or_default();
            let is = |words: &[&str]| words.iter().any(|w| types.contains(w));
            let fits = if article_only {
                is(ARTICLE_TYPES)
            } else {
                !is(OTHER_TYPES)
            };
            let own = fits
                .then(|| map.get("datePublished"))
                .flatten()
                .and_then(serde_json::Value::as_str)
                .and_then(|v| stamp_value(v, order));
            own.or_else(|| {
                if article_only {
                    map.values().find_map(|v| date_published(v, true, order))
                } else {
                    map.get("@graph").and_then(|g| date_published(g, false, order))
                }
            })
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| date_published(v, article_only, order)),
        _ => None,
    }
}

/// A date in a machine-readable value (meta content, `datetime`, JSON-LD):
/// an ISO date-time, or a date in words or numbers.
fn stamp_value(value: &str, order: NumericOrder) -> Option<Candidate> {
    let date = Date::parse_iso(value).or_else(|| find_date_ordered(value, order))?;
    Some(Candidate {
        date,
        utc: is_utc_stamp(value),
    })
}

/// Whether a time stamp gives its time in UTC: "…T03:28:35Z",
/// "…+00:00", "… UTC". A date without a time is local.
fn is_utc_stamp(value: &str) -> bool {
    let value = value.trim();
    let has_time = value.len() > 10 && value.contains(':');
    has_time
        && ["Z", "z", "+00:00", "+0000", "+00", "-00:00", "UTC", "GMT"]
            .iter()
            .any(|zone| value.ends_with(zone))
}

/// Whether `element` is in a part of the page marked by one of `words`
/// (class or id words, cut at anything but letters and digits), looking at
/// its ancestors up to `limit` (excluded) when `limit` is one of them. A
/// part that holds the article is not another part of the page, whatever
/// its marks: blog engines put the post in a "widget Blog" block, and
/// WordPress marks it with its categories and tags ("category-popular").
/// A quotation (`<blockquote>`) counts as marked: an embedded post's or a
/// quoted article's stamp is not the page's.
fn marked(element: ElementRef<'_>, limit: ElementRef<'_>, own: Own<'_>, words: &[&str]) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .take_while(|e| e.id() != limit.id() || e.id() == element.id())
        .any(|e| !own.held_by(e) && (has_mark(e, words) || e.value().name() == "blockquote"))
}

/// The article and its headline: the parts of the page that hold either
/// are the article's, whatever their marks.
#[derive(Clone, Copy)]
struct Own<'a> {
    article: ElementRef<'a>,
    headline: Option<ElementRef<'a>>,
}

impl Own<'_> {
    /// Whether `e` is the article or its headline or holds one of them,
    /// or is a part the article's class names ("podcast-description__sidebar"
    /// in `<article class="podcast-description">`, as BEM writes them).
    fn held_by(self, e: ElementRef<'_>) -> bool {
        let holds =
            |inner: ElementRef<'_>| e.id() == inner.id() || inner.ancestors().any(|a| a.id() == e.id());
        holds(self.article) || self.headline.is_some_and(holds) || self.names_part(e)
    }

    fn names_part(self, e: ElementRef<'_>) -> bool {
        let Some(blocks) = self.article.value().attr("class") else {
            return false;
        };
        e.value().classes().any(|class| {
            class
                .split_once("__")
                .is_some_and(|(block, _)| blocks.split_whitespace().any(|b| b == block))
        })
    }
}

/// The article's headline: its first `<h1>` with text, else the page's (a
/// logo's `<h1>` holds an image only), else the first `<h2>` of an article
/// that is not the whole body (blogs title their posts so).
fn headline<'a>(doc: &'a Html, article: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let with_text = |h: &ElementRef<'_>| h.text().any(|t| !t.trim().is_empty());
    let h1 = selector("h1");
    let whole = matches!(article.value().name(), "body" | "html");
    article
        .select(&h1)
        .find(with_text)
        .or_else(|| doc.select(&h1).find(with_text))
        .or_else(|| {
            (!whole)
                .then(|| article.select(&selector("h2")).find(with_text))
                .flatten()
        })
}

/// Whether a class or id word of `e` opens with one of `words`. A post's
/// own footer ("post-footer", "entry-footer", where blogs write "Posted by
/// X on …") is not the page's footer.
fn has_mark(e: ElementRef<'_>, words: &[&str]) -> bool {
    // Compared without lowercasing a copy of the marks: this runs for
    // every ancestor of every date candidate (4 % of reading a page).
    let el = e.value();
    [el.attr("class"), el.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(str::split_whitespace)
        .any(|token| {
            let mut previous = "";
            token.split(|c: char| !c.is_alphanumeric()).any(|word| {
                let post_footer = starts_with_folded(word, "footer")
                    && POST_PARTS.iter().any(|p| previous.eq_ignore_ascii_case(p));
                previous = word;
                !post_footer && words.iter().any(|w| starts_with_folded(word, w))
            })
        })
}

/// Whether `word` starts with `prefix` (lowercase ASCII), ASCII case
/// ignored.
fn starts_with_folded(word: &str, prefix: &str) -> bool {
    word.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Words that name a post in a class compound ("post-footer").
const POST_PARTS: &[&str] = &["article", "asset", "entry", "node", "post", "story"];

/// The first time stamp under `scope` outside comments and other articles
/// (see the module's opening). When `scope` is the article, only the
/// article's own parts are looked at for marks.
fn stamp_date(scope: ElementRef<'_>, own: Own<'_>, order: NumericOrder) -> Option<Date> {
    let limit = if scope.id() == own.article.id() {
        own.article
    } else {
        scope
    };
    let stamps = selector("time, abbr[title], [class], [id], [itemprop]");
    scope.select(&stamps).find_map(|e| {
        let (date, explicit) = stamp(e, order)?;
        let elsewhere = if explicit {
            marked(e, limit, own, ELSEWHERE_FOR_STAMPS)
        } else {
            marked(e, limit, own, ELSEWHERE) || marked(e, limit, own, UPDATED)
        };
        (!elsewhere).then_some(date)
    })
}

/// The date an element stamps, if it is a time stamp, and whether it says
/// explicitly that it is the publication's.
fn stamp(e: ElementRef<'_>, order: NumericOrder) -> Option<(Date, bool)> {
    let el = e.value();
    let class = el.attr("class").unwrap_or_default().to_ascii_lowercase();
    let itemprop = el.attr("itemprop").unwrap_or_default().to_ascii_lowercase();
    let explicit = el.attr("pubdate").is_some()
        || itemprop == "datepublished"
        || class
            .split_whitespace()
            .any(|c| c == "published" || c.starts_with("entry-date") || c == "date-published");
    if has_mark(e, UPDATED) && !explicit {
        return None;
    }
    match el.name() {
        "time" => match el.attr("datetime") {
            Some(value) => stamp_value(value, order).map(|c| (c.date, explicit)),
            None => None,
        },
        "abbr" if explicit => el
            .attr("title")
            .and_then(Date::parse_iso)
            .or_else(|| short_text_date(e, order))
            .map(|d| (d, true)),
        _ => {
            let stamp_marked = marks(el)
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| STAMP_MARKS.iter().any(|w| word.contains(w)));
            if !(explicit || stamp_marked || itemprop.contains("date") || opens_byline(e)) {
                return None;
            }
            short_text_date(e, order).map(|d| (d, explicit))
        }
    }
}

/// Words that open a byline, lowercase: "von Klaus Müller, 8.5.12",
/// "Posted by X on March 3, 2019".
const BYLINE_OPENERS: &[&str] = &[
    "author:",
    "autor:",
    "by ",
    "geschrieben von",
    "gespeichert von",
    "par ",
    "posted by",
    "verfasst von",
    "von ",
    "written by",
];

/// Whether the text of `e` opens with a byline ([`BYLINE_OPENERS`]).
fn opens_byline(e: ElementRef<'_>) -> bool {
    let head: String = e.text().flat_map(str::chars).take(40).collect();
    let head = head.trim_start().to_lowercase();
    BYLINE_OPENERS.iter().any(|o| head.starts_with(o))
}

/// The publication date written in a short element's text (at most
/// [`MAX_STAMP_CHARS`]).
fn short_text_date(e: ElementRef<'_>, order: NumericOrder) -> Option<Date> {
    let mut text = String::new();
    for t in e.text() {
        // Separate pieces: "<span>28.09.19</span><span>12:44</span>".
        text.push(' ');
        text.push_str(t);
        if text.len() > 8 * MAX_STAMP_CHARS {
            return None;
        }
    }
    let text = crate::squeeze_spaces(&text);
    if text.chars().count() > MAX_STAMP_CHARS {
        return None;
    }
    published_in_text(&text, order)
}

/// The first date of `text` before any update cue ("Publié le 3 mars,
/// mis à jour le 4 mars" gives 3 March; "Mis à jour le 4 mars" nothing).
fn published_in_text(text: &str, order: NumericOrder) -> Option<Date> {
    let lower = text.to_lowercase();
    let end = UPDATE_CUES
        .iter()
        .filter_map(|cue| lower.find(cue))
        .min()
        .unwrap_or(lower.len());
    // `lower` and `text` may differ in length (case mapping); cut by chars.
    let chars = lower[..end].chars().count();
    let head: String = text.chars().take(chars).collect();
    find_date_ordered(&head, order)
        .or_else(|| short_year_date(&head))
        .or_else(|| dotted_iso_date(&head))
}

/// A dotted date year first ("2023.11.02.", as Korean, Chinese and Hungarian
/// pages write it).
fn dotted_iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(7)).find_map(|start| {
        let digits = |from: usize, n: usize| {
            bytes
                .get(from..from + n)
                .filter(|d| d.iter().all(u8::is_ascii_digit))?;
            text[from..from + n].parse::<u32>().ok()
        };
        let before = start.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.') {
            return None;
        }
        let year = digits(start, 4)?;
        (bytes.get(start + 4) == Some(&b'.')).then_some(())?;
        let month = digits(start + 5, 2)?;
        (bytes.get(start + 7) == Some(&b'.')).then_some(())?;
        let day = digits(start + 8, 2)?;
        if bytes.get(start + 10).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    })
}

/// A dotted date with a two-digit year ("8.5.12", "02.12.19", "31.10.23"),
/// day first as dotted dates are everywhere, in the short texts read here
/// (stamps, datelines, a cue's few words): the shared date finder refuses
/// them in running text, where "3.12.10" may be anything. Years up to 69 are
/// this century's.
fn short_year_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let number = |at: usize| {
        let len = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        (len > 0).then(|| (text[at..at + len].parse::<u32>().ok(), at + len, len))
    };
    (0..bytes.len()).find_map(|start| {
        let before = start.checked_sub(1).map(|i| bytes[i]);
        if !bytes[start].is_ascii_digit() || before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.') {
            return None;
        }
        let (day, end, len) = number(start)?;
        if len > 2 || bytes.get(end) != Some(&b'.') {
            return None;
        }
        let (month, end, len) = number(end + 1)?;
        if len > 2 || bytes.get(end) != Some(&b'.') {
            return None;
        }
        let (year, end, len) = number(end + 1)?;
        let after = bytes.get(end).copied();
        let continued = after.is_some_and(|b| b.is_ascii_alphanumeric())
            || (after == Some(b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit));
        if len != 2 || continued {
            return None;
        }
        let year = year?;
        let year = if year < 70 { 2000 + year } else { 1900 + year };
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month?).ok()?,
            u8::try_from(day?).ok()?,
        )
    })
}

/// A date written right after a publication cue in the text under `scope`
/// ("Publié le 12 mars 2019", "Veröffentlicht am 16.08.2019"), outside
/// scripts, comments and other articles.
fn cue_date(scope: ElementRef<'_>, own: Own<'_>, order: NumericOrder) -> Option<Date> {
    date_after_cues(visible_texts(scope, own, ELSEWHERE), PUBLICATION_CUES, |window| {
        published_in_text(window, order)
    })
}

/// The page's last update date, written after an update cue ("Diese Seite
/// wurde zuletzt am 29. Januar 2020 geändert", "Last edited 2019-11-10",
/// "Aktualisiert: 30.12.2016"), in the page's footer too, never in
/// comments or other articles. Taken when the page gives no other date:
/// a wiki's or a notice's date is its last revision.
fn updated_date(doc: &Html, own: Own<'_>, order: NumericOrder) -> Option<Date> {
    let texts = visible_texts(doc.root_element(), own, ELSEWHERE_FOR_STAMPS);
    let read = |window: &str| find_date_ordered(window, order).or_else(|| short_year_date(window));
    date_after_cues(texts.clone(), UPDATE_CUES, read).or_else(|| date_after_cues(texts, &["stand:"], read))
}

/// The first date `read` finds right after one of `cues` in `texts`.
fn date_after_cues(
    texts: Vec<(String, ElementRef<'_>)>,
    cues: &[&str],
    read: impl Fn(&str) -> Option<Date>,
) -> Option<Date> {
    for (i, (text, _)) in texts.iter().enumerate() {
        let lower = text.to_lowercase();
        // A label ("Datum:", "Stand:") opens its text; in a sentence it is
        // a figure's date ("Börsenwert …, Stand: 1. Sep 2015").
        let label_opens = |cue: &str, end: usize| {
            !cue.ends_with(':') || !lower[..end - cue.len()].chars().any(char::is_alphanumeric)
        };
        // The earliest cue: "wurde zuletzt am 29. Januar 2020 geändert".
        let cue_end = cues
            .iter()
            .filter_map(|cue| {
                cue_at(&lower, cue)
                    .filter(|&end| label_opens(cue, end))
                    .map(|end| (end - cue.len(), end))
            })
            .min()
            .map(|(_, end)| end);
        let Some(cue_end) = cue_end else {
            continue;
        };
        // The cue's text and what follows it, across inline elements.
        let mut window: String = lower[cue_end..].to_string();
        for (next, _) in texts.iter().skip(i + 1) {
            if window.chars().count() >= CUE_WINDOW_CHARS {
                break;
            }
            window.push(' ');
            window.push_str(next);
        }
        let window: String = window.chars().take(CUE_WINDOW_CHARS).collect();
        if let Some(date) = read(&window) {
            return Some(date);
        }
    }
    None
}

/// The non-blank text nodes under `scope` with their parent elements, in
/// document order, outside scripts, navigation and the parts marked by
/// `elsewhere` ([`ELSEWHERE`]: comments, other articles, the page's footer).
fn visible_texts<'a>(
    scope: ElementRef<'a>,
    own: Own<'_>,
    elsewhere: &[&str],
) -> Vec<(String, ElementRef<'a>)> {
    let mut skip_depth = 0usize;
    let mut texts = Vec::new();
    for edge in scope.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_depth > 0 {
                    skip_depth += usize::from(node.value().is_element());
                    continue;
                }
                match node.value() {
                    Node::Element(el)
                        if matches!(el.name(), "script" | "style" | "noscript" | "template" | "nav") =>
                    {
                        skip_depth = 1;
                    }
                    Node::Element(_) => {
                        if let Some(e) = ElementRef::wrap(node) {
                            if e.id() != scope.id() && !own.held_by(e) && has_mark(e, elsewhere) {
                                skip_depth = 1;
                            }
                        }
                    }
                    Node::Text(t) if !t.trim().is_empty() => {
                        if let Some(parent) = node.parent().and_then(ElementRef::wrap) {
                            texts.push((t.to_string(), parent));
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip_depth > 0 && node.value().is_element() {
                    skip_depth -= 1;
                }
            }
        }
    }
    texts
}

/// Text nodes around the title looked at for a dateline, on each side.
const NEAR_TITLE_TEXTS: usize = 8;

/// A date written alone on a short line right before or after the
/// article's title (`<h1>`), where pages put their dateline ("24. April
/// 2020 | Politik", "Hamburg, 2. November 2021"): the nearest one, after
/// the title when equally near. Not in links (to other articles or
/// archives), not after an update cue.
fn near_title_date(doc: &Html, own: Own<'_>, order: NumericOrder) -> Option<Date> {
    let h1 = own.headline?;
    // A subline in the heading's `<small>` is no part of the title.
    let in_h1 = |e: &ElementRef<'_>| {
        let mut chain = std::iter::once(*e).chain(e.ancestors().filter_map(ElementRef::wrap));
        chain
            .find(|a| a.id() == h1.id() || a.value().name() == "small")
            .is_some_and(|a| a.id() == h1.id())
    };
    let in_link = |e: &ElementRef<'_>| {
        std::iter::once(*e)
            .chain(e.ancestors().filter_map(ElementRef::wrap))
            .any(|a| a.value().name() == "a")
    };
    let texts = visible_texts(doc.root_element(), own, NEAR_TITLE_ELSEWHERE);
    let first = texts.iter().position(|(_, e)| in_h1(e))?;
    let last = texts.iter().rposition(|(_, e)| in_h1(e))?;
    let date_at = |i: usize| {
        let (text, parent) = texts.get(i)?;
        let text = crate::squeeze_spaces(text);
        if in_link(parent) || in_h1(parent) {
            return None;
        }
        // A sentence ("Le 12 mars 2019, il a plu.") is the story, not its
        // dateline, unless it opens with the date ("(18.01.2018) Die …").
        let sentence = text.ends_with(['.', '!', '?', '…']);
        if text.chars().count() > MAX_STAMP_CHARS || sentence {
            return leading_date(&text, order);
        }
        published_in_text(&text, order)
    };
    // Before the title, a sidebar is the page's column of other things.
    let before_at = |i: usize| {
        let (_, parent) = texts.get(i)?;
        if marked(*parent, doc.root_element(), own, &["sidebar"]) {
            return None;
        }
        date_at(i)
    };
    (1..=NEAR_TITLE_TEXTS).find_map(|distance| {
        date_at(last + distance).or_else(|| first.checked_sub(distance).and_then(before_at))
    })
}

/// A date that opens `text`, as a dateline opens a story's first paragraph
/// ("27.1.2022 - Bei der …", "(18.01.2018) Deutschlands …", "10 mars 2020 —
/// Le …"): read in the first three words, the first one a number.
fn leading_date(text: &str, order: NumericOrder) -> Option<Date> {
    let text = text.trim_start_matches(['(', '[']);
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let head: Vec<&str> = text.split_whitespace().take(3).collect();
    published_in_text(&head.join(" "), order)
}

/// A date opening the page's title ("23.01.2022 - Dorothea Wierer …"), as
/// some sites title their news.
fn title_date(doc: &Html, metas: &[(String, String)], order: NumericOrder) -> Option<Date> {
    let title = meta_value(metas, &["og:title"])
        .map(str::to_string)
        .or_else(|| doc.select(&selector("title")).next().map(|t| t.text().collect()))?;
    leading_date(title.trim(), order)
}

/// The end of `cue` in `lower` when it stands as whole words.
fn cue_at(lower: &str, cue: &str) -> Option<usize> {
    lower.match_indices(cue).find_map(|(start, _)| {
        let end = start + cue.len();
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        (boundary(before) && boundary(after)).then_some(end)
    })
}

/// The first `<time>` under `scope` whose text is a date.
fn text_time_date(scope: ElementRef<'_>, own: Own<'_>, order: NumericOrder) -> Option<Date> {
    scope.select(&selector("time")).find_map(|e| {
        let date = published_in_text(&e.text().collect::<Vec<_>>().join(" "), order)?;
        let elsewhere = marked(e, scope, own, ELSEWHERE) || marked(e, scope, own, UPDATED);
        (!elsewhere).then_some(date)
    })
}

/// The date path of the page's canonical address (`<link rel=canonical>`,
/// else `og:url`): "https://example.org/2019/03/12/title/". Blog engines
/// write the publication date there; only a full year/month/day path counts.
fn canonical_url_date(doc: &Html, metas: &[(String, String)]) -> Option<Date> {
    let url = doc
        .select(&selector("link[rel=canonical][href]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .or_else(|| meta_value(metas, &["og:url"]))?;
    let parts: Vec<&str> = url.split('/').collect();
    parts.windows(3).find_map(|w| {
        let [y, m, d] = [w[0], w[1], w[2]];
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(html: &str) -> Option<String> {
        let doc = Html::parse_document(html);
        let article = doc
            .select(&selector("article"))
            .next()
            .unwrap_or_else(|| doc.root_element());
        page_date(&doc, article, &[], &crate::html::json_ld(&doc)).map(|d| d.to_string())
    }

    fn date_with_metas(html: &str, metas: &[(&str, &str)]) -> Option<String> {
        let doc = Html::parse_document(html);
        let metas: Vec<(String, String)> = metas
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        let article = doc
            .select(&selector("article"))
            .next()
            .unwrap_or_else(|| doc.root_element());
        page_date(&doc, article, &metas, &crate::html::json_ld(&doc)).map(|d| d.to_string())
    }

    #[test]
    fn json_ld_date_published() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
             {"@type":"NewsArticle","dateModified":"2020-03-01","datePublished":"2020-02-24T12:57:13+0100"}]}
            </script></head><body><p>Texte.</p></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2020-02-24"));
        let image_first = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","image":{"@type":"ImageObject","datePublished":"2023-11-06"},
             "datePublished":"2023-11-07T07:30+01:00"}</script></head><body></body></html>"#;
        assert_eq!(date_of(image_first).as_deref(), Some("2023-11-07"));
        let untyped = r#"<html><head><script type="application/ld+json">
            [{"@type":"ImageObject","datePublished":"2023-11-06"},{"image":{"datePublished":"2023-11-04"}},
             {"datePublished":"2023-11-05"}]
            </script></head><body></body></html>"#;
        assert_eq!(date_of(untyped).as_deref(), Some("2023-11-05"));
    }

    #[test]
    fn publication_metas_before_json_ld_before_generic_metas() {
        let html = r#"<html><head><script type="application/ld+json">{"datePublished":"2023-11-09T03:02:34-05:00"}</script></head><body></body></html>"#;
        assert_eq!(
            date_with_metas(html, &[("dc.date", "2023-11-08")]).as_deref(),
            Some("2023-11-09")
        );
        assert_eq!(
            date_with_metas(
                html,
                &[("dc.date", "2023-11-08"), ("sailthru.date", "2023-11-07 22:28")]
            )
            .as_deref(),
            Some("2023-11-07")
        );
    }

    #[test]
    fn the_date_shown_by_the_headline_over_a_declared_one_shown_nowhere() {
        let shown = r#"<html lang="de"><body><article><h1>Waldwege</h1><p class="date">26.01.2022</p>
            <p>Text.</p></article></body></html>"#;
        let declared = [("article:published_time", "2022-01-25T10:00:00+01:00")];
        assert_eq!(date_with_metas(shown, &declared).as_deref(), Some("2022-01-26"));
        // The declared date written on the page too: it stays.
        let both = r#"<html lang="de"><body><article><h1>Waldwege</h1><p class="date">26.01.2022</p>
            <p>Text.</p><time datetime="2022-01-25">25.01.2022</time></article></body></html>"#;
        assert_eq!(date_with_metas(both, &declared).as_deref(), Some("2022-01-25"));
        // A dateline alone, unconfirmed, does not outweigh the metadata.
        let alone = r#"<html lang="de"><body><article><h1>Waldwege</h1><p>26.01.2022</p>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(date_with_metas(alone, &declared).as_deref(), Some("2022-01-25"));
        // Nor does a month-first writing of the declared date.
        let swapped = r#"<html lang="de"><body><article><h1>Roller</h1><p class="date">11/01/2021</p>
            <p>Text.</p></article></body></html>"#;
        let november = [("article:published_time", "2021-11-01T10:00:00+01:00")];
        assert_eq!(date_with_metas(swapped, &november).as_deref(), Some("2021-11-01"));
    }

    #[test]
    fn a_utc_stamp_yields_to_the_local_writing_of_the_same_day() {
        let html = r#"<html lang="en"><body><article><h1>Title</h1>
            <div class="date">Published Nov. 8, 2023, 10:28 p.m. ET</div><p>Text.</p></article></body></html>"#;
        let utc = [("article:published_time", "2023-11-09T03:28:35+00:00")];
        assert_eq!(date_with_metas(html, &utc).as_deref(), Some("2023-11-08"));
        // Alone, the UTC stamp is all there is.
        let bare = "<html><body><p>Text.</p></body></html>";
        assert_eq!(date_with_metas(bare, &utc).as_deref(), Some("2023-11-09"));
        // A local date far from it is another date, not another writing.
        let far = r#"<html><body><div class="date">March 1, 2023</div></body></html>"#;
        assert_eq!(date_with_metas(far, &utc).as_deref(), Some("2023-11-09"));
        // With its offset, a stamp is local: taken as written.
        let local = [("article:published_time", "2023-11-08T22:28:35-05:00")];
        assert_eq!(date_with_metas(bare, &local).as_deref(), Some("2023-11-08"));
        assert!(is_utc_stamp("2023-11-09T03:28:35Z"));
        assert!(!is_utc_stamp("2023-11-09"));
        assert!(!is_utc_stamp("2023-11-09T03:28:35+01:00"));
    }

    #[test]
    fn stamps_inside_the_article_outside_comments() {
        let html = r#"<html><body>
            <div class="sidebar"><time datetime="2011-01-01">1 janvier 2011</time></div>
            <article><h1>Titre</h1>
              <abbr class="published" title="2016-12-23T05:11-05:00">Dec 23</abbr>
              <p>Texte.</p>
              <div class="comments"><time datetime="2017-05-05">5 mai 2017</time></div>
            </article></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2016-12-23"));
        let visible = r#"<html><body><article><h1>Titre</h1>
            <p class="updated">Mis à jour le 4 mars 2016</p>
            <p class="post-date">Publié le 3 mars 2016 à 10h12</p><p>Texte.</p></article></body></html>"#;
        assert_eq!(date_of(visible).as_deref(), Some("2016-03-03"));
        let english = r#"<html><body><article><h1>Title</h1><div class="date">December 29th 2019</div>
            <p>Text.</p></article></body></html>"#;
        assert_eq!(date_of(english).as_deref(), Some("2019-12-29"));
        let time_text = r#"<html><body><article><h1>Titel</h1><time>31.03.2020</time><p>Text.</p></article></body></html>"#;
        assert_eq!(date_of(time_text).as_deref(), Some("2020-03-31"));
        // Pieces of text are apart: "28.09.19" and "12:44" are no "28.09.1912".
        let pieces = r#"<html lang="de"><body><span class="date"><span>28.09.19</span><span>12:44</span></span></body></html>"#;
        assert_eq!(date_of(pieces).as_deref(), Some("2019-09-28"));
    }

    #[test]
    fn explicit_publication_stamps_inside_blog_widgets() {
        // Blog engines put the post in a "widget" and its stamp in the
        // post's footer.
        let html = r#"<html><body><div class="widget Blog"><div class="post-footer">
            <abbr class="published" title="2011-03-30T21:05:00-07:00">9:05 PM</abbr></div></div></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2011-03-30"));
        let text = r#"<html><body><div class="post">Artikel veröffentlicht am
            <abbr class="published" title="Sonntag, 7:05 pm">16.12.2012</abbr></div></body></html>"#;
        assert_eq!(date_of(text).as_deref(), Some("2012-12-16"));
        let pubdate = r#"<html><body><div id="sidebar"><header>
            <time class="entry-date" datetime="2019-07-13T15:52:31+02:00" pubdate>13 Jul 2019</time>
            </header></div></body></html>"#;
        assert_eq!(date_of(pubdate).as_deref(), Some("2019-07-13"));
        let comment = r#"<html><body><div class="comment-meta">
            <time class="entry-date" datetime="2019-07-13" pubdate>13 Jul 2019</time></div></body></html>"#;
        assert_eq!(date_of(comment), None);
    }

    #[test]
    fn generic_metas_after_the_articles_stamps_before_the_pages() {
        // `dc.date` is often the record's creation or update date.
        let html = r#"<html lang="de"><body><div class="date">Mittwoch, 26.02.2020</div><article><h1>Titel</h1>
            <p class="meta">29.04.2020</p><p>Text.</p></article></body></html>"#;
        assert_eq!(
            date_with_metas(html, &[("dc.date", "2020-04-30")]).as_deref(),
            Some("2020-04-29")
        );
        // Outside the article, the day's date or an event list.
        let menu = "<li>Menü</li>".repeat(10);
        let page = format!(
            r#"<html lang="de"><body><div class="date">Mittwoch, 26.02.2020</div><ul>{menu}</ul>
            <article><h1>Titel</h1><p>Text.</p></article></body></html>"#
        );
        let page = page.as_str();
        assert_eq!(
            date_with_metas(page, &[("dc.date", "2017-05-01")]).as_deref(),
            Some("2017-05-01")
        );
        assert_eq!(date_with_metas(page, &[]).as_deref(), Some("2020-02-26"));
    }

    #[test]
    fn parts_holding_the_article_are_not_elsewhere() {
        // Blogger's post list is a "widget", WordPress's post is marked with
        // its categories ("category-popular").
        let blogger = r#"<html lang="de"><body><div class="widget Blog"><div class="date-outer">
            <h2 class="date-header"><span>Samstag, 5. Oktober 2013</span></h2>
            <article><h3>Interview</h3><p>Text.</p></article></div></div>
            <div class="widget BlogArchive"><span class="date">1. Mai 2012</span></div></body></html>"#;
        assert_eq!(date_of(blogger).as_deref(), Some("2013-10-05"));
        let wordpress = r#"<html lang="en"><body><div class="post category-popular"><h1>Top 10</h1>
            <p>January 22, 2014</p><article><p>Text.</p></article></div></body></html>"#;
        assert_eq!(date_of(wordpress).as_deref(), Some("2014-01-22"));
        // A part holding the headline is the article's too, when the
        // article is the whole body; a logo's `<h1>` is no headline.
        let html = r#"<html lang="de"><body><h1><a href="/"><img src="logo.png"></a></h1>
            <div class="widget Blog"><div class="date-header">Freitag, 5. Juni 2015</div>
            <h1>Post</h1><p>Text.</p></div></body></html>"#;
        let doc = Html::parse_document(html);
        let body = doc.select(&selector("body")).next().expect("a body");
        assert_eq!(
            page_date(&doc, body, &[], &crate::html::json_ld(&doc))
                .map(|d| d.to_string())
                .as_deref(),
            Some("2015-06-05")
        );
        assert_eq!(
            headline(&doc, body)
                .map(|h| h.text().collect::<String>())
                .as_deref(),
            Some("Post")
        );
        // A widget beside the article still is.
        let beside = r#"<html lang="de"><body><div class="widget"><span class="date">1. Mai 2012</span></div>
            <article><p>Text.</p></article></body></html>"#;
        assert_eq!(date_of(beside), None);
    }

    #[test]
    fn bylines_with_their_date() {
        let von = r#"<html lang="de"><body><main><p class="morespace">von <a href="/author/k">Klaus Müller</a>, 8.5.12 </p>
            <p>Die Landtagswahl.</p></main></body></html>"#;
        assert_eq!(date_of(von).as_deref(), Some("2012-05-08"));
        let author = r#"<html lang="de"><body><div class="left author">Author: <a href="/p/58"><b>Bo2man</b></a>
            am 29.12.2010, 13:36 Uhr</div></body></html>"#;
        assert_eq!(date_of(author).as_deref(), Some("2010-12-29"));
        let posted =
            r#"<html lang="en"><body><div class="x">Posted by Ann on March 3, 2019</div></body></html>"#;
        assert_eq!(date_of(posted).as_deref(), Some("2019-03-03"));
        // Not a byline: a short paragraph whose date is the story's.
        let story =
            r#"<html lang="fr"><body><p class="x">Le 3 mars 2019 par ailleurs, il a plu.</p></body></html>"#;
        assert_eq!(date_of(story), None);
    }

    #[test]
    fn parts_named_after_the_article_block() {
        // BEM: "podcast-description__sidebar" is a part of the article
        // "podcast-description", not the page's sidebar.
        let html = r#"<html lang="fr"><body><article class="podcast-description u-container">
            <div class="podcast-description__main"><p>Texte.</p></div>
            <div class="podcast-description__sidebar"><ul><li><p class="title">Mise en ligne</p>
            <p class="content">23 mai 2019</p></li></ul></div></article>
            <div class="sidebar"><p>Publié le 2 mai 2018</p></div></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2019-05-23"));
    }

    #[test]
    fn byline_and_meta_elements() {
        let html = r#"<html lang="de"><body><div class="article-metadata"> 30.07.2019 </div></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2019-07-30"));
        // An update stamp is no publication stamp: the last resort only.
        let updated = r#"<html lang="de"><body><p class="article_date">Letzte Aktualisierung: 18.01.2018</p>
            <link rel="canonical" href="https://example.org/2018/01/17/x/"></body></html>"#;
        assert_eq!(date_of(updated).as_deref(), Some("2018-01-17"));
    }

    #[test]
    fn the_last_update_when_nothing_else_dates_the_page() {
        let wiki = r#"<html lang="de"><body><h1>Stammtisch</h1><p>Text.</p><div id="footer"><ul>
            <li id="footer-info-lastmod"> Diese Seite wurde zuletzt am 29. Januar 2020 um 20:16 Uhr geändert.</li>
            </ul></div></body></html>"#;
        assert_eq!(date_of(wiki).as_deref(), Some("2020-01-29"));
        let edited = r#"<html lang="en"><body><p class="info">Download (last edited 2019-11-10 13:28:18 by X)</p></body></html>"#;
        assert_eq!(date_of(edited).as_deref(), Some("2019-11-10"));
        // Not a comment's, and never over a publication date.
        let comment =
            r#"<html lang="en"><body><div class="comment">Updated: March 3, 2019</div></body></html>"#;
        assert_eq!(date_of(comment), None);
        let both = r#"<html lang="en"><body><p>Updated: March 3, 2019</p><p>Published: March 1, 2019</p></body></html>"#;
        assert_eq!(date_of(both).as_deref(), Some("2019-03-01"));
    }

    #[test]
    fn dates_after_publication_cues() {
        let html =
            r#"<html lang="de"><body><p>Veröffentlicht am 16.08.2019<br> Dauer: 1 Stunde</p></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2019-08-16"));
        let fr = r#"<html lang="fr"><body><p>Publié le <b>12 mars 2019</b> par X</p></body></html>"#;
        assert_eq!(date_of(fr).as_deref(), Some("2019-03-12"));
        let ar = r#"<html lang="ar"><body><p>نشر في 12 مارس 2019</p></body></html>"#;
        assert_eq!(date_of(ar).as_deref(), Some("2019-03-12"));
        // After an update cue, a date in a comment, a cue inside a word: no
        // publication date (the update date comes last, see below).
        let none = r#"<html lang="fr"><body><p>Publié, mis à jour le 12 mars 2019</p>
            <div class="comments"><p>Publié le 3 mars 2019</p></div><p>Unpublished 4 mars 2019</p></body></html>"#;
        assert_eq!(date_of(none).as_deref(), Some("2019-03-12"));
        let doc = Html::parse_document(none);
        let own = Own {
            article: doc.root_element(),
            headline: None,
        };
        assert_eq!(cue_date(doc.root_element(), own, NumericOrder::DayFirst), None);
    }

    #[test]
    fn two_digit_years_in_short_dotted_dates() {
        let cases = [
            ("8.5.12", Some("2012-05-08")),
            ("von X, 02.12.19 ", Some("2019-12-02")),
            ("31.10.23, 12:44", Some("2023-10-31")),
            ("1.1.99", Some("1999-01-01")),
            ("v1.2.10", None),
            ("1.2.10.4", None),
            ("1.2.103", None),
            ("31.02.20", None),
            ("12.2020", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                short_year_date(text).map(|d| d.to_string()).as_deref(),
                want,
                "{text}"
            );
        }
        let html = r#"<html lang="en"><body><span style="color:red">02.12.19</span><h1>Title</h1><p>Text.</p></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2019-12-02"));
    }

    #[test]
    fn a_paragraph_opening_with_the_date_next_to_the_title() {
        let html = r#"<html lang="de"><body><h1>Schweinepest</h1>
            <p><strong>(18.01.2018) Deutschlands Landwirte zittern vor der Afrikanischen Schweinepest, die näher rückt.</strong></p>
            </body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2018-01-18"));
        let dash = r#"<html lang="de"><body><h1>Gedenken</h1><p>Von Claudia</p>
            <p>27.1.2022 - Bei der Erinnerung an die Verfolgten des Nationalsozialismus wird vieles vergessen.</p></body></html>"#;
        assert_eq!(date_of(dash).as_deref(), Some("2022-01-27"));
        // The date further in the sentence is the story's.
        let inside = r#"<html lang="de"><body><h1>Titel</h1>
            <p>Am 27.1.2022 hat der Verein in einer langen Sitzung beschlossen, was hier steht, und mehr.</p></body></html>"#;
        assert_eq!(date_of(inside), None);
    }

    #[test]
    fn labels_and_post_footers() {
        let labels =
            r#"<html lang="de"><body><ul><li><span>Datum:</span>26. Januar 2022</li></ul></body></html>"#;
        assert_eq!(date_of(labels).as_deref(), Some("2022-01-26"));
        let stand = r#"<html lang="de"><body><p>[Stand: 09.10.2017, 01:40 Uhr]</p></body></html>"#;
        assert_eq!(date_of(stand).as_deref(), Some("2017-10-09"));
        let fr =
            r#"<html lang="fr"><body><ul><li><p>Mise en ligne</p><p>23 mai 2019</p></li></ul></body></html>"#;
        assert_eq!(date_of(fr).as_deref(), Some("2019-05-23"));
        // In a sentence, a label dates a figure.
        let figure = r#"<html lang="de"><body><p>Der Börsenwert (334 Milliarden, Stand: 1. Sep 2015) steigt.</p></body></html>"#;
        assert_eq!(date_of(figure), None);
        // A post's footer is not the page's.
        let footer = r#"<html lang="de"><body><div class="asset-footer"><div class="asset-meta">
            Von Christian am 03.05.2013, 11:51</div></div>
            <div id="footer"><span class="date">01.01.2020</span></div></body></html>"#;
        assert_eq!(date_of(footer).as_deref(), Some("2013-05-03"));
        let page_footer = r#"<html lang="de"><body><div id="footer"><span class="date">01.01.2020</span></div></body></html>"#;
        assert_eq!(date_of(page_footer), None);
    }

    #[test]
    fn numeric_dates_follow_the_page_language() {
        let page = |lang: &str| {
            format!(r#"<html lang="{lang}"><body><span class="date">05/12/2020</span></body></html>"#)
        };
        assert_eq!(date_of(&page("fr")).as_deref(), Some("2020-12-05"));
        assert_eq!(date_of(&page("ar")).as_deref(), Some("2020-12-05"));
        assert_eq!(date_of(&page("en-US")), None);
        let undeclared = r#"<html><body><span class="date">05/12/2020</span></body></html>"#;
        assert_eq!(date_of(undeclared), None);
        let us = r#"<html lang="en"><body><span class="date">12/25/2020</span></body></html>"#;
        assert_eq!(date_of(us).as_deref(), Some("2020-12-25"));
    }

    #[test]
    fn json_ld_in_a_script_without_type() {
        let html = r#"<html><head><script>{"@context": "https://schema.org", "@type": "NewsArticle",
            "datePublished": "2022-01-28T06:00:00+01:00"}</script><script>var x = {"a": 1};</script></head></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2022-01-28"));
    }

    #[test]
    fn dateline_next_to_the_title() {
        let after = r#"<html lang="de"><body><div><h1>Neue Karte</h1><p><em>10.11.2021</em></p>
            <p>Bis einschließlich 9. November 2021 wurden …</p></div></body></html>"#;
        assert_eq!(date_of(after).as_deref(), Some("2021-11-10"));
        let before =
            r#"<html lang="de"><body><h3>21.01.2022</h3><h1>Jahresbericht</h1><p>Text.</p></body></html>"#;
        assert_eq!(date_of(before).as_deref(), Some("2022-01-21"));
        // A date in a link, a long paragraph, far from the title: none.
        let none = r#"<html lang="de"><body><h1>Titel</h1><p><a href="/archiv">03.02.2021</a></p>
            <p>Am 3. Februar 2021 hat der Verein in einer langen Sitzung beschlossen, was hier steht, und mehr.</p>
            </body></html>"#;
        assert_eq!(date_of(none), None);
    }

    #[test]
    fn sublines_and_post_headings() {
        let small = r#"<html lang="de"><body><div class="article"><h1>Zuschauerrückkehr<br><small>
            02.02.2022 • Sport</small></h1><p>Text.</p></div></body></html>"#;
        assert_eq!(date_of(small).as_deref(), Some("2022-02-02"));
        // No `<h1>`: the post's `<h2>`, in an article that is not the body.
        let h2 = r#"<html lang="de"><body><h2>Neueste</h2><article><h2>Trump</h2><p>Text.</p>
            <h5>23.01.2019</h5></article></body></html>"#;
        assert_eq!(date_of(h2).as_deref(), Some("2019-01-23"));
        let body = r#"<html lang="de"><body><h2>Neueste</h2><h5>23.01.2019</h5><p>Text.</p></body></html>"#;
        let doc = Html::parse_document(body);
        let whole = doc.select(&selector("body")).next().expect("a body");
        assert!(headline(&doc, whole).is_none());
    }

    #[test]
    fn dotted_dates_year_first_and_german_formulas() {
        assert_eq!(
            dotted_iso_date("2023.11.02. 오후 8:06")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2023-11-02")
        );
        assert_eq!(dotted_iso_date("v12023.11.02"), None);
        assert_eq!(dotted_iso_date("2023.11.023"), None);
        let wurde = r#"<html lang="de"><body><div class="post-footer">Dieser Artikel wurde am 14. Dezember 2015
            um 14:48 von <a href="/a">X</a> veröffentlicht und unter <a href="/c">Technik</a> abgelegt.</div></body></html>"#;
        assert_eq!(date_of(wurde).as_deref(), Some("2015-12-14"));
        let release = r#"<html lang="de"><body><p>Veröffentlichung: <a href="/music/">04.02.2022</a></p></body></html>"#;
        assert_eq!(date_of(release).as_deref(), Some("2022-02-04"));
    }

    #[test]
    fn a_teaser_line_by_the_headline_and_a_state_in_the_footer() {
        let teaser = r#"<html lang="de"><body><div><h3 class="bb-teaser-meta">02.01.2022</h3>
            <h1>Erlegungsprämie</h1><p>Text.</p></div>
            <div class="teaser"><h3>Andere</h3><span>03.01.2021</span></div></body></html>"#;
        assert_eq!(date_of(teaser).as_deref(), Some("2022-01-02"));
        let state = r#"<html lang="de"><body><h1>Start</h1><p>Text.</p>
            <p id="footer_print">Quelle: Stadt<br>[Stand: 09.10.2017, 01:40 Uhr]</p></body></html>"#;
        assert_eq!(date_of(state).as_deref(), Some("2017-10-09"));
    }

    #[test]
    fn a_title_opening_with_the_date_and_a_header_column() {
        let title = r#"<html lang="de"><head><title>23.01.2022 - Wierer darf jubeln</title></head>
            <body><p>Text.</p></body></html>"#;
        assert_eq!(date_of(title).as_deref(), Some("2022-01-23"));
        let inside =
            r#"<html lang="de"><head><title>Bericht vom 23.01.2022</title></head><body></body></html>"#;
        assert_eq!(date_of(inside), None);
        // The header's column right after the headline is the article's, a
        // sidebar before it is not.
        let column = r#"<html lang="de"><body><article><h1>Burgenland</h1><p>Text.</p></article>
            <div class="sidebar"><div class="sidebar__item--header"><p class="x">28. Januar 2022</p></div></div>
            </body></html>"#;
        assert_eq!(date_of(column).as_deref(), Some("2022-01-28"));
        let before = r#"<html lang="de"><body><div class="sidebar"><p class="x">28. Januar 2022</p></div>
            <article><h1>Burgenland</h1><p>Text.</p></article></body></html>"#;
        assert_eq!(date_of(before), None);
    }

    #[test]
    fn canonical_address_date_path() {
        let html = r#"<html><head><link rel="canonical" href="https://blog.example.org/2012/05/11/parken/"></head>
            <body><p>Text.</p></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2012-05-11"));
        let partial = r#"<html><head><link rel="canonical" href="https://example.org/2012/05/parken-11/"></head></html>"#;
        assert_eq!(date_of(partial), None);
    }

    #[test]
    fn no_stamp_no_date() {
        let html = r#"<html><body><article><h1>Titre</h1><p>Le 12 mars 2019, il a plu.</p>
            <div class="comment"><span class="date">5 mai 2017</span></div></article></body></html>"#;
        assert_eq!(date_of(html), None);
    }

    #[test]
    fn an_embedded_posts_stamp_is_not_the_pages() {
        let html = r#"<html><body><article><h1>Le jumelage reconduit</h1>
            <p>Le projet est reconduit pour deux ans.</p>
            <blockquote class="social-embed"><p>Un message de l'agence
            <time datetime="2018-03-12T19:30:12+00:00">12 mars 2018</time></p></blockquote>
            <p class="signature">Publié le 29 janvier 2019</p></article></body></html>"#;
        assert_eq!(date_of(html), Some("2019-01-29".to_string()));
    }
}
