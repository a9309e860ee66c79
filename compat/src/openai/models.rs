//! `GET /v1/models` and `GET /v1/models/{id}`: only the models some node can run now, each
//! with those nodes in an extension field (`nodes`). A model that exists but cannot run now is
//! a 503 with every node's reason (as a chat for it would be), one nobody has a 404.

#[cfg(test)]
mod tests;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::OpenAiError;
use crate::ApiState;
use crate::cluster_models::{ClusterModels, ServedModel};

pub async fn list(State(state): State<ApiState>) -> Response {
    match ClusterModels::fetch(&state.coordinator).await {
        Ok(cluster) => {
            let data: Vec<Value> = cluster.served().iter().map(model_object).collect();
            Json(json!({"object": "list", "data": data})).into_response()
        }
        Err(refusal) => OpenAiError(refusal).into_response(),
    }
}

pub async fn get(State(state): State<ApiState>, Path(id): Path<String>) -> Response {
    let cluster = match ClusterModels::fetch(&state.coordinator).await {
        Ok(cluster) => cluster,
        Err(refusal) => return OpenAiError(refusal).into_response(),
    };
    match cluster.servable(&id, "GET /v1/models") {
        Ok(model) => Json(model_object(&model)).into_response(),
        Err(refusal) => OpenAiError(refusal).into_response(),
    }
}

fn model_object(model: &ServedModel) -> Value {
    let created = model
        .facts
        .as_ref()
        .and_then(|facts| chrono::DateTime::parse_from_rfc3339(&facts.modified_at).ok())
        .map_or(0, |time| time.timestamp());
    json!({
        "id": model.name,
        "object": "model",
        "created": created,
        "owned_by": "llm-runner",
        "nodes": model.nodes,
    })
}
