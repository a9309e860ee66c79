//! Prometheus metrics for `/metrics`: counters and histograms recorded as jobs end (through the
//! `metrics` facade, so any part of the process can add its own), and the cluster view — node
//! states, model availability, slots, host facts — set as gauges at each scrape.
//!
//! Names follow Prometheus conventions: a `llm_runner_` prefix, `_total` counters, `_seconds`
//! and `_bytes` units.

mod cluster_gauges;
mod job_metrics;
mod job_series;
mod labels;
mod spend_metrics;

#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, OnceLock};

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use proto::v1::{ModelAvailability, Node};

pub use job_metrics::{
    record_agent_attached, record_idempotent_replay, record_job_end, record_rejection,
};
pub use spend_metrics::{record_spend, record_spend_amendment};

/// Histogram buckets for every `_seconds` metric: from a few milliseconds (routing, queueing)
/// to minutes (long generations).
const SECONDS_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
    120.0, 300.0,
];

#[derive(Debug, thiserror::Error)]
#[error("metrics: {0}")]
pub struct MetricsError(String);

/// The process's metrics; `render` produces the Prometheus text exposition.
pub struct Metrics {
    handle: PrometheusHandle,
    /// Label sets of the availability gauges set so far, so vanished ones drop to 0.
    availability_seen: Mutex<cluster_gauges::SeenSeries>,
    /// Handles of the job series recorded so far (the cluster loop records them).
    job_series: Mutex<job_series::JobSeries>,
}

static INSTALLED: OnceLock<Arc<Metrics>> = OnceLock::new();

impl Metrics {
    /// Installs the process-wide recorder (once; later calls get the same metrics).
    pub fn install() -> Result<Arc<Metrics>, MetricsError> {
        if let Some(metrics) = INSTALLED.get() {
            return Ok(metrics.clone());
        }
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), SECONDS_BUCKETS)
            .map_err(|error| MetricsError(error.to_string()))?
            .install_recorder()
            .map_err(|error| MetricsError(error.to_string()))?;
        job_metrics::describe();
        cluster_gauges::describe();
        spend_metrics::describe();
        telemetry::describe_metrics();
        let metrics = Arc::new(Metrics {
            handle,
            availability_seen: Mutex::default(),
            job_series: Mutex::default(),
        });
        Ok(INSTALLED.get_or_init(|| metrics).clone())
    }

    /// The text exposition, with the cluster gauges brought up to date first.
    pub fn render(&self, nodes: &[Node], models: &[ModelAvailability]) -> String {
        {
            // A panic while this lock was held left at worst a stale label set: still usable.
            let mut seen = self
                .availability_seen
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            cluster_gauges::set(nodes, models, &mut seen);
        }
        self.handle.run_upkeep();
        let mut text = self.handle.render();
        text.push_str(&spend_metrics::render_cost());
        text
    }
}
