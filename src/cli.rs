//! Command-line arguments (clap), converted into the library's options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fihris_search::Lang;

/// fihris: search French and Arabic press articles.
///
/// Builds a local index of article files (txt, html, json, jsonl) and
/// answers ranked queries with accent- and spelling-tolerant matching in
/// both languages. No server to run; `fihris serve` adds a local web page.
#[derive(Debug, Parser)]
#[command(name = "fihris", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index folder [default: index/ in the current folder]
    #[arg(long, global = true, env = "FIHRIS_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal, unless NO_COLOR is set or
    /// CLICOLOR is 0 (CLICOLOR_FORCE colours anyway)
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

impl From<ColorChoice> for crate::output::ColorWhen {
    fn from(c: ColorChoice) -> Self {
        match c {
            ColorChoice::Auto => crate::output::ColorWhen::Auto,
            ColorChoice::Always => crate::output::ColorWhen::Always,
            ColorChoice::Never => crate::output::ColorWhen::Never,
        }
    }
}

impl Command {
    /// The output format the command's flags ask for (`--json`, `--csv`).
    pub fn format(&self) -> crate::output::Format {
        use crate::output::Format;
        let (json, csv) = match self {
            Command::Index(a) => (a.json, false),
            Command::Search(a) => (a.json, a.csv),
            Command::Eval(a) => (a.json, false),
            Command::Status(a) => (a.json, false),
            Command::Check(a) => (a.json, false),
            Command::Show(a) => (a.json, false),
            Command::Stats(a) => (a.json, a.csv),
            Command::ExplainMatch(a) => (a.json, false),
            Command::Related(a) => (a.json, false),
            Command::Dups(a) => (a.json, false),
            Command::Serve(_) | Command::Completions(_) | Command::Man(_) => (false, false),
        };
        match (json, csv) {
            (true, _) => Format::Json,
            (false, true) => Format::Csv,
            (false, false) => Format::Human,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index from folders or files of articles.
    ///
    /// Indexes every .txt, .md, .html/.htm, .json and .jsonl file (also
    /// gzip-compressed) under the given paths (default: corpus/). An existing
    /// index is synced: only new and changed files are read, removed files'
    /// articles are deleted, all in one atomic commit. Files that cannot be
    /// read are reported with the reason and do not stop the run. The old
    /// index stays readable until the new one is committed.
    ///
    /// Example: fihris --index /data/idx index /data/press /data/more
    Index(IndexArgs),
    /// Search the index; best matches first.
    ///
    /// All words must match, in the title or the body (title matches weigh
    /// more). A word matches its inflections (plural, feminine, Arabic
    /// clitics, article and pronouns, broken plurals), not its look-alikes;
    /// a word typed without accents also matches its accented spellings.
    /// Case, French elision ("l'ANEM") and Arabic spelling variants (أ/ا,
    /// harakat) do not matter. "Quoted phrases" match exactly.
    ///
    /// Example: fihris search "pôle emploi" --lang fr --limit 20
    ///
    /// Example: fihris search توأمة --json | jq .title
    Search(SearchArgs),
    /// Measure ranking quality on known-item queries.
    ///
    /// QUERIES is JSON Lines of {"qid", "query", "target", "kind"}: each
    /// query has exactly one right article (target is its id). Prints
    /// MRR@10 and Recall@1/10/100, overall and per kind. Queries are run as
    /// plain words, any of which may match. Use --field body for headline
    /// queries, which would otherwise trivially match the title.
    ///
    /// Example: fihris --index idx-fr eval ../shared/data/queries_fr_dev.jsonl --field body
    Eval(EvalArgs),
    /// Show the index: location, articles by language, last sync, roots, and
    /// the files changed since (without indexing them).
    ///
    /// Example: fihris status
    Status(StatusArgs),
    /// Verify the index: every file's checksum, every stored article, every
    /// id held once.
    ///
    /// Prints the number of articles and segments and a digest of the
    /// stored articles (equal for two indexes holding the same articles).
    /// A damaged index is an error (exit code 2) naming what is wrong.
    ///
    /// Example: fihris check
    Check(CheckArgs),
    /// Print one article: its metadata and full text.
    ///
    /// Example: fihris show fr/anem-pole-emploi-jumelage.txt
    Show(ShowArgs),
    /// Count matching articles per year, month, source, author or language.
    ///
    /// Without a query, counts every article. Filters work as for search.
    /// Articles without a date are counted as "undated" (or, with a date
    /// filter, left out and mentioned on stderr).
    ///
    /// Example: fihris stats jumelage --by year
    ///
    /// Example: fihris stats --by source --lang ar --csv
    Stats(StatsArgs),
    /// Which written forms make articles match a word: to audit a count.
    ///
    /// Over the whole index, each form of WORD that occurs (its plural,
    /// feminine, Arabic clitics and pronouns, broken plurals…) with the
    /// number of articles holding it; with --id, the forms in one article,
    /// as it writes them. --broad also lists the words that share only a
    /// stem with WORD, which `search --broad` would count too.
    ///
    /// Example: fihris explain-match البطالة --broad
    ///
    /// Example: fihris explain-match emploi --id fr/anem-pole-emploi-jumelage.txt
    ExplainMatch(ExplainMatchArgs),
    /// Articles related to one article: the same story from other outlets
    /// (near-duplicates, first), follow-ups, and coverage in the other
    /// language (French ↔ Arabic).
    ///
    /// ARTICLE is an indexed article's id, or any file fihris can read
    /// (indexed or not; FILE#LINE for one article of a JSON Lines file).
    /// Each hit says which words it shares with the article, and through
    /// which translation for the other language.
    ///
    /// Example: fihris related fr/anem-pole-emploi-jumelage.txt
    ///
    /// Example: fihris related ~/Downloads/depeche.html --lang ar --json
    Related(RelatedArgs),
    /// Groups of near-duplicate articles: the same story published more
    /// than once (wire copies, republications), the earliest first.
    ///
    /// Similarity is the estimated share of content words two bodies have
    /// in common (Jaccard, by MinHash); boilerplate that indexing removed
    /// does not count.
    ///
    /// Example: fihris dups --threshold 0.7 --lang fr
    Dups(DupsArgs),
    /// Serve a local web page and a JSON API over the index.
    ///
    /// The page searches with the query syntax and filters of `search`,
    /// shows articles with their related articles and near-duplicates, and
    /// charts coverage; `/api/search`, `/api/show`, `/api/related`,
    /// `/api/dups` and `/api/stats` answer JSON Lines, the same as the
    /// commands' `--json`. A sync by `fihris index` in another process is
    /// picked up after its commit, without a restart. Binds to loopback;
    /// another address needs an access token (--token or FIHRIS_TOKEN),
    /// sent as `Authorization: Bearer TOKEN` or `?token=TOKEN`.
    ///
    /// Example: fihris --index /data/idx serve --open
    ///
    /// Example: FIHRIS_TOKEN=s3cret fihris serve --bind 0.0.0.0:7878
    Serve(ServeArgs),
    /// Print the shell completion script for SHELL.
    ///
    /// Example: fihris completions bash > ~/.local/share/bash-completion/completions/fihris
    ///
    /// Example: fihris completions zsh > ~/.zfunc/_fihris
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of fihris, or of one command.
    ///
    /// Example: fihris man > ~/.local/share/man/man1/fihris.1
    ///
    /// Example: fihris man search > ~/.local/share/man/man1/fihris-search.1
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// An indexed article's id, or a file (FILE#LINE for one line of a .jsonl file)
    #[arg(value_name = "ARTICLE")]
    pub article: String,

    /// Maximum number of hits
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Only the article's own language: no French ↔ Arabic matches
    #[arg(long)]
    pub no_cross: bool,

    /// JSON Lines output: one object per hit
    #[arg(long)]
    pub json: bool,

    // Caps when ARTICLE is a file, as `fihris index` reads it.
    #[command(flatten)]
    pub limits: ReadLimitArgs,
}

#[derive(Debug, Args)]
pub struct DupsArgs {
    /// Smallest estimated similarity (0 to 1) that makes two articles copies
    #[arg(long, default_value_t = fihris_search::DUPLICATE_THRESHOLD, value_parser = parse_threshold, value_name = "T")]
    pub threshold: f32,

    /// Smallest group shown
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(2..), value_name = "N")]
    pub min_size: u64,

