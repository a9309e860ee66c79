//! The HTTP side every stand-in shares: binding, a layer that records each request before any
//! check, and a serve task that stops when the last handle is dropped.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt as _;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use super::state::{RecordedRequest, Shared};

/// Larger bodies than this are refused (Anthropic's own limit is 32 MB).
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Owned only by the handles: dropping the last one stops the server.
pub(crate) struct ServerGuard {
    pub address: SocketAddr,
    stopped: CancellationToken,
}

impl Drop for ServerGuard {
    fn drop(&mut self) {
        self.stopped.cancel();
    }
}

/// Binds `address`, wraps `routes` in the recording layer and serves them until the guard drops.
pub(crate) async fn serve(
    vendor: &'static str,
    address: SocketAddr,
    shared: Arc<Shared>,
    routes: Router,
) -> anyhow::Result<ServerGuard> {
    let listener = TcpListener::bind(address)
        .await
        .with_context(|| format!("binding the stand-in {vendor} to {address}: use port 0"))?;
    let bound = listener
        .local_addr()
        .with_context(|| format!("reading the stand-in {vendor}'s bound address"))?;
    let routes = routes.layer(middleware::from_fn_with_state(shared, record));
    // As the stand-in Ollama: without it Nagle's algorithm holds each small SSE frame after
    // the first until the client's delayed ACK (~40 ms), a stall no real provider has.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let stopped = CancellationToken::new();
    let shutdown = stopped.clone().cancelled_owned();
    tokio::spawn(async move {
        let served = axum::serve(listener, routes).with_graceful_shutdown(shutdown);
        if let Err(error) = served.await {
            tracing::error!(%error, vendor, "stand-in provider server failed");
        }
    });
    tracing::info!(address = %bound, vendor, "stand-in provider listening");
    Ok(ServerGuard {
        address: bound,
        stopped,
    })
}

/// A request body as a JSON object, or `None` when it is not one.
pub(crate) fn json_object(body: &[u8]) -> Option<Value> {
    let value: Value = serde_json::from_slice(body).ok()?;
    value.is_object().then_some(value)
}

/// Records method, path with query, headers and JSON body, then passes the request on.
async fn record(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request too large").into_response();
    };
    let body = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    let headers = parts.headers.iter().map(|(name, value)| {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        (name.as_str().to_ascii_lowercase(), value)
    });
    let path_and_query = parts.uri.path_and_query();
    shared.record(RecordedRequest {
        method: parts.method.to_string(),
        path_and_query: path_and_query.map_or_else(String::new, ToString::to_string),
        headers: headers.collect(),
        body,
    });
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
