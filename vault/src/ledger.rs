//! The worker's durable memory (`vault.redb` under its data dir): one record per vault job,
//! claimed before anything else happens and advanced one stage at a time, so a restart knows
//! exactly what is left to do and never runs or answers a job twice.

use crate::job_note::JobType;
use crate::result_note::Outcome;

/// How far a claimed job has come; each stage's effect is done before the ledger says so, and
/// redoing a stage's effect is harmless (create-only and no-replace writes).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// In the ledger; the note may still be in `inbox/`.
    Claimed,
    /// The note is in `processing/` under `processing_name`.
    Moved,
    /// The cluster accepted (or rejected) the job; `cluster_job_id` is set.
    Submitted,
    /// The job ended; `outcome` and `result_name` are set, the result note may not exist yet.
    Ended,
    /// The result note exists.
    ResultWritten,
    /// The job note is in `done/` or `failed/` under `filed_name`.
    Filed,
    /// Nothing left to do (the Discord message, if any, is handed over).
    Finished,
}

/// One vault job as the ledger keeps it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VaultJob {
    /// The note's `id:`, or one the worker made at claim time.
    pub id: String,
    /// The note's file name in `inbox/` when it was claimed.
    pub source_name: String,
    /// Hex SHA-256 of the note as claimed: a copy in `inbox/` with another hash was edited
    /// after the claim.
    pub content_sha256: String,
    pub claimed_at_ms: i64,
    pub stage: Stage,
    /// `None` for a note too broken to say.
    pub job_type: Option<JobType>,
    pub model: String,
    pub notify_discord: bool,
    /// The name the note has (or will have) in `processing/`, chosen at claim time.
    pub processing_name: String,
    pub cluster_job_id: Option<String>,
    pub outcome: Option<Outcome>,
    /// The result note's path relative to the vault, chosen when the job ends.
    pub result_path: Option<String>,
    /// The job note's name in `done/` or `failed/`.
    pub filed_name: Option<String>,
    /// Why it did not succeed, as the result note says it.
    pub reason: String,
}
