//! MCP tools for AI assistants: the cluster's nodes, models and jobs as tools, served over
//! streamable HTTP at `/mcp` by the coordinator and over stdio by `runner mcp`. Both talk to the
//! coordinator through its gRPC API only.
//!
//! **Architecture Invariant:** this crate reaches the cluster only through the coordinator's
//! public gRPC API (`JobService`, `ClusterService`), like any other client.

mod cluster_tools;
mod config;
mod coordinator_link;
mod http_service;
mod stdio;
mod tool_failure;
mod views;

use std::net::SocketAddr;

use tokio_util::sync::CancellationToken;

pub use config::{McpConfig, TOKEN_ENV};
pub use http_service::{MCP_PATH, router};
pub use stdio::serve_stdio;

/// What the coordinator hands the MCP server when mounting it.
#[derive(Debug, Clone)]
pub struct McpContext {
    pub grpc_url: String,
    /// The address `http_addr` really bound (its host must be allowed).
    pub http_addr: SocketAddr,
    pub config: McpConfig,
    /// Cancelled when the coordinator shuts down: ends the open MCP sessions.
    pub shutdown: CancellationToken,
}

#[derive(Debug, thiserror::Error)]
pub enum McpError {
    #[error(
        "`{url}` is not a coordinator URL: {problem}; pass one like http://127.0.0.1:7070 with --coordinator"
    )]
    InvalidCoordinatorUrl { url: String, problem: String },
    #[error("mcp: the client did not complete the MCP handshake on stdio: {0}")]
    Handshake(String),
    #[error("mcp: the stdio session ended abnormally: {0}")]
    Stdio(String),
}
