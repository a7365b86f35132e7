//! The query parameters of the page and the API, checked and turned into
//! the library's options. Every number is bounded, so that a huge value is
//! a clear 400, never a huge allocation: the messages say which parameter,
//! what was given and what is accepted.

use std::collections::HashMap;

use fihris_search::{
    parse_date_bound, DupsOptions, Filters, Lang, MatchMode, PeriodEnd, RelatedOptions, SearchOptions,
    SortOrder, StatsBy, StatsOptions,
};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Largest `limit`.
pub const MAX_LIMIT: usize = 1000;
/// Largest `offset`.
pub const MAX_OFFSET: usize = 100_000;
/// Longest value of any other parameter, in characters.
const MAX_VALUE_CHARS: usize = 1000;
/// Hits per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;

/// A parameter that cannot be used: the message of a 400 answer.
#[derive(Debug)]
pub struct BadRequest(pub String);

/// The parameters of one request, by name (the last value of a repeated
/// name wins).
#[derive(Debug, Default, Clone)]
pub struct Params(HashMap<String, String>);

impl Params {
    /// The parameters of a decoded query string.
    pub fn new(pairs: HashMap<String, String>) -> Params {
        Params(pairs)
    }

    /// A parameter's value; empty values count as absent (an empty form
    /// field).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// A parameter's value, at most [`MAX_VALUE_CHARS`] long.
    fn text(&self, name: &str) -> Result<Option<&str>, BadRequest> {
        match self.get(name) {
            Some(v) if v.chars().count() > MAX_VALUE_CHARS => Err(BadRequest(format!(
                "{name} is too long: {} characters (at most {MAX_VALUE_CHARS})",
                v.chars().count()
            ))),
            v => Ok(v),
        }
    }

    /// The query `q`, required or not; at most [`MAX_QUERY_CHARS`].
    pub fn query(&self) -> Result<Option<String>, BadRequest> {
        match self.get("q") {
            Some(q) if q.chars().count() > MAX_QUERY_CHARS => Err(BadRequest(format!(
                "q is too long: {} characters (at most {MAX_QUERY_CHARS})",
                q.chars().count()
            ))),
            q => Ok(q.map(str::to_string)),
        }
    }

    /// The query `q`, which must be given.
    pub fn required_query(&self) -> Result<String, BadRequest> {
        self.query()?
            .ok_or_else(|| BadRequest("missing parameter q (the query)".to_string()))
    }

