//! The author of a web page, from what the page says about itself, most
//! trusted first:
//! 1. the author meta tags ([`AUTHOR_META`]; `article:author` only when it
//!    is a name, not the URL of a profile);
//! 2. JSON-LD's `author` (schema.org: a string, an object with a `name`,
//!    or an array of them; organisations left out), outside comments and
//!    reviews;
//! 3. the page's own byline: `rel="author"` links, `itemprop="author"`,
//!    elements whose class or id says "byline" or "author", inside the
//!    article first, then anywhere; never inside comments, related-article
//!    lists or sidebars. Their text is read as a byline ("Par Nadia B.")
//!    or a name alone;
//! 4. a byline line among the article's first short blocks ("Par Samia
//!    Kherbouche · 16 janvier 2020" in a `<p>`).
//!
//! Every name is judged by `byline.rs`: a publisher's name ("La
//! Rédaction", "El Watan", the site's own name) is never an author.

use scraper::{ElementRef, Html};

use crate::byline::{byline, metadata_kind, Kind};
use crate::html::{marks, meta_value, selector, JsonLd};
use crate::squeeze_spaces;

/// Meta tags (by `property`, `name` or `itemprop`, lowercase) that name
/// the author, in order of trust.
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
];

/// Words of a class or id that mark a part of the page about other
/// articles or by readers.
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
    "aside",
];

/// JSON-LD keys whose values are about others (readers' comments,
/// reviews, lists of other articles).
const JSON_LD_ELSEWHERE: &[&str] = &["comment", "review", "itemListElement", "hasPart", "citation"];

/// Longest text of a byline element read, in characters.
const MAX_BYLINE_CHARS: usize = 100;

/// The page's author (see the module's opening). `metas` are the page's
/// meta tags, keys lowercased; `article` the element read as the article.
pub(crate) fn page_author(
    doc: &Html,
    article: ElementRef<'_>,
    metas: &[(String, String)],
    json_ld: &[JsonLd],
) -> Option<String> {
    let site = meta_value(metas, &["og:site_name"]).map(|s| s.trim().to_lowercase());
    let not_site = |name: &String| site.as_deref() != Some(name.to_lowercase().as_str());
    AUTHOR_META
        .iter()
        .find_map(|name| meta_value(metas, &[name]).and_then(name_in).filter(not_site))
        .or_else(|| json_ld_author(json_ld).filter(not_site))
        .or_else(|| {
            let root = doc.root_element();
            [article, root]
                .into_iter()
                .find_map(|scope| byline_element(scope).filter(not_site))
        })
        .or_else(|| byline_block(article).filter(not_site))
}

/// How many of the article's first blocks are looked at for a byline line.
const LEAD_BLOCKS: usize = 8;

/// The author of a byline line among the first [`LEAD_BLOCKS`] short
/// blocks of the article (label required: "Par Nadia B.", "بقلم: X").
fn byline_block(article: ElementRef<'_>) -> Option<String> {
    article
        .select(&selector("p, div, span, address, header"))
        .filter_map(|e| short_text(e).filter(|_| !is_elsewhere(e)))
        .take(LEAD_BLOCKS)
        .find_map(|text| byline(&text).and_then(|b| b.author))
}

/// A person's name in a text that names an author: a byline's ("By John
/// Smith") or the text itself when it is a person's name.
fn name_in(text: &str) -> Option<String> {
    let text = squeeze_spaces(text);
    if let Some(b) = byline(&text) {
        return b.author;
    }
    (metadata_kind(&text) == Kind::Person).then_some(text)
}

/// The authors of the page's JSON-LD, joined with ", ".
fn json_ld_author(json_ld: &[JsonLd]) -> Option<String> {
    json_ld
        .iter()
        .filter(|block| block.typed)
        .find_map(|block| author_of(&block.value))
}

/// The first `author` in a JSON-LD value, outside comments and reviews.
fn author_of(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Object(map) => map
            .get("author")
            .and_then(|author| {
                let names: Vec<String> = persons(author).into_iter().filter_map(|n| name_in(&n)).collect();
                (!names.is_empty()).then(|| names.join(", "))
            })
            .or_else(|| {
                map.iter()
                    .filter(|(k, _)| !JSON_LD_ELSEWHERE.contains(&k.as_str()))
                    .find_map(|(_, v)| author_of(v))
            }),
        serde_json::Value::Array(items) => items.iter().find_map(author_of),
        _ => None,
    }
}

/// The names of a JSON-LD `author` value, organisations left out.
fn persons(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Object(map) => {
            let organisation = map
                .get("@type")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|t| t.contains("Organization"));
            match map.get("name").and_then(serde_json::Value::as_str) {
                Some(name) if !organisation => vec![name.to_string()],
                _ => Vec::new(),
            }
        }
        serde_json::Value::Array(items) => items.iter().flat_map(persons).collect(),
        _ => Vec::new(),
    }
}

/// Whether `element` or one of its ancestors holds other articles' or
/// readers' content.
fn is_elsewhere(element: ElementRef<'_>) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(|e| {
            let el = e.value();
            matches!(el.name(), "aside" | "nav") || {
                let marks = marks(el);
                ELSEWHERE.iter().any(|w| marks.contains(w))
            }
        })
}

