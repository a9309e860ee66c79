//! One chat through the LiteLLM proxy, as an OpenAI client would send it: a streamed
//! `POST /v1/chat/completions` with the master key as Bearer token, read as server-sent events.
//! The first token is the first chunk with non-empty content; the end is `data: [DONE]`. The
//! same caller sends a chat straight to any OpenAI-compatible API (the stand-in Groq).

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::overhead::{Sample, TimedCall};
use crate::stream_lines::StreamLines;

/// LiteLLM is slower than the other paths, but no single request should come near this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct LiteLlmCaller {
    /// Who answers, for error messages: `LiteLLM`, `the stand-in Groq`.
    peer: &'static str,
    client: reqwest::Client,
    completions_url: String,
    authorization: String,
    body: Value,
    expected_answer: String,
}

/// What one server-sent event line says.
#[derive(Debug, PartialEq, Eq)]
enum Event {
    Content(String),
    Done,
    Other,
}

impl LiteLlmCaller {
    pub fn new(
        proxy_url: &str,
        master_key: &str,
        model: &str,
        prompt: &str,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        let url = format!("{proxy_url}/v1/chat/completions");
        Self::streamed_chat("LiteLLM", url, master_key, model, prompt, expected_answer)
    }

    /// A plain streamed chat (`"stream": true`, nothing else) to `completions_url` with
    /// `bearer` as the key; errors name `peer`.
    pub fn streamed_chat(
        peer: &'static str,
        completions_url: String,
        bearer: &str,
        model: &str,
        prompt: &str,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        let body = json!({
            "model": model,
            "messages": [{ "role": "user", "content": prompt }],
            "stream": true,
        });
        Self::build(peer, completions_url, bearer, body, expected_answer)
    }

    /// Where this caller posts its chats.
    pub fn completions_url(&self) -> &str {
        &self.completions_url
    }

    /// A streamed chat straight to the OpenAI-compatible API at `completions_url` with
    /// `api_key`, asking for the usage in the stream (`stream_options.include_usage`) as the
    /// agent's Groq client does, so both get the same bytes back; errors name `peer`.
    pub fn openai_compatible(
        peer: &'static str,
        completions_url: String,
        api_key: &str,
        model: &str,
        prompt: &str,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        let body = json!({
            "model": model,
            "messages": [{ "role": "user", "content": prompt }],
            "stream": true,
            "stream_options": { "include_usage": true },
        });
        Self::build(peer, completions_url, api_key, body, expected_answer)
    }

    fn build(
        peer: &'static str,
        completions_url: String,
        bearer: &str,
        body: Value,
        expected_answer: String,
    ) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .tcp_nodelay(true)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .with_context(|| format!("cannot build the http client for {peer}"))?;
        Ok(Self {
            peer,
            client,
            completions_url,
            authorization: format!("Bearer {bearer}"),
            body,
            expected_answer,
        })
    }

    pub async fn call(&self) -> anyhow::Result<Sample> {
        let started = Instant::now();
        let mut response = self
            .client
            .post(&self.completions_url)
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
            .json(&self.body)
            .send()
            .await
            .with_context(|| format!("the chat request to {} failed", self.peer))?;
        if !response.status().is_success() {
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            bail!("{} answered {status}: {body}", self.peer);
        }
        let mut lines = StreamLines::default();
        let mut answer = String::new();
        let mut first_token = None;
        let peer = self.peer;
        while let Some(chunk) = response
            .chunk()
            .await
            .with_context(|| format!("reading {peer}'s stream"))?
        {
            for line in lines.push(&chunk) {
                match parse_event(peer, &line)? {
                    Event::Content(token) => {
                        first_token.get_or_insert_with(|| started.elapsed());
                        answer.push_str(&token);
                    }
                    Event::Done => {
                        let total = started.elapsed();
                        if answer != self.expected_answer {
                            bail!(
                                "{peer}'s answer was {answer:?}, not {:?}",
                                self.expected_answer
                            );
                        }
                        return Ok(Sample {
                            first_token: first_token.unwrap_or(total),
                            total,
                        });
                    }
                    Event::Other => {}
                }
            }
        }
        bail!("{peer}'s stream ended without `data: [DONE]`")
    }
}

impl TimedCall for LiteLlmCaller {
    async fn call(&self) -> anyhow::Result<Sample> {
        LiteLlmCaller::call(self).await
    }
}

fn parse_event(peer: &str, line: &[u8]) -> anyhow::Result<Event> {
    let line = std::str::from_utf8(line)
        .with_context(|| format!("{peer} sent a line that is not UTF-8"))?;
    let Some(data) = line.strip_prefix("data:") else {
        // Comments (`: ping`), `event:` and `id:` lines carry no tokens.
        return Ok(Event::Other);
    };
    let data = data.trim();
    if data == "[DONE]" {
        return Ok(Event::Done);
    }
    let chunk: Value =
        serde_json::from_str(data).with_context(|| format!("{peer} sent {data:?}"))?;
    if let Some(error) = chunk.get("error") {
        bail!("{peer} failed the chat mid-stream: {error}");
    }
    let content = chunk
        .pointer("/choices/0/delta/content")
        .and_then(Value::as_str)
        .unwrap_or("");
    Ok(if content.is_empty() {
        Event::Other
    } else {
        Event::Content(content.to_owned())
    })
}

#[cfg(test)]
mod tests;
