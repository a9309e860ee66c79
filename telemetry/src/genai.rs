//! The OpenTelemetry GenAI semantic conventions' attribute names our spans carry, and our own
//! beside them. Defined here rather than taken from `opentelemetry-semantic-conventions`,
//! which marks its `gen_ai` constants deprecated (they moved to the GenAI conventions'
//! repository), so using them would fail a `-D warnings` build. Every name is pinned by a test.

/// `chat`, `text_completion` or `embeddings`: what the job asked the model to do.
pub const OPERATION_NAME: &str = "gen_ai.operation.name";
/// `ollama` (a custom value; the conventions list none for it), `groq`, `gcp.gemini`,
/// `anthropic`.
pub const PROVIDER_NAME: &str = "gen_ai.provider.name";
/// The model the job asked for.
pub const REQUEST_MODEL: &str = "gen_ai.request.model";
/// The model that answered (recorded beside the request's: it proves no other model served).
pub const RESPONSE_MODEL: &str = "gen_ai.response.model";
/// All input tokens, cached ones included.
pub const USAGE_INPUT_TOKENS: &str = "gen_ai.usage.input_tokens";
pub const USAGE_OUTPUT_TOKENS: &str = "gen_ai.usage.output_tokens";
/// Input tokens read from the provider's cache (part of the input tokens).
pub const USAGE_CACHE_READ_INPUT_TOKENS: &str = "gen_ai.usage.cache_read.input_tokens";
/// Thinking tokens (part of the output tokens).
pub const USAGE_REASONING_OUTPUT_TOKENS: &str = "gen_ai.usage.reasoning.output_tokens";
/// Ours (the conventions define no cost): USD at the `[[prices]]` in force when the job ended.
pub const COST_USD: &str = "llm_runner.cost_usd";

/// Operation names.
pub const OPERATION_CHAT: &str = "chat";
pub const OPERATION_TEXT_COMPLETION: &str = "text_completion";
pub const OPERATION_EMBEDDINGS: &str = "embeddings";

/// The `gen_ai.provider.name` of a node's backend as its agent names it (`ollama`, `groq`,
/// `gemini`, `anthropic`): Gemini's API is `gcp.gemini` in the conventions.
pub fn provider_name(backend: &str) -> &str {
    match backend {
        "gemini" => "gcp.gemini",
        "" => "ollama",
        other => other,
    }
}

#[cfg(test)]
mod tests;
