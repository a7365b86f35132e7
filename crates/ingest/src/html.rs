//! Web pages (`.html`, `.htm`).
//!
//! The page is parsed with html5ever (through `scraper`), which copes with
//! the broken markup of real pages. The article is the `<article>` element
//! with the most text (pages hold teaser tiles in `<article>` elements too),
//! unless all are short; else `<main>` (or `role="main"`); either must hold
//! a quarter of the page's prose, else it is a tile or a layout region and
//! the block that holds most of the page's prose is read (paragraphs, and
//! blogs' lines cut by `<br>`, scored as readability scores them), with
//! the lead set apart above it, else `<body>`.
//! Inside it, scripts, styles and controls are left out; so are forms,
//! asides, navigation, page footers and headers, image captions, blocks
//! whose text is mostly links (related articles, tags, menus), elements
//! whose class or id names page furniture (comments, sharing bars, related
//! articles and teasers, author and contact boxes, captions and credits,
//! post dates and tags, copyright, sidebars, newsletter and cookie boxes,
//! advertising), unless such an element holds most of the article's text
//! or half of its prose (pages wrapped in one `<form>`, stories in a column
//! called "sidebar", blog posts in a block named after their date), the
//! headings that nothing or a list of links left out follows, and the short
//! lines above the title and after the article's last paragraph. Block elements become paragraph
//! breaks and inline text is joined with normalized spaces; then
//! `boilerplate.rs` strips French and Arabic teasers and trailing lists.
//!
//! Why fihris's own extractor and not a library (measured 2026-12-03 on
//! bench/web.sh, trafilatura's 990 pages, 2 loaded cores, one run each):
//! with rs-trafilatura's main text as the body (then fihris's boilerplate
//! rules) P 0.876 R 0.923 F1 0.899, 21 pages/s; with dom_smoothie's
//! (readability.js) P 0.878 R 0.904 F1 0.891, 51 pages/s; fihris's own
//! extractor as it was, P 0.822 R 0.883 F1 0.851, 90 pages/s, and with the
//! structural rules above P 0.902 R 0.911 F1 0.906, 250 pages/s; round two
//! (the prose guard, the lead, the short lines, the boxes in the text),
//! P 0.923 R 0.929 F1 0.926 against trafilatura's P 0.907 R 0.946 F1 0.926
//! in the same run (load 9 on 2 cores: 119 pages/s, trafilatura 31). Both
//! libraries parse the page a second time (dom_query) on top of the parse
//! the title, date and source need, and cost 2 to 5 times the indexing
//! time for a lower F1 and precision than the rules on the one DOM.
//!
//! Metadata: the title is the article's `<h1>`, else `og:title`, else
//! `<title>` without a trailing " | Site name"; the date is the page's
//! publication date as `html_date.rs` finds it; the source from
//! `og:site_name` or a publisher meta tag. A date that is not explicit is
//! never guessed.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use crate::{squeeze_spaces, Parsed};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "button", "canvas", "dialog", "embed", "head", "iframe", "input", "label", "noscript", "object",
    "option", "script", "select", "style", "svg", "template", "textarea",
];

/// Elements whose content is page furniture (forms, asides, navigation,
/// page footers, image captions), left out unless they hold most of the
/// article's text: some sites wrap the whole page in a `<form>` or
/// mark the story's block "sidebar" or "comment".
const FURNITURE_ELEMENTS: &[&str] = &["aside", "figcaption", "footer", "form", "menu", "nav"];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Meta tags that name the publisher, in order of trust.
const SOURCE_META: &[&str] = &["og:site_name", "publisher", "dc.publisher", "application-name"];

pub(crate) fn selector(css: &str) -> Selector {
    // The selectors are constants of this module and of `html_date.rs`,
    // checked by their tests.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("invalid built-in selector {css}"))
}

/// A JSON-LD block of the page, and whether its script says it is JSON-LD
/// (some pages leave the type out: such a script is read only when it is
/// an object or array naming schema.org).
pub(crate) struct JsonLd {
    pub value: serde_json::Value,
    pub typed: bool,
}

/// The page's JSON-LD blocks, parsed once for the date and the author.
pub(crate) fn json_ld(doc: &Html) -> Vec<JsonLd> {
    doc.select(&selector(
        "script[type=\"application/ld+json\"], script:not([type])",
    ))
    .filter_map(|script| {
        let text = script.text().collect::<String>();
        let typed = script.value().attr("type").is_some();
        let json = typed || (text.trim_start().starts_with(['{', '[']) && text.contains("schema.org"));
        json.then(|| serde_json::from_str::<serde_json::Value>(&text).ok())
            .flatten()
            .map(|value| JsonLd { value, typed })
    })
    .collect()
}

