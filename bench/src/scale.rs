//! The scale benchmark: N simulated agents (real gRPC streams, one connection each, a status a
//! second with a realistic payload) against one real `runner serve`: how long they take to
//! attach, the coordinator's CPU and memory over a steady window, how fast a status change
//! shows in the model view, and how fast jobs are routed and rejected under that load.

mod fd_limit;
pub mod payload;
mod routing_latency;
mod sim_agent;
mod simulator;
mod size_run;
pub mod table;
mod view_latency;
mod web_ui;

use std::time::Duration;

pub use crate::process_stats::MemoryUsage;
pub use routing_latency::RoutingFigures;
pub use size_run::measure_one_size;
pub use view_latency::ViewFigures;

#[derive(Debug, Clone)]
pub struct ScaleSettings {
    /// Simulated agent counts, one coordinator each; empty skips the scale benchmark.
    pub agent_counts: Vec<usize>,
    /// The window over which the coordinator's CPU is measured, all agents reporting.
    pub steady_window: Duration,
    /// Down-and-back cycles of one agent's Ollama for the status-to-view latency.
    pub view_trials: usize,
    /// Sequential accepted jobs, then as many rejected ones.
    pub routing_requests: usize,
    /// Extra environment for the coordinator, e.g. `LD_PRELOAD` of a heap profiler.
    pub coordinator_env: Vec<(String, String)>,
    /// Keeps the web UI's dashboard stream open for the whole run (the UI watches the cluster
    /// only while a page is open).
    pub web_ui_open: bool,
}

impl ScaleSettings {
    pub fn full() -> Self {
        Self {
            agent_counts: vec![1_000, 10_000],
            steady_window: Duration::from_secs(20),
            view_trials: 20,
            routing_requests: 200,
            coordinator_env: Vec::new(),
            web_ui_open: false,
        }
    }

    pub fn quick() -> Self {
        Self {
            agent_counts: vec![50],
            steady_window: Duration::from_secs(2),
            view_trials: 3,
            routing_requests: 20,
            coordinator_env: Vec::new(),
            web_ui_open: false,
        }
    }
}

/// What one agent count gave.
#[derive(Debug, Clone)]
pub struct ScaleFigures {
    pub agents: usize,
    /// From starting the agents until every one was welcomed and the coordinator listed all
    /// of them ready.
    pub attach_all: Duration,
    /// The coordinator's CPU over the steady window, % of one core.
    pub cpu_percent: f64,
    /// The coordinator's memory once started, before any agent attached.
    pub idle_memory: MemoryUsage,
    /// The coordinator's memory after the steady window (peak: over the whole run so far).
    pub memory: MemoryUsage,
    pub view: ViewFigures,
    pub routing: RoutingFigures,
    /// Simulated links that ended before the run did (should be 0).
    pub links_dropped: usize,
    /// The latest a simulated status left after its due time: above the heartbeat timeout,
    /// a dropped link is this process's fault, not the coordinator's.
    pub worst_status_lateness: Duration,
}

/// Runs every agent count of `settings` in turn, each against a fresh coordinator.
pub async fn measure_scale(settings: &ScaleSettings) -> anyhow::Result<Vec<ScaleFigures>> {
    if settings.agent_counts.is_empty() {
        return Ok(Vec::new());
    }
    fd_limit::raise_open_files_limit()?;
    let mut figures = Vec::with_capacity(settings.agent_counts.len());
    for &agents in &settings.agent_counts {
        figures.push(measure_one_size(agents, settings).await?);
    }
    Ok(figures)
}

#[cfg(test)]
mod tests;
