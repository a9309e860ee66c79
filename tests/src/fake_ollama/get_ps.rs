//! `GET /api/ps`: the models loaded in memory, the one that unloads last first, as Ollama's
//! `PsHandler` lists them. The stand-in keeps everything in "VRAM" (`size_vram == size`).

use std::cmp::Reverse;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;

use super::catalogue::DEFAULT_RUNTIME_CONTEXT_LENGTH;
use super::clock::rfc3339_utc;
use super::state::SharedState;
use super::wire::{ModelDetails, ModelList, RunningModel};

pub(crate) async fn handle(State(state): State<Arc<SharedState>>) -> Json<ModelList<RunningModel>> {
    let mut loaded: Vec<_> = state
        .installed_models()
        .into_iter()
        .filter_map(|installed| {
            let expires_at = installed.loaded_until?;
            Some((expires_at, installed))
        })
        .collect();
    loaded.sort_by_key(|(expires_at, _)| Reverse(*expires_at));
    let models = loaded
        .into_iter()
        .map(|(expires_at, installed)| RunningModel {
            name: installed.name.clone(),
            model: installed.name,
            size: installed.facts.size_loaded_bytes,
            digest: installed.facts.digest.clone(),
            details: ModelDetails::of(&installed.facts),
            expires_at: rfc3339_utc(expires_at),
            size_vram: installed.facts.size_loaded_bytes,
            context_length: DEFAULT_RUNTIME_CONTEXT_LENGTH,
        })
        .collect();
    Json(ModelList { models })
}
