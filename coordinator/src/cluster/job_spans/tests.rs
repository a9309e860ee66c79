//! A job's spans open and close at its transitions, carry what happened, and pass the
//! client's trace on to the agent.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::ThreadId;

use proto::v1::{JobTimings, OllamaStats};
use tracing::Subscriber;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

use super::*;

const CLIENT_TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_SPAN_ID: &str = "00f067aa0ba902b7";

fn client_context() -> TraceCarrier {
    TraceCarrier::from([(
        "traceparent".to_owned(),
        format!("00-{CLIENT_TRACE_ID}-{CLIENT_SPAN_ID}-01"),
    )])
}

/// What happened to spans, one line each: `open NAME fields`, `record NAME fields`, `close NAME`,
/// with the thread it happened on (tests run side by side).
#[derive(Clone, Default)]
struct SpanLog(Arc<Mutex<Vec<(ThreadId, String)>>>);

impl SpanLog {
    fn lines_of(&self, thread: ThreadId) -> Vec<String> {
        let lines = self.0.lock().unwrap();
        lines
            .iter()
            .filter(|(on, _)| *on == thread)
            .map(|(_, line)| line.clone())
            .collect()
    }
    fn push(&self, line: String) {
        let thread = std::thread::current().id();
        self.0.lock().unwrap().push((thread, line));
    }
}

#[derive(Default)]
struct FieldText(String);

impl Visit for FieldText {
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl<S: Subscriber + for<'lookup> LookupSpan<'lookup>> Layer<S> for SpanLog {
    fn on_new_span(&self, attributes: &Attributes<'_>, _id: &Id, _context: Context<'_, S>) {
        let mut fields = FieldText::default();
        attributes.record(&mut fields);
        self.push(format!("open {}{}", attributes.metadata().name(), fields.0));
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        let mut fields = FieldText::default();
        values.record(&mut fields);
        let name = context.span(id).map(|span| span.name()).unwrap_or("?");
        self.push(format!("record {name}{}", fields.0));
    }
    fn on_close(&self, id: Id, context: Context<'_, S>) {
        let name = context.span(&id).map(|span| span.name()).unwrap_or("?");
        self.push(format!("close {name}"));
    }
}

/// Runs `work` and returns what it did to spans. The subscriber is global because a
/// thread-local one misses callsites that other tests' threads register first.
fn logged(work: impl FnOnce()) -> Vec<String> {
    static SPAN_LOG: OnceLock<SpanLog> = OnceLock::new();
    let log = SPAN_LOG.get_or_init(|| {
        let log = SpanLog::default();
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(log.clone()))
            .expect("no other coordinator test installs a global subscriber");
        log
    });
    work();
    log.lines_of(std::thread::current().id())
}

