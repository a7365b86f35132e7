//! The HTML pages: `/` (the search form, a page of hits, paging and the
//! coverage chart of the query) and `/article` (an article, its removed
//! boilerplate behind a toggle, its related articles in both languages and
//! its near-duplicates). Forms and links only: no script, so everything
//! works without JavaScript. Templates are `maud`'s, checked at compile
//! time, and escape every text and attribute they are given; every element
//! that may hold Arabic has `dir="auto"`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use fihris_search::{
    ArticleMeta, Fihris, Hit, RelatedOptions, RelatedTo, SearchResults, Snippet, Stats, StatsBy, StatsOptions,
};
use maud::{html, Markup, DOCTYPE};

use super::api::{article_id, blocking, Failure};
use super::chart::{self, Bar};
use super::params::Params;
use super::text::Ui;
use super::App;

/// The parameters a link from the search page carries over.
const KEPT: [&str; 12] = [
    "q", "lang", "since", "until", "source", "author", "sort", "collapse", "any", "broad", "by", "ui",
];

/// `GET /?q=…`: the search page.
pub async fn search(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(pairs): Query<HashMap<String, String>>,
) -> Response {
    render(app, &headers, pairs, search_page).await
}

/// `GET /article?id=…`: one article.
pub async fn article(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(pairs): Query<HashMap<String, String>>,
) -> Response {
    render(app, &headers, pairs, article_page).await
}

/// A page drawn by `page` from the current index, off the async threads,
/// or the page saying what went wrong.
async fn render(
    app: Arc<App>,
    headers: &HeaderMap,
    pairs: HashMap<String, String>,
    page: fn(&Fihris, &Params, Ui) -> Result<Markup, Failure>,
) -> Response {
    let params = Params::new(pairs);
    let ui = ui_of(&params, headers);
    let rendered = {
        let params = params.clone();
        blocking(move || page(&app.index.get(), &params, ui)).await
    };
    match rendered {
        Ok(markup) => Html(markup.into_string()).into_response(),
        Err(failure) => error_page(&params, ui, failure),
    }
}

/// Any other path: 404.
pub async fn not_found(headers: HeaderMap) -> Response {
    let params = Params::default();
    let ui = ui_of(&params, &headers);
    error_page(
        &params,
        ui,
        Failure {
            status: StatusCode::NOT_FOUND,
            message: ui.text().not_found.to_string(),
        },
    )
}

/// The stylesheet, built into the binary.
pub async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("style.css"),
    )
        .into_response()
}

fn ui_of(params: &Params, headers: &HeaderMap) -> Ui {
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Ui::choose(params.get("ui"), accept)
}

fn search_page(fihris: &Fihris, params: &Params, ui: Ui) -> Result<Markup, Failure> {
    let t = ui.text();
    let query = params.query()?;
    let filters = params.filters()?;
    let by = params.by()?;
    let results = match &query {
        Some(_) => {
            let mut options = params.search()?;
            // For the words a cross-lingual hit shares with the query.
            options.explain = true;
            Some((fihris.search(&options)?, options.offset, options.limit))
        }
        None => None,
    };
    let stats = fihris.stats(&StatsOptions {
        query: query.clone(),
        by,
        filters,
        cross: params.cross()?,
        broad: params.flag("broad")?,
    })?;
    let title = match &query {
        Some(q) => format!("{q} · fihris"),
        None => "fihris".to_string(),
    };
    Ok(layout(
        ui,
        params,
        &title,
        html! {
            (search_form(params, ui))
            @if let Some((results, offset, limit)) = &results {
                (hits(params, ui, results, *offset, *limit))
            }
            (coverage(params, ui, by, &stats))
            @if query.is_none() && stats.total == 0 {
                p { (t.no_results) }
            }
        },
    ))
}

