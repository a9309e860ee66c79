//! One Syncthing instance of a test: a home made by `syncthing generate`, the process
//! (`syncthing serve`, its log in a file, killed by PID when dropped) and its REST API.
//!
//! `STMONITORED=1` runs Syncthing without its monitor process: with the monitor, killing the
//! PID we hold (SIGKILL on drop) would leave the real Syncthing behind as an orphan.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use serde_json::Value;

use super::config_xml::{FOLDER_ID, InstanceConfig, config_xml, generated_device_id};
use crate::cluster::ManagedProcess;

/// How long a starting instance may take to answer its API with its listener up (about 1.5 s
/// measured here).
const LISTENING_TIMEOUT: Duration = Duration::from_secs(20);
const LISTENING_POLL: Duration = Duration::from_millis(100);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// A generated home with the ports and key its config will name.
#[derive(Debug)]
pub struct PreparedHome {
    pub name: String,
    pub home: PathBuf,
    pub device_id: String,
    pub listen_port: u16,
    pub gui_port: u16,
    pub api_key: String,
    pub vault: PathBuf,
}

impl PreparedHome {
    /// `syncthing generate --home=<home> --no-default-folder`, then free loopback ports.
    pub async fn generate(name: &str, home: &Path, vault: &Path) -> anyhow::Result<Self> {
        let generated = tokio::process::Command::new("syncthing")
            .arg("generate")
            .arg(format!("--home={}", home.display()))
            .arg("--no-default-folder")
            .output()
            .await
            .context("cannot run syncthing; install it with `apt-get install syncthing`")?;
        ensure!(
            generated.status.success(),
            "syncthing generate failed: {}",
            String::from_utf8_lossy(&generated.stderr)
        );
        let config = std::fs::read_to_string(home.join("config.xml"))
            .context("syncthing generate wrote no config.xml")?;
        let device_id = generated_device_id(&config)
            .context("the generated config.xml names no device")?
            .to_owned();
        Ok(Self {
            name: name.to_owned(),
            home: home.to_path_buf(),
            device_id,
            listen_port: free_port()?,
            gui_port: free_port()?,
            api_key: format!("llm-runner-test-{name}-{}", std::process::id()),
            vault: vault.to_path_buf(),
        })
    }

    fn config(&self) -> InstanceConfig<'_> {
        InstanceConfig {
            name: &self.name,
            device_id: &self.device_id,
            listen_port: self.listen_port,
            gui_port: self.gui_port,
            api_key: &self.api_key,
            vault: &self.vault,
        }
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

pub struct SyncthingInstance {
    pub name: String,
    pub device_id: String,
    gui_port: u16,
    api_key: String,
    process: ManagedProcess,
    http: reqwest::Client,
}

impl SyncthingInstance {
    /// Writes `me`'s config (sharing the vault with `peer`), starts it, and waits until its
    /// API answers with its listener up.
    pub async fn start(me: &PreparedHome, peer: &PreparedHome) -> anyhow::Result<Self> {
        std::fs::write(
            me.home.join("config.xml"),
            config_xml(&me.config(), &peer.config()),
        )?;
        let args = vec![
            "serve".to_owned(),
            format!("--home={}", me.home.display()),
            "--no-browser".to_owned(),
            "--no-restart".to_owned(),
        ];
        let envs = [("STNOUPGRADE", "1"), ("STMONITORED", "1")]
            .map(|(key, value)| (key.to_owned(), value.to_owned()));
        let process = ManagedProcess::spawn(
            &format!("syncthing-{}", me.name),
            Path::new("syncthing"),
            &args,
            &envs,
            &me.home,
        )?;
        let mut instance = Self {
            name: me.name.clone(),
            device_id: me.device_id.clone(),
            gui_port: me.gui_port,
            api_key: me.api_key.clone(),
            process,
            http: reqwest::Client::builder()
                .timeout(REQUEST_TIMEOUT)
                .build()?,
        };
        instance.wait_until_listening(me.listen_port).await?;
        Ok(instance)
    }

    /// Polls the API until the listener is up; a failed listener (its port taken meanwhile)
    /// or an exited process ends the wait at once, so the caller can retry on other ports.
    async fn wait_until_listening(&mut self, listen_port: u16) -> anyhow::Result<()> {
        let listener = format!("tcp://127.0.0.1:{listen_port}");
        let deadline = Instant::now() + LISTENING_TIMEOUT;
        loop {
            if let Some(status) = self.process.try_exit_status() {
                bail!(
                    "syncthing {} exited ({status}); its log:\n{}",
                    self.name,
                    self.log()
                );
            }
            if let Ok(status) = self.get("/rest/system/status").await {
                let service = &status["connectionServiceStatus"][listener.as_str()];
                if !service["error"].is_null() {
                    bail!(
                        "syncthing {}'s listener {listener} failed: {}",
                        self.name,
                        service["error"]
                    );
                }
                if service["lanAddresses"]
                    .as_array()
                    .is_some_and(|addresses| !addresses.is_empty())
                {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                bail!(
                    "syncthing {} was not listening on {listener} within {LISTENING_TIMEOUT:?}; its log:\n{}",
                    self.name,
                    self.log()
                );
            }
            tokio::time::sleep(LISTENING_POLL).await;
        }
    }

    pub async fn get(&self, path_and_query: &str) -> anyhow::Result<Value> {
        let response = self
            .http
            .get(self.url(path_and_query))
            .header("X-API-Key", &self.api_key)
            .send()
            .await?
            .error_for_status()?;
        Ok(response.json().await?)
    }

    pub async fn post(&self, path_and_query: &str) -> anyhow::Result<()> {
        self.http
            .post(self.url(path_and_query))
            .header("X-API-Key", &self.api_key)
            .send()
            .await?
            .error_for_status()
            .with_context(|| format!("syncthing {}: POST {path_and_query}", self.name))?;
        Ok(())
    }

    fn url(&self, path_and_query: &str) -> String {
        format!("http://127.0.0.1:{}{path_and_query}", self.gui_port)
    }

    /// Whether this instance has a live connection to `device_id`.
    pub async fn is_connected_to(&self, device_id: &str) -> anyhow::Result<bool> {
        let connections = self.get("/rest/system/connections").await?;
        Ok(connections["connections"][device_id]["connected"].as_bool() == Some(true))
    }

    /// `/rest/db/status` of the shared folder.
    pub async fn folder_status(&self) -> anyhow::Result<Value> {
        self.get(&format!("/rest/db/status?folder={FOLDER_ID}"))
            .await
    }

    /// `/rest/db/completion` of the shared folder on `device_id`, as this instance knows it.
    pub async fn completion_of(&self, device_id: &str) -> anyhow::Result<Value> {
        self.get(&format!(
            "/rest/db/completion?folder={FOLDER_ID}&device={device_id}"
        ))
        .await
    }

    /// Scans the shared folder now (the call returns once the scan is done).
    pub async fn scan(&self) -> anyhow::Result<()> {
        self.post(&format!("/rest/db/scan?folder={FOLDER_ID}"))
            .await
    }

    pub fn log(&self) -> String {
        self.process.log()
    }
}
