//! The machine-readable contract of fihris: every JSON object and CSV
//! column the commands print, in one place (README.md, "--json" and
//! "--csv" of each command, says the same).
//!
//! These types are the CLI's own, built from the library's results by
//! `From` and small functions; the library's types are never serialized
//! directly, so renaming a field in `crates/` cannot change the output.
//! The rule: a field may be added, never renamed or removed, and fields
//! keep their order (JSON objects are written in the order of the struct's
//! fields; CSV columns in the order of the header). An added field goes
//! last: `author` (the article's writer(s), or null) ends every object
//! about one article and the CSV rows of `search`.
//!
//! | command | `--json` | `--csv` |
//! |---|---|---|
//! | `search` | one [`SearchHit`] per line | [`hit_header`], [`hit_record`] |
//! | `show` | one [`ShownArticle`] | — |
//! | `related` | one [`RelatedHit`] per line | — |
//! | `dups` | one [`DupGroup`] per line | — |
//! | `stats` | one [`Bucket`] per line | [`BUCKET_HEADER`], [`bucket_record`] |
//! | `explain-match` | one [`Form`] per line | — |
//! | `status` | one [`Status`] | — |
//! | `index` | one [`FileEvent`] per file, then a [`BuildSummary`] | — |
//! | `eval` | one [`EvalFigures`] | — |

use std::collections::BTreeMap;
use std::io::{self, Write};

use fihris_eval::Metrics;
use fihris_index::{BuildReport, Change};
use fihris_search::{ArticleMeta, MatchExplanation, Snippet};
use serde::Serialize;

use super::term::{MARK_CLOSE, MARK_OPEN};

/// Writes `value` as one line of JSON (JSON Lines).
pub fn json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// What names and places an article, first in every object about one:
/// `id`, `path` (the file it was read from), `title` ("" if none), `lang`
/// (`fr`, `ar`, another ISO 639-1 code, or `und`), `date` (`YYYY-MM-DD` or
/// null) and `source` (the publisher, or null).
#[derive(Serialize)]
pub struct Article<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub title: &'a str,
    pub lang: &'a str,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
}

impl<'a> From<&'a ArticleMeta> for Article<'a> {
    fn from(m: &'a ArticleMeta) -> Self {
        Article {
            id: &m.id,
            path: &m.path,
            title: &m.title,
            lang: &m.lang,
            date: m.date.as_deref(),
            source: m.source.as_deref(),
        }
    }
}

/// `search --json`: one hit. The [`Article`] fields, then `score` (BM25,
/// higher is better), `snippet` (the best passage of the body, matched
/// words between `**`), with `--explain` `matched_terms`, with
/// `--collapse` `copies` (the ids of the story's other copies), and
/// `author` (the article's writer(s), or null).
#[derive(Serialize)]
pub struct SearchHit<'a> {
    #[serde(flatten)]
    pub article: Article<'a>,
    pub score: f32,
    pub snippet: String,
    /// Only with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_terms: Option<Vec<MatchedTerm<'a>>>,
    /// Only with `--collapse`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copies: Option<&'a [String]>,
    pub author: Option<&'a str>,
}

impl<'a> SearchHit<'a> {
    /// The hit as printed; `collapse` when the search folded stories (then
    /// `copies` is there, empty or not).
    pub fn new(hit: &'a fihris_search::Hit, collapse: bool) -> Self {
        SearchHit {
            article: (&hit.meta).into(),
            score: hit.score,
            snippet: marked(&hit.snippet, MARK_OPEN, MARK_CLOSE),
            matched_terms: hit
                .matched_terms
                .as_ref()
                .map(|terms| terms.iter().map(MatchedTerm::from).collect()),
            copies: collapse.then_some(hit.copies.as_slice()),
            author: hit.meta.author.as_deref(),
        }
    }
}

