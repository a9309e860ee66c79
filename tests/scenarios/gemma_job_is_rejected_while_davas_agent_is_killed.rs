//! davas' agent is SIGKILLed: gemma4 is rejected at once naming davas; qwen keeps working; when
//! the agent comes back, gemma4 runs on davas again.

use proto::v1::NodeState;
use tests::cluster::{ClusterSpec, Patience, TestCluster, generate_spec};
use tonic::Code;

use crate::support::{
    GEMMA, expect_gemma_rejected, expect_no_downgrade_in_history, expect_qwen_works,
};

#[tokio::test]
async fn gemma_job_is_rejected_while_davas_agent_is_killed() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster.kill_agent("davas").await?;
    // A closed stream makes the node unroutable at once, well before any heartbeat timeout.
    let down = cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(1))
        .await?;
    assert!(
        down.state_reason.starts_with("agent down since"),
        "{}",
        down.state_reason
    );
    expect_gemma_rejected(&cluster, Code::Unavailable, "davas: agent down since").await?;
    let qwen_node = expect_qwen_works(&cluster).await?;
    assert_ne!(qwen_node, "davas");

    cluster.start_agent("davas")?;
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(15))
        .await?;
    let watched = cluster.run_job(generate_spec(GEMMA, "back again")).await?;
    assert_eq!(watched.job.node, "davas");
    assert_eq!(watched.job.served_model, GEMMA);
    expect_no_downgrade_in_history(&cluster).await
}
