//! The vault queue's figures at their quick sizes against the debug `runner worker` and
//! cluster (`cargo build --workspace --bins` first, as CI does): every note measured, both
//! levels and the gRPC baseline run, the idle worker read. No timing thresholds beyond what
//! the protocol itself guarantees: CI machines are too noisy for those.

use bench::vault_queue::{VaultQueueSettings, measure_vault_queue, render_section};

#[tokio::test(flavor = "multi_thread")]
async fn the_vault_queue_quick_run_measures_latency_throughput_and_the_idle_worker() {
    let settings = VaultQueueSettings::quick();
    let figures = measure_vault_queue(&settings).await.unwrap();
    let latency = &figures.latency;
    assert_eq!(latency.notes, settings.latency_notes);
    for summary in [&latency.to_created, &latency.to_started, &latency.to_result] {
        assert_eq!(summary.count, settings.latency_notes);
    }
    // A job starts after it is created, and its result note is written after it started.
    assert!(latency.to_created.p50 <= latency.to_started.p50);
    assert!(latency.to_started.p50 <= latency.to_result.p50);
    let levels: Vec<usize> = figures
        .throughput
        .iter()
        .map(|level| level.max_in_flight)
        .collect();
    assert_eq!(levels, settings.in_flight_levels);
    for level in &figures.throughput {
        assert_eq!(level.notes, settings.throughput_notes);
        assert_eq!(level.grpc_jobs, settings.throughput_notes);
        // Every note waits out the settle window once before any can be done.
        assert!(level.wall >= settings.settle, "{level:?}");
        assert!(level.notes_per_second() > 0.0 && level.grpc_jobs_per_second() > 0.0);
    }
    let (large, empty) = (&figures.idle.large, &figures.idle.empty);
    assert_eq!(large.drafts, settings.inbox_drafts);
    assert_eq!(
        large.vault_notes,
        settings.ordinary_notes + settings.inbox_drafts
    );
    assert_eq!(empty.vault_notes, 0);
    for worker in [large, empty] {
        assert_eq!(worker.drop_to_claim.count, settings.claim_trials);
        assert!(worker.memory.resident_bytes > 0);
        assert!(worker.memory.peak_resident_bytes >= worker.memory.resident_bytes);
        assert!(worker.fastest_claim <= worker.drop_to_claim.p50);
    }
    let rendered = render_section(Some(&figures));
    println!("{rendered}");
    assert!(rendered.contains("result note seen") && rendered.contains("drafts in inbox"));
}
