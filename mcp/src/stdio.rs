//! `runner mcp`: the MCP server on stdin/stdout, for desktop clients that start it as a
//! command. Stdout carries only the protocol; logs go to stderr.

use rmcp::ServiceExt;

use crate::McpError;
use crate::cluster_tools::ClusterTools;
use crate::coordinator_link::CoordinatorLink;

/// Serves until the client closes stdin. The coordinator at `grpc_url` is dialled lazily, so
/// the tools are listed even while it is down (their calls then say so).
pub async fn serve_stdio(grpc_url: String) -> Result<(), McpError> {
    let link = CoordinatorLink::new(&grpc_url)?;
    tracing::info!(coordinator = %link.url(), "mcp: serving on stdio");
    let running = ClusterTools::new(link)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|error| McpError::Handshake(error.to_string()))?;
    let reason = running
        .waiting()
        .await
        .map_err(|error| McpError::Stdio(error.to_string()))?;
    tracing::info!(?reason, "mcp: stdio session ended");
    Ok(())
}

#[cfg(test)]
mod tests;
