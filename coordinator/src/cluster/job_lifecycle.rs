//! Jobs through their life in the cluster loop: submit (route or reject), dispatch to a
//! node's slot or queue, the agent's updates, and the end (succeeded, failed, cancelled).

use proto::v1::{
    AssignJob, CancelJobOnNode, FailureCause, Job, JobSpec, JobState, JobTimings, agent_job_update,
    coordinator_message,
};
use std::time::Instant;
use telemetry::TraceCarrier;
use tokio::sync::oneshot;

use super::active_job::ActiveJob;
use super::events::{Rejected, Submitted};
use super::job_spans::JobSpans;
use super::main_loop::Cluster;
use super::routing::{RouteDecision, rejection_is_transient, route};
use crate::clock::now_ms;

impl Cluster {
    pub(super) fn submit(
        &mut self,
        spec: JobSpec,
        client_trace_context: &TraceCarrier,
        watch: bool,
    ) -> Result<Submitted, Box<Rejected>> {
        let now = now_ms();
        let retries = spec.retries;
        let mut job = Job {
            id: self.ids.next(now as u64),
            spec: Some(spec),
            state: JobState::Queued as i32,
            created_at_ms: now,
            attempt: 1,
            ..Default::default()
        };
        let model = job
            .spec
            .as_ref()
            .map(|spec| spec.model.clone())
            .unwrap_or_default();
        let mut spans = JobSpans::start(&job.id, &model, client_trace_context);
        job.trace_id = spans.trace.trace_id();
        match self.route_in_span(&spans, &model, now) {
            RouteDecision::Rejected(reasons) => {
                let transient = rejection_is_transient(&reasons);
                job.state = JobState::Rejected as i32;
                job.cause = FailureCause::Rejected as i32;
                job.finished_at_ms = now;
                job.reason = rejection_summary(&model, &reasons);
                job.rejections = reasons.clone();
                spans.ended(&job);
                tracing::info!(parent: &spans.job, job_id = %job.id, model = %model, reason = %job.reason, "job rejected");
                self.writer.write(job.clone(), None);
                self.recent.remember(job.clone());
                crate::metrics::record_rejection(&job, &reasons);
                Err(Box::new(Rejected {
                    job,
                    reasons,
                    transient,
                }))
            }
            RouteDecision::Node(index) => {
                let (durable, durable_receiver) = oneshot::channel();
                let mut active = ActiveJob::new(job, retries, spans);
                active.job.node = self.nodes[index].name.clone();
                self.writer.write(active.job.clone(), Some(durable));
                let job = active.job.clone();
                // Subscribed before the job is placed, so not even its assignment is missed.
                let updates = watch.then(|| active.subscribe());
                tracing::info!(parent: &active.spans.job, job_id = %job.id, model = %model, node = %job.node, "job accepted");
                self.jobs.insert(job.id.clone(), active);
                self.place(index, job.id.clone());
                Ok(Submitted {
                    job,
                    durable: durable_receiver,
                    updates,
                })
            }
        }
    }

    /// The routing rule, inside the job's `route` span.
    fn route_in_span(&self, spans: &JobSpans, model: &str, now: i64) -> RouteDecision {
        let span = spans.route(model);
        let decision =
            span.in_scope(|| route(&self.nodes, &self.routes, model, self.queue_capacity, now));
        match &decision {
            RouteDecision::Node(index) => span.record("node", self.nodes[*index].name.as_str()),
            RouteDecision::Rejected(reasons) => {
                span.record("rejection_reason", rejection_summary(model, reasons))
            }
        };
        decision
    }

    /// Gives a job a slot on node `index` now, or a place in its queue.
    pub(super) fn place(&mut self, index: usize, job_id: String) {
        if let Some(active) = self.jobs.get_mut(&job_id) {
            active.spans.queued(&self.nodes[index].name);
        }
        if self.nodes[index].has_free_slot() {
            self.assign(index, job_id);
        } else {
            self.nodes[index].queue.push_back(job_id);
        }
        self.changed();
    }

    fn assign(&mut self, index: usize, job_id: String) {
        let Some(active) = self.jobs.get_mut(&job_id) else {
            return;
        };
        let node = &mut self.nodes[index];
        let Some(link) = &node.link else { return };
        let trace_context = active.spans.dispatched(&node.name, active.job.attempt);
        let message = coordinator_message::Kind::Assign(AssignJob {
            job_id: job_id.clone(),
            spec: active.job.spec.clone(),
            trace_context,
        });
        // A closed stream is noticed by its reader, which reports the node lost.
        let _ = link.outbound.send(Ok(proto::v1::CoordinatorMessage {
            kind: Some(message),
        }));
        node.running.insert(job_id);
    }

    /// Starts queued jobs while node `index` has free slots.
    pub(super) fn fill_slots(&mut self, index: usize) {
        while self.nodes[index].has_free_slot() && self.nodes[index].link.is_some() {
            let Some(job_id) = self.nodes[index].queue.pop_front() else {
                break;
            };
            self.assign(index, job_id);
        }
    }

