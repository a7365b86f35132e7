//! What every answer goes through: the access token (when the server has
//! one, a request without it gets a bare 401) and the security headers (a
//! strict Content-Security-Policy: no script at all, styles and images from
//! the server only, forms to the server only, no framing).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;

/// The Content-Security-Policy of every answer.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                       base-uri 'none'; frame-ancestors 'none'";

/// The cookie that carries the token once a browser gave it as `?token=`.
const COOKIE: &str = "fihris_token";

/// Checks the token, then adds the security headers to the answer.
pub async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let mut set_cookie = None;
    if let Some(token) = &app.token {
        match presented_token(&request) {
            Some((given, from_query)) if same(given.as_bytes(), token.as_bytes()) => {
                if from_query && cookie_safe(token) {
                    set_cookie = Some(format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"));
                }
            }
            _ => {
                let mut response = StatusCode::UNAUTHORIZED.into_response();
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                add_headers(&mut response);
                return response;
            }
        }
    }
    let mut response = next.run(request).await;
    add_headers(&mut response);
    if let Some(cookie) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn add_headers(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
}

/// The token a request carries (`Authorization: Bearer`, the cookie, or
/// `?token=`), and whether it came in the query.
fn presented_token(request: &Request) -> Option<(String, bool)> {
    let headers = request.headers();
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some((bearer.trim().to_string(), false));
    }
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(COOKIE)?
                .strip_prefix('=')
                .map(str::to_string)
        });
    if let Some(cookie) = cookie {
        return Some((cookie, false));
    }
    let query = Query::<HashMap<String, String>>::try_from_uri(request.uri()).ok()?;
    query.0.get("token").map(|t| (t.clone(), true))
}

/// Compares in a time that does not depend on where the bytes differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `token` can be a cookie's value as it is.
fn cookie_safe(token: &str) -> bool {
    token
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_tokens() {
        assert!(same(b"s3cret", b"s3cret"));
        assert!(!same(b"s3cret", b"s3creT"));
        assert!(!same(b"s3cret", b"s3cre"));
        assert!(cookie_safe("abc-123_XYZ") && !cookie_safe("a;b") && !cookie_safe("a b"));
    }
}
