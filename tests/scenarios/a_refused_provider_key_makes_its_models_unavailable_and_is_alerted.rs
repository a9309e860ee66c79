//! The Groq key stops working (Groq now answers it with its 401): the groq node goes
//! `provider_down` with "groq rejected the API key", its models are rejected with that reason
//! (never sent to another node), a Discord alert says so, and when the key works again the
//! node and its models come back with a second alert. The key appears in no log.

use std::time::Duration;

use proto::v1::NodeState;
use tests::cluster::{
    NodeSpec, Patience, TestCluster, alerting_spec, distinctive_webhook_token, generate_spec,
    printed, wait_for_title,
};
use tests::fake_discord::FakeDiscord;
use tests::fake_providers::FakeGroq;

const KEY: &str = "gsk_refused_key_scenario_c4e2";
const QWEN3: &str = "qwen/qwen3-32b";
const REFUSED: &str = "groq rejected the API key of node groq";
const BACK: &str = "groq serves node groq again";

#[tokio::test]
async fn a_refused_provider_key_makes_its_models_unavailable_and_is_alerted() -> anyhow::Result<()>
{
    let discord = FakeDiscord::start().await?;
    let webhook_token = distinctive_webhook_token();
    let groq = FakeGroq::start(KEY, &[QWEN3]).await?;
    let spec = alerting_spec(&discord, &webhook_token).with_node(NodeSpec::provider(
        "groq",
        "groq",
        &groq.base_url(),
        KEY,
    ));
    let cluster = TestCluster::start(spec).await?;

    groq.set_api_key("gsk_the_rotated_key_nobody_gave_the_agent");
    let node = cluster
        .wait_node_state("groq", NodeState::OllamaDown, Patience::seconds(10))
        .await?;
    assert!(
        node.state_reason
            .starts_with("groq rejected the API key (401"),
        "{}",
        node.state_reason
    );
    let nodes = cluster.cli(&["nodes"]).await?;
    let listing = String::from_utf8_lossy(&nodes.stdout);
    assert!(
        listing.lines().any(|line| line.starts_with("groq ")
            && line.contains("provider_down")
            && line.contains("groq down")),
        "{}",
        printed(&nodes)
    );
    let rejected = cluster
        .cli(&["submit", "--model", QWEN3, "--prompt", "hi"])
        .await?;
    assert_ne!(rejected.status.code(), Some(0), "{}", printed(&rejected));
    let said = String::from_utf8_lossy(&rejected.stderr);
    assert!(said.contains("groq: groq rejected the API key"), "{said}");
    wait_for_title(&discord, REFUSED, Patience::seconds(15)).await?;

    groq.set_api_key(KEY);
    cluster
        .wait_node_state("groq", NodeState::Ready, Patience::seconds(15))
        .await?;
    let served = cluster.run_job(generate_spec(QWEN3, "hello again")).await?;
    assert_eq!(served.job.node, "groq");
    wait_for_title(&discord, BACK, Patience::seconds(15)).await?;

    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !cluster.all_logs().contains(KEY),
        "the API key reached a log"
    );
    cluster.expect_secret_kept(&webhook_token).await?;
    Ok(())
}
