//! The LiteLLM proxy (`litellm[proxy]`, installed by `cargo xtask install`) as a child process in
//! front of a stand-in Ollama: started with a generated config on a free loopback port, waited on
//! until it answers, stopped by its PID.

mod proxy_config;
mod sse_call;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::ManagedProcess;

pub use proxy_config::{
    GROQ_KEY_ENV, config_text, generate_master_key, groq_config_text, openai_config_text, proxy_env,
};
pub use sse_call::LiteLlmCaller;

/// Python's imports alone take seconds on a loaded machine; a cold start can take much longer.
const READY_TIMEOUT: Duration = Duration::from_secs(180);
const READY_POLL: Duration = Duration::from_millis(200);
/// What the `litellm` console script runs; `python3 -c` needs no scripts dir on `PATH`.
const RUN_SERVER: &str = "import sys; from litellm import run_server; sys.exit(run_server())";

pub struct LiteLlmProxy {
    process: ManagedProcess,
    url: String,
    master_key: String,
    /// How long from spawning it until it answered.
    pub start_time: Duration,
    /// The installed package's version.
    pub version: String,
}

impl LiteLlmProxy {
    /// Starts the proxy for `model` in front of `ollama_url`; its config and log go in `dir`.
    pub async fn start(dir: &Path, model: &str, ollama_url: &str) -> anyhow::Result<Self> {
        Self::start_with(dir, &config_text(model, ollama_url), Vec::new()).await
    }

    /// Starts the proxy for the Groq `model` in front of the OpenAI-compatible API at
    /// `base_url`, with `api_key` in the proxy's environment; config and log go in `dir`.
    pub async fn start_groq(
        dir: &Path,
        model: &str,
        base_url: &str,
        api_key: &str,
    ) -> anyhow::Result<Self> {
        let key = vec![(GROQ_KEY_ENV.to_owned(), api_key.to_owned())];
        Self::start_with(dir, &groq_config_text(model, base_url), key).await
    }

    /// Starts the proxy for `model` behind the OpenAI-compatible API at `api_base` (LiteLLM's
    /// `openai/` provider); config and log go in `dir`.
    pub async fn start_openai(dir: &Path, model: &str, api_base: &str) -> anyhow::Result<Self> {
        Self::start_with(dir, &openai_config_text(model, api_base), Vec::new()).await
    }

    /// Starts the proxy with `config` and `extra_env` added to [`proxy_env`].
    async fn start_with(
        dir: &Path,
        config: &str,
        extra_env: Vec<(String, String)>,
    ) -> anyhow::Result<Self> {
        let config_path = dir.join("litellm-config.yaml");
        std::fs::write(&config_path, config)
            .with_context(|| format!("cannot write {}", config_path.display()))?;
        let port = free_port()?;
        let master_key = generate_master_key();
        let args: Vec<String> = [
            "-c",
            RUN_SERVER,
            "--config",
            &config_path.display().to_string(),
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
        ]
        .map(str::to_owned)
        .to_vec();
        let version = installed_version().await?;
        let started = Instant::now();
        let mut env = proxy_env(&master_key);
        env.extend(extra_env);
        let process = ManagedProcess::spawn("litellm", &PathBuf::from("python3"), &args, &env, dir)
            .context("cannot start the LiteLLM proxy with python3")?;
        let mut proxy = Self {
            process,
            url: format!("http://127.0.0.1:{port}"),
            master_key,
            start_time: Duration::ZERO,
            version,
        };
        proxy.wait_ready().await?;
        proxy.start_time = started.elapsed();
        Ok(proxy)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn master_key(&self) -> &str {
        &self.master_key
    }

    /// The proxy's resident memory now (`VmRSS`).
    pub fn rss_bytes(&self) -> anyhow::Result<u64> {
        crate::process_stats::rss_bytes(self.process.pid()?)
    }

    /// SIGKILL by PID and reap (also done on drop).
    pub async fn stop(mut self) -> anyhow::Result<()> {
        self.process.kill().await
    }

    async fn wait_ready(&mut self) -> anyhow::Result<()> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()?;
        let liveliness = format!("{}/health/liveliness", self.url);
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(status) = self.process.try_exit_status() {
                bail!(
                    "the LiteLLM proxy exited ({status}) before answering; is it installed \
                     (`cargo xtask install`)? Its log:\n{}",
                    log_tail(&self.process.log())
                );
            }
            let answered = client.get(&liveliness).send().await;
            if answered.is_ok_and(|response| response.status().is_success()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "the LiteLLM proxy did not answer {liveliness} within {READY_TIMEOUT:?}; its log:\n{}",
                    log_tail(&self.process.log())
                );
            }
            tokio::time::sleep(READY_POLL).await;
        }
    }
}

/// `litellm`'s version from the package metadata (fast: nothing of LiteLLM is imported).
async fn installed_version() -> anyhow::Result<String> {
    let output = tokio::process::Command::new("python3")
        .args([
            "-c",
            "import importlib.metadata as m; print(m.version('litellm'))",
        ])
        .output()
        .await
        .context("cannot run python3 to find LiteLLM")?;
    if !output.status.success() {
        bail!(
            "LiteLLM is not installed for python3 (run `cargo xtask install`): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The last lines of a log, enough to show why a process died.
fn log_tail(log: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

#[cfg(test)]
mod tests;
