//! Reports about the index and the tool rather than about articles: `fihris
//! status`, the report of an index build (`fihris index`, and the build
//! `search` makes when there is no index yet), `eval`'s table of figures,
//! and the notes printed on stderr.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use fihris_eval::{EvalReport, Metrics};
use fihris_index::{BuildReport, Change, CommitInfo};
use fihris_search::Stats;

use super::term::pad_right;
use super::wire::{self, change_name, json_line};

/// What `fihris status` shows: the index, what its last commit says, its
/// articles by language, and what a sync would do (`None` when the index
/// records no roots).
#[derive(Debug)]
pub struct IndexStatus<'a> {
    /// The index folder.
    pub index: &'a Path,
    /// Its last commit.
    pub info: &'a CommitInfo,
    /// Its articles, by language.
    pub by_lang: &'a Stats,
    /// A dry run of a sync of its roots.
    pub pending: Option<&'a Result<BuildReport>>,
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

/// Most changed files listed by `fihris status`; beyond, their count.
const MAX_STATUS_CHANGES: usize = 20;

/// `fihris status`, for people.
pub fn human_status(out: &mut impl Write, s: &IndexStatus<'_>) -> io::Result<()> {
    let IndexStatus {
        index,
        info,
        by_lang,
        pending,
    } = s;
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
            for (path, change) in report.changes.iter().take(MAX_STATUS_CHANGES) {
                writeln!(out, "  {} {}", change_name(*change), path.display())?;
            }
            if report.changes.len() > MAX_STATUS_CHANGES {
                writeln!(out, "  … and {} more", report.changes.len() - MAX_STATUS_CHANGES)?;
            }
            Ok(())
        }
    }
}

/// `fihris status --json`: one [`wire::Status`] object.
pub fn json_status(out: &mut impl Write, s: &IndexStatus<'_>) -> io::Result<()> {
    let report = s.pending.and_then(|p| p.as_ref().ok());
    let status = wire::Status {
        added: wire::changed_paths(report, Change::Added),
        articles: s.by_lang.total,
        by_lang: s
            .by_lang
            .buckets
            .iter()
            .map(|(lang, n)| (lang.as_str(), *n))
            .collect(),
        changed: wire::changed_paths(report, Change::Changed),
        index: s.index.display().to_string(),
        last_sync: s.info.committed_at,
        removed: wire::changed_paths(report, Change::Removed),
        roots: &s.info.roots,
        stemmer: &s.info.stemmer,
    };
    json_line(out, &status)
}

/// Most file events listed on stderr by a human-readable build report;
/// beyond, their count (`--json` lists them all).
const MAX_LISTED_CHANGES: usize = 100;

/// A build report for people: on stderr, a line per file added, changed or
/// removed (not for a full build, whose summary says it all), decoded,
/// repaired or skipped; then the one-line summary on `out`.
pub fn human_build(
    out: &mut impl Write,
    report: &BuildReport,
    index: &Path,
    dry_run: bool,
) -> io::Result<()> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let verb = |c: Change| match (c, dry_run) {
        (Change::Added, true) => "would add",
        (Change::Changed, true) => "would change",
        (Change::Removed, true) => "would remove",
        (c, false) => change_name(c),
    };
    if report.full {
    } else if report.changes.len() <= MAX_LISTED_CHANGES {
        for (path, change) in &report.changes {
            writeln!(err, "{} {}", verb(*change), path.display())?;
        }
    } else {
        writeln!(
            err,
            "{} files added, changed or removed (--json lists them)",
            report.changes.len()
        )?;
    }
    for (path, encoding) in &report.decoded {
        writeln!(err, "decoded {} from {encoding}", path.display())?;
    }
    for (path, n) in &report.repaired {
        let s = if *n == 1 { "" } else { "s" };
        writeln!(err, "repaired {n} mojibake sequence{s} in {}", path.display())?;
    }
    for skipped in &report.skipped {
        writeln!(err, "skipped {skipped}")?;
    }
    writeln!(out, "{}", build_summary(report, index, dry_run))
}

/// The one-line summary of an index build.
fn build_summary(report: &BuildReport, index: &Path, dry_run: bool) -> String {
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

/// A build report as JSON Lines: a [`wire::FileEvent`] per file added,
/// changed, removed or skipped, then a [`wire::BuildSummary`].
pub fn json_build(out: &mut impl Write, report: &BuildReport, index: &Path, dry_run: bool) -> io::Result<()> {
    for (path, change) in &report.changes {
        json_line(
            out,
            &wire::FileEvent {
                event: change_name(*change),
                path: path.display().to_string(),
                line: None,
                reason: None,
            },
        )?;
    }
    for s in &report.skipped {
        json_line(
            out,
            &wire::FileEvent {
                event: "skipped",
                path: s.path.display().to_string(),
                line: s.line,
                reason: Some(&s.reason),
            },
        )?;
    }
    json_line(
        out,
        &wire::BuildSummary {
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

/// The evaluation figures as a small table: overall, then per kind.
pub fn eval_table(out: &mut impl Write, report: &EvalReport, queries: &Path, index: &Path) -> io::Result<()> {
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
    // A kind is the query file's text: padded by display width.
    let row = |out: &mut dyn Write, name: &str, m: &Metrics| {
        writeln!(
            out,
            "{} {:>6} {:>7.3} {:>6.3} {:>6.3} {:>6.3}",
            pad_right(name, 12),
            m.queries,
            m.mrr10,
            m.recall1,
            m.recall10,
            m.recall100
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
