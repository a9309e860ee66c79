//! `GET /metrics`: the Prometheus text exposition.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::router::HttpState;

/// The content type of Prometheus' text format, version 0.0.4.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

pub async fn get_metrics(State(state): State<HttpState>) -> impl IntoResponse {
    let nodes = state.cluster.nodes_brief().await;
    let models = state.cluster.models().await;
    let body = state.metrics.render(&nodes, &models);
    ([(header::CONTENT_TYPE, TEXT_FORMAT)], body)
}
