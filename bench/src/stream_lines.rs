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
mod tests {
    use super::*;

    #[test]
    fn lines_split_across_chunks_come_out_whole_and_blank_lines_are_skipped() {
        let mut lines = StreamLines::default();
        assert!(lines.push(b"data: {\"a\":").is_empty());
        assert_eq!(
            lines.push(b"1}\r\n\r\ndata: [DONE]\n{"),
            vec![b"data: {\"a\":1}".to_vec(), b"data: [DONE]".to_vec()]
        );
        assert_eq!(lines.push(b"}\n\n"), vec![b"{}".to_vec()]);
    }
}
