//! Usage read once, whichever of `usage` and `x_groq.usage` carries it (§2.3, §5).

use proto::v1::TokenUsage;

use super::recorded::{DONE, FINISH_X_GROQ_ONLY, OL};
use super::{chat_spec, stream_once};
use crate::providers::replay_server::Reply;

#[tokio::test]
async fn without_include_usage_the_x_groq_usage_is_read_once_with_its_details() {
    let reply = Reply::event_stream(&[OL, FINISH_X_GROQ_ONLY, DONE]);
    let (outcome, text, _server) = stream_once(reply, &chat_spec("qwen/qwen3-32b")).await;
    let completion = outcome.unwrap();
    assert_eq!(text, "Ol");
    assert_eq!(
        completion.usage,
        TokenUsage {
            input_tokens: Some(120),
            output_tokens: Some(64),
            cached_input_tokens: Some(100),
            reasoning_tokens: Some(40),
        }
    );
    assert_eq!(completion.stop_reason, "length");
    assert_eq!(completion.model, "qwen/qwen3-32b", "the last chunk's model");
}
