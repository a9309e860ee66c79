//! A job's token counts as OpenAI's `usage`: `prompt_tokens`, `completion_tokens`,
//! `total_tokens`, with the cached and reasoning parts in their details. Absent when the
//! backend did not report both counts: never a made-up 0.

#[cfg(test)]
mod tests;

use proto::v1::Job;
use serde_json::{Value, json};

pub fn usage(job: &Job) -> Option<Value> {
    let usage = job.usage.as_ref()?;
    let (input, output) = (usage.input_tokens?, usage.output_tokens?);
    let mut value = json!({
        "prompt_tokens": input,
        "completion_tokens": output,
        "total_tokens": input + output,
    });
    if let Some(cached) = usage.cached_input_tokens {
        value["prompt_tokens_details"] = json!({ "cached_tokens": cached });
    }
    if let Some(reasoning) = usage.reasoning_tokens {
        value["completion_tokens_details"] = json!({ "reasoning_tokens": reasoning });
    }
    Some(value)
}

/// OpenAI's `finish_reason` for a job that ended: `length` when the token limit cut it
/// (Ollama's `done_reason`), else `stop`.
pub fn finish_reason(job: &Job) -> &'static str {
    let done_reason = job
        .timings
        .as_ref()
        .and_then(|timings| timings.ollama.as_ref())
        .map(|ollama| ollama.done_reason.as_str());
    match done_reason {
        Some("length" | "max_tokens" | "MAX_TOKENS") => "length",
        _ => "stop",
    }
}
