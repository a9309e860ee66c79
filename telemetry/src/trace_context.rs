//! W3C trace context between hosts: a client's `traceparent` gRPC metadata becomes the parent
//! of the coordinator's job span, and the coordinator hands the job's context to the agent in
//! `AssignJob.trace_context`, so one job is one trace on every host.
//!
//! Log lines need the trace id even when nothing is exported, so a [`JobTrace`] always has
//! one: the exported span's, else the incoming parent's, else a fresh random one.

use std::collections::HashMap;

use opentelemetry::propagation::TextMapPropagator;
use opentelemetry::trace::{SpanContext, TraceContextExt, TraceFlags, TraceId, TraceState};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{IdGenerator, RandomIdGenerator};
use tracing::Span;
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// `traceparent` (and `tracestate`) as text: the shape of gRPC metadata and of the proto's
/// `map<string, string> trace_context`.
pub type TraceCarrier = HashMap<String, String>;

/// The W3C keys a carrier may hold.
const TRACE_CONTEXT_KEYS: [&str; 2] = ["traceparent", "tracestate"];

/// The trace context a client sent with a gRPC request (empty when it sent none).
pub fn carrier_from_grpc_metadata(metadata: &tonic::metadata::MetadataMap) -> TraceCarrier {
    TRACE_CONTEXT_KEYS
        .iter()
        .filter_map(|key| {
            let value = metadata.get(*key)?.to_str().ok()?;
            Some(((*key).to_owned(), value.to_owned()))
        })
        .collect()
}

/// Adds a point-in-time event (e.g. "first_token") to `span`'s exported span; free when
/// nothing is exported, and kept out of the logs.
pub fn add_span_event(span: &Span, name: &'static str) {
    span.add_event(name, Vec::new());
}

/// One job's trace on this host.
#[derive(Debug, Clone)]
pub struct JobTrace {
    trace_id: TraceId,
    /// What other hosts are told when this host exports nothing: the incoming parent, or a
    /// made-up one carrying the job's trace id, so their logs still name the same trace.
    unexported_parent: SpanContext,
}

impl JobTrace {
    /// Makes `span` this host's root of the job's trace, under the parent in `carrier`, and
    /// records the trace id in its `trace_id` field. Call it before `span` is entered or has
    /// children; `span` must declare `trace_id = tracing::field::Empty`.
    pub fn adopt(span: &Span, carrier: &TraceCarrier) -> Self {
        let parent = TraceContextPropagator::new().extract(carrier);
        let incoming = parent.span().span_context().clone();
        // Without the OpenTelemetry layer (nothing exported) there is no parent to set.
        let _ = span.set_parent(parent);
        let exported = span.context().span().span_context().clone();
        let unexported_parent = if exported.is_valid() {
            exported
        } else if incoming.is_valid() {
            incoming
        } else {
            let ids = RandomIdGenerator::default();
            SpanContext::new(
                ids.new_trace_id(),
                ids.new_span_id(),
                TraceFlags::SAMPLED,
                true,
                TraceState::default(),
            )
        };
        let trace = Self {
            trace_id: unexported_parent.trace_id(),
            unexported_parent,
        };
        span.record("trace_id", trace.trace_id());
        trace
    }

    /// 32 lowercase hex digits, as W3C, Tempo and Loki write it.
    pub fn trace_id(&self) -> String {
        self.trace_id.to_string()
    }

    /// The carrier for work that `span` (of this job) hands to another host: `span`'s own
    /// context when it is exported, else the job's trace as it came in.
    pub fn carrier_for(&self, span: &Span) -> TraceCarrier {
        let mut context = span.context();
        if !context.span().span_context().is_valid() {
            context = opentelemetry::Context::new()
                .with_remote_span_context(self.unexported_parent.clone());
        }
        let mut carrier = TraceCarrier::new();
        TraceContextPropagator::new().inject_context(&context, &mut carrier);
        carrier
    }
}

#[cfg(test)]
mod tests;
