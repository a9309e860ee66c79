//! A model step: one chat job of the cluster, submitted with `SubmitAndWatch` under the run's
//! idempotency key for the step, with the step span's `traceparent` as gRPC metadata so the
//! job's trace joins the run's, and followed to its end with `client::JobOutput`. A rejection
//! ends the step `rejected` with every node's reason: the step is never tried on another
//! model. Cancelling the run drops the stream and cancels the job.

#[cfg(test)]
mod tests;

mod ending;

use std::time::Duration;

use client::{JobOutput, OutputStep};
use proto::v1::{ChatMessage, JobKind, JobSpec, SubmitJobRequest, job_event::Event};
use telemetry::TraceCarrier;
use tokio::time::Instant;
use tonic::metadata::{MetadataKey, MetadataValue};
use tonic_types::StatusExt;
use tracing::Instrument;

use crate::context::{RunContext, StepFailure};
use crate::run_record::{RunRecord, StepIndex, StepState};

use ending::{
    cancel_job, end_with_job, ended_after_stream, note_job, rejected_job_id, show_output,
};

/// How often a running step's output so far is sent on the run (not every token: each send
/// is the whole run).
const LIVE_OUTPUT_EVERY: Duration = Duration::from_millis(250);

/// Runs `messages` on the run's model as the step `name`; the answer's text.
pub(crate) async fn run_model_step(
    context: &RunContext,
    record: &mut RunRecord,
    name: &str,
    messages: Vec<ChatMessage>,
) -> Result<String, StepFailure> {
    let index = record.begin_step(name);
    let span = tracing::info_span!("agent_step", step = name, job_id = tracing::field::Empty);
    let carrier = context.trace.carrier_for(&span);
    follow(context, record, index, name, messages, carrier)
        .instrument(span)
        .await
}

async fn follow(
    context: &RunContext,
    record: &mut RunRecord,
    index: StepIndex,
    name: &str,
    messages: Vec<ChatMessage>,
    carrier: TraceCarrier,
) -> Result<String, StepFailure> {
    let spec = JobSpec {
        kind: JobKind::Chat.into(),
        model: context.input.model.clone(),
        messages,
        idempotency_key: context.idempotency_key(name),
        source: context.job_source(name),
        ..JobSpec::default()
    };
    let request = with_trace_context(SubmitJobRequest { spec: Some(spec) }, &carrier);
    let coordinator = &context.deps.coordinator;
    let mut stream = match coordinator.jobs().submit_and_watch(request).await {
        Ok(response) => response.into_inner(),
        Err(status) if status.get_details_precondition_failure().is_some() => {
            let reason = client::rejection_text(&status);
            let job_id = rejected_job_id(&status);
            record.update_step(index, |step| step.job_id = job_id);
            record.end_step(index, StepState::Rejected, "", &reason);
            tracing::warn!(%reason, "agent step rejected");
            return Err(StepFailure::Rejected {
                step: name.to_owned(),
                reason,
            });
        }
        Err(status) => {
            let reason = coordinator
                .unreachable(&status)
                .map_or_else(|| status.message().to_owned(), |error| error.to_string());
            record.end_step(index, StepState::Failed, "", &reason);
            return Err(StepFailure::failed(name, reason));
        }
    };
    let mut output: Option<JobOutput> = None;
    let mut job_id = String::new();
    let mut shown_at = Instant::now();
    loop {
        let message = tokio::select! {
            biased;
            () = context.cancel.cancelled() => {
                cancel_job(coordinator, &job_id, stream).await;
                record.end_step(index, StepState::Cancelled, output.as_ref().map_or("", JobOutput::shown), "cancelled");
                return Err(StepFailure::cancelled(name));
            }
            message = stream.message() => message,
        };
        let event = match message {
            Ok(Some(event)) => event,
            Ok(None) => return ended_after_stream(coordinator, record, index, name, &job_id).await,
            Err(status) => {
                let reason = format!("job {job_id} was cut off: {}", status.message());
                record.end_step(index, StepState::Failed, "", &reason);
                return Err(StepFailure::failed(name, reason));
            }
        };
        let step = match (&mut output, event.event) {
            (None, Some(Event::Job(first))) => {
                job_id.clone_from(&first.id);
                tracing::Span::current().record("job_id", job_id.as_str());
                output = Some(JobOutput::new(&first));
                if client::is_terminal(first.state) {
                    return end_with_job(record, index, name, first);
                }
                OutputStep::Changed(first)
            }
            (None, _) => continue,
            (Some(follower), event) => follower.apply(proto::v1::JobEvent { event }),
        };
        match step {
            OutputStep::Ended { job, .. } => return end_with_job(record, index, name, job),
            OutputStep::Changed(job) | OutputStep::Restarted(job) => note_job(record, index, &job),
            OutputStep::Tokens(_) | OutputStep::Unknown => {}
        }
        if let Some(follower) = &output
            && shown_at.elapsed() >= LIVE_OUTPUT_EVERY
        {
            show_output(record, index, follower.shown());
            shown_at = Instant::now();
        }
    }
}

/// The request with the step's W3C trace context (`traceparent`, `tracestate`) as metadata.
fn with_trace_context(
    message: SubmitJobRequest,
    carrier: &TraceCarrier,
) -> tonic::Request<SubmitJobRequest> {
    let mut request = tonic::Request::new(message);
    for (key, value) in carrier {
        let key = MetadataKey::from_bytes(key.as_bytes());
        if let (Ok(key), Ok(value)) = (key, value.parse::<MetadataValue<_>>()) {
            request.metadata_mut().insert(key, value);
        }
    }
    request
}
