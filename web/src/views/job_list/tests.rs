//! Tests of the `job_list` module.

use proto::v1::{JobKind, JobSpec, JobState};

use super::*;

#[test]
fn rows_link_to_jobs_and_rejections_show_their_reason() {
    let job = Job {
        id: "01KB3ZQ4T8Y0ABCDEFGHJK".into(),
        state: JobState::Rejected as i32,
        reason: "no node can run gemma4:27b: davas: agent down".into(),
        spec: Some(JobSpec {
            kind: JobKind::Generate as i32,
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let filters = JobFilterValues {
        state: "rejected".into(),
        ..Default::default()
    };
    let text = job_list_body(
        &[job],
        &filters,
        Some("/jobs?before=X".into()),
        &ClusterView::default(),
        0,
    )
    .into_string();
    assert!(
        text.contains(r#"href="/jobs/01KB3ZQ4T8Y0ABCDEFGHJK""#),
        "{text}"
    );
    assert!(text.contains("davas: agent down") && text.contains("generate"));
    assert!(text.contains(r#"<option value="rejected" selected>"#));
    assert!(text.contains(r#"href="/jobs?before=X""#));
}

#[test]
fn a_job_from_the_vault_shows_its_source_under_its_kind() {
    let job = Job {
        id: "01KB3ZQ4T8Y0ABCDEFGHJM".into(),
        state: JobState::Queued as i32,
        spec: Some(JobSpec {
            kind: JobKind::Chat as i32,
            model: "qwen2.5:14b".into(),
            source: "vault: Runner/inbox/<why>.md".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let text = job_list_body(
        &[job],
        &JobFilterValues::default(),
        None,
        &ClusterView::default(),
        0,
    )
    .into_string();
    assert!(
        text.contains(
            r#"<td>chat<div class="row-source">vault: Runner/inbox/&lt;why&gt;.md</div></td>"#
        ),
        "escaped, under the kind: {text}"
    );
}
