//! Tests of the `load` module.

use super::*;

#[tokio::test]
async fn every_request_of_the_budget_is_sent_once() {
    let ollama = harness::fake_ollama::FakeOllama::start(&["qwen2.5:14b"])
        .await
        .unwrap();
    ollama.set_answer_tokens(3);
    let expected = harness::fake_ollama::expected_answer("count me", 3);
    let direct = DirectCaller::new(&ollama.url(), "qwen2.5:14b", "count me", expected).unwrap();
    let outcome = drive(&Caller::Direct(direct), 4, 10).await.unwrap();
    assert_eq!(outcome.samples.len(), 10);
    assert_eq!(ollama.requests("/api/generate"), 10);
}

#[tokio::test]
async fn a_failing_request_fails_the_load() {
    let ollama = harness::fake_ollama::FakeOllama::start(&["qwen2.5:14b"])
        .await
        .unwrap();
    let direct = DirectCaller::new(&ollama.url(), "no-such-model", "x", String::new()).unwrap();
    assert!(drive(&Caller::Direct(direct), 2, 4).await.is_err());
}
