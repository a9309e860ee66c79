//! Gemini's JSON answers as serde types, only the fields the client reads. Follows the REST
//! reference (ai.google.dev/api/rest/v1beta): `GenerateContentResponse` (`candidates`,
//! `usageMetadata`, `modelVersion`, `promptFeedback`), the `google.rpc.Status` error envelope
//! with its `details` (`ErrorInfo`, `RetryInfo`, `QuotaFailure`), `ListModelsResponse` and
//! `BatchEmbedContentsResponse`. Every field is optional: proto3 JSON omits zeros and empties.

use serde::Deserialize;

/// One `data:` event of `:streamGenerateContent?alt=sse`, or its `{"error": …}` instead.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StreamChunk {
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    pub usage_metadata: Option<UsageMetadata>,
    pub model_version: Option<String>,
    pub prompt_feedback: Option<PromptFeedback>,
    pub error: Option<ErrorStatus>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Candidate {
    pub content: Option<Content>,
    pub finish_reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Content {
    #[serde(default)]
    pub parts: Vec<Part>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Part {
    pub text: Option<String>,
    /// A thinking summary (`includeThoughts`), not part of the answer.
    #[serde(default)]
    pub thought: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PromptFeedback {
    pub block_reason: Option<String>,
}

/// Cumulative in every chunk; a zero count is omitted.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct UsageMetadata {
    pub prompt_token_count: Option<u64>,
    pub candidates_token_count: Option<u64>,
    pub thoughts_token_count: Option<u64>,
    pub cached_content_token_count: Option<u64>,
}

/// `{"error": {...}}`: a `google.rpc.Status` in Google's JSON.
#[derive(Debug, Deserialize)]
pub(super) struct ErrorEnvelope {
    pub error: ErrorStatus,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ErrorStatus {
    pub code: Option<i64>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub details: Vec<ErrorDetail>,
}

/// One `details` entry; which fields are set depends on its `@type`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ErrorDetail {
    #[serde(rename = "@type", default)]
    pub type_url: String,
    /// `ErrorInfo.reason`, e.g. `API_KEY_INVALID`.
    pub reason: Option<String>,
    /// `RetryInfo.retryDelay`, e.g. `"41s"` or `"0.5s"`.
    pub retry_delay: Option<String>,
    /// `QuotaFailure.violations`.
    #[serde(default)]
    pub violations: Vec<QuotaViolation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct QuotaViolation {
    pub quota_id: Option<String>,
    pub quota_value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ModelList {
    #[serde(default)]
    pub models: Vec<ModelEntry>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ModelEntry {
    pub name: String,
    #[serde(default)]
    pub supported_generation_methods: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct EmbeddingList {
    #[serde(default)]
    pub embeddings: Vec<EmbeddingValues>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct EmbeddingValues {
    #[serde(default)]
    pub values: Vec<f32>,
}
