//! An agent with a wrong token (or none) cannot take over davas, and an agent with a name the
//! coordinator does not know is refused; both sides log a clear line.

use std::time::Duration;

use proto::v1::NodeState;
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually};

#[tokio::test]
async fn agents_with_a_wrong_token_or_unknown_name_are_refused() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let before = cluster.node("davas").await?;

    let impostor = cluster.spawn_agent("davas", "homelab", "not-the-token")?;
    eventually(
        "the impostor's refusal in its log",
        Patience::seconds(10),
        || async {
            let log = impostor.log();
            anyhow::ensure!(log.contains("RUNNER_AGENT_TOKEN"), "log so far:\n{log}");
            Ok(())
        },
    )
    .await?;
    let coordinator_log = cluster.coordinator_log();
    assert!(
        coordinator_log.contains("token rejected"),
        "{coordinator_log}"
    );
    assert!(
        !coordinator_log.contains("not-the-token"),
        "a token was logged"
    );

    let davas_token = cluster.token("davas").to_owned();
    let stranger = cluster.spawn_agent("ghost", "homelab", &davas_token)?;
    eventually(
        "the unknown node's refusal in its log",
        Patience::seconds(10),
        || async {
            let log = stranger.log();
            anyhow::ensure!(
                log.contains("ghost") && log.contains("not in the coordinator"),
                "log so far:\n{log}"
            );
            Ok(())
        },
    )
    .await?;

    // The real davas kept its stream the whole time.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = cluster.node("davas").await?;
    assert_eq!(after.state, NodeState::Ready as i32);
    assert_eq!(
        after.connected_since_ms, before.connected_since_ms,
        "davas' link was replaced"
    );
    let nodes = cluster
        .cluster_client()
        .await?
        .list_nodes(proto::v1::ListNodesRequest::default())
        .await?
        .into_inner()
        .nodes;
    assert!(nodes.iter().all(|node| node.name != "ghost"));
    assert!(
        !cluster.all_logs().contains(&davas_token),
        "a token appeared in a log"
    );
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(1))
        .await?;
    Ok(())
}
