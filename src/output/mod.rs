//! Everything `fihris` prints on standard output, behind one [`Printer`]:
//! the command line's output choices are resolved once into a [`Config`]
//! (format, colour, width), and the printer has one method per kind of
//! result, each writing it as the configured format asks.
//!
//! - [`term`]: terminal primitives (styles, width, wrapping, bidi).
//! - [`wire`]: the JSON and CSV contract (field names and order).
//! - [`csv`]: CSV tables.
//! - [`human`]: articles and hits for people.
//! - [`report`]: status, build reports, evaluation figures, notes.

mod csv;
mod human;
mod report;
mod term;
mod wire;

use std::io::{self, Write};
use std::path::Path;

use fihris_eval::EvalReport;
use fihris_index::BuildReport;
use fihris_search::{DupGroup, MatchExplanation, RelatedResults, SearchResults, Stats, StoredArticle};

pub use report::{undated_note, IndexStatus};

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: wrapped to the terminal, coloured when asked.
    Human,
    /// JSON Lines (one object per line) or one JSON object: see [`wire`].
    Json,
    /// CSV with a header row: see [`wire`].
    Csv,
}

/// `--color`, as the command line gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorWhen {
    /// When standard output is a terminal, unless the environment says
    /// otherwise (`NO_COLOR`, `CLICOLOR=0`; `CLICOLOR_FORCE` forces it).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The output choices, resolved once from the command line and the
/// environment.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The format.
    pub format: Format,
    /// Whether human output is coloured (JSON and CSV never are).
    pub color: bool,
    /// The width human output fits, in columns.
    pub width: usize,
}

impl Config {
    /// The configuration for `format` and `--color when`, with the width
    /// and colour of standard output (see [`term::line_width`] and
    /// [`term::auto_color`]).
    pub fn resolve(format: Format, when: ColorWhen) -> Config {
        let color = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => term::auto_color(),
        };
        Config {
            format,
            color,
            width: term::line_width(),
        }
    }

    /// The same, in another format.
    pub fn with_format(self, format: Format) -> Config {
        Config { format, ..self }
    }
}

/// Standard output as the printer writes it: buffered, through `anstream`
/// (which passes the styles on as they are, or translates them for an old
/// Windows console).
pub type Stdout = io::BufWriter<anstream::AutoStream<io::StdoutLock<'static>>>;

/// Writes results in the configured format.
pub struct Printer<W: Write> {
    config: Config,
    out: W,
}

impl Printer<Stdout> {
    /// A printer to standard output.
    pub fn stdout(config: Config) -> Self {
        // Styles are only written when colour is on, so the stream never
        // strips anything: with colour off it passes the bytes through.
        let choice = if config.color {
            anstream::ColorChoice::Always
        } else {
            anstream::ColorChoice::AlwaysAnsi
        };
        let stream = anstream::AutoStream::new(io::stdout().lock(), choice);
        Printer::new(config, io::BufWriter::new(stream))
    }
}

impl<W: Write> Printer<W> {
    /// A printer to `out`.
    pub fn new(config: Config, out: W) -> Self {
        Printer { config, out }
    }

    /// The configuration.
    pub fn config(&self) -> Config {
        self.config
    }

    /// The output itself, for text that is neither results nor reports
    /// (completion scripts, the manual page).
    pub fn writer(&mut self) -> &mut W {
        &mut self.out
    }

    /// Flushes what was printed.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// `search`: a page of hits, starting after `offset`.
    pub fn search(&mut self, results: &SearchResults, offset: usize) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => {
                let collapse = results.stories.is_some();
                for hit in &results.hits {
                    wire::json_line(out, &wire::SearchHit::new(hit, collapse))?;
                }
                Ok(())
            }
            Format::Csv => csv::hits(out, results),
            Format::Human => human::hits(out, &self.config, results, offset),
        }
    }

    /// `show`: one article.
    pub fn article(&mut self, article: &StoredArticle) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => wire::json_line(out, &wire::ShownArticle::from(article)),
            Format::Csv => Err(no_csv("show")),
            Format::Human => human::article(out, &self.config, article),
        }
    }

    /// `related`: the articles related to one.
    pub fn related(&mut self, results: &RelatedResults) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => {
                for hit in &results.hits {
                    wire::json_line(out, &wire::RelatedHit::from(hit))?;
                }
                Ok(())
            }
            Format::Csv => Err(no_csv("related")),
            Format::Human => human::related(out, &self.config, results),
        }
    }

    /// `dups`: the groups shown, out of `total`, found at `threshold`.
    pub fn dups(&mut self, groups: &[DupGroup], total: usize, threshold: f32) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => {
                for (i, group) in groups.iter().enumerate() {
                    wire::json_line(out, &wire::DupGroup::new(i + 1, group))?;
                }
                Ok(())
            }
            Format::Csv => Err(no_csv("dups")),
            Format::Human => human::dups(out, &self.config, groups, total, threshold),
        }
    }

    /// `stats`: counts per bucket.
    pub fn stats(&mut self, stats: &Stats) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => {
                for (bucket, count) in &stats.buckets {
                    wire::json_line(
                        out,
                        &wire::Bucket {
                            bucket,
                            count: *count,
                        },
                    )?;
                }
                Ok(())
            }
            Format::Csv => csv::stats(out, stats),
            Format::Human => human::stats(out, &self.config, stats),
        }
    }

    /// `explain-match`: the forms of a word.
    pub fn explain_match(&mut self, explanation: &MatchExplanation) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => {
                for form in wire::forms(explanation) {
                    wire::json_line(out, &form)?;
                }
                Ok(())
            }
            Format::Csv => Err(no_csv("explain-match")),
            Format::Human => human::explain_match(out, &self.config, explanation),
        }
    }

    /// `status`: the state of the index.
    pub fn status(&mut self, status: &IndexStatus<'_>) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => report::json_status(out, status),
            Format::Csv => Err(no_csv("status")),
            Format::Human => report::human_status(out, status),
        }
    }

    /// `index`: what a build of `index` did (or would do, `dry_run`). For
    /// people, the files are listed on stderr and the summary is printed.
    pub fn index_report(&mut self, report: &BuildReport, index: &Path, dry_run: bool) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => report::json_build(out, report, index, dry_run),
            Format::Csv => Err(no_csv("index")),
            Format::Human => report::human_build(out, report, index, dry_run),
        }
    }

    /// `eval`: the figures of the queries of file `queries` on `index`.
    pub fn eval(&mut self, eval: &EvalReport, queries: &Path, index: &Path) -> io::Result<()> {
        let out = &mut self.out;
        match self.config.format {
            Format::Json => wire::json_line(out, &wire::EvalFigures::from(eval)),
            Format::Csv => Err(no_csv("eval")),
            Format::Human => report::eval_table(out, eval, queries, index),
        }
    }
}

/// The error for a CSV output the command line never asks for.
fn no_csv(command: &str) -> io::Error {
    io::Error::new(io::ErrorKind::Unsupported, format!("{command} has no CSV output"))
}
