//! Usage: cumulative output replaced, cache counts joined to the input (§4.3, §5).

use proto::v1::TokenUsage;

use super::recorded::{START, STOP, TEXT, delta};
use super::{chat_spec, stream_once};
use crate::providers::replay_server::Reply;

#[tokio::test]
async fn cumulative_output_counts_replace_each_other_and_cache_counts_join_the_input() {
    let start = START
        .replace(
            "\"cache_creation_input_tokens\":0",
            "\"cache_creation_input_tokens\":100",
        )
        .replace(
            "\"cache_read_input_tokens\":0",
            "\"cache_read_input_tokens\":200",
        );
    let (first, last) = (delta(10, "null"), delta(38, "\"max_tokens\""));
    let reply = Reply::event_stream(&[&start, TEXT, &first, TEXT, &last, STOP]);
    let (outcome, text, _server) = stream_once(reply, &chat_spec("m")).await;
    let completion = outcome.unwrap();
    assert_eq!(text, "Olá! (Olá! (");
    assert_eq!(completion.stop_reason, "max_tokens");
    assert_eq!(
        completion.usage,
        TokenUsage {
            input_tokens: Some(316),
            output_tokens: Some(38),
            cached_input_tokens: Some(200),
            reasoning_tokens: None,
        },
        "38, not 10 + 38; input = 16 + 100 + 200"
    );
}
