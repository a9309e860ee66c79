//! `GET /healthz`: the coordinator process is up and its cluster loop answers.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::router::HttpState;

pub async fn healthz(State(state): State<HttpState>) -> (StatusCode, Json<serde_json::Value>) {
    let nodes = state.cluster.nodes().await;
    let ready = nodes
        .iter()
        .filter(|node| node.state == proto::v1::NodeState::Ready as i32)
        .count();
    let body = serde_json::json!({ "status": "ok", "nodes": nodes.len(), "nodes_ready": ready });
    (StatusCode::OK, Json(body))
}
