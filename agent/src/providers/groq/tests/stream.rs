//! Streaming: the request sent, the text, the answer's end and its in-band errors (§2.2, §2.4).

use std::time::Duration;

use proto::v1::ModelOptions;

use super::recorded::{A, BANG, DONE, FINISH, OL, ROLE, USAGE_TAIL, usage};
use super::{chat_spec, client, stream_once};
use crate::backend::Tokens;
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ProviderApi, ProviderErrorKind};

#[tokio::test]
async fn recorded_stream_sends_the_request_streams_the_text_and_counts_usage_once() {
    let mut spec = chat_spec("moonshotai/kimi-k2-instruct-0905");
    spec.options = Some(ModelOptions {
        temperature: Some(0.5),
        num_predict: Some(300),
        seed: Some(7),
        format: Some("json".to_owned()),
        num_ctx: Some(4096),
        keep_alive: Some("5m".to_owned()),
        ..Default::default()
    });
    let reply = Reply::event_stream(&[ROLE, OL, A, BANG, FINISH, USAGE_TAIL, DONE]);
    let (outcome, text, server) = stream_once(reply, &spec).await;

    let completion = outcome.unwrap();
    assert_eq!(text, "Olá!");
    assert_eq!(
        completion.usage,
        usage(20, 4),
        "usage read once, not summed over 3 reports"
    );
    assert_eq!(completion.model, "moonshotai/kimi-k2-instruct-0905");
    assert_eq!(completion.stop_reason, "stop");

    let request = server.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/openai/v1/chat/completions");
    assert_eq!(request.query, None);
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {}", super::KEY).as_str())
    );
    let body = request.json();
    assert_eq!(body["model"], "moonshotai/kimi-k2-instruct-0905");
    assert_eq!(body["stream"], true);
    assert_eq!(
        body["stream_options"],
        serde_json::json!({"include_usage": true})
    );
    assert_eq!(
        body["messages"][0],
        serde_json::json!({"role": "system", "content": "You are a helpful assistant"})
    );
    assert_eq!(
        body["messages"][1],
        serde_json::json!({"role": "user", "content": "Say hi in Portuguese"})
    );
    assert_eq!(body["temperature"], 0.5);
    assert_eq!(body["max_completion_tokens"], 300);
    assert_eq!(body["seed"], 7);
    assert_eq!(
        body["response_format"],
        serde_json::json!({"type": "json_object"})
    );
    for absent in ["max_tokens", "num_ctx", "keep_alive", "options"] {
        assert!(body.get(absent).is_none(), "{absent} sent: {body}");
    }
}

#[tokio::test]
async fn a_stream_that_ends_before_its_finish_chunk_is_interrupted_with_no_usage() {
    let (outcome, text, _server) =
        stream_once(Reply::event_stream(&[ROLE, OL]), &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(
        error.partial_usage, None,
        "no usage was reported: unknown, not 0"
    );
    assert_eq!(text, "Ol");
}

#[tokio::test]
async fn an_error_data_line_mid_stream_is_interrupted_with_its_words() {
    let error_line = "data: {\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}\n\n";
    let (outcome, _, _server) = stream_once(
        Reply::event_stream(&[OL, error_line, DONE]),
        &chat_spec("m"),
    )
    .await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(error.error_type, "internal_server_error");
    assert!(error.message.contains("Service Unavailable"), "{error}");
}

#[tokio::test]
async fn an_x_groq_error_stops_the_stream_as_interrupted() {
    let stopped = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[],\"x_groq\":{\"id\":\"req_1\",\"error\":\"stream stopped: capacity\"}}\n\n";
    let (outcome, _, _server) =
        stream_once(Reply::event_stream(&[OL, stopped, DONE]), &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert!(
        error.message.contains("stream stopped: capacity"),
        "{error}"
    );
}

#[tokio::test]
async fn no_byte_within_the_request_timeout_is_a_timeout_naming_the_setting() {
    let mut reply = Reply::event_stream(&[OL, FINISH, DONE]);
    reply.delay = Duration::from_secs(3);
    let server = ReplayServer::start(vec![reply]).await;
    let groq = client(&server, Duration::from_millis(200));
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let started = std::time::Instant::now();
    let error = groq
        .stream(&chat_spec("m"), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Timeout, "{error}");
    assert!(error.message.contains("request_timeout"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "gave up after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_named_error_event_is_interrupted_too() {
    let error_event = "event: error\ndata: {\"error\":{\"message\":\"upstream reset\",\"type\":\"api_error\"}}\n\n";
    let reply = Reply::event_stream(&[OL, error_event, DONE]);
    let (outcome, text, _server) = stream_once(reply, &chat_spec("m")).await;
    assert_eq!(text, "Ol");
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(error.error_type, "api_error");
    assert!(error.message.contains("upstream reset"), "{error}");
}
