//! Nodes served by a cloud provider: their models are named as the provider names them (no
//! `:latest`, Gemini's `models/` optional), a model the provider no longer lists or that is
//! rate limited is unavailable with the provider's reason and rejected, never sent elsewhere,
//! and a failure's cause and usage reach the job.

use std::time::Duration;

use proto::v1::agent_job_update::Event;
use proto::v1::{
    FailureCause, IneligibilityCode, JobFailedOnNode, JobState, TokenUsage, UnavailableModel,
};

use super::harness::{Harness, QWEN, START_MS};

const LLAMA: &str = "llama-3.3-70b-versatile";
const QWEN3: &str = "qwen/qwen3-32b";
const FLASH: &str = "models/gemini-2.5-flash";

fn cluster() -> Harness {
    let mut harness = Harness::new(&["contabo", "groq", "gemini"], &[]);
    harness.ready("contabo", 1, &[QWEN]);
    harness.attach_backend("groq", 4, "groq");
    harness.attach_backend("gemini", 4, "gemini");
    harness.status("gemini", &[FLASH], true);
    harness.sent("gemini");
    harness
}

fn rejected(harness: &mut Harness, model: &str) -> Box<super::super::Rejected> {
    match harness.submit(model, 0) {
        Ok(submitted) => panic!("{model} was accepted on {}", submitted.job.node),
        Err(rejected) => rejected,
    }
}

fn unavailable(
    model: &str,
    code: IneligibilityCode,
    reason: &str,
    until_ms: i64,
) -> UnavailableModel {
    UnavailableModel {
        model: model.to_owned(),
        code: code as i32,
        reason: reason.to_owned(),
        until_ms,
    }
}

#[tokio::test]
async fn provider_models_route_by_their_own_names_and_a_bare_gemini_name_finds_its_model() {
    let mut harness = cluster();
    harness.status("groq", &[QWEN3], true);
    harness.sent("groq");
    let groq_job = harness.submit(QWEN3, 0).unwrap().job;
    assert_eq!(
        (
            groq_job.node.as_str(),
            groq_job.spec.unwrap().model.as_str()
        ),
        ("groq", QWEN3)
    );
    let bare = harness.submit("gemini-2.5-flash", 0).unwrap().job;
    assert_eq!(bare.node, "gemini");
    assert_eq!(
        bare.spec.unwrap().model,
        FLASH,
        "the job carries the provider's name"
    );
    let node = harness.node("groq");
    assert_eq!(node.backend, "groq");
    let models = harness.models();
    assert!(
        models.iter().any(|model| model.model == QWEN3),
        "{models:?}"
    );
    assert!(
        !models.iter().any(|model| model.model.ends_with(":latest")),
        "{models:?}"
    );
}

#[tokio::test]
async fn a_model_the_provider_no_longer_lists_is_rejected_with_the_providers_reason() {
    let mut harness = cluster();
    let words =
        "groq does not list llama-3.3-70b-versatile (retired, renamed, or not on this account)";
    harness.status_with(
        "groq",
        &[QWEN3],
        true,
        vec![unavailable(
            LLAMA,
            IneligibilityCode::ModelNotOffered,
            words,
            0,
        )],
    );
    harness.sent("groq");
    let rejected = rejected(&mut harness, LLAMA);
    assert!(!rejected.transient);
    let groq = rejected
        .reasons
        .iter()
        .find(|reason| reason.node == "groq")
        .unwrap();
    assert_eq!(groq.code, IneligibilityCode::ModelNotOffered as i32);
    assert_eq!(groq.reason, format!("groq: {words}"));
    assert_eq!(rejected.job.reason, format!("no node can run {LLAMA}"));
    let gemini = rejected
        .reasons
        .iter()
        .find(|reason| reason.node == "gemini")
        .unwrap();
    assert_eq!(
        gemini.reason,
        format!("gemini: gemini does not serve {LLAMA} here")
    );
    let listed = harness.models();
    let llama = listed.iter().find(|model| model.model == LLAMA).unwrap();
    assert!(!llama.available);
}

#[tokio::test]
async fn a_rate_limited_model_is_rejected_until_its_time_and_then_routes_again() {
    let mut harness = cluster();
    let until = START_MS + 3_000;
    harness.status_with(
        "groq",
        &[QWEN3],
        true,
        vec![unavailable(
            QWEN3,
            IneligibilityCode::RateLimited,
            "groq answered 429 tokens",
            until,
        )],
    );
    harness.sent("groq");
    let rejected = rejected(&mut harness, QWEN3);
    assert!(
        crate::cluster::routing::rejection_is_transient(&[rejected.reasons[1].clone()]),
        "a cool-down passes: {:?}",
        rejected.reasons
    );
    let groq = rejected
        .reasons
        .iter()
        .find(|reason| reason.node == "groq")
        .unwrap();
    assert_eq!(groq.code, IneligibilityCode::RateLimited as i32);
    assert_eq!(
        groq.reason,
        "groq: rate limited until 00:00:03 UTC: groq answered 429 tokens"
    );
    // Within the heartbeat timeout: the node stays up, only the cool-down ends.
    harness.advance(Duration::from_secs(4));
    assert_eq!(harness.submit(QWEN3, 0).unwrap().job.node, "groq");
}

#[tokio::test]
async fn a_refused_key_is_the_nodes_state_in_the_providers_words() {
    let mut harness = cluster();
    harness.message(
        "groq",
        proto::v1::agent_message::Kind::Status(proto::v1::AgentStatus {
            ollama_reachable: false,
            ollama_error: "groq rejected the API key (401 invalid_request_error/invalid_api_key: Invalid API Key)".to_owned(),
            ..Default::default()
        }),
    );
    let node = harness.node("groq");
    assert_eq!(
        node.state_reason,
        "groq rejected the API key (401 invalid_request_error/invalid_api_key: Invalid API Key)"
    );
}

#[tokio::test]
async fn a_providers_failure_keeps_its_cause_and_usage_on_the_job() {
    let mut harness = cluster();
    harness.status("groq", &[QWEN3], true);
    harness.sent("groq");
    let id = harness.accepted(QWEN3, 0);
    harness.started("groq", &id);
    let usage = TokenUsage {
        input_tokens: Some(16),
        output_tokens: Some(7),
        ..TokenUsage::default()
    };
    harness.update(
        "groq",
        &id,
        Event::Failed(JobFailedOnNode {
            message: "anthropic answered overloaded_error: Overloaded".to_owned(),
            cancelled: false,
            cause: FailureCause::ProviderError as i32,
            usage: Some(usage),
        }),
    );
    let job = harness.job(&id);
    assert_eq!(job.state, JobState::Failed as i32);
    assert_eq!(job.cause, FailureCause::ProviderError as i32);
    assert_eq!(
        job.reason,
        "provider_error: anthropic answered overloaded_error: Overloaded"
    );
    assert_eq!(job.usage, Some(usage));
}
