//! The generic provider backend over a scripted vendor client: what each failure does to the
//! node and to the job, that a cooling model is refused without a call, that the key never
//! shows, and that another model's answer is flagged.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use proto::v1::{FailureCause, IneligibilityCode, JobKind, JobSpec, TokenUsage};
use settings::Secret;

use super::{ProviderBackend, clock_time, same_model};
use crate::backend::{Backend, LinkGone, Tokens};
use crate::providers::{Completion, ListedModel, ProviderApi, ProviderError, ProviderErrorKind};

const KEY: &str = "gsk_live_SECRET_0123456789";

struct Scripted {
    answers: Mutex<Vec<Result<Completion, ProviderError>>>,
    calls: AtomicUsize,
}

impl ProviderApi for Scripted {
    fn vendor(&self) -> &'static str {
        "groq"
    }
    fn api_version(&self) -> &'static str {
        "openai/v1"
    }
    async fn list_models(&self) -> Result<Vec<ListedModel>, ProviderError> {
        Ok(vec![ListedModel {
            id: "qwen/qwen3-32b".to_owned(),
            chat: true,
            embed: false,
        }])
    }
    async fn stream<'a>(
        &'a self,
        _spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> Result<Result<Completion, ProviderError>, LinkGone> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        tokens.send("hi".to_owned()).await?;
        Ok(self.answers.lock().unwrap().remove(0))
    }
    async fn embed<'a>(&'a self, _spec: &'a JobSpec) -> Result<Completion, ProviderError> {
        self.answers.lock().unwrap().remove(0)
    }
}

fn error(kind: ProviderErrorKind, status: u16, message: &str) -> ProviderError {
    ProviderError {
        kind,
        status: Some(status),
        error_type: "tokens".to_owned(),
        code: "rate_limit_exceeded".to_owned(),
        message: message.to_owned(),
        limits: vec![("x-ratelimit-remaining-tokens".to_owned(), "0".to_owned())],
        partial_usage: None,
    }
}

fn backend(answers: Vec<Result<Completion, ProviderError>>) -> ProviderBackend<Scripted> {
    let api = Scripted {
        answers: Mutex::new(answers),
        calls: AtomicUsize::new(0),
    };
    ProviderBackend::new(
        api,
        "http://127.0.0.1:9/openai/v1".to_owned(),
        Secret::new(KEY),
        vec!["qwen/qwen3-32b".to_owned()],
        Duration::from_secs(60),
    )
}

fn chat() -> JobSpec {
    JobSpec {
        kind: JobKind::Chat as i32,
        model: "qwen/qwen3-32b".to_owned(),
        ..JobSpec::default()
    }
}

