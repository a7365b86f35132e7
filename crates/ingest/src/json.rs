//! JSON records: `.jsonl` (one object per line) and `.json` (one object or
//! an array of objects).
//!
//! Fields: `id` (string or number), `title`, `body` (or `text`/`content`),
//! `lang`, `date` (YYYY-MM-DD or an ISO datetime), `source`, `author` (a
//! string, an object with a `name`, or an array of them, joined with ", ");
//! others are ignored, so the evaluation data (with `category`, `url`) reads as is. A
//! record without an `id` gets `file.jsonl#LINE` (`file.json#N` for the N-th
//! element of an array). One bad line is reported with its number and does
//! not stop the others.

use fihris_lang::Lang;
use rayon::prelude::*;
use serde::Deserialize;

use crate::date::{find_date, Date};
use crate::error::{self, IngestError};
use crate::{language_of, squeeze_spaces, Article, FileArticles, FileEntry, ReadOptions, Skipped};

#[derive(Debug, Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    title: Option<String>,
    #[serde(alias = "text", alias = "content")]
    body: Option<String>,
    lang: Option<String>,
    date: Option<String>,
    source: Option<String>,
    author: Option<serde_json::Value>,
}

pub(crate) fn parse_lines(entry: &FileEntry, text: &str, options: &ReadOptions) -> FileArticles {
    parse_numbered(entry, &numbered_lines(text, options), options)
}

/// The articles of a JSON Lines text handed to `sink` in parts of at most
/// `records` records, in line order: only one part's articles are in
/// memory at a time.
pub(crate) fn parse_lines_in_parts(
    entry: &FileEntry,
    text: &str,
    options: &ReadOptions,
    records: usize,
    sink: &mut dyn FnMut(FileArticles),
) {
    for part in numbered_lines(text, options).chunks(records.max(1)) {
        sink(parse_numbered(entry, part, options));
    }
}

/// The lines that are not blank, with their line numbers (from 1). A line
/// too long to be read is kept even when blank, as the streamed reading,
/// which does not keep it, counts it.
fn numbered_lines<'t>(text: &'t str, options: &ReadOptions) -> Vec<(usize, &'t str)> {
    let holder = options.max_holder_bytes();
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.len() as u64 > holder || !line.trim().is_empty())
        .map(|(i, line)| (i + 1, line))
        .collect()
}

pub(crate) fn parse_numbered(
    entry: &FileEntry,
    lines: &[(usize, &str)],
    options: &ReadOptions,
) -> FileArticles {
    // Records are independent: a large file is parsed on every core, and
    // the results are taken back in line order.
    let results: Vec<(usize, Result<Repaired, String>)> = lines
        .par_iter()
        .map(|&(line_no, line)| {
            let result = record_of(line, options)
                .and_then(|r| to_article(entry, r, &format!("{}#{line_no}", entry.id), options))
                .map(|(a, repairs)| {
                    (
                        Article {
                            line: Some(line_no),
                            ..a
                        },
                        repairs,
                    )
                });
            (line_no, result)
        })
        .collect();
    let mut out = FileArticles::default();
    for (line_no, result) in results {
        add(&mut out, entry, Some(line_no), result);
    }
    out
}

/// The record of a JSON Lines line, or why it is skipped. A line longer
/// than [`ReadOptions::max_holder_bytes`] is not parsed; one longer than
/// the article cap is measured first, its title and body not copied (their
/// text is never longer than their JSON), and refused when they are over
/// the cap.
fn record_of(line: &str, options: &ReadOptions) -> Result<Record, String> {
    let len = line.len() as u64;
    if len > options.max_holder_bytes() {
        return Err(record_too_large(len, options));
    }
    if len > options.max_article_bytes {
        if let Ok(sizes) = serde_json::from_str::<Sizes>(line) {
            let text = sizes.title.map_or(0, |t| t.0) + sizes.body.map_or(0, |b| b.0);
            if text as u64 > options.max_article_bytes {
                return Err(error::article_too_large(text as u64, options.max_article_bytes));
            }
        }
    }
    serde_json::from_str::<Record>(line).map_err(|e| json_reason(&e))
}

