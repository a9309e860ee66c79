//! Tests of the `direct_call` module.

use harness::fake_ollama::{FakeOllama, expected_answer};

use super::*;

const PROMPT: &str = "why is the sky blue";

#[tokio::test]
async fn a_direct_generate_and_a_direct_chat_read_the_whole_answer() {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await.unwrap();
    ollama.set_answer_tokens(5);
    let expected = expected_answer(PROMPT, 5);
    let generate = DirectCaller::new(&ollama.url(), "qwen2.5:14b", PROMPT, expected.clone());
    let sample = generate.unwrap().call().await.unwrap();
    assert!(sample.first_token <= sample.total);
    assert_eq!(ollama.requests("/api/generate"), 1);
    let chat = DirectCaller::chat(&ollama.url(), "qwen2.5:14b", PROMPT, expected);
    let sample = chat.unwrap().call().await.unwrap();
    assert!(sample.first_token <= sample.total);
    assert_eq!(ollama.requests("/api/chat"), 1);
}

#[tokio::test]
async fn a_wrong_answer_fails_the_call() {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await.unwrap();
    for caller in [
        DirectCaller::new(&ollama.url(), "qwen2.5:14b", "hello", "not it".into()),
        DirectCaller::chat(&ollama.url(), "qwen2.5:14b", "hello", "not it".into()),
    ] {
        let error = caller.unwrap().call().await.unwrap_err();
        assert!(format!("{error:#}").contains("not \"not it\""), "{error:#}");
    }
}
