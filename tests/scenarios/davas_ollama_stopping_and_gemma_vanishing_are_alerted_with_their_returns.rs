//! davas' agent stays up while its Ollama stops answering, then while gemma4:27b (pinned to
//! davas) is removed from it: each is alerted once after `alert_after`, and so is each return.
//! The node itself is never reported lost.

use std::time::Duration;

use tests::cluster::{
    Patience, TestCluster, accepted_titles, alerting_spec, distinctive_webhook_token,
    expect_titles_for, message_text, wait_for_title,
};
use tests::fake_discord::FakeDiscord;

const STOPPED: &str = "Ollama on davas stopped answering";
const ANSWERING: &str = "Ollama on davas answers again";
const GONE: &str = "gemma4:27b is gone from davas";
const BACK: &str = "gemma4:27b is back on davas";

#[tokio::test]
async fn davas_ollama_stopping_and_gemma_vanishing_are_alerted_with_their_returns()
-> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let cluster = TestCluster::start(alerting_spec(&discord, &token)).await?;
    let ollama = cluster.ollama("davas").clone();

    ollama.stop_answering().await;
    wait_for_title(&discord, STOPPED, Patience::seconds(10)).await?;
    ollama.resume().await?;
    wait_for_title(&discord, ANSWERING, Patience::seconds(10)).await?;

    ollama.remove_model("gemma4:27b");
    wait_for_title(&discord, GONE, Patience::seconds(10)).await?;
    let gone = discord
        .messages()
        .into_iter()
        .find(|message| message.embed_titles().iter().any(|title| title == GONE))
        .map(|message| message_text(&message))
        .unwrap_or_default();
    assert!(gone.contains("rejected"), "gemma has no other node: {gone}");
    ollama.add_model("gemma4:27b");
    wait_for_title(&discord, BACK, Patience::seconds(10)).await?;

    expect_titles_for(
        &discord,
        &[STOPPED, ANSWERING, GONE, BACK],
        Duration::from_secs(2),
    )
    .await?;
    assert!(!accepted_titles(&discord).iter().any(|t| t.contains("lost")));
    cluster.expect_secret_kept(&token).await?;
    Ok(())
}
