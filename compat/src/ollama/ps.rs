//! `GET /api/ps`: the models loaded in memory across the nodes that can run them now, one
//! entry per node holding one (Go's `api.ProcessModelResponse`: `name`, `model`, `size`,
//! `digest`, `details`, `expires_at`, `size_vram`) plus that node (`node`, an extension).

#[cfg(test)]
mod tests;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::OllamaError;
use super::tags::details;
use crate::ApiState;
use crate::cluster_models::ClusterModels;

pub async fn handle(State(state): State<ApiState>) -> Response {
    match ClusterModels::fetch(&state.coordinator).await {
        Ok(cluster) => Json(running(&cluster)).into_response(),
        Err(refusal) => OllamaError(refusal).into_response(),
    }
}

pub fn running(cluster: &ClusterModels) -> Value {
    let mut models = Vec::new();
    for model in cluster.served() {
        for (node, loaded) in &model.loaded {
            let mut body = json!({
                "name": model.name,
                "model": model.name,
                "size": loaded.size_bytes,
                "size_vram": loaded.size_vram_bytes,
                "node": node,
            });
            // An empty time is no time: clients parse `expires_at` as a date.
            if !loaded.expires_at.is_empty() {
                body["expires_at"] = json!(loaded.expires_at);
            }
            if let Some(facts) = &model.facts {
                body["digest"] = json!(facts.digest);
                body["details"] = details(facts);
            }
            models.push(body);
        }
    }
    json!({ "models": models })
}
