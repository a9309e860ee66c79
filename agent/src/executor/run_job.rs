//! Runs one job against Ollama and reports it as `started`, a `delta` per token, then
//! `completed` or `failed` with Ollama's own message. Traced as `run_job` (the whole job on
//! this host: outcome, token counts) around `ollama_request` (with a `first_token` event).

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, JobCompletedOnNode, JobKind, JobSpec, JobStartedOnNode};
use telemetry::{JobTrace, TraceCarrier};
use tokio::sync::mpsc;
use tracing::field::Empty;
use tracing::{Instrument, Span};

use super::failed;
use crate::ollama::{GenerationStream, OllamaClient, OllamaError};

/// The link has gone: nobody is left to tell.
struct LinkGone;

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

/// Ollama's endpoint for a job kind, to name in the request's span.
fn endpoint(kind: JobKind) -> &'static str {
    match kind {
        JobKind::Chat => "/api/chat",
        JobKind::Generate => "/api/generate",
        JobKind::Embed => "/api/embed",
        JobKind::Unspecified => "",
    }
}

pub(super) async fn run_job(
    ollama: OllamaClient,
    job_id: String,
    spec: JobSpec,
    updates: mpsc::Sender<AgentJobUpdate>,
) {
    let reporter = Reporter { job_id, updates };
    if reporter
        .send(Event::Started(JobStartedOnNode {}))
        .await
        .is_err()
    {
        return;
    }
    let request_span = tracing::info_span!(
        "ollama_request",
        model = %spec.model,
        endpoint = endpoint(spec.kind()),
        otel.kind = "client",
    );
    let outcome = async {
        match spec.kind() {
            JobKind::Chat => stream_tokens(ollama.chat(&spec).await, &reporter).await,
            JobKind::Generate => stream_tokens(ollama.generate(&spec).await, &reporter).await,
            JobKind::Embed => Ok(ollama.embed(&spec).await.map(|outcome| JobCompletedOnNode {
                model: outcome.model,
                stats: Some(outcome.stats),
                embeddings: outcome.embeddings,
            })),
            JobKind::Unspecified => Ok(Err(OllamaError::BadSpec {
                reason: "job kind is unspecified; submit it as chat, generate or embed".to_owned(),
            })),
        }
    }
    .instrument(request_span)
    .await;
    let Ok(outcome) = outcome else {
        Span::current().record("outcome", "abandoned: the link to the coordinator is gone");
        return;
    };
    record_outcome(&Span::current(), &outcome);
    let last = match outcome {
        Ok(completed) => AgentJobUpdate {
            job_id: reporter.job_id.clone(),
            event: Some(Event::Completed(completed)),
        },
        Err(error) => failed(reporter.job_id.clone(), error.to_string(), false),
    };
    // If the link has gone meanwhile there is nobody left to tell.
    let _ = reporter.updates.send(last).await;
}

/// Forwards every non-empty token as a delta; the final chunk becomes the completion.
async fn stream_tokens(
    stream: Result<GenerationStream, OllamaError>,
    reporter: &Reporter,
) -> Result<Result<JobCompletedOnNode, OllamaError>, LinkGone> {
    let mut stream = match stream {
        Ok(stream) => stream,
        Err(error) => return Ok(Err(error)),
    };
    let mut first_token_seen = false;
    loop {
        let chunk = match stream.next_chunk().await {
            Ok(Some(chunk)) => chunk,
            // `next_chunk` reports a stream without its final chunk as an error, so `None`
            // only follows the final chunk, which returned below.
            Ok(None) => return Ok(Err(OllamaError::Truncated)),
            Err(error) => return Ok(Err(error)),
        };
        if !chunk.text.is_empty() {
            if !first_token_seen {
                first_token_seen = true;
                telemetry::add_span_event(&Span::current(), "first_token");
            }
            reporter.send(Event::Delta(chunk.text)).await?;
        }
        if let Some(stats) = chunk.final_stats {
            return Ok(Ok(JobCompletedOnNode {
                model: chunk.model,
                stats: Some(stats),
                embeddings: Vec::new(),
            }));
        }
    }
}

/// Outcome and token counts on the job's span (the current span while the job runs).
fn record_outcome(span: &Span, outcome: &Result<JobCompletedOnNode, OllamaError>) {
    match outcome {
        Ok(completed) => {
            span.record("outcome", "succeeded");
            if let Some(stats) = &completed.stats {
                // Signed: the OpenTelemetry layer would turn a `u64` into text.
                span.record(
                    "tokens_in",
                    i64::try_from(stats.prompt_eval_count).unwrap_or(i64::MAX),
                );
                span.record(
                    "tokens_out",
                    i64::try_from(stats.eval_count).unwrap_or(i64::MAX),
                );
            }
        }
        Err(error) => {
            span.record("outcome", "failed");
            span.record("reason", error.to_string());
            span.record("otel.status_code", "error");
        }
    }
}

struct Reporter {
    job_id: String,
    updates: mpsc::Sender<AgentJobUpdate>,
}

impl Reporter {
    async fn send(&self, event: Event) -> Result<(), LinkGone> {
        let update = AgentJobUpdate {
            job_id: self.job_id.clone(),
            event: Some(event),
        };
        self.updates.send(update).await.map_err(|_| LinkGone)
    }
}