    /// Show at most N groups (largest first)
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// JSON Lines output: one object per group
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (fihris's own page without it)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at
    /// start-up)
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub bind: std::net::SocketAddr,

    /// Access token every request must carry; required to bind an address
    /// other than loopback
    #[arg(long, env = "FIHRIS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,

    /// Open the page in the default browser once serving
    #[arg(long)]
    pub open: bool,
}

fn parse_threshold(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        _ => Err(format!("invalid threshold {s:?}: expected a number from 0 to 1")),
    }
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print the status as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the result as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id (as printed by search)
    #[arg(value_name = "ID")]
    pub id: String,

    /// Print the article as one JSON object (id, path, title, lang, date, source, body, author)
    #[arg(long)]
    pub json: bool,

    /// Also print the boilerplate that indexing removed from the text (teasers
    /// for other articles, sharing and copyright lines); JSON field "boilerplate"
    #[arg(long)]
    pub raw: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The query (all articles when omitted)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// What to count by
    #[arg(long, value_enum, default_value_t = StatsByChoice::Year)]
    pub by: StatsByChoice,

    /// Only the query's own language: no French ↔ Arabic expansion
    #[arg(long)]
    pub no_cross: bool,

    /// Let stems decide what matches, not only how hits rank: a word also
    /// matches its stem family and look-alikes (جامعة also finds جامع,
    /// formation also finds forme). By default a word matches only its
    /// inflections
    #[arg(long)]
    pub broad: bool,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// JSON Lines output: one object {"bucket", "count"} per bucket
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// CSV output with a header row (bucket, count)
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct ExplainMatchArgs {
    /// One word, as you would search it
    #[arg(value_name = "WORD")]
    pub word: String,

    /// Explain one article (its id, as printed by search) instead of the whole index
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// Also list the words that share only a stem with WORD (what --broad adds)
    #[arg(long)]
    pub broad: bool,

    /// JSON Lines output: one object per form
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsByChoice {
    /// Publication year
    Year,
    /// Publication month
    Month,
    /// Publisher
    Source,
    /// Author
    Author,
    /// Language
    Lang,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Known-item query set (JSON Lines)
    #[arg(value_name = "QUERIES")]
    pub queries: PathBuf,

    /// Fields to search
    #[arg(long, value_enum, default_value_t = EvalField::All)]
    pub field: EvalField,

    /// Without French ↔ Arabic expansion
    #[arg(long)]
    pub no_cross: bool,

    /// Rank only articles in this language (for cross-lingual evaluation)
    #[arg(long, value_parser = parse_lang, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Let stems decide what matches, as --broad does for search
    #[arg(long)]
    pub broad: bool,

    /// Print the figures as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalField {
    /// The body only
    Body,
    /// Title and body
    All,
}

/// The size caps of reading a file, shared by `index` and `related FILE`.
#[derive(Debug, Args)]
pub struct ReadLimitArgs {
    /// Skip files larger than this many MiB (decompressed size for .gz)
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..), value_name = "MIB")]
    pub max_file_size: u64,

    /// Skip articles of more than this many MiB of text (title and body); a .txt, .md or .html file or a JSON Lines record 4 times larger is skipped unread
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..), value_name = "MIB")]
    pub max_article_size: u64,
}

