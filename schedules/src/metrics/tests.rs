//! The scheduler's metrics under their names, rendered by the Prometheus exporter.

#[test]
fn firings_missed_slots_and_lateness_are_recorded_by_schedule() {
    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
    let handle = recorder.handle();
    metrics::with_local_recorder(&recorder, || {
        super::fired("briefing", "started", 0.25);
        super::fired("briefing", "skipped", 0.0);
        super::missed("briefing", 3);
    });
    let text = handle.render();
    assert!(
        text.contains(
            r#"llm_runner_schedule_firings_total{schedule="briefing",outcome="started"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(
            r#"llm_runner_schedule_firings_total{schedule="briefing",outcome="skipped"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"llm_runner_schedule_missed_total{schedule="briefing"} 3"#),
        "{text}"
    );
    assert!(
        text.contains("llm_runner_schedule_lateness_seconds"),
        "{text}"
    );
}