pub(crate) fn parse(text: &str) -> Parsed {
    let doc = Html::parse_document(text);
    let metas = meta_tags(&doc);
    let meta = |names: &[&str]| meta_value(&metas, names);

    let (container, densest) = main_container(&doc);

    let h1 = container
        .select(&selector("h1"))
        .next()
        .or_else(|| doc.select(&selector("h1")).next());
    let h1_text = h1.map(|h| squeeze_spaces(&h.text().collect::<String>()));
    let site = meta(SOURCE_META).map(squeeze_spaces);

    let title = match h1_text.filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => match meta(&["og:title", "twitter:title"]) {
            Some(t) => squeeze_spaces(t),
            None => {
                let raw = doc
                    .select(&selector("title"))
                    .next()
                    .map(|t| squeeze_spaces(&t.text().collect::<String>()))
                    .unwrap_or_default();
                strip_site_suffix(&raw, site.as_deref())
            }
        },
    };

    // The h1 used as the title is not repeated in the body.
    let skip_node = h1
        .filter(|h| h.ancestors().any(|a| a.id() == container.id()))
        .map(|h| h.id());
    let body = if densest {
        with_lead(container, h1.map(|h| h.id()))
    } else {
        extract_text(container, skip_node)
    };

    let json_ld = json_ld(&doc);
    let date = crate::html_date::page_date(&doc, marked_article(&doc).unwrap_or(container), &metas, &json_ld);
    let author = crate::html_author::page_author(&doc, container, &metas, &json_ld);

    let declared_lang = doc
        .root_element()
        .value()
        .attr("lang")
        .and_then(|l| l.parse().ok());

    Parsed {
        title,
        body,
        date,
        source: site.filter(|s| !s.is_empty()),
        author,
        declared_lang,
        ..Parsed::default()
    }
}

/// Shortest text of an `<article>` read as the article, in bytes: a page
/// whose `<article>` elements are all shorter holds teaser tiles in them,
/// and its text elsewhere.
const MIN_ARTICLE_BYTES: usize = 400;

/// The element read as the article, and whether it is the densest block
/// of prose (whose lead may be apart, see [`with_lead`]): the `<article>` with the most text
/// (a page may hold dozens, teaser tiles around the story), unless every
/// one is short; else `<main>` (or `role="main"`); else the block that
/// holds most of the page's prose; else `<body>`. An `<article>` or
/// `<main>` that holds less than [`MIN_CONTAINER_SHARE`] of the page's
/// prose is a teaser tile or a layout region, and is passed over.
/// The article's block with the prose of the siblings above it, in page
/// order (readability joins siblings too): the lead set apart from the
/// block of paragraphs ("chapô", "intro", "teaser-text"). A sibling joins
/// when it holds prose, at most a quarter of it in links, and is neither
/// furniture nor another `<article>` (a teaser tile). Siblings below are left: measured on bench/web.sh, they add
/// notes and calls to readers, no text.
fn with_lead(block: ElementRef<'_>, skip_node: Option<NodeId>) -> String {
    let Some(parent) = block.parent().and_then(ElementRef::wrap) else {
        return extract_text(block, skip_node);
    };
    let joins = |sibling: ElementRef<'_>| {
        let el = sibling.value();
        let len = text_lens(sibling).get(&sibling.id()).copied().unwrap_or_default();
        len.prose > 0
            && len.linked * 4 <= len.text
            && !SKIPPED.contains(&el.name())
            && !FURNITURE_ELEMENTS.contains(&el.name())
            && !["article", "header"].contains(&el.name())
            && !is_furniture(el, len.linked > 0)
    };
    let above = parent
        .children()
        .filter_map(ElementRef::wrap)
        .take_while(|sibling| sibling.id() != block.id())
        .filter(|sibling| joins(*sibling));
    above
        .chain(std::iter::once(block))
        .map(|e| extract_text(e, skip_node))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The element the page marks as its article: its longest `<article>`
/// (at least [`MIN_ARTICLE_BYTES`]), else `<main>`, whatever prose it
/// holds. Where the date is looked for first: a page's stamps sit in the
/// article's markup even when its text is read from elsewhere.
fn marked_article(doc: &Html) -> Option<ElementRef<'_>> {
    let text_len = |e: &ElementRef<'_>| e.text().map(str::len).sum::<usize>();
    doc.select(&selector("article"))
        .map(|e| (text_len(&e), e))
        .max_by_key(|(len, _)| *len)
        .filter(|(len, _)| *len >= MIN_ARTICLE_BYTES)
        .map(|(_, e)| e)
        .or_else(|| {
            ["main", "[role=main]"]
                .iter()
                .find_map(|css| doc.select(&selector(css)).next())
        })
}

