//! Groq's answer shapes: the `chat.completion.chunk` stream exactly as recorded (charmbracelet/
//! fantasy `groq-kimi-k2/simple_streaming.yaml`): `data: <json>\n\n`, no `event:`, a first chunk
//! with `delta.role`, the finish chunk with `x_groq.usage` (and top-level `usage` with
//! `include_usage`, then a `choices: []` chunk repeating it), then `data: [DONE]`; and the
//! non-streamed `chat.completion` (groq-python `types/chat/chat_completion_chunk.py`,
//! `types/completion_usage.py`; providers.md §2.2, §2.3).

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::fake_providers::ReportedUsage;
use crate::fake_providers::generation::{Framer, Plan, Step};
use crate::fake_providers::state::Shared;

/// Writes one answer's chunks; everything but the text is fixed when the request arrives.
pub(super) struct ChunkWriter {
    id: String,
    request_id: String,
    created: u64,
    model: String,
    input_tokens: usize,
    finish_reason: &'static str,
    include_usage: bool,
}

impl ChunkWriter {
    pub fn new(shared: &Shared, model: &str, plan: &Plan, include_usage: bool) -> Self {
        let number = shared.next_id();
        let created = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        Self {
            id: format!("chatcmpl-standin-{number:08}"),
            request_id: format!("req_standin{number:016}"),
            created,
            model: model.to_string(),
            input_tokens: plan.input_tokens,
            finish_reason: if plan.capped { "length" } else { "stop" },
            include_usage,
        }
    }

    /// Groq's usage object: totals plus timings (fixed, made-up seconds).
    fn usage(&self, completion_tokens: usize) -> Value {
        json!({
            "queue_time": 0.012, "prompt_tokens": self.input_tokens, "prompt_time": 0.001,
            "completion_tokens": completion_tokens, "completion_time": 0.002,
            "total_tokens": self.input_tokens + completion_tokens, "total_time": 0.003,
        })
    }

    fn chunk(&self, choices: Value) -> Value {
        json!({
            "id": self.id, "object": "chat.completion.chunk", "created": self.created,
            "model": self.model, "system_fingerprint": "fp_standin", "choices": choices,
        })
    }

    fn choice(delta: Value, finish_reason: Option<&str>) -> Value {
        json!([{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish_reason}])
    }
}

fn data(value: &Value) -> String {
    format!("data: {value}\n\n")
}

impl Framer for ChunkWriter {
    fn opening(&mut self) -> String {
        let mut first = self.chunk(Self::choice(
            json!({"role": "assistant", "content": ""}),
            None,
        ));
        first["x_groq"] = json!({"id": self.request_id, "seed": 2_139_001_717});
        data(&first)
    }

    fn frame(&mut self, step: &Step) -> String {
        match step {
            Step::Token { text, .. } => {
                data(&self.chunk(Self::choice(json!({"content": text}), None)))
            }
            Step::Failed => data(&json!({"error": {
                "message": "Internal Server Error: the stand-in stopped generating",
                "type": "internal_server_error",
            }})),
            Step::Finished { emitted } => {
                let usage = self.usage(*emitted);
                let mut finish = self.chunk(Self::choice(json!({}), Some(self.finish_reason)));
                finish["x_groq"] = json!({"id": self.request_id, "usage": usage});
                let mut frames = String::new();
                if self.include_usage {
                    finish["usage"] = usage.clone();
                    frames = data(&finish);
                    let mut tail = self.chunk(json!([]));
                    tail["usage"] = usage;
                    tail["service_tier"] = json!("on_demand");
                    frames.push_str(&data(&tail));
                } else {
                    frames.push_str(&data(&finish));
                }
                frames + "data: [DONE]\n\n"
            }
        }
    }

    fn reported_usage(&self, data: &Value) -> Option<ReportedUsage> {
        reported_usage(data)
    }
}

/// The usage a chunk or completion reports: top-level `usage`, else `x_groq.usage` (OpenAI's
/// `CompletionUsage`: `prompt_tokens` includes `prompt_tokens_details.cached_tokens`,
/// `completion_tokens` includes `completion_tokens_details.reasoning_tokens`).
pub(super) fn reported_usage(data: &Value) -> Option<ReportedUsage> {
    let usage = data
        .get("usage")
        .filter(|usage| usage.is_object())
        .or_else(|| data.pointer("/x_groq/usage"))?;
    let count = |pointer: &str| usage.pointer(pointer).and_then(Value::as_u64).unwrap_or(0);
    Some(ReportedUsage::of_answer(
        count("/prompt_tokens"),
        count("/completion_tokens"),
        count("/prompt_tokens_details/cached_tokens"),
        count("/completion_tokens_details/reasoning_tokens"),
    ))
}

/// The non-streamed `chat.completion` for an answer of `text` in `tokens` tokens.
pub(super) fn completion(writer: &ChunkWriter, text: &str, tokens: usize) -> Value {
    json!({
        "id": writer.id, "object": "chat.completion", "created": writer.created,
        "model": writer.model,
        "choices": [{
            "index": 0, "message": {"role": "assistant", "content": text},
            "logprobs": null, "finish_reason": writer.finish_reason,
        }],
        "usage": writer.usage(tokens), "usage_breakdown": null,
        "system_fingerprint": "fp_standin",
        "x_groq": {"id": writer.request_id, "seed": 2_139_001_717},
        "service_tier": "on_demand",
    })
}
