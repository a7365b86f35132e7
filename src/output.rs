//! Printing results: human-readable (terminal) and JSON Lines.

use std::io::{self, Write};

use fihris_eval::{EvalReport, Metrics};
use fihris_index::{BuildReport, Change};
use fihris_search::{
    ArticleMeta, DupGroup, Hit, MatchExplanation, MatchedTerm, RelatedResults, SearchResults, SharedTerm,
    Snippet, Stats, StoredArticle,
};
use serde::Serialize;

/// Marks around matched words where colour is off (also in JSON snippets).
pub const MARK_OPEN: &str = "**";
/// See [`MARK_OPEN`].
pub const MARK_CLOSE: &str = "**";

const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Right-to-left isolate (U+2067) … pop directional isolate (U+2069): an
/// Arabic title or snippet keeps its right-to-left order on a terminal that
/// implements the Unicode bidi algorithm, without disturbing the
/// left-to-right text around it.
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// One search hit in JSON Lines output. The field names and their meaning
/// are part of fihris's interface (see README.md): change them only with a
/// new field, never silently.
#[derive(Serialize)]
struct JsonHit<'a> {
    /// id, path, title, lang, date, source.
    #[serde(flatten)]
    meta: &'a ArticleMeta,
    score: f32,
    snippet: String,
    /// Only with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_terms: Option<&'a [MatchedTerm]>,
    /// Only with `--collapse`: ids of the other copies of the story.
    #[serde(skip_serializing_if = "Option::is_none")]
    copies: Option<&'a [String]>,
}

