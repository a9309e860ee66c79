//! Usage appears only when both counts were reported; details only when known.

use proto::v1::{JobTimings, OllamaStats, TokenUsage};

use super::*;

fn job(usage: TokenUsage) -> Job {
    Job {
        usage: Some(usage),
        ..Default::default()
    }
}

#[test]
fn usage_is_what_the_backend_reported_and_nothing_more() {
    let both = usage(&job(TokenUsage {
        input_tokens: Some(12),
        output_tokens: Some(30),
        reasoning_tokens: Some(10),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(both["total_tokens"], 42);
    assert_eq!(both["completion_tokens_details"]["reasoning_tokens"], 10);
    assert!(both.get("prompt_tokens_details").is_none());
    let half = job(TokenUsage {
        output_tokens: Some(30),
        ..Default::default()
    });
    assert_eq!(usage(&half), None);
    assert_eq!(usage(&Job::default()), None);
}

#[test]
fn a_token_limit_finishes_with_length() {
    let mut cut = Job::default();
    assert_eq!(finish_reason(&cut), "stop");
    cut.timings = Some(JobTimings {
        ollama: Some(OllamaStats {
            done_reason: "length".into(),
            ..Default::default()
        }),
        ..Default::default()
    });
    assert_eq!(finish_reason(&cut), "length");
}
