//! `research` and `briefing` notes: the agent run through [`AgentJobs`], its end turned into
//! the result's facts — the answer and its sources, or the briefing's note and summary, every
//! step with its job, and for a rejected step every node's reason (never another model).

use std::fmt::Write;
use std::sync::Arc;

use proto::v1::AgentRun;

use crate::job_note::{JobNote, JobType};
use crate::ledger::VaultJob;
use crate::result_note::{Outcome, ResultFacts, StepFacts};

use super::agent_jobs::agent_job;
use super::execute::ended;
use super::shared::Shared;

/// The facts of the ended run; `None` when the worker is shutting down first (the next start
/// runs the same run id, which replays the finished steps).
pub async fn run_agent_job(
    shared: &Arc<Shared>,
    job: &VaultJob,
    note: &JobNote,
    facts: ResultFacts,
) -> Option<ResultFacts> {
    let word = note.job_type.word();
    let Some(agents) = shared.agent_jobs.clone() else {
        let reason = format!(
            "this worker has no agents: the {word} agent runs in `runner worker` and \
             `runner serve` with `[vault]`. Nothing was run."
        );
        return Some(ended(facts, Outcome::Unavailable, reason));
    };
    let request = agent_job(job, note, crate::clock::now_ms());
    tracing::info!(vault_job = %job.id, agent = word, run_id = %request.run_id, input = %request.input, "vault: agent run");
    let run = tokio::select! {
        run = agents.run(request) => run,
        () = shared.shutdown.cancelled() => return None,
    };
    Some(facts_from_run(facts, note.job_type, &run))
}

/// The result's facts from the run's end.
pub fn facts_from_run(mut facts: ResultFacts, job_type: JobType, run: &AgentRun) -> ResultFacts {
    facts.run_id = Some(run.id.clone());
    facts.run_state = Some(run.state.clone());
    facts.input_tokens = run.input_tokens;
    facts.output_tokens = run.output_tokens;
    facts.cited = run.citations.clone();
    facts.steps = run.steps.iter().map(step_facts).collect();
    facts.started_ms = (run.started_at_ms > 0).then_some(run.started_at_ms);
    facts.answer = match job_type {
        JobType::Briefing => briefing_answer(run),
        _ => run.output.clone(),
    };
    let rejected = run.steps.iter().find(|step| step.state == "rejected");
    let (outcome, reason) = match (rejected, run.state.as_str()) {
        (Some(step), _) => (Outcome::Rejected, node_reasons(&step.error)),
        (None, "succeeded") => (Outcome::Succeeded, String::new()),
        (None, "cancelled") => (Outcome::Cancelled, run.error.clone()),
        (None, _) => (Outcome::Failed, run.error.clone()),
    };
    let mut facts = ended(facts, outcome, reason);
    if let Some(ended_ms) = run.ended_at_ms.filter(|ms| *ms > 0) {
        facts.finished_ms = ended_ms;
    }
    facts.duration_ms = facts
        .started_ms
        .and_then(|started| u64::try_from(facts.finished_ms - started).ok());
    facts
}

fn step_facts(step: &proto::v1::AgentStep) -> StepFacts {
    StepFacts {
        name: step.name.clone(),
        state: step.state.clone(),
        job_id: step.job_id.clone(),
        input_tokens: step.input_tokens,
        output_tokens: step.output_tokens,
        error: step.error.clone(),
    }
}

/// Each node's reason on its own line, from a rejected step's `headline: r1; r2`.
fn node_reasons(error: &str) -> String {
    let (headline, reasons) = client::schedules::rejection_parts(error);
    if reasons.is_empty() {
        headline
    } else {
        reasons.join("\n")
    }
}

/// A link to the note the briefing wrote, then its summary (the `summary` step's text).
fn briefing_answer(run: &AgentRun) -> String {
    let summary = run
        .steps
        .iter()
        .find(|step| step.name == "summary" && step.state == "succeeded")
        .map_or(run.output.as_str(), |step| step.output.as_str());
    let mut text = String::new();
    if !run.note_path.is_empty() {
        let target = run.note_path.strip_suffix(".md").unwrap_or(&run.note_path);
        // Writing to a String cannot fail.
        let _ = writeln!(text, "Briefing: [[{target}]]\n");
    }
    text.push_str(summary.trim());
    text
}

#[cfg(test)]
mod tests;
