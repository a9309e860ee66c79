//! The files of a deploy workspace: the inventory, the extra vars (the binaries this build
//! made, the secrets file, Tailscale skipped) and a secrets dotenv with random values, written
//! in the quoting styles `infisical export` and hand-written files use.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use anyhow::Context as _;

use super::{HOSTS, TAILSCALE_ADDRESS};
use crate::cluster::binary_path;

/// The secrets the example inventory needs: the six nodes' tokens, the three provider keys,
/// the Discord webhook, the compatible API's token and Grafana Cloud's (role alloy).
const SECRET_NAMES: [&str; 18] = [
    "RUNNER_TOKEN_CONTABO",
    "RUNNER_TOKEN_HOMELAB",
    "RUNNER_TOKEN_DAVAS",
    "RUNNER_TOKEN_GROQ",
    "RUNNER_TOKEN_GEMINI",
    "RUNNER_TOKEN_ANTHROPIC",
    "GROQ_API_KEY",
    "GEMINI_API_KEY",
    "ANTHROPIC_API_KEY",
    "DISCORD_WEBHOOK_URL",
    "RUNNER_API_TOKEN",
    "GRAFANA_CLOUD_OTLP_ENDPOINT",
    "GRAFANA_CLOUD_OTLP_USER",
    "GRAFANA_CLOUD_PROMETHEUS_URL",
    "GRAFANA_CLOUD_PROMETHEUS_USER",
    "GRAFANA_CLOUD_LOKI_URL",
    "GRAFANA_CLOUD_LOKI_USER",
    "GRAFANA_CLOUD_TOKEN",
];

/// Writes every file; returns the secrets as written.
pub(super) fn write(dir: &Path, ollama_url: &str) -> anyhow::Result<Vec<(String, String)>> {
    let secrets: Vec<(String, String)> = SECRET_NAMES
        .iter()
        .map(|name| ((*name).to_owned(), random_secret(name)))
        .collect();
    let mut dotenv = String::from("# made by the test, as `infisical export` would\n");
    for (index, (name, value)) in secrets.iter().enumerate() {
        // The three forms a dotenv file takes: single quotes, double quotes, `export` bare.
        dotenv.push_str(&match index % 3 {
            0 => format!("{name}='{value}'\n"),
            1 => format!("{name}=\"{value}\"\n"),
            _ => format!("export {name}={value}\n"),
        });
    }
    std::fs::write(dir.join("secrets.env"), dotenv)?;
    let binary_dir = binary_path("runner-agent")?
        .parent()
        .context("the binary has no directory")?
        .to_owned();
    let vars = format!(
        "ansible_python_interpreter: \"{{{{ ansible_playbook_python }}}}\"\n\
         runner_binary_dir: {binary_dir:?}\n\
         runner_secrets_source: file\n\
         runner_secrets_file: {secrets_file:?}\n\
         tailscale_join_skip: true\n\
         tailscale_join_address: {TAILSCALE_ADDRESS:?}\n",
        secrets_file = dir.join("secrets.env"),
    );
    std::fs::write(dir.join("vars.yml"), vars)?;
    write_inventory(dir, ollama_url, "", "")?;
    Ok(secrets)
}

/// The inventory of `ansible/inventory.example.yml` on the local connection, each host with
/// its own root and its Ollama at `ollama_url`; `extra` (YAML `key: value` lines) is added to
/// `extra_host`, replacing the lines of the same keys.
pub(super) fn write_inventory(
    dir: &Path,
    ollama_url: &str,
    extra_host: &str,
    extra: &str,
) -> anyhow::Result<()> {
    let mut hosts = String::new();
    for host in HOSTS {
        let mut lines = vec![
            "ansible_connection: local".to_owned(),
            format!("ansible_host: {host}.example-tailnet.ts.net"),
            format!("runner_root: {:?}", dir.join("root").join(host)),
            format!("ollama_check_url: {ollama_url:?}"),
        ];
        if host == extra_host {
            let key = |line: &str| line.split(':').next().unwrap_or_default().trim().to_owned();
            let replaced: Vec<String> = extra.lines().map(key).collect();
            lines.retain(|line| !replaced.contains(&key(line)));
            lines.extend(extra.lines().map(str::to_owned));
        }
        hosts.push_str(&format!("    {host}:\n"));
        for line in lines {
            hosts.push_str(&format!("      {line}\n"));
        }
    }
    let inventory = format!(
        "all:\n  hosts:\n{hosts}  children:\n    coordinator:\n      hosts:\n        contabo:\n    \
         agents:\n      hosts:\n        contabo:\n        homelab:\n        davas:\n    \
         providers:\n      hosts:\n        contabo:\n"
    );
    std::fs::write(dir.join("inventory.yml"), inventory)?;
    Ok(())
}

fn random_secret(name: &str) -> String {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write(name.as_bytes());
    let value = format!("{:016x}", hasher.finish());
    if name == "DISCORD_WEBHOOK_URL" {
        format!("https://discord.com/api/webhooks/1/{value}")
    } else if name.ends_with("_URL") || name.ends_with("_ENDPOINT") {
        format!("https://{value}.grafana.net/otlp")
    } else {
        format!("test-{value}")
    }
}
