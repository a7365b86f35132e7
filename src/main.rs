//! The `fihris` command: a thin layer over `fihris-search`. It parses the
//! arguments, turns them into the library's options, and prints.
//!
//! Exit codes, like grep: 0 when something was found (or indexed), 1 when
//! nothing was, 2 on error. Errors are one line on standard error.

mod cli;
mod output;
mod serve;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use fihris_eval::{EvalOptions, KnownItem};
use fihris_index::{build_index, index_exists, BuildOptions};
use fihris_search::{
    DupsOptions, ExplainMatchOptions, FieldScope, Fihris, MatchMode, RelatedOptions, RelatedTo,
    SearchOptions, SortOrder, StatsBy, StatsOptions,
};

use output::{Config, Format, Printer};

use cli::{
    CheckArgs, Cli, Command, DupsArgs, EvalArgs, EvalField, ExplainMatchArgs, IndexArgs, RelatedArgs,
    SearchArgs, ShowArgs, SortChoice, StatsArgs, StatsByChoice,
};

/// Where the index lives when neither --index nor FIHRIS_INDEX says.
const DEFAULT_INDEX: &str = "index";
/// What `fihris index` reads when given no path.
const DEFAULT_CORPUS: &str = "corpus";

enum Outcome {
    Found,
    NothingFound,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    // A panic is a bug, but still one line and exit code 2, not Rust's
    // report and 101: scripts rely on 0, 1 or 2. An index being written
    // stays as it was (nothing is committed after a panic).
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = message.lines().collect::<Vec<_>>().join(" ");
        eprintln!("fihris: error: internal error{place}: {message} (a bug: please report it)");
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli)));
    let Ok(result) = result else {
        return ExitCode::from(2);
    };
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("fihris: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Help and version go to stdout with exit code 0; usage errors are one
/// line with exit code 2.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            // clap's message runs until the first blank line (the usage
            // follows); fold it onto one line.
            let rendered = e.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            eprintln!("fihris: error: {message} (see fihris --help)");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<Outcome> {
    let explicit_index = cli.index.is_some();
    let index = cli.index.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX));
    let config = Config::resolve(cli.command.format(), cli.color.into());
    let mut printer = Printer::stdout(config);
    let p = &mut printer;
    let outcome = match cli.command {
        Command::Index(args) => index_command(&index, args, p),
        Command::Search(args) => search_command(&index, explicit_index, args, p),
        Command::Eval(args) => eval_command(&index, args, p),
        Command::Show(args) => show_command(&index, args, p),
        Command::Status(_) => status_command(&index, p),
        Command::Check(args) => check_command(&index, args, p),
        Command::Stats(args) => stats_command(&index, args, p),
        Command::ExplainMatch(args) => explain_match_command(&index, args, p),
        Command::Related(args) => related_command(&index, args, p),
        Command::Dups(args) => dups_command(&index, args, p),
        Command::Serve(args) => {
            first_use_index(&index, explicit_index, p)?;
            serve::serve(&index, args).map(|()| Outcome::Found)
        }
        Command::Completions(args) => completions(args.shell, p),
        Command::Man(args) => man_page(args.command.as_deref(), p),
    }?;
    printer.flush()?;
    Ok(outcome)
}

/// `fihris completions SHELL`: clap_complete's script for the shell.
fn completions(shell: clap_complete::Shell, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    use clap::CommandFactory;
    // Written to memory first: clap_complete panics when its writer fails
    // (a closed pipe), and a closed pipe is not an error here.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "fihris", &mut script);
    printer.writer().write_all(&script)?;
    Ok(Outcome::Found)
}

