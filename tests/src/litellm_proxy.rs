//! The LiteLLM proxy (`litellm[proxy]`, installed by `cargo xtask install`) as a test's child
//! process in front of llm-runner's OpenAI-compatible `/v1`: every model sent to llm-runner
//! through LiteLLM's `openai/` provider, with LiteLLM's own retries, fallbacks and cooldowns
//! off, so what a client of the proxy sees is what llm-runner answered. Started on a free
//! loopback port with its config, log and master key in its own temp dir; killed when dropped.
//! (The benchmark's proxy in `bench/src/litellm.rs` is the same idea in front of an Ollama.)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::json;

use crate::cluster::ManagedProcess;

/// Python's imports alone take seconds on a loaded machine.
const READY_TIMEOUT: Duration = Duration::from_secs(120);
const READY_POLL: Duration = Duration::from_millis(200);
/// What the `litellm` console script runs; `python3 -c` needs no scripts dir on `PATH`.
const RUN_SERVER: &str = "import sys; from litellm import run_server; sys.exit(run_server())";
/// The key LiteLLM's clients present; a fixed one is fine for a loopback proxy in a test.
pub const MASTER_KEY: &str = "sk-llm-runner-test";

pub struct LiteLlmProxy {
    process: ManagedProcess,
    url: String,
    _dir: tempfile::TempDir,
}

/// LiteLLM's config: each of `models` sent to `api_base` (llm-runner's `/v1`) as
/// `openai/<model>`, with no retries (LiteLLM's router nor its OpenAI client), no fallbacks and
/// no cooldowns. Written as JSON, which is also YAML, the format LiteLLM reads.
pub fn openai_backend_config(models: &[&str], api_base: &str) -> String {
    let model_list: Vec<_> = models
        .iter()
        .map(|model| {
            json!({
                "model_name": model,
                "litellm_params": {
                    "model": format!("openai/{model}"),
                    "api_base": api_base,
                    "api_key": "unused-by-llm-runner",
                    "max_retries": 0,
                },
            })
        })
        .collect();
    json!({
        "model_list": model_list,
        "litellm_settings": { "num_retries": 0, "request_timeout": 60 },
        "router_settings": { "num_retries": 0, "fallbacks": [], "disable_cooldowns": true },
        "general_settings": { "master_key": "os.environ/LITELLM_MASTER_KEY" },
    })
    .to_string()
}

impl LiteLlmProxy {
    /// Starts the proxy with `config` and waits until it answers its liveliness probe.
    pub async fn start(config: &str) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let config_path = dir.path().join("litellm-config.yaml");
        std::fs::write(&config_path, config)
            .with_context(|| format!("cannot write {}", config_path.display()))?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
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
        // Offline and quiet: the bundled cost map, no `.env`, no banner, no docs pages.
        let env: Vec<(String, String)> = [
            ("LITELLM_MASTER_KEY", MASTER_KEY),
            ("LITELLM_LOCAL_MODEL_COST_MAP", "True"),
            ("LITELLM_MODE", "PRODUCTION"),
            ("LITELLM_LOG", "ERROR"),
            ("LITELLM_DONT_SHOW_FEEDBACK_BOX", "true"),
            ("NO_DOCS", "True"),
        ]
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .to_vec();
        let process = ManagedProcess::spawn(
            "litellm",
            &PathBuf::from("python3"),
            &args,
            &env,
            dir.path(),
        )
        .context("cannot start the LiteLLM proxy with python3")?;
        let mut proxy = Self {
            process,
            url: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        };
        proxy.wait_ready().await?;
        Ok(proxy)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The proxy's log so far (stdout and stderr).
    pub fn log(&self) -> String {
        self.process.log()
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
                    self.process.log()
                );
            }
            let answered = client.get(&liveliness).send().await;
            if answered.is_ok_and(|response| response.status().is_success()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!(
                    "the LiteLLM proxy did not answer {liveliness} within {READY_TIMEOUT:?}; its log:\n{}",
                    self.process.log()
                );
            }
            tokio::time::sleep(READY_POLL).await;
        }
    }
}
