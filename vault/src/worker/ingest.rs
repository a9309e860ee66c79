//! `embed` and `ingest` notes: into memory through the coordinator's `MemoryService`. Linked
//! notes are brought in by a memory sync (which reads what changed in the vault, them
//! included, and embeds through the cluster like any job); a body without links is kept as a
//! memory note of its own (`Remember`). Memory that is off answers "unavailable", with why.

use std::sync::Arc;

use proto::v1::{RememberRequest, SyncMemoryRequest, SyncReport};
use tonic::{Code, Status};

use crate::job_note::JobNote;
use crate::ledger::VaultJob;
use crate::result_note::{Outcome, ResultFacts};

use super::execute::ended;
use super::shared::Shared;

pub async fn ingest(
    shared: &Arc<Shared>,
    job: &VaultJob,
    note: &JobNote,
    facts: ResultFacts,
) -> ResultFacts {
    let started = crate::clock::now_ms();
    let answer = if note.links.is_empty() {
        remember(shared, job, note).await
    } else {
        sync(shared)
            .await
            .map(|report| sync_words(&report, &note.links))
    };
    let mut facts = match answer {
        Ok(answer) => {
            let mut facts = ended(facts, Outcome::Succeeded, String::new());
            facts.answer = answer;
            facts
        }
        Err(status) if status.code() == Code::FailedPrecondition => ended(
            facts,
            Outcome::Unavailable,
            format!("memory is not available: {}", status.message()),
        ),
        Err(status) => ended(
            facts,
            Outcome::Failed,
            format!("memory failed: {}", client::rejection_text(&status)),
        ),
    };
    facts.started_ms = Some(started);
    facts.duration_ms = u64::try_from(facts.finished_ms - started).ok();
    facts
}

async fn remember(shared: &Shared, job: &VaultJob, note: &JobNote) -> Result<String, Status> {
    let request = RememberRequest {
        title: note.title.clone(),
        content: note.body.clone(),
        tags: vec!["runner/ingested".to_owned()],
        source: format!("vault job {} (Runner/inbox/{})", job.id, job.source_name),
    };
    let written = shared
        .coordinator
        .memory()
        .remember(request)
        .await?
        .into_inner();
    Ok(format!(
        "Kept in memory as [[{}]].",
        written.path.trim_end_matches(".md")
    ))
}

async fn sync(shared: &Shared) -> Result<SyncReport, Status> {
    let mut stream = shared
        .coordinator
        .memory()
        .sync_memory(SyncMemoryRequest { rebuild: false })
        .await?
        .into_inner();
    let mut report = None;
    while let Some(progress) = stream.message().await? {
        if progress.report.is_some() {
            report = progress.report;
        }
    }
    report.ok_or_else(|| Status::internal("the memory sync ended without its report"))
}

fn sync_words(report: &SyncReport, links: &[String]) -> String {
    let mut words = format!(
        "Memory read the vault: {} notes ({} new, {} changed), {} passages embedded.",
        report.notes, report.added, report.changed, report.chunks_embedded
    );
    if report.chunks_pending > 0 {
        words.push_str(&format!(
            "\n{} passages are still waiting for their embeddings: {}",
            report.chunks_pending, report.pending_reason
        ));
    }
    let listed: Vec<String> = links.iter().map(|link| format!("- [[{link}]]")).collect();
    format!(
        "{words}\n\nThe notes this job named:\n{}",
        listed.join("\n")
    )
}
