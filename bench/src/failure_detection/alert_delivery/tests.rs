//! Tests of the `alert_delivery` module.

use super::*;

#[tokio::test]
async fn the_spec_alerts_to_the_stand_in_after_the_configured_time() {
    let discord = FakeDiscord::start().await.unwrap();
    let settings = AlertSettings {
        trials: 1,
        alert_after: Duration::from_millis(1500),
        heartbeat_timeout: Duration::from_secs(2),
    };
    let spec = alerting_spec("bench", "qwen2.5:14b", &settings, &discord);
    assert_eq!(spec.nodes.len(), 1);
    assert!(spec.routes.is_empty());
    let toml = spec.coordinator_toml(1, 2, "/tmp/x");
    assert!(toml.contains("alert_after = \"1500ms\""), "{toml}");
    assert!(toml.contains("heartbeat_timeout = \"2000ms\""), "{toml}");
    assert!(spec.coordinator_env.iter().any(
        |(key, url)| key == "DISCORD_WEBHOOK_URL" && url.starts_with(&discord.webhook_url(""))
    ));
}
