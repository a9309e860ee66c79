//! Export failures are counted, reported at most once a minute, and never panic or hang.

use std::sync::atomic::{AtomicU64, Ordering};

use metrics::{Counter, CounterFn, Gauge, Histogram, Key, KeyName, Metadata, Recorder};

use super::*;

#[derive(Debug)]
struct StubExporter {
    fails: bool,
    resource_set: bool,
}

impl SpanExporter for StubExporter {
    fn export(&self, _batch: Vec<SpanData>) -> impl Future<Output = OTelSdkResult> + Send {
        let fails = self.fails;
        async move {
            if fails {
                Err(OTelSdkError::InternalFailure("collector down".into()))
            } else {
                Ok(())
            }
        }
    }

    fn set_resource(&mut self, _resource: &Resource) {
        self.resource_set = true;
    }
}

fn counting(fails: bool) -> FailureCountingExporter<StubExporter> {
    FailureCountingExporter::new(
        StubExporter {
            fails,
            resource_set: false,
        },
        Handle::current(),
        "http://127.0.0.1:1".to_owned(),
    )
}

#[test]
fn the_first_failure_is_reported_then_at_most_once_a_minute_with_the_count() {
    let start = Instant::now();
    let mut report = FailureReport::default();
    assert_eq!(report.failed(start), Some(1));
    assert_eq!(report.failed(start + Duration::from_secs(1)), None);
    assert_eq!(report.failed(start + Duration::from_secs(59)), None);
    assert_eq!(report.failed(start + Duration::from_secs(60)), Some(3));
    assert_eq!(report.failed(start + Duration::from_secs(61)), None);
    assert_eq!(report.take_unreported(), 1);
    assert_eq!(report.take_unreported(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_failed_export_is_counted_and_passed_on_without_panicking() {
    let exporter = counting(true);
    let result = exporter.export(Vec::new()).await;
    assert!(result.is_err());
    assert!(exporter.export(Vec::new()).await.is_err());
    // The first failure was reported at once; the second waits for the next minute.
    assert_eq!(exporter.report.lock().unwrap().take_unreported(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_delivered_export_counts_nothing() {
    let exporter = counting(false);
    assert!(exporter.export(Vec::new()).await.is_ok());
    assert_eq!(exporter.report.lock().unwrap().take_unreported(), 0);
    assert!(exporter.report.lock().unwrap().last_report.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_resource_reaches_the_wrapped_exporter() {
    let mut exporter = counting(false);
    exporter.set_resource(&Resource::builder_empty().build());
    assert!(exporter.inner.resource_set);
}

/// Counts increments of one counter, to check what `record_failure` reports.
#[derive(Debug, Default)]
struct CountingRecorder(Arc<Increments>);

#[derive(Debug, Default)]
struct Increments(AtomicU64);

impl CounterFn for Increments {
    fn increment(&self, value: u64) {
        self.0.fetch_add(value, Ordering::SeqCst);
    }
    fn absolute(&self, value: u64) {
        self.0.store(value, Ordering::SeqCst);
    }
}

impl Recorder for CountingRecorder {
    fn describe_counter(&self, _: KeyName, _: Option<metrics::Unit>, _: metrics::SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<metrics::Unit>, _: metrics::SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<metrics::Unit>, _: metrics::SharedString) {}
    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        assert_eq!(key.name(), TRACE_EXPORT_FAILURES_TOTAL);
        Counter::from_arc(self.0.clone())
    }
    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }
    fn register_histogram(&self, _: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::noop()
    }
}

#[test]
fn every_failure_increments_the_counter_and_describing_shows_it_at_zero() {
    let recorder = CountingRecorder::default();
    let report = Mutex::new(FailureReport::default());
    metrics::with_local_recorder(&recorder, || {
        describe_metrics();
        assert_eq!(recorder.0.0.load(Ordering::SeqCst), 0);
        for _ in 0..3 {
            record_failure(&report, "http://127.0.0.1:1", 7, "collector down");
        }
    });
    assert_eq!(recorder.0.0.load(Ordering::SeqCst), 3);
    assert_eq!(report.lock().unwrap().take_unreported(), 2);
}
