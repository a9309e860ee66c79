//! One vault job from its claim to its end, stage by stage: run it (or, after a restart, find
//! the job the first run made: the submit carries the claim's id as idempotency key), write
//! its one result note, file the job note in `done/` or `failed/`, tell Discord if asked.
//! Each stage is recorded after its effect, and every effect may be redone safely.

use std::sync::Arc;

use crate::ledger::{Stage, VaultJob};
use crate::result_note::{ResultFacts, render_result};
use crate::whole_file::create_whole;

use super::config::{CrashPoint, crash_if};
use super::execute::execute;
use super::filing::{file_job_note, filed_place, result_place};
use super::moves::record;
use super::notice::{Notice, NoticeKind};
use super::notices::hand_over;
use super::shared::{Shared, blocking};
use super::status::InFlight;

pub async fn run_job(shared: Arc<Shared>, mut job: VaultJob) {
    show(&shared, &job);
    if job.stage < Stage::ResultWritten {
        let Some((facts, output)) = execute(&shared, &mut job).await else {
            return; // shutting down: the next start-up resumes the job
        };
        show(&shared, &job);
        let written = blocking(&shared, move |shared| {
            write_result(shared, job, facts, output)
        })
        .await;
        let Some(written) = written else { return };
        job = written;
        crash_if(shared.config.crash_after, CrashPoint::ResultWritten);
    }
    if job.stage < Stage::Filed {
        let filed = blocking(&shared, move |shared| file_job_note(shared, job)).await;
        let Some(filed) = filed else { return };
        job = filed;
        crash_if(shared.config.crash_after, CrashPoint::Filed);
    }
    if job.notify_discord {
        let (key, notice) = (format!("vault-job:{}", job.id), notice_for(&job));
        blocking(&shared, move |shared| hand_over(shared, &key, notice)).await;
    }
    job.stage = Stage::Finished;
    let word = job.outcome.map_or("failed", |outcome| outcome.word());
    let recorded = blocking(&shared, move |shared| record(shared, &job).then_some(job)).await;
    if let Some(job) = recorded {
        tracing::info!(vault_job = %job.id, outcome = word, result = ?job.result_path, "vault: job finished");
        shared.status.job_finished(&job.id, word);
        crate::metrics::finished(word);
    }
}

/// Writes the result note (create-only: a second write after a crash finds it there) and
/// records the outcome with it.
fn write_result(
    shared: &Shared,
    mut job: VaultJob,
    mut facts: ResultFacts,
    output: Option<String>,
) -> Option<VaultJob> {
    let (folder, name) = result_place(&job, output.as_deref());
    let filed = filed_place(shared, &job, facts.outcome);
    facts.job_note_link = shared.folders.link_target(filed.0, &filed.1);
    let dir = shared.folders.vault().join(&folder);
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| create_whole(&dir, &name, render_result(&facts).as_bytes()));
    if let Err(error) = written {
        tracing::error!(vault_job = %job.id, %error, "vault: cannot write the result note; the next start-up tries again");
        shared
            .status
            .error(format!("cannot write the result of {}: {error}", job.id));
        return None;
    }
    job.outcome = facts.outcome;
    job.reason = facts.reason;
    job.result_path = Some(format!("{folder}/{name}"));
    job.filed_name = Some(filed.1);
    job.stage = Stage::ResultWritten;
    record(shared, &job).then_some(job)
}

fn notice_for(job: &VaultJob) -> Notice {
    let succeeded = job.outcome.is_some_and(|outcome| outcome.succeeded());
    let word = job.outcome.map_or("failed", |outcome| outcome.word());
    let note = job.source_name.trim_end_matches(".md");
    let mut description = format!("Result: [[{}]]", job.result_path.as_deref().unwrap_or("?"));
    if !job.reason.is_empty() {
        description = format!("{}\n{description}", job.reason);
    }
    Notice {
        kind: if succeeded {
            NoticeKind::JobSucceeded
        } else {
            NoticeKind::JobFailed
        },
        title: format!("Vault job {word}: {note}"),
        description,
        fields: vec![("model".to_owned(), job.model.clone())],
        at_ms: crate::clock::now_ms(),
    }
}

fn show(shared: &Shared, job: &VaultJob) {
    shared.status.job_at(InFlight {
        id: job.id.clone(),
        source: job.source_name.clone(),
        model: job.model.clone(),
        stage: job.stage,
        cluster_job_id: job.cluster_job_id.clone(),
        claimed_at_ms: job.claimed_at_ms,
    });
}