fn search_form(params: &Params, ui: Ui) -> Markup {
    let t = ui.text();
    let value = |name: &str| params.get(name).unwrap_or("").to_string();
    let lang = value("lang");
    let sort = value("sort");
    html! {
        form method="get" action="/" class="search" role="search" {
            @if let Some(ui) = params.get("ui") {
                input type="hidden" name="ui" value=(ui);
            }
            @if let Some(by) = params.get("by") {
                input type="hidden" name="by" value=(by);
            }
            div.line {
                input type="search" name="q" id="q" dir="auto" value=(value("q"))
                    aria-label=(t.query_label) placeholder=(t.query_label) autofocus;
                button type="submit" { (t.search) }
            }
            div.filters {
                label { (t.lang) " "
                    select name="lang" {
                        option value="" selected[lang.is_empty()] { (t.any_lang) }
                        option value="fr" selected[lang == "fr"] { (t.french) }
                        option value="ar" selected[lang == "ar"] { (t.arabic) }
                    }
                }
                label { (t.since) " " input type="text" name="since" size="10" placeholder="2019" value=(value("since")); }
                label { (t.until) " " input type="text" name="until" size="10" placeholder="2021-06" value=(value("until")); }
                label { (t.source) " " input type="text" name="source" dir="auto" size="14" value=(value("source")); }
                label { (t.author) " " input type="text" name="author" dir="auto" size="14" value=(value("author")); }
                label { (t.sort) " "
                    select name="sort" {
                        option value="score" selected[sort != "date"] { (t.by_score) }
                        option value="date" selected[sort == "date"] { (t.by_date) }
                    }
                }
                label { input type="checkbox" name="collapse" value="1" checked[params.flag("collapse").unwrap_or(false)]; " " (t.collapse) }
            }
        }
    }
}

fn hits(params: &Params, ui: Ui, results: &SearchResults, offset: usize, limit: usize) -> Markup {
    let t = ui.text();
    let total = results.stories.unwrap_or(results.total);
    html! {
        section.results {
            p.count {
                @if let Some(stories) = results.stories {
                    (stories) " " (t.stories) " (" (results.total) " " (t.results) ")"
                } @else {
                    (results.total) " " (t.results)
                }
            }
            @if results.hits.is_empty() {
                p { (t.no_results) }
            } @else {
                ol.hits start=(offset + 1) {
                    @for hit in &results.hits {
                        (hit_item(params, ui, hit))
                    }
                }
            }
            nav.paging {
                @if offset > 0 {
                    a rel="prev" href=(page_href(params, &[("offset", Some(offset.saturating_sub(limit).to_string()))])) { (t.previous) }
                }
                @if limit > 0 && offset + limit < total {
                    a rel="next" href=(page_href(params, &[("offset", Some((offset + limit).to_string()))])) { (t.next) }
                }
            }
        }
    }
}

fn hit_item(params: &Params, ui: Ui, hit: &Hit) -> Markup {
    let t = ui.text();
    // A hit found only through translations (the other language's
    // coverage): its words that matched, as it writes them (the marked
    // words of its snippet).
    let terms = hit.matched_terms.as_deref().unwrap_or_default();
    let cross = !terms.is_empty() && terms.iter().all(|m| m.translated);
    let mut shared: Vec<&str> = Vec::new();
    if cross {
        for range in &hit.snippet.highlights {
            if let Some(word) = hit.snippet.text.get(range.clone()) {
                if !shared.contains(&word) {
                    shared.push(word);
                }
            }
        }
    }
    html! {
        li.hit {
            a.title href=(article_href(params, &hit.meta.id)) dir="auto" lang=(hit.meta.lang) { (title_of(&hit.meta)) }
            (meta_line(ui, &hit.meta))
            p.snippet dir="auto" lang=(hit.meta.lang) { (snippet(&hit.snippet)) }
            @if !shared.is_empty() {
                p.shared { (t.shared_words) " : " span dir="auto" { (shared.join(" · ")) } }
            }
            @if !hit.copies.is_empty() {
                p.copies { "+ " (hit.copies.len()) " " (t.other_copies) " : "
                    @for (i, id) in hit.copies.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(article_href(params, id)) dir="auto" { (id) }
                    }
                }
            }
        }
    }
}

/// Date, source, author, language and id of an article, on one line.
fn meta_line(ui: Ui, meta: &ArticleMeta) -> Markup {
    let t = ui.text();
    html! {
        p.meta {
            span.date { (meta.date.as_deref().unwrap_or(t.undated)) }
            @if let Some(source) = &meta.source { " · " span.source dir="auto" { (source) } }
            @if let Some(author) = &meta.author { " · " span.author dir="auto" { (author) } }
            " · " span.lang { (meta.lang) }
            " · " span.id dir="auto" { (meta.id) }
        }
    }
}

/// The snippet with its matched words in `<mark>`.
fn snippet(snippet: &Snippet) -> Markup {
    let text = &snippet.text;
    let mut ranges: Vec<_> = snippet.highlights.clone();
    ranges.sort_by_key(|r| r.start);
    let mut parts: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for range in ranges {
        if range.start < at {
            continue;
        }
        let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.start..range.end))
        else {
            continue;
        };
        parts.push((before, false));
        parts.push((marked, true));
        at = range.end;
    }
    parts.push((text.get(at..).unwrap_or(""), false));
    html! {
        @for (part, marked) in parts {
            @if marked { mark { (part) } } @else { (part) }
        }
    }
}

