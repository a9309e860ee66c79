//! The agents for the vault worker's `research` and `briefing` notes: `agents::run_agent`
//! over the worker's own coordinator connection, writing the briefing into the worker's vault.

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use vault::{AgentJob, AgentJobs};

/// Runs a vault note's agent with the deps the scheduler's agents get.
#[derive(Clone)]
pub struct VaultAgents(pub agents::AgentDeps);

impl AgentJobs for VaultAgents {
    fn run(&self, job: AgentJob) -> BoxFuture<'static, agents::AgentRun> {
        let Some(agent) = agents::AgentKind::parse(&job.agent) else {
            return std::future::ready(unknown_agent(job)).boxed();
        };
        // The note's `time_zone:` was checked when it was read; UTC is the note's default.
        let time_zone = job.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let input = agents::AgentInput {
            run_id: job.run_id,
            agent,
            model: job.model,
            input: job.input,
            source: job.source,
            time_zone,
        };
        let (progress, _) = watch::channel(agents::AgentRun::default());
        // Never cancelled: a worker that stops drops this future and leaves the running step's
        // job to finish; its next start runs the same id and finds it by its key.
        agents::run_agent(input, self.0.clone(), progress, CancellationToken::new()).boxed()
    }
}

/// A run that failed before it began: the worker asked for an agent this build lacks.
fn unknown_agent(job: AgentJob) -> agents::AgentRun {
    agents::AgentRun {
        error: format!("there is no `{}` agent", job.agent),
        id: job.run_id,
        agent: job.agent,
        model: job.model,
        input: job.input,
        state: "failed".to_owned(),
        ..agents::AgentRun::default()
    }
}

#[cfg(test)]
mod tests;
