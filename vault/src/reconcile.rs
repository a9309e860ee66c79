//! The decision for one file in `inbox/`, level-triggered: every event, the periodic timer
//! and start-up look at the whole folder and decide again, so a lost event only costs
//! latency. Pure: the caller gathers what the file and the ledger say.

use crate::job_note::NoteStatus;
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