fn coverage(params: &Params, ui: Ui, by: StatsBy, stats: &Stats) -> Markup {
    let t = ui.text();
    let choices = [
        ("year", StatsBy::Year, t.by_year),
        ("month", StatsBy::Month, t.by_month),
        ("source", StatsBy::Source, t.by_source),
        ("lang", StatsBy::Lang, t.by_lang),
    ];
    let bars: Vec<Bar> = stats
        .buckets
        .iter()
        .map(|(bucket, count)| Bar {
            label: bucket.clone(),
            count: *count,
            href: bucket_filter(by, bucket).map(|changes| page_href(params, &changes)),
        })
        .collect();
    let hidden = bars.len().saturating_sub(chart::MAX_BARS);
    html! {
        section.coverage {
            h2 { (t.coverage) }
            nav.by {
                @for (name, choice, label) in choices {
                    @if choice == by {
                        strong { (label) }
                    } @else {
                        a href=(page_href(params, &[("by", Some(name.to_string())), ("offset", None)])) { (label) }
                    }
                    " "
                }
            }
            @if !bars.is_empty() {
                (chart::bars(&bars, t.coverage))
            }
            @if hidden > 0 {
                p { (hidden) " " (t.more_bars) }
            }
        }
    }
}

/// The filter that keeps one bucket of a chart, if there is one (none for
/// the undated and unknown buckets).
fn bucket_filter(by: StatsBy, bucket: &str) -> Option<Vec<(&'static str, Option<String>)>> {
    if bucket == fihris_search::UNDATED
        || bucket == fihris_search::UNKNOWN_SOURCE
        || bucket == fihris_search::UNKNOWN_AUTHOR
    {
        return None;
    }
    let filter = match by {
        StatsBy::Year | StatsBy::Month => vec![
            ("since", Some(bucket.to_string())),
            ("until", Some(bucket.to_string())),
        ],
        StatsBy::Source => vec![("source", Some(bucket.to_string()))],
        StatsBy::Author => vec![("author", Some(bucket.to_string()))],
        StatsBy::Lang => vec![("lang", Some(bucket.to_string()))],
    };
    Some(filter.into_iter().chain([("offset", None)]).collect())
}

