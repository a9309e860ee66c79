//! A firing's agent run: started in its own task, every change of the run (a step begun or
//! ended) saved on the firing, so `runner schedules show` and the web page see each step as it
//! happens and a failed run can be read. The run's id comes from the firing, so a run resumed
//! after a restart replays the steps that finished (their jobs' idempotency keys) instead of
//! running them again.

use std::sync::Arc;

use chrono::Days;
use proto::v1::{AgentRun, Firing, FiringOutcome};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::config::{ScheduleConfig, TemplateKind};
use crate::spec::source;
use crate::time::from_ms;

use super::Scheduler;

/// An agent run going on, as the overlap policy sees it.
#[derive(Debug, Clone)]
pub struct RunningAgent {
    pub slot_ms: i64,
    pub run_id: String,
    /// Cancelled by `overlap = "replace"` (not by shutdown: a run cut by a restart resumes).
    pub cancel: CancellationToken,
}

impl Scheduler {
    pub(super) fn start_agent_run(self: &Arc<Self>, schedule: &ScheduleConfig, mut firing: Firing) {
        let TemplateKind::Agent(agent) = schedule.job.kind else {
            return;
        };
        let run = firing.run.clone().unwrap_or_default();
        let slot = from_ms(firing.scheduled_at_ms).with_timezone(&schedule.cron.zone());
        let input = match agent {
            // The briefing reports on the day before the slot's, in the schedule's zone.
            agents::AgentKind::Briefing => slot
                .date_naive()
                .checked_sub_days(Days::new(1))
                .map(|day| day.to_string())
                .unwrap_or_default(),
            agents::AgentKind::Research => schedule.job.prompt.clone(),
            agents::AgentKind::Memory => String::new(),
        };
        let input = agents::AgentInput {
            run_id: run.id.clone(),
            agent,
            model: schedule.job.model.clone(),
            input,
            source: source(&schedule.name),
            time_zone: schedule.cron.zone(),
        };
        let cancel = CancellationToken::new();
        let running = RunningAgent {
            slot_ms: firing.scheduled_at_ms,
            run_id: run.id.clone(),
            cancel: cancel.clone(),
        };
        self.running_agents()
            .entry(schedule.name.clone())
            .or_default()
            .push(running);
        let (progress, mut changes) = watch::channel(run);
        let task = self.launcher.run_agent(input, progress, cancel);
        let this = self.clone();
        tokio::spawn(async move {
            let finished = tokio::spawn(task);
            while changes.changed().await.is_ok() {
                let run = changes.borrow_and_update().clone();
                this.save_run(&mut firing, run).await;
            }
            match finished.await {
                Ok(run) => this.save_run(&mut firing, run).await,
                Err(stopped) => {
                    tracing::error!(schedule = %firing.schedule, error = %stopped, "an agent run's task stopped")
                }
            }
            this.agent_run_ended(&firing);
        });
    }

    async fn save_run(&self, firing: &mut Firing, run: AgentRun) {
        if let Some(step) = run.steps.iter().rev().find(|step| !step.job_id.is_empty()) {
            firing.job_id = step.job_id.clone();
        }
        if run.steps.iter().any(|step| step.state == "rejected") {
            firing.outcome = FiringOutcome::Rejected.into();
        }
        firing.state = run.state.clone();
        firing.reason = run.error.clone();
        firing.run = Some(run);
        if let Err(error) = self.save(firing).await {
            tracing::error!(schedule = %firing.schedule, %error, "could not save an agent run's progress");
        }
    }

    fn agent_run_ended(&self, firing: &Firing) {
        let run_id = firing
            .run
            .as_ref()
            .map(|run| run.id.as_str())
            .unwrap_or_default();
        if let Some(runs) = self.running_agents().get_mut(&firing.schedule) {
            runs.retain(|running| running.run_id != run_id);
        }
        let state = firing
            .run
            .as_ref()
            .map(|run| run.state.as_str())
            .unwrap_or_default();
        tracing::info!(schedule = %firing.schedule, run_id, state, "agent run ended");
        if state == "failed" {
            self.notices.agent_failed(firing);
        }
    }
}
