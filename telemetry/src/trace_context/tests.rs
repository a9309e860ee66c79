//! A job's trace id survives every hop: from gRPC metadata into the job span, and from the
//! job span into the carrier sent to the agent — with and without span export.

use opentelemetry::trace::TracerProvider;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::layer::SubscriberExt;

use super::*;

const CLIENT_TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_SPAN_ID: &str = "00f067aa0ba902b7";

fn client_carrier() -> TraceCarrier {
    TraceCarrier::from([(
        "traceparent".to_owned(),
        format!("00-{CLIENT_TRACE_ID}-{CLIENT_SPAN_ID}-01"),
    )])
}

fn job_span() -> Span {
    tracing::info_span!(parent: None, "job", job_id = "01TEST", trace_id = tracing::field::Empty)
}

/// `(trace id, parent span id)` of a carrier's `traceparent`.
fn traceparent_ids(carrier: &TraceCarrier) -> (String, String) {
    let parts: Vec<&str> = carrier["traceparent"].split('-').collect();
    assert_eq!(parts.len(), 4, "{carrier:?}");
    (parts[1].to_owned(), parts[2].to_owned())
}

#[test]
fn grpc_metadata_gives_its_w3c_keys_only() {
    let mut metadata = tonic::metadata::MetadataMap::new();
    metadata.insert(
        "traceparent",
        format!("00-{CLIENT_TRACE_ID}-{CLIENT_SPAN_ID}-01")
            .parse()
            .unwrap(),
    );
    metadata.insert("tracestate", "vendor=1".parse().unwrap());
    metadata.insert("authorization", "Bearer secret".parse().unwrap());
    let carrier = carrier_from_grpc_metadata(&metadata);
    assert_eq!(carrier.len(), 2);
    assert_eq!(carrier["tracestate"], "vendor=1");
    assert!(carrier_from_grpc_metadata(&tonic::metadata::MetadataMap::new()).is_empty());
}

#[test]
fn without_export_the_client_trace_id_is_kept_and_passed_on() {
    let subscriber = tracing_subscriber::registry();
    tracing::subscriber::with_default(subscriber, || {
        let span = job_span();
        let trace = JobTrace::adopt(&span, &client_carrier());
        assert_eq!(trace.trace_id(), CLIENT_TRACE_ID);
        let (trace_id, parent) = traceparent_ids(&trace.carrier_for(&span));
        assert_eq!(trace_id, CLIENT_TRACE_ID);
        assert_eq!(parent, CLIENT_SPAN_ID);
    });
}

#[test]
fn without_export_or_a_client_parent_every_job_gets_its_own_sampled_trace() {
    let subscriber = tracing_subscriber::registry();
    tracing::subscriber::with_default(subscriber, || {
        let span = job_span();
        let first = JobTrace::adopt(&span, &TraceCarrier::new());
        let second = JobTrace::adopt(&job_span(), &TraceCarrier::new());
        assert_eq!(first.trace_id().len(), 32);
        assert_ne!(first.trace_id(), "0".repeat(32));
        assert_ne!(first.trace_id(), second.trace_id());
        let carrier = first.carrier_for(&span);
        assert_eq!(traceparent_ids(&carrier).0, first.trace_id());
        assert!(carrier["traceparent"].ends_with("-01"), "{carrier:?}");
    });
}

#[test]
fn with_export_the_job_span_is_the_clients_child_and_the_agent_gets_our_span() {
    let provider = SdkTracerProvider::builder().build();
    let layer = tracing_opentelemetry::layer().with_tracer(provider.tracer("test"));
    let subscriber = tracing_subscriber::registry().with(layer);
    tracing::subscriber::with_default(subscriber, || {
        let span = job_span();
        let trace = JobTrace::adopt(&span, &client_carrier());
        assert_eq!(trace.trace_id(), CLIENT_TRACE_ID);
        let dispatch = tracing::info_span!(parent: &span, "dispatch");
        let (trace_id, parent) = traceparent_ids(&trace.carrier_for(&dispatch));
        assert_eq!(trace_id, CLIENT_TRACE_ID);
        let dispatch_span_id = dispatch
            .context()
            .span()
            .span_context()
            .span_id()
            .to_string();
        assert_eq!(parent, dispatch_span_id);
        assert_ne!(parent, CLIENT_SPAN_ID);
    });
}

#[test]
fn a_malformed_traceparent_starts_a_fresh_trace() {
    let subscriber = tracing_subscriber::registry();
    tracing::subscriber::with_default(subscriber, || {
        let carrier = TraceCarrier::from([("traceparent".to_owned(), "00-nonsense-01".to_owned())]);
        let trace = JobTrace::adopt(&job_span(), &carrier);
        assert_eq!(trace.trace_id().len(), 32);
        assert_ne!(trace.trace_id(), CLIENT_TRACE_ID);
    });
}
