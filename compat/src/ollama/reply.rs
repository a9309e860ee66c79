//! The objects `/api/chat` and `/api/generate` answer with, built from the job (Go's
//! `api.ChatResponse` and `api.GenerateResponse`): a piece of text while streaming, and the
//! last object with `done: true`, `done_reason` and the statistics. Durations (nanoseconds)
//! and counts are the node's Ollama's own when it reported them, the token usage a provider
//! reported otherwise, and the coordinator's measured total as a last resort; a statistic
//! nobody measured is left out (as Ollama's `omitempty` leaves out a zero), never invented.

#[cfg(test)]
mod tests;

use std::time::SystemTime;

use chrono::{DateTime, SecondsFormat, Utc};
use proto::v1::Job;
use serde_json::{Map, Value, json};

use crate::done_reason::done_reason;

/// Which endpoint's shape: chat's `message`, or generate's `response`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Chat,
    Generate,
}

/// Now, as Ollama writes `created_at` (RFC 3339, UTC, nanoseconds).
pub fn now() -> String {
    DateTime::<Utc>::from(SystemTime::now()).to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// The model that really ran, as its backend named it; the job's model until it has answered.
pub fn served_model(job: &Job) -> &str {
    if job.served_model.is_empty() {
        job.spec.as_ref().map_or("", |spec| spec.model.as_str())
    } else {
        &job.served_model
    }
}

/// One object carrying `text`, not done.
pub fn chunk(flavour: Flavour, model: &str, created_at: &str, text: &str) -> Value {
    let mut body = json!({"model": model, "created_at": created_at});
    put_text(&mut body, flavour, text);
    body["done"] = json!(false);
    body
}

/// The last object: `text` (empty when it was streamed before), `done`, `done_reason` and the
/// statistics of the ended job.
pub fn final_object(flavour: Flavour, job: &Job, created_at: &str, text: &str) -> Value {
    let mut body = json!({"model": served_model(job), "created_at": created_at});
    put_text(&mut body, flavour, text);
    body["done"] = json!(true);
    body["done_reason"] = json!(done_reason(job));
    if let Value::Object(fields) = &mut body {
        fields.extend(statistics(job));
    }
    body
}

/// Ollama's answer to a request with nothing to say (an empty prompt or no messages): the
/// model is ready, `done_reason: "load"`.
pub fn loaded(flavour: Flavour, model: &str, created_at: &str) -> Value {
    let mut body = json!({"model": model, "created_at": created_at});
    put_text(&mut body, flavour, "");
    body["done"] = json!(true);
    body["done_reason"] = json!("load");
    body
}

/// `total_duration`, `load_duration`, `prompt_eval_count`, `prompt_eval_duration`,
/// `eval_count`, `eval_duration`: each one known, and only those.
pub fn statistics(job: &Job) -> Map<String, Value> {
    let timings = job.timings.as_ref();
    let ollama = timings.and_then(|timings| timings.ollama.as_ref());
    let usage = job.usage.as_ref();
    let known = |value: Option<u64>| value.filter(|value| *value > 0);
    let total = known(ollama.map(|stats| stats.total_duration_ns)).or_else(|| {
        timings
            .and_then(|timings| timings.total_ms)
            .map(|ms| ms.saturating_mul(1_000_000))
    });
    let fields = [
        ("total_duration", total),
        ("load_duration", known(ollama.map(|s| s.load_duration_ns))),
        (
            "prompt_eval_count",
            known(ollama.map(|s| s.prompt_eval_count))
                .or_else(|| usage.and_then(|usage| usage.input_tokens)),
        ),
        (
            "prompt_eval_duration",
            known(ollama.map(|s| s.prompt_eval_duration_ns)),
        ),
        (
            "eval_count",
            known(ollama.map(|s| s.eval_count))
                .or_else(|| usage.and_then(|usage| usage.output_tokens)),
        ),
        ("eval_duration", known(ollama.map(|s| s.eval_duration_ns))),
    ];
    fields
        .into_iter()
        .filter_map(|(name, value)| Some((name.to_owned(), json!(value?))))
        .collect()
}

fn put_text(body: &mut Value, flavour: Flavour, text: &str) {
    match flavour {
        Flavour::Chat => body["message"] = json!({"role": "assistant", "content": text}),
        Flavour::Generate => body["response"] = json!(text),
    }
}
