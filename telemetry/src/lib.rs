//! Logs and traces for both llm-runner binaries, set up in one place.
//!
//! [`init`] installs the process's `tracing` subscriber: log lines on stderr (text, or JSON
//! lines that carry the current span's fields), levels from `RUST_LOG` (default `info`), and —
//! only when the standard `OTEL_EXPORTER_OTLP_*ENDPOINT` variables ask for it — spans exported
//! over OTLP (gRPC or HTTP protobuf) in batches. Without those variables no exporter is built
//! and nothing leaves the process. [`JobTrace`] carries a job's W3C trace context between
//! hosts (gRPC metadata from clients, the `AssignJob` message to agents), so one job is one
//! trace across the coordinator and the agent.
//!
//! **Architecture Invariant:** export failures are counted and logged at most once a minute;
//! they never block or fail a job.

mod export_failures;
pub mod genai;
mod otel_config;
mod span_export;
mod subscriber;
mod trace_context;

pub use export_failures::{TRACE_EXPORT_FAILURES_TOTAL, describe_metrics};
pub use otel_config::{OtlpProtocol, OtlpSettings};
pub use subscriber::{TelemetryGuard, TelemetryOptions, init};
pub use trace_context::{JobTrace, TraceCarrier, add_span_event, carrier_from_grpc_metadata};

/// How log lines look on stderr: `log_format = "text" | "json"` in both configs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// For people: one line per event, span fields in front.
    #[default]
    Text,
    /// For Loki and friends: one JSON object per line, with the current span's fields.
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    /// A standard OpenTelemetry variable holds something we cannot use.
    #[error("{variable}: {problem}")]
    BadVariable {
        variable: &'static str,
        problem: String,
    },
    #[error(
        "cannot build the OTLP span exporter: {0}; check OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_PROTOCOL"
    )]
    ExporterBuild(String),
    #[error("trace export needs the tokio runtime: call telemetry::init inside it")]
    NoRuntime,
    #[error("a tracing subscriber is already installed in this process; call telemetry::init once")]
    AlreadyInstalled,
}
