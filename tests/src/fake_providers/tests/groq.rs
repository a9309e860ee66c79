//! The stand-in Groq: Bearer auth, the recorded stream shape with and without `include_usage`,
//! non-streamed answers, model errors, 429/413 with their headers, and mid-stream failure.

use std::time::Duration;

use serde_json::{Value, json};

use super::{client, data_lines};
use crate::fake_providers::{FakeGroq, expected_answer, expected_input_tokens};

const KEY: &str = "gsk_standin";
const MODEL: &str = "qwen/qwen3-32b";

async fn start() -> FakeGroq {
    FakeGroq::start(KEY, &[MODEL, "openai/gpt-oss-120b"])
        .await
        .expect("starting the stand-in groq")
}

async fn chat(groq: &FakeGroq, key: &str, body: Value) -> reqwest::Response {
    let url = format!("{}/chat/completions", groq.base_url());
    let request = client().post(url).bearer_auth(key).json(&body);
    request.send().await.expect("sending a chat request")
}

fn request(stream: bool, include_usage: bool) -> Value {
    let mut body = json!({"model": MODEL, "stream": stream, "messages": [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "an earlier question"},
        {"role": "assistant", "content": "an earlier answer"},
        {"role": "user", "content": "Why is the sky blue?"}]});
    if include_usage {
        body["stream_options"] = json!({"include_usage": true});
    }
    body
}

fn input_tokens() -> usize {
    expected_input_tokens(&[
        "be brief",
        "an earlier question",
        "an earlier answer",
        "Why is the sky blue?",
    ])
}

#[tokio::test]
async fn a_bad_or_missing_key_gets_401_invalid_api_key_with_rate_limit_headers() {
    let groq = start().await;
    let listing = client()
        .get(format!("{}/models", groq.base_url()))
        .send()
        .await
        .expect("listing");
    assert_eq!(listing.status(), 401);
    assert_eq!(listing.headers()["x-ratelimit-reset-requests"], "2m59.56s");
    assert!(
        listing.headers().get("retry-after").is_none(),
        "retry-after only on 429"
    );
    let body: Value = listing.json().await.expect("json");
    let verbatim = r#"{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}"#;
    assert_eq!(body, serde_json::from_str::<Value>(verbatim).expect("json"));
    assert_eq!(
        chat(&groq, "gsk_wrong", request(false, false))
            .await
            .status(),
        401
    );
    groq.set_api_key("gsk_rotated");
    assert_eq!(chat(&groq, KEY, request(false, false)).await.status(), 401);
    assert_eq!(
        chat(&groq, "gsk_rotated", request(false, false))
            .await
            .status(),
        200
    );
    assert_eq!(groq.list_requests(), 1);
}

