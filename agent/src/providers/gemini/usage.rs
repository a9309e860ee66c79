//! Gemini's `usageMetadata` as the job's [`TokenUsage`]. Follows the REST reference's
//! `UsageMetadata` (ai.google.dev/api/generate-content#UsageMetadata) and providers.md §3.3/§5:
//! the counts are cumulative in every streamed chunk, so the last chunk's values are the
//! answer's (never a sum), and a zero count is omitted, so an absent field is 0 only beside
//! one that is present. Billable output is candidates + thoughts.

use proto::v1::TokenUsage;

use super::wire::UsageMetadata;

/// The usage of an answer whose last `usageMetadata` was `last` (`None`: none came, so
/// nothing is known and every field stays `None`).
pub(super) fn token_usage(last: Option<&UsageMetadata>) -> TokenUsage {
    let Some(metadata) = last else {
        return TokenUsage::default();
    };
    let output_tokens = match (
        metadata.candidates_token_count,
        metadata.thoughts_token_count,
    ) {
        (None, None) => None,
        (candidates, thoughts) => Some(candidates.unwrap_or(0) + thoughts.unwrap_or(0)),
    };
    TokenUsage {
        input_tokens: metadata.prompt_token_count,
        output_tokens,
        cached_input_tokens: metadata.cached_content_token_count,
        reasoning_tokens: metadata.thoughts_token_count,
    }
}
