//! Tests of the `json` module.

use proto::v1::{Job, JobKind, JobSpec, JobState, JobTimings, ListJobsResponse};

use super::*;

fn finished_job() -> Job {
    Job {
        id: "01JA0000000000000000000000".into(),
        spec: Some(JobSpec {
            kind: JobKind::Generate as i32,
            model: "gemma4:27b".into(),
            prompt: "hi".into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: "davas".into(),
        created_at_ms: 1_700_000_000_000,
        timings: Some(JobTimings {
            time_to_first_token_ms: Some(85),
            ..Default::default()
        }),
        output: "hello".into(),
        ..Default::default()
    }
}

#[test]
fn a_job_uses_proto_field_names_and_enum_names() {
    let mut out = Vec::new();
    write_json(&mut out, &finished_job()).unwrap();
    assert!(out.ends_with(b"}\n"));
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["id"], "01JA0000000000000000000000");
    assert_eq!(value["state"], "JOB_STATE_SUCCEEDED");
    assert_eq!(value["spec"]["kind"], "JOB_KIND_GENERATE");
    assert_eq!(value["spec"]["model"], "gemma4:27b");
    assert_eq!(value["node"], "davas");
    assert_eq!(value["output"], "hello");
    // The protobuf JSON mapping writes 64-bit integers as strings, so JavaScript keeps
    // them exact.
    assert_eq!(value["created_at_ms"], "1700000000000");
    assert_eq!(value["timings"]["time_to_first_token_ms"], "85");
}

#[test]
fn a_list_is_the_response_message_with_its_field() {
    let mut out = Vec::new();
    write_json(
        &mut out,
        &ListJobsResponse {
            jobs: vec![finished_job()],
            next_before_id: String::new(),
        },
    )
    .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["jobs"].as_array().map(Vec::len), Some(1));
    let decoded: ListJobsResponse = serde_json::from_slice(&out).unwrap();
    assert_eq!(decoded.jobs[0], finished_job());
}
