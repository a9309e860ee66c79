//! `GET /v1/models`: the installed models in OpenAI's list shape, as Ollama's `ListMiddleware`
//! rewrites `/api/tags` (ollama/ollama docs/openai.md, `openai.ToListCompletion`): newest
//! first, `created` from the modification time, `owned_by` the name's namespace.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;

use super::openai_reply::unix_seconds;
use super::openai_wire::{ModelListReply, OpenAiModel};
use super::state::SharedState;

pub(crate) async fn handle(State(state): State<Arc<SharedState>>) -> Json<ModelListReply> {
    let models: Vec<OpenAiModel> = state
        .installed_models()
        .into_iter()
        .map(|installed| OpenAiModel {
            owned_by: namespace_of(&installed.name),
            id: installed.name,
            object: "model",
            created: unix_seconds(installed.modified_at),
        })
        .collect();
    Json(ModelListReply {
        object: "list",
        // A nil Go slice: `"data": null` when nothing is installed.
        data: (!models.is_empty()).then_some(models),
    })
}

/// `model.ParseName(name).Namespace`: the part before the model in `namespace/model:tag`, and
/// `library` (Ollama's default namespace) for a bare name.
pub(crate) fn namespace_of(name: &str) -> String {
    let mut segments = name.rsplit('/');
    segments.next();
    segments.next().unwrap_or("library").to_string()
}