fn main_container(doc: &Html) -> (ElementRef<'_>, bool) {
    let prose = Prose::of(doc);
    let text_len = |e: &ElementRef<'_>| e.text().map(str::len).sum::<usize>();
    let longest = doc
        .select(&selector("article"))
        .map(|e| (text_len(&e), e))
        .max_by_key(|(len, _)| *len)
        .filter(|(len, _)| *len >= MIN_ARTICLE_BYTES)
        .map(|(_, e)| e);
    let chosen = longest.filter(|e| prose.holds_enough(doc, e)).or_else(|| {
        ["main", "[role=main]"]
            .iter()
            .find_map(|css| doc.select(&selector(css)).next())
            .filter(|e| prose.holds_enough(doc, e))
    });
    if let Some(e) = chosen {
        return (e, false);
    }
    if let Some(e) = prose.densest_block(doc) {
        return (e, true);
    }
    (
        doc.select(&selector("body"))
            .next()
            .unwrap_or_else(|| doc.root_element()),
        false,
    )
}

/// Shortest text of a block that counts as prose when looking for the
/// article's block, in characters.
const MIN_PROSE_CHARS: usize = 80;

/// Share of the page's prose the densest block must hold to be read as the
/// article instead of the whole body.
const MIN_BLOCK_SHARE: f64 = 0.5;

/// Share of the page's prose an `<article>` or `<main>` must hold to be
/// read as the article.
const MIN_CONTAINER_SHARE: f64 = 0.25;

/// The page's prose: the blocks (a `<p>`, or a `<div>` of text lines cut by
/// `<br>`, as blogs write) whose own text, not counting nested blocks,
/// scripts and styles, is at least [`MIN_PROSE_CHARS`] long. Menus, footers
/// and sidebars are lists and short links, not prose.
struct Prose {
    /// (block, characters of its own text).
    blocks: Vec<(NodeId, usize)>,
    total: usize,
}

impl Prose {
    fn of(doc: &Html) -> Prose {
        let mut blocks = Vec::new();
        // Open blocks: (id, characters of own text).
        let mut open: Vec<(NodeId, usize)> = Vec::new();
        let mut skip_depth = 0usize;
        for edge in doc.root_element().traverse() {
            match edge {
                Edge::Open(n) => match n.value() {
                    Node::Element(el) => {
                        if skip_depth > 0 || SKIPPED.contains(&el.name()) {
                            skip_depth += 1;
                        } else if BLOCKS.contains(&el.name()) || open.is_empty() {
                            open.push((n.id(), 0));
                        }
                    }
                    Node::Text(t) if skip_depth == 0 => {
                        if let Some(top) = open.last_mut() {
                            top.1 += t.chars().count();
                        }
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    let Node::Element(el) = n.value() else { continue };
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if open.last().is_some_and(|(id, _)| *id == n.id()) {
                        let (id, chars) = open.pop().unwrap_or_else(|| unreachable!());
                        // `<br>` is a block for paragraphs, not a container.
                        if chars >= MIN_PROSE_CHARS && el.name() != "br" {
                            blocks.push((id, chars));
                        }
                    }
                }
            }
        }
        let total = blocks.iter().map(|(_, n)| n).sum();
        Prose { blocks, total }
    }

    /// Whether `e` holds at least [`MIN_CONTAINER_SHARE`] of the page's
    /// prose (true on a page without prose).
    fn holds_enough(&self, doc: &Html, e: &ElementRef<'_>) -> bool {
        let inside: usize = self
            .blocks
            .iter()
            .filter(|(id, _)| {
                *id == e.id()
                    || doc
                        .tree
                        .get(*id)
                        .is_some_and(|b| b.ancestors().any(|a| a.id() == e.id()))
            })
            .map(|(_, n)| n)
            .sum();
        self.total == 0 || inside as f64 >= self.total as f64 * MIN_CONTAINER_SHARE
    }

    /// The element whose blocks of prose hold the most text (each block
    /// counts for its parent, half for its grandparent, as readability
    /// scores paragraphs), when it holds at least half of the page's prose.
    fn densest_block<'a>(&self, doc: &'a Html) -> Option<ElementRef<'a>> {
        let mut scores: HashMap<NodeId, f64> = HashMap::new();
        for &(id, chars) in &self.blocks {
            let Some(block) = doc.tree.get(id) else { continue };
            let mut ancestors = block.ancestors().filter_map(ElementRef::wrap);
            if let Some(parent) = ancestors.next() {
                *scores.entry(parent.id()).or_default() += chars as f64;
                if let Some(grandparent) = ancestors.next() {
                    *scores.entry(grandparent.id()).or_default() += chars as f64 / 2.0;
                }
            }
        }
        // Equal scores: the first block in the page.
        let (id, score) = scores
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
        let element = doc.tree.get(id).and_then(ElementRef::wrap)?;
        let name = element.value().name();
        (score >= self.total as f64 * MIN_BLOCK_SHARE && name != "body" && name != "html").then_some(element)
    }
}

/// The content of the first of `names` (in order of trust) among `metas`
/// that is not blank.
pub(crate) fn meta_value<'a>(metas: &'a [(String, String)], names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|name| {
        metas
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    })
}

