//! Semantic embeddings over real HTTP: with the knob on, `/api/embed` answers with a real
//! sentence encoder, so a paraphrase lands nearer than an unrelated sentence, long inputs are cut
//! at the encoder's context like Ollama cuts them, and the default stays the hash vectors.

use std::time::Duration;

use serde_json::{Value, json};

use super::super::{
    SEMANTIC_CONTEXT_TOKENS, SEMANTIC_EMBEDDING_DIMENSIONS, expected_embedding, prompt_token_count,
};
use super::{FakeOllama, error_message, post, start};

const VRAM: &str = "GPU node runs out of VRAM loading the 70B model";
const PARAPHRASE: &str = "Graphics card memory is exhausted by a large language model";
const UNRELATED: &str = "My grandmother bakes apple pie on Sundays";

/// The first embed loads the encoder, slow in a debug build: more patience than `client()`.
async fn embed(ollama: &FakeOllama, body: Value) -> reqwest::Response {
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(120))
        .build()
        .expect("building a reqwest client");
    let url = format!("{}/api/embed", ollama.url());
    client
        .post(url)
        .json(&body)
        .send()
        .await
        .expect("sending an embed request")
}

fn vectors(reply: &Value) -> Vec<Vec<f64>> {
    let embeddings = reply["embeddings"].as_array().expect("embeddings");
    embeddings
        .iter()
        .map(|vector| {
            vector
                .as_array()
                .expect("a vector")
                .iter()
                .map(|v| v.as_f64().expect("a number"))
                .collect()
        })
        .collect()
}

fn dot(left: &[f64], right: &[f64]) -> f64 {
    left.iter().zip(right).map(|(a, b)| a * b).sum()
}

#[tokio::test]
async fn a_paraphrase_is_nearer_than_an_unrelated_sentence() {
    let ollama = start(&["nomic-embed-text"]).await;
    ollama.set_semantic_embeddings(true);
    let response = embed(
        &ollama,
        json!({"model": "nomic-embed-text", "input": [VRAM, PARAPHRASE, UNRELATED]}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let reply: Value = response.json().await.expect("JSON");
    assert_eq!(reply["model"], "nomic-embed-text");
    assert!(
        reply["total_duration"]
            .as_u64()
            .is_some_and(|nanos| nanos > 0)
    );
    let tokens: usize = [VRAM, PARAPHRASE, UNRELATED]
        .map(prompt_token_count)
        .iter()
        .sum();
    assert_eq!(reply["prompt_eval_count"], tokens);
    let found = vectors(&reply);
    assert_eq!(found.len(), 3);
    for vector in &found {
        assert_eq!(vector.len(), SEMANTIC_EMBEDDING_DIMENSIONS);
        assert!((dot(vector, vector) - 1.0).abs() < 1e-4, "unit length");
    }
    let paraphrase = dot(&found[0], &found[1]);
    let unrelated = dot(&found[0], &found[2]).max(dot(&found[1], &found[2]));
    assert!(
        paraphrase > unrelated + 0.2,
        "paraphrase {paraphrase}, unrelated {unrelated}"
    );
    // The hash vectors (the default) know nothing of meaning.
    ollama.set_semantic_embeddings(false);
    let hashed: Value = embed(&ollama, json!({"model": "nomic-embed-text", "input": VRAM}))
        .await
        .json()
        .await
        .expect("JSON");
    let expected = expected_embedding(VRAM, 768);
    let served: Vec<f32> = vectors(&hashed)[0].iter().map(|v| *v as f32).collect();
    assert_eq!(served, expected);
}

#[tokio::test]
async fn long_inputs_are_cut_at_the_context_unless_truncate_is_false() {
    let ollama = start(&["nomic-embed-text"]).await;
    ollama.set_semantic_embeddings(true);
    let shared = "the scheduler routes every job to the node that holds its model ".repeat(20);
    let first = format!("{shared} and the weather was sunny");
    let second = format!("{shared} but a kernel panic took the whole rack down");
    let reply: Value = embed(
        &ollama,
        json!({"model": "nomic-embed-text", "input": [first, second], "dimensions": 64}),
    )
    .await
    .json()
    .await
    .expect("JSON");
    let found = vectors(&reply);
    assert_eq!(found[0].len(), 64);
    assert!(
        (dot(&found[0], &found[0]) - 1.0).abs() < 1e-4,
        "renormalised"
    );
    // Only the shared first 128 tokens were embedded, so the different endings do not count.
    assert!(dot(&found[0], &found[1]) > 0.9999);
    assert_eq!(reply["prompt_eval_count"], 2 * SEMANTIC_CONTEXT_TOKENS);
    let refused = embed(
        &ollama,
        json!({"model": "nomic-embed-text", "input": first, "truncate": false}),
    )
    .await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        error_message(refused).await,
        "the input length exceeds the context length"
    );
    let shown = post(&ollama, "/api/show", json!({"model": "nomic-embed-text"})).await;
    let shown: Value = shown.json().await.expect("JSON");
    let info = &shown["model_info"];
    let widths = (
        &info["nomic-bert.embedding_length"],
        &info["nomic-bert.context_length"],
    );
    assert_eq!(widths, (&json!(384), &json!(128)));
    let short = embed(&ollama, json!({"model": "nomic-embed-text", "input": ["the weather was sunny", "a kernel panic"], "truncate": false})).await;
    let short: Value = short.json().await.expect("JSON");
    let short = vectors(&short);
    assert!(dot(&short[0], &short[1]) < 0.9);
}
