//! Cloud providers as backends: a node whose `backend` is `groq`, `gemini` or `anthropic`
//! serves that provider's models through [`ProviderBackend`], which owns what is the same for
//! every vendor (which models are offered, the list-models poll, rate-limit cool-downs, a
//! rejected key, the log line of a failure) over one vendor client ([`ProviderApi`]).

pub mod anthropic;
mod api;
mod done_reason;
pub mod gemini;
pub mod groq;
mod provider_backend;
mod provider_state;
#[cfg(test)]
mod replay_server;
pub mod sse;
mod transport_error;

pub use anthropic::AnthropicClient;
pub use api::{
    Completion, ListedModel, ProviderApi, ProviderError, ProviderErrorKind, ProviderSettings,
};
pub use gemini::GeminiClient;
pub use groq::GroqClient;
pub use provider_backend::{ProviderBackend, clock_time, same_model};
