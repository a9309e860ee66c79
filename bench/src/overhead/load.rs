//! Drives a caller with a fixed number of client tasks, each sending its next request only when
//! the previous one has ended (a closed loop), until a shared request budget is spent. Every
//! path of every table (generate, chat, LiteLLM) is driven by this one loop.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::task::JoinSet;

use super::Sample;
use super::direct_call::DirectCaller;
use super::through_cluster::ClusterCaller;

/// The two ways a request can reach the stand-in Ollama.
#[derive(Clone)]
pub enum Caller {
    Direct(DirectCaller),
    // Boxed: a tonic client is several times the size of a reqwest one.
    ThroughCluster(Box<ClusterCaller>),
}

/// One way of sending a request and timing it.
pub trait TimedCall: Clone + Send + Sync + 'static {
    fn call(&self) -> impl Future<Output = anyhow::Result<Sample>> + Send;
}

impl TimedCall for Caller {
    async fn call(&self) -> anyhow::Result<Sample> {
        match self {
            Caller::Direct(caller) => caller.call().await,
            Caller::ThroughCluster(caller) => caller.call().await,
        }
    }
}

/// What one run of the load produced.
#[derive(Debug)]
pub struct LoadOutcome {
    pub samples: Vec<Sample>,
    /// From the first request sent to the last one ended.
    pub wall_time: Duration,
}

/// Sends `requests` requests from `concurrency` client tasks; fails on the first failed request,
/// so a broken path cannot pass for a fast one.
pub async fn drive<C: TimedCall>(
    caller: &C,
    concurrency: usize,
    requests: usize,
) -> anyhow::Result<LoadOutcome> {
    let budget = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut clients = JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (caller, budget) = (caller.clone(), budget.clone());
        clients.spawn(async move {
            let mut samples = Vec::new();
            // Each task takes a ticket per request, so the budget bounds the loop.
            while budget.fetch_add(1, Ordering::Relaxed) < requests {
                samples.push(caller.call().await?);
            }
            anyhow::Ok(samples)
        });
    }
    let mut samples = Vec::with_capacity(requests);
    while let Some(joined) = clients.join_next().await {
        samples.extend(joined.context("a client task panicked")??);
    }
    Ok(LoadOutcome {
        samples,
        wall_time: started.elapsed(),
    })
}

#[cfg(test)]
mod tests;
