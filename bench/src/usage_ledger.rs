//! The usage ledger's figures: a year of ledger rows (a million in a full run) written through
//! the job store, `JobStore::usage` for the year by day × model against a full scan of the
//! same rows, the same report through a real `runner serve` (HTTP and the CLI, with the
//! coordinator's memory), and what recording usage costs the store writer per job end.

mod end_to_end;
mod full_scan;
mod million_rows;
mod synthetic_jobs;
mod usage_table;
mod write_cost;

use anyhow::Context;
use harness::cluster::{ClusterSpec, NodeSpec, TestCluster};
use proto::v1::{GetUsageRequest, UsageGrouping};

pub use end_to_end::EndToEndFigures;
pub use million_rows::{InStoreFigures, median};
pub use usage_table::render_section;
pub use write_cost::WriteCostFigures;

/// Ledger rows end over this many days up to the run's start; the report asks for them all.
const SPAN_DAYS: i64 = 365;
/// The write cost is measured again here, where a commit's fdatasync costs next to nothing.
const TMPFS: &str = "/dev/shm";

#[derive(Debug, Clone)]
pub struct UsageLedgerSettings {
    /// Ended jobs written, each one ledger row.
    pub rows: usize,
    /// Jobs per `put_all` transaction while writing them.
    pub batch: usize,
    /// Timed `JobStore::usage` calls (and `GET /api/usage` and `runner usage` calls).
    pub usage_runs: usize,
    /// Timed full scans.
    pub scan_runs: usize,
    /// Records written each way per batch size for the write cost...
    pub write_cost_records: usize,
    pub write_cost_batches: Vec<usize>,
    /// ...but no more transactions than this per case (each is one fdatasync).
    pub write_cost_max_transactions: usize,
}

impl UsageLedgerSettings {
    pub fn full() -> Self {
        Self {
            rows: 1_000_000,
            batch: 1_000,
            usage_runs: 7,
            scan_runs: 3,
            write_cost_records: 50_000,
            write_cost_batches: vec![1, 8, 64],
            write_cost_max_transactions: 5_000,
        }
    }

    pub fn quick() -> Self {
        Self {
            rows: 2_000,
            batch: 100,
            usage_runs: 2,
            scan_runs: 1,
            write_cost_records: 200,
            write_cost_batches: vec![1, 64],
            write_cost_max_transactions: 50,
        }
    }
}

#[derive(Debug, Clone)]
pub struct UsageLedgerFigures {
    pub settings: UsageLedgerSettings,
    pub since_day: String,
    pub in_store: InStoreFigures,
    pub end_to_end: EndToEndFigures,
    pub write_cost: Vec<WriteCostFigures>,
}

/// Runs every usage ledger measurement on a coordinator of its own, its data dir on disk.
pub async fn measure_usage_ledger(
    settings: &UsageLedgerSettings,
) -> anyhow::Result<UsageLedgerFigures> {
    let nodes = synthetic_jobs::NODES
        .iter()
        .map(|node| NodeSpec::new(node, &[]))
        .collect();
    let spec = ClusterSpec {
        nodes,
        routes: Vec::new(),
        heartbeat_timeout: std::time::Duration::from_secs(2),
        disconnect_grace: std::time::Duration::ZERO,
        queue_capacity: 4,
        extra_coordinator_toml: String::new(),
        coordinator_env: Vec::new(),
        agent_env: Vec::new(),
        temp_root: None,
    };
    let mut cluster = TestCluster::start_without_agents(spec).await?;
    // The coordinator holds the store's file; it is started again once the rows are written.
    cluster.kill_coordinator().await?;
    let now_ms = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_millis(),
    )?;
    let since_day =
        chrono::DateTime::from_timestamp_millis(now_ms - SPAN_DAYS * synthetic_jobs::DAY_MS)
            .context("a year ago is not a time")?
            .format("%Y-%m-%d")
            .to_string();
    let request = GetUsageRequest {
        since: since_day.clone(),
        by: vec![UsageGrouping::Day as i32, UsageGrouping::Model as i32],
        ..GetUsageRequest::default()
    };
    let query = coordinator::usage::UsageQuery::parse(&request, now_ms)?;
    let data_dir = cluster.dir.path().join("data");
    let (rows, batch) = (settings.rows, settings.batch);
    let runs = (settings.usage_runs, settings.scan_runs);
    // The rows end a minute before now, so every one is inside the year asked for.
    let written_until = now_ms - 60_000;
    let in_store = tokio::task::spawn_blocking(move || {
        million_rows::measure_in_store(
            &data_dir,
            rows,
            batch,
            (SPAN_DAYS - 1, written_until),
            &query,
            runs,
        )
    })
    .await??;
    let outcome =
        end_to_end::measure_end_to_end(&mut cluster, &since_day, settings.usage_runs).await;
    if outcome.is_err() {
        eprintln!("---- coordinator log ----\n{}", cluster.coordinator_log());
    }
    let end_to_end = outcome?;
    cluster.kill_coordinator().await?;
    let mut roots = vec![("disk", cluster.dir.path().join("write-cost"))];
    if std::path::Path::new(TMPFS).is_dir() {
        let name = format!("llm-runner-usage-bench-{}", std::process::id());
        roots.push(("tmpfs", std::path::Path::new(TMPFS).join(name)));
    }
    let (records, batches) = (
        settings.write_cost_records,
        settings.write_cost_batches.clone(),
    );
    let max_transactions = settings.write_cost_max_transactions;
    let write_cost = tokio::task::spawn_blocking(move || {
        let mut figures = Vec::new();
        for (data_dir, root) in &roots {
            let measured = write_cost::measure_write_cost(
                (data_dir, root),
                records,
                &batches,
                max_transactions,
                now_ms,
            );
            // Each case removes its own store; the empty root goes too, even after a failure.
            let _ = std::fs::remove_dir_all(root);
            figures.extend(measured?);
        }
        anyhow::Ok(figures)
    })
    .await??;
    Ok(UsageLedgerFigures {
        settings: settings.clone(),
        since_day,
        in_store,
        end_to_end,
        write_cost,
    })
}
