//! Who may use the UI: with `RUNNER_WEB_TOKEN` set, every request presents the token (as a
//! bearer token, or as the basic-auth password with any user name, which browsers prompt for);
//! and a state-changing request must come from the UI's own pages, not another site.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use settings::Secret;

#[derive(Debug, Clone, Default)]
pub struct AccessPolicy {
    pub token: Option<Secret>,
}

/// `routes` behind the same check as the UI (the token, and no cross-site writes): how the
/// composition root guards the core's JSON API, `/metrics` and `/api/alerts` with
/// `RUNNER_WEB_TOKEN`. Without a token, `routes` are returned as they are.
pub fn require_token(routes: axum::Router, token: Option<Secret>) -> axum::Router {
    match token {
        Some(token) => routes.layer(axum::middleware::from_fn_with_state(
            AccessPolicy { token: Some(token) },
            guard_access,
        )),
        None => routes,
    }
}

/// The middleware in front of every route of the UI.
pub async fn guard_access(
    State(policy): State<AccessPolicy>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(token) = &policy.token
        && !presents_token(request.headers(), token)
    {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Basic realm=\"llm-runner\", charset=\"UTF-8\"")],
            "this llm-runner asks for its access token: give it as the password (any user name) or as a bearer token\n",
        )
            .into_response();
    }
    if let Some(why) = cross_site_reason(request.method(), request.headers()) {
        tracing::warn!(method = %request.method(), uri = %request.uri(), why, "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            format!("refused: {why}; use the llm-runner pages themselves\n"),
        )
            .into_response();
    }
    next.run(request).await
}

/// True when the request carries `token` as a bearer token or as a basic-auth password.
pub fn presents_token(headers: &HeaderMap, token: &Secret) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let (scheme, credentials) = value.split_once(' ').unwrap_or((value, ""));
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        return token.matches(credentials);
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(credentials) else {
            return false;
        };
        let Ok(text) = String::from_utf8(decoded) else {
            return false;
        };
        return text
            .split_once(':')
            .is_some_and(|(_user, password)| token.matches(password));
    }
    false
}

/// Why a state-changing request looks like it came from another site, if it does. Browsers
/// send `Sec-Fetch-Site`; older ones at least `Origin`, which must then name this host.
/// Requests with neither come from non-browser clients, which a cross-site attack cannot use.
pub fn cross_site_reason(method: &Method, headers: &HeaderMap) -> Option<&'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return match site {
            "same-origin" | "none" => None,
            _ => Some("the request came from another site (Sec-Fetch-Site)"),
        };
    }
    if let Some(origin) = text("origin") {
        let host = text("host").unwrap_or_default();
        let origin_host = origin
            .split_once("://")
            .map(|(_scheme, rest)| rest)
            .unwrap_or(origin);
        if origin == "null" || origin_host != host {
            return Some("the request's Origin is not this host");
        }
    }
    None
}

#[cfg(test)]
mod tests;
