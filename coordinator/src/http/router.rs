//! Routes and serves the HTTP API on an already-bound listener until shutdown.

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use super::core_health::CoreHealth;
use crate::cluster::ClusterHandle;
use crate::metrics::Metrics;
use crate::store::JobStore;

#[derive(Clone)]
pub struct HttpState {
    pub cluster: ClusterHandle,
    pub store: Arc<dyn JobStore>,
    pub metrics: Arc<Metrics>,
    /// Failures of the core's tasks, for `/healthz`.
    pub health: CoreHealth,
}

/// Wraps routes in an access check (the composition root's: the web token).
pub type ApiGuard = Box<dyn FnOnce(Router) -> Router + Send>;

/// The core's routes. `guard`, when given, wraps everything but `/healthz`, which stays open
/// for service managers and load balancers (it tells nothing but up or why not).
pub fn router(state: HttpState, guard: Option<ApiGuard>) -> Router {
    let api = Router::new()
        .route("/api/nodes", get(super::get_nodes::get_nodes))
        .route("/api/models", get(super::get_models::get_models))
        .route("/api/jobs", get(super::get_jobs::get_jobs))
        .route("/api/jobs/{id}", get(super::get_job::get_job))
        .route("/api/usage", get(super::get_usage::get_usage_report))
        .route("/metrics", get(super::get_metrics::get_metrics))
        .with_state(state.clone());
    let api = match guard {
        Some(guard) => guard(api),
        None => api,
    };
    Router::new()
        .route("/healthz", get(super::healthz::healthz))
        .with_state(state)
        .merge(api)
}

/// Serves `app` (the API routes plus the mounted parts) until shutdown. Every connection gets
/// `TCP_NODELAY`: streamed answers (SSE chat tokens, MCP progress) are small writes that
/// Nagle's algorithm would hold back for a delayed ACK (up to 40 ms each).
pub async fn serve_http(
    listener: TcpListener,
    app: Router,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY on an HTTP connection; serving it anyway");
        }
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}
