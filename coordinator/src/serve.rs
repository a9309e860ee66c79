//! The core's server: opens the job store, recovers what a previous run left unfinished, starts
//! the cluster loop, the gRPC and HTTP servers (with the routes a composition root mounts
//! beside the core's own), and drains them on shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use proto::v1::{FailureCause, JobState};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::clock::now_ms;
use crate::cluster::new_cluster;
use crate::config::CoordinatorConfig;
use crate::grpc::serve_grpc;
use crate::http::{HttpState, serve_http};
use crate::metrics::{Metrics, MetricsError};
use crate::store::{JobStore, RedbJobStore, StoreError, StoreWriter};

/// How long running servers get to finish after shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

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
}

/// The coordinator's listening sockets, bound before anything else starts.
pub struct Listeners {
    pub grpc: TcpListener,
    pub http: TcpListener,
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
        Ok(Self {
            grpc: bind("grpc_addr", config.grpc_addr).await?,
            http: bind("http_addr", config.http_addr).await?,
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
/// and the tasks serving them (awaited on shutdown).
#[derive(Default)]
pub struct MountedParts {
    pub routes: axum::Router,
    pub tasks: Vec<tokio::task::JoinHandle<()>>,
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
/// parts get a token cancelled when the servers stop.
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
    let (cluster, cluster_loop) = new_cluster(&config, store.clone(), writer);
    tracing::info!(
        grpc = %listeners.grpc.local_addr().map(|a| a.to_string()).unwrap_or_default(),
        http = %listeners.http.local_addr().map(|a| a.to_string()).unwrap_or_default(),
        data_dir = %config.data_dir.display(),
        nodes = config.nodes.len(),
        routes = config.routes.len(),
        "coordinator listening"
    );
    let grpc_addr = config.grpc_addr_bound(&listeners.grpc);
    let http_addr = config.http_addr_bound(&listeners.http);
    let servers_stop = CancellationToken::new();
    let loop_task = tokio::spawn(cluster_loop.run(servers_stop.clone()));
    let grpc = tokio::spawn({
        let (config, cluster, store, stop) = (
            config.clone(),
            cluster.clone(),
            store.clone(),
            servers_stop.clone(),
        );
        async move { serve_grpc(listeners.grpc, &config, cluster, store, stop).await }
    });
    let addresses = BoundAddresses {
        grpc: grpc_addr,
        http: http_addr,
    };
    let MountedParts {
        routes: parts,
        tasks: part_tasks,
    } = mount(addresses, servers_stop.clone())
        .await
        .map_err(|error| ServeError::Parts(Box::new(error)))?;
    let metrics = Metrics::install()?;
    let app = crate::http::router(HttpState {
        cluster,
        store,
        metrics,
    })
    .merge(parts);
    let http = tokio::spawn(serve_http(listeners.http, app, servers_stop.clone()));
    shutdown.cancelled().await;
    tracing::info!("shutting down");
    servers_stop.cancel();
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        if let Ok(Err(error)) = grpc.await {
            tracing::error!(%error, "gRPC server failed");
        }
        if let Ok(Err(error)) = http.await {
            tracing::error!(%error, "HTTP server failed");
        }
        for task in part_tasks {
            let _ = task.await;
        }
        // The loop ends active jobs, then drops its store writer; the writer flushes and ends.
        let _ = loop_task.await;
        let _ = writer_task.await;
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            grace_seconds = SHUTDOWN_GRACE.as_secs(),
            "shutdown overran its grace period; exiting anyway"
        );
    }
    Ok(())
}

/// Jobs that were queued or running when the coordinator last stopped (or was killed) end
/// `failed` with a reason, so none is left hanging or vanishes.
fn recover_unfinished_jobs(store: &dyn JobStore) -> Result<(), StoreError> {
    let now = now_ms();
    let mut recovered = store.unfinished()?;
    for job in &mut recovered {
        let was = if job.state == JobState::Running as i32 {
            "running"
        } else {
            "queued"
        };
        let node = if job.node.is_empty() {
            String::new()
        } else {
            format!(" on {}", job.node)
        };
        job.reason =
            format!("coordinator_restarted: the coordinator stopped while the job was {was}{node}");
        job.state = JobState::Failed as i32;
        job.cause = FailureCause::CoordinatorRestarted as i32;
        job.finished_at_ms = now;
    }
    if !recovered.is_empty() {
        tracing::warn!(
            jobs = recovered.len(),
            "jobs left unfinished by the previous run are marked failed"
        );
        store.put_all(&recovered)?;
    }
    Ok(())
}
