//! What serves this node's models: the [`Backend`] trait, with Ollama ([`OllamaBackend`]) and
//! the cloud providers (`crate::providers`) as its implementations. The prober asks a backend
//! for its [`BackendHealth`]; the executor asks it to run a job, streaming its text through
//! [`Tokens`]. Futures are boxed so the executor can hold any backend as `Arc<dyn Backend>`:
//! one allocation per job and per probe.

mod ollama_backend;
mod tokens;

#[cfg(test)]
mod tests;

use std::future::Future;
use std::pin::Pin;

use proto::v1::{
    FailureCause, InstalledModel, JobCompletedOnNode, JobSpec, LoadedModel, TokenUsage,
    UnavailableModel,
};

pub use ollama_backend::OllamaBackend;
pub use tokens::{LinkGone, Tokens, UsageSoFar, sent_text};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// How a job ended on this node, when the link was still there to hear it.
pub type JobOutcome = Result<JobCompletedOnNode, JobFailure>;

/// Why a job failed here, in the backend's own words.
#[derive(Debug, Clone, PartialEq)]
pub struct JobFailure {
    pub message: String,
    /// `OllamaError`, `ProviderError` or `RateLimited`.
    pub cause: FailureCause,
    /// What the backend reported before it failed, if anything.
    pub usage: Option<TokenUsage>,
}

impl JobFailure {
    pub fn ollama(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            cause: FailureCause::OllamaError,
            usage: None,
        }
    }
}

/// What the node tells the coordinator about its backend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BackendHealth {
    pub reachable: bool,
    /// Ollama's version, or the provider API's version (e.g. `v1beta`).
    pub version: String,
    /// Why the backend is not reachable (or refuses the key); empty while it answers.
    pub error: String,
    /// The models it can serve now, sorted by name so that equal sets compare equal.
    pub installed: Vec<InstalledModel>,
    /// Sorted by name.
    pub loaded: Vec<LoadedModel>,
    /// Models it would serve but cannot now, with why; sorted by name.
    pub unavailable: Vec<UnavailableModel>,
}

impl BackendHealth {
    /// The state before the first probe has answered.
    pub fn not_probed_yet() -> Self {
        Self {
            error: "not probed yet".to_owned(),
            ..Self::default()
        }
    }
}

pub trait Backend: Send + Sync + 'static {
    /// `ollama`, `groq`, `gemini` or `anthropic`, as the agent's `backend` key names it.
    fn name(&self) -> &'static str;

    /// Where it is reached (Ollama's URL, the provider's base URL), for log lines.
    fn address(&self) -> &str;

    /// The backend's state now. Called every `probe_interval`; a provider answers from what
    /// it last learnt and asks its API for the model list only now and then.
    fn probe(&self) -> BoxFuture<'_, BackendHealth>;

    /// Woken when the backend learns something its next probe should publish at once (a job
    /// found a model rate limited or gone, or the key refused); `None`: only the interval.
    fn changes(&self) -> Option<std::sync::Arc<tokio::sync::Notify>> {
        None
    }

    /// Runs one job, sending its text to `tokens` as it arrives. `Err(LinkGone)` when nobody
    /// is left to tell. Dropping the future aborts the backend's request.
    fn run<'a>(
        &'a self,
        spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> BoxFuture<'a, Result<JobOutcome, LinkGone>>;
}
