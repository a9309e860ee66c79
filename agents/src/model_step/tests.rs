//! Tests: The step's trace context as gRPC metadata.

use super::*;

#[test]
fn the_trace_context_travels_as_grpc_metadata() {
    let carrier = TraceCarrier::from([
        (
            "traceparent".to_owned(),
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".to_owned(),
        ),
        ("tracestate".to_owned(), "runner=1".to_owned()),
    ]);
    let request = with_trace_context(SubmitJobRequest::default(), &carrier);
    let metadata = request.metadata();
    assert_eq!(
        metadata.get("traceparent").and_then(|v| v.to_str().ok()),
        Some("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    );
    assert_eq!(
        metadata.get("tracestate").and_then(|v| v.to_str().ok()),
        Some("runner=1")
    );
}

#[test]
fn a_value_that_cannot_be_metadata_is_left_out() {
    let carrier = TraceCarrier::from([("traceparent".to_owned(), "bad\nvalue".to_owned())]);
    let request = with_trace_context(SubmitJobRequest::default(), &carrier);
    assert!(request.metadata().get("traceparent").is_none());
}
