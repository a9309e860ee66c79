//! The agent's link to the coordinator: dials out (nothing listens on an agent host), keeps
//! one `AgentLinkService.Attach` stream, and reconnects with backoff and jitter when it drops,
//! so the agent survives coordinator restarts. Its jobs ride out a flap: they keep running
//! while the link is down, their updates kept (bounded) by the executor, and the next link's
//! hello names them so the coordinator resumes them (see `Executor::resume`).

mod attach;
mod backoff;
mod session;
mod status;

#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use proto::v1::{AgentHello, AgentJobUpdate, HeldJob, HostFacts};
use settings::Secret;
use tokio::sync::{mpsc, watch};
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

    /// Attaches, runs the link, and reattaches after every loss until shutdown. Between
    /// links the jobs' updates keep flowing into the executor, held for the next link.
    pub async fn run(self, shutdown: CancellationToken) {
        let mut backoff = Backoff::new();
        let (node, coordinator) = (
            self.identity.node.as_str(),
            self.identity.coordinator_url.as_str(),
        );
        let (mut executor, mut job_updates) =
            Executor::new(Arc::clone(&self.backend), self.identity.max_parallel);
        while !shutdown.is_cancelled() {
            let attach = attach::attach(
                &self.endpoint,
                &self.identity.token,
                self.hello(executor.held_jobs()),
            );
            let attempt = tokio::select! {
                _ = shutdown.cancelled() => return,
                attempt = holding_updates(&mut executor, &mut job_updates, attach) => attempt,
            };
            match attempt {
                Ok(attached) => {
                    backoff.reset();
                    info!(node, coordinator, coordinator_version = %attached.coordinator_version,
                        heartbeat_ms = attached.heartbeat_interval.as_millis() as u64,
                        resumed_jobs = attached.resume.len(), "connected to the coordinator");
                    let mut session = Session::new(
                        attached,
                        self.health.clone(),
                        self.host_facts.clone(),
                        (&mut executor, &mut job_updates),
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
                            warn!(node, coordinator, reason = %describe(&end), running_jobs = executor.running_jobs(), held_output_bytes = executor.held_output_bytes(),
                                "disconnected from the coordinator; running jobs go on and are resumed when it re-attaches; reconnecting");
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
            let wait = backoff.wait(&shutdown);
            if !holding_updates(&mut executor, &mut job_updates, wait).await {
                return;
            }
        }
    }

    fn hello(&self, held_jobs: Vec<HeldJob>) -> AgentHello {
        AgentHello {
            node: self.identity.node.clone(),
            agent_version: env!("CARGO_PKG_VERSION").to_owned(),
            host: Some(self.host_facts.borrow().clone()),
            max_parallel: self.identity.max_parallel,
            // Jobs beyond max_parallel wait in the coordinator's queue, not here.
            queue_capacity: 0,
            backend: self.backend.name().to_owned(),
            held_jobs,
        }
    }
}

/// Runs `future` while no link is up, keeping the jobs' updates in the executor meanwhile
/// (a job that waited on a full queue would stall its backend's stream).
async fn holding_updates<F: Future>(
    executor: &mut Executor,
    updates: &mut mpsc::Receiver<AgentJobUpdate>,
    future: F,
) -> F::Output {
    tokio::pin!(future);
    loop {
        tokio::select! {
            output = &mut future => return output,
            // The executor holds a sender, so this channel never closes while we hold it.
            Some(update) = updates.recv() => {
                executor.accept(update, false);
            }
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
