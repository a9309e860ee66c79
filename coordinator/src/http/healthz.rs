//! `GET /healthz`: 200 with a JSON body when the core can take jobs; 503 with a JSON body
//! `{"status": "failing", "reason": "..."}` when it cannot: a core task (the cluster loop, the
//! store writer) has stopped or failed, or the cluster loop does not answer in time.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::router::HttpState;

/// How long the cluster loop may take to list the nodes before the core counts as stuck.
const LOOP_ANSWER_DEADLINE: Duration = Duration::from_secs(2);

pub async fn healthz(State(state): State<HttpState>) -> (StatusCode, Json<serde_json::Value>) {
    if let Some(reason) = state.health.failure() {
        return failing(reason);
    }
    // The loop owns the sender of the change counter: it is gone once the loop has ended.
    if state.cluster.changes().has_changed().is_err() {
        return failing("the cluster loop has stopped".to_owned());
    }
    let Ok(nodes) = tokio::time::timeout(LOOP_ANSWER_DEADLINE, state.cluster.nodes_brief()).await
    else {
        return failing(format!(
            "the cluster loop did not answer within {} s",
            LOOP_ANSWER_DEADLINE.as_secs()
        ));
    };
    let ready = nodes
        .iter()
        .filter(|node| node.state == proto::v1::NodeState::Ready as i32)
        .count();
    let body = serde_json::json!({ "status": "ok", "nodes": nodes.len(), "nodes_ready": ready });
    (StatusCode::OK, Json(body))
}

fn failing(reason: String) -> (StatusCode, Json<serde_json::Value>) {
    let body = serde_json::json!({ "status": "failing", "reason": reason });
    (StatusCode::SERVICE_UNAVAILABLE, Json(body))
}

#[cfg(test)]
mod tests;
