//! One job's trace on the coordinator. The cluster loop handles many jobs in one task, so a
//! job's spans live with the job (in `ActiveJob`) and are opened and closed with explicit
//! parents at its transitions: `job` (submit to end, a child of the client's `traceparent`),
//! `route`, `queue_wait` (placed to assigned) and `dispatch` (assigned to the end of that
//! attempt; the agent's spans are its children). Log lines about the job use `job` as their
//! parent, so they carry its `job_id` and `trace_id`.

use proto::v1::{Job, JobKind, JobState};
use telemetry::{JobTrace, TraceCarrier, genai};
use tracing::Span;
use tracing::field::Empty;

#[derive(Debug)]
pub struct JobSpans {
    /// The job's whole life on the coordinator.
    pub job: Span,
    pub trace: JobTrace,
    queue_wait: Option<Span>,
    dispatch: Option<Span>,
}

impl JobSpans {
    /// Opens the job's span under the client's trace context (a new trace when it is empty).
    pub fn start(job_id: &str, model: &str, client_trace_context: &TraceCarrier) -> Self {
        let job = tracing::info_span!(
            parent: None,
            "job",
            job_id,
            model,
            trace_id = Empty,
            node = Empty,
            attempt = Empty,
            outcome = Empty,
            reason = Empty,
            rejection_reason = Empty,
            tokens_in = Empty,
            tokens_out = Empty,
            // The GenAI conventions' names (`telemetry::genai`), recorded when known.
            gen_ai.request.model = model,
            gen_ai.operation.name = Empty,
            gen_ai.provider.name = Empty,
            gen_ai.response.model = Empty,
            gen_ai.usage.input_tokens = Empty,
            gen_ai.usage.output_tokens = Empty,
            gen_ai.usage.cache_read.input_tokens = Empty,
            gen_ai.usage.reasoning.output_tokens = Empty,
            llm_runner.cost_usd = Empty,
            otel.kind = "server",
            otel.status_code = Empty,
        );
        let trace = JobTrace::adopt(&job, client_trace_context);
        Self {
            job,
            trace,
            queue_wait: None,
            dispatch: None,
        }
    }

    /// A span around the routing decision; record `node` or `rejection_reason` on it.
    pub fn route(&self, model: &str) -> Span {
        tracing::info_span!(parent: &self.job, "route", model, node = Empty, rejection_reason = Empty)
    }

    /// The job waits for a slot on `node` (however short the wait). The job span names its
    /// node once, when it ends: attributes are not overwritten, only added.
    pub fn queued(&mut self, node: &str) {
        self.dispatch = None;
        self.queue_wait = Some(tracing::info_span!(parent: &self.job, "queue_wait", node));
    }

    /// The job goes to `node`'s agent: the wait ends and the dispatch begins. Returns the trace
    /// context for `AssignJob`, which makes the agent's spans children of the dispatch.
    pub fn dispatched(&mut self, node: &str, attempt: u32) -> TraceCarrier {
        self.queue_wait = None;
        let dispatch = tracing::info_span!(
            parent: &self.job,
            "dispatch",
            node,
            attempt = i64::from(attempt),
            outcome = Empty,
            otel.kind = "client",
        );
        let carrier = self.trace.carrier_for(&dispatch);
        self.dispatch = Some(dispatch);
        carrier
    }

    pub fn first_token(&self) {
        telemetry::add_span_event(&self.job, "first_token");
    }

    /// The current attempt ended without ending the job (its node was lost; it runs again).
    pub fn attempt_lost(&mut self, reason: &str) {
        if let Some(dispatch) = self.dispatch.take() {
            dispatch.record("outcome", format!("lost: {reason}"));
        }
        self.queue_wait = None;
    }

    /// Records what a job that ran did, in the GenAI conventions' words: the operation, the
    /// provider (`backend`: the node's), the model that answered, the tokens and the cost, each
    /// only when known.
    pub fn ran(&self, job: &Job, backend: &str) {
        let span = &self.job;
        let kind = job.spec.as_ref().map(|spec| spec.kind);
        let operation = match kind.and_then(|kind| JobKind::try_from(kind).ok()) {
            Some(JobKind::Chat) => Some(genai::OPERATION_CHAT),
            Some(JobKind::Generate) => Some(genai::OPERATION_TEXT_COMPLETION),
            Some(JobKind::Embed) => Some(genai::OPERATION_EMBEDDINGS),
            Some(JobKind::Unspecified) | None => None,
        };
        if let Some(operation) = operation {
            span.record(genai::OPERATION_NAME, operation);
        }
        span.record(genai::PROVIDER_NAME, genai::provider_name(backend));
        if !job.served_model.is_empty() {
            span.record(genai::RESPONSE_MODEL, job.served_model.as_str());
        }
        if let Some(usage) = &job.usage {
            let counts = [
                (genai::USAGE_INPUT_TOKENS, usage.input_tokens),
                (genai::USAGE_OUTPUT_TOKENS, usage.output_tokens),
                (
                    genai::USAGE_CACHE_READ_INPUT_TOKENS,
                    usage.cached_input_tokens,
                ),
                (genai::USAGE_REASONING_OUTPUT_TOKENS, usage.reasoning_tokens),
            ];
            for (name, count) in counts {
                if let Some(count) = count {
                    span.record(name, as_int(count));
                }
            }
        }
        if let Some(cost) = job.cost_usd {
            span.record(genai::COST_USD, cost);
        }
    }

    /// Records how the job ended on every open span; they close when `self` is dropped.
    pub fn ended(&mut self, job: &Job) {
        let state = JobState::try_from(job.state).unwrap_or(JobState::Unspecified);
        let outcome = outcome_name(state);
        if let Some(dispatch) = self.dispatch.take() {
            dispatch.record("outcome", outcome);
        }
        self.queue_wait = None;
        let rejected = state == JobState::Rejected;
        let reason = (!job.reason.is_empty() || rejected).then_some(job.reason.as_str());
        let stats = job
            .timings
            .as_ref()
            .and_then(|timings| timings.ollama.as_ref());
        // One call, so the subscriber handles the span once; unset values are left out.
        tracing::record_all!(
            self.job,
            outcome = outcome,
            attempt = i64::from(job.attempt),
            node = (!job.node.is_empty()).then_some(job.node.as_str()),
            rejection_reason = reason.filter(|_| rejected),
            reason = reason.filter(|_| !rejected),
            tokens_in = stats.map(|stats| as_int(stats.prompt_eval_count)),
            tokens_out = stats.map(|stats| as_int(stats.eval_count)),
            // A rejection is an answer, not a fault of ours; failures are errors in the trace.
            otel.status_code = (state == JobState::Failed).then_some("error"),
        );
    }
}

/// Counts as signed integers: the OpenTelemetry layer would turn a `u64` into text.
fn as_int(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// `succeeded`, `failed`, `cancelled`, `rejected`: the words the metrics use too.
fn outcome_name(state: JobState) -> &'static str {
    match state {
        JobState::Succeeded => "succeeded",
        JobState::Failed => "failed",
        JobState::Cancelled => "cancelled",
        JobState::Rejected => "rejected",
        JobState::Queued | JobState::Running | JobState::Unspecified => "unfinished",
    }
}

#[cfg(test)]
mod tests;
