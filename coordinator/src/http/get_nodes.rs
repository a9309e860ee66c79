//! `GET /api/nodes`: every configured node with its state, host facts and Ollama models.

use axum::Json;
use axum::extract::State;
use proto::v1::ListNodesResponse;

use super::router::HttpState;

pub async fn get_nodes(State(state): State<HttpState>) -> Json<ListNodesResponse> {
    Json(ListNodesResponse {
        nodes: state.cluster.nodes().await,
    })
}
