//! Runs the jobs the coordinator assigns on this node's backend (Ollama or a provider), at
//! most `max_parallel` at once, and aborts them on cancel. A job outlives a dropped link: the
//! executor lives as long as the agent, its updates are kept in the `journal` until they must
//! have been delivered, and after a flap the coordinator's welcome says which jobs to resume
//! ([`Executor::resume`]) and which to abort. The link's loop owns the executor and passes
//! every job update through [`Executor::accept`], so the set of running jobs changes in one
//! place and a cancelled job never reports twice. Each job runs in its `run_job` span,
//! a child of the coordinator's dispatch (from `AssignJob.trace_context`), so its log lines
//! carry its `job_id` and `trace_id` and its spans join the job's one trace.

mod journal;
mod run_job;

#[cfg(test)]
mod cancel_usage_tests;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, HeldJob, JobFailedOnNode, JobSpec, ResumedJob};
use telemetry::TraceCarrier;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tracing::{Instrument, Span, info, warn};

use crate::backend::{Backend, UsageSoFar};
use journal::{DELIVERED_AFTER, Full, Journal};

/// Job updates waiting for the link; a full queue slows the job's reading from Ollama.
const UPDATE_QUEUE: usize = 256;
/// The most job output kept for a coordinator that has not received it (a long partition).
const HELD_OUTPUT_LIMIT: usize = 64 * 1024 * 1024;

pub struct Executor {
    backend: Arc<dyn Backend>,
    max_parallel: u32,
    running: HashMap<String, RunningJob>,
    updates: mpsc::Sender<AgentJobUpdate>,
    journal: Journal,
}

/// A job's task and its span, for the log lines about it that the link's loop writes.
struct RunningJob {
    task: AbortHandle,
    span: Span,
    /// What its backend reported before the end, for a cancelled job's report.
    usage_so_far: UsageSoFar,
}

impl Executor {
    /// The executor and the receiver of its jobs' updates, to be passed to [`Executor::accept`].
    pub fn new(
        backend: Arc<dyn Backend>,
        max_parallel: u32,
    ) -> (Self, mpsc::Receiver<AgentJobUpdate>) {
        let (updates, receiver) = mpsc::channel(UPDATE_QUEUE);
        let executor = Self {
            backend,
            max_parallel,
            running: HashMap::new(),
            updates,
            journal: Journal::new(HELD_OUTPUT_LIMIT),
        };
        (executor, receiver)
    }

    pub fn running_jobs(&self) -> u32 {
        u32::try_from(self.running.len()).unwrap_or(u32::MAX)
    }

    /// Starts a job in the trace of `trace_context`; returns the update to send at once when
    /// it is refused.
    pub fn assign(
        &mut self,
        job_id: String,
        spec: Option<JobSpec>,
        trace_context: &TraceCarrier,
    ) -> Option<AgentJobUpdate> {
        if self.running.contains_key(&job_id) {
            warn!(
                job_id,
                "the coordinator assigned a job that already runs here; ignored"
            );
            return None;
        }
        let span = run_job::run_job_span(&job_id, spec.as_ref(), trace_context);
        let Some(spec) = spec else {
            warn!(parent: &span, job_id, "assignment without a job spec; refused");
            return Some(failed(
                job_id,
                "the assignment carried no job spec; the coordinator should always send one"
                    .to_owned(),
                false,
            ));
        };
        if self.running_jobs() >= self.max_parallel {
            warn!(
                parent: &span,
                job_id,
                max_parallel = self.max_parallel,
                "job beyond max_parallel; refused"
            );
            let message = format!(
                "agent at max_parallel={}; the coordinator should not have sent it",
                self.max_parallel
            );
            return Some(failed(job_id, message, false));
        }
        info!(parent: &span, job_id, model = %spec.model, kind = ?spec.kind(), "job started");
        let usage_so_far = UsageSoFar::default();
        let task = tokio::spawn(
            run_job::run_job(
                Arc::clone(&self.backend),
                job_id.clone(),
                spec,
                self.updates.clone(),
                usage_so_far.clone(),
            )
            .instrument(span.clone()),
        );
        let task = task.abort_handle();
        let running = RunningJob {
            task,
            span,
            usage_so_far,
        };
        self.running.insert(job_id, running);
        None
    }

    /// Aborts a running job, which closes its backend request; returns its `cancelled` update,
    /// with the usage the backend reported before the cancel (a provider that reports as it
    /// goes); Ollama reports only at the end, so a cancelled Ollama job honestly has none.
    pub fn cancel(&mut self, job_id: &str) -> Option<AgentJobUpdate> {
        self.journal.forget(job_id);
        let Some(running) = self.running.remove(job_id) else {
            // It ended before the cancel arrived; its final update is on its way or sent.
            info!(
                job_id,
                "cancel for a job that is not running here; nothing to do"
            );
            return None;
        };
        running.task.abort();
        running.span.record("outcome", "cancelled");
        info!(
            parent: &running.span,
            job_id,
            "job cancelled by the coordinator; ollama request aborted"
        );
        let mut update = failed(job_id.to_owned(), "cancelled".to_owned(), true);
        if let Some(Event::Failed(failure)) = &mut update.event {
            failure.usage = running.usage_so_far.get();
        }
        Some(update)
    }

