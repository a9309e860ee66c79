//! Groq decommissions a model between two list calls (the agent asks only hourly here): the
//! next job fails with Groq's own 400 `model_decommissioned` words, the model turns unavailable
//! with them at once (before any new list call), and the following job is rejected — never
//! remapped to another model or node, though contabo, homelab and davas all serve others.

use proto::v1::{FailureCause, JobState};
use tests::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster, eventually, generate_spec};
use tests::fake_providers::FakeGroq;

const KEY: &str = "gsk_decommission_scenario_9e";
const QWEN3: &str = "qwen/qwen3-32b";

#[tokio::test]
async fn a_decommissioned_model_fails_in_the_providers_words_and_is_never_remapped()
-> anyhow::Result<()> {
    let groq = FakeGroq::start(KEY, &[QWEN3, "openai/gpt-oss-120b"]).await?;
    let spec = ClusterSpec::three_hosts().with_node(
        NodeSpec::provider("groq", "groq", &groq.base_url(), KEY)
            .agent_toml("list_interval = \"1h\""),
    );
    let cluster = TestCluster::start(spec).await?;
    let lists_before = groq.list_requests();

    groq.decommission(QWEN3);
    let failed = cluster.run_job(generate_spec(QWEN3, "hello")).await?.job;
    assert_eq!(failed.state, JobState::Failed as i32);
    assert_eq!(failed.cause, FailureCause::ProviderError as i32);
    assert!(
        failed.reason.contains("400") && failed.reason.contains("model_decommissioned"),
        "{}",
        failed.reason
    );

    let status = eventually(
        "the decommissioned model to be rejected",
        Patience::seconds(10),
        || async {
            match cluster.submit(generate_spec(QWEN3, "again")).await? {
                Ok(job) => anyhow::bail!("accepted on {}", job.node),
                Err(status) => Ok(status),
            }
        },
    )
    .await?;
    assert_eq!(status.message(), format!("no node can run {QWEN3}"));
    let models = cluster.cli(&["models"]).await?;
    let listing = String::from_utf8_lossy(&models.stdout);
    assert!(listing.contains("model_decommissioned"), "{listing}");
    assert_eq!(
        groq.list_requests(),
        lists_before,
        "the model list was not asked again meanwhile"
    );

    let chats: Vec<_> = groq
        .requests()
        .into_iter()
        .filter(|request| request.path_and_query.ends_with("/chat/completions"))
        .collect();
    assert_eq!(chats.len(), 1, "the rejected job reached Groq");
    assert_eq!(
        chats[0].body["model"], QWEN3,
        "a job was remapped to another model"
    );
    let jobs = cluster.list_all_jobs().await?;
    assert!(
        jobs.iter()
            .all(|job| job.node.is_empty() || job.node == "groq"),
        "a {QWEN3} job ran elsewhere"
    );
    Ok(())
}
