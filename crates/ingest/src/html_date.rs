//! The publication date of a web page, from what the page says about
//! itself, most trusted first:
//! 1. the publication-date meta tags (`article:published_time` and the
//!    usual others, [`DATE_META`]);
//! 2. JSON-LD's `datePublished` (schema.org, as news sites publish it for
//!    search engines), in any object of any `ld+json` script;
//! 3. the page's own time stamps: `<time datetime>`, `<abbr
//!    class="published" title>`, an element whose class or id says
//!    "published" or "date" with a short date in its text, then `<time>`
//!    with the date only in its text: inside the article first, then
//!    anywhere, never inside comments, related-article lists or sidebars,
//!    never an update time.
//!
//! A date that is not explicit is never guessed: only full dates (day,
//! month, year) count.

use scraper::{ElementRef, Html};

use crate::date::{find_date, Date};
use crate::html::{marks, meta_value, selector};

/// Meta tags (by `property`, `name` or `itemprop`) that carry the
/// publication date, in order of trust.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
    "parsely-pub-date",
    "sailthru.date",
];

/// Words of a class or id that mark a part of the page holding other
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

/// Words of a class or id that mark an update, not a publication.
const UPDATED: &[&str] = &["update", "modif", "edited", "aktualisiert"];

/// Longest text of an element read as a date stamp, in characters.
const MAX_STAMP_CHARS: usize = 80;

/// The page's publication date (see the module's opening). `metas` are the
/// page's meta tags, keys lowercased; `article` the element read as the
/// article.
pub(crate) fn page_date(doc: &Html, article: ElementRef<'_>, metas: &[(String, String)]) -> Option<Date> {
    if let Some(date) = meta_value(metas, DATE_META).and_then(date_in) {
        return Some(date);
    }
    if let Some(date) = json_ld_date(doc) {
        return Some(date);
    }
    let root = doc.root_element();
    for scope in [article, root] {
        if let Some(date) = stamp_date(scope) {
            return Some(date);
        }
    }
    [article, root].into_iter().find_map(text_time_date)
}

/// The first `datePublished` of the page's JSON-LD.
fn json_ld_date(doc: &Html) -> Option<Date> {
    doc.select(&selector("script[type=\"application/ld+json\"]"))
        .filter_map(|script| {
            serde_json::from_str::<serde_json::Value>(&script.text().collect::<String>()).ok()
        })
        .find_map(|value| date_published(&value))
}

fn date_published(value: &serde_json::Value) -> Option<Date> {
    match value {
        serde_json::Value::Object(map) => map
            .get("datePublished")
            .and_then(serde_json::Value::as_str)
            .and_then(date_in)
            .or_else(|| map.values().find_map(date_published)),
        serde_json::Value::Array(items) => items.iter().find_map(date_published),
        _ => None,
    }
}

/// Whether `element` or one of its ancestors is marked as holding other
/// articles' or readers' content, or as an update.
fn is_elsewhere(element: ElementRef<'_>) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(|e| {
            let marks = marks(e.value());
            ELSEWHERE.iter().chain(UPDATED).any(|w| marks.contains(w))
        })
}

/// A date written as an ISO date-time or in words.
fn date_in(value: &str) -> Option<Date> {
    Date::parse_iso(value).or_else(|| find_date(value))
}

/// The first time stamp under `scope` outside comments and other articles:
/// `<time datetime>`, `<abbr class="published" title>`, or a short element
/// whose class or id says "published" or "date".
fn stamp_date(scope: ElementRef<'_>) -> Option<Date> {
    let stamps = selector("time[datetime], abbr[title], [class], [id]");
    scope.select(&stamps).find_map(|e| {
        let date = stamp(e)?;
        (!is_elsewhere(e)).then_some(date)
    })
}

/// The date an element stamps, if it is a time stamp.
fn stamp(e: ElementRef<'_>) -> Option<Date> {
    let el = e.value();
    match el.name() {
        "time" if el.attr("datetime").is_some() => el.attr("datetime").and_then(date_in),
        "abbr" if marks(el).contains("published") => el.attr("title").and_then(Date::parse_iso),
        _ => {
            let marks = marks(el);
            if !["published", "date", "datum", "posted"]
                .iter()
                .any(|w| marks.contains(w))
            {
                return None;
            }
            let text: String = e.text().take(8).collect();
            if text.chars().count() > MAX_STAMP_CHARS {
                return None;
            }
            find_date(&text)
        }
    }
}

/// The first `<time>` under `scope` whose text is a date.
fn text_time_date(scope: ElementRef<'_>) -> Option<Date> {
    scope.select(&selector("time")).find_map(|e| {
        let date = find_date(&e.text().collect::<String>())?;
        (!is_elsewhere(e)).then_some(date)
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
        page_date(&doc, article, &[]).map(|d| d.to_string())
    }

    #[test]
    fn json_ld_date_published() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
             {"@type":"NewsArticle","dateModified":"2020-03-01","datePublished":"2020-02-24T12:57:13+0000"}]}
            </script></head><body><p>Texte.</p></body></html>"#;
        assert_eq!(date_of(html).as_deref(), Some("2020-02-24"));
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
    }

    #[test]
    fn no_stamp_no_date() {
        let html = r#"<html><body><article><h1>Titre</h1><p>Le 12 mars 2019, il a plu.</p>
            <div class="comment"><span class="date">5 mai 2017</span></div></article></body></html>"#;
        assert_eq!(date_of(html), None);
    }
}
