//! A filled-in copy of `compose/.env.example` for the deployment scenarios: every name it
//! lists gets a value of the right shape (an address, a URL, ids), so compose and
//! `runner serve --check-config` see what Infisical would write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{dotenv_names, repo_root};

/// The Tailscale address the fixture publishes on.
pub const FIXTURE_TAILSCALE_IP: &str = "100.101.102.103";
/// The Syncthing user's ids in the fixture.
pub const FIXTURE_SYNCTHING_ID: &str = "1000";

/// The names `compose/.env.example` lists, in order.
pub fn env_example_names() -> anyhow::Result<Vec<String>> {
    let path = repo_root().join("compose/.env.example");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(dotenv_names(&text))
}

/// Writes `dir/fixture.env` with a value for every name of `.env.example` (the vault is
/// `vault`), and returns its path and values.
pub fn write_fixture_env(
    dir: &Path,
    vault: &Path,
) -> anyhow::Result<(PathBuf, BTreeMap<String, String>)> {
    let values: BTreeMap<String, String> = env_example_names()?
        .into_iter()
        .map(|name| {
            let value = fixture_value(&name, vault);
            (name, value)
        })
        .collect();
    let text: String = values
        .iter()
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect();
    let path = dir.join("fixture.env");
    std::fs::write(&path, text)?;
    Ok((path, values))
}

fn fixture_value(name: &str, vault: &Path) -> String {
    match name {
        "LLM_RUNNER_TAG" => "2026.12.04-fixture".to_owned(),
        "TAILSCALE_IP" => FIXTURE_TAILSCALE_IP.to_owned(),
        "VAULT_PATH" => vault.display().to_string(),
        "SYNCTHING_UID" | "SYNCTHING_GID" => FIXTURE_SYNCTHING_ID.to_owned(),
        "DISCORD_WEBHOOK_URL" => "https://discord.com/api/webhooks/1/fixture".to_owned(),
        "RUST_LOG" => "info".to_owned(),
        _ if name.ends_with("_URL") || name.ends_with("_ENDPOINT") => {
            format!("https://{}.fixture.example/push", name.to_lowercase())
        }
        _ if name.ends_with("_USER") => "123456".to_owned(),
        _ => format!("fixture-{}", name.to_lowercase().replace('_', "-")),
    }
}
