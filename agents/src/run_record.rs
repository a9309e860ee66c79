//! The run as it is built: steps begun and ended, the run's output, note and citations, its
//! token sums (over the steps that reported them; absent when none did, never a made-up 0)
//! and its end. Every change is sent on the run's `progress` channel at once.

#[cfg(test)]
mod tests;

use std::time::{SystemTime, UNIX_EPOCH};

use proto::v1::{AgentRun, AgentStep};
use tokio::sync::watch;

use crate::AgentInput;
use crate::clip::step_output;
use crate::context::StepFailure;

/// Where a step sits on its run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StepIndex(usize);

/// How a step that calls no model ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepState {
    Succeeded,
    Failed,
    Rejected,
    Cancelled,
    Skipped,
}

impl StepState {
    pub fn word(self) -> &'static str {
        match self {
            StepState::Succeeded => "succeeded",
            StepState::Failed => "failed",
            StepState::Rejected => "rejected",
            StepState::Cancelled => "cancelled",
            StepState::Skipped => "skipped",
        }
    }
}

pub(crate) struct RunRecord {
    run: AgentRun,
    progress: watch::Sender<AgentRun>,
}

/// Unix milliseconds now.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
        })
}

impl RunRecord {
    /// The run `running`, sent on `progress`.
    pub fn start(input: &AgentInput, progress: watch::Sender<AgentRun>) -> Self {
        let run = AgentRun {
            id: input.run_id.clone(),
            agent: input.agent.word().to_owned(),
            model: input.model.clone(),
            input: input.input.clone(),
            state: "running".to_owned(),
            started_at_ms: now_ms(),
            ..AgentRun::default()
        };
        let mut record = Self { run, progress };
        record.publish();
        record
    }

    pub fn begin_step(&mut self, name: &str) -> StepIndex {
        self.run.steps.push(AgentStep {
            name: name.to_owned(),
            state: "running".to_owned(),
            started_at_ms: now_ms(),
            ..AgentStep::default()
        });
        self.publish();
        StepIndex(self.run.steps.len() - 1)
    }

    /// Changes the step at `index` (its job id, node, tokens) and sends the run.
    pub fn update_step(&mut self, index: StepIndex, change: impl FnOnce(&mut AgentStep)) {
        if let Some(step) = self.run.steps.get_mut(index.0) {
            change(step);
        }
        self.publish();
    }

    /// Ends the step at `index` with `state`, its output (clipped to 16 KiB) and error.
    pub fn end_step(&mut self, index: StepIndex, state: StepState, output: &str, error: &str) {
        self.update_step(index, |step| {
            step.state = state.word().to_owned();
            step.output = step_output(output);
            step.error = error.to_owned();
            step.ended_at_ms = Some(now_ms());
        });
    }

    pub fn set_output(&mut self, output: &str) {
        self.run.output = output.to_owned();
        self.publish();
    }

    pub fn set_note_path(&mut self, note_path: &str) {
        self.run.note_path = note_path.to_owned();
        self.publish();
    }

    pub fn set_citations(&mut self, citations: Vec<String>) {
        self.run.citations = citations;
        self.publish();
    }

    /// Ends the run: `succeeded`, or `failed`/`cancelled` with the failure's words.
    pub fn finish(mut self, outcome: Result<(), StepFailure>) -> AgentRun {
        let (state, error) = match outcome {
            Ok(()) => ("succeeded", String::new()),
            Err(failure @ StepFailure::Cancelled { .. }) => ("cancelled", failure.to_string()),
            Err(failure) => ("failed", failure.to_string()),
        };
        self.run.state = state.to_owned();
        self.run.error = error;
        self.run.ended_at_ms = Some(now_ms());
        self.publish();
        self.run
    }

    fn publish(&mut self) {
        self.run.input_tokens = sum_reported(&self.run.steps, |step| step.input_tokens);
        self.run.output_tokens = sum_reported(&self.run.steps, |step| step.output_tokens);
        self.progress.send_replace(self.run.clone());
    }
}

/// The sum over the steps that reported a count; `None` when none did.
fn sum_reported(steps: &[AgentStep], count: impl Fn(&AgentStep) -> Option<u64>) -> Option<u64> {
    steps
        .iter()
        .filter_map(count)
        .reduce(|total, tokens| total.saturating_add(tokens))
}