/// (key, content) of every `<meta>`, keys lowercased; a tag with several of
/// `property`, `name`, `itemprop` appears once per key.
fn meta_tags(doc: &Html) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in doc.select(&selector("meta[content]")) {
        let el = m.value();
        let content = el.attr("content").unwrap_or_default().to_string();
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = el.attr(key) {
                out.push((k.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    for t in doc.select(&selector("[itemprop=datePublished]")) {
        if let Some(v) = t.value().attr("datetime").or_else(|| t.value().attr("content")) {
            out.push(("datepublished".to_string(), v.to_string()));
        }
    }
    out
}

/// "Titre de l'article | Le Site" → "Titre de l'article" when the tail is
/// the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_string();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(site.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Words of the class or id of page furniture inside an article or a
/// page: menus, sharing bars, comment threads, related-article lists and
/// teasers, author and contact boxes, captions and image legends, credits,
/// copyright, licence and disclosure notices, post metadata (date, tags,
/// reading time), sidebars, newsletter and cookie boxes, fact boxes and
/// call-out boxes set in the text, embedded posts and players, calls to
/// action ("cta": subscribe, donate), alerts, what is not printed
/// ("noprint"), post utilities (WordPress's "entry-utility" line under a
/// post), advertising. Sorted; "licen" is "licence" and "license". Not
/// "widget": blog and page builders (Blogger, Elementor) put the story
/// itself in a "widget". A class word that starts with one of these is
/// furniture ("post-comments", "share_bar", "author-bio"; "mainNav" is one
/// word, "mainnav", and not); so is one that contains one of at least
/// [`FURNITURE_INFIX_MIN`] letters ("sectionRelated", "articleteaser").
const FURNITURE: &[&str] = &[
    "advert",
    "alert",
    "author",
    "banner",
    "breadcrumb",
    "byline",
    "callout",
    "caption",
    "citation",
    "comment",
    "contact",
    "cookie",
    "copyright",
    "credit",
    "cta",
    "date",
    "disclaimer",
    "disclosure",
    "embed",
    "factbox",
    "footer",
    "infobox",
    "legend",
    "licen",
    "login",
    "menu",
    "meta",
    "modal",
    "nav",
    "newsletter",
    "noprint",
    "notice",
    "outbrain",
    "pager",
    "pagination",
    "popup",
    "promo",
    "rating",
    "recommend",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "subscribe",
    "taboola",
    "teaser",
    "toolbar",
    "utility",
];

/// Shortest furniture word recognised inside a class word, not only at its
/// start: shorter ones ("nav", "menu", "meta") are the ends of other words.
const FURNITURE_INFIX_MIN: usize = 6;

/// Class words that start like furniture and are not: "commentary" is an
/// opinion piece (a column), not readers' comments.
const NOT_FURNITURE: &[&str] = &["commentary"];

/// Furniture words only recognised at the start of a class word: "legend"
/// ends German words ("grundlegende").
const FURNITURE_PREFIX_ONLY: &[&str] = &["legend"];

/// Class words of furniture compared whole: "tags" opens CSS-in-JS names
/// ("tagstyle_z4kq"), "ad" many words. Not "ads": BEM modifiers mark the
/// article's sections that hold an advertising slot ("section--has-ads").
const FURNITURE_WHOLE: &[&str] = &["ad", "tags"];

/// Whether an element is marked as page furniture by a word of its class
/// or id (words cut at anything but letters and digits, see [`FURNITURE`]).
/// `linked`: whether the element holds text in links; see
/// [`LINKED_FURNITURE`].
fn is_furniture(el: &scraper::node::Element, linked: bool) -> bool {
    if el.attr("class").is_none() && el.attr("id").is_none() {
        return false;
    }
    marks(el)
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| is_furniture_word(word) && (linked || !LINKED_FURNITURE.iter().any(|f| word.contains(f))))
}

/// Furniture words that mark furniture only in an element that holds a
/// link: a teaser for another article links to it, while German CMSs call
/// an article's own lead its "teaser". Measured on bench/web.sh: "teaser"
/// alone costs 20 true positives for 10 false ones; "teaser" with a link
/// keeps the 10 false positives out and loses none.
const LINKED_FURNITURE: &[&str] = &["teaser"];

fn is_furniture_word(word: &str) -> bool {
    if NOT_FURNITURE.iter().any(|w| word.starts_with(w)) {
        return false;
    }
    FURNITURE_WHOLE.contains(&word)
        || FURNITURE.iter().any(|f| {
            word.starts_with(f)
                || (f.len() >= FURNITURE_INFIX_MIN && !FURNITURE_PREFIX_ONLY.contains(f) && word.contains(f))
        })
}

/// The class and id of an element, lowercased, separated by a space.
pub(crate) fn marks(el: &scraper::node::Element) -> String {
    format!(
        "{} {}",
        el.attr("class").unwrap_or_default(),
        el.attr("id").unwrap_or_default()
    )
    .to_lowercase()
}

/// Share of the article's text above which an element marked as furniture
/// is the article after all: a page wrapped in one `<form>`, a story's
/// block whose class says "sidebar" or "comments" (its layout column or
/// that it takes comments).
const MOST_TEXT_SHARE: f64 = 0.6;

/// Share of the article's prose above which an element marked as furniture
/// is the article after all: a blog's posts in a block named after their
/// date ("date-outer"), a story inside its sharing bar's block, while the
/// sidebar and footer hold as much text in links and short lines.
const MOST_PROSE_SHARE: f64 = 0.5;

/// Share of a block's text in links above which it is a list of links
/// (related articles, tags, menus, "read more"), not article text.
const MAX_LINK_SHARE: f64 = 0.5;

/// Blocks that are left out when most of their text is links.
const LINK_LIST_BLOCKS: &[&str] = &["div", "dl", "ol", "p", "section", "table", "ul"];

/// [`MIN_PROSE_CHARS`] without white space (about one character of prose
/// in six is a space).
const MIN_PROSE_NONSPACE: usize = MIN_PROSE_CHARS * 5 / 6;

/// How much text an element holds: in bytes without white space, in
/// links, and in prose (characters without white space of the blocks whose
/// own text is at least [`MIN_PROSE_CHARS`] long, as [`Prose`] counts them).
#[derive(Debug, Clone, Copy, Default)]
struct Lens {
    text: usize,
    linked: usize,
    prose: usize,
}

/// The [`Lens`] of every element under `root`, not counting the
/// [`SKIPPED`] elements; computed in one walk.
fn text_lens(root: ElementRef<'_>) -> HashMap<NodeId, Lens> {
    let mut lens = HashMap::new();
    // Open elements: (id, lens, characters of own text: the element's and
    // its inline children's, for blocks).
    let mut open: Vec<(NodeId, Lens, usize)> = Vec::new();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(el) => {
                    if skip_depth > 0 || SKIPPED.contains(&el.name()) {
                        skip_depth += 1;
                    } else {
                        link_depth += usize::from(el.name() == "a");
                        open.push((n.id(), Lens::default(), 0));
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    if let Some(top) = open.last_mut() {
                        let len = t.bytes().filter(|b| !b.is_ascii_whitespace()).count();
                        top.1.text += len;
                        if link_depth > 0 {
                            top.1.linked += len;
                        }
                        top.2 += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                let Node::Element(el) = n.value() else { continue };
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                link_depth -= usize::from(el.name() == "a");
                if let Some((id, mut len, own)) = open.pop() {
                    let block = BLOCKS.contains(&el.name()) && el.name() != "br";
                    if block && own >= MIN_PROSE_NONSPACE {
                        len.prose += own;
                    }
                    lens.insert(id, len);
                    if let Some(parent) = open.last_mut() {
                        parent.1.text += len.text;
                        parent.1.linked += len.linked;
                        parent.1.prose += len.prose;
                        if !block {
                            parent.2 += own;
                        }
                    }
                }
            }
        }
    }
    lens
}

/// Longest line (in characters) left out at the end of an article, see
/// [`MIN_PARAGRAPH_CHARS`]. Measured on bench/web.sh: 30 drops 11 false
/// positives and no true positive; 40 drops 5 true positives more.
const MAX_TAIL_LINE_CHARS: usize = 30;

/// Shortest paragraph that makes an article's short last lines furniture
/// (shorter than [`MAX_TAIL_LINE_CHARS`]): a page of short lines (a recipe,
/// a list) keeps them.
const MIN_PARAGRAPH_CHARS: usize = 200;

/// The readable text under `root`, paragraphs separated by blank lines.
fn extract_text(root: ElementRef<'_>, skip_node: Option<NodeId>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skip_depth = 0usize;
    // Paragraphs that are headings, and where the open heading began.
    let mut headings: Vec<usize> = Vec::new();
    let mut heading_start = None;
    // Headings right before a block left out: they introduced it.
    let mut orphans: Vec<usize> = Vec::new();
    // Paragraphs above the title (`skip_node`).
    let mut title_at = 0;
    let lens = text_lens(root);
    let len_of = |id: NodeId| lens.get(&id).copied().unwrap_or_default();
    let root_len = len_of(root.id());
    let holds_most_text = |id: NodeId| {
        let len = len_of(id);
        len.text as f64 > root_len.text as f64 * MOST_TEXT_SHARE
            || len.prose as f64 > root_len.prose as f64 * MOST_PROSE_SHARE
    };
    let link_list = |id: NodeId| {
        let Lens { text, linked, .. } = len_of(id);
        text > 0 && linked as f64 > text as f64 * MAX_LINK_SHARE
    };
    let break_paragraph = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = squeeze_spaces(current);
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_depth > 0 {
                    if node.value().is_element() {
                        skip_depth += 1;
                    }
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        let nested_header = name == "header" && root.value().name() != "article";
                        let furniture = node.id() != root.id()
                            && (nested_header
                                || FURNITURE_ELEMENTS.contains(&name)
                                || is_furniture(el, len_of(node.id()).linked > 0)
                                || (LINK_LIST_BLOCKS.contains(&name) && link_list(node.id())));
                        let left_out = furniture && !holds_most_text(node.id());
                        if left_out
                            && link_list(node.id())
                            && current.trim().is_empty()
                            && headings.last().is_some_and(|&h| h + 1 == paragraphs.len())
                        {
                            // The heading introduced this block.
                            orphans.push(paragraphs.len() - 1);
                        }
                        if Some(node.id()) == skip_node {
                            break_paragraph(&mut current, &mut paragraphs);
                            title_at = paragraphs.len();
                        }
                        if SKIPPED.contains(&name) || Some(node.id()) == skip_node || left_out {
                            skip_depth = 1;
                        } else if BLOCKS.contains(&name) {
                            break_paragraph(&mut current, &mut paragraphs);
                            if is_heading(name) {
                                heading_start = Some(paragraphs.len());
                            }
                        }
                    }
                    Node::Text(t) => {
                        current.push_str(t);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip_depth > 0 {
                    if node.value().is_element() {
                        skip_depth -= 1;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if BLOCKS.contains(&el.name()) {
                        break_paragraph(&mut current, &mut paragraphs);
                        if is_heading(el.name()) {
                            headings
                                .extend(heading_start.take().unwrap_or(paragraphs.len())..paragraphs.len());
                        }
                    }
                }
            }
        }
    }
    break_paragraph(&mut current, &mut paragraphs);
    // A heading that nothing follows, or that a list of links left out
    // follows, introduced what was left out (related articles, tags, "more on this"): it
    // goes too.
    while paragraphs.len() > 1 && headings.last() == Some(&(paragraphs.len() - 1)) {
        paragraphs.pop();
        headings.pop();
    }
    // Short lines after the article's last paragraph are furniture left
    // without a class ("Retour à la liste", "Partager", "Source : photo"),
    // when the article has paragraphs of its own.
    while paragraphs.len() > 1
        && paragraphs
            .last()
            .is_some_and(|p| p.chars().count() < MAX_TAIL_LINE_CHARS)
        && paragraphs
            .iter()
            .any(|p| p.chars().count() >= MIN_PARAGRAPH_CHARS)
    {
        paragraphs.pop();
    }
    // Short lines above the title are its kicker, category, date, reading
    // time or the credit of the picture above it; long ones are text (a
    // blog's page whose first `<h1>` is further down).
    if !paragraphs[title_at.min(paragraphs.len())..]
        .iter()
        .any(|p| p.chars().count() >= MIN_PARAGRAPH_CHARS)
    {
        title_at = 0;
    }
    let kept: Vec<String> = paragraphs
        .into_iter()
        .enumerate()
        .filter(|(i, p)| (*i >= title_at || p.chars().count() >= MIN_PROSE_CHARS) && !orphans.contains(i))
        .map(|(_, p)| p)
        .collect();
    kept.join("\n\n")
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr"><head>
<title>Jumelage ANEM – Pôle emploi | Le Journal</title>
<meta property="og:site_name" content="Le Journal">
<meta property="article:published_time" content="2019-03-12T09:30:00+01:00">
<style>body { color: red; } .secret { display: none }</style>
<script>var tracking = "javascriptword";</script>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/sport">Sport</a></nav></header>
<article>
  <h1>L'ANEM et Pôle emploi signent un jumelage</h1>
  <p>Le projet, financé par l'<b>Union européenne</b>, durera
     deux ans.</p>
  <p>Il vise à moderniser les services.<br>Deuxième ligne.</p>
  <script>alert("scriptword")</script>
  <form><label>Votre commentaire</label><textarea></textarea></form>
</article>
<footer>© Le Journal 2019 — tous droits réservés</footer>
</body></html>"#;

    #[test]
    fn article_page() {
        let p = parse(PAGE);
        assert_eq!(p.title, "L'ANEM et Pôle emploi signent un jumelage");
        assert_eq!(
            p.body,
            "Le projet, financé par l'Union européenne, durera deux ans.\n\n\
             Il vise à moderniser les services.\n\nDeuxième ligne."
        );
        assert_eq!(p.date.map(|d| d.to_string()), Some("2019-03-12".to_string()));
        assert_eq!(p.source.as_deref(), Some("Le Journal"));
        assert_eq!(p.declared_lang, Some(fihris_lang::Lang::Fr));
        for word in [
            "javascriptword",
            "scriptword",
            "color",
            "Accueil",
            "commentaire",
            "droits",
        ] {
            assert!(!p.body.contains(word), "{word} leaked into the body");
        }
    }

    #[test]
    fn title_falls_back_to_title_tag_without_site_suffix() {
        let p = parse(
            "<html><head><title>توأمة بين الوكالتين | الشروق</title>\
             <meta property=\"og:site_name\" content=\"الشروق\"></head>\
             <body><p>نص</p><time datetime=\"2020-01-15\">15 جانفي</time></body></html>",
        );
        assert_eq!(p.title, "توأمة بين الوكالتين");
        assert_eq!(p.body, "نص\n\n15 جانفي");
        assert_eq!(p.date.map(|d| d.to_string()), Some("2020-01-15".to_string()));
    }

    #[test]
    fn broken_and_empty_markup() {
        let p = parse("<p>un <b>texte <i>mal</b> fermé");
        assert_eq!(p.body, "un texte mal fermé");
        let p = parse("");
        assert_eq!(p.title, "");
        assert_eq!(p.body, "");
    }

    #[test]
    fn no_date_is_invented() {
        let p = parse("<html><body><h1>Titre</h1><p>Lancé en 2017, hier.</p></body></html>");
        assert_eq!(p.date, None);
        assert_eq!(p.source, None);
    }

    const PROSE: &str = "Le projet de jumelage entre les deux agences publiques de l'emploi, \
        financé par l'Union européenne, durera vingt-quatre mois et formera trois cents conseillers.";

    #[test]
    fn furniture_class_words() {
        for marked in [
            "post-comments",
            "share_bar",
            "author-bio",
            "sectionRelated",
            "articleteaser",
            "entry-meta",
            "tags",
            "wp-caption-text",
            "mol-factbox",
            "article-donation-CTA",
            "licenceInfo",
            "legend",
            "nicht-drucken noprint",
            "embed embed-photo",
            "tl-ad-container",
            "entry-utility",
        ] {
            let html = format!("<div class=\"{marked}\"></div>");
            let doc = Html::parse_fragment(&html);
            let el = doc
                .select(&selector("div"))
                .next()
                .unwrap_or_else(|| unreachable!());
            assert!(is_furniture(el.value(), true), "{marked}");
        }
        for plain in [
            "mainNav",
            "tagstyle_z4kq",
            "section--has-ads",
            "entry-content",
            "widget Blog",
            "address",
            "header-advanced",
            "field-grundlegende",
            "article commentary",
        ] {
            let html = format!("<div class=\"{plain}\"></div>");
            let doc = Html::parse_fragment(&html);
            let el = doc
                .select(&selector("div"))
                .next()
                .unwrap_or_else(|| unreachable!());
            assert!(!is_furniture(el.value(), true), "{plain}");
        }
        let mut sorted = FURNITURE.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, FURNITURE);
    }

    #[test]
    fn link_lists_and_trailing_headings_are_left_out() {
        let p = parse(&format!(
            "<article><h1>Titre</h1><p>{PROSE} Voir <a href=\"/x\">le rapport</a>.</p>\
             <h3>Sur le même thème</h3>\
             <ul><li><a href=\"/a\">Le derby reporté</a></li><li><a href=\"/b\">Fortes pluies</a></li></ul>\
             <p><a href=\"/c\">Tous les articles de la rubrique économie</a></p></article>"
        ));
        assert_eq!(p.body, format!("{PROSE} Voir le rapport."));
    }

    #[test]
    fn furniture_that_holds_the_article_is_read() {
        // A page wrapped in one form, its story in a column called "sidebar".
        let p = parse(&format!(
            "<body><form><div class=\"sidebar-main\"><p>{PROSE}</p><p>{PROSE}</p></div>\
             <div class=\"comments\"><p>Bravo, écrit Karim.</p></div></form></body>"
        ));
        assert_eq!(p.body, format!("{PROSE}\n\n{PROSE}"));
    }

    #[test]
    fn furniture_that_holds_most_prose_is_read() {
        // Blog posts in a block named after their date; a sidebar with as
        // much text, in links and short lines.
        let links = (0..30)
            .map(|i| format!("<li><a href=\"/{i}\">Archives du mois numéro {i}</a></li>"))
            .collect::<String>();
        let p = parse(&format!(
            "<body><div class=\"date-outer\"><h2>12 mars</h2><div class=\"post\">\
             <p>{PROSE}</p><p>{PROSE}</p></div></div>\
             <div class=\"column\"><ul>{links}</ul><p>{PROSE}</p></div></body>"
        ));
        assert_eq!(p.body.matches("jumelage").count(), 2, "{}", p.body);
        assert!(!p.body.contains("Archives"), "{}", p.body);
    }

    #[test]
    fn a_heading_before_a_link_list_goes_with_it() {
        let p = parse(&format!(
            "<article><h1>Titre</h1><p>{PROSE}</p><h3>Lire aussi</h3>\
             <ul><li><a href=\"/a\">Le derby reporté</a></li><li><a href=\"/b\">Fortes pluies</a></li></ul>\
             <h3>La suite</h3><p>{PROSE}</p></article>"
        ));
        assert_eq!(p.body, format!("{PROSE}\n\nLa suite\n\n{PROSE}"));
    }

    #[test]
    fn short_lines_after_the_last_paragraph_are_left_out() {
        let p = parse(&format!(
            "<article><h1>Titre</h1><p>{PROSE} {PROSE}</p><p>Bon appétit !</p>\
             <p>{PROSE}</p><div>Partager</div><div><span>Retour à la liste</span></div></article>"
        ));
        assert_eq!(p.body, format!("{PROSE} {PROSE}\n\nBon appétit !\n\n{PROSE}"));
        // Without a long paragraph, short lines are the article.
        let p = parse("<article><h1>Titre</h1><p>200 g de farine</p><p>3 œufs</p></article>");
        assert_eq!(p.body, "200 g de farine\n\n3 œufs");
    }

    #[test]
    fn a_teaser_is_furniture_when_it_links_elsewhere() {
        let p = parse(&format!(
            "<article><h1>Titre</h1><div class=\"article-teaser\"><p>Le chapeau de l'article.</p></div>\
             <p>{PROSE}</p><div class=\"teaser\"><h3><a href=\"/x\">Autre sujet</a></h3>\
             <p>Le résumé d'un autre article, qui ne parle pas de la même chose.</p></div>\
             <p>{PROSE}</p></article>"
        ));
        assert_eq!(p.body, format!("Le chapeau de l'article.\n\n{PROSE}\n\n{PROSE}"));
    }

    #[test]
    fn short_lines_above_the_title_are_left_out() {
        let p = parse(&format!(
            "<article><span>Économie</span><p>5 min de lecture</p><h1>Titre</h1>\
             <p>{PROSE} {PROSE}</p></article>"
        ));
        assert_eq!(p.title, "Titre");
        assert_eq!(p.body, format!("{PROSE} {PROSE}"));
        // Prose above the title is text.
        let p = parse(&format!(
            "<article><p>{PROSE}</p><h1>Titre</h1><p>{PROSE} {PROSE}</p></article>"
        ));
        assert_eq!(p.body, format!("{PROSE}\n\n{PROSE} {PROSE}"));
    }

    #[test]
    fn teaser_article_tiles_are_passed_over() {
        // A tile long enough to be an article, and the story outside any
        // <article>, as a block of paragraphs.
        let tile =
            format!("<article class=\"tile\"><h2>Autre sujet</h2><p>{PROSE}</p><p>{PROSE}</p></article>");
        let story = (0..8).map(|_| format!("<p>{PROSE}</p>")).collect::<String>();
        let p = parse(&format!(
            "<body>{tile}<div class=\"story\"><h1>Titre</h1>{story}</div></body>"
        ));
        assert_eq!(p.title, "Titre");
        assert!(!p.body.contains("Autre sujet"), "{}", p.body);
        assert_eq!(p.body.matches("jumelage").count(), 8);
    }

    #[test]
    fn the_lead_above_the_densest_block_is_read() {
        let story = (0..6).map(|_| format!("<p>{PROSE}</p>")).collect::<String>();
        let p = parse(&format!(
            "<body><div class=\"story\"><h1>Titre</h1>\
             <div class=\"intro\"><p>Le chapeau, en gras, qui résume toute l'affaire en deux lignes bien pesées par la rédaction du journal.</p></div>\
             <div class=\"share\"><p>Partager sur les réseaux sociaux, par courriel ou par la poste.</p></div>\
             <div class=\"text\">{story}</div>\
             <div class=\"note\"><p>Une note de la rédaction, qui ne fait pas partie de l'article publié.</p></div>\
             </div></body>"
        ));
        assert!(p.body.starts_with("Le chapeau, en gras"), "{}", p.body);
        assert!(!p.body.contains("Partager"), "{}", p.body);
        assert!(!p.body.contains("note"), "{}", p.body);
        assert_eq!(p.body.matches("jumelage").count(), 6);
    }

    #[test]
    fn prose_counts_text_lines_cut_by_br() {
        let lines = (0..6).map(|_| format!("{PROSE}<br>")).collect::<String>();
        let p = parse(&format!(
            "<body><div><p>Menu : <a href=\"/\">accueil</a></p></div>\
             <div class=\"post\"><div class=\"post-body\">{lines}</div></div>\
             <div><p>Un court pied de page.</p></div></body>"
        ));
        assert_eq!(p.body.matches("jumelage").count(), 6);
        assert!(!p.body.contains("pied de page"), "{}", p.body);
    }
}
