//! The agent's link to the coordinator: dials out (nothing listens on an agent host), keeps
//! one `AgentLinkService.Attach` stream, and reconnects with backoff and jitter when it drops,
//! so the agent survives coordinator restarts.

mod attach;
mod backoff;
mod session;
mod status;

#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use proto::v1::{AgentHello, HostFacts};
use settings::Secret;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tonic::transport::Endpoint;
use tracing::{error, info, warn};

use crate::backend::Backend;
use crate::executor::Executor;
use crate::prober::BackendHealth;
use attach::AttachError;
pub use backoff::Backoff;
use session::{Session, SessionEnd};

/// How long a shutting-down agent waits for the coordinator to take its last messages.
const GOODBYE_TIMEOUT: Duration = Duration::from_secs(2);

/// Who this agent is, as `hello` tells the coordinator.
#[derive(Debug, Clone)]
pub struct LinkIdentity {
    pub node: String,
    pub coordinator_url: String,
    pub token: Secret,
    pub max_parallel: u32,
    /// Mutual TLS to an `https://` coordinator.
    pub tls: Option<crate::config::LinkTls>,
}

pub struct LinkService {
    identity: LinkIdentity,
    endpoint: Endpoint,
    backend: Arc<dyn Backend>,
    health: watch::Receiver<BackendHealth>,
    host_facts: watch::Receiver<HostFacts>,
}

impl LinkService {
    pub fn new(
        identity: LinkIdentity,
        backend: Arc<dyn Backend>,
        health: watch::Receiver<BackendHealth>,
        host_facts: watch::Receiver<HostFacts>,
    ) -> Result<Self, tonic::transport::Error> {
        let endpoint = attach::endpoint(&identity.coordinator_url, identity.tls.as_ref())?;
        Ok(Self {
            identity,
            endpoint,
            backend,
            health,
            host_facts,
        })
    }

    /// Attaches, runs the link, and reattaches after every loss until shutdown.
    pub async fn run(self, shutdown: CancellationToken) {
        let mut backoff = Backoff::new();
        let (node, coordinator) = (
            self.identity.node.as_str(),
            self.identity.coordinator_url.as_str(),
        );
        while !shutdown.is_cancelled() {
            let attempt = tokio::select! {
                _ = shutdown.cancelled() => return,
                attempt = attach::attach(&self.endpoint, &self.identity.token, self.hello()) => attempt,
            };
            match attempt {
                Ok(attached) => {
                    backoff.reset();
                    info!(node, coordinator, coordinator_version = %attached.coordinator_version,
                        heartbeat_ms = attached.heartbeat_interval.as_millis() as u64, "connected to the coordinator");
                    let executor =
                        Executor::new(Arc::clone(&self.backend), self.identity.max_parallel);
                    let mut session = Session::new(
                        attached,
                        self.health.clone(),
                        self.host_facts.clone(),
                        executor,
                    );
                    match session.run(&shutdown).await {
                        SessionEnd::Shutdown => {
                            session.say_goodbye(GOODBYE_TIMEOUT).await;
                            info!(
                                node,
                                coordinator, "disconnected from the coordinator: shutting down"
                            );
                            return;
                        }
                        end => {
                            let aborted = session.executor.abort_all();
                            warn!(node, coordinator, reason = %describe(&end), aborted_jobs = ?aborted,
                                "disconnected from the coordinator; running jobs aborted (the coordinator fails them as node_lost); reconnecting");
                        }
                    }
                }
                Err(AttachError::Refused {
                    code,
                    message,
                    advice,
                }) => {
                    error!(node, coordinator, code = ?code, detail = %message, "{advice}");
                }
                Err(other) => {
                    warn!(node, coordinator, error = %other, "cannot attach to the coordinator; retrying")
                }
            }
            if !backoff.wait(&shutdown).await {
                return;
            }
        }
    }

    fn hello(&self) -> AgentHello {
        AgentHello {
            node: self.identity.node.clone(),
            agent_version: env!("CARGO_PKG_VERSION").to_owned(),
            host: Some(self.host_facts.borrow().clone()),
            max_parallel: self.identity.max_parallel,
            // Jobs beyond max_parallel wait in the coordinator's queue, not here.
            queue_capacity: 0,
            backend: self.backend.name().to_owned(),
        }
    }
}

fn describe(end: &SessionEnd) -> String {
    match end {
        SessionEnd::Shutdown => "shutting down".to_owned(),
        SessionEnd::CoordinatorClosed(None) => "the coordinator closed the stream".to_owned(),
        SessionEnd::CoordinatorClosed(Some(status)) => {
            format!(
                "stream ended with {:?}: {}",
                status.code(),
                status.message()
            )
        }
        SessionEnd::OutgoingClosed => "the connection dropped".to_owned(),
    }
}
