//! In the bench's own process: write the ledger's rows through `RedbJobStore::put_all` in
//! batches, time `JobStore::usage` for a year by day × model, then close the store and time
//! the full scan of the same rows (the baseline), checking both give the same sums.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use coordinator::store::{JobStore, RedbJobStore};
use coordinator::usage::UsageQuery;

use super::full_scan::{LedgerFile, check_same_sums};
use super::synthetic_jobs::SyntheticJobs;
use crate::process_stats::memory_usage;

#[derive(Debug, Clone)]
pub struct InStoreFigures {
    pub rows: usize,
    pub batch: usize,
    pub write_time: Duration,
    /// This process's resident memory before writing, and its peak once every row was
    /// written: since the write began where Linux could reset the peak (`peak_reset`), else
    /// over the process's life.
    pub writer_rss_before_bytes: u64,
    pub writer_peak_rss_bytes: u64,
    pub peak_reset: bool,
    pub file_bytes: u64,
    /// `JobStore::usage`, each run in a fresh read transaction.
    pub usage_runs: Vec<Duration>,
    /// Jobs the report counted and its day × model groups.
    pub report_jobs: u64,
    pub report_groups: usize,
    pub full_scan_runs: Vec<Duration>,
}

/// Writes `rows` jobs (ending over `span_days` up to `end_ms`) into `data_dir`, then times the
/// report `usage_runs` times and the full scan `scan_runs` times.
pub fn measure_in_store(
    data_dir: &Path,
    rows: usize,
    batch: usize,
    (span_days, end_ms): (i64, i64),
    query: &UsageQuery,
    (usage_runs, scan_runs): (usize, usize),
) -> anyhow::Result<InStoreFigures> {
    let store = RedbJobStore::open(data_dir)?;
    let jobs = SyntheticJobs::new(rows, span_days, end_ms);
    let batch = batch.max(1);
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).
    let peak_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let writer_rss_before_bytes = memory_usage(std::process::id())?.resident_bytes;
    let started = Instant::now();
    let mut written = 0;
    while written < rows {
        let end = (written + batch).min(rows);
        let chunk: Vec<_> = (written..end).map(|index| jobs.ended(index)).collect();
        store.put_all(&chunk).context("writing the ledger's rows")?;
        written = end;
    }
    let write_time = started.elapsed();
    let writer_peak_rss_bytes = memory_usage(std::process::id())?.peak_resident_bytes;
    let file_bytes = std::fs::metadata(data_dir.join("jobs.redb"))?.len();

    let mut usage_times = Vec::new();
    let mut report = None;
    for _ in 0..usage_runs.max(1) {
        let started = Instant::now();
        let made = store.usage(query)?;
        usage_times.push(started.elapsed());
        report = Some(made);
    }
    let report = report.context("no usage run")?;
    drop(store);

    let file = LedgerFile::open(data_dir)?;
    let mut full_scan_runs = Vec::new();
    for _ in 0..scan_runs.max(1) {
        let started = Instant::now();
        let sums = file.sum_by_day_and_model(query)?;
        full_scan_runs.push(started.elapsed());
        check_same_sums(&report, &sums)?;
    }
    Ok(InStoreFigures {
        rows,
        batch,
        write_time,
        writer_rss_before_bytes,
        writer_peak_rss_bytes,
        peak_reset,
        file_bytes,
        usage_runs: usage_times,
        report_jobs: report.total.unwrap_or_default().jobs,
        report_groups: report.rows.len(),
        full_scan_runs,
    })
}

/// The median of `samples` (the upper one of an even count); zero for none.
pub fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests;