    /// A whole number from 0 to `max`, or `default`.
    pub fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, BadRequest> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        if !v.bytes().all(|b| b.is_ascii_digit()) || v.len() > 40 {
            return Err(BadRequest(format!(
                "invalid {name}: {:?} (expected a whole number from 0 to {max})",
                shorten(v)
            )));
        }
        match v.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(BadRequest(format!(
                "{name} is too large: {} (at most {max})",
                shorten(v)
            ))),
        }
    }

    /// A flag: `1`, `true`, `on` or `yes` (what an HTML checkbox sends) is
    /// on; `0`, `false`, `off`, `no` or nothing is off.
    pub fn flag(&self, name: &str) -> Result<bool, BadRequest> {
        match self.get(name) {
            None => Ok(false),
            Some("1" | "true" | "on" | "yes") => Ok(true),
            Some("0" | "false" | "off" | "no") => Ok(false),
            Some(v) => Err(BadRequest(format!(
                "invalid {name}: {:?} (expected 1 or 0)",
                shorten(v)
            ))),
        }
    }

    /// The filters `lang`, `since`, `until`, `source`, `author`.
    pub fn filters(&self) -> Result<Filters, BadRequest> {
        let lang = match self.text("lang")? {
            None => None,
            Some(l) => Some(
                l.parse::<Lang>()
                    .map_err(|e| BadRequest(format!("invalid lang: {e}")))?,
            ),
        };
        let date = |name: &str, end: PeriodEnd| -> Result<_, BadRequest> {
            match self.text(name)? {
                None => Ok(None),
                Some(d) => parse_date_bound(d, end)
                    .map(Some)
                    .map_err(|e| BadRequest(format!("invalid {name}: {e}"))),
            }
        };
        Ok(Filters {
            lang,
            since: date("since", PeriodEnd::Start)?,
            until: date("until", PeriodEnd::End)?,
            source: self.text("source")?.map(str::to_string),
            author: self.text("author")?.map(str::to_string),
        })
    }

    /// `cross`: on unless `cross=0` (or `no_cross=1`, as the command line
    /// says it).
    pub fn cross(&self) -> Result<bool, BadRequest> {
        Ok(match self.get("cross") {
            None => !self.flag("no_cross")?,
            Some(_) => self.flag("cross")?,
        })
    }

    /// The options of `search`: `q`, `limit`, `offset`, the filters,
    /// `sort` (score or date), `collapse`, `any`, `cross`, `broad`,
    /// `explain`.
    pub fn search(&self) -> Result<SearchOptions, BadRequest> {
        let query = self.required_query()?;
        Ok(SearchOptions {
            limit: self.number("limit", DEFAULT_LIMIT, MAX_LIMIT)?,
            offset: self.number("offset", 0, MAX_OFFSET)?,
            filters: self.filters()?,
            sort: self.sort()?,
            mode: if self.flag("any")? {
                MatchMode::Any
            } else {
                MatchMode::All
            },
            cross: self.cross()?,
            explain: self.flag("explain")?,
            collapse: self.flag("collapse")?,
            broad: self.flag("broad")?,
            ..SearchOptions::new(query)
        })
    }

    /// `sort`: `score` (the default) or `date`.
    pub fn sort(&self) -> Result<SortOrder, BadRequest> {
        match self.get("sort") {
            None | Some("score") => Ok(SortOrder::Score),
            Some("date") => Ok(SortOrder::Date),
            Some(v) => Err(BadRequest(format!(
                "invalid sort: {:?} (expected score or date)",
                shorten(v)
            ))),
        }
    }

    /// `by`: year (the default), month, source, author or lang.
    pub fn by(&self) -> Result<StatsBy, BadRequest> {
        match self.get("by") {
            None | Some("year") => Ok(StatsBy::Year),
            Some("month") => Ok(StatsBy::Month),
            Some("source") => Ok(StatsBy::Source),
            Some("author") => Ok(StatsBy::Author),
            Some("lang") => Ok(StatsBy::Lang),
            Some(v) => Err(BadRequest(format!(
                "invalid by: {:?} (expected year, month, source, author or lang)",
                shorten(v)
            ))),
        }
    }

    /// The options of `stats`: `q` (optional), `by`, the filters, `cross`,
    /// `broad`.
    pub fn stats(&self) -> Result<StatsOptions, BadRequest> {
        Ok(StatsOptions {
            query: self.query()?,
            by: self.by()?,
            filters: self.filters()?,
            cross: self.cross()?,
            broad: self.flag("broad")?,
        })
    }

    /// The options of `related`: `limit`, the filters, `cross`.
    pub fn related(&self) -> Result<RelatedOptions, BadRequest> {
        Ok(RelatedOptions {
            limit: self.number("limit", DEFAULT_LIMIT, MAX_LIMIT)?,
            filters: self.filters()?,
            cross: self.cross()?,
            ..RelatedOptions::default()
        })
    }

    /// The options of `dups`: `threshold`, `min_size`, the filters; and
    /// `limit`, the number of groups shown (all when absent).
    pub fn dups(&self) -> Result<(DupsOptions, Option<usize>), BadRequest> {
        let threshold = match self.get("threshold") {
            None => fihris_search::DUPLICATE_THRESHOLD,
            Some(t) => match t.parse::<f32>() {
                Ok(t) if (0.0..=1.0).contains(&t) => t,
                _ => {
                    return Err(BadRequest(format!(
                        "invalid threshold: {:?} (expected a number from 0 to 1)",
                        shorten(t)
                    )))
                }
            },
        };
        let min_size = self.number("min_size", 2, MAX_LIMIT)?;
        if min_size < 2 {
            return Err(BadRequest(format!("invalid min_size: {min_size} (at least 2)")));
        }
        let limit = match self.get("limit") {
            None => None,
            Some(_) => Some(self.number("limit", 0, MAX_LIMIT)?),
        };
        Ok((
            DupsOptions {
                threshold,
                min_size,
                filters: self.filters()?,
            },
            limit,
        ))
    }

    /// The article id `id`, which must be given.
    pub fn id(&self) -> Result<&str, BadRequest> {
        self.0
            .get("id")
            .map(String::as_str)
            .filter(|id| !id.is_empty())
            .ok_or_else(|| BadRequest("missing parameter id (an article's id)".to_string()))
    }
}

/// Whether `id` may name an article: ids are relative paths or record ids,
/// so one with a `..` segment, an absolute path, a control character or
/// more than 1,000 bytes is refused (404) before the index is asked. The
/// index is the only thing ids are looked up in: the server never opens a
/// file by an id.
pub fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 1000
        && !id.starts_with('/')
        && !id.starts_with('\\')
        && id.as_bytes().get(1).is_none_or(|&b| b != b':')
        && !id.split(['/', '\\']).any(|segment| segment == "..")
        && !id.chars().any(|c| c.is_control() || c == '\u{FFFD}')
}

/// A value as quoted in a message: at most 40 characters.
fn shorten(v: &str) -> String {
    if v.chars().count() <= 40 {
        v.to_string()
    } else {
        let mut s: String = v.chars().take(40).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn numbers_are_bounded() {
        let p = params(&[("limit", "1000000000000000000000000"), ("offset", "12")]);
        let e = p.number("limit", 10, MAX_LIMIT).expect_err("too large");
        assert_eq!(
            e.0,
            "limit is too large: 1000000000000000000000000 (at most 1000)"
        );
        assert_eq!(p.number("offset", 0, MAX_OFFSET).ok(), Some(12));
        assert_eq!(p.number("absent", 7, 9).ok(), Some(7));
        assert!(params(&[("limit", "-1")]).number("limit", 1, 9).is_err());
    }

    #[test]
    fn implausible_ids() {
        for id in [
            "../etc/passwd",
            "fr/../../x",
            "/etc/passwd",
            "C:\\x",
            "a\u{0}b",
            "a\nb",
            "",
        ] {
            assert!(!plausible_id(id), "{id:?}");
        }
        for id in [
            "fr/anem.txt",
            "aps-0311-02",
            "wire/d.jsonl#3",
            "a..b.txt",
            "ar/توأمة.txt",
        ] {
            assert!(plausible_id(id), "{id:?}");
        }
    }
}
