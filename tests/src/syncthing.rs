//! Two real Syncthing instances on loopback sharing one folder, as the vault worker meets them:
//! a "laptop" vault where the operator writes and a "server" vault where the worker runs.
//! Debian's `syncthing` (installed by `cargo xtask install`), configured as the research's
//! recipe says (`/work/shared/research/vault-queue.md` §7): nothing leaves loopback, the watcher
//! reports within a second, and every wait is on a condition the REST API reports.

mod config_xml;
mod instance;

use std::path::Path;
use std::time::Duration;

use anyhow::Context;

pub use config_xml::{FOLDER_ID, RECONNECTION_INTERVAL_SECONDS, RESCAN_INTERVAL_SECONDS};
use instance::{PreparedHome, SyncthingInstance};

use crate::cluster::{Patience, eventually};

/// The `.stignore` written at the root of both vaults: the worker's temp files never
/// replicate, nor do Obsidian's per-device workspace files.
pub const STIGNORE: &str =
    "(?d).runner-tmp-*\n.obsidian/workspace.json\n.obsidian/workspace-mobile.json\n";

/// A fresh pair's ports can be taken by a parallel test before Syncthing binds them.
const START_ATTEMPTS: usize = 3;
const CONNECT_PATIENCE: Patience = Patience {
    timeout: Duration::from_secs(30),
    interval: Duration::from_millis(100),
};
const IDLE_PATIENCE: Patience = CONNECT_PATIENCE;

pub struct SyncthingPair {
    laptop: SyncthingInstance,
    server: SyncthingInstance,
    dir: tempfile::TempDir,
}

impl SyncthingPair {
    /// Starts both instances over the two vault directories (created if missing, each given
    /// [`STIGNORE`]) and returns once they are connected and the folder is idle and in sync.
    pub async fn start(laptop_vault: &Path, server_vault: &Path) -> anyhow::Result<Self> {
        for vault in [laptop_vault, server_vault] {
            std::fs::create_dir_all(vault)?;
            std::fs::write(vault.join(".stignore"), STIGNORE)?;
        }
        // Syncthing reads a relative folder path from its home, not from our directory.
        let laptop_vault = &std::fs::canonicalize(laptop_vault)?;
        let server_vault = &std::fs::canonicalize(server_vault)?;
        let dir = tempfile::Builder::new()
            .prefix("llm-runner-syncthing-")
            .tempdir()?;
        let mut failures = Vec::new();
        for attempt in 1..=START_ATTEMPTS {
            let attempt_dir = dir.path().join(format!("attempt-{attempt}"));
            match start_instances(&attempt_dir, laptop_vault, server_vault).await {
                Ok((laptop, server)) => {
                    let pair = Self {
                        laptop,
                        server,
                        dir,
                    };
                    pair.wait_until_connected().await?;
                    pair.wait_until_idle().await?;
                    return Ok(pair);
                }
                Err(error) => {
                    tracing::warn!(attempt, error = %format!("{error:#}"), "syncthing pair did not start");
                    failures.push(format!("attempt {attempt}: {error:#}"));
                }
            }
        }
        anyhow::bail!("syncthing pair did not start:\n{}", failures.join("\n"))
    }

    pub fn laptop_device_id(&self) -> &str {
        &self.laptop.device_id
    }

    pub fn server_device_id(&self) -> &str {
        &self.server.device_id
    }

    /// Cuts the laptop off, as a laptop going offline: the server pauses the laptop's device,
    /// and this returns once neither side sees a connection.
    pub async fn pause_laptop(&self) -> anyhow::Result<()> {
        let device = &self.laptop.device_id;
        self.server
            .post(&format!("/rest/system/pause?device={device}"))
            .await?;
        eventually("the laptop disconnected", CONNECT_PATIENCE, || async {
            anyhow::ensure!(!self.server.is_connected_to(&self.laptop.device_id).await?);
            anyhow::ensure!(!self.laptop.is_connected_to(&self.server.device_id).await?);
            Ok(())
        })
        .await
        .map_err(|error| self.with_logs(error))
    }

