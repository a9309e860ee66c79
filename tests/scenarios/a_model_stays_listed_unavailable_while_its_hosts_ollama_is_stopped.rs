//! homelab alone has qwen2.5:7b. Its Ollama stops answering: `ListModels` and `runner models`
//! still list qwen2.5:7b, unavailable on homelab with the reason, and homelab's node keeps the
//! list with the time it was last confirmed. It stays listed while homelab's agent is down too,
//! and homelab keeps its three slots.

use anyhow::Context;
use proto::v1::{IneligibilityCode, ListModelsRequest, ModelAvailability, NodeState};
use tests::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster};

const SMALL_QWEN: &str = "qwen2.5:7b";

async fn small_qwen(cluster: &TestCluster) -> anyhow::Result<ModelAvailability> {
    let models = cluster
        .cluster_client()
        .await?
        .list_models(ListModelsRequest {})
        .await?
        .into_inner()
        .models;
    models
        .into_iter()
        .find(|model| model.model == SMALL_QWEN)
        .context("qwen2.5:7b vanished from ListModels")
}

#[tokio::test]
async fn a_model_stays_listed_unavailable_while_its_hosts_ollama_is_stopped() -> anyhow::Result<()>
{
    let mut spec = ClusterSpec::three_hosts();
    spec.nodes[1] = NodeSpec::new("homelab", &[SMALL_QWEN]).max_parallel(3);
    let mut cluster = TestCluster::start(spec).await?;
    assert!(small_qwen(&cluster).await?.available);
    let confirmed = cluster.node("homelab").await?.installed_as_of_ms;
    assert!(confirmed > 0, "homelab's list was never confirmed");

    cluster.ollama("homelab").stop_answering().await;
    cluster
        .wait_node_state("homelab", NodeState::OllamaDown, Patience::seconds(5))
        .await?;
    let model = small_qwen(&cluster).await?;
    assert!(!model.available);
    let homelab = model
        .nodes
        .iter()
        .find(|node| node.node == "homelab")
        .context("homelab is not a candidate for qwen2.5:7b")?;
    assert_eq!(homelab.code, IneligibilityCode::OllamaDown as i32);
    assert!(
        homelab.reason.starts_with("homelab: ollama not answering"),
        "{}",
        homelab.reason
    );
    let node = cluster.node("homelab").await?;
    assert_eq!(
        node.installed
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        [SMALL_QWEN]
    );
    assert!(node.installed_as_of_ms >= confirmed, "{node:?}");

    let listed = cluster.cli(&["models"]).await?;
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(listed.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.starts_with(SMALL_QWEN))
        .with_context(|| format!("runner models does not list qwen2.5:7b:\n{stdout}"))?;
    let block = lines[start..]
        .iter()
        .take_while(|line| line.starts_with(SMALL_QWEN) || line.starts_with(' '))
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        block.contains("homelab") && block.contains("ollama not answering"),
        "{block}"
    );

    cluster.kill_agent("homelab").await?;
    cluster
        .wait_node_state("homelab", NodeState::Down, Patience::seconds(5))
        .await?;
    assert!(!small_qwen(&cluster).await?.available);
    let down = cluster.node("homelab").await?;
    assert_eq!(down.installed.len(), 1, "{down:?}");
    assert_eq!(
        down.max_parallel, 3,
        "the slots are kept while the agent is down"
    );
    Ok(())
}
