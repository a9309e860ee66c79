//! Ollama's JSON answers as it sends them (see Ollama's docs/api.md), and their translation into
//! the llm-runner protocol's messages.

use proto::v1::{InstalledModel, LoadedModel, OllamaStats};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(crate) struct VersionBody {
    pub version: String,
}

/// `/api/tags` and `/api/ps` both answer `{"models": [...]}` (Ollama may write `null`).
#[derive(Debug, Deserialize)]
pub(crate) struct ModelsBody<Entry> {
    pub models: Option<Vec<Entry>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TagEntry {
    pub name: String,
    #[serde(default)]
    pub size: u64,
    #[serde(default)]
    pub digest: String,
    #[serde(default)]
    pub modified_at: String,
    #[serde(default)]
    pub details: ModelDetails,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ModelDetails {
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default)]
    pub parameter_size: Option<String>,
    #[serde(default)]
    pub quantization_level: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PsEntry {
    pub name: String,
    #[serde(default)]
    pub size: u64,
    #[serde(default)]
    pub size_vram: u64,
    #[serde(default)]
    pub expires_at: String,
}

/// The body of a non-2xx answer: `{"error": "model \"x\" not found"}`.
#[derive(Debug, Deserialize)]
pub(crate) struct ErrorBody {
    pub error: String,
}

/// The statistics Ollama puts in a final chunk or an `/api/embed` answer (nanoseconds).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FinalStats {
    #[serde(default)]
    pub done_reason: Option<String>,
    #[serde(default)]
    pub total_duration: u64,
    #[serde(default)]
    pub load_duration: u64,
    #[serde(default)]
    pub prompt_eval_count: u64,
    /// Prompt tokens read from Ollama's cache, included in `prompt_eval_count`
    /// (docs.ollama.com/api/usage); newer builds only, so absent stays `None`.
    #[serde(default)]
    pub prompt_eval_cached_count: Option<u64>,
    #[serde(default)]
    pub prompt_eval_duration: u64,
    #[serde(default)]
    pub eval_count: u64,
    #[serde(default)]
    pub eval_duration: u64,
}

/// One NDJSON line of `/api/chat` (`message.content`) or `/api/generate` (`response`).
#[derive(Debug, Deserialize)]
pub(crate) struct StreamLine {
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub message: Option<ChatMessageBody>,
    #[serde(default)]
    pub response: Option<String>,
    #[serde(default)]
    pub done: bool,
    #[serde(flatten)]
    pub stats: FinalStats,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ChatMessageBody {
    #[serde(default)]
    pub content: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct EmbedBody {
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub embeddings: Vec<Vec<f32>>,
    #[serde(flatten)]
    pub stats: FinalStats,
}

impl From<TagEntry> for InstalledModel {
    fn from(entry: TagEntry) -> Self {
        Self {
            name: entry.name,
            size_bytes: entry.size,
            digest: entry.digest,
            parameter_size: entry.details.parameter_size.unwrap_or_default(),
            quantization_level: entry.details.quantization_level.unwrap_or_default(),
            family: entry.details.family.unwrap_or_default(),
            modified_at: entry.modified_at,
            capabilities: Vec::new(),
        }
    }
}

impl From<PsEntry> for LoadedModel {
    fn from(entry: PsEntry) -> Self {
        Self {
            name: entry.name,
            size_bytes: entry.size,
            size_vram_bytes: entry.size_vram,
            expires_at: entry.expires_at,
        }
    }
}

impl From<FinalStats> for OllamaStats {
    fn from(stats: FinalStats) -> Self {
        Self {
            total_duration_ns: stats.total_duration,
            load_duration_ns: stats.load_duration,
            prompt_eval_count: stats.prompt_eval_count,
            prompt_eval_duration_ns: stats.prompt_eval_duration,
            eval_count: stats.eval_count,
            eval_duration_ns: stats.eval_duration,
            done_reason: stats.done_reason.unwrap_or_default(),
            prompt_eval_cached_count: stats.prompt_eval_cached_count,
        }
    }
}
