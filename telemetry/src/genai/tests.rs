//! Pins the attribute names to the GenAI semantic conventions' registry (checked 2026-12-02).

use super::*;

#[test]
fn names_match_the_conventions() {
    assert_eq!(
        [
            OPERATION_NAME,
            PROVIDER_NAME,
            REQUEST_MODEL,
            RESPONSE_MODEL,
            USAGE_INPUT_TOKENS,
            USAGE_OUTPUT_TOKENS,
            USAGE_CACHE_READ_INPUT_TOKENS,
            USAGE_REASONING_OUTPUT_TOKENS,
            COST_USD,
        ],
        [
            "gen_ai.operation.name",
            "gen_ai.provider.name",
            "gen_ai.request.model",
            "gen_ai.response.model",
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.reasoning.output_tokens",
            "llm_runner.cost_usd",
        ]
    );
    assert_eq!(
        [
            OPERATION_CHAT,
            OPERATION_TEXT_COMPLETION,
            OPERATION_EMBEDDINGS
        ],
        ["chat", "text_completion", "embeddings"]
    );
}

#[test]
fn providers_use_the_conventions_well_known_values() {
    assert_eq!(provider_name("ollama"), "ollama");
    assert_eq!(provider_name(""), "ollama");
    assert_eq!(provider_name("groq"), "groq");
    assert_eq!(provider_name("gemini"), "gcp.gemini");
    assert_eq!(provider_name("anthropic"), "anthropic");
}
