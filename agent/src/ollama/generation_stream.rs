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
mod tests {
    use super::*;

    /// A stream whose body arrives in `pieces`, split wherever the test likes.
    fn stream_of(pieces: &[&'static str]) -> GenerationStream {
        let pieces: Vec<Result<&'static str, std::io::Error>> =
            pieces.iter().map(|piece| Ok(*piece)).collect();
        let body = reqwest::Body::wrap_stream(futures::stream::iter(pieces));
        let response = tonic::codegen::http::Response::new(body);
        GenerationStream::new("http://ollama/api/generate".to_owned(), response.into())
    }

    async fn texts_until_the_end(
        stream: &mut GenerationStream,
    ) -> Result<Vec<String>, OllamaError> {
        let mut texts = Vec::new();
        while let Some(chunk) = stream.next_chunk().await? {
            texts.push(chunk.text);
        }
        Ok(texts)
    }

    #[tokio::test]
    async fn lines_split_across_pieces_blank_lines_and_an_unterminated_last_line() {
        let mut stream = stream_of(&[
            r#"{"model":"m","response":"He"#,
            "llo\",\"done\":false}\n\n",
            "\n{\"model\":\"m\",\"response\":\" wo",
            "rld\",\"done\":false}\n{\"model\":\"m\",\"response\":\"\",\"done\":true,\"eval_count\":2}",
        ]);
        let texts = texts_until_the_end(&mut stream).await.unwrap();
        assert_eq!(texts, ["Hello", " world", ""]);
        assert!(stream.next_chunk().await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_stream_without_its_final_line_is_truncated() {
        let mut stream = stream_of(&["{\"model\":\"m\",\"response\":\"a\",\"done\":false}\n"]);
        assert_eq!(stream.next_chunk().await.unwrap().unwrap().text, "a");
        assert!(matches!(
            stream.next_chunk().await,
            Err(OllamaError::Truncated)
        ));
    }
}
