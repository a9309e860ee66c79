//! Span export that can fail without anyone but the operator noticing: the OTLP exporter is
//! wrapped so every failed batch is counted (`llm_runner_trace_export_failures_total`) and
//! reported in a log line at most once a minute, and its network work runs on the process's
//! tokio runtime (the batch processor calls it from its own thread, which has no reactor).

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use opentelemetry_sdk::Resource;
use opentelemetry_sdk::error::{OTelSdkError, OTelSdkResult};
use opentelemetry_sdk::trace::{SpanData, SpanExporter};
use tokio::runtime::Handle;

/// Counter of span batches that could not be delivered (their spans are dropped).
pub const TRACE_EXPORT_FAILURES_TOTAL: &str = "llm_runner_trace_export_failures_total";

/// A collector that is down would otherwise fill the log every few seconds.
const REPORT_INTERVAL: Duration = Duration::from_secs(60);

/// Describes the export failure counter and shows it at 0; call once the process's metrics
/// recorder is installed.
pub fn describe_metrics() {
    metrics::describe_counter!(
        TRACE_EXPORT_FAILURES_TOTAL,
        metrics::Unit::Count,
        "Span batches the OTLP exporter could not deliver; their spans are dropped."
    );
    metrics::counter!(TRACE_EXPORT_FAILURES_TOTAL).increment(0);
}

/// Failures since the last report, and when that was.
#[derive(Debug, Default)]
pub(crate) struct FailureReport {
    unreported: u64,
    last_report: Option<Instant>,
}

impl FailureReport {
    /// Counts one failure at `now`; returns how many failures to report now, if it is time.
    pub(crate) fn failed(&mut self, now: Instant) -> Option<u64> {
        self.unreported += 1;
        let due = self
            .last_report
            .is_none_or(|last| now.duration_since(last) >= REPORT_INTERVAL);
        if !due {
            return None;
        }
        self.last_report = Some(now);
        Some(std::mem::take(&mut self.unreported))
    }

    /// Failures not yet reported (said once more at shutdown).
    pub(crate) fn take_unreported(&mut self) -> u64 {
        std::mem::take(&mut self.unreported)
    }
}

pub(crate) struct FailureCountingExporter<E> {
    inner: Arc<E>,
    runtime: Handle,
    report: Arc<Mutex<FailureReport>>,
    endpoint: String,
}

impl<E> FailureCountingExporter<E> {
    pub(crate) fn new(inner: E, runtime: Handle, endpoint: String) -> Self {
        Self {
            inner: Arc::new(inner),
            runtime,
            report: Arc::default(),
            endpoint,
        }
    }
}

impl<E> fmt::Debug for FailureCountingExporter<E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("FailureCountingExporter")
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

fn record_failure(report: &Mutex<FailureReport>, endpoint: &str, spans: usize, error: &str) {
    metrics::counter!(TRACE_EXPORT_FAILURES_TOTAL).increment(1);
    // A panic elsewhere while this lock was held leaves at worst a wrong count: still usable.
    let due = report
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .failed(Instant::now());
    if let Some(failures) = due {
        tracing::warn!(
            failures,
            spans,
            endpoint,
            error,
            "cannot export traces; spans are dropped until the collector answers (check \
             OTEL_EXPORTER_OTLP_ENDPOINT); said at most once a minute"
        );
    }
}

impl<E: SpanExporter + 'static> SpanExporter for FailureCountingExporter<E> {
    fn export(&self, batch: Vec<SpanData>) -> impl Future<Output = OTelSdkResult> + Send {
        let spans = batch.len();
        let inner = Arc::clone(&self.inner);
        let task = self.runtime.spawn(async move { inner.export(batch).await });
        let report = Arc::clone(&self.report);
        let endpoint = self.endpoint.clone();
        async move {
            let result = task.await.unwrap_or_else(|stopped| {
                Err(OTelSdkError::InternalFailure(format!(
                    "the export task stopped: {stopped}"
                )))
            });
            if let Err(error) = &result {
                record_failure(&report, &endpoint, spans, &error.to_string());
            }
            result
        }
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        let unreported = self
            .report
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take_unreported();
        if unreported > 0 {
            tracing::warn!(
                failures = unreported,
                endpoint = %self.endpoint,
                "trace export failures since the last report"
            );
        }
        self.inner.shutdown_with_timeout(timeout)
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn set_resource(&mut self, resource: &Resource) {
        // Called while the provider is built, before any export shares the exporter.
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.set_resource(resource),
            None => tracing::warn!("span exporter already shared; its resource stays unset"),
        }
    }
}

#[cfg(test)]
mod tests;
