//! One welcomed link, driven by one event loop: every decision (send a status, start or cancel
//! a job, forward a job's update, end the link) is made in [`Session::handle`] from a closed
//! set of [`LinkEvent`]s.

use std::time::Duration;

use proto::v1::coordinator_message::Kind;
use proto::v1::{
    AgentJobUpdate, AgentMessage, CoordinatorMessage, HostFacts, ResumedJob, agent_message,
};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tonic::{Status, Streaming};
use tracing::{debug, warn};

use super::attach::Attached;
use super::status::StatusSequence;
use crate::executor::{Executor, failed};
use crate::prober::BackendHealth;

/// Everything the link's loop reacts to.
#[derive(Debug)]
pub(super) enum LinkEvent {
    FromCoordinator(CoordinatorMessage),
    /// The coordinator ended the stream, cleanly (`None`) or with a status.
    CoordinatorClosed(Option<Status>),
    JobUpdate(AgentJobUpdate),
    BackendHealthChanged,
    HeartbeatDue,
    ShutdownRequested,
}

/// Why a link ended.
#[derive(Debug)]
pub(super) enum SessionEnd {
    Shutdown,
    CoordinatorClosed(Option<Status>),
    /// The outgoing half broke: the transport dropped the request stream.
    OutgoingClosed,
}

pub(super) struct Session<'a> {
    outgoing: mpsc::Sender<AgentMessage>,
    incoming: Streaming<CoordinatorMessage>,
    heartbeat_interval: Duration,
    next_heartbeat: Instant,
    statuses: StatusSequence,
    health: watch::Receiver<BackendHealth>,
    health_watch_open: bool,
    host_facts: watch::Receiver<HostFacts>,
    executor: &'a mut Executor,
    job_updates: &'a mut mpsc::Receiver<AgentJobUpdate>,
    /// The held jobs the coordinator resumed, with what it applied of each.
    resume: Vec<ResumedJob>,
}

impl<'a> Session<'a> {
    pub fn new(
        attached: Attached,
        health: watch::Receiver<BackendHealth>,
        host_facts: watch::Receiver<HostFacts>,
        (executor, job_updates): (&'a mut Executor, &'a mut mpsc::Receiver<AgentJobUpdate>),
    ) -> Self {
        Self {
            outgoing: attached.outgoing,
            incoming: attached.incoming,
            heartbeat_interval: attached.heartbeat_interval,
            next_heartbeat: Instant::now(),
            statuses: StatusSequence::new(attached.keeps_unchanged_installed),
            health,
            health_watch_open: true,
            host_facts,
            executor,
            job_updates,
            resume: attached.resume,
        }
    }

    /// Sends the first status at once and what the coordinator missed of the jobs it
    /// resumed, then handles events until the link ends.
    pub async fn run(&mut self, shutdown: &CancellationToken) -> SessionEnd {
        if let Err(end) = self.send_status().await {
            return end;
        }
        let resend = self.executor.resume(&std::mem::take(&mut self.resume));
        if !resend.is_empty() {
            debug!(
                updates = resend.len(),
                "resending job updates the coordinator missed"
            );
        }
        for update in resend {
            if let Err(end) = self.send_job_update(update).await {
                return end;
            }
        }
        loop {
            let event = self.next_event(shutdown).await;
            if let Err(end) = self.handle(event).await {
                return end;
            }
        }
    }

    /// Ends the outgoing half and gives the coordinator a moment to take what is queued and
    /// close its half, so a shutting-down agent's last job updates are not lost in flight.
    pub async fn say_goodbye(self, patience: Duration) {
        let Self {
            outgoing,
            mut incoming,
            ..
        } = self;
        drop(outgoing);
        let drained = tokio::time::timeout(patience, async {
            while let Ok(Some(_)) = incoming.message().await {}
        });
        if drained.await.is_err() {
            debug!(
                ?patience,
                "the coordinator did not close the stream in time"
            );
        }
    }

    async fn next_event(&mut self, shutdown: &CancellationToken) -> LinkEvent {
        tokio::select! {
            biased;
            _ = shutdown.cancelled() => LinkEvent::ShutdownRequested,
            message = self.incoming.message() => match message {
                Ok(Some(message)) => LinkEvent::FromCoordinator(message),
                Ok(None) => LinkEvent::CoordinatorClosed(None),
                Err(status) => LinkEvent::CoordinatorClosed(Some(status)),
            },
            // The executor holds a sender, so this channel never closes while we hold it.
            Some(update) = self.job_updates.recv() => LinkEvent::JobUpdate(update),
            changed = self.health.changed(), if self.health_watch_open => {
                // The prober only stops at shutdown; stop watching rather than spin.
                self.health_watch_open = changed.is_ok();
                LinkEvent::BackendHealthChanged
            },
            _ = tokio::time::sleep_until(self.next_heartbeat) => LinkEvent::HeartbeatDue,
        }
    }

    async fn handle(&mut self, event: LinkEvent) -> Result<(), SessionEnd> {
        match event {
            LinkEvent::FromCoordinator(message) => match message.kind {
                Some(Kind::Assign(assign)) => {
                    if let Some(refusal) =
                        self.executor
                            .assign(assign.job_id, assign.spec, &assign.trace_context)
                    {
                        self.send_job_update(refusal).await?;
                    }
                }
                Some(Kind::Cancel(cancel)) => {
                    if let Some(cancelled) = self.executor.cancel(&cancel.job_id) {
                        self.send_job_update(cancelled).await?;
                    }
                }
                Some(Kind::Welcome(_)) => warn!("the coordinator sent a second welcome; ignored"),
                None => warn!("the coordinator sent an empty message; ignored"),
            },
            LinkEvent::CoordinatorClosed(status) => {
                return Err(SessionEnd::CoordinatorClosed(status));
            }
            LinkEvent::JobUpdate(update) => {
                if let Some(update) = self.executor.accept(update, true) {
                    self.send_job_update(update).await?;
                }
            }
            LinkEvent::BackendHealthChanged => self.send_status().await?,
            LinkEvent::HeartbeatDue => {
                self.executor.forget_delivered();
                self.send_status().await?;
            }
            LinkEvent::ShutdownRequested => {
                // The link still stands: tell the coordinator why these jobs end.
                for job_id in self.executor.abort_all() {
                    let update = failed(job_id, "agent shutting down".to_owned(), false);
                    self.send_job_update(update).await?;
                }
                return Err(SessionEnd::Shutdown);
            }
        }
        Ok(())
    }

    /// Sends the latest health and host facts, and restarts the heartbeat countdown.
    async fn send_status(&mut self) -> Result<(), SessionEnd> {
        let status = {
            let health = self.health.borrow_and_update();
            let host_facts = self.host_facts.borrow();
            self.statuses
                .next_status(&health, &host_facts, self.executor.running_jobs())
        };
        debug!(
            sequence = status.sequence,
            reachable = status.ollama_reachable,
            "status"
        );
        self.next_heartbeat = Instant::now() + self.heartbeat_interval;
        self.send(agent_message::Kind::Status(status)).await
    }

    async fn send_job_update(&mut self, update: AgentJobUpdate) -> Result<(), SessionEnd> {
        self.send(agent_message::Kind::Job(update)).await
    }

    async fn send(&mut self, kind: agent_message::Kind) -> Result<(), SessionEnd> {
        let message = AgentMessage { kind: Some(kind) };
        self.outgoing
            .send(message)
            .await
            .map_err(|_| SessionEnd::OutgoingClosed)
    }
}