/// A term that matched a hit (`search --explain`): the `term` as indexed
/// (normalized; a stem in the `_stem` fields), its `field` (`title`,
/// `body`, `title_stem`, `body_stem`, `source`…), whether it is
/// `translated` (from the cross-lingual expansion), and its BM25 `score`
/// in that field.
#[derive(Serialize)]
pub struct MatchedTerm<'a> {
    pub term: &'a str,
    pub field: &'a str,
    pub translated: bool,
    pub score: f32,
}

impl<'a> From<&'a fihris_search::MatchedTerm> for MatchedTerm<'a> {
    fn from(t: &'a fihris_search::MatchedTerm) -> Self {
        MatchedTerm {
            term: &t.term,
            field: &t.field,
            translated: t.translated,
            score: t.score,
        }
    }
}

/// `search --csv`: the columns of [`SearchHit`], in its order; with
/// `--explain`, `matched_terms` (see [`terms_line`]); with `--collapse`,
/// `copies` (ids separated by spaces); always last, `author`.
pub fn hit_header(explain: bool, collapse: bool) -> Vec<&'static str> {
    let mut header = vec![
        "id", "path", "title", "lang", "date", "source", "score", "snippet",
    ];
    if explain {
        header.push("matched_terms");
    }
    if collapse {
        header.push("copies");
    }
    header.push("author");
    header
}

/// One row under [`hit_header`]: null fields are empty.
pub fn hit_record(hit: &fihris_search::Hit, collapse: bool) -> Vec<String> {
    let m = &hit.meta;
    let mut row = vec![
        m.id.clone(),
        m.path.clone(),
        m.title.clone(),
        m.lang.clone(),
        m.date.clone().unwrap_or_default(),
        m.source.clone().unwrap_or_default(),
        format!("{}", hit.score),
        marked(&hit.snippet, MARK_OPEN, MARK_CLOSE),
    ];
    if let Some(terms) = &hit.matched_terms {
        row.push(terms_line(terms));
    }
    if collapse {
        row.push(hit.copies.join(" "));
    }
    row.push(m.author.clone().unwrap_or_default());
    row
}

/// `field:term score` for each matched term, "; "-separated; translated
/// terms are marked "(translated)". The CSV `matched_terms` column, and
/// the `matched:` line of the human output.
pub fn terms_line(terms: &[fihris_search::MatchedTerm]) -> String {
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

/// `show --json`: the [`Article`] fields, `body` (paragraphs separated by
/// a blank line), with `--raw` `boilerplate` (what indexing removed), and
/// `author` (the writer(s), or null).
#[derive(Serialize)]
pub struct ShownArticle<'a> {
    #[serde(flatten)]
    pub article: Article<'a>,
    pub body: &'a str,
    /// Only with `--raw`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boilerplate: Option<&'a str>,
    pub author: Option<&'a str>,
}

impl<'a> From<&'a fihris_search::StoredArticle> for ShownArticle<'a> {
    fn from(a: &'a fihris_search::StoredArticle) -> Self {
        ShownArticle {
            article: (&a.meta).into(),
            body: &a.body,
            boilerplate: a.boilerplate.as_deref(),
            author: a.meta.author.as_deref(),
        }
    }
}

/// `related --json`: one related article: `rank` (from 1), the [`Article`]
/// fields, `score` (0–1), `duplicate` (the estimated similarity of the
/// bodies for a near-duplicate, else null), `cross` (true for the other
/// language than the source's), `shared` and `author` (the writer(s), or
/// null).
#[derive(Serialize)]
pub struct RelatedHit<'a> {
    pub rank: usize,
    #[serde(flatten)]
    pub article: Article<'a>,
    pub score: f32,
    pub duplicate: Option<f32>,
    pub cross: bool,
    pub shared: Vec<SharedTerm<'a>>,
    pub author: Option<&'a str>,
}

impl<'a> From<&'a fihris_search::RelatedHit> for RelatedHit<'a> {
    fn from(h: &'a fihris_search::RelatedHit) -> Self {
        RelatedHit {
            rank: h.rank,
            article: (&h.meta).into(),
            score: h.score,
            duplicate: h.duplicate,
            cross: h.cross,
            shared: h.shared.iter().map(SharedTerm::from).collect(),
            author: h.meta.author.as_deref(),
        }
    }
}

