//! MCP tools for AI assistants: the cluster's nodes, models and jobs as tools, served over
//! streamable HTTP at `/mcp` by the coordinator and over stdio by `runner mcp`. Both talk to the
//! coordinator through its gRPC API.

use std::net::SocketAddr;

use settings::{EnvSource, Problems, Secret, toml};

/// `[mcp]` in the coordinator's config, the bearer token from the environment.
#[derive(Debug, Clone, Default)]
pub struct McpConfig {
    /// When set (env `RUNNER_MCP_TOKEN`), `/mcp` requires `Authorization: Bearer <token>`.
    pub bearer_token: Option<Secret>,
    /// Extra `Host` header values accepted besides the address the coordinator binds.
    pub allowed_hosts: Vec<String>,
}

impl McpConfig {
    pub fn from_settings(
        table: Option<&toml::Table>,
        env: &dyn EnvSource,
        problems: &mut Problems,
    ) -> Self {
        if let Some(table) = table {
            for key in table.keys() {
                problems.push(format!("mcp: unknown key `{key}`"));
            }
        }
        Self {
            bearer_token: env
                .get("RUNNER_MCP_TOKEN")
                .filter(|token| !token.is_empty())
                .map(Secret::new),
            allowed_hosts: Vec::new(),
        }
    }
}

/// What the coordinator hands the MCP server when mounting it.
#[derive(Debug, Clone)]
pub struct McpContext {
    pub grpc_url: String,
    /// The address `http_addr` really bound (its host must be allowed).
    pub http_addr: SocketAddr,
    pub config: McpConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum McpError {
    #[error("mcp: {0}")]
    Serve(String),
}

/// `/mcp`, to be merged into the coordinator's HTTP router.
pub fn router(_context: McpContext) -> axum::Router {
    axum::Router::new()
}

/// `runner mcp`: MCP on stdin/stdout against the coordinator at `grpc_url`.
pub async fn serve_stdio(_grpc_url: String) -> Result<(), McpError> {
    Err(McpError::Serve("not built yet".into()))
}
