//! The lines of `runner job ID` about what a job used: its token counts as the backend
//! reported them ("not reported" for a count it left out, never a made-up 0), its cost, and
//! Ollama's own counts and durations.

pub use client::usage::{job_cost as cost_line, job_usage as usage_line};
use proto::v1::OllamaStats;

use super::super::render::format_nanos;

/// `12 prompt (4 cached), 42 generated (38.2 tokens/s)`
pub fn tokens_line(ollama: &OllamaStats) -> String {
    let mut line = format!("{} prompt", ollama.prompt_eval_count);
    if let Some(cached) = ollama.prompt_eval_cached_count {
        line.push_str(&format!(" ({cached} cached)"));
    }
    line.push_str(&format!(", {} generated", ollama.eval_count));
    if ollama.eval_duration_ns > 0 {
        let per_second = ollama.eval_count as f64 / (ollama.eval_duration_ns as f64 / 1e9);
        line.push_str(&format!(" ({per_second:.1} tokens/s)"));
    }
    line
}

/// `total 1.30 s, load 0 ms, prompt 12 ms, generation 1.10 s, done: stop`
pub fn ollama_line(ollama: &OllamaStats) -> String {
    let mut line = format!(
        "total {}, load {}, prompt {}, generation {}",
        format_nanos(ollama.total_duration_ns),
        format_nanos(ollama.load_duration_ns),
        format_nanos(ollama.prompt_eval_duration_ns),
        format_nanos(ollama.eval_duration_ns)
    );
    if !ollama.done_reason.is_empty() {
        line.push_str(&format!(", done: {}", ollama.done_reason));
    }
    line
}
