//! The embedding node is down during a sync: the embed job is rejected with the cluster's
//! reason, so the sync still indexes every note (full text and graph work at once) but leaves
//! its passages waiting for vectors, naming the reason and the notes; a search says vectors
//! were not used and still finds by full text. Once the node is back, the next sync embeds
//! exactly the passages that waited — on `nomic-embed-text`, never another model.

use anyhow::{Context, ensure};
use proto::v1::{JobKind, NodeState, SearchMemoryRequest};
use serde_json::json;
use tests::cluster::{ClusterSpec, Patience, TestCluster, printed};
use tests::memory_fixture::{copy_vault, json_u64, stdout_json};

#[tokio::test]
async fn an_embed_model_that_cannot_run_leaves_passages_pending_with_the_reason()
-> anyhow::Result<()> {
    let vault_dir = tempfile::tempdir()?;
    let vault = vault_dir.path().join("vault");
    let notes = copy_vault(&vault)?;
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml
        .push_str(&format!("\n[memory]\nvault = \"{}\"\n", vault.display()));
    let mut cluster = TestCluster::start(spec).await?;
    cluster.kill_agent("homelab").await?;
    cluster
        .wait_node_state("homelab", NodeState::Down, Patience::seconds(15))
        .await?;

    let sync = cluster.cli(&["memory", "sync", "--json"]).await?;
    ensure!(sync.status.success(), "{}", printed(&sync));
    let report = stdout_json(&sync)?;
    ensure!(report["notes"] == json!(notes), "{report}");
    ensure!(json_u64(&report["chunks_embedded"]) == 0, "{report}");
    let pending = json_u64(&report["chunks_pending"]);
    ensure!(pending >= notes as u64, "{report}");
    let reason = report["pending_reason"].as_str().unwrap_or_default();
    ensure!(
        reason.contains("nomic-embed-text")
            && reason.contains("rejected")
            && reason.contains("homelab"),
        "{report}"
    );
    ensure!(
        report["pending_notes"]
            .as_array()
            .is_some_and(|notes| !notes.is_empty()),
        "{report}"
    );
    let text = String::from_utf8_lossy(&cluster.cli(&["memory", "sync"]).await?.stdout).to_string();
    ensure!(
        text.contains("wait for vectors: the embed job for nomic-embed-text was rejected"),
        "{text}"
    );

    let found = cluster
        .memory_client()
        .await?
        .search_memory(SearchMemoryRequest {
            query: "restic prune schedule".into(),
            ..SearchMemoryRequest::default()
        })
        .await?
        .into_inner();
    ensure!(
        found
            .hits
            .first()
            .is_some_and(|hit| hit.note == "Homelab/Backups with restic.md"),
        "{found:?}"
    );
    ensure!(
        found
            .warnings
            .iter()
            .any(|warning| warning.starts_with("vectors not used")),
        "{found:?}"
    );

    cluster.start_agent("homelab")?;
    cluster
        .wait_node_state("homelab", NodeState::Ready, Patience::seconds(15))
        .await?;
    let healed = stdout_json(&cluster.cli(&["memory", "sync", "--json"]).await?)?;
    ensure!(
        json_u64(&healed["chunks_embedded"]) == pending && json_u64(&healed["chunks_pending"]) == 0,
        "{healed}"
    );
    let status = stdout_json(&cluster.cli(&["memory", "status", "--json"]).await?)?;
    ensure!(
        json_u64(&status["chunks_embedded"]) == pending
            && status["embed_model"] == json!("nomic-embed-text"),
        "{status}"
    );
    for job in cluster.list_all_jobs().await? {
        let spec = job.spec.context("spec")?;
        if spec.kind == JobKind::Embed as i32 {
            ensure!(
                spec.model.trim_end_matches(":latest") == "nomic-embed-text",
                "an embed job for {}",
                spec.model
            );
        }
    }
    Ok(())
}
