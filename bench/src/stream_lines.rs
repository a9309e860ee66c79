//! Splits a streamed HTTP body into its lines whatever the chunk boundaries: Ollama's NDJSON and
//! the OpenAI-style server-sent events LiteLLM sends are both newline-delimited.

/// Collects bytes and hands out each complete line (without its `\n` or `\r\n`), skipping blank
/// lines.
#[derive(Debug, Default)]
pub struct StreamLines {
    pending: Vec<u8>,
}

impl StreamLines {
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Vec<u8>> {
        self.pending.extend_from_slice(chunk);
        let mut lines = Vec::new();
        while let Some(end) = self.pending.iter().position(|&byte| byte == b'\n') {
            let mut line: Vec<u8> = self.pending.drain(..=end).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                lines.push(line);
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests;