/// The reason a JSON Lines record of `len` bytes is skipped unread.
pub(crate) fn record_too_large(len: u64, options: &ReadOptions) -> String {
    error::holder_too_large(error::Holder::Record, Some(len), options.max_holder_bytes())
}

/// The lengths of a record's title and body (in bytes, once unescaped),
/// read without building them when they have no escapes; other fields are
/// skipped over.
#[derive(Deserialize)]
struct Sizes {
    title: Option<TextLen>,
    #[serde(alias = "text", alias = "content")]
    body: Option<TextLen>,
}

/// The length of a JSON string.
struct TextLen(usize);

impl<'de> Deserialize<'de> for TextLen {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = TextLen;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TextLen, E> {
                Ok(TextLen(v.len()))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Adds a record's article to `out`, or the reason it was skipped.
fn add(out: &mut FileArticles, entry: &FileEntry, line: Option<usize>, result: Result<Repaired, String>) {
    match result {
        Ok((article, repairs)) => {
            out.articles.push(article);
            out.mojibake_repairs += repairs;
        }
        Err(reason) => out.skipped.push(Skipped {
            path: entry.path.clone(),
            line,
            reason,
        }),
    }
}

pub(crate) fn parse_document(
    entry: &FileEntry,
    text: &str,
    options: &ReadOptions,
) -> Result<FileArticles, IngestError> {
    let parse_error = |reason: String| IngestError::Parse {
        path: entry.path.clone(),
        reason,
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| parse_error(json_reason(&e)))?;
    let mut out = FileArticles::default();
    match value {
        serde_json::Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                let n = i + 1;
                let result = serde_json::from_value::<Record>(item)
                    .map_err(|e| json_reason(&e))
                    .and_then(|r| to_article(entry, r, &format!("{}#{n}", entry.id), options))
                    .map_err(|reason| format!("record {n}: {reason}"));
                add(&mut out, entry, None, result);
            }
        }
        value @ serde_json::Value::Object(_) => {
            let record = serde_json::from_value::<Record>(value).map_err(|e| parse_error(json_reason(&e)))?;
            let record_size = record.text_len();
            let article = to_article(entry, record, &entry.id, options).map_err(|reason| {
                if record_size > options.max_article_bytes {
                    IngestError::ArticleTooLarge {
                        path: entry.path.clone(),
                        reason,
                    }
                } else {
                    parse_error(reason)
                }
            })?;
            add(&mut out, entry, None, Ok(article));
        }
        _ => {
            return Err(parse_error(
                "expected a JSON object or an array of objects".to_string(),
            ))
        }
    }
    Ok(out)
}

impl Record {
    /// Bytes of text of the title and body, as given.
    fn text_len(&self) -> u64 {
        let len = |field: &Option<String>| field.as_ref().map_or(0, String::len);
        (len(&self.title) + len(&self.body)) as u64
    }
}

/// A field's text with its mojibake repaired (counted in `repairs`), in
/// NFC. JSON files are repaired and normalized field by field rather than
/// whole: a field can only be judged once its escapes are decoded, and a
/// file-wide pass would copy the whole file whenever one record needs it.
fn clean(text: &str, repairs: &mut usize) -> String {
    let (repaired, n) = crate::mojibake::repair(text);
    *repairs += n;
    fihris_lang::nfc(&repaired).into_owned()
}

/// [`clean`] for a field already owned: not copied when it is clean
/// (most are), and trimmed in place.
fn clean_owned(text: String, repairs: &mut usize) -> String {
    let (repaired, n) = crate::mojibake::repair(&text);
    *repairs += n;
    let mut out = match repaired {
        std::borrow::Cow::Owned(repaired) => fihris_lang::nfc(&repaired).into_owned(),
        std::borrow::Cow::Borrowed(_) => match fihris_lang::nfc(&text) {
            std::borrow::Cow::Owned(normalized) => normalized,
            std::borrow::Cow::Borrowed(_) => text,
        },
    };
    let end = out.trim_end().len();
    out.truncate(end);
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    out
}

