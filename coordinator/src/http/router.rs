//! Routes and serves the HTTP API on an already-bound listener until shutdown.

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::cluster::ClusterHandle;
use crate::metrics::Metrics;
use crate::store::JobStore;

#[derive(Clone)]
pub struct HttpState {
    pub cluster: ClusterHandle,
    pub store: Arc<dyn JobStore>,
    pub metrics: Arc<Metrics>,
}

pub fn router(state: HttpState) -> Router {
    Router::new()
        .route("/healthz", get(super::healthz::healthz))
        .route("/api/nodes", get(super::get_nodes::get_nodes))
        .route("/api/models", get(super::get_models::get_models))
        .route("/api/jobs", get(super::get_jobs::get_jobs))
        .route("/api/jobs/{id}", get(super::get_job::get_job))
        .route("/metrics", get(super::get_metrics::get_metrics))
        .with_state(state)
}

/// Serves `app` (the API routes plus the mounted parts) until shutdown.
pub async fn serve_http(
    listener: TcpListener,
    app: Router,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}
