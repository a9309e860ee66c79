//! Checks several scenarios share: a gemma4 submit is rejected naming davas and why, and is
//! never served by another model; qwen keeps working meanwhile.

use anyhow::{Context, bail, ensure};
use proto::v1::JobState;
use tests::cluster::{TestCluster, generate_spec};
use tonic::Code;
use tonic_types::StatusExt;

pub const GEMMA: &str = "gemma4:27b";
pub const QWEN: &str = "qwen2.5:14b";

/// Submits gemma4 and checks the rejection: the code, the headline as the message, davas named
/// with `expected_reason` in the structured details, and the rejection recorded in the history.
pub async fn expect_gemma_rejected(
    cluster: &TestCluster,
    expected_code: Code,
    expected_reason: &str,
) -> anyhow::Result<()> {
    let status = match cluster
        .submit(generate_spec(GEMMA, "why is the sky blue?"))
        .await?
    {
        Ok(job) => bail!(
            "gemma4 was accepted (on {}) although it should be rejected",
            job.node
        ),
        Err(status) => status,
    };
    ensure!(
        status.code() == expected_code,
        "code {:?}, expected {expected_code:?}: {}",
        status.code(),
        status.message()
    );
    // The message is the headline only; the reasons travel once, in the details.
    ensure!(
        status.message() == format!("no node can run {GEMMA}"),
        "message is not the headline: {}",
        status.message()
    );
    let failure = status
        .get_details_precondition_failure()
        .context("no PreconditionFailure details")?;
    let davas = failure
        .violations
        .iter()
        .find(|v| v.subject == "davas")
        .context("no violation for davas")?;
    ensure!(
        davas.description.contains(expected_reason),
        "davas violation: {}",
        davas.description
    );
    let info = status
        .get_details_error_info()
        .context("no ErrorInfo details")?;
    let job_id = info
        .metadata
        .get("job_id")
        .context("ErrorInfo has no job_id")?
        .clone();
    let recorded = tests::cluster::eventually(
        "the rejection in the job history",
        Default::default(),
        || {
            let job_id = job_id.clone();
            async move { cluster.get_job(&job_id).await }
        },
    )
    .await?;
    ensure!(
        recorded.state == JobState::Rejected as i32,
        "recorded state {:?}",
        JobState::try_from(recorded.state)
    );
    ensure!(
        recorded.node.is_empty() && recorded.served_model.is_empty(),
        "a rejected job was served by {}",
        recorded.node
    );
    ensure!(
        recorded.rejections.iter().any(|r| r.node == "davas"),
        "recorded rejection lacks davas"
    );
    Ok(())
}

/// Runs a qwen job and checks it succeeded on qwen (on any node but davas when davas is out).
pub async fn expect_qwen_works(cluster: &TestCluster) -> anyhow::Result<String> {
    let watched = cluster.run_job(generate_spec(QWEN, "hello there")).await?;
    ensure!(
        watched.job.state == JobState::Succeeded as i32,
        "qwen job ended {:?}: {}",
        JobState::try_from(watched.job.state),
        watched.job.reason
    );
    ensure!(
        watched.job.served_model == QWEN,
        "qwen job served by model {}",
        watched.job.served_model
    );
    Ok(watched.job.node)
}

/// No job in the history was ever served by a model other than the one it named.
pub async fn expect_no_downgrade_in_history(cluster: &TestCluster) -> anyhow::Result<()> {
    let jobs = cluster.list_all_jobs().await?;
    for job in jobs {
        let named = job
            .spec
            .as_ref()
            .map(|spec| spec.model.clone())
            .unwrap_or_default();
        ensure!(
            job.served_model.is_empty() || job.served_model == named,
            "job {} named {named} but was served by {}",
            job.id,
            job.served_model
        );
    }
    Ok(())
}
