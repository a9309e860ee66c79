//! `[alerts]` in the coordinator's config, validated with every problem listed; the Discord
//! webhook URL only from the environment (`DISCORD_WEBHOOK_URL`), kept as a `Secret`.

use std::time::Duration;

use settings::{EnvSource, Problems, Secret, Step, parse_duration, toml};

/// The environment variable holding the webhook URL; alerts are off without it.
pub const WEBHOOK_ENV: &str = "DISCORD_WEBHOOK_URL";

/// Every key `[alerts]` takes.
pub const KEYS: &[&str] = &[
    "alert_after",
    "startup_grace",
    "disk_free_min_bytes",
    "disk_free_min_percent",
    "job_failures",
    "username",
];

const DEFAULT_ALERT_AFTER: Duration = Duration::from_secs(15);
/// Longer than the agents' largest reconnect backoff (5 s), with room for a slow start.
const DEFAULT_STARTUP_GRACE: Duration = Duration::from_secs(10);
const DEFAULT_DISK_FREE_MIN_BYTES: u64 = 5 * 1024 * 1024 * 1024;
const DEFAULT_USERNAME: &str = "llm-runner";

#[derive(Debug, Clone)]
pub struct AlertsConfig {
    pub webhook_url: Option<Secret>,
    /// A node (or its Ollama, or a pinned model) gone for less than this sends nothing.
    pub alert_after: Duration,
    /// After a coordinator start, agents it has not heard from yet get this much longer
    /// before they count as lost: they are still reconnecting.
    pub startup_grace: Duration,
    /// Disk pressure when a node's free disk is under this many bytes (`0`: not checked).
    pub disk_free_min_bytes: u64,
    /// Disk pressure when a node's free disk is under this share of its disk (`None`: not
    /// checked).
    pub disk_free_min_percent: Option<f64>,
    /// Also alert on every failed job (off by default: it can be noisy).
    pub job_failures: bool,
    /// The name the webhook posts as.
    pub username: String,
}

impl Default for AlertsConfig {
    fn default() -> Self {
        Self {
            webhook_url: None,
            alert_after: DEFAULT_ALERT_AFTER,
            startup_grace: DEFAULT_STARTUP_GRACE,
            disk_free_min_bytes: DEFAULT_DISK_FREE_MIN_BYTES,
            disk_free_min_percent: None,
            job_failures: false,
            username: DEFAULT_USERNAME.to_owned(),
        }
    }
}

impl AlertsConfig {
    pub fn from_settings(
        table: Option<&toml::Table>,
        env: &dyn EnvSource,
        problems: &mut Problems,
    ) -> Self {
        let mut config = Self {
            webhook_url: webhook_url(env, problems),
            ..Self::default()
        };
        let Some(table) = table else {
            return config;
        };
        for (key, value) in table {
            match key.as_str() {
                "alert_after" => take_duration(value, key, problems, &mut config.alert_after),
                "startup_grace" => take_duration(value, key, problems, &mut config.startup_grace),
                "disk_free_min_bytes" => match value.as_integer().map(u64::try_from) {
                    Some(Ok(bytes)) => config.disk_free_min_bytes = bytes,
                    _ => problems.push(format!(
                        "alerts.{key}: expected a whole number of bytes (0 turns the check off)"
                    )),
                },
                "disk_free_min_percent" => {
                    let percent = value
                        .as_float()
                        .or_else(|| value.as_integer().map(|whole| whole as f64));
                    match percent {
                        Some(percent) if (0.0..=100.0).contains(&percent) => {
                            config.disk_free_min_percent = Some(percent);
                        }
                        _ => {
                            problems.push(format!("alerts.{key}: expected a number from 0 to 100"))
                        }
                    }
                }
                "job_failures" => match value.as_bool() {
                    Some(on) => config.job_failures = on,
                    None => problems.push(format!("alerts.{key}: expected true or false")),
                },
                "username" => match value.as_str().map(check_username) {
                    Some(Ok(name)) => config.username = name,
                    Some(Err(problem)) => problems.push(format!("alerts.{key}: {problem}")),
                    None => problems.push(format!("alerts.{key}: expected a string")),
                },
                other => problems.unknown_key(&[Step::key("alerts")], other, KEYS),
            }
        }
        config
    }
}

/// The URL itself never appears in a problem: it holds the webhook's token.
fn webhook_url(env: &dyn EnvSource, problems: &mut Problems) -> Option<Secret> {
    let url = env.get(WEBHOOK_ENV).filter(|url| !url.trim().is_empty())?;
    let parsed = reqwest::Url::parse(url.trim()).ok();
    let usable = parsed
        .as_ref()
        .is_some_and(|url| matches!(url.scheme(), "https" | "http") && url.host().is_some());
    if !usable {
        problems.push(format!(
            "{WEBHOOK_ENV} is not an http(s) URL; copy the webhook URL from Discord's channel settings (Integrations > Webhooks)"
        ));
        return None;
    }
    Some(Secret::new(url.trim()))
}

fn take_duration(value: &toml::Value, key: &str, problems: &mut Problems, into: &mut Duration) {
    match value.as_str().map(parse_duration) {
        Some(Ok(duration)) => *into = duration,
        Some(Err(problem)) => problems.push(format!("alerts.{key}: {problem}")),
        None => problems.push(format!("alerts.{key}: expected a duration such as \"15s\"")),
    }
}

/// Discord refuses usernames outside 1-80 characters or containing "discord" or "clyde".
fn check_username(name: &str) -> Result<String, String> {
    let length = name.chars().count();
    let lowered = name.to_lowercase();
    if !(1..=80).contains(&length) {
        return Err("must be 1 to 80 characters long".into());
    }
    if lowered.contains("discord") || lowered.contains("clyde") {
        return Err("Discord refuses names containing \"discord\" or \"clyde\"".into());
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests;
