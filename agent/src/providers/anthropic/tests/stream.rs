//! Streaming: the request sent, the text, the answer's end and its error events (§4.2).

use std::time::Duration;

use proto::v1::TokenUsage;

use super::recorded::{
    BLOCK_START, BLOCK_STOP, DELTA_38, OVERLOADED, PING, START, STOP, TEXT, delta,
};
use super::{KEY, chat_spec, client, stream_once};
use crate::backend::Tokens;
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ProviderApi, ProviderErrorKind};

#[tokio::test]
async fn recorded_stream_sends_the_request_skips_pings_and_reads_usage_from_the_right_events() {
    let reply = Reply::event_stream(&[START, BLOCK_START, PING, TEXT, BLOCK_STOP, DELTA_38, STOP]);
    let (outcome, text, server) = stream_once(reply, &chat_spec("claude-sonnet-4-20250514")).await;
    let completion = outcome.unwrap();
    assert_eq!(text, "Olá! (");
    assert_eq!(completion.model, "claude-sonnet-4-20250514");
    assert_eq!(completion.stop_reason, "end_turn");
    let usage = TokenUsage {
        input_tokens: Some(16),
        output_tokens: Some(38),
        cached_input_tokens: Some(0),
        reasoning_tokens: None,
    };
    assert_eq!(
        completion.usage, usage,
        "output from message_delta, not the start's placeholder 5"
    );

    let request = server.only_request();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/v1/messages")
    );
    assert_eq!(request.header("x-api-key"), Some(KEY));
    assert_eq!(request.header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("authorization"), None);
    let body = request.json();
    assert_eq!(
        body["max_tokens"], 8192,
        "the default when num_predict is unset: {body}"
    );
    assert_eq!(body["system"], "You are a helpful assistant");
    assert_eq!(
        body["messages"],
        serde_json::json!([{"role": "user", "content": "Say hi in Portuguese"}])
    );
    assert_eq!(body["stream"], true);
    assert!(body.get("temperature").is_none(), "{body}");
}

#[tokio::test]
async fn an_error_event_after_200_is_an_overload_keeping_the_input_read() {
    let reply = Reply::event_stream(&[START, PING, TEXT, OVERLOADED]);
    let (outcome, text, _server) = stream_once(reply, &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(text, "Olá! (");
    assert_eq!(error.kind, ProviderErrorKind::Overloaded);
    assert_eq!(error.error_type, "overloaded_error");
    assert_eq!(error.message, "Overloaded");
    let kept = TokenUsage {
        input_tokens: Some(16),
        cached_input_tokens: Some(0),
        ..TokenUsage::default()
    };
    assert_eq!(
        error.partial_usage,
        Some(kept),
        "output unknown, not the placeholder 5"
    );
}

#[tokio::test]
async fn a_stream_without_message_stop_is_interrupted_with_the_usage_read() {
    let reply = Reply::event_stream(&[START, TEXT, &delta(10, "null")]);
    let (outcome, _, _server) = stream_once(reply, &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    let usage = error.partial_usage.unwrap();
    assert_eq!(
        (usage.input_tokens, usage.output_tokens),
        (Some(16), Some(10))
    );
}

#[tokio::test]
async fn an_answer_later_than_the_request_timeout_is_a_timeout() {
    let mut reply = Reply::event_stream(&[START]);
    reply.delay = Duration::from_secs(3);
    let server = ReplayServer::start(vec![reply]).await;
    let anthropic = client(&server, Duration::from_millis(200));
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let error = anthropic
        .stream(&chat_spec("m"), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Timeout, "{error}");
    assert!(error.message.contains("request_timeout"), "{error}");
}

#[tokio::test]
async fn a_stream_that_stalls_mid_answer_times_out_keeping_the_usage_read() {
    let mut reply = Reply::event_stream(&[START, TEXT, STOP]);
    reply.gap = Duration::from_secs(3);
    let server = ReplayServer::start(vec![reply]).await;
    let anthropic = client(&server, Duration::from_millis(200));
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let error = anthropic
        .stream(&chat_spec("m"), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Timeout, "{error}");
    let usage = error.partial_usage.unwrap();
    assert_eq!((usage.input_tokens, usage.output_tokens), (Some(16), None));
}

#[tokio::test]
async fn only_text_deltas_are_text_and_a_rate_limit_event_is_a_rate_limit() {
    let thinking = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think\"}}\n\n";
    let signature = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}\n\n";
    let limited = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}\n\n";
    let reply = Reply::event_stream(&[START, thinking, signature, TEXT, limited]);
    let (outcome, text, _server) = stream_once(reply, &chat_spec("m")).await;
    assert_eq!(text, "Olá! (");
    let error = outcome.unwrap_err();
    assert_eq!(
        error.kind,
        ProviderErrorKind::RateLimited { retry_after: None }
    );
    assert_eq!(error.partial_usage.unwrap().input_tokens, Some(16));
}

#[tokio::test]
async fn a_stop_sequence_ending_is_read_as_stop() {
    let ending = delta(3, "\"stop_sequence\"");
    let reply = Reply::event_stream(&[START, BLOCK_START, TEXT, BLOCK_STOP, &ending, STOP]);
    let (outcome, _, _) = stream_once(reply, &chat_spec("claude-sonnet-4-6")).await;
    let completion = outcome.unwrap();
    assert_eq!(completion.stop_reason, "stop_sequence");
    assert_eq!(completion.done_reason(), "stop");
}