impl From<&ReadLimitArgs> for fihris_ingest::ReadOptions {
    fn from(args: &ReadLimitArgs) -> Self {
        fihris_ingest::ReadOptions {
            max_bytes: args.max_file_size.saturating_mul(1 << 20),
            max_article_bytes: args.max_article_size.saturating_mul(1 << 20),
        }
    }
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index [default: corpus/]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Rebuild from scratch instead of syncing (reading only new and changed files)
    #[arg(long)]
    pub full: bool,

    /// Say what would be added, changed and removed; write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Follow symbolic links that lead out of the folder being indexed (by
    /// default they are reported and skipped; links inside it are followed)
    #[arg(long)]
    pub follow: bool,

    /// JSON Lines report: one object per added, changed, removed or skipped file, then a summary
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub limits: ReadLimitArgs,

    /// Stemmer of the stemmed fields (for comparisons; the default measures best)
    #[arg(long, value_enum, default_value_t = StemmerChoice::Multi)]
    pub stemmer: StemmerChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StemmerChoice {
    /// No stemming (stopwords still removed)
    None,
    /// Snowball French and Arabic (rust-stemmers)
    Snowball,
    /// Light stemmers: Savoy French, Larkey light10 Arabic
    Light,
    /// Light stemmers, Arabic with the exception list for root-initial و/ف
    LightExceptions,
    /// Light French; Arabic: an aggressive stem of every clitic reading
    Multi,
}

impl From<StemmerChoice> for fihris_search::Stemmer {
    fn from(c: StemmerChoice) -> Self {
        match c {
            StemmerChoice::None => fihris_search::Stemmer::None,
            StemmerChoice::Snowball => fihris_search::Stemmer::Snowball,
            StemmerChoice::Light => fihris_search::Stemmer::Light,
            StemmerChoice::LightExceptions => fihris_search::Stemmer::LightExceptions,
            StemmerChoice::Multi => fihris_search::Stemmer::Multi,
        }
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several arguments are joined with spaces)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Maximum number of hits
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Skip the first N hits (paging)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order of the hits
    #[arg(long, value_enum, default_value_t = SortChoice::Score)]
    pub sort: SortChoice,

