//! The node running a job is lost: without retries the job fails `node_lost`; with retries it
//! runs again on another node that has the same model — never on another model.

use std::time::Duration;

use proto::v1::JobState;
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually, generate_spec};

use crate::support::QWEN;

async fn start_slow_qwen_job(
    cluster: &TestCluster,
    retries: u32,
) -> anyhow::Result<(String, String)> {
    for node in ["contabo", "homelab", "davas"] {
        cluster
            .ollama(node)
            .set_token_delay(Duration::from_millis(150));
    }
    let mut spec = generate_spec(QWEN, "tell me a long story");
    spec.retries = retries;
    let job = cluster.submit_ok(spec).await?;
    eventually("the job to stream", Patience::seconds(10), || async {
        anyhow::ensure!(
            !cluster.get_job(&job.id).await?.output.is_empty(),
            "no tokens yet"
        );
        Ok(())
    })
    .await?;
    Ok((job.id, job.node))
}

#[tokio::test]
async fn a_node_lost_mid_job_fails_it_with_node_lost() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let (id, node) = start_slow_qwen_job(&cluster, 0).await?;
    cluster.kill_agent(&node).await?;
    let watched = cluster.watch_to_end(&id).await?;
    assert_eq!(watched.job.state, JobState::Failed as i32);
    assert!(
        watched
            .job
            .reason
            .starts_with(&format!("node_lost: {node}")),
        "{}",
        watched.job.reason
    );
    Ok(())
}

#[tokio::test]
async fn a_node_lost_mid_job_is_retried_on_another_node_with_the_same_model() -> anyhow::Result<()>
{
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let (id, node) = start_slow_qwen_job(&cluster, 1).await?;
    for other in ["contabo", "homelab", "davas"] {
        cluster
            .ollama(other)
            .set_token_delay(Duration::from_millis(5));
    }
    cluster.kill_agent(&node).await?;
    let watched = cluster.watch_to_end(&id).await?;
    assert_eq!(
        watched.job.state,
        JobState::Succeeded as i32,
        "{}",
        watched.job.reason
    );
    assert_ne!(watched.job.node, node);
    assert_eq!(watched.job.served_model, QWEN);
    assert_eq!(watched.job.attempt, 2);
    Ok(())
}
