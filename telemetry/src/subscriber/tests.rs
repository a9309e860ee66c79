//! The subscriber: no exporter without the OTEL variables, one installation per process, and
//! log lines inside a job that carry its `job_id` and `trace_id` in both formats.

use std::io;
use std::sync::{Arc, Mutex};

use settings::MapEnv;

use super::*;
use crate::{JobTrace, TraceCarrier};

const CLIENT_TRACE_ID: &str = "0af7651916cd43dd8448eb211c80319c";

#[test]
fn no_exporter_is_built_without_otel_variables() {
    let settings = OtlpSettings::from_env(&MapEnv::default(), "llm-runner-agent").unwrap();
    // Outside any runtime: building an exporter would fail here, so `None` means none was.
    assert!(
        exporting_provider(settings.as_ref(), "0")
            .unwrap()
            .is_none()
    );
}

#[test]
fn an_endpoint_makes_init_build_an_exporter_which_needs_the_runtime() {
    let env = MapEnv::from_pairs([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1")]);
    let settings = OtlpSettings::from_env(&env, "llm-runner-agent").unwrap();
    assert!(matches!(
        exporting_provider(settings.as_ref(), "0"),
        Err(TelemetryError::NoRuntime)
    ));
}

#[test]
fn init_installs_logs_without_export_once_per_process() {
    let env = MapEnv::from_pairs([("RUST_LOG", "warn,telemetry=debug")]);
    let options = TelemetryOptions {
        log_format: LogFormat::Json,
        default_service_name: "llm-runner-test",
        service_version: "0",
    };
    let guard = init(&options, &env).unwrap();
    assert!(!guard.exports_traces());
    assert!(matches!(
        init(&options, &env),
        Err(TelemetryError::AlreadyInstalled)
    ));
}

/// Log output captured in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'writer> MakeWriter<'writer> for Captured {
    type Writer = Captured;
    fn make_writer(&'writer self) -> Self::Writer {
        self.clone()
    }
}

/// Logs one line on the job span and one inside a child span, in `format`.
fn log_inside_a_job(format: LogFormat) -> String {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::registry()
        .with(log_layer(format, captured.clone()).with_filter(log_filter(&MapEnv::default())));
    tracing::subscriber::with_default(subscriber, || {
        let job = tracing::info_span!(parent: None, "job", job_id = "01KB3ZQ4T8Y0", trace_id = tracing::field::Empty);
        let carrier = TraceCarrier::from([(
            "traceparent".to_owned(),
            format!("00-{CLIENT_TRACE_ID}-b7ad6b7169203331-01"),
        )]);
        JobTrace::adopt(&job, &carrier);
        tracing::info!(parent: &job, node = "davas", "job accepted");
        tracing::info_span!(parent: &job, "ollama_request")
            .in_scope(|| tracing::warn!("ollama is slow"));
        tracing::debug!(parent: &job, "below the default level");
    });
    let bytes = captured.0.lock().unwrap().clone();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn json_log_lines_inside_a_job_carry_its_job_id_and_trace_id() {
    let output = log_inside_a_job(LogFormat::Json);
    let lines: Vec<serde_json::Value> = output
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{output}");
    assert_eq!(lines[0]["span"]["job_id"], "01KB3ZQ4T8Y0");
    assert_eq!(lines[0]["span"]["trace_id"], CLIENT_TRACE_ID);
    assert_eq!(lines[0]["fields"]["message"], "job accepted");
    // Inside a child span the job's fields are in the span list.
    let job = lines[1]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|span| span["name"] == "job")
        .unwrap();
    assert_eq!(job["job_id"], "01KB3ZQ4T8Y0");
    assert_eq!(job["trace_id"], CLIENT_TRACE_ID);
}

#[test]
fn text_log_lines_inside_a_job_name_it_too() {
    let output = log_inside_a_job(LogFormat::Text);
    assert_eq!(output.lines().count(), 2, "{output}");
    for line in output.lines() {
        assert!(line.contains("job_id=\"01KB3ZQ4T8Y0\""), "{line}");
        assert!(line.contains(CLIENT_TRACE_ID), "{line}");
    }
}

/// Which of a debug line from reqwest and one from our own code pass the filter.
fn debug_lines_passing(rust_log: &str) -> String {
    let captured = Captured::default();
    let env = MapEnv::from_pairs([("RUST_LOG", rust_log)]);
    let subscriber = tracing_subscriber::registry()
        .with(log_layer(LogFormat::Text, captured.clone()).with_filter(log_filter(&env)));
    tracing::subscriber::with_default(subscriber, || {
        tracing::debug!(target: "reqwest::connect", "starting new connection: https://discord.example/api/webhooks/1/secret");
        tracing::debug!(target: "coordinator::cluster", "own debug line");
    });
    let bytes = captured.0.lock().unwrap().clone();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn rust_log_debug_keeps_http_clients_urls_out_of_the_logs() {
    let output = debug_lines_passing("debug");
    assert!(output.contains("own debug line"), "{output}");
    assert!(!output.contains("webhooks"), "{output}");
}

#[test]
fn naming_reqwest_in_rust_log_lets_its_debug_lines_through() {
    let output = debug_lines_passing("info,reqwest=debug");
    assert!(output.contains("webhooks"), "{output}");
    assert!(!output.contains("own debug line"), "{output}");
}
