//! davas' agent is frozen with SIGSTOP (its TCP connection stays open): after the heartbeat
//! timeout davas is down and gemma4 is rejected; after SIGCONT the agent rejoins.

use std::time::Instant;

use proto::v1::NodeState;
use tests::cluster::{ClusterSpec, Patience, Signal, TestCluster, generate_spec};
use tonic::Code;

use crate::support::{GEMMA, expect_gemma_rejected, expect_qwen_works};

#[tokio::test]
async fn gemma_job_is_rejected_while_davas_agent_is_frozen() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let frozen_at = Instant::now();
    cluster.signal_agent("davas", Signal::Stop)?;
    let down = cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(6))
        .await?;
    let detected_after = frozen_at.elapsed();
    assert!(
        down.state_reason.contains("no heartbeat"),
        "{}",
        down.state_reason
    );
    // heartbeat_timeout is 2 s in the test spec; the default is at most 5 s.
    assert!(
        detected_after.as_secs_f64() < 4.0,
        "took {detected_after:?}"
    );
    expect_gemma_rejected(&cluster, Code::Unavailable, "no heartbeat").await?;
    expect_qwen_works(&cluster).await?;

    cluster.signal_agent("davas", Signal::Continue)?;
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(15))
        .await?;
    let watched = cluster.run_job(generate_spec(GEMMA, "thawed")).await?;
    assert_eq!(watched.job.node, "davas");
    Ok(())
}
