//! Runs the jobs the coordinator assigns on this node's backend (Ollama or a provider), at most `max_parallel` at once, and
//! aborts them on cancel or when the link drops. The link's event loop owns the executor and
//! passes every job update through [`Executor::accept`], so the set of running jobs changes in
//! one place and a cancelled job never reports twice. Each job runs in its `run_job` span,
//! a child of the coordinator's dispatch (from `AssignJob.trace_context`), so its log lines
//! carry its `job_id` and `trace_id` and its spans join the job's one trace.

mod run_job;

#[cfg(test)]
mod cancel_usage_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, JobFailedOnNode, JobSpec};
use telemetry::TraceCarrier;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tracing::{Instrument, Span, info, warn};

use crate::backend::{Backend, UsageSoFar};

/// Job updates waiting for the link; a full queue slows the job's reading from Ollama.
const UPDATE_QUEUE: usize = 256;

pub struct Executor {
    backend: Arc<dyn Backend>,
    max_parallel: u32,
    running: HashMap<String, RunningJob>,
    updates: mpsc::Sender<AgentJobUpdate>,
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

    /// Lets through an update of a job that still runs here, forgetting the job once it ended;
    /// updates of a cancelled or aborted job are dropped.
    pub fn accept(&mut self, update: AgentJobUpdate) -> Option<AgentJobUpdate> {
        if !self.running.contains_key(&update.job_id) {
            return None;
        }
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

    /// Aborts every running job and returns their ids.
    pub fn abort_all(&mut self) -> Vec<String> {
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
    /// No job outlives the link that assigned it: nobody would hear its result.
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
    }
}