fn article_page(fihris: &Fihris, params: &Params, ui: Ui) -> Result<Markup, Failure> {
    let t = ui.text();
    let id = article_id(params)?;
    let article = fihris.get(&id, true)?.ok_or_else(|| Failure::no_article(&id))?;
    let related = fihris.related(&RelatedTo::Id(id.clone()), &RelatedOptions::default())?;
    // Its near-duplicates: `related` finds them first (the same story's
    // words), with their similarity, without a pass over the whole index.
    let copies: Vec<(&ArticleMeta, f32)> = related
        .hits
        .iter()
        .filter_map(|h| h.duplicate.map(|similarity| (&h.meta, similarity)))
        .collect();
    let meta = &article.meta;
    let boilerplate = article.boilerplate.as_deref().unwrap_or("").trim();
    let (same, other): (Vec<_>, Vec<_>) = related.hits.iter().partition(|h| !h.cross);
    let back = page_href(
        &Params::default(),
        &[("ui", params.get("ui").map(str::to_string))],
    );
    Ok(layout(
        ui,
        params,
        &format!("{} · fihris", title_of(meta)),
        html! {
            article.article lang=(meta.lang) {
                h1 dir="auto" { (title_of(meta)) }
                (meta_line(ui, meta))
                div.body {
                    @for paragraph in article.body.split("\n\n").filter(|p| !p.trim().is_empty()) {
                        p dir="auto" { (paragraph) }
                    }
                }
                details.removed {
                    summary { (t.removed_text) }
                    @if boilerplate.is_empty() {
                        p { (t.no_removed_text) }
                    } @else {
                        @for paragraph in boilerplate.split("\n\n") {
                            p dir="auto" { (paragraph) }
                        }
                    }
                }
            }
            @for (heading, class, hits) in [(t.related_same, "related same", &same), (t.related_other, "related other", &other)] {
                section class=(class) {
                    h2 { (heading) }
                    @if hits.is_empty() {
                        p { (t.none) }
                    } @else {
                        ol {
                            @for hit in hits.iter() {
                                li {
                                    a href=(article_href(params, &hit.meta.id)) dir="auto" lang=(hit.meta.lang) { (title_of(&hit.meta)) }
                                    " " span.score { (format!("{:.2}", hit.score)) }
                                    @if let Some(similarity) = hit.duplicate {
                                        " " span.dup { (t.similarity) " " (format!("{similarity:.2}")) }
                                    }
                                    (meta_line(ui, &hit.meta))
                                    @if !hit.shared.is_empty() {
                                        p.shared { (t.shared_words) " : "
                                            span dir="auto" {
                                                @for (i, s) in hit.shared.iter().enumerate() {
                                                    @if i > 0 { " · " }
                                                    @if s.translated { (s.word) " → " (s.matched) } @else { (s.word) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section.duplicates {
                h2 { (t.duplicates) }
                @if copies.is_empty() {
                    p { (t.none) }
                } @else {
                    ul {
                        @for (copy, similarity) in &copies {
                            li {
                                a href=(article_href(params, &copy.id)) dir="auto" lang=(copy.lang) { (title_of(copy)) }
                                " " span.dup { (t.similarity) " " (format!("{similarity:.2}")) }
                                (meta_line(ui, copy))
                            }
                        }
                    }
                }
            }
            p { a href=(back) { (t.back) } }
        },
    ))
}

/// A page saying what went wrong, with the search form, and the failure's
/// status.
fn error_page(params: &Params, ui: Ui, failure: Failure) -> Response {
    let t = ui.text();
    let page = layout(
        ui,
        params,
        &format!("{} · fihris", t.error),
        html! {
            (search_form(params, ui))
            section.error {
                h2 { (t.error) " " (failure.status.as_u16()) }
                @if failure.status == StatusCode::NOT_FOUND && failure.message != t.not_found {
                    p { (t.not_found) }
                }
                p dir="auto" { (failure.message) }
            }
        },
    );
    (failure.status, Html(page.into_string())).into_response()
}

fn layout(ui: Ui, params: &Params, title: &str, main: Markup) -> Markup {
    let t = ui.text();
    let other = match ui {
        Ui::Fr => "ar",
        Ui::Ar => "fr",
    };
    html! {
        (DOCTYPE)
        html lang=(ui.code()) dir=(ui.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title dir="auto" { (title) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header {
                    a.home href=(page_href(&Params::default(), &[("ui", params.get("ui").map(str::to_string))])) { "fihris · فهرس" }
                    a.ui href=(page_href(params, &[("ui", Some(other.to_string()))])) lang=(other) { (t.other_ui) }
                }
                main { (main) }
            }
        }
    }
}

fn title_of(meta: &ArticleMeta) -> &str {
    if meta.title.trim().is_empty() {
        &meta.id
    } else {
        &meta.title
    }
}

/// The link to an article's page (keeping the interface language).
fn article_href(params: &Params, id: &str) -> String {
    let mut pairs = vec![("id", id.to_string())];
    if let Some(ui) = params.get("ui") {
        pairs.push(("ui", ui.to_string()));
    }
    href("/article", &pairs)
}

/// The search page with this request's kept parameters, `changes` applied
/// (a `None` removes the parameter).
fn page_href(params: &Params, changes: &[(&str, Option<String>)]) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for name in KEPT.iter().chain(["offset"].iter()) {
        let changed = changes.iter().find(|(n, _)| n == name);
        let value = match changed {
            Some((_, v)) => v.clone(),
            None => params.get(name).map(str::to_string),
        };
        if let Some(value) = value {
            pairs.push((name, value));
        }
    }
    href("/", &pairs)
}

/// `path?name=value&…`, percent-encoded.
fn href(path: &str, pairs: &[(&str, String)]) -> String {
    let mut out = path.to_string();
    for (i, (name, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(name);
        out.push('=');
        encode(value, &mut out);
    }
    out
}

/// Percent-encodes `value` for a query string (unreserved bytes as they are).
fn encode(value: &str, out: &mut String) {
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        let s = Snippet {
            text: "a <b> jumelage </div> x".to_string(),
            highlights: vec![22..23, 6..14],
        };
        assert_eq!(
            snippet(&s).into_string(),
            "a &lt;b&gt; <mark>jumelage</mark> &lt;/div&gt; <mark>x</mark>"
        );
    }

    #[test]
    fn links_are_encoded() {
        assert_eq!(
            href("/article", &[("id", "ar/توأمة 1.txt".to_string())]),
            "/article?id=ar%2F%D8%AA%D9%88%D8%A3%D9%85%D8%A9%201.txt"
        );
    }
}
