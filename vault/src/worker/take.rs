//! Taking a settled, submitted note: parse it (a bad note is still taken, to be answered with
//! what is wrong), claim it in the ledger under its id, then move it into `processing/`. The
//! claim comes first: it is what makes a second look at the same note (a lost move, a
//! Syncthing resurrection) find the job instead of making another.

use crate::job_note::parse_job_note;
use crate::layout::Folder;
use crate::ledger::{Claim, Stage, VaultJob, new_job_id};
use crate::settle::Fingerprint;

use super::config::{CrashPoint, crash_if};
use super::conflicts::move_conflict;
use super::moves::move_to_processing;
use super::shared::Shared;

/// Claims and moves `inbox/name`; `None` when it turned out not to be a new job (logged).
/// The job is run from its copy in `processing/`, parsed again there (as after a restart).
pub fn take(
    shared: &Shared,
    name: &str,
    text: &str,
    print: &Fingerprint,
    now_ms: i64,
) -> Option<VaultJob> {
    let note = parse_job_note(name, text);
    let (id, job_type, model, notify_discord) = match &note {
        Ok(note) => (
            note.id.clone(),
            Some(note.job_type),
            note.model.clone(),
            note.notify_discord,
        ),
        Err(_) => (crate::job_note::read_id(text), None, String::new(), false),
    };
    let id = id.unwrap_or_else(|| new_job_id(name, &print.sha256, now_ms));
    let job = VaultJob {
        processing_name: processing_name(shared, name, &id),
        id,
        source_name: name.to_owned(),
        content_sha256: print.sha256.clone(),
        claimed_at_ms: now_ms,
        stage: Stage::Claimed,
        job_type,
        model,
        notify_discord,
        cluster_job_id: None,
        outcome: None,
        result_path: None,
        filed_name: None,
        reason: String::new(),
    };
    match shared.ledger.claim(&job) {
        Ok(Claim::New) => {}
        Ok(Claim::Known(known)) => {
            // The note's own `id:` names a job claimed from another note or another text.
            move_conflict(shared, name, &print.sha256, Some(&known.id), now_ms);
            return None;
        }
        Err(error) => {
            tracing::error!(note = %name, %error, "vault: cannot claim the note; it stays in the inbox");
            shared.status.error(error.to_string());
            return None;
        }
    }
    tracing::info!(vault_job = %job.id, note = %name, model = %job.model, "vault: claimed");
    crate::metrics::claimed();
    crash_if(shared.config.crash_after, CrashPoint::Claimed);
    move_to_processing(shared, job)
}

/// The note's name in `processing/`: its own, unless a note of that name is there already.
fn processing_name(shared: &Shared, name: &str, id: &str) -> String {
    let taken = shared.folders.path(Folder::Processing).join(name).exists();
    if taken {
        with_id(name, id)
    } else {
        name.to_owned()
    }
}

/// `why-sky.md` → `why-sky (ID).md`.
pub fn with_id(name: &str, id: &str) -> String {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    format!("{stem} ({id}).md")
}

#[cfg(test)]
mod tests;
