//! The webhook URL holds a token. With Discord unreachable (connection errors), then answering
//! 502, the alerter logs its trouble — and no log line, nor `/api/alerts`, ever shows the URL's
//! token, although reqwest's own errors print URLs.

use anyhow::ensure;
use tests::cluster::{
    Patience, TestCluster, alerting_spec, distinctive_webhook_token, eventually, wait_for_title,
};
use tests::fake_discord::{FakeDiscord, ScriptedAnswer};

#[tokio::test]
async fn the_discord_webhook_secret_never_appears_in_any_log() -> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let mut cluster = TestCluster::start(alerting_spec(&discord, &token)).await?;
    discord.stop().await;

    cluster.kill_agent("davas").await?;
    eventually("two failed attempts", Patience::seconds(20), || async {
        let alerts = cluster.listed_alerts().await?;
        let attempts = alerts.first().and_then(|alert| alert["attempts"].as_u64());
        ensure!(attempts >= Some(2), "attempts so far: {attempts:?}");
        Ok(())
    })
    .await?;
    discord.push_answer(ScriptedAnswer::ServerError(502));
    discord.resume().await?;
    wait_for_title(&discord, "Node davas lost", Patience::seconds(30)).await?;

    let logs = cluster.all_logs();
    assert!(
        logs.contains("discord unreachable"),
        "the errors were not logged at all, so the check below would prove nothing"
    );
    assert!(logs.contains("502"), "the 502 was not logged");
    cluster.expect_secret_kept(&token).await?;
    Ok(())
}
