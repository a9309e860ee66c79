//! Server-sent events as the three providers send them, read as bytes arrive: lines end in LF,
//! CRLF or CR (Gemini frames end `\r\n\r\n`, and a CR may end one network chunk with its LF
//! starting the next); `event:` names the event, `data:` lines (joined by `\n`) carry it, `:`
//! starts a comment, a blank line dispatches. What ends a stream is the vendor's business
//! (`[DONE]`, `message_stop`, or the connection closing): [`SseStream::next_event`] returns
//! `None` only at the end of the body. Dropping the stream closes the connection.

#[cfg(test)]
mod tests;

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// The `event:` field; empty when none was given (the spec's "message").
    pub event: String,
    pub data: String,
}

/// The pure parser: feed it bytes, take events out.
#[derive(Debug, Default)]
pub struct SseParser {
    line: Vec<u8>,
    /// The last byte fed was a CR, so an LF that follows ends nothing new.
    after_cr: bool,
    event: String,
    data: Vec<String>,
    ready: std::collections::VecDeque<SseEvent>,
}

impl SseParser {
    pub fn feed(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            match byte {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' | b'\r' => {
                    self.after_cr = byte == b'\r';
                    self.end_line();
                }
                _ => {
                    self.after_cr = false;
                    self.line.push(byte);
                }
            }
        }
    }

    /// The next complete event, if one is ready.
    pub fn take_event(&mut self) -> Option<SseEvent> {
        self.ready.pop_front()
    }

    /// The body ended: an event still being built (no blank line after it) is dispatched.
    pub fn finish(&mut self) {
        if !self.line.is_empty() {
            self.end_line();
        }
        self.dispatch();
    }

    fn end_line(&mut self) {
        let line = String::from_utf8_lossy(&self.line).into_owned();
        self.line.clear();
        if line.is_empty() {
            self.dispatch();
            return;
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_str(), ""),
        };
        match field {
            "event" => self.event = value.to_owned(),
            "data" => self.data.push(value.to_owned()),
            // `id` and `retry` mean nothing to a one-shot API call.
            _ => {}
        }
    }

    fn dispatch(&mut self) {
        if self.data.is_empty() {
            self.event.clear();
            return;
        }
        self.ready.push_back(SseEvent {
            event: std::mem::take(&mut self.event),
            data: std::mem::take(&mut self.data).join("\n"),
        });
    }
}

/// An HTTP answer read as events.
pub struct SseStream {
    response: reqwest::Response,
    parser: SseParser,
    ended: bool,
}

impl SseStream {
    pub fn new(response: reqwest::Response) -> Self {
        Self {
            response,
            parser: SseParser::default(),
            ended: false,
        }
    }

    /// The next event; `Ok(None)` once the body has ended and every event was taken.
    pub async fn next_event(&mut self) -> Result<Option<SseEvent>, reqwest::Error> {
        loop {
            if let Some(event) = self.parser.take_event() {
                return Ok(Some(event));
            }
            if self.ended {
                return Ok(None);
            }
            match self.response.chunk().await? {
                Some(bytes) => self.parser.feed(&bytes),
                None => {
                    self.ended = true;
                    self.parser.finish();
                }
            }
        }
    }
}
