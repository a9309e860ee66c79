//! The three ways a chat reaches the stand-in Groq; `overhead::drive` sends the load.

use crate::litellm::LiteLlmCaller;
use crate::overhead::{ClusterCaller, Sample, TimedCall};

#[derive(Clone)]
pub enum CloudCaller {
    /// `POST /openai/v1/chat/completions` straight to the stand-in Groq: the baseline.
    Groq(LiteLlmCaller),
    /// `POST /v1/chat/completions` through the LiteLLM proxy's `groq/` provider.
    LiteLlm(LiteLlmCaller),
    // Boxed: a tonic client is several times the size of a reqwest one.
    /// `SubmitAndWatch` through coordinator and the Groq node's agent.
    LlmRunner(Box<ClusterCaller>),
}

impl TimedCall for CloudCaller {
    async fn call(&self) -> anyhow::Result<Sample> {
        match self {
            CloudCaller::Groq(caller) | CloudCaller::LiteLlm(caller) => caller.call().await,
            CloudCaller::LlmRunner(caller) => caller.call().await,
        }
    }
}
