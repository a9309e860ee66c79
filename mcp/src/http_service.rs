//! `/mcp` on the coordinator's HTTP server: MCP streamable HTTP (rmcp's tower service, one
//! session per client), answering only to `Host` names it knows — localhost, the address the
//! coordinator really bound (e.g. its Tailscale address) and `[mcp] allowed_hosts` — so a web
//! page cannot reach it through DNS rebinding; and behind a bearer token when one is set.

mod bearer_auth;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use crate::McpContext;
use crate::cluster_tools::ClusterTools;
use crate::coordinator_link::CoordinatorLink;

pub const MCP_PATH: &str = "/mcp";

/// The `/mcp` route, to be merged into the coordinator's HTTP router; its sessions end when
/// `context.shutdown` is cancelled, so open event streams do not hold up the server's drain.
pub fn router(context: McpContext) -> Result<Router, crate::McpError> {
    let link = CoordinatorLink::new(&context.grpc_url)?;
    let hosts = allowed_hosts(context.http_addr, &context.config.allowed_hosts);
    if context.http_addr.ip().is_unspecified() && context.config.allowed_hosts.is_empty() {
        tracing::warn!(
            http_addr = %context.http_addr,
            "mcp: http_addr listens on every interface, but /mcp answers only to localhost; \
             list the names clients use in [mcp] allowed_hosts"
        );
    }
    tracing::info!(
        path = MCP_PATH,
        allowed_hosts = ?hosts,
        bearer_token = context.config.bearer_token.is_some(),
        "mcp: serving streamable HTTP"
    );
    let config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(hosts)
        .with_cancellation_token(context.shutdown.child_token());
    let service = StreamableHttpService::new(
        move || Ok(ClusterTools::new(link.clone())),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let routes = Router::new().route_service(MCP_PATH, service);
    Ok(match context.config.bearer_token {
        Some(token) => routes.route_layer(axum::middleware::from_fn_with_state(
            Arc::new(token),
            bearer_auth::require_bearer_token,
        )),
        None => routes,
    })
}

/// The `Host` values `/mcp` accepts (any port unless one is given): loopback names, the
/// bound address (unless it is 0.0.0.0 or [::], which no client sends), then the configured.
fn allowed_hosts(http_addr: SocketAddr, configured: &[String]) -> Vec<String> {
    let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "::1"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    if !http_addr.ip().is_unspecified() {
        hosts.push(http_addr.ip().to_string());
    }
    hosts.extend(configured.iter().cloned());
    let mut seen = std::collections::HashSet::new();
    hosts.retain(|host| seen.insert(host.clone()));
    hosts
}

#[cfg(test)]
mod tests;
