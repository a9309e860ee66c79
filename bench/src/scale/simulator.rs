//! N simulated agents in this process, each on its own connection, with their statuses spread
//! evenly over the second; the simulator can make one agent's Ollama go away and come back.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use harness::cluster::TestCluster;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tonic::transport::Endpoint;

use super::sim_agent::{STATUS_INTERVAL, SimAgentPlan, SimShared, run_sim_agent};

/// Handshakes in flight at once while the agents attach.
const DIALING_AT_ONCE: usize = 64;
/// How long the simulator waits for the last agent to stop.
const STOP_PATIENCE: Duration = Duration::from_secs(10);

/// `sim-00001`, … : sorted names that say what they are.
pub fn sim_node_name(index: usize) -> String {
    format!("sim-{:05}", index + 1)
}

/// When agent `index` of `count` sends its periodic statuses: `index / count` of a second
/// after `epoch`, so the coordinator gets an even stream rather than one burst a second.
pub fn first_tick(epoch: Instant, index: usize, count: usize) -> Instant {
    let fraction = index as f64 / count.max(1) as f64;
    epoch + STATUS_INTERVAL + STATUS_INTERVAL.mul_f64(fraction.min(1.0))
}

/// The first moment at or after `now` on `phase`'s one-second grid: an agent that attached late
/// keeps its place in the second.
pub fn next_on_phase(phase: Instant, now: Instant) -> Instant {
    if phase >= now {
        return phase;
    }
    let behind = now - phase;
    let whole_seconds = behind.as_nanos().div_ceil(STATUS_INTERVAL.as_nanos());
    phase + STATUS_INTERVAL * u32::try_from(whole_seconds).unwrap_or(u32::MAX)
}

pub struct Simulator {
    shared: SimShared,
    stop: watch::Sender<bool>,
    agents: JoinSet<anyhow::Result<()>>,
    reachable: Vec<watch::Sender<bool>>,
}

impl Simulator {
    /// Starts `count` agents for the nodes `sim_node_name(0..count)` of `cluster`; they dial
    /// at once, at most [`DIALING_AT_ONCE`] handshakes at a time.
    pub fn start(cluster: &TestCluster, count: usize) -> anyhow::Result<Self> {
        let endpoint = Endpoint::from_shared(cluster.grpc_url())?
            .connect_timeout(Duration::from_secs(30))
            .tcp_nodelay(true)
            // As the real agent: pings find a vanished coordinator.
            .http2_keep_alive_interval(Duration::from_secs(10))
            .keep_alive_timeout(Duration::from_secs(5))
            .keep_alive_while_idle(true);
        let (stop, stop_receiver) = watch::channel(false);
        let shared = SimShared {
            endpoint,
            dialing: Arc::new(Semaphore::new(DIALING_AT_ONCE)),
            welcomed: Arc::new(AtomicUsize::new(0)),
            dropped: Arc::new(AtomicUsize::new(0)),
            jobs_answered: Arc::new(AtomicUsize::new(0)),
            worst_status_lateness_us: Arc::new(AtomicU64::new(0)),
            stop: stop_receiver,
        };
        let epoch = Instant::now();
        let mut agents = JoinSet::new();
        let mut reachable = Vec::with_capacity(count);
        for index in 0..count {
            let node = sim_node_name(index);
            let plan = SimAgentPlan {
                index,
                token: cluster.token(&node).to_owned(),
                node,
                first_tick: first_tick(epoch, index, count),
            };
            let (sender, receiver) = watch::channel(true);
            reachable.push(sender);
            let shared = shared.clone();
            agents.spawn(async move {
                let dropped = shared.dropped.clone();
                let outcome = run_sim_agent(plan, shared, receiver).await;
                if outcome.is_err() {
                    dropped.fetch_add(1, Ordering::Relaxed);
                }
                outcome
            });
        }
        Ok(Self {
            shared,
            stop,
            agents,
            reachable,
        })
    }

    pub fn welcomed(&self) -> usize {
        self.shared.welcomed.load(Ordering::Relaxed)
    }

    pub fn dropped(&self) -> usize {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// The latest a periodic status went out after its due time, so far.
    pub fn worst_status_lateness(&self) -> Duration {
        Duration::from_micros(self.shared.worst_status_lateness_us.load(Ordering::Relaxed))
    }

    pub fn jobs_answered(&self) -> usize {
        self.shared.jobs_answered.load(Ordering::Relaxed)
    }

    /// Waits until every agent has its welcome; fails at once when one could not attach.
    pub async fn wait_all_welcomed(&mut self, patience: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + patience;
        while self.welcomed() < self.reachable.len() {
            if let Some(Ok(Err(error))) = self.agents.try_join_next() {
                return Err(error.context("a simulated agent could not attach"));
            }
            if Instant::now() > deadline {
                bail!(
                    "only {} of {} simulated agents attached within {patience:?}",
                    self.welcomed(),
                    self.reachable.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        Ok(())
    }

    /// The switch of agent `index`'s Ollama: send `false` and it stops answering, `true` and
    /// it is back; the agent reports the change at once.
    pub fn ollama_switch(&self, index: usize) -> anyhow::Result<&watch::Sender<bool>> {
        self.reachable.get(index).context("no such simulated agent")
    }

    /// Stops every agent and says how many links ended early, with the first reason.
    pub async fn stop(mut self) -> anyhow::Result<usize> {
        let _ = self.stop.send(true);
        let mut first_error = None;
        let joined = tokio::time::timeout(STOP_PATIENCE, async {
            while let Some(outcome) = self.agents.join_next().await {
                if let Ok(Err(error)) = outcome {
                    first_error.get_or_insert(error);
                }
            }
        })
        .await;
        if joined.is_err() {
            self.agents.abort_all();
        }
        if let Some(error) = first_error {
            eprintln!(
                "scale: {} simulated links ended early; first: {error:#}",
                self.dropped()
            );
        }
        Ok(self.dropped())
    }
}

#[cfg(test)]
mod tests;
