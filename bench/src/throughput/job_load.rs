//! A closed-loop load of short jobs bounded in both count and time: each client task submits
//! its next job as soon as the previous one ended, until the jobs or the time run out.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::task::JoinSet;

use crate::overhead::ClusterCaller;

/// How many jobs ended and how long that took.
#[derive(Debug, Clone, Copy)]
pub struct JobCount {
    pub jobs: usize,
    pub wall_time: Duration,
}

/// Runs at most `jobs` jobs from `concurrency` tasks, starting none after `time_limit`; fails on
/// the first failed job, so a broken path cannot pass for a fast one.
pub async fn run_jobs(
    caller: &ClusterCaller,
    concurrency: usize,
    jobs: usize,
    time_limit: Duration,
) -> anyhow::Result<JobCount> {
    let tickets = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + time_limit;
    let mut clients = JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (caller, tickets) = (caller.clone(), tickets.clone());
        clients.spawn(async move {
            let mut ended = 0_usize;
            while Instant::now() < deadline && tickets.fetch_add(1, Ordering::Relaxed) < jobs {
                caller.call().await?;
                ended += 1;
            }
            anyhow::Ok(ended)
        });
    }
    let mut ended = 0;
    while let Some(joined) = clients.join_next().await {
        ended += joined.context("a client task panicked")??;
    }
    Ok(JobCount {
        jobs: ended,
        wall_time: started.elapsed(),
    })
}
