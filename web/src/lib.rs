//! The llm-runner web UI, mounted by the coordinator at `/`: a live dashboard of hosts and
//! models, chat, and jobs. It talks to the coordinator through its gRPC API like any client.

use std::path::PathBuf;

use settings::{EnvSource, Problems, Secret, toml};

/// The web UI's settings: `[web]` in the coordinator's config, secrets from the environment.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// When set (env `RUNNER_WEB_TOKEN`), every request must present it.
    pub access_token: Option<Secret>,
}

impl WebConfig {
    pub fn from_settings(
        table: Option<&toml::Table>,
        env: &dyn EnvSource,
        problems: &mut Problems,
    ) -> Self {
        if let Some(table) = table {
            for key in table.keys() {
                problems.push(format!("web: unknown key `{key}`"));
            }
        }
        Self {
            access_token: env
                .get("RUNNER_WEB_TOKEN")
                .filter(|token| !token.is_empty())
                .map(Secret::new),
        }
    }
}

/// What the coordinator hands the web UI when mounting it.
#[derive(Debug, Clone)]
pub struct WebContext {
    /// The coordinator's own gRPC API, e.g. `http://127.0.0.1:7070`.
    pub grpc_url: String,
    pub data_dir: PathBuf,
    pub config: WebConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("web UI: {0}")]
    Start(String),
}

/// The UI's routes, to be merged into the coordinator's HTTP router.
pub async fn router(_context: WebContext) -> Result<axum::Router, WebError> {
    Ok(axum::Router::new())
}
