//! Reads the NDJSON answer of `/api/chat` or `/api/generate` line by line as bytes arrive, so
//! each token reaches the caller at once; dropping it closes the connection, which is how
//! Ollama learns that a job was cancelled.

use proto::v1::OllamaStats;

use super::OllamaError;
use super::wire::StreamLine;

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
    response: reqwest::Response,
    /// Bytes received and not yet parsed start at `parsed`; lines are parsed in place.
    buffer: Vec<u8>,
    parsed: usize,
    body_ended: bool,
    saw_final_chunk: bool,
}

impl GenerationStream {
    pub(crate) fn new(url: String, response: reqwest::Response) -> Self {
        Self {
            url,
            response,
            buffer: Vec::new(),
            parsed: 0,
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
                let chunk = parse(&self.url, &self.buffer[line])?;
                self.saw_final_chunk = chunk.final_stats.is_some();
                return Ok(Some(chunk));
            }
            if self.body_ended {
                return Err(OllamaError::Truncated);
            }
            match self.response.chunk().await {
                Ok(Some(bytes)) => {
                    // Parsed lines are dropped only here, before more bytes arrive.
                    self.buffer.drain(..self.parsed);
                    self.parsed = 0;
                    self.buffer.extend_from_slice(&bytes);
                }
                Err(error) => {
                    return Err(OllamaError::from_transport(&self.url, None, &error));
                }
                Ok(None) => self.body_ended = true,
            }
        }
    }

    /// Where the next complete non-blank line lies in the buffer (or the unterminated rest
    /// once the body ended); it counts as parsed from now on.
    fn take_line(&mut self) -> Option<std::ops::Range<usize>> {
        loop {
            let rest = &self.buffer[self.parsed..];
            let line = match rest.iter().position(|byte| *byte == b'\n') {
                Some(end) => self.parsed..self.parsed + end + 1,
                None if self.body_ended && !rest.is_empty() => self.parsed..self.buffer.len(),
                None => return None,
            };
            self.parsed = line.end;
            if !self.buffer[line.clone()].trim_ascii().is_empty() {
                return Some(line);
            }
        }
    }
}

fn parse(url: &str, line: &[u8]) -> Result<GenerationChunk, OllamaError> {
    let parsed: StreamLine =
        serde_json::from_slice(line.trim_ascii()).map_err(|error| OllamaError::Malformed {
            url: url.to_owned(),
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
    Ok(GenerationChunk {
        text,
        model: parsed.model,
        final_stats: parsed.done.then(|| parsed.stats.into()),
    })
}

#[cfg(test)]
mod tests;
