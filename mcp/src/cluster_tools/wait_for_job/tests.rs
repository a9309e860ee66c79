//! What a waiting tool returns for a job that ended.

use proto::v1::{JobKind, JobSpec, NodeIneligibility};

use super::*;

fn job(state: JobState, reason: &str) -> Job {
    Job {
        id: "01JOB".into(),
        spec: Some(JobSpec {
            kind: JobKind::Generate as i32,
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        state: state as i32,
        node: "davas".into(),
        reason: reason.into(),
        output: "blue".into(),
        ..Default::default()
    }
}

#[test]
fn a_succeeded_job_is_the_result() {
    let view = ended_job_result(&job(JobState::Succeeded, "")).unwrap();
    assert_eq!(
        (view.state.as_str(), view.output.as_str()),
        ("succeeded", "blue")
    );
}

#[test]
fn a_failed_or_rejected_job_is_an_error_with_its_reason_and_record() {
    let failure =
        ended_job_result(&job(JobState::Failed, "node_lost: davas stopped answering")).unwrap_err();
    assert_eq!(failure.kind, FailureKind::JobFailed);
    assert_eq!(
        failure.error,
        "job 01JOB failed on davas: node_lost: davas stopped answering"
    );
    assert_eq!(
        failure.job.as_ref().map(|job| job.output.as_str()),
        Some("blue")
    );
    let mut rejected = job(JobState::Rejected, "no node can run gemma4:27b");
    rejected.node.clear();
    rejected.rejections = vec![NodeIneligibility {
        node: "davas".into(),
        reason: "davas: draining".into(),
        ..Default::default()
    }];
    let failure = ended_job_result(&rejected).unwrap_err();
    assert_eq!(
        failure.error,
        "job 01JOB rejected: no node can run gemma4:27b"
    );
    assert!(
        failure.text().contains("\n  davas: draining"),
        "{}",
        failure.text()
    );
}
