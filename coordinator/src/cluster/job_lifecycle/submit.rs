//! A submitted job: routed to the least-loaded eligible node for its model and placed there,
//! or rejected (recorded, with every candidate node's reason).

use proto::v1::{FailureCause, Job, JobSpec, JobState, NodeIneligibility};
use telemetry::TraceCarrier;
use tokio::sync::oneshot;

use crate::cluster::active_job::ActiveJob;
use crate::cluster::events::{Rejected, SubmitOutcome, Submitted};
use crate::cluster::job_spans::JobSpans;
use crate::cluster::main_loop::Cluster;
use crate::cluster::routing::{RouteDecision, rejection_is_transient, retry_wait_ms, route};
use crate::cluster::suggestion::did_you_mean;

impl Cluster {
    pub(in crate::cluster) fn submit(
        &mut self,
        mut spec: JobSpec,
        client_trace_context: &TraceCarrier,
        watch: bool,
    ) -> SubmitOutcome {
        if let Some(known) = self.provider_name_for(&spec.model) {
            spec.model = known;
        }
        if let Some(replayed) = self.replay(&spec, watch) {
            return replayed;
        }
        let key = spec.idempotency_key.clone();
        let outcome = self.submit_new(spec, client_trace_context, watch);
        if !key.is_empty() {
            let job_id = match &outcome {
                Ok(submitted) => submitted.job.id.clone(),
                Err(rejected) => rejected.job.id.clone(),
            };
            self.idempotency_keys.remember(key, job_id);
        }
        Ok(outcome)
    }

    /// A job for a spec no earlier submit answers: routed and placed, or rejected.
    fn submit_new(
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
                let listed = self.model_is_listed(&model);
                job.reason = self.rejection_headline(&model, listed, &reasons);
                job.rejections = reasons.clone();
                spans.ended(&job);
                tracing::info!(parent: &spans.job, job_id = %job.id, model = %model, reason = %job.reason, nodes = %rejection_details(&reasons), "job rejected");
                let (durable, durable_receiver) = oneshot::channel();
                self.writer.write(job.clone(), Some(durable));
                self.recent.remember(job.clone());
                crate::metrics::record_rejection(&job, &reasons, listed);
                let retry_after_ms = retry_wait_ms(&self.nodes, &reasons, &model, now);
                Err(Box::new(Rejected {
                    job,
                    reasons,
                    transient,
                    listed,
                    retry_after_ms,
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
                span.record("rejection_reason", rejection_details(reasons))
            }
        };
        decision
    }

    /// The name a provider knows a model by, for a name the submit canonicalised the Ollama
    /// way: `llama-3.3-70b-versatile:latest` is Groq's `llama-3.3-70b-versatile`, and
    /// `gemini-2.5-flash(:latest)` Gemini's `models/gemini-2.5-flash`. `None` when the name is
    /// fine as it is (an Ollama model, or one nobody knows).
    fn provider_name_for(&self, model: &str) -> Option<String> {
        if self.knows_model_as(model) {
            return None;
        }
        let bare = model.strip_suffix(":latest").unwrap_or(model);
        [bare.to_owned(), format!("models/{bare}")]
            .into_iter()
            .find(|name| name != model && self.knows_model_as(name))
    }

    /// Whether a route or some node's last known list names `name` exactly.
    fn knows_model_as(&self, name: &str) -> bool {
        self.routes.contains_key(name)
            || self.nodes.iter().any(|node| {
                node.status.as_ref().is_some_and(|status| {
                    status.installed.iter().any(|model| model.name == name)
                        || status.unavailable.iter().any(|model| model.model == name)
                })
            })
    }

    /// True when the model is routed or on some node's last known list (`ListModels` lists it).
    pub(super) fn model_is_listed(&self, model: &str) -> bool {
        self.routes.contains_key(model)
            || self
                .nodes
                .iter()
                .any(|node| node.has_model(model) || node.unavailable(model, i64::MIN).is_some())
    }

    /// "no node can run gemma4:latest; did you mean gemma4:27b?": the headline of a rejection,
    /// its status message and the job's `reason`. The per-node reasons travel beside it
    /// (`Job.rejections`, the status' details), never glued on, so no client shows them twice.
    fn rejection_headline(
        &self,
        model: &str,
        listed: bool,
        reasons: &[NodeIneligibility],
    ) -> String {
        if reasons.is_empty() {
            return format!("no node can run {model}: no nodes are configured or connected");
        }
        let suggestion = if listed {
            String::new()
        } else {
            let known = self.listed_models();
            did_you_mean(model, known.iter().map(String::as_str))
        };
        format!("no node can run {model}{suggestion}")
    }
}

/// Every node's reason on one line, for the trace and the log, where one line is wanted.
fn rejection_details(reasons: &[NodeIneligibility]) -> String {
    let details: Vec<&str> = reasons
        .iter()
        .map(|reason| reason.reason.as_str())
        .collect();
    details.join("; ")
}
