//! Discord answers the first alert with 429 and `retry_after: 1.5`: the alerter tries again no
//! sooner than that, and the alert is delivered once. `/api/alerts` counts the rate limit.

use std::time::Duration;

use tests::cluster::{
    Patience, TestCluster, alerting_spec, distinctive_webhook_token, expect_titles_for,
    wait_for_title,
};
use tests::fake_discord::{FakeDiscord, ScriptedAnswer};

const LOST: &str = "Node davas lost";

#[tokio::test]
async fn a_rate_limited_alert_waits_for_retry_after() -> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let mut cluster = TestCluster::start(alerting_spec(&discord, &token)).await?;
    discord.push_answer(ScriptedAnswer::RateLimited {
        retry_after: 1.5,
        global: false,
    });

    cluster.kill_agent("davas").await?;
    wait_for_title(&discord, LOST, Patience::seconds(15)).await?;
    let requests = discord.requests();
    assert_eq!(requests.len(), 2, "one 429, then the delivery");
    assert_eq!(requests[0].status, 429);
    assert!(requests[1].accepted());
    let waited = requests[1].at.duration_since(requests[0].at);
    assert!(
        waited >= Duration::from_millis(1500),
        "retried after {waited:?}, sooner than retry_after"
    );
    expect_titles_for(&discord, &[LOST], Duration::from_secs(2)).await?;

    let page = cluster.alerts_page().await?;
    assert_eq!(page["counters"]["rate_limited"], 1, "{page}");
    assert_eq!(page["counters"]["sent"], 1, "{page}");
    let entry = &page["alerts"][0];
    assert_eq!(entry["state"], "delivered");
    assert_eq!(entry["attempts"], 2);
    cluster.expect_secret_kept(&token).await?;
    Ok(())
}