    /// Any word may match (ranked by how many and how rare), instead of all
    #[arg(long)]
    pub any: bool,

    /// Only the query's own language: no French ↔ Arabic expansion
    #[arg(long)]
    pub no_cross: bool,

    /// Let stems decide what matches, not only how hits rank: a word also
    /// matches its stem family and look-alikes (جامعة also finds جامع,
    /// formation also finds forme). By default a word matches only its
    /// inflections
    #[arg(long)]
    pub broad: bool,

    /// Show which terms (from the query or translated) matched each hit, and their scores
    #[arg(long)]
    pub explain: bool,

    /// One hit per story: near-duplicates (the same story from several outlets)
    /// are folded into their best-ranked copy, which lists the others' ids
    #[arg(long)]
    pub collapse: bool,

    /// JSON Lines output: one object per hit
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// CSV output with a header row (id, path, title, lang, date, source, score, snippet, author)
    #[arg(long)]
    pub csv: bool,
}

/// Filters shared by `search`, `stats`, `related` and `dups`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles in this language (fr, ar, …)
    #[arg(long, value_parser = parse_lang, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = parse_since, value_name = "DATE")]
    pub since: Option<fihris_search::Date>,

    /// Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = parse_until, value_name = "DATE")]
    pub until: Option<fihris_search::Date>,

    /// Only articles whose source (publisher) contains NAME
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,

    /// Only articles whose author contains NAME
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}

impl From<FilterArgs> for fihris_search::Filters {
    fn from(f: FilterArgs) -> Self {
        fihris_search::Filters {
            lang: f.lang,
            since: f.since,
            until: f.until,
            source: f.source,
            author: f.author,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortChoice {
    /// Best match first
    Score,
    /// Newest first (undated articles last)
    Date,
}

fn parse_since(s: &str) -> Result<fihris_search::Date, String> {
    fihris_search::parse_date_bound(s, fihris_search::PeriodEnd::Start)
}

fn parse_until(s: &str) -> Result<fihris_search::Date, String> {
    fihris_search::parse_date_bound(s, fihris_search::PeriodEnd::End)
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}
