//! Anthropic's stream, event for event as recorded (fantasy `claude-sonnet-4/
//! simple_streaming.yaml`; platform.claude.com/docs/build-with-claude/streaming): `message_start`
//! with a PLACEHOLDER `output_tokens`, `content_block_start`, `ping` (spaced JSON) right after it
//! and again halfway through the text, a `text_delta` per token, `content_block_stop`, one
//! `message_delta` with the CUMULATIVE usage, `message_stop`. Data lines are padded with spaces
//! before their closing `}` as the recording's are. A failure is `event: error` with
//! `overloaded_error` and no `message_stop` (providers.md §4.2, §4.3).

use serde_json::{Value, json};

use crate::fake_providers::ReportedUsage;
use crate::fake_providers::generation::{Framer, Step};

/// Everything about one answer's events except the text.
pub(super) struct EventWriter {
    pub message: Value,
    pub input_tokens: usize,
    pub tokens: usize,
    pub stop_reason: &'static str,
    /// The stop sequence that ended the answer, when one did.
    pub stop_sequence: Option<String>,
    /// How many events were written, which varies the padding.
    pub written: usize,
}

/// `output_tokens` in `message_start`: never the final count, so a client must not keep it.
pub(super) fn placeholder_output_tokens(tokens: usize) -> usize {
    if tokens == 1 { 5 } else { 1 }
}

/// The usage object of a message (also `message_start`'s, with the placeholder).
pub(super) fn usage(input_tokens: usize, output_tokens: usize) -> Value {
    json!({
        "input_tokens": input_tokens, "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
        "output_tokens": output_tokens, "service_tier": "standard",
    })
}

const PING: &str = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

impl EventWriter {
    /// One event with its data padded: `{"type":"message_stop"       }`.
    fn event(&mut self, name: &str, data: &Value) -> String {
        self.written += 1;
        let compact = data.to_string();
        let open = compact.strip_suffix('}').unwrap_or(&compact);
        let padding = " ".repeat(1 + self.written * 5 % 12);
        format!("event: {name}\ndata: {open}{padding}}}\n\n")
    }
}

impl Framer for EventWriter {
    fn opening(&mut self) -> String {
        let start = json!({"type": "message_start", "message": self.message});
        let block = json!({"type": "content_block_start", "index": 0,
                           "content_block": {"type": "text", "text": ""}});
        self.event("message_start", &start) + &self.event("content_block_start", &block) + PING
    }

    fn frame(&mut self, step: &Step) -> String {
        match step {
            Step::Token { index, text } => {
                let delta = json!({"type": "content_block_delta", "index": 0,
                                   "delta": {"type": "text_delta", "text": text}});
                let mut events = self.event("content_block_delta", &delta);
                if self.tokens >= 2 && index + 1 == self.tokens / 2 {
                    events.push_str(PING);
                }
                events
            }
            Step::Failed => "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\
                                    \"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
                .to_string(),
            Step::Finished { emitted } => {
                let stop = json!({"type": "content_block_stop", "index": 0});
                let mut final_usage = usage(self.input_tokens, *emitted);
                if let Some(fields) = final_usage.as_object_mut() {
                    fields.remove("cache_creation");
                    fields.remove("service_tier");
                }
                let delta = json!({"type": "message_delta", "usage": final_usage,
                                   "delta": {"stop_reason": self.stop_reason,
                                             "stop_sequence": self.stop_sequence}});
                let message_stop = json!({"type": "message_stop"});
                self.event("content_block_stop", &stop)
                    + &self.event("message_delta", &delta)
                    + &self.event("message_stop", &message_stop)
            }
        }
    }

    fn reported_usage(&self, data: &Value) -> Option<ReportedUsage> {
        reported_usage(data)
    }
}

/// The usage an event or a whole message reports (platform.claude.com streaming and Messages
/// references): `input_tokens` excludes the cache, so input is input + cache creation + cache
/// read; `message_start`'s `output_tokens` is a placeholder, not a count, so it reports input
/// only; `message_delta`'s usage is cumulative.
pub(super) fn reported_usage(data: &Value) -> Option<ReportedUsage> {
    let (usage, counts_output) = match data["type"].as_str()? {
        "message_start" => (data.pointer("/message/usage")?, false),
        "message_delta" | "message" => (data.get("usage")?, true),
        _ => return None,
    };
    let count = |field: &str| usage.get(field).and_then(Value::as_u64).unwrap_or(0);
    let cached = count("cache_read_input_tokens");
    let input = count("input_tokens") + count("cache_creation_input_tokens") + cached;
    let output = if counts_output {
        count("output_tokens")
    } else {
        0
    };
    Some(ReportedUsage::of_answer(input, output, cached, 0))
}