fn succeeded_job() -> Job {
    Job {
        id: "01JOB".into(),
        state: JobState::Succeeded as i32,
        node: "davas".into(),
        attempt: 1,
        timings: Some(JobTimings {
            ollama: Some(OllamaStats {
                prompt_eval_count: 12,
                eval_count: 34,
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn the_job_continues_the_clients_trace_and_hands_it_to_the_agent() {
    logged(|| {
        let mut spans = JobSpans::start("01JOB", "gemma4:27b", &client_context());
        assert_eq!(spans.trace.trace_id(), CLIENT_TRACE_ID);
        spans.queued("davas");
        let carrier = spans.dispatched("davas", 1);
        let traceparent = &carrier["traceparent"];
        assert!(
            traceparent.starts_with(&format!("00-{CLIENT_TRACE_ID}-")),
            "{traceparent}"
        );
    });
}

#[test]
fn spans_open_and_close_at_the_jobs_transitions() {
    let lines = logged(|| {
        let mut spans = JobSpans::start("01JOB", "gemma4:27b", &client_context());
        spans.route("gemma4:27b").record("node", "davas");
        spans.queued("davas");
        spans.dispatched("davas", 1);
        spans.ended(&succeeded_job());
    });
    let expected_in_order = [
        "open job job_id=01JOB model=gemma4:27b gen_ai.request.model=gemma4:27b otel.kind=server",
        &format!("record job trace_id={CLIENT_TRACE_ID}"),
        "open route model=gemma4:27b",
        "record route node=davas",
        "close route",
        "open queue_wait node=davas",
        "close queue_wait",
        "open dispatch node=davas attempt=1 otel.kind=client",
        "record dispatch outcome=succeeded",
        "close dispatch",
        // The end is recorded in one call, unset fields left out.
        "record job outcome=succeeded attempt=1 node=davas tokens_in=12 tokens_out=34",
        "close job",
    ];
    let mut position = 0;
    for expected in expected_in_order {
        let found = lines[position..].iter().position(|line| line == expected);
        assert!(
            found.is_some(),
            "{expected:?} not after line {position} in {lines:#?}"
        );
        position += found.unwrap_or_default() + 1;
    }
    assert!(!lines.iter().any(|line| line.contains("otel.status_code")));
}

#[test]
fn a_lost_attempt_closes_its_dispatch_and_the_rerouted_job_waits_again() {
    let lines = logged(|| {
        let mut spans = JobSpans::start("01JOB", "qwen2.5:14b", &TraceCarrier::new());
        spans.queued("davas");
        spans.dispatched("davas", 1);
        spans.attempt_lost("node_lost: davas");
        assert!(spans.dispatch.is_none());
        spans.queued("homelab");
        assert!(spans.queue_wait.is_some());
        drop(spans);
    });
    let lost = lines
        .iter()
        .position(|line| line == "record dispatch outcome=lost: node_lost: davas")
        .unwrap();
    assert_eq!(lines[lost + 1], "close dispatch");
    assert!(lines[lost..].contains(&"open queue_wait node=homelab".to_owned()));
}

#[test]
fn a_failure_is_an_error_in_the_trace_and_a_rejection_names_its_reason() {
    let lines = logged(|| {
        let mut failed = JobSpans::start("01FAIL", "qwen2.5:14b", &TraceCarrier::new());
        failed.ended(&Job {
            state: JobState::Failed as i32,
            reason: "ollama_error: out of memory".into(),
            ..Default::default()
        });
        let mut rejected = JobSpans::start("01REJ", "gemma4:27b", &TraceCarrier::new());
        rejected.ended(&Job {
            state: JobState::Rejected as i32,
            reason: "no node can run gemma4:27b: davas: agent down".into(),
            ..Default::default()
        });
    });
    assert!(lines.contains(
        &"record job outcome=failed attempt=0 reason=ollama_error: out of memory otel.status_code=error"
            .to_owned()
    ));
    assert!(lines.contains(
        &"record job outcome=rejected attempt=0 rejection_reason=no node can run gemma4:27b: davas: agent down"
            .to_owned()
    ));
    assert_eq!(
        lines
            .iter()
            .filter(|line| line.contains("otel.status_code"))
            .count(),
        1
    );
}

#[test]
fn a_job_that_ran_carries_the_genai_attributes_it_knows() {
    let lines = logged(|| {
        let spans = JobSpans::start("01GENAI", "gemini-2.5-flash", &TraceCarrier::new());
        spans.ran(
            &Job {
                spec: Some(proto::v1::JobSpec {
                    kind: JobKind::Chat as i32,
                    model: "gemini-2.5-flash".into(),
                    ..Default::default()
                }),
                served_model: "gemini-2.5-flash-001".into(),
                usage: Some(proto::v1::TokenUsage {
                    input_tokens: Some(100),
                    output_tokens: Some(40),
                    cached_input_tokens: None,
                    reasoning_tokens: Some(7),
                }),
                cost_usd: Some(0.25),
                ..Default::default()
            },
            "gemini",
        );
        let embed = JobSpans::start("01EMBED", "nomic-embed-text:latest", &TraceCarrier::new());
        embed.ran(
            &Job {
                spec: Some(proto::v1::JobSpec {
                    kind: JobKind::Embed as i32,
                    ..Default::default()
                }),
                ..Default::default()
            },
            "ollama",
        );
    });
    let recorded: Vec<&str> = lines
        .iter()
        .filter(|line| {
            line.starts_with("record job gen_ai") || line.starts_with("record job llm_runner")
        })
        .map(String::as_str)
        .collect();
    assert_eq!(
        recorded,
        [
            "record job gen_ai.operation.name=chat",
            "record job gen_ai.provider.name=gcp.gemini",
            "record job gen_ai.response.model=gemini-2.5-flash-001",
            "record job gen_ai.usage.input_tokens=100",
            "record job gen_ai.usage.output_tokens=40",
            "record job gen_ai.usage.reasoning.output_tokens=7",
            "record job llm_runner.cost_usd=0.25",
            "record job gen_ai.operation.name=embeddings",
            "record job gen_ai.provider.name=ollama",
        ]
    );
}
