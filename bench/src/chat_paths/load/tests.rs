//! Tests of the `load` module.

use harness::fake_ollama::{FakeOllama, expected_answer};

use super::*;
use crate::overhead::drive;

#[tokio::test]
async fn every_chat_of_the_budget_is_sent_once_and_a_failure_fails_the_load() {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await.unwrap();
    ollama.set_answer_tokens(3);
    let expected = expected_answer("count me", 3);
    let direct = DirectCaller::chat(&ollama.url(), "qwen2.5:14b", "count me", expected).unwrap();
    let outcome = drive(&ChatCaller::Direct(direct), 4, 10).await.unwrap();
    assert_eq!(outcome.samples.len(), 10);
    assert_eq!(ollama.requests("/api/chat"), 10);
    let wrong = DirectCaller::chat(&ollama.url(), "nope", "x", String::new()).unwrap();
    assert!(drive(&ChatCaller::Direct(wrong), 2, 4).await.is_err());
}
