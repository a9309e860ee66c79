//! `WatchCluster` pushes the cluster view as it changes: a killed agent shows up as down, with
//! its models unavailable, within moments — what the dashboard and alerting rely on. The
//! alerter's lighter snapshots (`model_names_only`) say the same with less.

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
            ..WatchClusterRequest::default()
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

#[tokio::test]
async fn model_names_only_snapshots_name_each_nodes_models_and_their_availability()
-> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let full = first_snapshot(&cluster, false).await?;
    let light = first_snapshot(&cluster, true).await?;
    let davas = |nodes: &[proto::v1::Node]| {
        nodes
            .iter()
            .find(|node| node.name == "davas")
            .expect("davas listed")
            .clone()
    };
    let (full_davas, light_davas) = (davas(&full.nodes), davas(&light.nodes));
    assert_eq!(light_davas.state, full_davas.state);
    let names = |node: &proto::v1::Node| -> Vec<String> {
        node.installed
            .iter()
            .map(|model| model.name.clone())
            .collect()
    };
    assert_eq!(names(&light_davas), names(&full_davas));
    assert!(!names(&light_davas).is_empty());
    assert!(
        light_davas
            .installed
            .iter()
            .all(|model| model.digest.is_empty() && model.size_bytes == 0)
    );
    let availability = |snapshot: &proto::v1::ClusterSnapshot| -> Vec<(String, bool, Vec<String>)> {
        snapshot
            .models
            .iter()
            .map(|model| {
                (
                    model.model.clone(),
                    model.available,
                    model.routed_nodes.clone(),
                )
            })
            .collect()
    };
    assert_eq!(availability(&light), availability(&full));
    assert!(light.models.iter().all(|model| model.nodes.is_empty()));
    Ok(())
}

async fn first_snapshot(
    cluster: &TestCluster,
    model_names_only: bool,
) -> anyhow::Result<proto::v1::ClusterSnapshot> {
    let request = WatchClusterRequest {
        min_interval_ms: 20,
        model_names_only,
    };
    let mut client = cluster.cluster_client().await?;
    let mut snapshots = client.watch_cluster(request).await?.into_inner();
    let first = snapshots.next().await;
    Ok(first.ok_or_else(|| anyhow::anyhow!("the watch ended before a snapshot"))??)
}
