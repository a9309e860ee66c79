//! Embeddings through `batchEmbedContents`, one vector per text, in order.

use proto::v1::TokenUsage;

use super::embed_spec;
use super::fake_gemini::{Answer, FakeGemini, KEY};
use super::recordings::MODEL_NOT_FOUND;
use crate::providers::{ProviderApi, ProviderErrorKind};

#[tokio::test]
async fn each_text_gets_its_vector_in_order() {
    let fake = FakeGemini::start(vec![Answer::EmbedEcho]).await;
    let texts: Vec<String> = ["a", "bbb", "cc"].map(String::from).to_vec();
    let completion = fake
        .client()
        .embed(&embed_spec("gemini-embedding-001", &texts))
        .await
        .unwrap();
    let vectors: Vec<Vec<f32>> = completion
        .embeddings
        .into_iter()
        .map(|embedding| embedding.values)
        .collect();
    assert_eq!(
        vectors,
        vec![vec![1.0, 0.0], vec![3.0, 1.0], vec![2.0, 2.0]]
    );
    assert_eq!(completion.usage, TokenUsage::default());
    let recorded = &fake.recorded()[0];
    assert_eq!(
        recorded.path_and_query,
        "/v1beta/models/gemini-embedding-001:batchEmbedContents"
    );
    assert_eq!(recorded.api_key.as_deref(), Some(KEY));
    assert_eq!(
        recorded.body["requests"][1]["model"],
        "models/gemini-embedding-001"
    );
    assert_eq!(
        recorded.body["requests"][1]["content"]["parts"][0]["text"],
        "bbb"
    );
}

#[tokio::test]
async fn more_than_a_batch_of_texts_goes_in_several_batches_in_order() {
    let fake = FakeGemini::start(vec![Answer::EmbedEcho, Answer::EmbedEcho]).await;
    let texts: Vec<String> = (0..130).map(|index| "x".repeat(index + 1)).collect();
    let completion = fake
        .client()
        .embed(&embed_spec("models/gemini-embedding-001", &texts))
        .await
        .unwrap();
    let lengths: Vec<f32> = completion
        .embeddings
        .iter()
        .map(|embedding| embedding.values[0])
        .collect();
    let expected: Vec<f32> = (1..=130u16).map(f32::from).collect();
    assert_eq!(lengths, expected);
    let recorded = fake.recorded();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].body["requests"].as_array().unwrap().len(), 100);
    assert_eq!(recorded[1].body["requests"].as_array().unwrap().len(), 30);
    assert_eq!(
        recorded[0].path_and_query,
        "/v1beta/models/gemini-embedding-001:batchEmbedContents"
    );
}

#[tokio::test]
async fn an_unknown_embedding_model_is_gone() {
    let fake = FakeGemini::start(vec![Answer::Status(404, MODEL_NOT_FOUND.into())]).await;
    let error = fake
        .client()
        .embed(&embed_spec("models/nope", &["a".to_owned()]))
        .await
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::ModelGone);
}
