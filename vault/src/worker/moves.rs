//! Moving a claimed note between the worker's folders, each move recorded in the ledger
//! after it is done, and each safe to redo after a crash (no-replace renames: a move already
//! made finds its source gone and its target there).

use crate::layout::Folder;
use crate::ledger::{Stage, VaultJob};
use crate::result_note::Outcome;
use crate::whole_file::{Placed, move_no_replace};

use super::config::{CrashPoint, crash_if};
use super::shared::Shared;
use super::take::with_id;

/// `inbox/<source_name>` → `processing/<processing_name>`, then the ledger says `Moved`.
/// `None` when the job cannot go on (recorded as finished, or left for the next start-up).
pub fn move_to_processing(shared: &Shared, mut job: VaultJob) -> Option<VaultJob> {
    let from = shared.folders.path(Folder::Inbox).join(&job.source_name);
    let processing = shared.folders.path(Folder::Processing);
    let mut placed = move_no_replace(&from, &processing.join(&job.processing_name));
    if matches!(placed, Ok(Placed::AlreadyThere)) {
        // Another note took the name since the claim: keep both, this one named by its id.
        job.processing_name = with_id(&job.source_name, &job.id);
        placed = move_no_replace(&from, &processing.join(&job.processing_name));
    }
    match placed {
        Ok(Placed::Placed) => {}
        Ok(Placed::SourceGone) if processing.join(&job.processing_name).exists() => {
            // Moved before a crash, not yet recorded.
        }
        Ok(Placed::SourceGone) => {
            tracing::warn!(vault_job = %job.id, note = %job.source_name, "vault: the note left the inbox before it was moved; not run");
            job.outcome = Some(Outcome::Cancelled);
            job.reason = "the note was removed from the inbox before it ran".into();
            job.stage = Stage::Finished;
            record(shared, &job);
            return None;
        }
        Ok(Placed::AlreadyThere) | Err(_) => {
            let error = placed
                .err()
                .map(|error| error.to_string())
                .unwrap_or_default();
            tracing::error!(vault_job = %job.id, note = %job.source_name, %error, "vault: cannot move the note to processing/; the next start-up tries again");
            shared.status.error(format!(
                "cannot move {} to processing/: {error}",
                job.source_name
            ));
            return None;
        }
    }
    job.stage = Stage::Moved;
    if !record(shared, &job) {
        return None;
    }
    crash_if(shared.config.crash_after, CrashPoint::Moved);
    Some(job)
}

/// Writes the job's new stage to the ledger; `false` (logged) when it could not.
pub fn record(shared: &Shared, job: &VaultJob) -> bool {
    match shared.ledger.advance(job) {
        Ok(()) => true,
        Err(error) => {
            tracing::error!(vault_job = %job.id, %error, "vault: cannot record the job's progress; the next start-up resumes it");
            shared.status.error(error.to_string());
            false
        }
    }
}

#[cfg(test)]
mod tests;
