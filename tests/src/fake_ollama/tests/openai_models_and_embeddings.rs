//! `/v1/models`, `/v1/models/{model}` and `/v1/embeddings` as Ollama's OpenAI compatibility
//! layer answers them (docs/openai.md, openai/openai.go).

use base64::Engine as _;
use serde_json::{Value, json};

use super::super::expected_embedding;
use super::{get, post, start};

#[tokio::test]
async fn the_model_list_and_one_model_use_openais_shapes_and_a_missing_one_is_a_404() {
    let ollama = start(&["gemma4:27b", "nomic-embed-text"]).await;
    let list: Value = get(&ollama, "/v1/models").await.json().await.expect("JSON");
    assert_eq!(list["object"], "list");
    let ids: Vec<&str> = list["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|model| model["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["gemma4:27b", "nomic-embed-text:latest"]);
    assert_eq!(list["data"][0]["object"], "model");
    assert_eq!(list["data"][0]["owned_by"], "library");
    assert!(
        list["data"][0]["created"]
            .as_u64()
            .is_some_and(|created| created > 1_700_000_000)
    );

    let one: Value = get(&ollama, "/v1/models/gemma4:27b")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        (one["id"].as_str(), one["object"].as_str()),
        (Some("gemma4:27b"), Some("model"))
    );
    let missing = get(&ollama, "/v1/models/llama3.2:3b").await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.expect("JSON");
    assert_eq!(body["error"]["type"], "not_found_error");
    assert_eq!(body["error"]["message"], "model 'llama3.2:3b' not found");

    ollama.remove_model("gemma4:27b");
    ollama.remove_model("nomic-embed-text");
    let empty: Value = get(&ollama, "/v1/models").await.json().await.expect("JSON");
    assert_eq!(empty, json!({"object": "list", "data": null}));
}

#[tokio::test]
async fn embeddings_are_the_native_vectors_as_floats_or_packed_base64() {
    let ollama = start(&["nomic-embed-text"]).await;
    let request = json!({"model": "nomic-embed-text", "input": ["why is the sky blue", "hi"], "dimensions": 8});
    let reply: Value = post(&ollama, "/v1/embeddings", request)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        (reply["object"].as_str(), reply["model"].as_str()),
        (Some("list"), Some("nomic-embed-text"))
    );
    assert_eq!(
        reply["usage"],
        json!({"prompt_tokens": 6, "total_tokens": 6})
    );
    assert_eq!(
        (
            reply["data"][1]["object"].as_str(),
            reply["data"][1]["index"].as_u64()
        ),
        (Some("embedding"), Some(1))
    );
    let first: Vec<f32> =
        serde_json::from_value(reply["data"][0]["embedding"].clone()).expect("floats");
    assert_eq!(first, expected_embedding("why is the sky blue", 8));

    let packed = json!({"model": "nomic-embed-text", "input": "hi", "encoding_format": "base64"});
    let reply: Value = post(&ollama, "/v1/embeddings", packed)
        .await
        .json()
        .await
        .expect("JSON");
    let text = reply["data"][0]["embedding"]
        .as_str()
        .expect("a base64 string");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64");
    let floats: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|four| f32::from_le_bytes([four[0], four[1], four[2], four[3]]))
        .collect();
    assert_eq!(floats, expected_embedding("hi", 768));
}

#[tokio::test]
async fn bad_embedding_requests_are_openai_errors() {
    let ollama = start(&["nomic-embed-text"]).await;
    let cases = [
        (json!({"model": "nomic-embed-text"}), 400, "invalid input"),
        (
            json!({"model": "nomic-embed-text", "input": []}),
            400,
            "invalid input",
        ),
        (
            json!({"model": "nomic-embed-text", "input": "hi", "encoding_format": "int8"}),
            400,
            "Invalid value for 'encoding_format' = int8. Supported values: ['float', 'base64'].",
        ),
        (
            json!({"model": "gemma4:27b", "input": "hi"}),
            404,
            "model \"gemma4:27b\" not found, try pulling it first",
        ),
    ];
    for (request, status, message) in cases {
        let response = post(&ollama, "/v1/embeddings", request).await;
        assert_eq!(response.status(), status, "{message}");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["error"]["message"], message);
    }
}
