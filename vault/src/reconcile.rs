//! The decision for one file in `inbox/`, level-triggered: every event, the periodic timer
//! and start-up look at the whole folder and decide again, so a lost event only costs
//! latency. Pure: the caller gathers what the file and the ledger say.

use crate::job_note::NoteStatus;
use crate::ledger::VaultJob;
use crate::names::NameKind;
use crate::settle::{Fingerprint, Settling};

/// What the worker knows of one file in `inbox/`.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxEntry {
    pub name: String,
    pub kind: NameKind,
    pub print: Fingerprint,
    pub status: NoteStatus,
    /// The note's `id:`, if it has one that reads.
    pub note_id: Option<String>,
}

/// What to do with it.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// A name never taken (dot-file, temp file, not markdown).
    Ignore,
    /// Not submitted: the operator is still writing it.
    Draft,
    /// Still changing, or not unchanged for the settle time yet.
    Wait { ready_at_ms: i64 },
    /// A new job: parse, claim, run.
    Take,
    /// An unchanged copy of a job already claimed (Syncthing brought the moved note back):
    /// remove it, the job is not run again.
    Stray { claimed_id: String },
    /// A copy of a claimed job that was edited after the claim: to `conflicts/` with an
    /// alert, never run silently.
    EditedAfterClaim { claimed_id: String },
    /// A Syncthing conflict copy, settled: to `conflicts/`.
    SyncConflict,
}

/// Decides what to do with one file in `inbox/`, rule by rule, the first that applies:
/// an ignored name is never looked at; nothing is done before the file has settled; a
/// settled sync-conflict copy goes to `conflicts/`; a note the ledger already claimed (found
/// by the caller through its `id:`, else its name) is a stray copy when unchanged and edited
/// after the claim otherwise, whatever its status says (a resurrected note may say anything);
/// a note not `submitted` is a draft; anything else is taken.
pub fn decide(entry: &InboxEntry, claimed: Option<&VaultJob>, settling: Settling) -> Decision {
    if matches!(entry.kind, NameKind::Ignored(_)) {
        return Decision::Ignore;
    }
    if let Settling::Waiting { ready_at_ms, .. } = settling {
        return Decision::Wait { ready_at_ms };
    }
    if entry.kind == NameKind::SyncConflict {
        return Decision::SyncConflict;
    }
    if let Some(job) = claimed {
        let claimed_id = job.id.clone();
        return if job.content_sha256 == entry.print.sha256 {
            Decision::Stray { claimed_id }
        } else {
            Decision::EditedAfterClaim { claimed_id }
        };
    }
    match entry.status {
        NoteStatus::Submitted => Decision::Take,
        NoteStatus::Draft | NoteStatus::Other(_) => Decision::Draft,
    }
}

#[cfg(test)]
mod tests;
