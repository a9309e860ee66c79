//! Bad input is refused with a clear error and breaks nothing: empty or oversized prompts, bad
//! options, unknown models, unknown or malformed job ids.

use proto::v1::{GetJobRequest, JobState, ModelOptions};
use tests::cluster::{ClusterSpec, TestCluster, generate_spec};
use tonic::Code;
use tonic_types::StatusExt;

use crate::support::expect_qwen_works;

#[tokio::test]
async fn bad_input_gets_a_clear_error() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let refusal = |spec| async {
        cluster
            .submit(spec)
            .await
            .map(|answer| answer.expect_err("must be refused"))
    };

    let empty = refusal(generate_spec("qwen2.5:14b", "")).await?;
    assert_eq!(empty.code(), Code::InvalidArgument);
    assert!(
        empty.message().contains("prompt is empty"),
        "{}",
        empty.message()
    );
    let huge = refusal(generate_spec("qwen2.5:14b", &"x".repeat(2 * 1024 * 1024))).await?;
    assert_eq!(huge.code(), Code::InvalidArgument);
    assert!(
        huge.message().contains("max_prompt_bytes"),
        "{}",
        huge.message()
    );
    let mut bad_options = generate_spec("qwen2.5:14b", "hi");
    bad_options.options = Some(ModelOptions {
        temperature: Some(-1.0),
        ..Default::default()
    });
    assert_eq!(refusal(bad_options).await?.code(), Code::InvalidArgument);

    let unknown = refusal(generate_spec("mystery:70b", "hi")).await?;
    assert_eq!(unknown.code(), Code::FailedPrecondition);
    let violations = unknown
        .get_details_precondition_failure()
        .expect("details")
        .violations;
    assert_eq!(violations.len(), 3, "every node says why: {violations:?}");
    assert!(
        violations
            .iter()
            .all(|v| v.description.contains("not installed"))
    );

    let mut jobs = cluster.jobs_client().await?;
    let missing = jobs
        .get_job(GetJobRequest {
            id: "01KB3ZQ4T8Y0000000000000AA".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Code::NotFound);
    let malformed = jobs
        .get_job(GetJobRequest {
            id: "../etc".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(malformed.code(), Code::InvalidArgument);

    // None of it broke anything.
    expect_qwen_works(&cluster).await?;
    let listed = jobs
        .list_jobs(proto::v1::ListJobsRequest {
            state: Some(JobState::Rejected as i32),
            ..Default::default()
        })
        .await?;
    assert!(
        listed
            .into_inner()
            .jobs
            .iter()
            .any(|job| job.spec.as_ref().is_some_and(|s| s.model == "mystery:70b"))
    );
    Ok(())
}