    /// Lets the laptop back and returns once both sides see the connection again.
    pub async fn resume_laptop(&self) -> anyhow::Result<()> {
        let device = &self.laptop.device_id;
        self.server
            .post(&format!("/rest/system/resume?device={device}"))
            .await?;
        self.wait_until_connected().await
    }

    async fn wait_until_connected(&self) -> anyhow::Result<()> {
        eventually(
            "the laptop and server connected",
            CONNECT_PATIENCE,
            || async {
                anyhow::ensure!(self.server.is_connected_to(&self.laptop.device_id).await?);
                anyhow::ensure!(self.laptop.is_connected_to(&self.server.device_id).await?);
                Ok(())
            },
        )
        .await
        .map_err(|error| self.with_logs(error))
    }

    /// Waits until both folders are idle, need nothing, and each holds everything the other
    /// has (completion 100 %, the same global file count and bytes). A change written an
    /// instant ago may not be seen yet: call [`Self::scan_now`] first.
    pub async fn wait_until_idle(&self) -> anyhow::Result<()> {
        eventually("both folders idle and in sync", IDLE_PATIENCE, || async {
            let laptop = side_in_sync(&self.laptop, &self.server.device_id).await?;
            let server = side_in_sync(&self.server, &self.laptop.device_id).await?;
            anyhow::ensure!(
                laptop == server,
                "the sides' global views differ: laptop {laptop:?}, server {server:?}"
            );
            Ok(())
        })
        .await
        .map_err(|error| self.with_logs(error))
    }

    /// Scans the folder on both sides now, instead of waiting for the watcher or a rescan.
    pub async fn scan_now(&self) -> anyhow::Result<()> {
        self.laptop.scan().await?;
        self.server.scan().await
    }

    /// Both instances' logs, for a failing test to print.
    pub fn logs(&self) -> String {
        format!(
            "---- syncthing laptop ----\n{}\n---- syncthing server ----\n{}",
            self.laptop.log(),
            self.server.log()
        )
    }

    fn with_logs(&self, error: anyhow::Error) -> anyhow::Error {
        error.context(self.logs())
    }
}

/// Starts the server, then the laptop, which dials the server at once (the other order makes
/// the server's first dial fail and back off: 20 s measured).
async fn start_instances(
    attempt_dir: &Path,
    laptop_vault: &Path,
    server_vault: &Path,
) -> anyhow::Result<(SyncthingInstance, SyncthingInstance)> {
    let laptop_home = attempt_dir.join("laptop");
    let server_home = attempt_dir.join("server");
    let laptop = PreparedHome::generate("laptop", &laptop_home, laptop_vault).await?;
    let server = PreparedHome::generate("server", &server_home, server_vault).await?;
    let server_instance = SyncthingInstance::start(&server, &laptop)
        .await
        .context("starting the server's syncthing")?;
    let laptop_instance = SyncthingInstance::start(&laptop, &server)
        .await
        .context("starting the laptop's syncthing")?;
    Ok((laptop_instance, server_instance))
}

/// One side's global view when it is idle, needs nothing and has the peer complete; an error
/// says what is still missing.
async fn side_in_sync(
    side: &SyncthingInstance,
    peer_device_id: &str,
) -> anyhow::Result<(u64, u64)> {
    let status = side.folder_status().await?;
    anyhow::ensure!(
        status["state"] == "idle" && status["needTotalItems"] == 0,
        "{} is {} needing {} items",
        side.name,
        status["state"],
        status["needTotalItems"]
    );
    let completion = side.completion_of(peer_device_id).await?;
    anyhow::ensure!(
        completion["completion"].as_f64() == Some(100.0) && completion["needItems"] == 0,
        "{} sees its peer at {}% needing {} items",
        side.name,
        completion["completion"],
        completion["needItems"]
    );
    let count = |key: &str| {
        status[key]
            .as_u64()
            .with_context(|| format!("no {key} in {status}"))
    };
    Ok((count("globalFiles")?, count("globalBytes")?))
}

impl Drop for SyncthingPair {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "---- logs of the failed test's syncthing pair ----\n{}",
                self.logs()
            );
            self.dir.disable_cleanup(true);
            eprintln!("syncthing homes kept in {}", self.dir.path().display());
        }
    }
}
