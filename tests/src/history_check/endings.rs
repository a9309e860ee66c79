//! The checks per job: one terminal state, a reason when it did not succeed, a success's output
//! exactly what its node's Ollama streamed; and how many generations it caused there.

use proto::v1::{Job, JobState};

use super::{Generated, HistoryReport, prompt_of, state_word};

/// The job ended exactly once, with a reason when it did not succeed, and a success's output
/// is exactly a text its node's Ollama streamed to the end for its prompt.
pub(super) fn check_ending(job: &Job, generated: &Generated, report: &mut HistoryReport) {
    let runs: usize = generated
        .values()
        .filter_map(|prompts| prompts.get(prompt_of(job)))
        .map(|generations| generations.started)
        .sum();
    *report.jobs_by_generations.entry(runs).or_default() += 1;
    let retries = job.spec.as_ref().map_or(0, |spec| spec.retries) as usize;
    if runs > 1 + retries {
        report.generations_beyond_retries += 1;
    }
    let state = JobState::try_from(job.state).unwrap_or(JobState::Unspecified);
    match state {
        JobState::Succeeded => {
            report.succeeded += 1;
            let streamed = generated
                .get(&job.node)
                .and_then(|prompts| prompts.get(prompt_of(job)));
            if !streamed.is_some_and(|streamed| streamed.finished_texts.contains(&job.output)) {
                report.problems.push(format!(
                    "job {} succeeded on {} with output {:?}, which its Ollama never streamed \
                     (it streamed {:?})",
                    job.id,
                    job.node,
                    job.output,
                    streamed.map(|streamed| &streamed.finished_texts)
                ));
            }
        }
        JobState::Failed | JobState::Cancelled | JobState::Rejected => {
            let cause = client::words::failure_cause(job.cause);
            let ending = format!("{} {cause}", state_word(job));
            *report.ended_otherwise.entry(ending.clone()).or_default() += 1;
            (report.example_reasons)
                .entry(ending)
                .or_insert_with(|| job.reason.clone());
            if job.reason.trim().is_empty() || cause.is_empty() {
                report.problems.push(format!(
                    "job {} ended {} without saying why (cause {cause:?}, reason {:?})",
                    job.id,
                    state_word(job),
                    job.reason
                ));
            }
        }
        JobState::Queued | JobState::Running | JobState::Unspecified => {
            report.lost += 1;
            report.problems.push(format!(
                "job {} never ended: still {} after everything settled",
                job.id,
                state_word(job)
            ));
        }
    }
}
