//! `GET /api/models`: model -> per-node availability, with the reason for each unavailable node.

use axum::Json;
use axum::extract::State;
use proto::v1::ListModelsResponse;

use super::router::HttpState;

pub async fn get_models(State(state): State<HttpState>) -> Json<ListModelsResponse> {
    Json(ListModelsResponse {
        models: state.cluster.models().await,
    })
}
