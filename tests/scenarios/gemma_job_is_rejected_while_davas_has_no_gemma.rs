//! gemma4 is removed from davas' Ollama: gemma4 is rejected with "model not installed" (a
//! FAILED_PRECONDITION: retrying will not help) — not served by homelab's gemma4, which the
//! route does not allow; when the model is back, it runs on davas again.

use proto::v1::NodeState;
use tests::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster, eventually, generate_spec};
use tonic::Code;

use crate::support::{GEMMA, expect_gemma_rejected};

#[tokio::test]
async fn gemma_job_is_rejected_while_davas_has_no_gemma() -> anyhow::Result<()> {
    // homelab has gemma4 too, but the route pins gemma4 to davas.
    let spec = ClusterSpec::three_hosts()
        .with_node(NodeSpec::new("homelab", &["qwen2.5:14b", "gemma4:27b"]));
    let cluster = TestCluster::start(spec).await?;
    cluster.ollama("davas").remove_model(GEMMA);
    eventually(
        "davas to report gemma4 gone",
        Patience::seconds(5),
        || async {
            let node = cluster.node("davas").await?;
            anyhow::ensure!(
                !node.installed.iter().any(|m| m.name == GEMMA),
                "still installed"
            );
            Ok(())
        },
    )
    .await?;
    assert_eq!(cluster.node("davas").await?.state, NodeState::Ready as i32);
    expect_gemma_rejected(
        &cluster,
        Code::FailedPrecondition,
        "davas: model gemma4:27b not installed",
    )
    .await?;
    assert_eq!(
        cluster.ollama("homelab").requests("/api/generate"),
        0,
        "never downgraded or re-routed"
    );

    cluster.ollama("davas").add_model(GEMMA);
    let watched = eventually("gemma4 to run again", Patience::seconds(5), || async {
        cluster.run_job(generate_spec(GEMMA, "hello")).await
    })
    .await?;
    assert_eq!(watched.job.node, "davas");
    Ok(())
}
