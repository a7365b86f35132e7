//! The JSON API: `/api/search`, `/api/show`, `/api/related`, `/api/dups`
//! and `/api/stats` answer JSON Lines written by the command line's own
//! printer (`src/output/wire.rs`), so an answer is byte for byte what the
//! command prints with `--json` for the same question. Errors are one JSON
//! object, `{"error": "…"}`, with the status 400 (a parameter or the query
//! cannot be used), 404 (no such article) or 500.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use fihris_search::{RelatedTo, SearchError};

use super::params::{plausible_id, BadRequest, Params};
use super::App;
use crate::output::{Config, Format, Printer};

/// The media type of the answers (JSON Lines).
pub const JSON_LINES: &str = "application/jsonl; charset=utf-8";

/// Why a request got no answer: its status and message.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    /// No article has this id (or the id cannot be one).
    pub fn no_article(id: &str) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: format!("no article with id {id:?}"),
        }
    }

    /// A failure that is the server's.
    pub fn internal(e: impl std::fmt::Display) -> Failure {
        Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: e.to_string(),
        }
    }
}

impl From<BadRequest> for Failure {
    fn from(e: BadRequest) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: e.0,
        }
    }
}

impl From<SearchError> for Failure {
    fn from(e: SearchError) -> Failure {
        match e {
            SearchError::Query(_) => Failure {
                status: StatusCode::BAD_REQUEST,
                message: e.to_string(),
            },
            e => Failure::internal(e),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::internal(e)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string() + "\n";
        (self.status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}

/// Runs `work` (which reads the index) off the async threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(Failure::internal(format!("request failed: {e}"))))
}

/// JSON Lines, as the command line's `--json` printer writes them.
fn json_lines(print: impl FnOnce(&mut Printer<&mut Vec<u8>>) -> io::Result<()>) -> Result<Response, Failure> {
    let mut body = Vec::new();
    let config = Config {
        format: Format::Json,
        color: false,
        width: 80,
    };
    {
        let mut printer = Printer::new(config, &mut body);
        print(&mut printer)?;
        printer.flush()?;
    }
    Ok(([(header::CONTENT_TYPE, JSON_LINES)], body).into_response())
}

/// Answers with `work`'s response, or its failure.
async fn answer(work: impl FnOnce() -> Result<Response, Failure> + Send + 'static) -> Response {
    match blocking(work).await {
        Ok(response) => response,
        Err(failure) => failure.into_response(),
    }
}

/// The id parameter, which must look like an article id (else 404).
pub fn article_id(params: &Params) -> Result<String, Failure> {
    let id = params.id()?;
    if !plausible_id(id) {
        return Err(Failure::no_article(id));
    }
    Ok(id.to_string())
}

/// `GET /api/search?q=…`: `fihris search --json`.
pub async fn search(State(app): State<Arc<App>>, Query(pairs): Query<HashMap<String, String>>) -> Response {
    answer(move || {
        let options = Params::new(pairs).search()?;
        let results = app.index.get().search(&options)?;
        json_lines(|p| p.search(&results, options.offset))
    })
    .await
}

/// `GET /api/show?id=…` (`raw=1`: with the boilerplate): `fihris show --json`.
pub async fn show(State(app): State<Arc<App>>, Query(pairs): Query<HashMap<String, String>>) -> Response {
    answer(move || {
        let params = Params::new(pairs);
        let id = article_id(&params)?;
        let raw = params.flag("raw")?;
        let article = app
            .index
            .get()
            .get(&id, raw)?
            .ok_or_else(|| Failure::no_article(&id))?;
        json_lines(|p| p.article(&article))
    })
    .await
}

/// `GET /api/related?id=…`: `fihris related ID --json`. Only an indexed
/// id: the server never reads a file named by a request.
pub async fn related(State(app): State<Arc<App>>, Query(pairs): Query<HashMap<String, String>>) -> Response {
    answer(move || {
        let params = Params::new(pairs);
        let id = article_id(&params)?;
        let options = params.related()?;
        let fihris = app.index.get();
        if !fihris.contains(&id)? {
            return Err(Failure::no_article(&id));
        }
        let results = fihris.related(&RelatedTo::Id(id), &options)?;
        json_lines(|p| p.related(&results))
    })
    .await
}

/// `GET /api/dups`: `fihris dups --json`.
pub async fn dups(State(app): State<Arc<App>>, Query(pairs): Query<HashMap<String, String>>) -> Response {
    answer(move || {
        let (options, limit) = Params::new(pairs).dups()?;
        let mut groups = app.index.get().duplicates(&options)?;
        let total = groups.len();
        if let Some(limit) = limit {
            groups.truncate(limit);
        }
        json_lines(|p| p.dups(&groups, total, options.threshold))
    })
    .await
}

/// `GET /api/stats?q=…&by=…`: `fihris stats --json`.
pub async fn stats(State(app): State<Arc<App>>, Query(pairs): Query<HashMap<String, String>>) -> Response {
    answer(move || {
        let options = Params::new(pairs).stats()?;
        let stats = app.index.get().stats(&options)?;
        json_lines(|p| p.stats(&stats))
    })
    .await
}
