//! Running a claimed job: read its note from `processing/` (parsed again, as after a
//! restart), then by type — a cluster job for chat, generate and summarize; memory for embed
//! and ingest; an agent run for research and briefing. A bad note is answered with every
//! problem it has.

use std::sync::Arc;

use crate::job_note::{JobType, parse_job_note};
use crate::layout::Folder;
use crate::ledger::VaultJob;
use crate::result_note::{Outcome, ResultFacts};

use super::agent_run::run_agent_job;
use super::follow::run_on_cluster;
use super::ingest::ingest;
use super::shared::{Shared, blocking};

/// The facts of the ended job and the note's `output:` folder; `None` when the worker is
/// shutting down first.
pub async fn execute(
    shared: &Arc<Shared>,
    job: &mut VaultJob,
) -> Option<(ResultFacts, Option<String>)> {
    let path = shared
        .folders
        .path(Folder::Processing)
        .join(&job.processing_name);
    let text = blocking(shared, move |_| std::fs::read_to_string(path)).await;
    let mut facts = ResultFacts {
        id: job.id.clone(),
        title: job
            .source_name
            .strip_suffix(".md")
            .unwrap_or(&job.source_name)
            .to_owned(),
        model: job.model.clone(),
        job_type: job
            .job_type
            .map(|kind| kind.word().to_owned())
            .unwrap_or_default(),
        ..ResultFacts::default()
    };
    let text = match text {
        Ok(text) => text,
        Err(error) => {
            let reason = format!("the job note could not be read from Runner/processing/: {error}");
            return Some((ended(facts, Outcome::Failed, reason), None));
        }
    };
    let note = match parse_job_note(&job.source_name, &text) {
        Ok(note) => {
            facts.title = note.title.clone();
            note
        }
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(super::problems::problem_line).collect();
            return Some((ended(facts, Outcome::Invalid, lines.join("\n")), None));
        }
    };
    let facts = match note.job_type {
        JobType::Chat | JobType::Generate | JobType::Summarize => {
            run_on_cluster(shared, job, &note, facts).await?
        }
        JobType::Embed | JobType::Ingest => ingest(shared, job, &note, facts).await,
        JobType::Research | JobType::Briefing => run_agent_job(shared, job, &note, facts).await?,
    };
    Some((facts, note.output))
}

/// Facts of a job that ended with `outcome` for `reason`.
pub fn ended(mut facts: ResultFacts, outcome: Outcome, reason: String) -> ResultFacts {
    facts.outcome = Some(outcome);
    facts.reason = reason;
    facts.finished_ms = crate::clock::now_ms();
    facts
}
