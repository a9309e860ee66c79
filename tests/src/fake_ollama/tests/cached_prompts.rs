//! `prompt_eval_cached_count` as a newer Ollama reports it (docs.ollama.com/api/usage): a prompt
//! whose beginning the model evaluated last time reports that prefix as cached (all but the last
//! token at most), a cold one leaves the field out; and the stand-in's own books of what it
//! reported, for chat, generate and the OpenAI-compatible endpoint.

use serde_json::{Value, json};

use super::{post, start};
use crate::fake_ollama::{DEFAULT_ANSWER_TOKENS, ReportedUsage};

async fn chat(ollama: &crate::fake_ollama::FakeOllama, messages: Value) -> Value {
    let body = json!({"model": "qwen2.5:14b", "stream": false, "messages": messages});
    post(ollama, "/api/chat", body).await.json().await.unwrap()
}

#[tokio::test]
async fn a_repeated_prefix_is_reported_cached_and_a_cold_prompt_has_no_cached_count() {
    let ollama = start(&["qwen2.5:14b"]).await;
    let first = json!([{"role": "user", "content": "why is the sky blue"}]);
    let cold = chat(&ollama, first.clone()).await;
    assert_eq!(cold["prompt_eval_count"], 5);
    assert!(cold.get("prompt_eval_cached_count").is_none(), "{cold}");
    let again = chat(&ollama, first).await;
    assert_eq!(
        again["prompt_eval_cached_count"], 4,
        "the last token is evaluated again"
    );
    let longer = json!([{"role": "user", "content": "why is the sky blue"},
                        {"role": "assistant", "content": "light scatters"},
                        {"role": "user", "content": "and sunsets"}]);
    let follow_up = chat(&ollama, longer).await;
    assert_eq!(follow_up["prompt_eval_count"], 9);
    assert_eq!(follow_up["prompt_eval_cached_count"], 5);
    let other = chat(
        &ollama,
        json!([{"role": "user", "content": "tell me a joke"}]),
    )
    .await;
    assert!(other.get("prompt_eval_cached_count").is_none(), "{other}");
    assert_eq!(
        ollama.reported_usage()["qwen2.5:14b"],
        ReportedUsage {
            answers: 4,
            input_tokens: 5 + 5 + 9 + 4,
            output_tokens: 4 * DEFAULT_ANSWER_TOKENS as u64,
            cached_input_tokens: 4 + 5,
            reasoning_tokens: 0,
        }
    );
}

#[tokio::test]
async fn generate_streams_and_the_openai_endpoint_are_counted_once_each() {
    let ollama = start(&["qwen2.5:14b"]).await;
    let generate = json!({"model": "qwen2.5:14b", "prompt": "why is the sky blue"});
    let streamed = post(&ollama, "/api/generate", generate)
        .await
        .text()
        .await
        .unwrap();
    let last: Value = serde_json::from_str(streamed.lines().last().unwrap()).unwrap();
    assert_eq!(last["done"], true);
    let openai = json!({"model": "qwen2.5:14b", "stream": true,
        "stream_options": {"include_usage": true},
        "messages": [{"role": "user", "content": "why is the sky blue"}]});
    let events = post(&ollama, "/v1/chat/completions", openai)
        .await
        .text()
        .await
        .unwrap();
    assert!(events.contains("\"prompt_tokens\":5"), "{events}");
    let totals = ollama.reported_usage()["qwen2.5:14b"];
    assert_eq!(totals.answers, 2);
    assert_eq!(totals.input_tokens, 10);
    assert_eq!(
        totals.cached_input_tokens, 4,
        "the chat reused generate's prompt"
    );
}
