//! Tests of the `job_view` module.

use proto::v1::{Embedding, JobSpec, JobState, JobTimings, OllamaStats};

use super::*;

fn finished_job() -> Job {
    Job {
        id: "01KB3ZQ4T8Y0ABCDEFGHJKMNPQ".into(),
        spec: Some(JobSpec {
            kind: JobKind::Generate as i32,
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: "davas".into(),
        served_model: "gemma4:27b".into(),
        output: "The sky is blue ☀ because".into(),
        attempt: 1,
        created_at_ms: 1_000,
        started_at_ms: 1_010,
        finished_at_ms: 2_000,
        timings: Some(JobTimings {
            total_ms: Some(990),
            ollama: Some(OllamaStats {
                eval_count: 42,
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn a_finished_job_shows_where_it_ran_and_what_it_said() {
    let view = JobView::from(&finished_job());
    assert_eq!(
        (view.kind.as_str(), view.state.as_str()),
        ("generate", "succeeded")
    );
    assert_eq!(
        (view.node.as_str(), view.served_model.as_str()),
        ("davas", "gemma4:27b")
    );
    assert_eq!(view.output_tokens, Some(42));
    assert_eq!(view.prompt_tokens, None);
    assert_eq!(view.embedding_count, None);
    let json = serde_json::to_value(&view).unwrap();
    assert!(json.get("reason").is_none() && json.get("output_truncated").is_none());
    assert!(json.get("source").is_none(), "a direct call has no source");
    assert_eq!(json["total_ms"], 990);
}

#[test]
fn a_job_from_the_vault_names_its_source() {
    let mut job = finished_job();
    if let Some(spec) = job.spec.as_mut() {
        spec.source = "vault: Runner/inbox/why-sky.md".into();
    }
    let json = serde_json::to_value(JobView::from(&job)).unwrap();
    assert_eq!(json["source"], "vault: Runner/inbox/why-sky.md");
}

#[test]
fn a_summary_cuts_the_output_on_a_character_boundary() {
    let view = JobView::summary(&finished_job(), 12);
    assert_eq!(view.output, "The sky is b");
    assert!(view.output_truncated);
    let short = JobView::summary(&finished_job(), 500);
    assert!(!short.output_truncated);
    let at_the_sun = JobView::summary(&finished_job(), 19);
    assert_eq!(at_the_sun.output, "The sky is blue ☀ b");
}

#[test]
fn an_embed_job_counts_its_vectors_and_odd_states_say_unknown() {
    let mut job = finished_job();
    job.spec = Some(JobSpec {
        kind: JobKind::Embed as i32,
        ..Default::default()
    });
    job.embeddings = vec![Embedding::default(), Embedding::default()];
    job.state = 77;
    let view = JobView::from(&job);
    assert_eq!(view.embedding_count, Some(2));
    assert_eq!(view.state, "unknown");
}

#[test]
fn cost_is_a_number_when_known_and_words_always() {
    let mut job = finished_job();
    job.attempt = 1;
    job.priced = true;
    job.cost_usd = Some(0.0123);
    let view = JobView::from(&job);
    assert_eq!(
        (view.cost_usd, view.priced, view.cost.as_str()),
        (Some(0.0123), true, "$0.0123")
    );
    job.cost_usd = None;
    let unknown = serde_json::to_value(JobView::from(&job)).unwrap();
    assert!(unknown.get("cost_usd").is_none(), "{unknown}");
    assert_eq!(unknown["cost"], "unknown (no usage reported)");
    job.priced = false;
    job.cost_usd = Some(0.0);
    let unpriced = JobView::from(&job);
    assert_eq!(
        (unpriced.cost_usd, unpriced.cost.as_str()),
        (None, "no price")
    );
}