    pub(super) fn apply_job_update(
        &mut self,
        node_index: usize,
        job_id: String,
        event: agent_job_update::Event,
    ) {
        let owned_here = self
            .jobs
            .get(&job_id)
            .is_some_and(|active| active.job.node == self.nodes[node_index].name);
        if !owned_here {
            if self.nodes[node_index].running.remove(&job_id) {
                // A job that already ended here (e.g. cancelled) has now left the agent.
                self.fill_slots(node_index);
                self.changed();
            } else if !matches!(
                event,
                agent_job_update::Event::Completed(_) | agent_job_update::Event::Failed(_)
            ) {
                self.tell_agent_to_cancel(node_index, &job_id);
            }
            return;
        }
        let Some(active) = self.jobs.get_mut(&job_id) else {
            return;
        };
        match event {
            agent_job_update::Event::Started(_) => {
                let now = now_ms();
                active.job.state = JobState::Running as i32;
                active.job.started_at_ms = now;
                timings(&mut active.job).queued_ms =
                    Some(active.millis_since_accepted(Instant::now()));
                active.publish_job();
                self.writer.write(active.job.clone(), None);
            }
            agent_job_update::Event::Delta(text) => {
                if active.first_token.is_none() {
                    let first = Instant::now();
                    active.first_token = Some(first);
                    active.spans.first_token();
                    timings(&mut active.job).time_to_first_token_ms =
                        Some(active.millis_since_accepted(first));
                }
                active.job.output.push_str(&text);
                active.publish_delta(text);
            }
            agent_job_update::Event::Completed(completed) => {
                active.job.served_model = completed.model;
                active.job.embeddings = completed.embeddings;
                timings(&mut active.job).ollama = completed.stats;
                self.end(
                    &job_id,
                    JobState::Succeeded,
                    FailureCause::Unspecified,
                    String::new(),
                );
            }
            agent_job_update::Event::Failed(failed) => {
                self.end(
                    &job_id,
                    JobState::Failed,
                    FailureCause::OllamaError,
                    format!("ollama_error: {}", failed.message),
                );
            }
        }
    }

    /// Ends an active job (see `end`) and returns its final record.
    pub(super) fn finish(
        &mut self,
        job_id: &str,
        state: JobState,
        cause: FailureCause,
        reason: String,
    ) -> Option<Job> {
        self.end(job_id, state, cause, reason)
            .then(|| self.recent.get(job_id).cloned())
            .flatten()
    }

    /// Ends an active job: record, tell watchers, free its slot and start the next queued one.
    /// The final record moves to the recent jobs. False when the job was not active.
    fn end(&mut self, job_id: &str, state: JobState, cause: FailureCause, reason: String) -> bool {
        let Some(mut active) = self.jobs.remove(job_id) else {
            return false;
        };
        let now = now_ms();
        active.job.state = state as i32;
        active.job.cause = cause as i32;
        active.job.reason = reason;
        active.job.finished_at_ms = now;
        timings(&mut active.job).total_ms = Some(active.millis_since_accepted(Instant::now()));
        active.spans.ended(&active.job);
        tracing::info!(parent: &active.spans.job, job_id, node = %active.job.node, state = ?state, reason = %active.job.reason, "job ended");
        self.writer.write(active.job.clone(), None);
        crate::metrics::record_job_end(&active.job);
        active.publish_job();
        if let Some(index) = self.node_index(&active.job.node) {
            let node = &mut self.nodes[index];
            node.queue.retain(|queued| queued != job_id);
            // A cancelled job keeps its slot until the agent says it stopped.
            if state != JobState::Cancelled || node.link.is_none() {
                node.running.remove(job_id);
            }
            self.fill_slots(index);
        }
        self.recent.remember(active.job);
        self.changed();
        true
    }

    pub(super) fn cancel_active(&mut self, job_id: &str) -> Option<Job> {
        let node = self.jobs.get(job_id)?.job.node.clone();
        if let Some(index) = self.node_index(&node)
            && self.nodes[index].running.contains(job_id)
        {
            self.tell_agent_to_cancel(index, job_id);
        }
        self.finish(
            job_id,
            JobState::Cancelled,
            FailureCause::Cancelled,
            "cancelled: by request".into(),
        )
    }

    fn tell_agent_to_cancel(&self, index: usize, job_id: &str) {
        if let Some(link) = &self.nodes[index].link {
            let kind = coordinator_message::Kind::Cancel(CancelJobOnNode {
                job_id: job_id.to_owned(),
            });
            let _ = link
                .outbound
                .send(Ok(proto::v1::CoordinatorMessage { kind: Some(kind) }));
        }
    }
}

fn timings(job: &mut Job) -> &mut JobTimings {
    job.timings.get_or_insert_with(JobTimings::default)
}

fn rejection_summary(model: &str, reasons: &[proto::v1::NodeIneligibility]) -> String {
    if reasons.is_empty() {
        return format!("no node can run {model}: no nodes are configured or connected");
    }
    let details: Vec<&str> = reasons
        .iter()
        .map(|reason| reason.reason.as_str())
        .collect();
    format!("no node can run {model}: {}", details.join("; "))
}
