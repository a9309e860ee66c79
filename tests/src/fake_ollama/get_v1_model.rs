//! `GET /v1/models/{model}`: one model in OpenAI's shape, as Ollama's `RetrieveMiddleware`
//! rewrites `/api/show` (ollama/ollama docs/openai.md, `openai.ToModel`): `id` is the name as
//! asked, and a model that is not installed is a 404 `not_found_error`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::get_v1_models::namespace_of;
use super::openai_reply::unix_seconds;
use super::openai_wire::{OpenAiModel, openai_error};
use super::state::SharedState;

pub(crate) async fn handle(
    State(state): State<Arc<SharedState>>,
    Path(model): Path<String>,
) -> Response {
    let Some(installed) = state.find_model(&model) else {
        // ShowHandler's 404, reshaped by `writeError`.
        return openai_error(StatusCode::NOT_FOUND, format!("model '{model}' not found"));
    };
    Json(OpenAiModel {
        owned_by: namespace_of(&model),
        id: model,
        object: "model",
        created: unix_seconds(installed.modified_at),
    })
    .into_response()
}
