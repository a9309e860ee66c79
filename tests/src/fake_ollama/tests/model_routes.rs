//! The read-only routes and embeddings: `/`, `/api/version`, `/api/tags`, `/api/ps`,
//! `/api/show`, `/api/embed`, in the shapes Ollama documents.

use serde_json::{Value, json};

use super::super::{
    DEFAULT_RUNTIME_CONTEXT_LENGTH, OLLAMA_IS_RUNNING, STAND_IN_OLLAMA_VERSION, expected_embedding,
    facts_for,
};
use super::{client, get, post, start};

#[tokio::test]
async fn root_answers_get_and_head_with_ollama_is_running() {
    let ollama = start(&[]).await;
    let response = get(&ollama, "/").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("text"), OLLAMA_IS_RUNNING);
    let head = client().head(ollama.url()).send().await.expect("HEAD /");
    assert_eq!(head.status(), 200);
    let version: Value = get(&ollama, "/api/version")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(version, json!({"version": STAND_IN_OLLAMA_VERSION}));
    assert_eq!(ollama.requests("/"), 2);
    assert_eq!(ollama.requests("/api/version"), 1);
}

#[tokio::test]
async fn tags_lists_installed_models_with_details_newest_first() {
    let ollama = start(&["gemma4:27b", "nomic-embed-text"]).await;
    let tags: Value = get(&ollama, "/api/tags").await.json().await.expect("JSON");
    let models = tags["models"].as_array().expect("models");
    let names: Vec<&str> = models
        .iter()
        .filter_map(|model| model["name"].as_str())
        .collect();
    assert_eq!(names, ["gemma4:27b", "nomic-embed-text:latest"]);
    let gemma = &models[0];
    let facts = facts_for("gemma4:27b");
    assert_eq!(gemma["model"], "gemma4:27b");
    assert_eq!(gemma["size"], facts.size_on_disk_bytes);
    assert_eq!(gemma["digest"].as_str().map(str::len), Some(64));
    assert!(
        gemma["modified_at"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z'))
    );
    assert_eq!(
        gemma["details"],
        json!({"parent_model": "", "format": "gguf", "family": "gemma4", "families": ["gemma4"],
               "parameter_size": "27.4B", "quantization_level": "Q4_K_M"})
    );
}

#[tokio::test]
async fn ps_shows_loaded_models_with_expiry_vram_and_context_length() {
    let ollama = start(&["gemma4:27b", "qwen2.5:14b"]).await;
    ollama.set_loaded("qwen2.5:14b", true);
    let ps: Value = get(&ollama, "/api/ps").await.json().await.expect("JSON");
    let models = ps["models"].as_array().expect("models");
    assert_eq!(models.len(), 1, "only the loaded model: {ps}");
    let qwen = &models[0];
    assert_eq!(
        (qwen["name"].as_str(), qwen["model"].as_str()),
        (Some("qwen2.5:14b"), Some("qwen2.5:14b"))
    );
    assert_eq!(qwen["size"], qwen["size_vram"]);
    assert!(qwen["size"].as_u64() > Some(facts_for("qwen2.5:14b").size_on_disk_bytes));
    assert_eq!(qwen["context_length"], DEFAULT_RUNTIME_CONTEXT_LENGTH);
    assert_eq!(qwen["details"]["family"], "qwen2");
    assert!(
        qwen["expires_at"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z'))
    );
    ollama.set_loaded("qwen2.5:14b", false);
    let ps: Value = get(&ollama, "/api/ps").await.json().await.expect("JSON");
    assert_eq!(ps, json!({"models": []}));
}

#[tokio::test]
async fn show_reports_details_capabilities_and_context_length_for_litellm() {
    let ollama = start(&["qwen2.5:14b"]).await;
    // LiteLLM still sends the deprecated `name`.
    let show: Value = post(&ollama, "/api/show", json!({"name": "qwen2.5:14b"}))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(show["model_info"]["qwen2.context_length"], 32_768);
    assert_eq!(show["model_info"]["general.architecture"], "qwen2");
    assert_eq!(show["capabilities"], json!(["completion", "tools"]));
    assert_eq!(show["details"]["quantization_level"], "Q4_K_M");
    assert!(
        show["modelfile"]
            .as_str()
            .is_some_and(|text| text.contains("FROM "))
    );
}

#[tokio::test]
async fn embed_returns_one_deterministic_unit_vector_per_input() {
    let ollama = start(&["nomic-embed-text"]).await;
    let single: Value = post(
        &ollama,
        "/api/embed",
        json!({"model": "nomic-embed-text", "input": "Why is the sky blue?"}),
    )
    .await
    .json()
    .await
    .expect("JSON");
    assert_eq!(single["model"], "nomic-embed-text");
    let vector: Vec<f32> = serde_json::from_value(single["embeddings"][0].clone()).expect("floats");
    assert_eq!(vector, expected_embedding("Why is the sky blue?", 768));
    assert_eq!(single["prompt_eval_count"], 5);
    assert!(
        single["total_duration"]
            .as_u64()
            .is_some_and(|nanoseconds| nanoseconds > 0)
    );
    assert!(
        single["load_duration"]
            .as_u64()
            .is_some_and(|nanoseconds| nanoseconds > 0)
    );

    let request =
        json!({"model": "nomic-embed-text:latest", "input": ["a", "b"], "dimensions": 16});
    let batch: Value = post(&ollama, "/api/embed", request)
        .await
        .json()
        .await
        .expect("JSON");
    let embeddings = batch["embeddings"].as_array().expect("embeddings");
    assert_eq!(embeddings.len(), 2);
    let second: Vec<f32> = serde_json::from_value(embeddings[1].clone()).expect("floats");
    assert_eq!(second, expected_embedding("b", 16));
    assert_ne!(embeddings[0], embeddings[1]);
}

#[tokio::test]
async fn unknown_routes_and_wrong_methods_get_gins_plain_answers() {
    let ollama = start(&[]).await;
    let response = get(&ollama, "/api/nope").await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.text().await.expect("text"), "404 page not found");
    let wrong_method = get(&ollama, "/api/chat").await;
    assert_eq!(wrong_method.status(), 405);
    assert_eq!(
        wrong_method.text().await.expect("text"),
        "405 method not allowed"
    );
}