/// An article, and how many mojibake sequences were repaired in it.
type Repaired = (Article, usize);

/// The article of a record, and how many mojibake sequences were repaired
/// in it.
fn to_article(
    entry: &FileEntry,
    record: Record,
    fallback_id: &str,
    options: &ReadOptions,
) -> Result<Repaired, String> {
    let size = record.text_len();
    if size > options.max_article_bytes {
        return Err(error::article_too_large(size, options.max_article_bytes));
    }
    let mut repairs = 0;
    let title = squeeze_spaces(&clean(record.title.as_deref().unwrap_or_default(), &mut repairs));
    let body = clean_owned(record.body.unwrap_or_default(), &mut repairs);
    if title.is_empty() && body.is_empty() {
        return Err("record has no title and no body".to_string());
    }
    let id = match record.id {
        None | Some(serde_json::Value::Null) => fallback_id.to_string(),
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => clean(s.trim(), &mut repairs),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => return Err(format!("invalid id {other}: expected a string or a number")),
    };
    let (body, boilerplate) = crate::boilerplate::strip(&body);
    let lang = match record.lang.as_deref().map(str::parse::<Lang>) {
        Some(Ok(lang)) if lang != Lang::Und => lang,
        _ => language_of(&title, &body, None),
    };
    let date = record
        .date
        .as_deref()
        .and_then(|d| Date::parse_iso(d).or_else(|| find_date(d)));
    let source = record
        .source
        .map(|s| squeeze_spaces(&clean(&s, &mut repairs)))
        .filter(|s| !s.is_empty());
    let author = match record.author.map(|a| author_names(&a)) {
        None => None,
        Some(Some(names)) => Some(squeeze_spaces(&clean(&names, &mut repairs))).filter(|a| !a.is_empty()),
        Some(None) => {
            return Err("invalid author: expected a string, an object with a name or an array of them".into())
        }
    };
    let article = Article {
        id,
        path: entry.path.clone(),
        line: None,
        title,
        body,
        boilerplate,
        lang,
        date,
        source,
        author,
    };
    Ok((article, repairs))
}

/// The names of a record's `author`: a string, an object with a `name`
/// (as schema.org writes it), or an array of them, joined with ", "; null
/// is no name. `None` for anything else.
fn author_names(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(map) => match map.get("name") {
            Some(Value::String(s)) => Some(s.trim().to_string()),
            _ => None,
        },
        Value::Array(items) => {
            let names = items
                .iter()
                .map(|item| match item {
                    Value::Array(_) => None,
                    item => author_names(item),
                })
                .collect::<Option<Vec<String>>>()?;
            let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
            Some(names.join(", "))
        }
        _ => None,
    }
}

