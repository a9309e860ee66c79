//! The version is one a client comparing Ollama versions accepts.

use super::*;

#[tokio::test]
async fn the_version_is_a_dotted_ollama_release() {
    let Json(body) = handle().await;
    let version = body["version"].as_str().unwrap();
    let parts: Vec<u32> = version
        .split('.')
        .map(|part| part.parse().unwrap())
        .collect();
    assert_eq!(parts.len(), 3, "{version}");
    // Open WebUI's oldest accepted Ollama is 0.1.16; the API followed (embed, think, …) is newer.
    assert!(parts[..] >= [0, 5, 0][..], "{version}");
}
