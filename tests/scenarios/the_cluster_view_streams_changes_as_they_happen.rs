//! `WatchCluster` pushes the cluster view as it changes: a killed agent shows up as down, with
//! its models unavailable, within moments — what the dashboard and alerting rely on.

use std::time::{Duration, Instant};

use futures::StreamExt;
use proto::v1::{NodeState, WatchClusterRequest};
use tests::cluster::{ClusterSpec, TestCluster};

#[tokio::test]
async fn the_cluster_view_streams_changes_as_they_happen() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let mut client = cluster.cluster_client().await?;
    let mut snapshots = client
        .watch_cluster(WatchClusterRequest {
            min_interval_ms: 20,
        })
        .await?
        .into_inner();
    let first = snapshots.next().await.expect("a first snapshot")?;
    assert_eq!(first.nodes.len(), 3);
    assert!(
        first
            .nodes
            .iter()
            .all(|node| node.state == NodeState::Ready as i32)
    );

    let killed_at = Instant::now();
    cluster.kill_agent("davas").await?;
    let deadline = Duration::from_secs(2);
    loop {
        let snapshot = tokio::time::timeout(deadline, snapshots.next())
            .await?
            .expect("stream open")?;
        assert!(snapshot.version >= first.version);
        let davas = snapshot
            .nodes
            .iter()
            .find(|node| node.name == "davas")
            .expect("davas listed");
        if davas.state == NodeState::Down as i32 {
            let gemma = snapshot
                .models
                .iter()
                .find(|model| model.model == "gemma4:27b")
                .expect("gemma listed");
            assert!(!gemma.available);
            assert!(
                gemma.nodes[0].reason.contains("agent down"),
                "{}",
                gemma.nodes[0].reason
            );
            break;
        }
        assert!(
            killed_at.elapsed() < deadline,
            "davas still not down in the stream"
        );
    }
    Ok(())
}