/// The author named by the first byline element under `scope`: its whole
/// text, else the text of one of its elements ("Par <a>Nadia B.</a> le 12
/// mars"), read as a byline or a name.
fn byline_element(scope: ElementRef<'_>) -> Option<String> {
    let candidates = selector("a[rel~=author], [itemprop~=author], [class], [id]");
    scope
        .select(&candidates)
        .filter(|e| {
            let el = e.value();
            let marked = |word: &str| {
                [el.attr("class"), el.attr("id")]
                    .into_iter()
                    .flatten()
                    .any(|value| contains_ascii_folded(value, word))
            };
            el.attr("rel").is_some_and(|r| r.contains("author"))
                || el.attr("itemprop").is_some_and(|p| p.contains("author"))
                || marked("byline")
                || marked("author")
        })
        .filter(|e| !is_elsewhere(*e))
        .find_map(|e| {
            std::iter::once(e)
                .chain(e.descendants().filter_map(ElementRef::wrap).skip(1))
                .find_map(|part| {
                    let text = short_text(part)?;
                    if let Some(b) = byline(&text) {
                        return b.author;
                    }
                    (crate::byline::one_name(&text)).then_some(text)
                })
        })
}

/// The text of `element`, spaces squeezed, when it is not empty and at
/// most [`MAX_BYLINE_CHARS`] long. Stops reading as soon as it cannot be:
/// the blocks looked at include the ones holding the whole article, whose
/// text was collected in full for each of them (8 % of reading a page).
fn short_text(element: ElementRef<'_>) -> Option<String> {
    let mut raw = String::new();
    // Characters other than spaces: the squeezed text has at least these.
    let mut letters = 0;
    for piece in element.text() {
        letters += piece.chars().filter(|c| !c.is_whitespace()).count();
        if letters > MAX_BYLINE_CHARS {
            return None;
        }
        raw.push_str(piece);
    }
    let text = squeeze_spaces(&raw);
    (!text.is_empty() && text.chars().count() <= MAX_BYLINE_CHARS).then_some(text)
}

/// Whether `value` contains `word` (lowercase ASCII), ignoring ASCII case.
fn contains_ascii_folded(value: &str, word: &str) -> bool {
    value
        .as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author_of_page(html: &str) -> Option<String> {
        let doc = Html::parse_document(html);
        let article = doc
            .select(&selector("article"))
            .next()
            .unwrap_or_else(|| doc.root_element());
        let metas: Vec<(String, String)> = doc
            .select(&selector("meta[content]"))
            .filter_map(|m| {
                let el = m.value();
                let key = el.attr("name").or_else(|| el.attr("property"))?;
                Some((key.to_ascii_lowercase(), el.attr("content")?.to_string()))
            })
            .collect();
        page_author(&doc, article, &metas, &crate::html::json_ld(&doc))
    }

    #[test]
    fn meta_author() {
        let html = r#"<html><head><meta name="author" content="Nadia Benali">
            <meta property="og:site_name" content="El Watan"></head><body><p>Texte.</p></body></html>"#;
        assert_eq!(author_of_page(html).as_deref(), Some("Nadia Benali"));
        let site = r#"<html><head><meta name="author" content="El Watan">
            <meta property="article:author" content="https://www.facebook.com/elwatan"></head>
            <body><p>Texte.</p></body></html>"#;
        assert_eq!(author_of_page(site), None);
        let arabic = r#"<html><head><meta name="author" content="نادية بن علي"></head><body></body></html>"#;
        assert_eq!(author_of_page(arabic).as_deref(), Some("نادية بن علي"));
    }

    #[test]
    fn json_ld_authors() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle",
             "comment":[{"@type":"Comment","author":{"name":"Un Lecteur"}}],
             "publisher":{"@type":"Organization","name":"El Watan"},
             "author":[{"@type":"Person","name":"Nadia Benali"},{"@type":"Person","name":"Karim Lamri"}]}
            </script></head><body><p>Texte.</p></body></html>"#;
        assert_eq!(author_of_page(html).as_deref(), Some("Nadia Benali, Karim Lamri"));
        let org = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","author":{"@type":"Organization","name":"APS"}}
            </script></head><body></body></html>"#;
        assert_eq!(author_of_page(org), None);
    }

    #[test]
    fn byline_elements() {
        let html = r#"<html><body><article><h1>Titre</h1>
            <div class="byline">Par <a href="/auteurs/nb">Nadia B.</a> le 12 mars 2019</div>
            <p>Texte.</p>
            <div class="comments"><span class="comment-author">Karim Lamri</span></div>
            </article></body></html>"#;
        assert_eq!(author_of_page(html).as_deref(), Some("Nadia B."));
        let rel = r#"<html><body><article><h1>Titre</h1><p>Texte.</p>
            <a rel="author" href="/k">Karim Lamri</a></article></body></html>"#;
        assert_eq!(author_of_page(rel).as_deref(), Some("Karim Lamri"));
        let comments_only = r#"<html><body><article><h1>Titre</h1><p>Texte.</p></article>
            <section class="related"><span class="author">Nadia Benali</span></section>
            <div class="comments"><span class="author">Karim Lamri</span></div></body></html>"#;
        assert_eq!(author_of_page(comments_only), None);
        let lead = r#"<html><body><article><h1>Titre</h1>
            <p class="meta">Par Samia Kherbouche · <time datetime="2020-01-16">16 janvier 2020</time></p>
            <p>Texte.</p></article></body></html>"#;
        assert_eq!(author_of_page(lead).as_deref(), Some("Samia Kherbouche"));
        let publisher = r#"<html><body><article><h1>Titre</h1>
            <span class="author">Par APS</span><p>Texte.</p></article></body></html>"#;
        assert_eq!(author_of_page(publisher), None);
    }
}
