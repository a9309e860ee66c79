//! Tests of the `job_detail` module.

use proto::v1::{JobSpec, JobState, NodeIneligibility};

use super::*;

#[test]
fn a_running_job_streams_and_can_be_cancelled() {
    let job = Job {
        id: "J1".into(),
        state: JobState::Running as i32,
        node: "davas".into(),
        ..Default::default()
    };
    let text = job_page_body(&job, 0).into_string();
    assert!(
        text.contains(r#"sse-connect="/jobs/J1/events?view=job""#),
        "{text}"
    );
    assert!(text.contains("running on davas") && text.contains("Cancel job"));
}

#[test]
fn a_rejected_job_lists_every_nodes_reason_and_streams_nothing() {
    let job = Job {
        id: "J2".into(),
        state: JobState::Rejected as i32,
        reason: "no node can run gemma4:27b".into(),
        rejections: vec![NodeIneligibility {
            node: "davas".into(),
            reason: "davas: agent down".into(),
            ..Default::default()
        }],
        spec: Some(JobSpec {
            prompt: "why?".into(),
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let text = job_section(&job, 0).into_string();
    assert!(
        !text.contains("sse-connect") && !text.contains("Cancel job"),
        "{text}"
    );
    assert!(text.contains("<li>davas: agent down</li>") && text.contains("why?"));
    assert!(text.contains("<dt>Model</dt><dd>gemma4:27b</dd>"));
}

#[test]
fn a_finished_job_shows_its_usage_cost_and_ollamas_durations() {
    let job = Job {
        id: "J3".into(),
        state: JobState::Succeeded as i32,
        attempt: 1,
        usage: Some(proto::v1::TokenUsage {
            input_tokens: Some(1_200),
            output_tokens: Some(42),
            ..Default::default()
        }),
        priced: true,
        cost_usd: Some(0.0123),
        timings: Some(proto::v1::JobTimings {
            ollama: Some(proto::v1::OllamaStats {
                load_duration_ns: 2_000_000_000,
                prompt_eval_duration_ns: 30_000_000,
                eval_duration_ns: 1_100_000_000,
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    let text = job_page_body(&job, 0).into_string();
    for fact in [
        "<dt>Usage</dt><dd>input 1,200, cached not reported, output 42, reasoning not reported</dd>",
        "<dt>Cost</dt><dd>$0.0123</dd>",
        "<dt>Load</dt><dd>2.00 s</dd>",
        "<dt>Generation</dt><dd>1.10 s</dd>",
    ] {
        assert!(text.contains(fact), "{fact} in {text}");
    }
    let unpriced = Job {
        priced: false,
        cost_usd: Some(0.0),
        ..job
    };
    assert!(
        job_page_body(&unpriced, 0)
            .into_string()
            .contains("<dt>Cost</dt><dd>no price</dd>")
    );
}

#[test]
fn a_job_from_the_vault_names_its_source_and_a_direct_call_none() {
    let from_vault = Job {
        id: "J4".into(),
        state: JobState::Succeeded as i32,
        spec: Some(JobSpec {
            source: "vault: Runner/inbox/why-sky.md".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let text = job_page_body(&from_vault, 0).into_string();
    assert!(
        text.contains("<dt>Source</dt><dd>vault: Runner/inbox/why-sky.md</dd>"),
        "{text}"
    );
    let direct = Job {
        id: "J5".into(),
        state: JobState::Succeeded as i32,
        ..Default::default()
    };
    assert!(!job_page_body(&direct, 0).into_string().contains("Source"));
}