pub fn json_hits(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        let line = JsonHit {
            meta: &hit.meta,
            score: hit.score,
            snippet: marked(&hit.snippet, MARK_OPEN, MARK_CLOSE),
            matched_terms: hit.matched_terms.as_deref(),
            copies: results.stories.is_some().then_some(hit.copies.as_slice()),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The note printed on stderr when a date filter left out undated matches.
pub fn undated_note(n: usize) -> String {
    let (articles, were) = if n == 1 {
        ("article", "was")
    } else {
        ("articles", "were")
    };
    format!("fihris: note: {n} undated matching {articles} {were} left out by the date filter")
}

/// CSV: a header row, then one row per hit (the JSON fields, in order).
pub fn csv_hits(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    // With --explain, one more column: the matched terms.
    let explain = results.hits.iter().any(|h| h.matched_terms.is_some());
    let mut header = vec![
        "id", "path", "title", "lang", "date", "source", "score", "snippet",
    ];
    if explain {
        header.push("matched_terms");
    }
    let collapse = results.stories.is_some();
    if collapse {
        header.push("copies");
    }
    w.write_record(&header)?;
    for hit in &results.hits {
        let mut row = vec![
            hit.meta.id.clone(),
            hit.meta.path.clone(),
            hit.meta.title.clone(),
            hit.meta.lang.clone(),
            hit.meta.date.clone().unwrap_or_default(),
            hit.meta.source.clone().unwrap_or_default(),
            format!("{}", hit.score),
            marked(&hit.snippet, MARK_OPEN, MARK_CLOSE),
        ];
        if let Some(terms) = &hit.matched_terms {
            row.push(terms_line(terms));
        }
        if collapse {
            row.push(hit.copies.join(" "));
        }
        w.write_record(&row)?;
    }
    w.flush()
}

/// `field:term score` for each matched term, "; "-separated; translated
/// terms are marked "(translated)".
fn terms_line(terms: &[MatchedTerm]) -> String {
    terms
        .iter()
        .map(|t| {
            let mark = if t.translated { " (translated)" } else { "" };
            format!("{}:{}{mark} {:.2}", t.field, t.term, t.score)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The snippet text with every highlighted range between `open` and `close`.
pub fn marked(snippet: &Snippet, open: &str, close: &str) -> String {
    let text = &snippet.text;
    let mut out = String::with_capacity(text.len() + 8 * snippet.highlights.len());
    let mut at = 0;
    for range in &snippet.highlights {
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.start..range.end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(open);
        out.push_str(word);
        out.push_str(close);
        at = range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

fn is_rtl(lang: &str, text: &str) -> bool {
    lang == "ar" || fihris_search::Lang::Ar == fihris_lang_of(text)
}

fn fihris_lang_of(text: &str) -> fihris_search::Lang {
    // Cheap: only decides right-to-left isolation of a line.
    let arabic = text
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 0 && arabic * 2 >= letters {
        fihris_search::Lang::Ar
    } else {
        fihris_search::Lang::Und
    }
}

fn isolate(text: &str, rtl: bool) -> String {
    if rtl {
        format!("{RLI}{text}{PDI}")
    } else {
        text.to_string()
    }
}

/// Human-readable hits: rank and title, a line of metadata, the snippet.
pub fn human_hits(
    out: &mut impl Write,
    results: &SearchResults,
    color: bool,
    offset: usize,
) -> io::Result<()> {
    for hit in &results.hits {
        human_hit(out, hit, color)?;
    }
    let shown = results.hits.len();
    let range = if shown == 0 {
        String::new()
    } else {
        format!("{}–{} of ", offset + 1, offset + shown)
    };
    let noun = if results.total == 1 { "article" } else { "articles" };
    let mut footer = format!("{range}{} matching {noun}", results.total);
    if let Some(stories) = results.stories {
        let noun = if stories == 1 { "story" } else { "stories" };
        footer.push_str(&format!(" ({stories} {noun} once near-duplicates are folded)"));
    }
    dim_line(out, "", &footer, color)
}

fn human_hit(out: &mut impl Write, hit: &Hit, color: bool) -> io::Result<()> {
    let width = line_width();
    ranked_title(out, hit.rank, &hit.meta.title, &hit.meta.lang, color)?;
    let meta = meta_line(&hit.meta, &format!("score {:.2}", hit.score));
    dim_line(out, INDENT, &meta, color)?;
    if !hit.snippet.text.is_empty() {
        let snippet = if color {
            marked(&hit.snippet, BOLD_YELLOW, RESET)
        } else {
            marked(&hit.snippet, MARK_OPEN, MARK_CLOSE)
        };
        let rtl = is_rtl(&hit.meta.lang, &hit.snippet.text);
        for line in wrap(&snippet, width.saturating_sub(INDENT.len())) {
            writeln!(out, "{INDENT}{}", isolate(&line, rtl))?;
        }
    }
    if !hit.copies.is_empty() {
        let n = hit.copies.len();
        let noun = if n == 1 { "copy" } else { "copies" };
        let line = format!("+ {n} other {noun}: {}", hit.copies.join(", "));
        for line in wrap(&line, width.saturating_sub(INDENT.len())) {
            dim_line(out, INDENT, &line, color)?;
        }
    }
    if let Some(terms) = &hit.matched_terms {
        let line = format!("matched: {}", terms_line(terms));
        for line in wrap(&line, width.saturating_sub(INDENT.len())) {
            let line = isolate(&line, is_rtl("", &line));
            dim_line(out, INDENT, &line, color)?;
        }
    }
    writeln!(out)
}

/// `prefix` and `text` on one line, `text` dimmed when colouring.
fn dim_line(out: &mut impl Write, prefix: &str, text: &str, color: bool) -> io::Result<()> {
    if color {
        writeln!(out, "{prefix}{DIM}{text}{RESET}")
    } else {
        writeln!(out, "{prefix}{text}")
    }
}

/// A hit's title ("(untitled)" when it has none) wrapped to the terminal,
/// its rank before the first line, bold when colouring; right-to-left
/// isolated when Arabic.
fn ranked_title(out: &mut impl Write, rank: usize, title: &str, lang: &str, color: bool) -> io::Result<()> {
    let title = if title.is_empty() { "(untitled)" } else { title };
    let rtl = is_rtl(lang, title);
    let rank = format!("{rank:>2}. ");
    for (i, line) in wrap(title, line_width().saturating_sub(INDENT.len()))
        .iter()
        .enumerate()
    {
        let lead = if i == 0 { rank.as_str() } else { INDENT };
        let line = isolate(line, rtl);
        if color {
            writeln!(out, "{lead}{BOLD}{line}{RESET}")?;
        } else {
            writeln!(out, "{lead}{line}")?;
        }
    }
    Ok(())
}

/// "date · source · lang · id · last", the metadata line of a hit or an
/// article; an Arabic source is isolated right-to-left.
fn meta_line(a: &ArticleMeta, last: &str) -> String {
    let mut meta = vec![a.date.as_deref().unwrap_or("undated").to_string()];
    if let Some(source) = &a.source {
        meta.push(isolate(source, is_rtl("", source)));
    }
    meta.extend([a.lang.clone(), a.id.clone(), last.to_string()]);
    meta.join(" · ")
}

/// One related article in JSON Lines output (see README.md).
#[derive(Serialize)]
struct JsonRelated<'a> {
    rank: usize,
    /// id, path, title, lang, date, source.
    #[serde(flatten)]
    meta: &'a ArticleMeta,
    score: f32,
    /// Estimated similarity of the bodies, for a near-duplicate; else null.
    duplicate: Option<f32>,
    /// In the other language than the source article.
    cross: bool,
    shared: &'a [SharedTerm],
}

pub fn json_related(out: &mut impl Write, results: &RelatedResults) -> io::Result<()> {
    for hit in &results.hits {
        json_line(
            out,
            &JsonRelated {
                rank: hit.rank,
                meta: &hit.meta,
                score: hit.score,
                duplicate: hit.duplicate,
                cross: hit.cross,
                shared: &hit.shared,
            },
        )?;
    }
    Ok(())
}

/// "word" or "word → translation", comma-separated.
fn shared_line(shared: &[SharedTerm], max: usize) -> String {
    let mut parts: Vec<String> = shared
        .iter()
        .take(max)
        .map(|t| {
            let word = isolate(&t.word, is_rtl("", &t.word));
            if t.translated {
                format!("{word} → {}", isolate(&t.matched, is_rtl("", &t.matched)))
            } else {
                word
            }
        })
        .collect();
    if shared.len() > max {
        parts.push(format!("… ({} more)", shared.len() - max));
    }
    parts.join(", ")
}

/// Related articles: the source, then each hit with why it is related.
pub fn human_related(out: &mut impl Write, results: &RelatedResults, color: bool) -> io::Result<()> {
    let width = line_width();
    let source = &results.source;
    let title = if source.title.is_empty() {
        "(untitled)"
    } else {
        source.title.as_str()
    };
    let name = source.id.as_deref().unwrap_or(&source.path);
    let head = format!(
        "related to {} ({}, {name})",
        isolate(title, is_rtl(&source.lang, title)),
        source.lang
    );
    dim_line(out, "", &head, color)?;
    writeln!(out)?;
    for hit in &results.hits {
        ranked_title(out, hit.rank, &hit.meta.title, &hit.meta.lang, color)?;
        let why = match (hit.duplicate, hit.cross) {
            (Some(similarity), _) => format!("near-duplicate, similarity {similarity:.2}"),
            (None, true) => format!("other language, score {:.2}", hit.score),
            (None, false) => format!("score {:.2}", hit.score),
        };
        let meta = meta_line(&hit.meta, &why);
        dim_line(out, INDENT, &meta, color)?;
        if !hit.shared.is_empty() {
            let line = format!("shared: {}", shared_line(&hit.shared, 8));
            for line in wrap(&line, width.saturating_sub(INDENT.len())) {
                writeln!(out, "{INDENT}{line}")?;
            }
        }
        writeln!(out)?;
    }
    let n = results.hits.len();
    let footer = format!("{n} related {}", if n == 1 { "article" } else { "articles" });
    dim_line(out, "", &footer, color)
}

/// One group of near-duplicates in JSON Lines output (see README.md).
#[derive(Serialize)]
struct JsonGroup<'a> {
    group: usize,
    size: usize,
    earliest: &'a str,
    members: Vec<JsonMember<'a>>,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    /// id, path, title, lang, date, source.
    #[serde(flatten)]
    meta: &'a ArticleMeta,
    similarity: f32,
    earliest: bool,
}

pub fn json_dups(out: &mut impl Write, groups: &[DupGroup]) -> io::Result<()> {
    for (i, group) in groups.iter().enumerate() {
        let members = group
            .members
            .iter()
            .enumerate()
            .map(|(k, m)| JsonMember {
                meta: &m.meta,
                similarity: m.similarity,
                earliest: k == 0,
            })
            .collect();
        json_line(
            out,
            &JsonGroup {
                group: i + 1,
                size: group.members.len(),
                earliest: &group.earliest().meta.id,
                members,
            },
        )?;
    }
    Ok(())
}

/// Groups of near-duplicates: a heading per group, then its members, the
/// earliest first.
pub fn human_dups(
    out: &mut impl Write,
    groups: &[DupGroup],
    total: usize,
    threshold: f32,
    color: bool,
) -> io::Result<()> {
    let width = line_width();
    for (i, group) in groups.iter().enumerate() {
        let head = format!("group {}: {} articles", i + 1, group.members.len());
        if color {
            writeln!(out, "{BOLD}{head}{RESET}")?;
        } else {
            writeln!(out, "{head}")?;
        }
        for (k, m) in group.members.iter().enumerate() {
            let title = if m.meta.title.is_empty() {
                "(untitled)"
            } else {
                m.meta.title.as_str()
            };
            let rtl = is_rtl(&m.meta.lang, title);
            for (j, line) in wrap(title, width.saturating_sub(INDENT.len())).iter().enumerate() {
                let lead = if j == 0 && k == 0 {
                    "  * "
                } else if j == 0 {
                    "  - "
                } else {
                    INDENT
                };
                writeln!(out, "{lead}{}", isolate(line, rtl))?;
            }
            let last = if k == 0 {
                "earliest".to_string()
            } else {
                format!("similarity {:.2}", m.similarity)
            };
            let meta = meta_line(&m.meta, &last);
            dim_line(out, INDENT, &meta, color)?;
        }
        writeln!(out)?;
    }
    let articles: usize = groups.iter().map(|g| g.members.len()).sum();
    let shown = if groups.len() < total {
        format!("{} of {total} groups", groups.len())
    } else {
        format!("{total} {}", if total == 1 { "group" } else { "groups" })
    };
    let footer = if total == 0 {
        format!("no group of near-duplicates (similarity at least {threshold:.2})")
    } else {
        format!("{shown} of near-duplicates ({articles} articles shown), similarity at least {threshold:.2}")
    };
    dim_line(out, "", &footer, color)
}

/// Indentation of the lines under a hit's title.
const INDENT: &str = "    ";

/// The width to fit: `COLUMNS` when the shell exports it (between 40 and
/// 160), else 80.
fn line_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .map_or(80, |c| c.clamp(40, 160))
}

/// Columns `text` takes on a terminal: escape sequences take none, nor do
/// combining marks (harakat, accents in NFD) and bidi controls.
fn display_width(text: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in text.chars() {
        if in_escape {
            in_escape = !c.is_ascii_alphabetic();
            continue;
        }
        match c {
            '\x1b' => in_escape = true,
            '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200B}'..='\u{200F}' => {}
            '\u{2066}'..='\u{2069}' => {}
            _ => width += 1,
        }
    }
    width
}

/// Greedy word wrap to `width` columns; a word longer than a line stays whole.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let w = display_width(word);
        if !line.is_empty() && line_width + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One article in full: title, metadata, then the text, wrapped.
pub fn human_article(out: &mut impl Write, a: &StoredArticle, color: bool) -> io::Result<()> {
    let width = line_width();
    let rtl = is_rtl(&a.meta.lang, &a.meta.title);
    for line in wrap(&a.meta.title, width) {
        let line = isolate(&line, rtl);
        if color {
            writeln!(out, "{BOLD}{line}{RESET}")?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    let meta = meta_line(&a.meta, &a.meta.path);
    dim_line(out, "", &meta, color)?;
    for paragraph in a.body.split("\n\n") {
        writeln!(out)?;
        let rtl = is_rtl(&a.meta.lang, paragraph);
        for line in wrap(paragraph, width) {
            writeln!(out, "{}", isolate(&line, rtl))?;
        }
    }
    if let Some(boilerplate) = &a.boilerplate {
        writeln!(out)?;
        let heading = "— removed at indexing (not searched) —";
        dim_line(out, "", heading, color)?;
        if boilerplate.is_empty() {
            writeln!(out, "(nothing)")?;
        }
        for paragraph in boilerplate.split("\n\n").filter(|p| !p.is_empty()) {
            let rtl = is_rtl(&a.meta.lang, paragraph);
            for line in wrap(paragraph, width) {
                writeln!(out, "{}", isolate(&line, rtl))?;
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonBucket<'a> {
    bucket: &'a str,
    count: u64,
}

/// Stats as JSON Lines: one {"bucket", "count"} object per bucket.
pub fn json_stats(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    for (bucket, count) in &stats.buckets {
        serde_json::to_writer(
            &mut *out,
            &JsonBucket {
                bucket,
                count: *count,
            },
        )?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Stats as CSV with a header row.
pub fn csv_stats(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["bucket", "count"])?;
    for (bucket, count) in &stats.buckets {
        w.write_record([bucket.as_str(), &count.to_string()])?;
    }
    w.flush()
}

/// Width of the bar chart of `stats`, in columns.
const BAR_WIDTH: usize = 40;

/// Stats as a table with a bar per bucket, and a total.
pub fn human_stats(out: &mut impl Write, stats: &Stats, color: bool) -> io::Result<()> {
    let max = stats.buckets.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    let name_width = stats
        .buckets
        .iter()
        .map(|(b, _)| display_width(b))
        .max()
        .unwrap_or(0)
        .clamp(5, 30);
    let count_width = max.to_string().len().max(5);
    for (bucket, count) in &stats.buckets {
        let cells = (*count as usize * BAR_WIDTH).div_ceil(max as usize);
        let bar = "█".repeat(cells);
        let mut name: String = bucket.chars().take(30).collect();
        let rtl = is_rtl("", &name);
        let pad = name_width.saturating_sub(display_width(&name));
        name = isolate(&name, rtl);
        let bar = if color {
            format!("{BOLD_YELLOW}{bar}{RESET}")
        } else {
            bar
        };
        writeln!(out, "{name}{} {count:>count_width$} {bar}", " ".repeat(pad))?;
    }
    let noun = if stats.total == 1 { "article" } else { "articles" };
    writeln!(
        out,
        "{:<name_width$} {:>count_width$} {noun}",
        "total", stats.total
    )
}

/// One form in `explain-match --json`. Field names are part of fihris's
/// interface (README.md).
#[derive(Serialize)]
struct JsonForm<'a> {
    word: &'a str,
    id: Option<&'a str>,
    form: &'a str,
    broad: bool,
    count: u64,
    written: &'a [String],
    matches: u64,
}

/// `explain-match` as JSON Lines: one object per form.
pub fn json_explain_match(out: &mut impl Write, e: &MatchExplanation) -> io::Result<()> {
    for f in &e.forms {
        let row = JsonForm {
            word: &e.word,
            id: e.id.as_deref(),
            form: &f.form,
            broad: f.broad,
            count: f.count,
            written: &f.written,
            matches: e.matches,
        };
        json_line(out, &row)?;
    }
    Ok(())
}

/// `explain-match` for people: the forms that match, then (with --broad)
/// those that share only a stem.
pub fn human_explain_match(out: &mut impl Write, e: &MatchExplanation, color: bool) -> io::Result<()> {
    let rtl = is_rtl("", &e.word);
    let word = isolate(&e.word, rtl);
    let spelling = if e.written {
        "forms as written"
    } else {
        "typed without accents: accented spellings count too"
    };
    match &e.id {
        None => {
            let noun = if e.matches == 1 { "article" } else { "articles" };
            writeln!(out, "{word}: {} {noun} match ({spelling})", e.matches)?;
        }
        Some(id) => {
            let verdict = if e.matches > 0 {
                "matches"
            } else {
                "does not match"
            };
            writeln!(out, "{id} {verdict} {word} ({spelling})")?;
        }
    }
    let width = e
        .forms
        .iter()
        .map(|f| f.count.to_string().len())
        .max()
        .unwrap_or(1)
        .max(5);
    let mut broad_heading = false;
    for f in &e.forms {
        if f.broad && !broad_heading {
            broad_heading = true;
            let what = match (&e.id, e.broad_matches) {
                (None, Some(n)) => format!("sharing only a stem (search --broad counts {n} articles):"),
                _ => "sharing only a stem (matched only with --broad):".to_string(),
            };
            if color {
                writeln!(out, "{DIM}{what}{RESET}")?;
            } else {
                writeln!(out, "{what}")?;
            }
        }
        let form = isolate(&f.form, is_rtl("", &f.form));
        let written = if f.written.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = f.written.iter().map(|w| isolate(w, is_rtl("", w))).collect();
            format!("  ({})", list.join(", "))
        };
        writeln!(out, "  {:>width$}  {form}{written}", f.count)?;
    }
    if e.forms.is_empty() {
        writeln!(out, "  no form of it occurs")?;
    }
    Ok(())
}

/// The time of a commit, as "YYYY-MM-DD HH:MM:SS UTC".
fn utc(seconds: u64) -> String {
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let rest = seconds % 86_400;
    let date = fihris_search::date_of_day(days).map_or_else(|| "?".to_string(), |d| d.to_string());
    format!(
        "{date} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

type Pending<'a> = Option<&'a anyhow::Result<BuildReport>>;

/// `fihris status`, for people.
pub fn human_status(
    out: &mut impl Write,
    index: &std::path::Path,
    info: &fihris_search::CommitInfo,
    by_lang: &Stats,
    pending: Pending<'_>,
) -> io::Result<()> {
    writeln!(out, "index:      {}", index.display())?;
    let langs: Vec<String> = by_lang.buckets.iter().map(|(l, n)| format!("{l} {n}")).collect();
    writeln!(out, "articles:   {} ({})", by_lang.total, langs.join(", "))?;
    writeln!(out, "last sync:  {}", utc(info.committed_at))?;
    writeln!(out, "roots:      {}", info.roots.join(", "))?;
    writeln!(out, "stemmer:    {}", info.stemmer)?;
    match pending {
        None => writeln!(out, "changes:    unknown (no roots recorded)"),
        Some(Err(e)) => writeln!(out, "changes:    unknown ({e:#})"),
        Some(Ok(report)) => {
            writeln!(
                out,
                "changes:    {} added, {} changed, {} removed since the last sync{}",
                report.count(Change::Added),
                report.count(Change::Changed),
                report.count(Change::Removed),
                if report.changes.is_empty() {
                    ""
                } else {
                    " (run fihris index)"
                }
            )?;
            for (path, change) in report.changes.iter().take(20) {
                let what = match change {
                    Change::Added => "added",
                    Change::Changed => "changed",
                    Change::Removed => "removed",
                };
                writeln!(out, "  {what} {}", path.display())?;
            }
            if report.changes.len() > 20 {
                writeln!(out, "  … and {} more", report.changes.len() - 20)?;
            }
            Ok(())
        }
    }
}

/// `fihris status --json`: one object.
pub fn json_status(
    out: &mut impl Write,
    index: &std::path::Path,
    info: &fihris_search::CommitInfo,
    by_lang: &Stats,
    pending: Pending<'_>,
) -> io::Result<()> {
    let report = pending.and_then(|p| p.as_ref().ok());
    let list = |c: Change| -> Vec<String> {
        report
            .map(|r| {
                r.changes
                    .iter()
                    .filter(|(_, x)| *x == c)
                    .map(|(p, _)| p.display().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let value = serde_json::json!({
        "index": index.display().to_string(),
        "articles": by_lang.total,
        "by_lang": by_lang.buckets.iter().cloned().collect::<std::collections::BTreeMap<String, u64>>(),
        "last_sync": info.committed_at,
        "roots": info.roots,
        "stemmer": info.stemmer,
        "added": list(Change::Added),
        "changed": list(Change::Changed),
        "removed": list(Change::Removed),
    });
    json_line(out, &value)
}

/// The one-line summary of an index build.
pub fn build_summary(report: &BuildReport, index: &std::path::Path, dry_run: bool) -> String {
    let langs: Vec<String> = report.by_lang.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let langs = if langs.is_empty() {
        String::new()
    } else {
        format!(" ({})", langs.join(", "))
    };
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let verb = if dry_run { "would index" } else { "indexed" };
    let how = if report.full { ", full rebuild" } else { "" };
    format!(
        "{verb} {}{langs} from {}, skipped {}, in {:.1} s → {} ({} added, {} changed, {} removed, {} unchanged{how})",
        plural(report.articles, "article"),
        plural(report.files, "file"),
        report.skipped.len(),
        report.elapsed.as_secs_f64(),
        index.display(),
        report.count(Change::Added),
        report.count(Change::Changed),
        report.count(Change::Removed),
        report.unchanged,
    )
}

/// One line per file event of a build, and a summary object, as JSON Lines.
pub fn json_build(
    out: &mut impl Write,
    report: &BuildReport,
    index: &std::path::Path,
    dry_run: bool,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Event<'a> {
        event: &'a str,
        path: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct Summary<'a> {
        event: &'a str,
        index: String,
        dry_run: bool,
        full: bool,
        files: usize,
        articles: usize,
        by_lang: &'a std::collections::BTreeMap<String, usize>,
        added: usize,
        changed: usize,
        removed: usize,
        unchanged: usize,
        skipped: usize,
        seconds: f64,
    }
    for (path, change) in &report.changes {
        let event = match change {
            Change::Added => "added",
            Change::Changed => "changed",
            Change::Removed => "removed",
        };
        json_line(
            out,
            &Event {
                event,
                path: path.display().to_string(),
                line: None,
                reason: None,
            },
        )?;
    }
    for s in &report.skipped {
        json_line(
            out,
            &Event {
                event: "skipped",
                path: s.path.display().to_string(),
                line: s.line,
                reason: Some(&s.reason),
            },
        )?;
    }
    json_line(
        out,
        &Summary {
            event: "summary",
            index: index.display().to_string(),
            dry_run,
            full: report.full,
            files: report.files,
            articles: report.articles,
            by_lang: &report.by_lang,
            added: report.count(Change::Added),
            changed: report.count(Change::Changed),
            removed: report.count(Change::Removed),
            unchanged: report.unchanged,
            skipped: report.skipped.len(),
            seconds: report.elapsed.as_secs_f64(),
        },
    )
}

/// One value as one JSON line.
fn json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// The evaluation figures as a small table.
pub fn eval_table(
    out: &mut impl Write,
    report: &EvalReport,
    queries: &std::path::Path,
    index: &std::path::Path,
) -> io::Result<()> {
    writeln!(
        out,
        "{} on {} ({:.1} s)",
        queries.display(),
        index.display(),
        report.elapsed.as_secs_f64()
    )?;
    writeln!(
        out,
        "{:<12} {:>6} {:>7} {:>6} {:>6} {:>6}",
        "queries", "n", "MRR@10", "R@1", "R@10", "R@100"
    )?;
    let row = |out: &mut dyn Write, name: &str, m: &Metrics| {
        writeln!(
            out,
            "{:<12} {:>6} {:>7.3} {:>6.3} {:>6.3} {:>6.3}",
            name, m.queries, m.mrr10, m.recall1, m.recall10, m.recall100
        )
    };
    row(out, "all", &report.overall)?;
    for (kind, m) in &report.by_kind {
        row(out, kind, m)?;
    }
    if report.overall.missing_targets > 0 {
        writeln!(
            out,
            "note: {} targets are not in the index (counted as misses)",
            report.overall.missing_targets
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(
            wrap("un deux trois quatre", 9),
            vec!["un deux", "trois", "quatre"]
        );
        assert_eq!(
            wrap("anticonstitutionnellement x", 5),
            vec!["anticonstitutionnellement", "x"]
        );
        assert_eq!(display_width("\x1b[1;33mjumelage\x1b[0m"), 8);
        assert_eq!(display_width("تَوْأَمَة"), 5);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn marks_highlights() {
        let s = Snippet {
            text: "le jumelage et l'emploi".into(),
            highlights: vec![3..11, 17..23],
        };
        assert_eq!(marked(&s, "[", "]"), "le [jumelage] et l'[emploi]");
        let bad = Snippet {
            text: "abc".into(),
            highlights: vec![1..9, 10..12],
        };
        assert_eq!(marked(&bad, "[", "]"), "abc");
    }
}