    /// Numbers and keeps an update of a job that still runs here, forgetting the job once it
    /// ended; `link_up` says whether it goes onto a link now. Returns it to send (when the
    /// link is up); updates of a cancelled or aborted job are dropped. Output past what the
    /// agent may hold aborts its job, which is reported failed.
    pub fn accept(&mut self, update: AgentJobUpdate, link_up: bool) -> Option<AgentJobUpdate> {
        if !self.running.contains_key(&update.job_id) {
            return None;
        }
        let sent = link_up.then(Instant::now);
        let job_id = update.job_id.clone();
        let update = match self.journal.record(update, sent) {
            Ok(update) => update,
            Err(Full { limit }) => return self.abort_over_limit(&job_id, limit, sent),
        };
        match &update.event {
            Some(Event::Completed(completed)) => {
                if let Some(running) = self.running.remove(&update.job_id) {
                    info!(parent: &running.span, job_id = update.job_id, model = %completed.model, "job completed");
                }
            }
            Some(Event::Failed(failure)) => {
                if let Some(running) = self.running.remove(&update.job_id) {
                    warn!(parent: &running.span, job_id = update.job_id, error = %failure.message, "job failed");
                }
            }
            Some(Event::Started(_) | Event::Delta(_)) | None => {}
        }
        Some(update)
    }

    /// Aborts a job whose output the journal cannot hold, and keeps its failure in place of
    /// that output.
    fn abort_over_limit(
        &mut self,
        job_id: &str,
        limit: usize,
        sent: Option<Instant>,
    ) -> Option<AgentJobUpdate> {
        let running = self.running.remove(job_id)?;
        running.task.abort();
        running
            .span
            .record("outcome", "aborted: too much output held");
        warn!(parent: &running.span, job_id, limit_bytes = limit,
            "job aborted: its output the coordinator has not received passed what the agent holds");
        self.journal.drop_output(job_id);
        let message = format!(
            "aborted: the coordinator was unreachable while the job's output passed the {} MiB \
             the agent holds for it",
            limit / (1024 * 1024)
        );
        self.journal
            .record(failed(job_id.to_owned(), message, false), sent)
            .ok()
    }

    /// The jobs this agent holds (running, or ended with updates maybe not delivered), for the
    /// hello of a new link.
    pub fn held_jobs(&self) -> Vec<HeldJob> {
        let mut held = self.journal.held();
        let known: HashSet<String> = held.iter().map(|job| job.job_id.clone()).collect();
        // A job whose first update is still on its way to the journal.
        held.extend(
            self.running
                .keys()
                .filter(|job_id| !known.contains(*job_id))
                .map(|job_id| HeldJob {
                    job_id: job_id.clone(),
                    last_seq: 0,
                }),
        );
        held
    }

    /// Applies a new link's welcome: returns the updates of resumed jobs the coordinator has
    /// not applied, in order, and aborts every job it did not resume (it ended them, or gave
    /// them to another node, while this agent was away).
    pub fn resume(&mut self, resumed: &[ResumedJob]) -> Vec<AgentJobUpdate> {
        let resumption = self.journal.resume(resumed, Instant::now());
        let keep: HashSet<&str> = resumed.iter().map(|job| job.job_id.as_str()).collect();
        let abort: Vec<String> = self
            .running
            .keys()
            .filter(|job_id| !keep.contains(job_id.as_str()))
            .cloned()
            .collect();
        for job_id in abort {
            self.journal.forget(&job_id);
            if let Some(running) = self.running.remove(&job_id) {
                running.task.abort();
                running.span.record("outcome", "aborted: not resumed");
                warn!(parent: &running.span, job_id,
                    "job aborted: the coordinator no longer runs it here (it ended it or ran it elsewhere while the link was down)");
            }
        }
        if !resumption.drop.is_empty() {
            info!(jobs = ?resumption.drop, "ended jobs the coordinator did not resume; forgotten");
        }
        resumption.resend
    }

    /// Bytes of job output held for the coordinator.
    pub fn held_output_bytes(&self) -> usize {
        self.journal.bytes()
    }

    /// Forgets updates that must have reached the coordinator (call while a link is up).
    pub fn forget_delivered(&mut self) {
        if let Some(cutoff) = Instant::now().checked_sub(DELIVERED_AFTER) {
            self.journal.forget_delivered(cutoff);
        }
    }

    /// Aborts every running job and returns their ids.
    pub fn abort_all(&mut self) -> Vec<String> {
        self.journal = Journal::new(self.journal.limit());
        self.running
            .drain()
            .map(|(job_id, running)| {
                running.task.abort();
                running.span.record("outcome", "aborted");
                job_id
            })
            .collect()
    }
}

impl Drop for Executor {
    /// No job outlives the agent's link service: nobody would hear its result.
    fn drop(&mut self) {
        self.abort_all();
    }
}

pub(crate) fn failed(job_id: String, message: String, cancelled: bool) -> AgentJobUpdate {
    AgentJobUpdate {
        job_id,
        event: Some(Event::Failed(JobFailedOnNode {
            message,
            cancelled,
            ..JobFailedOnNode::default()
        })),
        ..AgentJobUpdate::default()
    }
}
