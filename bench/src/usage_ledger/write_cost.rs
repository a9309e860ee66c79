//! What recording usage costs the store writer per job end: the same records written through
//! `put_all` at the writer's batch sizes, once as ended jobs (each adds a ledger row, a time
//! index entry and a rollup update) and once as running jobs (no ledger row), each into a
//! fresh store on the same disk.

use std::path::Path;
use std::time::{Duration, Instant};

use coordinator::store::{JobStore, RedbJobStore};
use proto::v1::Job;

use super::synthetic_jobs::{DAY_MS, SyntheticJobs};

#[derive(Debug, Clone, Copy)]
pub struct WriteCostFigures {
    /// Where the stores were: `disk` or `tmpfs`.
    pub data_dir: &'static str,
    /// Records per transaction.
    pub batch: usize,
    pub records: usize,
    pub ended: Duration,
    pub running: Duration,
}

impl WriteCostFigures {
    pub fn ended_per_second(&self) -> f64 {
        per_second(self.records, self.ended)
    }

    pub fn running_per_second(&self) -> f64 {
        per_second(self.records, self.running)
    }
}

pub fn per_second(count: usize, time: Duration) -> f64 {
    count as f64 / time.as_secs_f64().max(f64::MIN_POSITIVE)
}

/// For each batch size, `records` records (fewer where that would take more than
/// `max_transactions` commits: one fdatasync each) written both ways under `root`, which is
/// on `data_dir` (`disk` or `tmpfs`).
pub fn measure_write_cost(
    (data_dir, root): (&'static str, &Path),
    records: usize,
    batches: &[usize],
    max_transactions: usize,
    end_ms: i64,
) -> anyhow::Result<Vec<WriteCostFigures>> {
    let mut figures = Vec::new();
    for &batch in batches {
        let batch = batch.max(1);
        let records = records.min(batch * max_transactions.max(1)).max(1);
        let jobs = SyntheticJobs::new(records, 30, end_ms - DAY_MS);
        let running: Vec<Job> = (0..records).map(|index| jobs.running(index)).collect();
        let ended: Vec<Job> = (0..records).map(|index| jobs.ended(index)).collect();
        let running_time = write_all(&root.join(format!("running-{batch}")), &running, batch)?;
        let ended_time = write_all(&root.join(format!("ended-{batch}")), &ended, batch)?;
        figures.push(WriteCostFigures {
            data_dir,
            batch,
            records,
            ended: ended_time,
            running: running_time,
        });
    }
    Ok(figures)
}

/// Writes `jobs` in transactions of `batch` into a new store in `data_dir`, removed after.
fn write_all(data_dir: &Path, jobs: &[Job], batch: usize) -> anyhow::Result<Duration> {
    let store = RedbJobStore::open(data_dir)?;
    let started = Instant::now();
    for chunk in jobs.chunks(batch) {
        store.put_all(chunk)?;
    }
    let elapsed = started.elapsed();
    drop(store);
    std::fs::remove_dir_all(data_dir)?;
    Ok(elapsed)
}

#[cfg(test)]
mod tests;
