//! The Ollama backend against the stand-in Ollama of the agent's tests: text arrives through
//! `Tokens` and usage comes from Ollama's final chunk.

use proto::v1::{ChatMessage, JobKind, JobSpec};

use super::ollama_backend::usage_of;
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

/// A newer Ollama's counts, as docs.ollama.com/api/usage shows them: the cached count is
/// part of `prompt_eval_count`, and `prompt_eval_duration` times only the uncached rest.
#[test]
fn ollamas_cached_prompt_count_becomes_cached_input_and_stays_inside_the_input() {
    let stats = proto::v1::OllamaStats {
        prompt_eval_count: 38,
        prompt_eval_cached_count: Some(37),
        prompt_eval_duration_ns: 900,
        eval_count: 5,
        eval_duration_ns: 4_000,
        ..proto::v1::OllamaStats::default()
    };
    let usage = usage_of(&stats);
    assert_eq!(usage.input_tokens, Some(38));
    assert_eq!(usage.cached_input_tokens, Some(37));
    assert_eq!(usage.output_tokens, Some(5));
}

/// An older Ollama sends no cached count: it is absent, never a made-up 0.
#[test]
fn an_older_ollama_without_the_cached_count_leaves_it_absent() {
    let stats = proto::v1::OllamaStats {
        prompt_eval_count: 12,
        prompt_eval_duration_ns: 700,
        ..proto::v1::OllamaStats::default()
    };
    let usage = usage_of(&stats);
    assert_eq!(usage.input_tokens, Some(12));
    assert_eq!(usage.cached_input_tokens, None);
}

/// A prompt wholly read from the cache has no evaluation time; its count is still said.
#[test]
fn a_wholly_cached_prompt_still_counts_its_input() {
    let stats = proto::v1::OllamaStats {
        prompt_eval_count: 20,
        prompt_eval_cached_count: Some(20),
        ..proto::v1::OllamaStats::default()
    };
    let usage = usage_of(&stats);
    assert_eq!(usage.input_tokens, Some(20));
    assert_eq!(usage.cached_input_tokens, Some(20));
}
