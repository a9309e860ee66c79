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