#[tokio::test]
async fn a_rate_limit_fails_the_job_cools_the_model_down_and_the_next_job_is_refused_without_a_call()
 {
    let backend = backend(vec![Err(error(
        ProviderErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(90)),
        },
        429,
        "Rate limit reached",
    ))]);
    backend.probe().await;
    let (mut tokens, _sent) = Tokens::for_tests("j1");
    let failure = backend
        .run(&chat(), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(failure.cause, FailureCause::RateLimited);
    assert!(
        failure
            .message
            .starts_with("groq rate limited qwen/qwen3-32b until "),
        "{}",
        failure.message
    );
    assert!(
        failure
            .message
            .contains("429 tokens/rate_limit_exceeded: Rate limit reached")
    );

    let health = backend.probe().await;
    assert_eq!(
        health.unavailable[0].code,
        IneligibilityCode::RateLimited as i32
    );
    let (mut tokens, _sent) = Tokens::for_tests("j2");
    let again = backend
        .run(&chat(), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(again.cause, FailureCause::RateLimited);
    assert_eq!(
        backend.api.calls.load(Ordering::SeqCst),
        1,
        "the cooling model was called again"
    );
}

#[tokio::test]
async fn a_refused_key_takes_the_node_down_and_the_key_never_shows() {
    let backend = backend(vec![Err(error(
        ProviderErrorKind::KeyRejected,
        401,
        &format!("Invalid API Key {KEY}"),
    ))]);
    assert!(backend.probe().await.reachable);
    let (mut tokens, _sent) = Tokens::for_tests("j1");
    let failure = backend
        .run(&chat(), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(failure.cause, FailureCause::ProviderError);
    assert!(failure.message.starts_with("groq rejected the API key"));
    assert!(!failure.message.contains(KEY) && failure.message.contains("***"));
    let health = backend.probe().await;
    assert!(!health.reachable);
    assert!(!health.error.contains(KEY));
}

#[tokio::test]
async fn an_answer_from_another_model_is_flagged_and_usage_passes_through() {
    let usage = TokenUsage {
        input_tokens: Some(11),
        output_tokens: Some(23),
        reasoning_tokens: Some(21),
        ..TokenUsage::default()
    };
    let backend = backend(vec![Ok(Completion {
        model: "qwen/qwen3-8b".to_owned(),
        usage,
        ..Completion::default()
    })]);
    let (mut tokens, _sent) = Tokens::for_tests("j1");
    let completed = backend.run(&chat(), &mut tokens).await.unwrap().unwrap();
    assert_eq!(completed.model, "qwen/qwen3-8b");
    assert_eq!(completed.usage, Some(usage));
    assert_eq!(completed.warnings.len(), 1);
    assert!(
        completed.warnings[0]
            .starts_with("groq answered with model qwen/qwen3-8b, not qwen/qwen3-32b")
    );
}

#[test]
fn the_same_model_allows_the_models_prefix_and_dated_snapshots_only() {
    assert!(same_model("models/gemini-2.5-flash", "gemini-2.5-flash"));
    assert!(same_model(
        "claude-sonnet-4-6",
        "claude-sonnet-4-6-20260101"
    ));
    assert!(!same_model("gemini-2.5-flash", "gemini-3.5-flash-lite"));
    assert!(!same_model("gemini-2.5-flash", "gemini-2.5-flash-lite"));
    assert_eq!(clock_time(3_723_000), "01:02:03 UTC");
}

#[tokio::test]
async fn a_gone_model_wakes_the_prober_and_the_next_job_fails_without_a_call() {
    let backend = backend(vec![Err(ProviderError {
        kind: ProviderErrorKind::ModelGone,
        code: "model_decommissioned".to_owned(),
        ..error(ProviderErrorKind::ModelGone, 400, "has been decommissioned")
    })]);
    backend.probe().await;
    let changes = backend.changes().unwrap();
    let (mut tokens, _sent) = Tokens::for_tests("j1");
    let first = backend
        .run(&chat(), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        first.message.contains("model_decommissioned"),
        "{}",
        first.message
    );
    tokio::time::timeout(Duration::from_secs(1), changes.notified())
        .await
        .expect("the prober is woken");
    let health = backend.probe().await;
    assert_eq!(
        health.unavailable[0].code,
        IneligibilityCode::ModelNotOffered as i32
    );
    let (mut tokens, _sent) = Tokens::for_tests("j2");
    let second = backend
        .run(&chat(), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        second.message.contains("not asked again"),
        "{}",
        second.message
    );
    assert_eq!(backend.api.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_answer_cut_at_the_token_limit_is_flagged() {
    let cut = Completion {
        stop_reason: "length".to_owned(),
        ..Completion::default()
    };
    let backend = backend(vec![Ok(cut), Ok(Completion::default())]);
    let (mut tokens, _sent) = Tokens::for_tests("j1");
    let short = backend.run(&chat(), &mut tokens).await.unwrap().unwrap();
    assert_eq!(
        short.warnings,
        [
            "groq stopped the answer at the token limit (length): raise num_predict for a longer answer"
        ]
    );
    let whole = backend.run(&chat(), &mut tokens).await.unwrap().unwrap();
    assert!(whole.warnings.is_empty(), "{:?}", whole.warnings);
}
