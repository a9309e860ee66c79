//! MCP clients a scenario drives against the cluster, as AI assistants would: rmcp over
//! streamable HTTP at `/mcp`, and over stdio by spawning `runner mcp --coordinator URL`; tool
//! calls with the progress notifications they caused.

use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};
use rmcp::model::{CallToolRequestParams, CallToolResult, ProgressNotificationParam};
use rmcp::service::{NotificationContext, RunningService};
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::{StreamableHttpClientTransport, TokioChildProcess};
use rmcp::{ClientHandler, RoleClient, ServiceExt};

use super::binaries::binary_path;
use super::test_cluster::TestCluster;

/// A connected MCP client; its handler keeps the progress notifications it received.
pub type McpClient = RunningService<RoleClient, ProgressCollector>;

#[derive(Debug, Clone, Default)]
pub struct ProgressCollector {
    received: Arc<Mutex<Vec<ProgressNotificationParam>>>,
}

impl ProgressCollector {
    /// Takes the notifications received so far.
    pub fn take(&self) -> Vec<ProgressNotificationParam> {
        std::mem::take(
            &mut *self
                .received
                .lock()
                .unwrap_or_else(|poison| poison.into_inner()),
        )
    }
}

impl ClientHandler for ProgressCollector {
    async fn on_progress(
        &self,
        params: ProgressNotificationParam,
        _context: NotificationContext<RoleClient>,
    ) {
        self.received
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .push(params);
    }
}

impl TestCluster {
    pub fn mcp_url(&self) -> String {
        format!("{}/mcp", self.http_url())
    }

    /// An rmcp client on `/mcp`, with `Authorization: Bearer <token>` when given.
    pub async fn mcp_http_client(&self, bearer_token: Option<&str>) -> anyhow::Result<McpClient> {
        let mut config = StreamableHttpClientTransportConfig::with_uri(self.mcp_url());
        if let Some(token) = bearer_token {
            config = config.auth_header(token);
        }
        let transport = StreamableHttpClientTransport::from_config(config);
        ProgressCollector::default()
            .serve(transport)
            .await
            .with_context(|| format!("MCP handshake with {} failed", self.mcp_url()))
    }

    /// An rmcp client speaking to a `runner mcp --coordinator <grpc_url>` child process
    /// (killed when the client is dropped); its stderr goes to `runner-mcp-N.log`.
    pub async fn mcp_stdio_client(&self) -> anyhow::Result<McpClient> {
        static STARTS: AtomicUsize = AtomicUsize::new(0);
        let start = STARTS.fetch_add(1, Ordering::Relaxed) + 1;
        let log_path = self.dir.path().join(format!("runner-mcp-{start}.log"));
        let log = std::fs::File::create(&log_path)
            .with_context(|| format!("cannot create {}", log_path.display()))?;
        let mut command = tokio::process::Command::new(binary_path("runner")?);
        command
            .args(["mcp", "--coordinator", &self.grpc_url()])
            .env("RUST_LOG", "info")
            .current_dir(self.dir.path())
            .kill_on_drop(true);
        let (transport, _) = TokioChildProcess::builder(command)
            .stderr(Stdio::from(log))
            .spawn()
            .context("cannot start runner mcp")?;
        ProgressCollector::default()
            .serve(transport)
            .await
            .context("MCP handshake with runner mcp failed")
    }
}

/// Calls a tool; the result, whether it is an `isError` one or not (a protocol error fails).
pub async fn call_tool(
    client: &McpClient,
    name: &str,
    arguments: serde_json::Value,
) -> anyhow::Result<CallToolResult> {
    let serde_json::Value::Object(arguments) = arguments else {
        bail!("tool arguments must be a JSON object");
    };
    let request = CallToolRequestParams::new(name.to_owned()).with_arguments(arguments);
    client
        .call_tool(request)
        .await
        .with_context(|| format!("calling {name} failed at the protocol level"))
}

/// Calls a tool that must succeed; its structured content.
pub async fn call_tool_ok(
    client: &McpClient,
    name: &str,
    arguments: serde_json::Value,
) -> anyhow::Result<serde_json::Value> {
    let result = call_tool(client, name, arguments).await?;
    if result.is_error == Some(true) {
        bail!("{name} answered an error: {}", result_text(&result));
    }
    result
        .structured_content
        .with_context(|| format!("{name} answered no structured content"))
}

/// The text content of a result (all text blocks, joined by newlines).
pub fn result_text(result: &CallToolResult) -> String {
    result
        .content
        .iter()
        .filter_map(|block| block.as_text().map(|text| text.text.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
}
