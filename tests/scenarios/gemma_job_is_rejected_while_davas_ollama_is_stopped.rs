//! davas' Ollama stops answering while its agent stays up: davas is ollama_down and gemma4 is
//! rejected with "ollama not answering"; when Ollama answers again, gemma4 runs on davas.

use proto::v1::NodeState;
use tests::cluster::{ClusterSpec, Patience, TestCluster, generate_spec};
use tonic::Code;

use crate::support::{GEMMA, expect_gemma_rejected, expect_qwen_works};

#[tokio::test]
async fn gemma_job_is_rejected_while_davas_ollama_is_stopped() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster.ollama("davas").stop_answering().await;
    cluster
        .wait_node_state("davas", NodeState::OllamaDown, Patience::seconds(5))
        .await?;
    expect_gemma_rejected(&cluster, Code::Unavailable, "davas: ollama not answering").await?;
    expect_qwen_works(&cluster).await?;

    cluster.ollama("davas").resume().await?;
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(5))
        .await?;
    assert_eq!(
        cluster
            .run_job(generate_spec(GEMMA, "hello"))
            .await?
            .job
            .node,
        "davas"
    );
    Ok(())
}

#[tokio::test]
async fn gemma_job_is_rejected_while_davas_ollama_hangs() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster.ollama("davas").hang(true);
    cluster
        .wait_node_state("davas", NodeState::OllamaDown, Patience::seconds(8))
        .await?;
    expect_gemma_rejected(&cluster, Code::Unavailable, "davas: ollama not answering").await?;
    cluster.ollama("davas").hang(false);
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(8))
        .await?;
    Ok(())
}
