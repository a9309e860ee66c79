//! The stand-in Anthropic's messages: key and version checks, `max_tokens` required, the recorded
//! event sequence with padding, pings and cumulative usage, mid-stream `event: error`.

use serde_json::{Value, json};

use super::client;
use crate::fake_providers::{FakeAnthropic, expected_answer, expected_input_tokens};

pub(super) const KEY: &str = "sk-ant-standin";
pub(super) const MODEL: &str = "claude-sonnet-4-6";
pub(super) const PROMPT: &str = "Say hi in Portuguese";

pub(super) async fn start() -> FakeAnthropic {
    let models = [MODEL, "claude-opus-4-1", "claude-haiku-4-5"];
    FakeAnthropic::start(KEY, &models)
        .await
        .expect("starting the stand-in anthropic")
}

pub(super) fn request(stream: bool) -> Value {
    json!({"max_tokens": 8192, "model": MODEL, "stream": stream, "system": "Be kind",
           "messages": [{"role": "user", "content": [{"type": "text", "text": PROMPT}]}]})
}

pub(super) async fn post(
    anthropic: &FakeAnthropic,
    headers: &[(&str, &str)],
    body: &Value,
) -> reqwest::Response {
    let mut request = client()
        .post(format!("{}/messages", anthropic.base_url()))
        .json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("sending a message request")
}

pub(super) const GOOD: [(&str, &str); 2] =
    [("x-api-key", KEY), ("anthropic-version", "2023-06-01")];

pub(super) async fn error_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (
        status,
        response.json::<Value>().await.expect("json")["error"].clone(),
    )
}

#[tokio::test]
async fn key_version_and_max_tokens_are_required_in_anthropics_words() {
    let anthropic = start().await;
    let (status, error) = error_of(
        post(
            &anthropic,
            &[("anthropic-version", "2023-06-01")],
            &request(false),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error["type"].clone()),
        (401, json!("authentication_error"))
    );
    let wrong = [
        ("x-api-key", "sk-ant-wrong"),
        ("anthropic-version", "2023-06-01"),
    ];
    let (status, error) = error_of(post(&anthropic, &wrong, &request(false)).await).await;
    assert_eq!(
        (status, error["message"].clone()),
        (401, json!("invalid x-api-key"))
    );
    let (status, error) =
        error_of(post(&anthropic, &[("x-api-key", KEY)], &request(false)).await).await;
    assert_eq!(
        (status, error["message"].clone()),
        (400, json!("anthropic-version: header is required"))
    );
    let mut no_cap = request(true);
    no_cap
        .as_object_mut()
        .map(|fields| fields.remove("max_tokens"));
    let response = post(&anthropic, &GOOD, &no_cap).await;
    assert_eq!(
        response.headers()["content-type"],
        "application/json",
        "plain JSON even when streaming"
    );
    assert!(
        response.headers()["request-id"]
            .to_str()
            .is_ok_and(|id| id.starts_with("req_"))
    );
    let (status, error) = error_of(response).await;
    assert_eq!(
        (status, error["type"].clone(), error["message"].clone()),
        (
            400,
            json!("invalid_request_error"),
            json!("max_tokens: Field required")
        )
    );
}

#[tokio::test]
async fn a_stream_follows_the_recorded_sequence_with_padding_pings_and_cumulative_usage() {
    let anthropic = start().await;
    anthropic.set_answer_tokens(4);
    let response = post(&anthropic, &GOOD, &request(true)).await;
    assert_eq!(
        response.headers()["content-type"],
        "text/event-stream; charset=utf-8"
    );
    let reset = response.headers()["anthropic-ratelimit-tokens-reset"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        reset.len() == 20 && reset.ends_with('Z') && reset.as_bytes()[10] == b'T',
        "RFC 3339: {reset}"
    );
    let body = response.text().await.expect("body");
    let events: Vec<(&str, &str)> = body
        .split("\n\n")
        .filter(|event| !event.is_empty())
        .map(|event| {
            let (name, data) = event.split_once('\n').expect("an event and a data line");
            (
                name.trim_start_matches("event: "),
                data.trim_start_matches("data: "),
            )
        })
        .collect();
    let names: Vec<&str> = events.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_delta",
            "ping",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );
    for (name, data) in &events {
        if *name == "ping" {
            assert_eq!(*data, r#"{"type": "ping"}"#);
        } else {
            assert!(
                data.ends_with(" }"),
                "padded before the closing brace: {data}"
            );
        }
    }
    let parsed: Vec<Value> = events
        .iter()
        .map(|(_, data)| serde_json::from_str(data).expect("json"))
        .collect();
    let input = expected_input_tokens(&["Be kind", PROMPT]);
    assert_eq!(parsed[0]["message"]["usage"]["input_tokens"], input);
    assert_eq!(
        parsed[0]["message"]["usage"]["output_tokens"], 1,
        "a placeholder"
    );
    let text: String = parsed
        .iter()
        .filter_map(|event| event["delta"]["text"].as_str())
        .collect();
    assert_eq!(text, expected_answer(PROMPT, 4));
    assert_eq!(parsed[9]["usage"]["output_tokens"], 4);
    assert_eq!(parsed[9]["delta"]["stop_reason"], "end_turn");
}

#[tokio::test]
async fn a_whole_message_has_its_usage_and_the_max_tokens_is_recorded() {
    let anthropic = start().await;
    let mut body = request(false);
    body["max_tokens"] = json!(3);
    let message: Value = post(&anthropic, &GOOD, &body)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(message["content"][0]["text"], expected_answer(PROMPT, 3));
    assert_eq!(message["stop_reason"], "max_tokens");
    assert_eq!(message["usage"]["output_tokens"], 3);
    assert_eq!(anthropic.requests()[0].body["max_tokens"], 3);
    let missing = json!({"max_tokens": 10, "model": "claude-3-5-sonnet-20241022", "messages": []});
    let (status, error) = error_of(post(&anthropic, &GOOD, &missing).await).await;
    assert_eq!(
        (status, error["message"].clone()),
        (404, json!("model: claude-3-5-sonnet-20241022"))
    );
}

#[tokio::test]
async fn a_stream_failing_mid_answer_sends_event_error_and_no_message_stop() {
    let anthropic = start().await;
    anthropic.fail_mid_stream_next(2);
    let response = post(&anthropic, &GOOD, &request(true)).await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("body");
    assert!(body.ends_with("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));
    assert!(!body.contains("message_stop") && !body.contains("message_delta"));
    assert_eq!(body.matches("event: content_block_delta").count(), 2);
}
