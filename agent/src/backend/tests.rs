//! The Ollama backend against the stand-in Ollama of the agent's tests: text arrives through
//! `Tokens` and usage comes from Ollama's final chunk.

use proto::v1::{ChatMessage, JobKind, JobSpec};

use super::{Backend, OllamaBackend, Tokens};
use crate::ollama::OllamaClient;
use crate::test_support::fake_ollama::FakeOllama;

#[tokio::test]
async fn an_ollama_chat_streams_its_tokens_and_reports_ollamas_counts_as_usage() {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await;
    let backend = OllamaBackend::new(OllamaClient::new(&ollama.url).unwrap());
    let spec = JobSpec {
        kind: JobKind::Chat as i32,
        model: "qwen2.5:14b".to_owned(),
        messages: vec![ChatMessage {
            role: "user".to_owned(),
            content: "hello".to_owned(),
        }],
        ..JobSpec::default()
    };
    let (mut tokens, mut sent) = Tokens::for_tests("job-1");
    let completed = backend.run(&spec, &mut tokens).await.unwrap().unwrap();
    drop(tokens);
    let text = crate::backend::sent_text(&mut sent).await;
    assert!(!text.is_empty(), "no token arrived");
    let stats = completed.stats.unwrap();
    let usage = completed.usage.unwrap();
    assert_eq!(usage.input_tokens, Some(stats.prompt_eval_count));
    assert_eq!(usage.output_tokens, Some(stats.eval_count));
    assert_eq!(backend.name(), "ollama");
}
