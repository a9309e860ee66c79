//! The three ways a chat reaches the stand-in Ollama; `overhead::drive` sends the load.

use crate::litellm::LiteLlmCaller;
use crate::overhead::{ClusterCaller, DirectCaller, Sample, TimedCall};

#[derive(Clone)]
pub enum ChatCaller {
    /// `POST /api/chat` straight to the stand-in: the baseline.
    Direct(DirectCaller),
    /// `POST /v1/chat/completions` through the LiteLLM proxy.
    LiteLlm(LiteLlmCaller),
    // Boxed: a tonic client is several times the size of a reqwest one.
    /// `SubmitAndWatch` through coordinator and agent.
    LlmRunner(Box<ClusterCaller>),
}

impl TimedCall for ChatCaller {
    async fn call(&self) -> anyhow::Result<Sample> {
        match self {
            ChatCaller::Direct(caller) => caller.call().await,
            ChatCaller::LiteLlm(caller) => caller.call().await,
            ChatCaller::LlmRunner(caller) => caller.call().await,
        }
    }
}

#[cfg(test)]
mod tests;
