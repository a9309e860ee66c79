//! One generate request straight to the stand-in Ollama, as the agent would make it: a streamed
//! `POST /api/generate`, read line by line, timed from just before it is sent.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::Sample;

/// No single request of a benchmark should come near this; it bounds a wedged one.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct DirectCaller {
    client: reqwest::Client,
    generate_url: String,
    body: Value,
    expected_answer: String,
}

impl DirectCaller {
    pub fn new(
        ollama_url: &str,
        model: &str,
        prompt: &str,
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
            generate_url: format!("{ollama_url}/api/generate"),
            body: json!({ "model": model, "prompt": prompt, "stream": true }),
            expected_answer,
        })
    }

    pub async fn call(&self) -> anyhow::Result<Sample> {
        let started = Instant::now();
        let mut response = self
            .client
            .post(&self.generate_url)
            .json(&self.body)
            .send()
            .await
            .context("direct generate request failed")?
            .error_for_status()
            .context("the stand-in ollama refused the direct generate request")?;
        let mut lines = NdjsonLines::default();
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
                let token = value.get("response").and_then(Value::as_str).unwrap_or("");
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

/// Splits a byte stream into its newline-terminated lines, whatever the chunk boundaries.
#[derive(Default)]
struct NdjsonLines {
    pending: Vec<u8>,
}

impl NdjsonLines {
    fn push(&mut self, chunk: &[u8]) -> Vec<Vec<u8>> {
        self.pending.extend_from_slice(chunk);
        let mut lines = Vec::new();
        while let Some(end) = self.pending.iter().position(|&byte| byte == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let line = &line[..line.len() - 1];
            if !line.iter().all(u8::is_ascii_whitespace) {
                lines.push(line.to_vec());
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_across_chunks_come_out_whole() {
        let mut lines = NdjsonLines::default();
        assert!(lines.push(b"{\"a\":").is_empty());
        assert_eq!(
            lines.push(b"1}\n{\"b\":2}\n{"),
            vec![b"{\"a\":1}".to_vec(), b"{\"b\":2}".to_vec()]
        );
        assert_eq!(lines.push(b"}\n\n"), vec![b"{}".to_vec()]);
    }

    #[tokio::test]
    async fn a_direct_call_reads_the_whole_answer() {
        let ollama = harness::fake_ollama::FakeOllama::start(&["qwen2.5:14b"])
            .await
            .unwrap();
        ollama.set_answer_tokens(5);
        let expected = harness::fake_ollama::expected_answer("why is the sky blue", 5);
        let caller = DirectCaller::new(
            &ollama.url(),
            "qwen2.5:14b",
            "why is the sky blue",
            expected,
        )
        .unwrap();
        let sample = caller.call().await.unwrap();
        assert!(sample.first_token <= sample.total);
        assert_eq!(ollama.requests("/api/generate"), 1);
    }

    #[tokio::test]
    async fn a_wrong_answer_fails_the_call() {
        let ollama = harness::fake_ollama::FakeOllama::start(&["qwen2.5:14b"])
            .await
            .unwrap();
        let caller =
            DirectCaller::new(&ollama.url(), "qwen2.5:14b", "hello", "not it".into()).unwrap();
        let error = caller.call().await.unwrap_err();
        assert!(format!("{error:#}").contains("not \"not it\""), "{error:#}");
    }
}
