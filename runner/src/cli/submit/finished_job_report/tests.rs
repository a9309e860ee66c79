//! Tests of the `finished_job_report` module.

use proto::v1::{JobSpec, JobTimings, NodeIneligibility, OllamaStats};

use super::*;

fn job(state: JobState) -> Job {
    Job {
        id: "01JA".into(),
        spec: Some(JobSpec {
            kind: JobKind::Generate as i32,
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        state: state as i32,
        node: "davas".into(),
        served_model: "gemma4:27b".into(),
        timings: Some(JobTimings {
            total_ms: Some(1_234),
            time_to_first_token_ms: Some(85),
            ollama: Some(OllamaStats {
                eval_count: 42,
                ..Default::default()
            }),
            ..Default::default()
        }),
        attempt: 1,
        ..Default::default()
    }
}

fn report(job: &Job, json: bool) -> (ClientExit, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = report_finished_job(
        job,
        json,
        &mut Terminal {
            out: &mut out,
            err: &mut err,
        },
    )
    .unwrap();
    (
        exit,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn a_success_is_summarised_on_stderr() {
    let (exit, out, err) = report(&job(JobState::Succeeded), false);
    assert_eq!(exit, ClientExit::Success);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "job 01JA served by davas (gemma4:27b) in 1.23 s, ttft 85 ms, 42 tokens\n"
    );
}

#[test]
fn failures_and_rejections_give_the_reason_and_their_exit_code() {
    let mut failed = job(JobState::Failed);
    failed.reason = "node_lost: davas stopped answering".into();
    assert_eq!(
        report(&failed, false),
        (
            ClientExit::FailedOrNotFound,
            String::new(),
            "job 01JA failed on davas: node_lost: davas stopped answering\n".into()
        )
    );
    let mut rejected = job(JobState::Rejected);
    rejected.reason = "no node can run gemma4:27b".into();
    rejected.rejections = vec![NodeIneligibility {
        node: "davas".into(),
        code: 2,
        reason: "agent down".into(),
    }];
    let (exit, _, err) = report(&rejected, false);
    assert_eq!(exit, ClientExit::Rejected);
    assert_eq!(
        err,
        "job 01JA was rejected: no node can run gemma4:27b\n  davas: agent down\n"
    );
}

#[test]
fn json_prints_the_job_and_no_summary() {
    let (exit, out, err) = report(&job(JobState::Succeeded), true);
    assert_eq!(exit, ClientExit::Success);
    assert_eq!(err, "");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["state"], "JOB_STATE_SUCCEEDED");
}

#[test]
fn embeddings_print_their_count_and_dimensions() {
    let vector = |size: usize| Embedding {
        values: vec![0.5; size],
    };
    assert_eq!(
        embedding_summary(&[vector(768), vector(768)]),
        "2 vectors of 768 dimensions"
    );
    assert_eq!(embedding_summary(&[vector(3)]), "1 vector of 3 dimensions");
    assert_eq!(
        embedding_summary(&[vector(3), vector(4)]),
        "2 vectors of 3, 4 dimensions"
    );
    assert_eq!(embedding_summary(&[]), "0 vectors");
}

#[test]
fn a_job_still_running_is_a_bad_answer() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = report_finished_job(
        &job(JobState::Running),
        false,
        &mut Terminal {
            out: &mut out,
            err: &mut err,
        },
    );
    assert!(matches!(result, Err(ClientError::BadAnswer(_))));
}
