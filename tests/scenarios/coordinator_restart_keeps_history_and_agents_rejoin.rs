//! The coordinator is SIGKILLed in the middle of a job and restarted: every job it knew is
//! still listed, the interrupted one ended `failed` with a reason, and the agents rejoin.

use std::time::Duration;

use proto::v1::{JobState, ListJobsRequest, NodeState};
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually, generate_spec};

use crate::support::{GEMMA, expect_qwen_works};

#[tokio::test]
async fn coordinator_restart_keeps_history_and_agents_rejoin() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let finished = cluster.run_job(generate_spec(GEMMA, "first")).await?.job;
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(200));
    let interrupted = cluster
        .submit_ok(generate_spec(GEMMA, "a long answer please"))
        .await?;
    eventually("the long job to run", Patience::seconds(10), || async {
        let job = cluster.get_job(&interrupted.id).await?;
        anyhow::ensure!(!job.output.is_empty(), "no tokens yet");
        Ok(())
    })
    .await?;

    cluster.kill_coordinator().await?;
    cluster.start_coordinator().await?;
    for node in ["contabo", "homelab", "davas"] {
        cluster
            .wait_node_state(node, NodeState::Ready, Patience::seconds(15))
            .await?;
    }
    let jobs = cluster
        .jobs_client()
        .await?
        .list_jobs(ListJobsRequest::default())
        .await?
        .into_inner()
        .jobs;
    let first = jobs
        .iter()
        .find(|job| job.id == finished.id)
        .expect("the finished job is still listed");
    assert_eq!(first.state, JobState::Succeeded as i32);
    assert_eq!(first.output, finished.output);
    let second = jobs
        .iter()
        .find(|job| job.id == interrupted.id)
        .expect("the interrupted job is still listed");
    assert_eq!(second.state, JobState::Failed as i32);
    assert!(
        second.reason.starts_with("coordinator_restarted"),
        "{}",
        second.reason
    );

    cluster.ollama("davas").set_token_delay(Duration::ZERO);
    assert_eq!(
        cluster
            .run_job(generate_spec(GEMMA, "after"))
            .await?
            .job
            .node,
        "davas"
    );
    expect_qwen_works(&cluster).await?;
    Ok(())
}
