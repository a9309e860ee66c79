//! The bearer token in front of the API: with `RUNNER_API_TOKEN` set, a request without
//! `Authorization: Bearer <token>` is answered 401 in its dialect's error shape. OpenAI
//! clients send their API key this way; Ollama clients send it as a header they are given.

#[cfg(test)]
mod tests;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use settings::Secret;

use crate::ApiState;

/// `routes` behind `token`, answering a request without it with `unauthorized()`.
pub fn require(
    routes: Router<ApiState>,
    token: Option<Secret>,
    unauthorized: fn() -> Response,
) -> Router<ApiState> {
    let Some(token) = token else {
        return routes;
    };
    routes.layer(axum::middleware::from_fn_with_state(
        Guard {
            token,
            unauthorized,
        },
        guard,
    ))
}

#[derive(Clone)]
struct Guard {
    token: Secret,
    unauthorized: fn() -> Response,
}

async fn guard(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    if presents_bearer(request.headers(), &guard.token) {
        next.run(request).await
    } else {
        tracing::info!(uri = %request.uri(), "refused an API request without the token");
        (guard.unauthorized)()
    }
}

/// True when the request carries `Authorization: Bearer <token>` (scheme in any case).
pub fn presents_bearer(headers: &HeaderMap, token: &Secret) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .is_some_and(|(scheme, credentials)| {
            scheme.eq_ignore_ascii_case("bearer") && token.matches(credentials.trim())
        })
}