/// A serde_json error as a lowercase fragment.
fn json_reason(e: &serde_json::Error) -> String {
    let kind = match e.classify() {
        serde_json::error::Category::Data => "unexpected JSON content",
        serde_json::error::Category::Eof => "truncated JSON",
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => "invalid JSON",
    };
    let msg = e.to_string();
    let msg = match msg.find(" at line ") {
        Some(i) if e.line() <= 1 => format!("{} at column {}", &msg[..i], e.column()),
        _ => msg,
    };
    format!("{kind}: {msg}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;
    use std::path::PathBuf;

    fn entry(id: &str, format: Format) -> FileEntry {
        FileEntry {
            path: PathBuf::from(format!("c/{id}")),
            root: PathBuf::from("c"),
            id: id.to_string(),
            format,
            compression: crate::Compression::None,
        }
    }

    #[test]
    fn lines_with_ids_fallbacks_and_errors() {
        let text = concat!(
            r#"{"id":"w1","title":"Jumelage","body":"Texte.","lang":"fr","date":"2019-03-12","source":"APS"}"#,
            "\n\n",
            r#"{"title":"توأمة","body":"نص المقال","date":null}"#,
            "\n",
            "{not json\n",
            r#"{"id":7,"title":"","body":""}"#,
            "\n",
            r#"{"id":8,"body":"Sans titre, le texte est en français et il est assez long pour la détection."}"#,
            "\n"
        );
        let out = parse_lines(
            &entry("mixed/a.jsonl", Format::JsonLines),
            text,
            &ReadOptions::default(),
        );
        let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["w1", "mixed/a.jsonl#3", "8"]);
        assert_eq!(
            out.articles[0].date.map(|d| d.to_string()),
            Some("2019-03-12".into())
        );
        assert_eq!(out.articles[0].source.as_deref(), Some("APS"));
        assert_eq!(out.articles[1].lang, Lang::Ar);
        assert_eq!(out.articles[1].date, None);
        assert_eq!(out.articles[2].lang, Lang::Fr);
        let skipped: Vec<(Option<usize>, &str)> =
            out.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect();
        assert_eq!(skipped.len(), 2);
        assert_eq!(skipped[0].0, Some(4));
        assert!(
            skipped[0]
                .1
                .starts_with("invalid JSON: key must be a string at column 2"),
            "{}",
            skipped[0].1
        );
        assert_eq!(skipped[1], (Some(5), "record has no title and no body"));
    }

    /// Mojibake is repaired field by field, also when written as JSON
    /// escapes, and counted; clean records are left alone.
    #[test]
    fn mojibake_repaired_in_fields() {
        let text = concat!(
            r#"{"id":"m1","title":"CafÃ© de l'emploi","body":"Le caf\u00c3\u00a9 des recruteurs ouvre.","source":"El Moudjahid"}"#,
            "\n",
            r#"{"id":"m2","title":"SÃO PAULO","body":"Rien à réparer ici."}"#,
            "\n"
        );
        let out = parse_lines(
            &entry("m.jsonl", Format::JsonLines),
            text,
            &ReadOptions::default(),
        );
        assert_eq!(out.articles[0].title, "Café de l'emploi");
        assert_eq!(out.articles[0].body, "Le café des recruteurs ouvre.");
        assert_eq!(out.articles[1].title, "SÃO PAULO");
        assert_eq!(out.mojibake_repairs, 2);
    }

    #[test]
    fn authors_of_records() {
        let text = concat!(
            r#"{"id":"a1","title":"t","body":"b","author":"Nadia  Benali"}"#,
            "\n",
            r#"{"id":"a2","title":"t","body":"b","author":["Nadia B.",{"name":"Karim L."}]}"#,
            "\n",
            r#"{"id":"a3","title":"t","body":"b","author":null}"#,
            "\n",
            r#"{"id":"a4","title":"t","body":"b","author":""}"#,
            "\n",
            r#"{"id":"a5","title":"t","body":"b","author":12}"#,
            "\n"
        );
        let out = parse_lines(
            &entry("au.jsonl", Format::JsonLines),
            text,
            &ReadOptions::default(),
        );
        let authors: Vec<Option<&str>> = out.articles.iter().map(|a| a.author.as_deref()).collect();
        assert_eq!(
            authors,
            [Some("Nadia Benali"), Some("Nadia B., Karim L."), None, None]
        );
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(out.skipped[0].line, Some(5));
        assert!(out.skipped[0].reason.starts_with("invalid author"));
    }

    #[test]
    fn json_document_array_and_object() -> Result<(), IngestError> {
        let out = parse_document(
            &entry("d.json", Format::Json),
            r#"[{"title":"a","body":"b"},{"title":5},{"id":"x","title":"c","body":"d"}]"#,
            &ReadOptions::default(),
        )?;
        let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["d.json#1", "x"]);
        assert_eq!(out.skipped.len(), 1);
        assert!(out.skipped[0]
            .reason
            .starts_with("record 2: unexpected JSON content"));

        let out = parse_document(
            &entry("o.json", Format::Json),
            r#"{"title":"t","text":"corps"}"#,
            &ReadOptions::default(),
        )?;
        assert_eq!(out.articles[0].id, "o.json");
        assert_eq!(out.articles[0].body, "corps");

        assert!(parse_document(&entry("n.json", Format::Json), "42", &ReadOptions::default()).is_err());
        assert!(parse_document(&entry("n.json", Format::Json), "[", &ReadOptions::default()).is_err());
        Ok(())
    }
}
