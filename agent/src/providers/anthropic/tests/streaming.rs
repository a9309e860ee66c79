//! Streaming: the request sent, the text, and the usage as §4.2, §4.3 and §5 say to read it.

use std::time::Duration;

use proto::v1::{JobKind, JobSpec, ModelOptions, TokenUsage};

use super::{KEY, chat_spec, client, stream_once};
use crate::backend::Tokens;
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ProviderApi, ProviderErrorKind};

const START: &str = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-20250514\",\"id\":\"msg_01R8GdyyLQUhUfyjqSCMbnWg\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":16,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":5,\"service_tier\":\"standard\",\"inference_geo\":\"not_available\"}}   }\n\n";
const BLOCK_START: &str = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}            }\n\n";
const PING: &str = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
const TEXT: &str = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Olá! (\"}         }\n\n";
const BLOCK_STOP: &str = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0            }\n\n";
const DELTA_38: &str = "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":16,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":38}            }\n\n";
const STOP: &str = "event: message_stop\ndata: {\"type\":\"message_stop\"       }\n\n";
const OVERLOADED: &str = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";

fn delta(output_tokens: u64, stop_reason: &str) -> String {
    format!(
        "event: message_delta\ndata: {{\"type\":\"message_delta\",\"delta\":{{\"stop_reason\":{stop_reason},\"stop_sequence\":null}},\"usage\":{{\"output_tokens\":{output_tokens}}}}}\n\n"
    )
}

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
async fn num_predict_and_temperature_are_sent_and_seed_is_not() {
    let spec = JobSpec {
        kind: JobKind::Generate as i32,
        model: "claude-sonnet-4-6".to_owned(),
        system: "Be brief".to_owned(),
        prompt: "Why is the sky blue?".to_owned(),
        options: Some(ModelOptions {
            num_predict: Some(300),
            temperature: Some(0.2),
            seed: Some(7),
            ..ModelOptions::default()
        }),
        ..JobSpec::default()
    };
    let (outcome, _, server) =
        stream_once(Reply::event_stream(&[START, DELTA_38, STOP]), &spec).await;
    outcome.unwrap();
    let body = server.only_request().json();
    assert_eq!(body["max_tokens"], 300);
    assert_eq!(body["temperature"], 0.2);
    assert_eq!(body["system"], "Be brief");
    assert_eq!(
        body["messages"],
        serde_json::json!([{"role": "user", "content": "Why is the sky blue?"}])
    );
    assert!(body.get("seed").is_none(), "{body}");
}

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
async fn json_format_and_embed_are_unsupported_without_a_request() {
    let server = ReplayServer::start(Vec::new()).await;
    let anthropic = client(&server, Duration::from_secs(5));
    let mut spec = chat_spec("m");
    spec.options = Some(ModelOptions {
        format: Some("json".to_owned()),
        ..ModelOptions::default()
    });
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let format = anthropic
        .stream(&spec, &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(format.kind, ProviderErrorKind::Unsupported);
    let embed = anthropic
        .embed(&JobSpec {
            kind: JobKind::Embed as i32,
            ..JobSpec::default()
        })
        .await;
    assert_eq!(embed.unwrap_err().kind, ProviderErrorKind::Unsupported);
    assert!(server.recorded().is_empty());
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