/// A word a related article shares with the source: the `word` as the
/// source writes it, the indexed `term` that matched (stem, translation or
/// anchor), the word(s) `matched` as the hit writes them, and whether it
/// is `translated`.
#[derive(Serialize)]
pub struct SharedTerm<'a> {
    pub word: &'a str,
    pub term: &'a str,
    pub matched: &'a str,
    pub translated: bool,
}

impl<'a> From<&'a fihris_search::SharedTerm> for SharedTerm<'a> {
    fn from(t: &'a fihris_search::SharedTerm) -> Self {
        SharedTerm {
            word: &t.word,
            term: &t.term,
            matched: &t.matched,
            translated: t.translated,
        }
    }
}

/// `dups --json`: one group of near-duplicates: `group` (1, 2, …),
/// `size`, `earliest` (the id of its earliest member) and `members`, the
/// earliest first.
#[derive(Serialize)]
pub struct DupGroup<'a> {
    pub group: usize,
    pub size: usize,
    pub earliest: &'a str,
    pub members: Vec<DupMember<'a>>,
}

impl<'a> DupGroup<'a> {
    /// The `number`th group shown (from 1).
    pub fn new(number: usize, group: &'a fihris_search::DupGroup) -> Self {
        DupGroup {
            group: number,
            size: group.members.len(),
            earliest: &group.earliest().meta.id,
            members: group
                .members
                .iter()
                .enumerate()
                .map(|(k, m)| DupMember {
                    article: (&m.meta).into(),
                    similarity: m.similarity,
                    earliest: k == 0,
                    author: m.meta.author.as_deref(),
                })
                .collect(),
        }
    }
}

/// A member of a [`DupGroup`]: the [`Article`] fields, `similarity` (to
/// the earliest; 1 for itself), `earliest` (true for the first) and
/// `author` (the writer(s), or null).
#[derive(Serialize)]
pub struct DupMember<'a> {
    #[serde(flatten)]
    pub article: Article<'a>,
    pub similarity: f32,
    pub earliest: bool,
    pub author: Option<&'a str>,
}

/// `stats --json`: one bucket (a year, a month, a source, an author or a
/// language) and the `count` of its articles.
#[derive(Serialize)]
pub struct Bucket<'a> {
    pub bucket: &'a str,
    pub count: u64,
}

/// `stats --csv`: the columns of [`Bucket`].
pub const BUCKET_HEADER: [&str; 2] = ["bucket", "count"];

/// One row under [`BUCKET_HEADER`].
pub fn bucket_record(bucket: &str, count: u64) -> [String; 2] {
    [bucket.to_string(), count.to_string()]
}

/// `explain-match --json`: one form of the word: the `word` asked about,
/// the article `id` (null over the whole index), the `form`, whether it is
/// `broad` (shares only a stem), its `count` (articles holding it, or
/// occurrences in the article), the spellings `written` in the article
/// (with `--id`), and `matches` (the word's match count, or 1/0 for the
/// article).
#[derive(Serialize)]
pub struct Form<'a> {
    pub word: &'a str,
    pub id: Option<&'a str>,
    pub form: &'a str,
    pub broad: bool,
    pub count: u64,
    pub written: &'a [String],
    pub matches: u64,
}

/// The forms of an explanation, in its order.
pub fn forms(e: &MatchExplanation) -> impl Iterator<Item = Form<'_>> {
    e.forms.iter().map(|f| Form {
        word: &e.word,
        id: e.id.as_deref(),
        form: &f.form,
        broad: f.broad,
        count: f.count,
        written: &f.written,
        matches: e.matches,
    })
}

