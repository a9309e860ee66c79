//! The HTTP side: Ollama's routes (native and OpenAI-compatible), a layer that counts every request and holds it while the
//! stand-in is wedged, and one listening period's serve task.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::errors::stopped_answering;
use super::listener::KillableListener;
use super::state::SharedState;
use super::{
    get_ps, get_root, get_tags, get_v1_model, get_v1_models, get_version, post_chat, post_embed,
    post_generate, post_show, post_v1_chat_completions, post_v1_embeddings,
};

/// Ollama's routes. axum answers `HEAD` on every `GET` route, as Ollama does for `/`.
pub(crate) fn ollama_routes(state: Arc<SharedState>) -> Router {
    Router::new()
        .route("/", get(get_root::handle))
        .route("/api/version", get(get_version::handle))
        .route("/api/tags", get(get_tags::handle))
        .route("/api/ps", get(get_ps::handle))
        .route("/api/chat", post(post_chat::handle))
        .route("/api/generate", post(post_generate::handle))
        .route("/api/embed", post(post_embed::handle))
        .route("/api/show", post(post_show::handle))
        // Ollama's OpenAI compatibility layer (docs/openai.md).
        .route(
            "/v1/chat/completions",
            post(post_v1_chat_completions::handle),
        )
        .route("/v1/embeddings", post(post_v1_embeddings::handle))
        .route("/v1/models", get(get_v1_models::handle))
        .route("/v1/models/{model}", get(get_v1_model::handle))
        // Gin's answers for a route it does not have and a method a route does not take
        // (Ollama turns on `HandleMethodNotAllowed`).
        .fallback(|| async { (StatusCode::NOT_FOUND, "404 page not found") })
        .method_not_allowed_fallback(|| async {
            (StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed")
        })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            count_and_hold_while_hung,
        ))
        .with_state(state)
}

/// Counts the request, then holds it for as long as the stand-in is told to hang.
async fn count_and_hold_while_hung(
    State(state): State<Arc<SharedState>>,
    request: Request,
    next: Next,
) -> Response {
    state.count_request(request.uri().path());
    let stopped = state.answering_token();
    if !state.wait_while_hung(&stopped).await {
        return stopped_answering().into_response();
    }
    next.run(request).await
}

/// Serves one listening period: until `stopped` is cancelled, then the listener is closed and
/// every connection cut (see `listener.rs`).
pub(crate) fn spawn_listening_period(
    listener: TcpListener,
    state: Arc<SharedState>,
    stopped: CancellationToken,
) -> JoinHandle<()> {
    let routes = ollama_routes(state);
    let listener = KillableListener::new(listener, stopped.clone());
    tokio::spawn(async move {
        let served = axum::serve(listener, routes)
            .with_graceful_shutdown(stopped.cancelled_owned())
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "stand-in ollama server failed");
        }
    })
}
