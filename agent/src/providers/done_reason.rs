//! Reads a provider's reason for ending an answer in Ollama's words (`done_reason`: `stop` when
//! the model finished or met a stop sequence, `length` when it hit the token limit), so a job's
//! ending means the same whichever backend ran it. Groq/OpenAI say `stop` / `length`; Gemini
//! `STOP` / `MAX_TOKENS` (a stop sequence also ends with `STOP`); Anthropic `end_turn` /
//! `stop_sequence` / `max_tokens`. Other reasons (`SAFETY`, `tool_use`, `content_filter`) pass
//! through verbatim: they have no Ollama counterpart, and hiding them would lose what happened.

/// Ollama's `done_reason` for a provider's stop reason; empty when the provider gave none.
pub fn done_reason(stop_reason: &str) -> &str {
    match stop_reason {
        "stop" | "STOP" | "end_turn" | "stop_sequence" => "stop",
        "length" | "MAX_TOKENS" | "max_tokens" => "length",
        other => other,
    }
}

/// A warning for the job when `vendor` cut the answer at the token limit: the caller otherwise
/// sees a complete-looking job whose text simply stops.
pub fn cut_short_warning(vendor: &str, stop_reason: &str) -> Option<String> {
    (done_reason(stop_reason) == "length").then(|| {
        format!(
            "{vendor} stopped the answer at the token limit ({stop_reason}): raise num_predict \
             for a longer answer"
        )
    })
}

#[cfg(test)]
mod tests;
