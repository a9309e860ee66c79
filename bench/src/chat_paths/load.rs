//! The three ways a chat reaches the stand-in Ollama, and the closed-loop load that drives one:
//! `concurrency` client tasks, each sending its next chat when its previous one ended, until a
//! shared request budget is spent.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use tokio::task::JoinSet;

use super::cluster_chat::ClusterChatCaller;
use super::direct_chat::DirectChatCaller;
use crate::litellm::LiteLlmCaller;
use crate::overhead::{LoadOutcome, Sample};

#[derive(Clone)]
pub enum ChatCaller {
    /// `POST /api/chat` straight to the stand-in: the baseline.
    Direct(DirectChatCaller),
    /// `POST /v1/chat/completions` through the LiteLLM proxy.
    LiteLlm(LiteLlmCaller),
    // Boxed: a tonic client is several times the size of a reqwest one.
    /// `SubmitAndWatch` through coordinator and agent.
    LlmRunner(Box<ClusterChatCaller>),
}

impl ChatCaller {
    pub async fn call(&self) -> anyhow::Result<Sample> {
        match self {
            ChatCaller::Direct(caller) => caller.call().await,
            ChatCaller::LiteLlm(caller) => caller.call().await,
            ChatCaller::LlmRunner(caller) => caller.call().await,
        }
    }
}

/// Sends `requests` chats from `concurrency` client tasks; fails on the first failed chat, so a
/// broken path cannot pass for a fast one.
pub async fn drive_chats(
    caller: &ChatCaller,
    concurrency: usize,
    requests: usize,
) -> anyhow::Result<LoadOutcome> {
    let budget = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut clients = JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (caller, budget) = (caller.clone(), budget.clone());
        clients.spawn(async move {
            let mut samples = Vec::new();
            // Each task takes a ticket per chat, so the budget bounds the loop.
            while budget.fetch_add(1, Ordering::Relaxed) < requests {
                samples.push(caller.call().await?);
            }
            anyhow::Ok(samples)
        });
    }
    let mut samples = Vec::with_capacity(requests);
    while let Some(joined) = clients.join_next().await {
        samples.extend(joined.context("a chat client task panicked")??);
    }
    Ok(LoadOutcome {
        samples,
        wall_time: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use harness::fake_ollama::{FakeOllama, expected_answer};

    use super::*;

    #[tokio::test]
    async fn every_chat_of_the_budget_is_sent_once_and_a_failure_fails_the_load() {
        let ollama = FakeOllama::start(&["qwen2.5:14b"]).await.unwrap();
        ollama.set_answer_tokens(3);
        let expected = expected_answer("count me", 3);
        let direct =
            DirectChatCaller::new(&ollama.url(), "qwen2.5:14b", "count me", expected).unwrap();
        let outcome = drive_chats(&ChatCaller::Direct(direct), 4, 10)
            .await
            .unwrap();
        assert_eq!(outcome.samples.len(), 10);
        assert_eq!(ollama.requests("/api/chat"), 10);
        let wrong = DirectChatCaller::new(&ollama.url(), "nope", "x", String::new()).unwrap();
        assert!(drive_chats(&ChatCaller::Direct(wrong), 2, 4).await.is_err());
    }
}
