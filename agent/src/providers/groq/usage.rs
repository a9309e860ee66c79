//! Groq's `CompletionUsage`, OpenAI's shape (groq-python `types/completion_usage.py`, as
//! quoted in `research/providers.md` §2.3): the same object on `usage` and `x_groq.usage`.

use proto::v1::TokenUsage;
use serde::Deserialize;

/// `prompt_tokens` includes cached input, `completion_tokens` includes reasoning.
#[derive(Debug, Deserialize)]
pub(super) struct Usage {
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    prompt_tokens_details: Option<PromptDetails>,
    completion_tokens_details: Option<CompletionDetails>,
}

#[derive(Debug, Deserialize)]
struct PromptDetails {
    cached_tokens: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct CompletionDetails {
    reasoning_tokens: Option<u64>,
}

impl Usage {
    pub fn into_token_usage(self) -> TokenUsage {
        TokenUsage {
            input_tokens: self.prompt_tokens,
            output_tokens: self.completion_tokens,
            cached_input_tokens: self.prompt_tokens_details.and_then(|d| d.cached_tokens),
            reasoning_tokens: self
                .completion_tokens_details
                .and_then(|d| d.reasoning_tokens),
        }
    }
}
