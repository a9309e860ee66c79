//! Chat and generate answers: streaming chunks and final statistics, `"stream": false`,
//! `num_predict`, and loading and unloading with an empty request.

use serde_json::{Value, json};

use super::super::{DEFAULT_ANSWER_TOKENS, expected_answer};
use super::{get, ndjson_lines, post, start};

const STATISTICS: [&str; 6] = [
    "total_duration",
    "load_duration",
    "prompt_eval_count",
    "prompt_eval_duration",
    "eval_count",
    "eval_duration",
];

fn assert_final_statistics(last: &Value, prompt_tokens: u64, answer_tokens: u64) {
    assert_eq!(last["done"], true);
    assert_eq!(last["done_reason"], "stop");
    for field in STATISTICS {
        assert!(
            last[field].as_u64().is_some_and(|value| value > 0),
            "{field} in {last}"
        );
    }
    assert_eq!(last["prompt_eval_count"], prompt_tokens);
    assert_eq!(last["eval_count"], answer_tokens);
}

#[tokio::test]
async fn chat_streams_ndjson_tokens_then_documented_final_statistics() {
    let ollama = start(&["gemma4:27b"]).await;
    ollama.set_answer_tokens(3);
    let request = json!({"model": "gemma4:27b", "messages": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Why is the sky blue?"}]});
    let response = post(&ollama, "/api/chat", request).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let lines = ndjson_lines(response).await;
    assert_eq!(
        lines.len(),
        4,
        "three tokens and the final chunk: {lines:?}"
    );
    let tokens: Vec<&str> = lines[..3]
        .iter()
        .map(|line| line["message"]["content"].as_str().expect("content"))
        .collect();
    assert_eq!(tokens, ["why", " is", " the"]);
    for line in &lines[..3] {
        assert_eq!(line["model"], "gemma4:27b");
        assert_eq!(line["message"]["role"], "assistant");
        assert_eq!(line["done"], false);
        assert!(
            line["created_at"]
                .as_str()
                .is_some_and(|at| at.ends_with('Z'))
        );
        assert!(line.get("done_reason").is_none() && line.get("eval_count").is_none());
    }
    let last = &lines[3];
    assert_eq!(last["message"], json!({"role": "assistant", "content": ""}));
    // "Be brief." is two words, "Why is the sky blue?" five.
    assert_final_statistics(last, 7, 3);
}

#[tokio::test]
async fn chat_with_stream_false_returns_one_object_with_the_whole_answer() {
    let ollama = start(&["qwen2.5:14b"]).await;
    let request = json!({"model": "qwen2.5:14b", "stream": false,
        "messages": [{"role": "user", "content": "Hello there, friend"}]});
    let response = post(&ollama, "/api/chat", request).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .is_ok_and(|kind| kind.starts_with("application/json"))
    );
    let reply: Value = response.json().await.expect("a JSON reply");
    let answer = expected_answer("Hello there, friend", DEFAULT_ANSWER_TOKENS);
    assert_eq!(
        reply["message"],
        json!({"role": "assistant", "content": answer})
    );
    assert_final_statistics(&reply, 3, DEFAULT_ANSWER_TOKENS as u64);
}

#[tokio::test]
async fn generate_streams_response_tokens_and_ends_with_context() {
    let ollama = start(&["llama3.2:3b"]).await;
    ollama.set_answer_tokens(2);
    let request = json!({"model": "llama3.2:3b", "prompt": "Name a colour"});
    let lines = ndjson_lines(post(&ollama, "/api/generate", request).await).await;
    assert_eq!(lines.len(), 3);
    assert_eq!(
        (lines[0]["response"].as_str(), lines[1]["response"].as_str()),
        (Some("name"), Some(" a"))
    );
    assert!(lines[0].get("context").is_none());
    let last = &lines[2];
    assert_eq!(last["response"], "");
    assert_eq!(
        last["context"].as_array().map(Vec::len),
        Some(5),
        "3 prompt + 2 answer ids"
    );
    assert_final_statistics(last, 3, 2);
}

#[tokio::test]
async fn generate_with_stream_false_and_num_predict_stops_for_length() {
    let ollama = start(&["llama3.2:3b"]).await;
    let request = json!({"model": "llama3.2:3b", "prompt": "one two three",
        "stream": false, "options": {"num_predict": 4}});
    let reply: Value = post(&ollama, "/api/generate", request)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(reply["response"], "one two three one");
    assert_eq!(
        (reply["done"].as_bool(), reply["done_reason"].as_str()),
        (Some(true), Some("length"))
    );
    assert_eq!(reply["eval_count"], 4);
}

#[tokio::test]
async fn a_request_loads_the_model_and_keep_alive_zero_unloads_it() {
    let ollama = start(&["gemma4:27b", "qwen2.5:14b"]).await;
    let loaded = post(
        &ollama,
        "/api/chat",
        json!({"model": "gemma4:27b", "messages": []}),
    )
    .await;
    let loaded: Value = loaded.json().await.expect("JSON");
    assert_eq!(
        (loaded["done_reason"].as_str(), loaded["done"].as_bool()),
        (Some("load"), Some(true))
    );
    assert_eq!(ollama.loaded_models(), ["gemma4:27b"]);
    let ps: Value = get(&ollama, "/api/ps").await.json().await.expect("JSON");
    assert_eq!(ps["models"][0]["name"], "gemma4:27b");

    let request = json!({"model": "gemma4:27b", "prompt": "", "keep_alive": 0});
    let unloaded: Value = post(&ollama, "/api/generate", request)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(unloaded["done_reason"], "unload");
    assert!(ollama.loaded_models().is_empty());
    let ps: Value = get(&ollama, "/api/ps").await.json().await.expect("JSON");
    assert_eq!(ps, json!({"models": []}));
}
