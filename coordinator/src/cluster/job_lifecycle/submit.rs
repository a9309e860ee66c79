//! A submitted job: routed to the least-loaded eligible node for its model and placed there,
//! or rejected (recorded, with every candidate node's reason).

use proto::v1::{FailureCause, Job, JobSpec, JobState};
use telemetry::TraceCarrier;
use tokio::sync::oneshot;

use crate::cluster::active_job::ActiveJob;
use crate::cluster::events::{Rejected, Submitted};
use crate::cluster::job_spans::JobSpans;
use crate::cluster::main_loop::Cluster;
use crate::cluster::routing::{RouteDecision, rejection_is_transient, route};

impl Cluster {
    pub(in crate::cluster) fn submit(
        &mut self,
        spec: JobSpec,
        client_trace_context: &TraceCarrier,
        watch: bool,
    ) -> Result<Submitted, Box<Rejected>> {
        let now = self.clock.now_ms();
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
                let (durable, durable_receiver) = oneshot::channel();
                self.writer.write(job.clone(), Some(durable));
                self.recent.remember(job.clone());
                crate::metrics::record_rejection(&job, &reasons);
                Err(Box::new(Rejected {
                    job,
                    reasons,
                    transient,
                    durable: Some(durable_receiver),
                }))
            }
            RouteDecision::Node(index) => {
                let (durable, durable_receiver) = oneshot::channel();
                let mut active = ActiveJob::new(job, retries, spans, self.clock.now());
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
