//! One request straight to the stand-in Ollama, as the agent would make it: a streamed
//! `POST /api/generate` (or `/api/chat`), read line by line, timed from just before it is sent.
//! It is the baseline every "added" figure is measured against.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::Sample;
use crate::stream_lines::StreamLines;

/// No single request of a benchmark should come near this; it bounds a wedged one.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct DirectCaller {
    client: reqwest::Client,
    url: String,
    body: Value,
    /// Where a streamed line carries its token: `/response` (generate), `/message/content` (chat).
    token_pointer: &'static str,
    expected_answer: String,
}

impl DirectCaller {
    /// `POST /api/generate` with `prompt`.
    pub fn new(
        ollama_url: &str,
        model: &str,
        prompt: &str,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        let body = json!({ "model": model, "prompt": prompt, "stream": true });
        Self::build(
            format!("{ollama_url}/api/generate"),
            body,
            "/response",
            expected_answer,
        )
    }

    /// `POST /api/chat` with `prompt` as the one user message.
    pub fn chat(
        ollama_url: &str,
        model: &str,
        prompt: &str,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        let body = json!({
            "model": model,
            "messages": [{ "role": "user", "content": prompt }],
            "stream": true,
        });
        Self::build(
            format!("{ollama_url}/api/chat"),
            body,
            "/message/content",
            expected_answer,
        )
    }

    fn build(
        url: String,
        body: Value,
        token_pointer: &'static str,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        // Nagle's algorithm would hold the small request segments back; say so explicitly
        // rather than rely on the client's default.
        let client = reqwest::Client::builder()
            .tcp_nodelay(true)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .context("cannot build the http client for direct calls")?;
        Ok(Self {
            client,
            url,
            body,
            token_pointer,
            expected_answer,
        })
    }

    pub async fn call(&self) -> anyhow::Result<Sample> {
        let started = Instant::now();
        let mut response = self
            .client
            .post(&self.url)
            .json(&self.body)
            .send()
            .await
            .with_context(|| format!("direct request to {} failed", self.url))?
            .error_for_status()
            .context("the stand-in ollama refused the direct request")?;
        let mut lines = StreamLines::default();
        let mut answer = String::new();
        let mut first_token = None;
        let mut total = None;
        while let Some(chunk) = response
            .chunk()
            .await
            .context("reading the direct stream")?
        {
            for line in lines.push(&chunk) {
                let value: Value = serde_json::from_slice(&line)
                    .context("the stand-in ollama sent a line that is not JSON")?;
                if let Some(error) = value.get("error") {
                    bail!("the stand-in ollama failed the direct request: {error}");
                }
                let token = value
                    .pointer(self.token_pointer)
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
        let total = total.context("the direct stream ended without its `done` line")?;
        if answer != self.expected_answer {
            bail!(
                "the direct answer was {answer:?}, not {:?}",
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
mod tests;
