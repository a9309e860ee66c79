//! What alert scenarios need from the cluster: a spec wired to a stand-in Discord with a short
//! `alert_after`, `/api/alerts`, waiting on Discord's messages, and the secret kept out of logs.

use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use serde_json::Value;

use super::eventually::{Patience, eventually};
use super::spec::ClusterSpec;
use super::test_cluster::TestCluster;
use crate::fake_discord::{FakeDiscord, RequestRecord};

/// Short enough for tests, long enough that a one-second freeze is a flap.
pub const TEST_ALERT_AFTER: Duration = Duration::from_secs(3);

/// A token path no log line would contain by chance.
pub fn distinctive_webhook_token() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_nanos())
        .unwrap_or_default();
    format!("SeCrEtWeBhOoKtOkEn-{nanos:x}")
}

/// The operator's three hosts, alerting to `discord` with `alert_after = 3s`.
pub fn alerting_spec(discord: &FakeDiscord, token: &str) -> ClusterSpec {
    let mut spec = ClusterSpec::three_hosts()
        .coordinator_env("DISCORD_WEBHOOK_URL", &discord.webhook_url(token));
    // Disk checks off: the agents report this machine's disk, whatever its free space.
    spec.extra_coordinator_toml = format!(
        "\n[alerts]\nalert_after = \"{}ms\"\ndisk_free_min_bytes = 0\n",
        TEST_ALERT_AFTER.as_millis()
    );
    spec
}

/// Every embed's title, description and fields of a message, as one text to search.
pub fn message_text(message: &RequestRecord) -> String {
    let mut text = String::new();
    for embed in message.embeds() {
        for key in ["title", "description"] {
            text.push_str(embed.get(key).and_then(Value::as_str).unwrap_or_default());
            text.push('\n');
        }
        for field in embed
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let part = |key: &str| {
                field
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            text.push_str(&format!("{}: {}\n", part("name"), part("value")));
        }
    }
    text
}

/// The embed titles of every message Discord accepted, in order.
pub fn accepted_titles(discord: &FakeDiscord) -> Vec<String> {
    discord
        .messages()
        .iter()
        .flat_map(RequestRecord::embed_titles)
        .collect()
}

/// Waits until Discord has accepted embeds titled `title` (at least one), returning when.
pub async fn wait_for_title(
    discord: &FakeDiscord,
    title: &str,
    patience: Patience,
) -> anyhow::Result<Instant> {
    eventually(
        &format!("an alert titled {title:?} on discord"),
        patience,
        || async {
            let found = discord
                .messages()
                .into_iter()
                .find(|m| m.embed_titles().iter().any(|t| t == title));
            match found {
                Some(message) => Ok(message.at),
                None => bail!("discord has {:?}", accepted_titles(discord)),
            }
        },
    )
    .await
}

/// Checks for `duration` that Discord's accepted embeds stay exactly `expected`.
pub async fn expect_titles_for(
    discord: &FakeDiscord,
    expected: &[&str],
    duration: Duration,
) -> anyhow::Result<()> {
    let until = Instant::now() + duration;
    loop {
        let titles = accepted_titles(discord);
        ensure!(
            titles == expected,
            "discord has {titles:?}, expected only {expected:?}"
        );
        if Instant::now() >= until {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl TestCluster {
    /// `GET /api/alerts` as JSON.
    pub async fn alerts_page(&self) -> anyhow::Result<Value> {
        let url = format!("{}/api/alerts?limit=100", self.http_url());
        let response = reqwest::Client::builder()
            .no_proxy()
            .build()?
            .get(url)
            .send()
            .await?;
        ensure!(
            response.status().is_success(),
            "/api/alerts answered {}",
            response.status()
        );
        response.json().await.context("/api/alerts is not JSON")
    }

    /// The alerts `/api/alerts` lists, oldest first.
    pub async fn listed_alerts(&self) -> anyhow::Result<Vec<Value>> {
        let page = self.alerts_page().await?;
        let mut alerts = page["alerts"]
            .as_array()
            .cloned()
            .context("no alerts array")?;
        alerts.reverse();
        Ok(alerts)
    }

    /// Fails when `secret` shows in any process log of the cluster or at `/api/alerts`.
    pub async fn expect_secret_kept(&self, secret: &str) -> anyhow::Result<()> {
        let logs = self.all_logs();
        ensure!(!logs.is_empty(), "no logs to check");
        if let Some(line) = logs.lines().find(|line| line.contains(secret)) {
            bail!("the webhook secret leaked into a log: {line}");
        }
        let page = self.alerts_page().await?.to_string();
        ensure!(
            !page.contains(secret),
            "the webhook secret shows at /api/alerts: {page}"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_spec_sends_alerts_to_the_stand_in_after_three_seconds() {
        let discord = FakeDiscord::start().await.unwrap();
        let token = distinctive_webhook_token();
        let spec = alerting_spec(&discord, &token);
        let toml = spec.coordinator_toml(1, 2, "/tmp/x");
        assert!(
            toml.contains("\n[alerts]\nalert_after = \"3000ms\"\n"),
            "{toml}"
        );
        assert!(toml.contains("model = \"gemma4:27b\""), "{toml}");
        let (key, url) = spec.coordinator_env.last().unwrap();
        assert_eq!(key, "DISCORD_WEBHOOK_URL");
        assert!(url.ends_with(&token) && url.starts_with("http://127.0.0.1:"));
    }

    #[test]
    fn message_text_holds_titles_descriptions_and_fields() {
        let record = RequestRecord {
            at: Instant::now(),
            webhook_id: "1".into(),
            token: "t".into(),
            waited: true,
            status: 200,
            body: serde_json::json!({"embeds": [{"title": "Node davas lost", "description": "d",
                "fields": [{"name": "Unavailable models", "value": "gemma4:27b"}]}]}),
        };
        let text = message_text(&record);
        assert!(text.contains("Node davas lost\nd\n"), "{text}");
        assert!(text.contains("Unavailable models: gemma4:27b"), "{text}");
    }
}
