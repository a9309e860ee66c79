//! The bearer token check in front of `/mcp` when `RUNNER_MCP_TOKEN` is set: a request
//! without `Authorization: Bearer <token>`, or with another token, gets 401 before any MCP
//! code runs. The token is compared in constant time and never logged.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use settings::Secret;

pub async fn require_bearer_token(
    State(token): State<Arc<Secret>>,
    request: Request,
    next: Next,
) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(bearer_credentials);
    match presented {
        Some(candidate) if token.matches(candidate) => next.run(request).await,
        _ => {
            tracing::warn!(
                had_token = presented.is_some(),
                "mcp: refused a request without the right bearer token"
            );
            let mut response = (
                StatusCode::UNAUTHORIZED,
                "missing or wrong bearer token: send `Authorization: Bearer <token>` with the \
                 token in the coordinator's RUNNER_MCP_TOKEN\n",
            )
                .into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"llm-runner\""),
            );
            response
        }
    }
}

/// The credentials of a `Bearer` authorization (the scheme is case-insensitive).
fn bearer_credentials(authorization: &str) -> Option<&str> {
    let (scheme, credentials) = authorization.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| credentials.trim())
        .filter(|credentials| !credentials.is_empty())
}

#[cfg(test)]
mod tests;
