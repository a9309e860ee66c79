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
    // Every level with the data dir on disk, and again on tmpfs where the machine has one.
    let on_disk = report
        .throughput
        .iter()
        .filter(|level| level.data_dir == "disk");
    assert_eq!(
        on_disk.count(),
        settings.throughput.concurrency_levels.len()
    );
    for level in &report.throughput {
        assert!(level.jobs > 0 && level.jobs <= settings.throughput.jobs);
    }
    if let Some(on_tmpfs) = &report.overhead_on_tmpfs {
        assert_eq!(on_tmpfs.len(), report.overhead.len());
    }
    // One coordinator per simulated agent count, every link kept, every trial and call made.
    assert_eq!(report.scale.len(), settings.scale.agent_counts.len());
    for size in &report.scale {
        assert_eq!(size.links_dropped, 0);
        assert_eq!(size.view.went_down.count, settings.scale.view_trials);
        assert_eq!(size.routing.accepted.count, settings.scale.routing_requests);
        assert_eq!(size.routing.rejected.count, settings.scale.routing_requests);
        assert!(size.memory.resident_bytes > 0 && size.cpu_percent >= 0.0);
    }
    // The same chat direct, through LiteLLM and through llm-runner, at every level.
    let chat = report
        .chat_paths
        .as_ref()
        .expect("the LiteLLM comparison ran");
    assert_eq!(
        chat.levels.len(),
        settings.overhead.concurrency_levels.len()
    );
    for level in &chat.levels {
        for path in [&level.direct, &level.litellm, &level.llm_runner] {
            assert_eq!(path.total.count, settings.chat.requests);
            assert!(path.first_token.p50 <= path.total.p50);
        }
    }
    let footprint = report
        .footprint
        .as_ref()
        .expect("the footprint was measured");
    for usage in [
        &footprint.agent_idle,
        &footprint.coordinator_idle,
        &footprint.agent_busy,
        &footprint.coordinator_busy,
    ] {
        assert!(usage.rss_max_bytes > 0 && usage.cpu_percent >= 0.0);
    }
    // An alert can only follow the node's loss by at least `alert_after`.
    let alerts = report
        .alert_detection
        .as_ref()
        .expect("alert delivery was measured");
    assert_eq!(alerts.detection.count, settings.alerts.trials);
    assert!(alerts.detection.p50 >= alerts.alert_after);
    // The same chat to the stand-in Groq direct, through LiteLLM's groq/ and a Groq node.
    let cloud = report.cloud_paths.as_ref().expect("the cloud paths ran");
    assert_eq!(
        cloud.levels.len(),
        settings.overhead.concurrency_levels.len()
    );
    for level in &cloud.levels {
        for path in [&level.direct, &level.litellm, &level.llm_runner] {
            assert_eq!(path.total.count, settings.chat.requests);
            assert!(path.first_token.p50 <= path.total.p50);
        }
    }
    // The same streamed /v1/chat/completions direct to the stand-in Ollama, through LiteLLM's
    // openai/ and through llm-runner's OpenAI-compatible API.
    let openai = report.openai_paths.as_ref().expect("the OpenAI paths ran");
    assert_eq!(
        openai.levels.len(),
        settings.overhead.concurrency_levels.len()
    );
    assert_eq!(
        openai.llm_runner_unmeasured, None,
        "llm-runner's /v1 was measured"
    );
    for level in &openai.levels {
        let llm_runner = level.llm_runner.as_ref().expect("llm-runner /v1 measured");
        for path in [&level.direct, &level.litellm, llm_runner] {
            assert_eq!(path.total.count, settings.chat.requests);
            assert!(path.first_token.p50 <= path.total.p50);
        }
    }
    // The usage ledger: every row written counted once by the report (which the full scan
    // agreed with, or the run would have failed), served by a real coordinator.
    let usage = report.usage_ledger.as_ref().expect("the usage ledger ran");
    assert_eq!(
        usage.in_store.report_jobs,
        settings.usage_ledger.rows as u64
    );
    assert_eq!(
        usage.in_store.usage_runs.len(),
        settings.usage_ledger.usage_runs
    );
    assert_eq!(
        usage.end_to_end.http_runs.len(),
        settings.usage_ledger.usage_runs
    );
    assert!(usage.end_to_end.http_body_bytes > 0 && usage.end_to_end.rss_after_bytes > 0);
    // Each batch size once on disk (and once more on tmpfs where the machine has one).
    let on_disk: Vec<usize> = usage
        .write_cost
        .iter()
        .filter(|figures| figures.data_dir == "disk")
        .map(|figures| figures.batch)
        .collect();
    assert_eq!(on_disk, settings.usage_ledger.write_cost_batches);
    // Memory: every note of the synthetic vault indexed and embedded (the run checks the three
    // syncs' counts itself), every embed job counted, and every retriever mode searched.
    let memory = report.memory.as_ref().expect("memory ran");
    assert_eq!(memory.vault.notes, settings.memory.notes);
    let first = &memory.first_sync;
    assert_eq!(first.report.added as usize, settings.memory.notes);
    assert_eq!(first.status.chunks, first.report.chunks_embedded);
    assert!(first.embed_jobs >= first.report.chunks_embedded.div_ceil(32));
    assert!(first.status.store_bytes > 0 && first.coordinator_memory.resident_bytes > 0);
    assert_eq!(memory.unchanged_sync.embed_jobs, 0);
    assert_eq!(memory.searches.len(), 4);
    for search in &memory.searches {
        assert_eq!(search.latency.count, settings.memory.queries);
        assert!(search.answered > 0, "{search:?}");
    }
    let rendered = report.render();
    println!("{rendered}");
    assert!(
        rendered.contains("added")
            && rendered.contains("SIGSTOP agent")
            && rendered.contains("jobs/s")
            && rendered.contains("status → view")
            && rendered.contains("direct Groq")
            && rendered.contains("direct Ollama /v1")
            && rendered.contains("full scan of usage_ledger")
            && rendered.contains("hybrid (default) + query embed"),
        "{rendered}"
    );
}
