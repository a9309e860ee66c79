//! `POST /api/show` {model} (or the older `name`): what is known of a model some node can run
//! now — `details`, `capabilities` (as the node's Ollama reported them; left out when unknown,
//! so a client does not assume either way), `modified_at`, `model_info` with its architecture,
//! and the nodes (`nodes`, an extension). Open WebUI and Continue call it. A model nobody has
//! is 404, one that cannot run now 503 with every node's reason.

#[cfg(test)]
mod tests;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::OllamaError;
use super::model_lookup::servable;
use super::tags::details;
use crate::ApiState;
use crate::cluster_models::ServedModel;
use crate::json_body;
use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct ShowRequest {
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub name: String,
}

impl ShowRequest {
    pub fn model(&self) -> Result<&str, Refusal> {
        let model = if self.model.is_empty() {
            &self.name
        } else {
            &self.model
        };
        if model.trim().is_empty() {
            return Err(Refusal::invalid("model", "model is required"));
        }
        Ok(model)
    }
}

pub async fn handle(State(state): State<ApiState>, body: Bytes) -> Response {
    let request: ShowRequest = match json_body::parse(&body) {
        Ok(request) => request,
        Err(refusal) => return OllamaError(refusal).into_response(),
    };
    let reply = async {
        let model = servable(&state, request.model()?).await?;
        Ok::<_, Refusal>(Json(shown(&model)).into_response())
    };
    match reply.await {
        Ok(response) => response,
        Err(refusal) => OllamaError::about(request.model().unwrap_or(""), refusal).into_response(),
    }
}

pub fn shown(model: &ServedModel) -> Value {
    let mut body = json!({"modelfile": "", "parameters": "", "template": ""});
    if let Some(facts) = &model.facts {
        body["details"] = details(facts);
        if !facts.family.is_empty() {
            body["model_info"] = json!({"general.architecture": facts.family});
        }
        if !facts.capabilities.is_empty() {
            body["capabilities"] = json!(facts.capabilities);
        }
        if !facts.modified_at.is_empty() {
            body["modified_at"] = json!(facts.modified_at);
        }
    }
    body["nodes"] = json!(model.nodes);
    body
}
