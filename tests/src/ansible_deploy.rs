//! The repository's `ansible/` playbooks run for real against this machine: three inventory
//! hosts (contabo, homelab, davas) on the local connection, each installing into its own
//! temporary root (`runner_root`), with the binaries this build made, a generated secrets
//! file and Tailscale skipped (`tailscale_join_address` stands in for `tailscale ip -4`).

mod recap;
mod systemd_units;
mod workspace_files;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;

pub use recap::{HostRecap, play_recap};
pub use systemd_units::{security_exposure, verify_unit};

/// The hosts of the test inventory, as in `ansible/inventory.example.yml`.
pub const HOSTS: [&str; 3] = ["contabo", "homelab", "davas"];

/// The address the coordinator is told is its Tailscale IPv4 (a Tailscale address, so the
/// config check accepts an open API on it; nothing binds it).
pub const TAILSCALE_ADDRESS: &str = "100.64.0.7";

/// The repository's `ansible/` directory.
pub fn ansible_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(|repository| repository.join("ansible"))
        .unwrap_or_else(|| PathBuf::from("../ansible"))
}

/// A temporary directory holding the inventory, the extra vars, the secrets and each host's
/// root.
pub struct DeployWorkspace {
    dir: tempfile::TempDir,
    ollama_url: String,
    /// Every secret written to the secrets file, to check none reaches the output.
    pub secrets: Vec<(String, String)>,
}

/// One `ansible-playbook` run: its exit status, its whole output and how long it took.
pub struct PlaybookRun {
    pub success: bool,
    pub output: String,
    pub elapsed: Duration,
}

impl DeployWorkspace {
    /// Writes the inventory (every host's Ollama at `ollama_url`), the extra vars and a
    /// secrets file with fresh random values.
    pub fn new(ollama_url: &str) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let secrets = workspace_files::write(dir.path(), ollama_url)?;
        Ok(Self {
            dir,
            ollama_url: ollama_url.to_owned(),
            secrets,
        })
    }

    /// Where `host`'s files are installed.
    pub fn root(&self, host: &str) -> PathBuf {
        self.dir.path().join("root").join(host)
    }

    /// Rewrites the inventory with `host_vars` (YAML `key: value` lines) added to one host.
    pub fn set_host_vars(&self, host: &str, host_vars: &str) -> anyhow::Result<()> {
        workspace_files::write_inventory(self.dir.path(), &self.ollama_url, host, host_vars)
    }

    /// Runs `ansible-playbook PLAYBOOK` from `ansible/` with this workspace's inventory and
    /// vars, plus `arguments`.
    pub async fn run_playbook(
        &self,
        playbook: &str,
        arguments: &[&str],
    ) -> anyhow::Result<PlaybookRun> {
        let ansible = ansible_dir();
        let started = Instant::now();
        let output = tokio::process::Command::new("ansible-playbook")
            .current_dir(&ansible)
            .env("ANSIBLE_CONFIG", ansible.join("ansible.cfg"))
            .env("ANSIBLE_NOCOLOR", "1")
            .env("ANSIBLE_LOCAL_TEMP", self.dir.path().join("ansible-tmp"))
            .arg("-i")
            .arg(self.dir.path().join("inventory.yml"))
            .arg("-e")
            .arg(format!("@{}", self.dir.path().join("vars.yml").display()))
            .arg(playbook)
            .args(arguments)
            .kill_on_drop(true)
            .output()
            .await
            .context("cannot run ansible-playbook (cargo xtask ci installs ansible-core)")?;
        Ok(PlaybookRun {
            success: output.status.success(),
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            elapsed: started.elapsed(),
        })
    }
}
