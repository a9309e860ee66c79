//! Installs the process's `tracing` subscriber: log lines to stderr (stdout stays for the
//! CLI's output and `runner mcp`'s protocol) filtered by `RUST_LOG`, and the OpenTelemetry
//! layer only when OTLP export is configured. The returned guard flushes spans on exit.

use std::io::IsTerminal;
use std::time::Duration;

use opentelemetry::trace::TracerProvider;
use opentelemetry_sdk::trace::SdkTracerProvider;
use settings::EnvSource;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry, fmt};

use crate::otel_config::OtlpSettings;
use crate::{LogFormat, TelemetryError, span_export};

/// How long exit waits for the last spans to reach the collector.
const SHUTDOWN_PATIENCE: Duration = Duration::from_secs(5);

/// What a binary tells [`init`] about itself.
#[derive(Debug, Clone, Copy)]
pub struct TelemetryOptions<'a> {
    pub log_format: LogFormat,
    /// `service.name` unless `OTEL_SERVICE_NAME` or `OTEL_RESOURCE_ATTRIBUTES` names one.
    pub default_service_name: &'a str,
    pub service_version: &'a str,
}

/// Keeps trace export running; dropping it sends the spans still queued (within a few
/// seconds) and stops export. Drop it while the tokio runtime still runs.
#[must_use = "dropping the guard stops trace export"]
#[derive(Debug)]
pub struct TelemetryGuard {
    provider: Option<SdkTracerProvider>,
}

impl TelemetryGuard {
    /// True when spans are exported (an OTLP endpoint is configured).
    pub fn exports_traces(&self) -> bool {
        self.provider.is_some()
    }
}

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(error) = provider.shutdown_with_timeout(SHUTDOWN_PATIENCE)
        {
            tracing::warn!(%error, "trace export did not shut down cleanly; recent spans may be lost");
        }
    }
}

/// Sets up logs (and traces, when `OTEL_EXPORTER_OTLP_ENDPOINT` or
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set) for this process. Call it once, inside the
/// tokio runtime when traces may be exported.
pub fn init(
    options: &TelemetryOptions<'_>,
    env: &dyn EnvSource,
) -> Result<TelemetryGuard, TelemetryError> {
    let settings = OtlpSettings::from_env(env, options.default_service_name)?;
    let provider = exporting_provider(settings.as_ref(), options.service_version)?;
    let traces = provider.as_ref().map(|provider| {
        tracing_opentelemetry::layer()
            .with_tracer(provider.tracer("llm-runner"))
            // Spans follow jobs whatever RUST_LOG says about log lines.
            .with_filter(LevelFilter::INFO)
    });
    tracing_subscriber::registry()
        .with(log_layer(options.log_format, std::io::stderr).with_filter(log_filter(env)))
        .with(traces)
        .try_init()
        .map_err(|_| TelemetryError::AlreadyInstalled)?;
    if let Some(settings) = settings {
        tracing::info!(
            endpoint = %settings.endpoint,
            protocol = ?settings.protocol,
            service_name = %settings.service_name,
            "exporting traces over OTLP"
        );
    }
    Ok(TelemetryGuard { provider })
}

/// The provider that exports spans, or `None` (and no exporter at all) when no OTLP endpoint
/// is configured.
fn exporting_provider(
    settings: Option<&OtlpSettings>,
    service_version: &str,
) -> Result<Option<SdkTracerProvider>, TelemetryError> {
    let Some(settings) = settings else {
        return Ok(None);
    };
    let runtime = tokio::runtime::Handle::try_current().map_err(|_| TelemetryError::NoRuntime)?;
    span_export::tracer_provider(settings, service_version, runtime).map(Some)
}

fn log_layer<W>(format: LogFormat, writer: W) -> Box<dyn Layer<Registry> + Send + Sync>
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    match format {
        // Colours only for a person at a terminal; journald and log files get plain text.
        LogFormat::Text => fmt::layer()
            .with_writer(writer)
            .with_ansi(std::io::stderr().is_terminal())
            .boxed(),
        // The current span's fields (job_id, trace_id) and the span list go on every line.
        LogFormat::Json => fmt::layer()
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .with_writer(writer)
            .boxed(),
    }
}

/// HTTP client crates whose debug lines carry request URLs, and a Discord webhook URL is a
/// secret: they stay at `info` unless `RUST_LOG` names them itself.
const URL_LOGGING_CRATES: [&str; 2] = ["reqwest", "hyper_util"];

/// `RUST_LOG` directives (default `info`); unparsable directives are skipped.
fn log_filter(env: &dyn EnvSource) -> EnvFilter {
    let builder = EnvFilter::builder().with_default_directive(LevelFilter::INFO.into());
    let asked = env.get("RUST_LOG").unwrap_or_default();
    let mut directives: Vec<String> = URL_LOGGING_CRATES
        .iter()
        .filter(|krate| !asked.contains(*krate))
        .map(|krate| format!("{krate}=info"))
        .collect();
    // The default directive only applies when no directive at all is given, so say it.
    directives.push(if asked.trim().is_empty() {
        LevelFilter::INFO.to_string()
    } else {
        asked
    });
    builder.parse_lossy(directives.join(","))
}

#[cfg(test)]
mod tests;
