//! `/v1/chat/completions` as Ollama's OpenAI compatibility layer answers it (docs/openai.md,
//! openai/openai.go): the same answers as `/api/chat` in `chat.completion` and
//! `chat.completion.chunk` shapes, usage, `max_tokens`, `stop`, and OpenAI-shaped errors.

use std::time::Duration;

use serde_json::{Value, json};

use super::super::{DEFAULT_ANSWER_TOKENS, expected_answer};
use super::{eventually, post, sse_data, start};

fn chat(model: &str, prompt: &str) -> Value {
    json!({"model": model, "messages": [{"role": "user", "content": prompt}]})
}

fn with(mut request: Value, extra: Value) -> Value {
    for (key, value) in extra.as_object().expect("an object").clone() {
        request[key] = value;
    }
    request
}

#[tokio::test]
async fn a_single_reply_is_a_chat_completion_with_the_whole_answer_and_usage() {
    let ollama = start(&["gemma4:27b"]).await;
    let response = post(
        &ollama,
        "/v1/chat/completions",
        chat("gemma4:27b", "Why is the sky blue?"),
    )
    .await;
    assert_eq!(response.status(), 200);
    let reply: Value = response.json().await.expect("a JSON reply");
    assert!(
        reply["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("chatcmpl-")),
        "{reply}"
    );
    assert_eq!(reply["object"], "chat.completion");
    assert_eq!(reply["model"], "gemma4:27b");
    assert_eq!(reply["system_fingerprint"], "fp_ollama");
    assert!(
        reply["created"]
            .as_u64()
            .is_some_and(|created| created > 1_700_000_000)
    );
    let answer = expected_answer("Why is the sky blue?", DEFAULT_ANSWER_TOKENS);
    assert_eq!(
        reply["choices"],
        json!([{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}])
    );
    let tokens = DEFAULT_ANSWER_TOKENS as u64;
    assert_eq!(
        reply["usage"],
        json!({"prompt_tokens": 5, "completion_tokens": tokens, "total_tokens": 5 + tokens})
    );
    assert_eq!(ollama.requests("/v1/chat/completions"), 1);
}

#[tokio::test]
async fn a_stream_sends_one_chunk_per_token_then_the_finish_then_usage_then_done() {
    let ollama = start(&["qwen2.5:14b"]).await;
    ollama.set_answer_tokens(3);
    let request = with(
        chat("qwen2.5:14b", "Hello there, friend"),
        json!({"stream": true, "stream_options": {"include_usage": true}}),
    );
    let response = post(&ollama, "/v1/chat/completions", request).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let events = sse_data(response).await;
    assert_eq!(
        events.len(),
        6,
        "3 tokens, the finish, usage, [DONE]: {events:?}"
    );
    assert_eq!(events[5], "[DONE]");
    let chunks: Vec<Value> = events[..5]
        .iter()
        .map(|event| serde_json::from_str(event).expect("each chunk is JSON"))
        .collect();
    let id = chunks[0]["id"].clone();
    for chunk in &chunks {
        assert_eq!(chunk["id"], id, "one id for the whole stream");
        assert_eq!(chunk["object"], "chat.completion.chunk");
        assert_eq!(chunk["system_fingerprint"], "fp_ollama");
        assert_eq!(chunk["model"], "qwen2.5:14b");
    }
    let deltas: Vec<&str> = chunks[..4]
        .iter()
        .map(|chunk| {
            chunk["choices"][0]["delta"]["content"]
                .as_str()
                .expect("content")
        })
        .collect();
    assert_eq!(deltas.concat(), expected_answer("Hello there, friend", 3));
    assert_eq!(deltas[3], "", "the finishing chunk carries no text");
    assert_eq!(chunks[0]["choices"][0]["finish_reason"], Value::Null);
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    assert_eq!(chunks[3]["choices"][0]["finish_reason"], "stop");
    assert!(chunks[3].get("usage").is_none());
    assert_eq!(chunks[4]["choices"], json!([]));
    assert_eq!(
        chunks[4]["usage"],
        json!({"prompt_tokens": 3, "completion_tokens": 3, "total_tokens": 6})
    );
}

#[tokio::test]
async fn max_tokens_cuts_for_length_and_stop_ends_before_the_stop_sequence() {
    let ollama = start(&["llama3.2:3b"]).await;
    let capped = with(
        chat("llama3.2:3b", "one two three"),
        json!({"max_tokens": 4, "temperature": 0, "seed": 7}),
    );
    let reply: Value = post(&ollama, "/v1/chat/completions", capped)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        reply["choices"][0]["message"]["content"],
        "one two three one"
    );
    assert_eq!(reply["choices"][0]["finish_reason"], "length");
    assert_eq!(reply["usage"]["completion_tokens"], 4);

    let stopped = with(
        chat("llama3.2:3b", "one two three"),
        json!({"stop": " three"}),
    );
    let reply: Value = post(&ollama, "/v1/chat/completions", stopped)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(reply["choices"][0]["message"]["content"], "one two");
    assert_eq!(reply["choices"][0]["finish_reason"], "stop");
}

