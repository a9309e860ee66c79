//! What counts as the same request for an idempotency key.

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};

use super::same_request;

fn generate(model: &str, prompt: &str) -> JobSpec {
    JobSpec {
        kind: JobKind::Generate as i32,
        model: model.into(),
        prompt: prompt.into(),
        idempotency_key: "vault:01KB".into(),
        source: "vault: Runner/inbox/why-sky.md".into(),
        ..Default::default()
    }
}

#[test]
fn retries_and_source_do_not_make_another_request() {
    let first = generate("qwen2.5:14b", "why is the sky blue");
    let again = JobSpec {
        retries: 3,
        source: "vault: Runner/processing/why-sky.md".into(),
        ..first.clone()
    };
    assert!(same_request(&first, &again));
}

#[test]
fn a_provider_name_matches_the_name_it_was_given_by() {
    let first = generate("models/gemini-2.5-flash", "hi");
    assert!(same_request(
        &first,
        &generate("gemini-2.5-flash:latest", "hi")
    ));
    assert!(same_request(
        &generate("gemini-2.5-flash:latest", "hi"),
        &first
    ));
    assert!(!same_request(
        &first,
        &generate("gemini-2.5-pro:latest", "hi")
    ));
}

#[test]
fn what_the_job_asks_for_makes_another_request() {
    let first = generate("qwen2.5:14b", "why is the sky blue");
    let differs = |change: fn(&mut JobSpec)| {
        let mut again = first.clone();
        change(&mut again);
        !same_request(&first, &again)
    };
    assert!(differs(|spec| spec.prompt = "why is the sea blue".into()));
    assert!(differs(|spec| spec.model = "qwen2.5:7b".into()));
    assert!(differs(|spec| spec.kind = JobKind::Chat as i32));
    assert!(differs(|spec| spec.system = "answer in French".into()));
    assert!(differs(|spec| spec.texts = vec!["a".into()]));
    assert!(differs(|spec| spec.messages = vec![ChatMessage {
        role: "user".into(),
        content: "hi".into(),
    }]));
    assert!(differs(|spec| spec.options = Some(ModelOptions {
        temperature: Some(0.2),
        ..Default::default()
    })));
}
