//! The core's server: opens the job store, recovers what a previous run left unfinished, starts
//! the cluster loop, the gRPC and HTTP servers (with the routes a composition root mounts
//! beside the core's own), supervises them, and drains them on shutdown or when one of them
//! ends early.

mod recover;
mod supervised_tasks;
mod until_stopped;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use self::recover::{recover_unfinished_jobs, this_months_usage};
use self::supervised_tasks::SupervisedTasks;
use self::until_stopped::{drain, run_until_stopped};
use crate::cluster::{DrainingFileError, new_cluster};
use crate::config::CoordinatorConfig;
use crate::grpc::{serve_agent_link_tls, serve_grpc};
use crate::http::{CoreHealth, HttpState, serve_http};
use crate::metrics::{Metrics, MetricsError};
use crate::store::{JobStore, RedbJobStore, StoreError, StoreWriter};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address} ({what}): {source}; is another coordinator running?")]
    Bind {
        what: &'static str,
        address: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Parts(Box<dyn std::error::Error + Send + Sync>),
    #[error(transparent)]
    Metrics(#[from] MetricsError),
    #[error(transparent)]
    DrainingFile(#[from] DrainingFileError),
    /// A core task (cluster loop, store writer, a server, a mounted part) ended before
    /// shutdown was asked for; the coordinator stopped everything else and drained it.
    #[error("the coordinator stopped because its {task} {reason}")]
    TaskStopped { task: String, reason: String },
}

/// The coordinator's listening sockets, bound before anything else starts.
pub struct Listeners {
    pub grpc: TcpListener,
    pub http: TcpListener,
    /// The mutual-TLS agent listener, when `agent_tls_*` asks for one.
    pub agent_tls: Option<TcpListener>,
}

impl Listeners {
    pub async fn bind(config: &CoordinatorConfig) -> Result<Self, ServeError> {
        let bind = |what: &'static str, address: SocketAddr| async move {
            TcpListener::bind(address)
                .await
                .map_err(|source| ServeError::Bind {
                    what,
                    address,
                    source,
                })
        };
        let agent_tls = match &config.agent_tls {
            Some(tls) => Some(bind("agent_tls_addr", tls.addr).await?),
            None => None,
        };
        Ok(Self {
            grpc: bind("grpc_addr", config.grpc_addr).await?,
            http: bind("http_addr", config.http_addr).await?,
            agent_tls,
        })
    }
}

/// Where the servers really listen, for parts that call the core's gRPC API.
#[derive(Debug, Clone, Copy)]
pub struct BoundAddresses {
    pub grpc: SocketAddr,
    pub http: SocketAddr,
}

/// What a composition root mounts beside the core: HTTP routes merged into the core's router,
/// gRPC services served beside the core's on its gRPC address, and the tasks serving them: supervised like the core's own (one that ends before shutdown
/// stops the coordinator), and awaited on shutdown.
#[derive(Default)]
pub struct MountedParts {
    pub routes: axum::Router,
    /// gRPC services of the parts (`MemoryService`), on the core's gRPC listener.
    pub grpc: tonic::service::Routes,
    /// Each task with the name the logs give it if it stops early (`"alert service"`).
    pub tasks: Vec<(&'static str, tokio::task::JoinHandle<()>)>,
    /// Wraps the core's API routes (all but `/healthz`) in the composition root's access check.
    pub api_guard: Option<crate::http::ApiGuard>,
}

/// Serves the core alone (the tests' and benchmarks' coordinator without parts).
pub async fn serve(
    config: CoordinatorConfig,
    listeners: Listeners,
    shutdown: CancellationToken,
) -> Result<(), ServeError> {
    serve_with_parts(config, listeners, shutdown, |_, _| async {
        Ok::<_, std::convert::Infallible>(MountedParts::default())
    })
    .await
}

/// Serves the core and the parts `mount` builds once the servers' addresses are known; the
/// parts get a token cancelled when the servers stop. Returns an error when a task of the core
/// or of a part ends before `shutdown` (after stopping and draining the rest).
pub async fn serve_with_parts<Mount, Mounting, MountError>(
    config: CoordinatorConfig,
    listeners: Listeners,
    shutdown: CancellationToken,
    mount: Mount,
) -> Result<(), ServeError>
where
    Mount: FnOnce(BoundAddresses, CancellationToken) -> Mounting,
    Mounting: Future<Output = Result<MountedParts, MountError>>,
    MountError: std::error::Error + Send + Sync + 'static,
{
    crate::fd_limit::raise_and_log_open_files_limit();
    let store: Arc<dyn JobStore> = Arc::new(RedbJobStore::open(&config.data_dir)?);
    recover_unfinished_jobs(store.as_ref())?;
    let (writer, writer_task) = StoreWriter::start(store.clone());
    let (cluster, mut cluster_loop) = new_cluster(&config, store.clone(), writer);
    // A corrupt drain file stops start-up: guessing "nothing drained" would route jobs to
    // nodes the operator took out of service.
    cluster_loop.load_draining()?;
    // Budgets carry on from what the ledger says this month's jobs spent.
    cluster_loop.restore_budgets(&this_months_usage(store.as_ref(), crate::clock::now_ms())?);
    let metrics = Metrics::install()?;
    tracing::info!(
        grpc = %listeners.grpc.local_addr().map(|a| a.to_string()).unwrap_or_default(),
        http = %listeners.http.local_addr().map(|a| a.to_string()).unwrap_or_default(),
        data_dir = %config.data_dir.display(),
        nodes = config.nodes.len(),
        routes = config.routes.len(),
        "coordinator listening"
    );
    let addresses = BoundAddresses {
        grpc: config.grpc_addr_bound(&listeners.grpc),
        http: config.http_addr_bound(&listeners.http),
    };
    let servers_stop = CancellationToken::new();
    let mut tasks = SupervisedTasks::default();
    tasks.watch("store writer", writer_task);
    tasks.watch_unit(
        "cluster loop",
        tokio::spawn(cluster_loop.run(servers_stop.clone())),
    );
    // The parts are mounted before the gRPC server starts, so the services they add are served
    // from its first connection; they reach the core through lazy channels.
    let parts = match mount(addresses, servers_stop.clone()).await {
        Ok(parts) => parts,
        Err(error) => {
            servers_stop.cancel();
            drain(tasks).await;
            return Err(ServeError::Parts(Box::new(error)));
        }
    };
    let grpc = tokio::spawn({
        let (config, cluster, store, stop) = (
            config.clone(),
            cluster.clone(),
            store.clone(),
            servers_stop.clone(),
        );
        let services = parts.grpc;
        async move { serve_grpc(listeners.grpc, &config, cluster, store, services, stop).await }
    });
    tasks.watch("gRPC server", grpc);
    if let (Some(listener), Some(tls)) = (listeners.agent_tls, config.agent_tls.clone()) {
        tracing::info!(agent_tls = %tls.addr, "agents may also attach over mutual TLS");
        let (cluster, nodes, stop) = (cluster.clone(), config.nodes.clone(), servers_stop.clone());
        let server = tokio::spawn(async move {
            serve_agent_link_tls(listener, &tls, cluster, &nodes, stop).await
        });
        tasks.watch("agent TLS server", server);
    }
    for (name, task) in parts.tasks {
        tasks.watch_unit(name.to_owned(), task);
    }
    let health = CoreHealth::default();
    let app = crate::http::router(
        HttpState {
            cluster,
            store,
            metrics,
            health: health.clone(),
        },
        parts.api_guard,
    )
    .merge(parts.routes);
    let http = tokio::spawn(serve_http(listeners.http, app, servers_stop.clone()));
    tasks.watch("HTTP server", http);
    run_until_stopped(tasks, shutdown, servers_stop, health).await
}

#[cfg(test)]
mod tests;
