//! davas' agent is frozen (SIGSTOP) for one second and thawed: shorter than `alert_after`
//! (3 s), so Discord hears nothing. Then the agent is killed for real, and exactly one alert
//! arrives — proof that the quiet before was the alerter choosing silence, not being deaf.

use std::time::Duration;

use proto::v1::NodeState;
use tests::cluster::{
    Patience, Signal, TEST_ALERT_AFTER, TestCluster, accepted_titles, alerting_spec,
    distinctive_webhook_token, expect_titles_for, wait_for_title,
};
use tests::fake_discord::FakeDiscord;

#[tokio::test]
async fn a_one_second_agent_freeze_sends_no_alert() -> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let mut cluster = TestCluster::start(alerting_spec(&discord, &token)).await?;

    cluster.signal_agent("davas", Signal::Stop)?;
    tokio::time::sleep(Duration::from_secs(1)).await; // the freeze itself
    cluster.signal_agent("davas", Signal::Continue)?;
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(10))
        .await?;
    expect_titles_for(&discord, &[], TEST_ALERT_AFTER + Duration::from_secs(3)).await?;
    assert!(cluster.listed_alerts().await?.is_empty());

    cluster.kill_agent("davas").await?;
    wait_for_title(&discord, "Node davas lost", Patience::seconds(10)).await?;
    assert_eq!(accepted_titles(&discord), ["Node davas lost"]);
    cluster.expect_secret_kept(&token).await?;
    Ok(())
}
