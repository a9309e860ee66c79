//! The benchmark's `--quick` run end to end against the debug `runner` and `runner-agent`
//! (`cargo build --workspace --bins` first, as CI does): the harness works and its figures are
//! sane. No timing thresholds: CI machines are too noisy for those.

use bench::{BenchSettings, run};

#[tokio::test(flavor = "multi_thread")]
async fn a_quick_run_measures_every_path_level_and_fault() {
    let settings = BenchSettings::quick();
    let report = run(&settings).await.unwrap();
    assert_eq!(
        report.overhead.len(),
        settings.overhead.concurrency_levels.len()
    );
    for level in &report.overhead {
        for path in [&level.direct, &level.through_cluster] {
            assert_eq!(path.total.count, settings.overhead.requests);
            assert!(path.first_token.p50 <= path.total.p50);
            assert!(path.first_token.p99 <= path.total.max);
        }
    }
    assert_eq!(report.failure_detection.len(), 2);
    for fault in &report.failure_detection {
        assert_eq!(fault.detection.count, settings.failure_trials);
    }
    // A frozen agent can only be noticed by its silence, which lasts at least a heartbeat
    // timeout minus one heartbeat interval (1 s).
    let stop = &report.failure_detection[1];
    assert!(stop.detection.p50 >= settings.heartbeat_timeout - std::time::Duration::from_secs(1));
    let rendered = report.render();
    println!("{rendered}");
    assert!(
        rendered.contains("added") && rendered.contains("SIGSTOP agent"),
        "{rendered}"
    );
}
