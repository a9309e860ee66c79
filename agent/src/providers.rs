//! Cloud providers as backends: a node whose `backend` is `groq`, `gemini` or `anthropic`
//! serves that provider's models through [`ProviderBackend`], which owns what is the same for
//! every vendor (which models are offered, the list-models poll, rate-limit cool-downs, a
//! rejected key, the log line of a failure) over one vendor client ([`ProviderApi`]).

mod api;
pub mod gemini;
pub mod sse;

pub use api::{
    Completion, ListedModel, ProviderApi, ProviderError, ProviderErrorKind, ProviderSettings,
};
pub use gemini::GeminiClient;
