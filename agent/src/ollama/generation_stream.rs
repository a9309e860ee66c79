//! Reads the NDJSON answer of `/api/chat` or `/api/generate` line by line as bytes arrive, so
//! each token reaches the caller at once; dropping it closes the connection, which is how
//! Ollama learns that a job was cancelled.

use std::pin::Pin;

use futures::{Stream, StreamExt};
use proto::v1::OllamaStats;

use super::OllamaError;
use super::wire::StreamLine;

type ByteStream = Pin<Box<dyn Stream<Item = reqwest::Result<Vec<u8>>> + Send>>;

/// One line of a generation: a piece of text, and on the final line Ollama's statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerationChunk {
    pub text: String,
    /// The model as Ollama named it in its answer.
    pub model: String,
    /// Set on the final chunk (`"done": true`) only.
    pub final_stats: Option<OllamaStats>,
}

pub struct GenerationStream {
    url: String,
    body: ByteStream,
    buffer: Vec<u8>,
    body_ended: bool,
    saw_final_chunk: bool,
}

impl GenerationStream {
    pub(crate) fn new(url: String, response: reqwest::Response) -> Self {
        let body = response
            .bytes_stream()
            .map(|piece| piece.map(|bytes| bytes.to_vec()));
        Self {
            url,
            body: Box::pin(body),
            buffer: Vec::new(),
            body_ended: false,
            saw_final_chunk: false,
        }
    }

    /// The next chunk; `Ok(None)` after the final one. A `{"error": ...}` line ends the stream
    /// with Ollama's own message; a stream that stops before its final chunk is an error.
    pub async fn next_chunk(&mut self) -> Result<Option<GenerationChunk>, OllamaError> {
        loop {
            if self.saw_final_chunk {
                return Ok(None);
            }
            if let Some(line) = self.take_line() {
                return self.parse(&line).map(Some);
            }
            if self.body_ended {
                return Err(OllamaError::Truncated);
            }
            match self.body.next().await {
                Some(Ok(bytes)) => self.buffer.extend_from_slice(&bytes),
                Some(Err(error)) => {
                    return Err(OllamaError::from_transport(&self.url, None, &error));
                }
                None => self.body_ended = true,
            }
        }
    }

    /// A complete non-blank line from the buffer, or the unterminated rest once the body ended.
    fn take_line(&mut self) -> Option<Vec<u8>> {
        loop {
            let line = match self.buffer.iter().position(|byte| *byte == b'\n') {
                Some(end) => self.buffer.drain(..=end).collect::<Vec<u8>>(),
                None if self.body_ended && !self.buffer.is_empty() => {
                    std::mem::take(&mut self.buffer)
                }
                None => return None,
            };
            if !line.trim_ascii().is_empty() {
                return Some(line);
            }
        }
    }

    fn parse(&mut self, line: &[u8]) -> Result<GenerationChunk, OllamaError> {
        let parsed: StreamLine =
            serde_json::from_slice(line.trim_ascii()).map_err(|error| OllamaError::Malformed {
                url: self.url.clone(),
                reason: format!("a line is not the JSON expected: {error}"),
            })?;
        if let Some(message) = parsed.error {
            return Err(OllamaError::Reported { message });
        }
        let text = match (parsed.message, parsed.response) {
            (Some(message), _) => message.content,
            (None, Some(response)) => response,
            (None, None) => String::new(),
        };
        self.saw_final_chunk = parsed.done;
        Ok(GenerationChunk {
            text,
            model: parsed.model,
            final_stats: parsed.done.then(|| parsed.stats.into()),
        })
    }
}
