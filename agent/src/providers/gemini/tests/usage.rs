//! Usage from the last `usageMetadata`: absent counts are zero only beside present ones.

use proto::v1::TokenUsage;

use crate::providers::gemini::usage::token_usage;
use crate::providers::gemini::wire::UsageMetadata;

#[test]
fn no_usage_metadata_leaves_every_field_unknown() {
    assert_eq!(token_usage(None), TokenUsage::default());
}

#[test]
fn output_is_candidates_plus_thoughts() {
    let metadata = UsageMetadata {
        prompt_token_count: Some(11),
        candidates_token_count: Some(2),
        thoughts_token_count: Some(21),
        cached_content_token_count: Some(4),
    };
    let usage = token_usage(Some(&metadata));
    assert_eq!(usage.input_tokens, Some(11));
    assert_eq!(usage.output_tokens, Some(23));
    assert_eq!(usage.reasoning_tokens, Some(21));
    assert_eq!(usage.cached_input_tokens, Some(4));
}

#[test]
fn an_omitted_count_is_zero_beside_a_present_one() {
    let thinking_only = UsageMetadata {
        prompt_token_count: Some(54),
        thoughts_token_count: Some(62),
        ..UsageMetadata::default()
    };
    assert_eq!(token_usage(Some(&thinking_only)).output_tokens, Some(62));
    let answer_only = UsageMetadata {
        candidates_token_count: Some(5),
        ..UsageMetadata::default()
    };
    let usage = token_usage(Some(&answer_only));
    assert_eq!(usage.output_tokens, Some(5));
    assert_eq!(usage.reasoning_tokens, None);
}

#[test]
fn neither_output_count_leaves_output_unknown() {
    let prompt_only = UsageMetadata {
        prompt_token_count: Some(7),
        ..UsageMetadata::default()
    };
    let usage = token_usage(Some(&prompt_only));
    assert_eq!(usage.input_tokens, Some(7));
    assert_eq!(usage.output_tokens, None);
}