#[tokio::test]
async fn models_list_active_entries_with_their_context_window() {
    let groq = start().await;
    let listing = client()
        .get(format!("{}/models", groq.base_url()))
        .bearer_auth(KEY)
        .send()
        .await;
    let listing: Value = listing.expect("listing").json().await.expect("json");
    assert_eq!(listing["object"], "list");
    assert_eq!(listing["data"][0]["id"], MODEL);
    assert_eq!(listing["data"][0]["active"], true);
    assert_eq!(listing["data"][0]["context_window"], 131_072);
    assert_eq!(listing["data"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn a_stream_with_include_usage_reports_usage_twice_then_done() {
    let groq = start().await;
    let response = chat(&groq, KEY, request(true, true)).await;
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let body = response.text().await.expect("body");
    assert!(!body.contains("event:"), "no event lines");
    assert!(
        body.ends_with("data: [DONE]\n\n"),
        "ends with [DONE]: {body}"
    );
    let data = data_lines(&body, "\n\n");
    let chunks: Vec<Value> = data[..data.len() - 1]
        .iter()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    let text: String = chunks
        .iter()
        .filter_map(|chunk| chunk["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert_eq!(text, expected_answer("Why is the sky blue?", 8));
    let (finish, tail) = (&chunks[chunks.len() - 2], &chunks[chunks.len() - 1]);
    assert_eq!(finish["choices"][0]["finish_reason"], "stop");
    assert_eq!(finish["usage"], finish["x_groq"]["usage"]);
    assert_eq!(finish["usage"]["prompt_tokens"], input_tokens());
    assert_eq!(finish["usage"]["completion_tokens"], 8);
    assert_eq!(finish["usage"]["total_tokens"], input_tokens() + 8);
    assert_eq!(tail["choices"], json!([]));
    assert_eq!(tail["usage"], finish["usage"]);
    let with_usage = chunks
        .iter()
        .filter(|chunk| chunk.get("usage").is_some())
        .count();
    assert_eq!(with_usage, 2, "the finish chunk and the tail chunk");
}

#[tokio::test]
async fn a_stream_without_include_usage_reports_only_x_groq_usage() {
    let groq = start().await;
    groq.set_answer_tokens(3);
    let body = chat(&groq, KEY, request(true, false))
        .await
        .text()
        .await
        .expect("body");
    let data = data_lines(&body, "\n\n");
    assert_eq!(data.last().map(String::as_str), Some("[DONE]"));
    let chunks: Vec<Value> = data[..data.len() - 1]
        .iter()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    assert!(chunks.iter().all(|chunk| chunk.get("usage").is_none()));
    let last = chunks.last().expect("chunks");
    assert_eq!(last["x_groq"]["usage"]["completion_tokens"], 3);
    assert_eq!(last["choices"][0]["finish_reason"], "stop");
}

#[tokio::test]
async fn a_non_streamed_answer_has_its_message_and_usage_and_honours_the_cap() {
    let groq = start().await;
    let mut body = request(false, false);
    body["max_completion_tokens"] = json!(5);
    let answer: Value = chat(&groq, KEY, body).await.json().await.expect("json");
    assert_eq!(answer["object"], "chat.completion");
    assert_eq!(
        answer["choices"][0]["message"]["content"],
        expected_answer("Why is the sky blue?", 5)
    );
    assert_eq!(answer["choices"][0]["finish_reason"], "length");
    assert_eq!(answer["usage"]["completion_tokens"], 5);
    assert_eq!(answer["usage"]["prompt_tokens"], input_tokens());
    assert_eq!(answer["service_tier"], "on_demand");
}

#[tokio::test]
async fn an_unknown_model_is_404_and_a_decommissioned_one_400_verbatim() {
    let groq = start().await;
    let mut body = request(false, false);
    body["model"] = json!("llama-3.3-70b-versatile");
    let missing = chat(&groq, KEY, body).await;
    assert_eq!(missing.status(), 404);
    let verbatim = r#"{"error":{"message":"The model `llama-3.3-70b-versatile` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}"#;
    let body: Value = missing.json().await.expect("json");
    assert_eq!(body, serde_json::from_str::<Value>(verbatim).expect("json"));
    groq.decommission(MODEL);
    let gone = chat(&groq, KEY, request(false, false)).await;
    assert_eq!(gone.status(), 400);
    let gone: Value = gone.json().await.expect("json");
    assert_eq!(gone["error"]["code"], "model_decommissioned");
    let message = "The model `qwen/qwen3-32b` has been decommissioned and is no longer supported. Please refer to https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.";
    assert_eq!(gone["error"]["message"], message);
    assert_eq!(groq.models(), vec!["openai/gpt-oss-120b".to_string()]);
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after_and_go_durations_then_413() {
    let groq = start().await;
    groq.rate_limit_next(2, Duration::from_millis(179_560));
    let limited = chat(&groq, KEY, request(true, true)).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "180");
    assert_eq!(limited.headers()["x-ratelimit-reset-tokens"], "2m59.56s");
    assert_eq!(limited.headers()["x-ratelimit-limit-requests"], "14400");
    let limited: Value = limited.json().await.expect("json");
    assert_eq!(limited["error"]["type"], "tokens");
    assert_eq!(limited["error"]["code"], "rate_limit_exceeded");
    assert!(
        limited["error"]["message"]
            .as_str()
            .is_some_and(|text| text.contains("Please try again in 2m59.56s."))
    );
    assert_eq!(chat(&groq, KEY, request(false, false)).await.status(), 429);
    assert_eq!(chat(&groq, KEY, request(false, false)).await.status(), 200);
    groq.rate_limit_413_next();
    let too_large = chat(&groq, KEY, request(false, false)).await;
    assert_eq!(too_large.status(), 413);
    assert!(too_large.headers().get("retry-after").is_none());
    let too_large: Value = too_large.json().await.expect("json");
    assert_eq!(too_large["error"]["code"], "rate_limit_exceeded");
    assert!(
        too_large["error"]["message"]
            .as_str()
            .is_some_and(|text| text.starts_with("Request too large for model `qwen/qwen3-32b`"))
    );
}

#[tokio::test]
async fn a_stream_failing_mid_answer_sends_an_error_event_and_no_done() {
    let groq = start().await;
    groq.fail_mid_stream_next(2);
    let response = chat(&groq, KEY, request(true, true)).await;
    assert_eq!(response.status(), 200);
    let data = data_lines(&response.text().await.expect("body"), "\n\n");
    assert_eq!(data.len(), 4, "role chunk, two tokens, the error: {data:?}");
    let error: Value = serde_json::from_str(&data[3]).expect("json");
    assert!(error["error"]["message"].is_string());
    let ok = chat(&groq, KEY, request(true, true))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        ok.ends_with("data: [DONE]\n\n"),
        "only the next stream fails"
    );
}
