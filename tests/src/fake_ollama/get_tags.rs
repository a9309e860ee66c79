//! `GET /api/tags`: the installed models, most recently modified first, as Ollama's
//! `ListHandler` lists them.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;

use super::clock::rfc3339_utc;
use super::state::SharedState;
use super::wire::{ModelDetails, ModelList, TagsModel};

pub(crate) async fn handle(State(state): State<Arc<SharedState>>) -> Json<ModelList<TagsModel>> {
    let models = state
        .installed_models()
        .into_iter()
        .map(|installed| TagsModel {
            name: installed.name.clone(),
            model: installed.name,
            modified_at: rfc3339_utc(installed.modified_at),
            size: installed.facts.size_on_disk_bytes,
            digest: installed.facts.digest.clone(),
            details: ModelDetails::of(&installed.facts),
        })
        .collect();
    Json(ModelList { models })
}