/// `fihris man [COMMAND]`: the manual page of fihris, or of one command
/// (`fihris-COMMAND(1)`).
fn man_page(command: Option<&str>, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    use clap::CommandFactory;
    let fihris = Cli::command();
    let page = match command {
        None => fihris,
        Some(name) => {
            let Some(sub) = fihris.find_subcommand(name) else {
                anyhow::bail!("no command {name:?} (see fihris --help)");
            };
            let title = format!("fihris-{}", sub.get_name());
            sub.clone()
                .name(title)
                .bin_name(format!("fihris {}", sub.get_name()))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    printer.writer().write_all(&roff)?;
    Ok(Outcome::Found)
}

fn index_command(index: &Path, args: IndexArgs, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_CORPUS)]
    } else {
        args.paths
    };
    // A progress bar with count and ETA on a terminal; nothing otherwise.
    let bar = io::stderr().is_terminal().then(|| {
        indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
    });
    let progress: Option<fihris_index::Progress> = bar.clone().map(|bar| {
        std::sync::Arc::new(move |done: usize, total: usize| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            if done == total {
                // Cleared before the report is printed.
                bar.finish_and_clear();
            }
        }) as fihris_index::Progress
    });
    let read = fihris_ingest::ReadOptions::from(&args.limits);
    let options = BuildOptions {
        progress,
        full: args.full,
        follow: args.follow,
        dry_run: args.dry_run,
        stemmer: args.stemmer.into(),
        max_file_bytes: read.max_bytes,
        max_article_bytes: read.max_article_bytes,
        ..BuildOptions::new(roots)
    };
    let result = build(index, options, printer);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let articles = result?;
    Ok(if articles > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Builds the index and prints its report; returns the number of
/// articles indexed.
fn build(index: &Path, options: BuildOptions, printer: &mut Printer<impl Write>) -> Result<usize> {
    let report = build_index(index, &options).context("cannot build the index")?;
    if !options.dry_run {
        fihris_search::refresh_caches(index, options.stemmer);
    }
    printer.index_report(&report, index, options.dry_run)?;
    Ok(report.articles)
}

/// On first use (no `--index` given, no index in the default place), builds
/// the default index from the sample corpus folder when there is one, so
/// that `fihris search` and `fihris serve` answer on a fresh clone. The
/// build report goes to stderr: stdout is for the answers.
fn first_use_index(index: &Path, explicit_index: bool, printer: &Printer<impl Write>) -> Result<()> {
    if !explicit_index && !index_exists(index) && !index.join("meta.json").exists() {
        let corpus = Path::new(DEFAULT_CORPUS);
        if corpus.is_dir() {
            eprintln!(
                "fihris: no index at {}: building it from {} first",
                index.display(),
                corpus.display()
            );
            let mut report = Printer::new(printer.config().with_format(Format::Human), io::stderr());
            build(index, BuildOptions::new(vec![corpus.to_path_buf()]), &mut report)?;
        }
    }
    Ok(())
}

fn search_command(
    index: &Path,
    explicit_index: bool,
    args: SearchArgs,
    printer: &mut Printer<impl Write>,
) -> Result<Outcome> {
    first_use_index(index, explicit_index, printer)?;
    let fihris = Fihris::open(index)?;
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        filters: args.filters.into(),
        sort: match args.sort {
            SortChoice::Score => SortOrder::Score,
            SortChoice::Date => SortOrder::Date,
        },
        mode: if args.any { MatchMode::Any } else { MatchMode::All },
        cross: !args.no_cross,
        explain: args.explain,
        collapse: args.collapse,
        broad: args.broad,
        ..SearchOptions::new(args.query.join(" "))
    };
    let results = fihris.search(&options)?;
    if results.undated_excluded > 0 {
        eprintln!("{}", output::undated_note(results.undated_excluded));
    }
    printer.search(&results, args.offset)?;
    // `--limit 0` asks only for the count; otherwise an empty page is
    // "nothing found", like grep.
    let found = if options.limit == 0 {
        results.total > 0
    } else {
        !results.hits.is_empty()
    };
    Ok(if found {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn eval_command(index: &Path, args: EvalArgs, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let items = KnownItem::read_all(&args.queries)?;
    let fihris = Fihris::open(index)?;
    let scope = match args.field {
        EvalField::Body => FieldScope::Body,
        EvalField::All => FieldScope::All,
    };
    let report = fihris_eval::evaluate(
        &fihris,
        &items,
        EvalOptions {
            scope,
            cross: !args.no_cross,
            lang: args.lang,
            broad: args.broad,
        },
    )?;
    printer.eval(&report, &args.queries, index)?;
    Ok(if report.overall.queries > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn show_command(index: &Path, args: ShowArgs, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let fihris = Fihris::open(index)?;
    let Some(article) = fihris.get(&args.id, args.raw)? else {
        no_article(&args.id, index);
        return Ok(Outcome::NothingFound);
    };
    printer.article(&article)?;
    Ok(Outcome::Found)
}

fn stats_command(index: &Path, args: StatsArgs, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let fihris = Fihris::open(index)?;
    let options = StatsOptions {
        query: (!args.query.is_empty()).then(|| args.query.join(" ")),
        by: match args.by {
            StatsByChoice::Year => StatsBy::Year,
            StatsByChoice::Month => StatsBy::Month,
            StatsByChoice::Source => StatsBy::Source,
            StatsByChoice::Author => StatsBy::Author,
            StatsByChoice::Lang => StatsBy::Lang,
        },
        filters: args.filters.into(),
        cross: !args.no_cross,
        broad: args.broad,
    };
    let stats = fihris.stats(&options)?;
    if stats.undated_excluded > 0 {
        eprintln!("{}", output::undated_note(stats.undated_excluded));
    }
    printer.stats(&stats)?;
    Ok(if stats.total == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// Says on stderr that no article has `id` (exit code 1 follows, as for
/// nothing found).
fn no_article(id: &str, index: &Path) {
    eprintln!("fihris: no article with id {id:?} in {}", index.display());
}

fn explain_match_command(
    index: &Path,
    args: ExplainMatchArgs,
    printer: &mut Printer<impl Write>,
) -> Result<Outcome> {
    let fihris = Fihris::open(index)?;
    let options = ExplainMatchOptions {
        word: args.word,
        id: args.id,
        broad: args.broad,
    };
    let Some(explanation) = fihris.explain_match(&options)? else {
        no_article(options.id.as_deref().unwrap_or_default(), index);
        return Ok(Outcome::NothingFound);
    };
    printer.explain_match(&explanation)?;
    Ok(
        if explanation.matches > 0 || explanation.forms.iter().any(|f| f.broad) {
            Outcome::Found
        } else {
            Outcome::NothingFound
        },
    )
}

fn status_command(index: &Path, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let fihris = Fihris::open(index)?;
    let info = fihris.info().clone();
    let by_lang = fihris.stats(&StatsOptions {
        query: None,
        by: StatsBy::Lang,
        filters: Default::default(),
        cross: false,
        broad: false,
    })?;
    // What a sync of the same roots would do, computed without writing.
    let roots: Vec<PathBuf> = info.roots.iter().map(PathBuf::from).collect();
    let pending = if roots.is_empty() {
        None
    } else {
        let options = BuildOptions {
            dry_run: true,
            follow: info.follow,
            stemmer: info.stemmer(),
            ..BuildOptions::new(roots)
        };
        Some(build_index(index, &options).map_err(|e| anyhow::anyhow!("{e}")))
    };
    printer.status(&output::IndexStatus {
        index,
        info: &info,
        by_lang: &by_lang,
        pending: pending.as_ref(),
    })?;
    Ok(Outcome::Found)
}

/// `fihris check`: the index verified, or an error naming the damage.
fn check_command(index: &Path, args: CheckArgs, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let report = fihris_index::check(index)?;
    let digest = format!("{:016x}", report.digest);
    let out = printer.writer();
    if args.json {
        let object = serde_json::json!({
            "index": index.display().to_string(),
            "articles": report.articles,
            "segments": report.segments,
            "digest": digest,
        });
        writeln!(out, "{object}")?;
    } else {
        writeln!(
            out,
            "{}: ok, {} articles in {} segments, checksums verified, digest {digest}",
            index.display(),
            report.articles,
            report.segments
        )?;
    }
    Ok(Outcome::Found)
}

fn related_command(index: &Path, args: RelatedArgs, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let fihris = Fihris::open(index)?;
    let options = RelatedOptions {
        limit: args.limit,
        filters: args.filters.into(),
        cross: !args.no_cross,
        read: (&args.limits).into(),
    };
    let results = fihris.related(&RelatedTo::Id(args.article), &options)?;
    printer.related(&results)?;
    Ok(if results.hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn dups_command(index: &Path, args: DupsArgs, printer: &mut Printer<impl Write>) -> Result<Outcome> {
    let fihris = Fihris::open(index)?;
    let options = DupsOptions {
        threshold: args.threshold,
        min_size: usize::try_from(args.min_size).unwrap_or(usize::MAX),
        filters: args.filters.into(),
    };
    let mut groups = fihris.duplicates(&options)?;
    let total = groups.len();
    if let Some(limit) = args.limit {
        groups.truncate(limit);
    }
    printer.dups(&groups, total, args.threshold)?;
    Ok(if groups.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
