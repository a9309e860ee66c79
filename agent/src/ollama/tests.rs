//! Tests of the Ollama client against the stand-in Ollama: probes, streams, errors.

use proto::v1::{ChatMessage, JobKind, JobSpec};

use super::{OllamaClient, OllamaError};
use crate::test_support::{FakeOllama, Script};

fn chat_spec(model: &str) -> JobSpec {
    JobSpec {
        kind: JobKind::Chat as i32,
        model: model.to_owned(),
        messages: vec![ChatMessage {
            role: "user".to_owned(),
            content: "hi".to_owned(),
        }],
        ..JobSpec::default()
    }
}

async fn collect(
    client: &OllamaClient,
    spec: &JobSpec,
) -> (Vec<String>, Result<super::GenerationChunk, OllamaError>) {
    let mut stream = match client.chat(spec).await {
        Ok(stream) => stream,
        Err(error) => return (Vec::new(), Err(error)),
    };
    let mut texts = Vec::new();
    loop {
        match stream.next_chunk().await {
            Ok(Some(chunk)) if chunk.final_stats.is_some() => return (texts, Ok(chunk)),
            Ok(Some(chunk)) => texts.push(chunk.text),
            Ok(None) => panic!("the stream ended without a final chunk"),
            Err(error) => return (texts, Err(error)),
        }
    }
}

#[tokio::test]
async fn probes_read_version_tags_and_ps() {
    let ollama = FakeOllama::start(&["gemma4:27b"]).await;
    ollama.state.loaded.lock().unwrap().push("gemma4:27b");
    let client = OllamaClient::new(&format!("{}/", ollama.url)).unwrap();
    assert_eq!(client.version().await.unwrap(), "0.12.3");
    let installed = client.tags().await.unwrap();
    assert_eq!(installed.len(), 1);
    assert_eq!(installed[0].name, "gemma4:27b");
    assert_eq!(installed[0].parameter_size, "27B");
    assert_eq!(installed[0].quantization_level, "Q4_K_M");
    assert_eq!(installed[0].family, "gemma3");
    let loaded = client.ps().await.unwrap();
    assert_eq!(
        (loaded[0].size_vram_bytes, loaded[0].expires_at.as_str()),
        (8, "2026-11-26T10:05:00Z")
    );
}

#[tokio::test]
async fn a_chat_streams_tokens_then_the_final_statistics() {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await;
    ollama.set_script(Script::Tokens(vec!["Hel", "lo", " world"]));
    let client = OllamaClient::new(&ollama.url).unwrap();
    let (texts, last) = collect(&client, &chat_spec("qwen2.5:14b")).await;
    assert_eq!(texts, ["Hel", "lo", " world"]);
    let last = last.unwrap();
    assert_eq!(last.model, "qwen2.5:14b");
    let stats = last.final_stats.unwrap();
    assert_eq!(
        (
            stats.done_reason.as_str(),
            stats.eval_count,
            stats.total_duration_ns
        ),
        ("stop", 2, 5_000)
    );
    let sent = ollama.state.last_request.lock().unwrap().clone().unwrap();
    assert_eq!(sent["messages"][0]["content"], "hi");
    assert_eq!(sent["stream"], true);
}

#[tokio::test]
async fn an_error_line_mid_stream_ends_it_with_ollamas_message() {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await;
    ollama.set_script(Script::FailAfter(
        vec!["par", "tial"],
        "llama runner process has terminated",
    ));
    let client = OllamaClient::new(&ollama.url).unwrap();
    let (texts, last) = collect(&client, &chat_spec("qwen2.5:14b")).await;
    assert_eq!(texts, ["par", "tial"]);
    assert_eq!(
        last.unwrap_err().to_string(),
        "llama runner process has terminated"
    );
}

#[tokio::test]
async fn a_404_gives_ollamas_error_text_and_the_status() {
    let ollama = FakeOllama::start(&[]).await;
    let client = OllamaClient::new(&ollama.url).unwrap();
    let (_, last) = collect(&client, &chat_spec("x")).await;
    assert_eq!(
        last.unwrap_err().to_string(),
        "ollama answered 404: model \"x\" not found, try pulling it first"
    );
}

#[tokio::test]
async fn a_503_probe_is_an_error_with_the_status() {
    let ollama = FakeOllama::start(&[]).await;
    ollama
        .state
        .healthy
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let client = OllamaClient::new(&ollama.url).unwrap();
    let error = client.version().await.unwrap_err();
    assert_eq!(error.to_string(), "ollama answered 503: sick");
}

#[tokio::test]
async fn a_closed_port_is_unreachable_with_the_cause() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = OllamaClient::new(&url).unwrap();
    let error = client.tags().await.unwrap_err();
    assert!(
        matches!(error, OllamaError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().to_lowercase().contains("refused"),
        "{error}"
    );
}

#[tokio::test]
async fn embed_sends_every_text_and_returns_one_vector_each() {
    let ollama = FakeOllama::start(&["nomic-embed-text"]).await;
    let client = OllamaClient::new(&ollama.url).unwrap();
    let spec = JobSpec {
        kind: JobKind::Embed as i32,
        model: "nomic-embed-text".to_owned(),
        texts: vec!["a".to_owned(), "b".to_owned()],
        ..JobSpec::default()
    };
    let outcome = client.embed(&spec).await.unwrap();
    assert_eq!(outcome.model, "nomic-embed-text");
    assert_eq!(outcome.embeddings.len(), 2);
    assert_eq!(outcome.embeddings[1].values, [1.0, 0.5, -0.25]);
    assert_eq!(outcome.stats.prompt_eval_count, 4);
}

/// The final chunk's `prompt_eval_cached_count` (newer Ollama) reaches `OllamaStats`; without
/// it (older Ollama) the count stays absent.
#[test]
fn the_final_chunks_cached_prompt_count_is_read_when_present() {
    let newer: super::wire::StreamLine = serde_json::from_str(
        r#"{"model":"m","done":true,"prompt_eval_count":38,"prompt_eval_cached_count":37}"#,
    )
    .unwrap();
    let stats: proto::v1::OllamaStats = newer.stats.into();
    assert_eq!(stats.prompt_eval_cached_count, Some(37));
    let older: super::wire::StreamLine =
        serde_json::from_str(r#"{"model":"m","done":true,"prompt_eval_count":38}"#).unwrap();
    let stats: proto::v1::OllamaStats = older.stats.into();
    assert_eq!(stats.prompt_eval_cached_count, None);
}
