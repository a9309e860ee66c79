//! `GET /api/tags`: the models some node can run now (not every model some node has), each
//! as Ollama lists one (`name`, `model`, `modified_at`, `size`, `digest`, `details`, from the
//! serving node's Ollama) plus the nodes that can run it (`nodes`, an extension). A provider's
//! model has no such facts: it lists its name and nodes only.

#[cfg(test)]
mod tests;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use proto::v1::InstalledModel;
use serde_json::{Value, json};

use super::error::OllamaError;
use crate::ApiState;
use crate::cluster_models::{ClusterModels, ServedModel};

pub async fn handle(State(state): State<ApiState>) -> Response {
    match ClusterModels::fetch(&state.coordinator).await {
        Ok(cluster) => Json(tags(&cluster)).into_response(),
        Err(refusal) => OllamaError(refusal).into_response(),
    }
}

pub fn tags(cluster: &ClusterModels) -> Value {
    let models: Vec<Value> = cluster.served().iter().map(listed_model).collect();
    json!({ "models": models })
}

fn listed_model(model: &ServedModel) -> Value {
    let mut body = json!({"name": model.name, "model": model.name});
    if let Some(facts) = &model.facts {
        // An empty time is no time: clients parse `modified_at` as a date.
        if !facts.modified_at.is_empty() {
            body["modified_at"] = json!(facts.modified_at);
        }
        body["size"] = json!(facts.size_bytes);
        body["digest"] = json!(facts.digest);
        body["details"] = details(facts);
    }
    body["nodes"] = json!(model.nodes);
    body
}

/// Ollama's `details` (Go's `api.ModelDetails`) from what the node's Ollama reported. Every
/// model Ollama runs is GGUF, so `format` is `gguf`; `families` is the one family known.
pub fn details(facts: &InstalledModel) -> Value {
    let families: Vec<&str> = [facts.family.as_str()]
        .into_iter()
        .filter(|family| !family.is_empty())
        .collect();
    json!({
        "parent_model": "",
        "format": "gguf",
        "family": facts.family,
        "families": families,
        "parameter_size": facts.parameter_size,
        "quantization_level": facts.quantization_level,
    })
}
