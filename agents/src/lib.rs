//! The agents (DESIGN.md "Schedules and agents"): `briefing`, `research` and `memory`, each a
//! job built from steps. Every model step is a job of the cluster submitted like any other
//! (same routing: never another model), with its own usage row and an idempotency key made of
//! the run's id and the step's name, so a run re-started with the same id replays the steps
//! that finished instead of running them twice. Each intermediate result is kept on the run
//! record ([`AgentRun`]), so a failed run can be read.
//!
//! **Architecture Invariant:** an agent reaches the cluster only through its public gRPC API
//! (`client`), and a model step that is rejected ends the run with every node's reason: no
//! step is ever run on another model.

// Tests may unwrap: a panic there is a failed test with its location.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

#[cfg(test)]
mod tests;

mod briefing;
mod clip;
mod context;
mod memory_sync;
mod model_step;
mod research;
mod run_record;

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use context::RunContext;
use run_record::RunRecord;

pub use proto::v1::{AgentRun, AgentStep};

/// Which agent a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentKind {
    Briefing,
    Research,
    Memory,
}

impl AgentKind {
    pub const ALL: [AgentKind; 3] = [AgentKind::Briefing, AgentKind::Research, AgentKind::Memory];

    /// The agent's name as configs, vault notes and the API write it.
    pub fn word(self) -> &'static str {
        match self {
            AgentKind::Briefing => "briefing",
            AgentKind::Research => "research",
            AgentKind::Memory => "memory",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.word() == word)
    }
}

/// One run to make.
#[derive(Debug, Clone)]
pub struct AgentInput {
    /// Unique per run; the steps' idempotency keys are made from it (`agent:<run_id>:<step>`),
    /// so running the same id again replays what finished.
    pub run_id: String,
    pub agent: AgentKind,
    /// The model every model step names; empty only for `memory`.
    pub model: String,
    /// `research`: the question. `briefing`: the day to report on, `YYYY-MM-DD` in
    /// `time_zone`. `memory`: unused.
    pub input: String,
    /// Shown on every step's job ("schedule: briefing", "mcp", "vault: Runner/inbox/x.md").
    pub source: String,
    /// The operator's zone: what "the day" means for the briefing.
    pub time_zone: chrono_tz::Tz,
}

/// Where the briefing goes besides its note: Discord, once per key.
pub trait BriefingPost: Send + Sync {
    /// Hands over the day's briefing; `key` is the same for every run about one day, so a
    /// second firing posts nothing.
    fn post(&self, key: &str, day: &str, summary: &str, note_path: Option<&str>);
}

/// Where the briefing reads the day's alerts from (the alerts outbox, in `runner serve`).
pub trait RecentAlerts: Send + Sync {
    /// The alerts raised in `[since_ms, until_ms)` (Unix ms), oldest first, one line each
    /// ("09:12 davas is down: no heartbeat for 41 s"). Called on a blocking thread.
    fn alerts_between(&self, since_ms: i64, until_ms: i64) -> Vec<String>;
}

/// What the agents reach.
#[derive(Clone)]
pub struct AgentDeps {
    /// The cluster (jobs, usage, nodes, memory), through its public gRPC API.
    pub coordinator: client::Coordinator,
    /// The Obsidian vault, for the briefing's note and its "new notes"; `None`: no note is
    /// written and the briefing lives on the run record (and the post) only.
    pub vault: Option<PathBuf>,
    pub post: Option<Arc<dyn BriefingPost>>,
    /// The day's alerts for the briefing; `None`: the briefing says it has no alerts source.
    pub alerts: Option<Arc<dyn RecentAlerts>>,
}

/// Runs one agent to its end. Every change to the run (a step started, finished, the run's
/// end) is sent on `progress`; the returned run is the final one. Cancelling `cancel` cancels
/// the step that is running and ends the run `cancelled`.
pub async fn run_agent(
    input: AgentInput,
    deps: AgentDeps,
    progress: watch::Sender<AgentRun>,
    cancel: CancellationToken,
) -> AgentRun {
    let span = tracing::info_span!(
        "agent_run",
        run_id = %input.run_id,
        agent = input.agent.word(),
        model = %input.model,
        trace_id = tracing::field::Empty,
    );
    // The run is its own trace's root here; every model step's job joins it.
    let trace = telemetry::JobTrace::adopt(&span, &telemetry::TraceCarrier::new());
    let mut record = RunRecord::start(&input, progress);
    let context = RunContext {
        input,
        deps,
        cancel,
        trace,
    };
    let outcome = async {
        tracing::info!("agent run started");
        let outcome = match context.input.agent {
            AgentKind::Research => research::run_research(&context, &mut record).await,
            AgentKind::Briefing => briefing::run_briefing(&context, &mut record).await,
            AgentKind::Memory => memory_sync::run_memory_sync(&context, &mut record).await,
        };
        match &outcome {
            Ok(()) => tracing::info!("agent run succeeded"),
            Err(failure) => tracing::warn!(error = %failure, "agent run ended early"),
        }
        outcome
    }
    .instrument(span)
    .await;
    record.finish(outcome)
}
