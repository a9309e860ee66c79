//! Runs one job on this node's backend and reports it as `started`, a `delta` per token, then
//! `completed` or `failed` with the backend's own message. Traced as `run_job` (the whole job
//! on this host: outcome, token counts) around the backend's request span (`ollama_request`,
//! `provider_request`, with a `first_token` event).

use std::sync::Arc;

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, JobFailedOnNode, JobSpec, JobStartedOnNode};
use telemetry::{JobTrace, TraceCarrier};
use tokio::sync::mpsc;
use tracing::Span;
use tracing::field::Empty;

use crate::backend::{Backend, JobOutcome, Tokens, UsageSoFar};

/// The job's span on this host, a child of the coordinator's dispatch in `trace_context`.
pub(super) fn run_job_span(
    job_id: &str,
    spec: Option<&JobSpec>,
    trace_context: &TraceCarrier,
) -> Span {
    let model = spec.map(|spec| spec.model.as_str()).unwrap_or_default();
    let span = tracing::info_span!(
        parent: None,
        "run_job",
        job_id,
        model,
        trace_id = Empty,
        outcome = Empty,
        reason = Empty,
        tokens_in = Empty,
        tokens_out = Empty,
        otel.kind = "server",
        otel.status_code = Empty,
    );
    JobTrace::adopt(&span, trace_context);
    span
}

pub(super) async fn run_job(
    backend: Arc<dyn Backend>,
    job_id: String,
    spec: JobSpec,
    updates: mpsc::Sender<AgentJobUpdate>,
    usage_so_far: UsageSoFar,
) {
    let mut tokens = Tokens::with_usage_so_far(job_id, updates.clone(), usage_so_far);
    if tokens
        .event(Event::Started(JobStartedOnNode {}))
        .await
        .is_err()
    {
        return;
    }
    let Ok(outcome) = backend.run(&spec, &mut tokens).await else {
        Span::current().record("outcome", "abandoned: the link to the coordinator is gone");
        return;
    };
    record_outcome(&Span::current(), &outcome);
    let event = match outcome {
        Ok(completed) => Event::Completed(completed),
        Err(failure) => Event::Failed(JobFailedOnNode {
            message: failure.message,
            cancelled: false,
            cause: failure.cause as i32,
            usage: failure.usage,
        }),
    };
    // If the link has gone meanwhile there is nobody left to tell.
    let _ = tokens.event(event).await;
}

/// Outcome and token counts on the job's span (the current span while the job runs).
fn record_outcome(span: &Span, outcome: &JobOutcome) {
    match outcome {
        Ok(completed) => {
            span.record("outcome", "succeeded");
            let usage = completed.usage.unwrap_or_default();
            // Signed: the OpenTelemetry layer would turn a `u64` into text.
            if let Some(input) = usage.input_tokens {
                span.record("tokens_in", i64::try_from(input).unwrap_or(i64::MAX));
            }
            if let Some(output) = usage.output_tokens {
                span.record("tokens_out", i64::try_from(output).unwrap_or(i64::MAX));
            }
        }
        Err(failure) => {
            span.record("outcome", "failed");
            span.record("reason", failure.message.as_str());
            span.record("otel.status_code", "error");
        }
    }
}
