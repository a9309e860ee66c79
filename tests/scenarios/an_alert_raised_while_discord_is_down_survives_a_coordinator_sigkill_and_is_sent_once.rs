//! Discord is down when davas is lost: the alert waits in the outbox (tried, not delivered).
//! The coordinator is SIGKILLed and restarted, then Discord comes back: the alert is delivered,
//! exactly once, and davas (still down) is not alerted a second time; the other agents, which
//! rejoin the restarted coordinator, are not alerted at all.

use std::time::Duration;

use anyhow::{bail, ensure};
use proto::v1::NodeState;
use tests::cluster::{
    Patience, TestCluster, alerting_spec, distinctive_webhook_token, eventually, expect_titles_for,
    wait_for_title,
};
use tests::fake_discord::FakeDiscord;

const LOST: &str = "Node davas lost";

#[tokio::test]
async fn an_alert_raised_while_discord_is_down_survives_a_coordinator_sigkill_and_is_sent_once()
-> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let mut cluster = TestCluster::start(alerting_spec(&discord, &token)).await?;
    discord.stop().await;

    cluster.kill_agent("davas").await?;
    eventually(
        "the loss alert to be tried and kept",
        Patience::seconds(15),
        || async {
            let alerts = cluster.listed_alerts().await?;
            let Some(alert) = alerts.first() else {
                bail!("no alert yet");
            };
            ensure!(alert["alert"]["title"] == LOST, "first alert: {alert}");
            ensure!(
                alert["attempts"].as_u64() >= Some(1),
                "not tried yet: {alert}"
            );
            ensure!(
                alert["state"] != "delivered",
                "delivered while discord is down: {alert}"
            );
            Ok(())
        },
    )
    .await?;

    cluster.kill_coordinator().await?;
    cluster.start_coordinator().await?;
    for node in ["contabo", "homelab"] {
        cluster
            .wait_node_state(node, NodeState::Ready, Patience::seconds(15))
            .await?;
    }
    discord.resume().await?;
    wait_for_title(&discord, LOST, Patience::seconds(40)).await?;
    expect_titles_for(&discord, &[LOST], Duration::from_secs(5)).await?;

    let alerts = cluster.listed_alerts().await?;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!(alerts[0]["state"], "delivered");
    assert!(alerts[0]["attempts"].as_u64() >= Some(2), "{:?}", alerts[0]);
    cluster.expect_secret_kept(&token).await?;
    Ok(())
}
