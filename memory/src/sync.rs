//! Bringing memory in step with the vault: notes whose content changed are re-read and written
//! (each in one transaction), every note's graph facts recorded, notes gone from the vault
//! marked deleted (their facts expired), then chunks without a vector embedded in batches. An
//! embedding failure stops embedding, never the sync: the report says what is pending and why.

mod embed;
mod index;
mod read;
mod report;
mod run;

pub use report::{
    ProgressFn, SkippedNote, SyncError, SyncOptions, SyncPhase, SyncProgress, SyncReport,
};
pub use run::{SyncTargets, sync_vault};

#[cfg(test)]
mod tests;
