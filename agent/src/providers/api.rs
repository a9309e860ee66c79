//! What the generic provider backend (`super::ProviderBackend`) needs from one vendor's
//! client: list the models, stream a chat or generate job, embed. Each vendor module (`groq`,
//! `gemini`, `anthropic`) implements [`ProviderApi`] as a thin client on the workspace's
//! `reqwest`, and classifies every failure as a [`ProviderError`] so the backend can act on it
//! (cool a model down, mark it gone, mark the key rejected) without knowing the vendor.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use proto::v1::{Embedding, JobSpec, TokenUsage};
use settings::Secret;

use crate::backend::{LinkGone, Tokens};

/// What a vendor client is built from (the agent's provider keys).
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    /// The API root with its version, without a trailing `/`, e.g.
    /// `https://api.groq.com/openai/v1`, `https://generativelanguage.googleapis.com/v1beta`,
    /// `https://api.anthropic.com/v1`.
    pub base_url: String,
    pub api_key: Secret,
    /// The longest wait for the next byte of an answer (connect included); not a limit on a
    /// whole streamed answer.
    pub request_timeout: Duration,
    /// Anthropic: `max_tokens` sent when the job sets no `num_predict`.
    pub max_tokens_default: u32,
}

/// A model as the provider's list-models endpoint names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedModel {
    /// The id as the operator writes it: Groq `qwen/qwen3-32b`, Gemini `models/gemini-2.5-flash`
    /// (the `name` field, verbatim), Anthropic `claude-sonnet-4-6`.
    pub id: String,
    /// Can serve chat/generate (Groq: listed and `active`; Gemini: `generateContent` among its
    /// methods; Anthropic: listed).
    pub chat: bool,
    /// Can serve embed (Gemini: `embedContent`).
    pub embed: bool,
}

/// A finished answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Completion {
    /// The model the provider says answered (Groq/Anthropic `model`, Gemini `modelVersion`);
    /// empty when it did not say.
    pub model: String,
    /// Each field `None` when the provider did not report it; never summed across chunks.
    pub usage: TokenUsage,
    /// Why the answer stopped, in the provider's words (`stop`, `STOP`, `end_turn`, `max_tokens`).
    pub stop_reason: String,
    /// For embed jobs, one per input text, in order.
    pub embeddings: Vec<Embedding>,
}

impl Completion {
    /// Why the answer stopped in Ollama's words (`stop`, `length`; others verbatim).
    pub fn done_reason(&self) -> &str {
        super::done_reason::done_reason(&self.stop_reason)
    }

    /// A warning for the job when `vendor` cut the answer at the token limit.
    pub fn cut_short_warning(&self, vendor: &str) -> Option<String> {
        super::done_reason::cut_short_warning(vendor, &self.stop_reason)
    }
}

/// How a failure should be acted on, whatever the vendor.
#[derive(Debug, Clone, PartialEq)]
pub enum ProviderErrorKind {
    /// 401/403 (Gemini: 400 `API_KEY_INVALID`): every model is unavailable until the key works.
    KeyRejected,
    /// 429 (Groq: also a 413 `rate_limit_exceeded`; Gemini `RESOURCE_EXHAUSTED`): the model is
    /// rejected until the wait has passed. `retry_after` from `retry-after`, the body's
    /// `RetryInfo.retryDelay` or the message's "try again in 5.289s"; `None` if none said.
    RateLimited { retry_after: Option<Duration> },
    /// The model is not served (404 `model_not_found`, 400 `model_decommissioned`, Gemini
    /// `NOT_FOUND`, Anthropic `not_found_error`).
    ModelGone,
    /// 503/498/529 overloaded, 5xx: the provider's trouble, not ours.
    Overloaded,
    /// No byte within `request_timeout`.
    Timeout,
    /// Could not connect.
    Unreachable,
    /// 400/422 and the like: the request itself was refused.
    BadRequest,
    /// An error after HTTP 200 (an error event in the stream), or a stream that ended
    /// without its final event.
    Interrupted,
    /// An answer that could not be read.
    Malformed,
    /// The job asks for something this provider does not offer (e.g. embed on Anthropic).
    Unsupported,
}

/// One failure, with everything the operator needs to read it and nothing secret: messages
/// are the provider's words with the API key (if ever echoed) replaced by `***`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderError {
    pub kind: ProviderErrorKind,
    /// The HTTP status, when there was one.
    pub status: Option<u16>,
    /// The vendor's error type and code, e.g. `tokens` / `rate_limit_exceeded`,
    /// `RESOURCE_EXHAUSTED`, `overloaded_error`; empty when absent.
    pub error_type: String,
    pub code: String,
    /// The vendor's message (or ours, for transport trouble).
    pub message: String,
    /// Rate-limit facts worth a log line: Groq's `x-ratelimit-*`, Anthropic's
    /// `anthropic-ratelimit-*` headers, Gemini's `quotaId`, as (name, value).
    pub limits: Vec<(String, String)>,
    /// What the provider reported before failing (an error event after some output).
    pub partial_usage: Option<TokenUsage>,
}

impl fmt::Display for ProviderError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(status) = self.status {
            write!(formatter, "{status} ")?;
        }
        let label: Vec<&str> = [self.error_type.as_str(), self.code.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect();
        if !label.is_empty() {
            write!(formatter, "{}: ", label.join("/"))?;
        }
        formatter.write_str(&self.message)
    }
}

pub trait ProviderApi: Send + Sync + 'static {
    /// `groq`, `gemini` or `anthropic`.
    fn vendor(&self) -> &'static str;

    /// The API version spoken, shown as the node's backend version: `openai/v1`, `v1beta`,
    /// `2023-06-01`.
    fn api_version(&self) -> &'static str;

    /// Every model the provider lists for this key, following its paging.
    fn list_models(&self) -> impl Future<Output = Result<Vec<ListedModel>, ProviderError>> + Send;

    /// A chat job (its messages) or a generate job (`system` + `prompt` as one user turn),
    /// streamed: each piece of text goes to `tokens` as it arrives. Usage is read as the
    /// vendor reports it (last value wins, never a sum). `Err(LinkGone)` only when `tokens`
    /// says nobody listens any more.
    fn stream<'a>(
        &'a self,
        spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> impl Future<Output = Result<Result<Completion, ProviderError>, LinkGone>> + Send + 'a;

    /// An embed job: one vector per text, in order (`Unsupported` where the vendor has none).
    fn embed<'a>(
        &'a self,
        spec: &'a JobSpec,
    ) -> impl Future<Output = Result<Completion, ProviderError>> + Send + 'a;
}
