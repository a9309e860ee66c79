//! davas' agent is SIGKILLed mid-job: within `alert_after` + 2 s Discord gets exactly one loss
//! alert naming gemma4:27b (pinned to davas, so now unavailable) and not qwen (served
//! elsewhere), and the job that failed with davas.
//! The agent restarts: one recovery alert, saying how long davas was gone. Both show as
//! delivered at `/api/alerts`.

use std::time::{Duration, Instant};

use proto::v1::NodeState;
use tests::cluster::{
    Patience, TEST_ALERT_AFTER, TestCluster, accepted_titles, alerting_spec,
    distinctive_webhook_token, eventually, expect_titles_for, generate_spec, message_text,
    wait_for_title,
};
use tests::fake_discord::FakeDiscord;

const LOST: &str = "Node davas lost";
const BACK: &str = "Node davas is back";

#[tokio::test]
async fn a_killed_agent_sends_one_loss_alert_and_its_restart_one_recovery() -> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let mut cluster = TestCluster::start(alerting_spec(&discord, &token)).await?;

    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(200));
    let running = cluster
        .submit_ok(generate_spec("gemma4:27b", "a long answer please"))
        .await?;
    eventually(
        "the gemma job to run on davas",
        Patience::seconds(10),
        || async {
            let job = cluster.get_job(&running.id).await?;
            anyhow::ensure!(!job.output.is_empty(), "no tokens yet");
            Ok(())
        },
    )
    .await?;

    let killed_at = Instant::now();
    cluster.kill_agent("davas").await?;
    let deadline = TEST_ALERT_AFTER + Duration::from_secs(2);
    let arrived = wait_for_title(&discord, LOST, Patience::seconds(10)).await?;
    let took = arrived.duration_since(killed_at);
    assert!(
        took <= deadline,
        "the loss alert took {took:?}, more than {deadline:?}"
    );
    assert!(
        took >= TEST_ALERT_AFTER,
        "the loss alert came before alert_after: {took:?}"
    );

    let loss = discord.messages().remove(0);
    let text = message_text(&loss);
    let models = text
        .lines()
        .find(|line| line.starts_with("Unavailable models:"))
        .unwrap_or_default();
    assert!(models.contains("gemma4:27b"), "{text}");
    assert!(
        !models.contains("qwen2.5:14b"),
        "qwen is served elsewhere: {text}"
    );
    assert!(text.contains("davas"), "{text}");
    assert!(
        text.contains("Failed jobs (1)") && text.contains(&running.id),
        "the job that failed with davas is named: {text}"
    );
    assert!(loss.waited, "sent with ?wait=true");
    assert_eq!(loss.embeds()[0]["color"], 0xE74C3C);
    expect_titles_for(&discord, &[LOST], Duration::from_secs(2)).await?;

    cluster.start_agent("davas")?;
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(15))
        .await?;
    wait_for_title(&discord, BACK, Patience::seconds(10)).await?;
    let back = message_text(&discord.messages()[1]);
    assert!(back.contains("rejoined after"), "{back}");
    expect_titles_for(&discord, &[LOST, BACK], Duration::from_secs(2)).await?;

    let listed = cluster.listed_alerts().await?;
    let states: Vec<(String, String)> = listed
        .iter()
        .map(|a| (a["alert"]["kind"].to_string(), a["state"].to_string()))
        .collect();
    assert_eq!(
        states,
        [
            ("\"node_lost\"".into(), "\"delivered\"".into()),
            ("\"node_back\"".into(), "\"delivered\"".into())
        ]
    );
    assert_eq!(accepted_titles(&discord).len(), 2);
    cluster.expect_secret_kept(&token).await?;
    Ok(())
}
