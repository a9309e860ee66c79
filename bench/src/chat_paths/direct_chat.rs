//! The baseline: one chat straight to the stand-in Ollama, a streamed `POST /api/chat` read line
//! by line, timed from just before it is sent.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::lines::StreamLines;
use crate::overhead::Sample;

/// No single request of a benchmark should come near this; it bounds a wedged one.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct DirectChatCaller {
    client: reqwest::Client,
    chat_url: String,
    body: Value,
    expected_answer: String,
}

impl DirectChatCaller {
    pub fn new(
        ollama_url: &str,
        model: &str,
        prompt: &str,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .tcp_nodelay(true)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .context("cannot build the http client for direct chats")?;
        Ok(Self {
            client,
            chat_url: format!("{ollama_url}/api/chat"),
            body: json!({
                "model": model,
                "messages": [{ "role": "user", "content": prompt }],
                "stream": true,
            }),
            expected_answer,
        })
    }

    pub async fn call(&self) -> anyhow::Result<Sample> {
        let started = Instant::now();
        let mut response = self
            .client
            .post(&self.chat_url)
            .json(&self.body)
            .send()
            .await
            .context("direct chat request failed")?
            .error_for_status()
            .context("the stand-in ollama refused the direct chat")?;
        let mut lines = StreamLines::default();
        let mut answer = String::new();
        let (mut first_token, mut total) = (None, None);
        while let Some(chunk) = response.chunk().await.context("reading the chat stream")? {
            for line in lines.push(&chunk) {
                let value: Value = serde_json::from_slice(&line)
                    .context("the stand-in ollama sent a line that is not JSON")?;
                if let Some(error) = value.get("error") {
                    bail!("the stand-in ollama failed the direct chat: {error}");
                }
                let token = value
                    .pointer("/message/content")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if !token.is_empty() {
                    first_token.get_or_insert_with(|| started.elapsed());
                    answer.push_str(token);
                }
                if value.get("done").and_then(Value::as_bool) == Some(true) {
                    total.get_or_insert_with(|| started.elapsed());
                }
            }
        }
        let total = total.context("the direct chat stream ended without its `done` line")?;
        if answer != self.expected_answer {
            bail!(
                "the direct chat answer was {answer:?}, not {:?}",
                self.expected_answer
            );
        }
        Ok(Sample {
            first_token: first_token.unwrap_or(total),
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use harness::fake_ollama::{FakeOllama, expected_answer};

    use super::*;

    #[tokio::test]
    async fn a_direct_chat_reads_the_whole_answer() {
        let ollama = FakeOllama::start(&["qwen2.5:14b"]).await.unwrap();
        ollama.set_answer_tokens(5);
        let expected = expected_answer("why is the sky blue", 5);
        let caller = DirectChatCaller::new(
            &ollama.url(),
            "qwen2.5:14b",
            "why is the sky blue",
            expected,
        )
        .unwrap();
        let sample = caller.call().await.unwrap();
        assert!(sample.first_token <= sample.total);
        assert_eq!(ollama.requests("/api/chat"), 1);
    }

    #[tokio::test]
    async fn a_wrong_answer_fails_the_chat() {
        let ollama = FakeOllama::start(&["qwen2.5:14b"]).await.unwrap();
        let caller =
            DirectChatCaller::new(&ollama.url(), "qwen2.5:14b", "hello", "not it".into()).unwrap();
        let error = caller.call().await.unwrap_err();
        assert!(format!("{error:#}").contains("not \"not it\""), "{error:#}");
    }
}
