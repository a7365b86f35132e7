//! `fihris serve`: a local web page and a JSON API over the index.
//!
//! - `state.rs`: the shared index handle, reopened when another process
//!   commits a sync;
//! - `params.rs`: the query parameters, bounded and turned into the
//!   library's options;
//! - `api.rs`: `/api/*`, JSON Lines from the command line's printer;
//! - `page.rs`: the HTML pages (`maud` templates), `chart.rs` the SVG
//!   coverage chart, `text.rs` the interface's words in French and Arabic;
//! - `security.rs`: the access token and the security headers.
//!
//! Read-only: no route writes anything or reads a file other than the
//! index's.

mod api;
mod chart;
mod page;
mod params;
mod security;
mod state;
mod text;

use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use axum::routing::get;
use axum::Router;

use crate::cli::ServeArgs;
use state::SharedIndex;

/// What the handlers share.
pub struct App {
    index: SharedIndex,
    /// The token every request must carry, if any.
    token: Option<String>,
}

/// Serves the index at `index` until interrupted.
pub fn serve(index: &Path, args: ServeArgs) -> Result<()> {
    let token = args.token.filter(|t| !t.is_empty());
    let loopback = args.bind.ip().is_loopback();
    if !loopback && token.is_none() {
        bail!(
            "serving on {} (not loopback) needs an access token: --token TOKEN or FIHRIS_TOKEN",
            args.bind
        );
    }
    let shared = SharedIndex::open(index)?;
    let listener =
        std::net::TcpListener::bind(args.bind).with_context(|| format!("cannot listen on {}", args.bind))?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let url = format!("http://{address}/");
    let access = match (&token, loopback) {
        (Some(_), _) => "every request needs the access token (Authorization: Bearer TOKEN, or ?token=TOKEN)",
        (None, _) => "loopback only, no token",
    };
    eprintln!(
        "fihris: serving {} at {url} ({access}); Ctrl-C stops",
        index.display()
    );
    let app = Arc::new(App { index: shared, token });
    let router = Router::new()
        .route("/", get(page::search))
        .route("/article", get(page::article))
        .route("/style.css", get(page::style))
        .route("/api/search", get(api::search))
        .route("/api/show", get(api::show))
        .route("/api/related", get(api::related))
        .route("/api/dups", get(api::dups))
        .route("/api/stats", get(api::stats))
        .fallback(page::not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            security::guard,
        ))
        .with_state(app);
    if args.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })?;
    Ok(())
}

/// Opens `url` in the default browser; says so on stderr when it cannot.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("fihris: cannot open a browser ({opener}: {e}); open {url}");
    }
}