#[tokio::test]
async fn refusals_are_openai_errors_with_ollamas_messages_and_statuses() {
    let ollama = start(&["nomic-embed-text"]).await;
    let cases = [
        (
            chat("gemma4:27b", "hi"),
            404,
            "not_found_error",
            "model 'gemma4:27b' not found",
        ),
        (
            json!({"model": "gemma4:27b", "messages": []}),
            400,
            "invalid_request_error",
            "[] is too short - 'messages'",
        ),
        (
            json!({"model": "gemma4:27b", "messages": [{"role": "user", "content": 3}]}),
            400,
            "invalid_request_error",
            "invalid message content type: float64",
        ),
        (
            chat("nomic-embed-text", "hi"),
            400,
            "invalid_request_error",
            "\"nomic-embed-text\" does not support chat",
        ),
    ];
    for (request, status, kind, message) in cases {
        let response = post(&ollama, "/v1/chat/completions", request).await;
        assert_eq!(response.status(), status, "{message}");
        let body: Value = response.json().await.expect("an error body is JSON");
        assert_eq!(
            body,
            json!({"error": {"message": message, "type": kind, "param": null, "code": null}})
        );
    }
    ollama.add_model("gemma4:27b");
    ollama.set_queue_full(true);
    let busy = post(&ollama, "/v1/chat/completions", chat("gemma4:27b", "hi")).await;
    assert_eq!(busy.status(), 503);
    let body: Value = busy.json().await.expect("JSON");
    assert_eq!(body["error"]["type"], "api_error");
}

#[tokio::test]
async fn a_failure_mid_stream_is_an_error_event_without_done_and_a_slow_stream_is_slow() {
    let ollama = start(&["gemma4:27b"]).await;
    ollama.fail_mid_stream_after(Some((2, "model runner crashed".to_string())));
    let request = with(chat("gemma4:27b", "a b c"), json!({"stream": true}));
    let events = sse_data(post(&ollama, "/v1/chat/completions", request.clone()).await).await;
    assert_eq!(events.len(), 3, "{events:?}");
    let error: Value = serde_json::from_str(&events[2]).expect("JSON");
    assert_eq!(error["error"]["message"], "model runner crashed");
    assert!(!events.contains(&"[DONE]".to_string()));

    ollama.fail_mid_stream_after(None);
    ollama.set_answer_tokens(3);
    ollama.set_token_delay(Duration::from_millis(40));
    let started = std::time::Instant::now();
    let events = sse_data(post(&ollama, "/v1/chat/completions", request).await).await;
    assert_eq!(events.last().map(String::as_str), Some("[DONE]"));
    assert!(
        started.elapsed() >= Duration::from_millis(80),
        "two gaps between three tokens"
    );
}

#[tokio::test]
async fn a_client_leaving_a_stream_aborts_the_generation_and_stop_answering_cuts_it() {
    let ollama = start(&["gemma4:27b"]).await;
    ollama.set_answer_tokens(1000);
    ollama.set_token_delay(Duration::from_millis(20));
    let request = with(chat("gemma4:27b", "go on"), json!({"stream": true}));
    let mut leaving = post(&ollama, "/v1/chat/completions", request.clone()).await;
    assert!(leaving.chunk().await.expect("first event").is_some());
    drop(leaving);
    eventually("the stand-in sees the client leave", || {
        ollama.aborted_streams() == 1 && ollama.active_streams() == 0
    })
    .await;

    let mut in_flight = post(&ollama, "/v1/chat/completions", request).await;
    assert!(in_flight.chunk().await.expect("first event").is_some());
    ollama.stop_answering().await;
    let mut cut = false;
    for _ in 0..10_000 {
        match tokio::time::timeout(Duration::from_secs(5), in_flight.chunk())
            .await
            .expect("the cut is prompt")
        {
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                cut = true;
                break;
            }
        }
    }
    assert!(cut, "the event stream must break, not end cleanly");
}
