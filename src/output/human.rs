//! Human-readable results, fitted to the terminal's width: search hits,
//! one article (`show`), related articles, groups of near-duplicates,
//! `stats`' bar chart and `explain-match`'s forms. Arabic text is isolated
//! right to left; colour, when on, only adds styles (matched words are
//! `**marked**` without it).

use std::io::{self, Write};

use fihris_search::{
    ArticleMeta, DupGroup, Hit, MatchExplanation, RelatedResults, SearchResults, SharedTerm, Stats,
    StoredArticle,
};

use super::term::{
    display_width, is_rtl, isolate, isolate_auto, styled_line, truncate, wrap, BOLD, DIM, HIGHLIGHT, INDENT,
    MARK_CLOSE, MARK_OPEN, RESET,
};
use super::wire::{marked, terms_line};
use super::Config;

/// Hits: rank and title, a line of metadata, the snippet; then a footer
/// with the range shown and the number of matches (and of stories).
pub fn hits(out: &mut impl Write, cfg: &Config, results: &SearchResults, offset: usize) -> io::Result<()> {
    for hit in &results.hits {
        one_hit(out, cfg, hit)?;
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
    styled_line(out, "", &footer, DIM, cfg.color)
}

fn one_hit(out: &mut impl Write, cfg: &Config, hit: &Hit) -> io::Result<()> {
    let width = cfg.width.saturating_sub(INDENT.len());
    ranked_title(out, cfg, hit.rank, &hit.meta.title, &hit.meta.lang)?;
    let meta = meta_line(&hit.meta, &format!("score {:.2}", hit.score));
    styled_line(out, INDENT, &meta, DIM, cfg.color)?;
    if !hit.snippet.text.is_empty() {
        let snippet = if cfg.color {
            marked(&hit.snippet, HIGHLIGHT, &RESET.render().to_string())
        } else {
            marked(&hit.snippet, MARK_OPEN, MARK_CLOSE)
        };
        let rtl = is_rtl(&hit.meta.lang, &hit.snippet.text);
        for line in wrap(&snippet, width) {
            writeln!(out, "{INDENT}{}", isolate(&line, rtl))?;
        }
    }
    if !hit.copies.is_empty() {
        let n = hit.copies.len();
        let noun = if n == 1 { "copy" } else { "copies" };
        let line = format!("+ {n} other {noun}: {}", hit.copies.join(", "));
        for line in wrap(&line, width) {
            styled_line(out, INDENT, &line, DIM, cfg.color)?;
        }
    }
    if let Some(terms) = &hit.matched_terms {
        let line = format!("matched: {}", terms_line(terms));
        for line in wrap(&line, width) {
            styled_line(out, INDENT, &isolate_auto(&line), DIM, cfg.color)?;
        }
    }
    writeln!(out)
}

/// `title`, or "(untitled)" when it is empty.
fn or_untitled(title: &str) -> &str {
    if title.is_empty() {
        "(untitled)"
    } else {
        title
    }
}

/// A hit's title ("(untitled)" when it has none) wrapped to the terminal,
/// its rank before the first line, bold when colouring; right-to-left
/// isolated when Arabic.
fn ranked_title(out: &mut impl Write, cfg: &Config, rank: usize, title: &str, lang: &str) -> io::Result<()> {
    let title = or_untitled(title);
    let rtl = is_rtl(lang, title);
    let rank = format!("{rank:>2}. ");
    for (i, line) in wrap(title, cfg.width.saturating_sub(INDENT.len()))
        .iter()
        .enumerate()
    {
        let lead = if i == 0 { rank.as_str() } else { INDENT };
        styled_line(out, lead, &isolate(line, rtl), BOLD, cfg.color)?;
    }
    Ok(())
}

/// "date · source · lang · id · last", the metadata line of a hit or an
/// article; an Arabic source is isolated right-to-left.
fn meta_line(a: &ArticleMeta, last: &str) -> String {
    let mut meta = vec![a.date.as_deref().unwrap_or("undated").to_string()];
    if let Some(source) = &a.source {
        meta.push(isolate_auto(source));
    }
    meta.extend([a.lang.clone(), a.id.clone(), last.to_string()]);
    meta.join(" · ")
}

/// One article in full: title, metadata (and "by AUTHOR" when known, and
/// a note when the title is the text's first words),
/// then the text, wrapped; with `--raw`, the boilerplate removed at
/// indexing after it.
pub fn article(out: &mut impl Write, cfg: &Config, a: &StoredArticle) -> io::Result<()> {
    let width = cfg.width;
    let rtl = is_rtl(&a.meta.lang, &a.meta.title);
    for line in wrap(&a.meta.title, width) {
        styled_line(out, "", &isolate(&line, rtl), BOLD, cfg.color)?;
    }
    let meta = meta_line(&a.meta, &a.meta.path);
    styled_line(out, "", &meta, DIM, cfg.color)?;
    if let Some(author) = &a.meta.author {
        styled_line(out, "", &format!("by {}", isolate_auto(author)), DIM, cfg.color)?;
    }
    if fihris_ingest::title_is_first_words(&a.meta.title, &a.body) {
        let note = "(no headline in the file: the title is the text's first words)";
        styled_line(out, "", note, DIM, cfg.color)?;
    }
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
        styled_line(out, "", heading, DIM, cfg.color)?;
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

/// "word" or "word → translation", comma-separated, at most `max`.
fn shared_line(shared: &[SharedTerm], max: usize) -> String {
    let mut parts: Vec<String> = shared
        .iter()
        .take(max)
        .map(|t| {
            let word = isolate_auto(&t.word);
            if t.translated {
                format!("{word} → {}", isolate_auto(&t.matched))
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
pub fn related(out: &mut impl Write, cfg: &Config, results: &RelatedResults) -> io::Result<()> {
    let source = &results.source;
    let title = or_untitled(&source.title);
    let name = source.id.as_deref().unwrap_or(&source.path);
    let head = format!(
        "related to {} ({}, {name})",
        isolate(title, is_rtl(&source.lang, title)),
        source.lang
    );
    styled_line(out, "", &head, DIM, cfg.color)?;
    writeln!(out)?;
    for hit in &results.hits {
        ranked_title(out, cfg, hit.rank, &hit.meta.title, &hit.meta.lang)?;
        let why = match (hit.duplicate, hit.cross) {
            (Some(similarity), _) => format!("near-duplicate, similarity {similarity:.2}"),
            (None, true) => format!("other language, score {:.2}", hit.score),
            (None, false) => format!("score {:.2}", hit.score),
        };
        let meta = meta_line(&hit.meta, &why);
        styled_line(out, INDENT, &meta, DIM, cfg.color)?;
        if !hit.shared.is_empty() {
            let line = format!("shared: {}", shared_line(&hit.shared, 8));
            for line in wrap(&line, cfg.width.saturating_sub(INDENT.len())) {
                writeln!(out, "{INDENT}{line}")?;
            }
        }
        writeln!(out)?;
    }
    let n = results.hits.len();
    let footer = format!("{n} related {}", if n == 1 { "article" } else { "articles" });
    styled_line(out, "", &footer, DIM, cfg.color)
}

/// Groups of near-duplicates: a heading per group, then its members, the
/// earliest first; a footer with how many groups there are in all
/// (`total`) and the `threshold`.
pub fn dups(
    out: &mut impl Write,
    cfg: &Config,
    groups: &[DupGroup],
    total: usize,
    threshold: f32,
) -> io::Result<()> {
    for (i, group) in groups.iter().enumerate() {
        let head = format!("group {}: {} articles", i + 1, group.members.len());
        styled_line(out, "", &head, BOLD, cfg.color)?;
        for (k, m) in group.members.iter().enumerate() {
            let title = or_untitled(&m.meta.title);
            let rtl = is_rtl(&m.meta.lang, title);
            for (j, line) in wrap(title, cfg.width.saturating_sub(INDENT.len()))
                .iter()
                .enumerate()
            {
                let lead = match (j, k) {
                    (0, 0) => "  * ",
                    (0, _) => "  - ",
                    _ => INDENT,
                };
                writeln!(out, "{lead}{}", isolate(line, rtl))?;
            }
            let last = if k == 0 {
                "earliest".to_string()
            } else {
                format!("similarity {:.2}", m.similarity)
            };
            let meta = meta_line(&m.meta, &last);
            styled_line(out, INDENT, &meta, DIM, cfg.color)?;
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
    styled_line(out, "", &footer, DIM, cfg.color)
}

/// Width of the bar chart of `stats`, in columns.
const BAR_WIDTH: usize = 40;
/// Widest bucket name shown, in columns (longer ones are cut).
const MAX_NAME_WIDTH: usize = 30;

/// Stats as a table with a bar per bucket, and a total.
pub fn stats(out: &mut impl Write, cfg: &Config, stats: &Stats) -> io::Result<()> {
    let max = stats.buckets.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    let name_width = stats
        .buckets
        .iter()
        .map(|(b, _)| display_width(b))
        .max()
        .unwrap_or(0)
        .clamp(5, MAX_NAME_WIDTH);
    let count_width = max.to_string().len().max(5);
    for (bucket, count) in &stats.buckets {
        let cells = (*count as usize * BAR_WIDTH).div_ceil(max as usize);
        let bar = "█".repeat(cells);
        let name = truncate(bucket, MAX_NAME_WIDTH);
        let pad = name_width.saturating_sub(display_width(name));
        let name = isolate_auto(name);
        let bar = if cfg.color {
            format!("{HIGHLIGHT}{bar}{RESET}")
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

/// `explain-match` for people: the match count, the forms that match,
/// then (with --broad) those that share only a stem.
pub fn explain_match(out: &mut impl Write, cfg: &Config, e: &MatchExplanation) -> io::Result<()> {
    let word = isolate_auto(&e.word);
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
            styled_line(out, "", &what, DIM, cfg.color)?;
        }
        let form = isolate_auto(&f.form);
        let written = if f.written.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = f.written.iter().map(|w| isolate_auto(w)).collect();
            format!("  ({})", list.join(", "))
        };
        writeln!(out, "  {:>width$}  {form}{written}", f.count)?;
    }
    if e.forms.is_empty() {
        writeln!(out, "  no form of it occurs")?;
    }
    Ok(())
}
