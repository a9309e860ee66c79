//! The parts mounted beside the core on the HTTP server — the web UI (`/`), MCP (`/mcp`),
//! alerts (`/api/alerts`) and the OpenAI- and Ollama-compatible API (`/v1/…`, `/api/chat`, …)
//! — each of which talks to the core through its own gRPC API.

use std::net::SocketAddr;
use std::path::Path;

use coordinator::serve::{BoundAddresses, MountedParts};
use tokio_util::sync::CancellationToken;

use crate::config::PartsConfig;

#[derive(Debug, thiserror::Error)]
pub enum PartsError {
    #[error(transparent)]
    Web(#[from] web::WebError),
    #[error(transparent)]
    Mcp(#[from] mcp::McpError),
    #[error(transparent)]
    Alerts(#[from] alerts::AlertsError),
    #[error(transparent)]
    Compat(#[from] compat::CompatError),
    #[error(transparent)]
    Memory(#[from] memory::hub::OpenError),
    #[error(transparent)]
    Vault(#[from] crate::vault_part::VaultPartError),
    #[error(transparent)]
    Schedules(#[from] crate::schedules_part::SchedulesPartError),
    #[error("memory could not reach the coordinator at {url}: {reason}")]
    MemoryLink { url: String, reason: String },
}

/// The URL at which this process reaches its own gRPC server: loopback when it listens on
/// every interface.
pub fn own_grpc_url(grpc_addr: SocketAddr) -> String {
    let host = if grpc_addr.ip().is_unspecified() {
        SocketAddr::from(([127, 0, 0, 1], grpc_addr.port()))
    } else {
        grpc_addr
    };
    format!("http://{host}")
}

/// Builds the parts' routes and starts the services behind them (stopped by `shutdown`).
pub async fn mount_parts(
    config: PartsConfig,
    data_dir: &Path,
    addresses: BoundAddresses,
    shutdown: CancellationToken,
) -> Result<MountedParts, PartsError> {
    let grpc_url = own_grpc_url(addresses.grpc);
    // One token guards the whole http_addr but `/healthz` and `/mcp` (which has its own,
    // `RUNNER_MCP_TOKEN`, as MCP clients send one bearer token).
    let token = config.web.access_token.clone();
    let web = web::router(web::WebContext {
        grpc_url: grpc_url.clone(),
        data_dir: data_dir.to_owned(),
        config: config.web,
        shutdown: shutdown.clone(),
    })
    .await?;
    let mcp = mcp::router(mcp::McpContext {
        grpc_url: grpc_url.clone(),
        http_addr: addresses.http,
        config: config.mcp,
        shutdown: shutdown.clone(),
    })?;
    announce_api(addresses.http, &config.api);
    let api = compat::router(compat::CompatContext {
        grpc_url: grpc_url.clone(),
        config: config.api,
    })?;
    let (alert_service, alert_routes) = alerts::AlertService::start(alerts::AlertsContext {
        grpc_url: grpc_url.clone(),
        data_dir: data_dir.to_owned(),
        config: config.alerts,
    })?;
    // The briefing writes into the vault the worker owns, else the one memory reads.
    let vault_path = (config.vault.as_ref().map(|vault| vault.path.clone()))
        .or_else(|| config.memory.as_ref().map(|memory| memory.vault.clone()));
    let memory = memory_service(config.memory, data_dir, &grpc_url).await?;
    let alert_routes = web::require_token(alert_routes, token.clone());
    let mut routes = web.merge(mcp).merge(api).merge(alert_routes);
    let mut tasks = Vec::new();
    if let Some(settings) = config.vault {
        crate::vault_part::announce(&settings.path, settings.settle);
        let (worker, vault_routes) = crate::vault_part::open_worker(
            settings.worker_config(data_dir),
            &grpc_url,
            alert_service.notices(),
            shutdown.clone(),
        )?;
        routes = routes.merge(web::require_token(vault_routes, token.clone()));
        tasks.push(("vault worker", tokio::spawn(worker.run())));
    }
    let schedules = crate::schedules_part::open(
        config.schedules,
        data_dir,
        &grpc_url,
        vault_path,
        alert_service.notices(),
        shutdown.clone(),
    )?;
    routes = routes.merge(web::require_token(schedules.routes, token.clone()));
    tasks.push(("scheduler", tokio::spawn(schedules.scheduler.run())));
    tasks.push(("alert service", tokio::spawn(alert_service.run(shutdown))));
    let api_guard: coordinator::http::ApiGuard =
        Box::new(move |routes| web::require_token(routes, token));
    Ok(MountedParts {
        routes,
        tasks,
        api_guard: Some(api_guard),
        grpc: tonic::service::Routes::new(memory.into_server())
            .add_service(schedules.api.into_server()),
    })
}

/// The memory service: answering "not configured" without `[memory]`, else over the store
/// under `data_dir` (opened on a blocking thread: it may create or migrate the file).
async fn memory_service(
    config: Option<memory::config::MemoryConfig>,
    data_dir: &Path,
    grpc_url: &str,
) -> Result<memory::service::MemoryApi, PartsError> {
    let Some(config) = config else {
        tracing::info!("memory is off: add a [memory] table naming the vault to turn it on");
        return Ok(memory::service::MemoryApi::not_configured());
    };
    let link_failed = |reason: String| PartsError::MemoryLink {
        url: grpc_url.to_owned(),
        reason,
    };
    let coordinator =
        client::Coordinator::lazy(grpc_url).map_err(|error| link_failed(error.to_string()))?;
    let data_dir = data_dir.to_owned();
    let opened = tokio::task::spawn_blocking(move || {
        memory::hub::Memory::open(config, &data_dir, coordinator)
    })
    .await
    .map_err(|error| link_failed(format!("opening memory stopped: {error}")))??;
    Ok(memory::service::MemoryApi::new(std::sync::Arc::new(opened)))
}

/// One start-up line: where the compatible API is and who may use it.
fn announce_api(http_addr: SocketAddr, config: &compat::ApiConfig) {
    let access = if config.token.is_some() {
        format!("bearer token required (from {})", config.token_env)
    } else {
        format!(
            "no token: open to whoever reaches {http_addr} (loopback or Tailscale); set {} to require one",
            compat::TOKEN_ENV
        )
    };
    tracing::info!(
        openai = %format!("http://{http_addr}/v1"),
        ollama = %format!("http://{http_addr}/api"),
        "OpenAI- and Ollama-compatible API: {access}"
    );
}

#[cfg(test)]
mod tests;
