//! The JSON shapes Ollama answers with, field for field as its Go types serialise them
//! (api/types.go): `omitempty` fields are skipped when zero, the others are always present.

use serde::Serialize;

use super::catalogue::ModelFacts;

fn is_zero(value: &u64) -> bool {
    *value == 0
}

/// `details` in `/api/tags`, `/api/ps` and `/api/show` (Go `api.ModelDetails`, no omitempty).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ModelDetails {
    pub parent_model: String,
    pub format: &'static str,
    pub family: String,
    pub families: Vec<String>,
    pub parameter_size: String,
    pub quantization_level: String,
}

impl ModelDetails {
    pub fn of(facts: &ModelFacts) -> Self {
        Self {
            parent_model: String::new(),
            format: "gguf",
            family: facts.family.clone(),
            families: vec![facts.family.clone()],
            parameter_size: facts.parameter_size.clone(),
            quantization_level: facts.quantization_level.clone(),
        }
    }
}

/// The timing and token counts of a finished generation, in nanoseconds (Go `api.Metrics`,
/// embedded in the response and every field `omitempty`).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub(crate) struct Metrics {
    #[serde(skip_serializing_if = "is_zero")]
    pub total_duration: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub load_duration: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub prompt_eval_count: u64,
    /// Included in `prompt_eval_count`; see `prompt_cache.rs`.
    #[serde(skip_serializing_if = "is_zero")]
    pub prompt_eval_cached_count: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub prompt_eval_duration: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub eval_count: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub eval_duration: u64,
}

/// The assistant's message in a chat chunk; `content` is present even when empty.
#[derive(Debug, Serialize)]
pub(crate) struct AssistantMessage {
    pub role: &'static str,
    pub content: String,
}

/// One `/api/chat` line or reply (Go `api.ChatResponse`).
#[derive(Debug, Serialize)]
pub(crate) struct ChatChunk {
    pub model: String,
    pub created_at: String,
    pub message: AssistantMessage,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_reason: Option<&'static str>,
    pub done: bool,
    #[serde(flatten)]
    pub metrics: Metrics,
}

/// One `/api/generate` line or reply (Go `api.GenerateResponse`).
#[derive(Debug, Serialize)]
pub(crate) struct GenerateChunk {
    pub model: String,
    pub created_at: String,
    pub response: String,
    pub done: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Vec<u64>>,
    #[serde(flatten)]
    pub metrics: Metrics,
}

/// One model in `/api/tags` (Go `api.ListModelResponse`).
#[derive(Debug, Serialize)]
pub(crate) struct TagsModel {
    pub name: String,
    pub model: String,
    pub modified_at: String,
    pub size: u64,
    pub digest: String,
    pub details: ModelDetails,
}

/// One model in `/api/ps` (Go `api.ProcessModelResponse`).
#[derive(Debug, Serialize)]
pub(crate) struct RunningModel {
    pub name: String,
    pub model: String,
    pub size: u64,
    pub digest: String,
    pub details: ModelDetails,
    pub expires_at: String,
    pub size_vram: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub context_length: u64,
}

/// `{"models": [...]}` for `/api/tags` and `/api/ps`.
#[derive(Debug, Serialize)]
pub(crate) struct ModelList<T> {
    pub models: Vec<T>,
}

/// The `/api/embed` reply (Go `api.EmbedResponse`).
#[derive(Debug, Serialize)]
pub(crate) struct EmbedReply {
    pub model: String,
    pub embeddings: Vec<Vec<f32>>,
    #[serde(skip_serializing_if = "is_zero")]
    pub total_duration: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub load_duration: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub prompt_eval_count: u64,
}