/// `status --json`, one object; its fields in alphabetical order (as
/// fihris has always written them): the files `added`, `changed` and
/// `removed` under the roots since the last sync (empty when unknown), the
/// number of `articles` and their count `by_lang`, the `index` folder, the
/// time of the last sync `last_sync` (seconds since the Unix epoch), the
/// `roots` it was built from and its `stemmer`.
#[derive(Serialize)]
pub struct Status<'a> {
    pub added: Vec<String>,
    pub articles: u64,
    pub by_lang: BTreeMap<&'a str, u64>,
    pub changed: Vec<String>,
    pub index: String,
    pub last_sync: u64,
    pub removed: Vec<String>,
    pub roots: &'a [String],
    pub stemmer: &'a str,
}

/// The paths of a build report's files with `change`, as printed.
pub fn changed_paths(report: Option<&BuildReport>, change: Change) -> Vec<String> {
    report
        .map(|r| {
            r.changes
                .iter()
                .filter(|(_, c)| *c == change)
                .map(|(p, _)| p.display().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// `index --json`: one file's `event` (`added`, `changed`, `removed` or
/// `skipped`) and its `path`; for a skipped file or record, the `reason`,
/// and the `line` of a record of a JSON Lines file.
#[derive(Serialize)]
pub struct FileEvent<'a> {
    pub event: &'a str,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

/// The name of a change: `added`, `changed` or `removed`.
pub fn change_name(change: Change) -> &'static str {
    match change {
        Change::Added => "added",
        Change::Changed => "changed",
        Change::Removed => "removed",
    }
}

/// `index --json`, the last line: `event` `summary`, the `index` folder,
/// `dry_run`, whether it was a `full` rebuild, the supported `files`
/// found, the `articles` in the index after the build and their count
/// `by_lang`, the files `added`, `changed`, `removed`, `unchanged` and
/// `skipped`, and the wall time in `seconds`.
#[derive(Serialize)]
pub struct BuildSummary<'a> {
    pub event: &'a str,
    pub index: String,
    pub dry_run: bool,
    pub full: bool,
    pub files: usize,
    pub articles: usize,
    pub by_lang: &'a BTreeMap<String, usize>,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub seconds: f64,
}

/// `eval --json`, one object: the [`Figures`] over all queries, then
/// `by_kind`, the figures of each query kind.
#[derive(Serialize)]
pub struct EvalFigures<'a> {
    #[serde(flatten)]
    pub overall: Figures,
    pub by_kind: BTreeMap<&'a str, Figures>,
}

impl<'a> From<&'a fihris_eval::EvalReport> for EvalFigures<'a> {
    fn from(r: &'a fihris_eval::EvalReport) -> Self {
        EvalFigures {
            overall: r.overall.into(),
            by_kind: r
                .by_kind
                .iter()
                .map(|(kind, m)| (kind.as_str(), (*m).into()))
                .collect(),
        }
    }
}

/// Known-item figures: the number of `queries`, `mrr10` (mean reciprocal
/// rank of the target, 0 beyond rank 10), `recall1`, `recall10`,
/// `recall100` (share of queries with the target in the top 1, 10, 100)
/// and `missing_targets` (targets not in the index, counted as misses),
/// named here and not by the library's type.
pub struct Figures(Metrics);

impl From<Metrics> for Figures {
    fn from(m: Metrics) -> Self {
        Figures(m)
    }
}

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let m = &self.0;
        let mut out = serializer.serialize_struct("Figures", 6)?;
        out.serialize_field("queries", &m.queries)?;
        out.serialize_field("mrr10", &m.mrr10)?;
        out.serialize_field("recall1", &m.recall1)?;
        out.serialize_field("recall10", &m.recall10)?;
        out.serialize_field("recall100", &m.recall100)?;
        out.serialize_field("missing_targets", &m.missing_targets)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn article_fields_in_order() {
        let meta = ArticleMeta {
            id: "fr/a.txt".into(),
            path: "corpus/fr/a.txt".into(),
            title: "Titre".into(),
            lang: "fr".into(),
            date: None,
            source: Some("APS".into()),
            author: Some("Nadia B.".into()),
        };
        let json = serde_json::to_string(&Article::from(&meta)).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"id":"fr/a.txt","path":"corpus/fr/a.txt","title":"Titre","lang":"fr","date":null,"source":"APS"}"#
        );
    }
}
