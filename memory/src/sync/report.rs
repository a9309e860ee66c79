//! What a sync is asked, what it tells while it runs and what it reports (mirroring the
//! `SyncReport` message of `memory.proto`, without depending on proto).

use std::sync::Arc;

/// Progress callback; called from blocking and async threads alike.
pub type ProgressFn = Arc<dyn Fn(SyncProgress) + Send + Sync>;

#[derive(Clone)]
pub struct SyncOptions {
    /// Re-read every note and re-embed every chunk (the vectors are cleared first).
    pub rebuild: bool,
    /// Texts per embed job (at least 1).
    pub batch_size: usize,
    /// System time the sync records (ms); `None`: the wall clock.
    pub now_ms: Option<i64>,
    pub progress: Option<ProgressFn>,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            rebuild: false,
            batch_size: 32,
            now_ms: None,
            progress: None,
        }
    }
}

impl std::fmt::Debug for SyncOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncOptions")
            .field("rebuild", &self.rebuild)
            .field("batch_size", &self.batch_size)
            .field("now_ms", &self.now_ms)
            .finish_non_exhaustive()
    }
}

impl SyncOptions {
    /// Tells the progress callback, if any.
    pub(super) fn tell(
        &self,
        phase: SyncPhase,
        done: usize,
        total: usize,
        embedded: u64,
        to_embed: u64,
    ) {
        if let Some(progress) = &self.progress {
            progress(SyncProgress {
                phase,
                notes_done: u32::try_from(done).unwrap_or(u32::MAX),
                notes_total: u32::try_from(total).unwrap_or(u32::MAX),
                chunks_embedded: embedded,
                chunks_to_embed: to_embed,
            });
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncPhase {
    /// Listing the vault and reading (hashing, parsing) every note.
    Scanning,
    /// Writing changed notes, deletions and every note's graph facts.
    Indexing,
    /// Embedding chunks without a vector.
    Embedding,
    Done,
}

impl SyncPhase {
    /// As the `phase` of proto's `SyncProgress` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncPhase::Scanning => "scanning",
            SyncPhase::Indexing => "indexing",
            SyncPhase::Embedding => "embedding",
            SyncPhase::Done => "done",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncProgress {
    pub phase: SyncPhase,
    pub notes_done: u32,
    pub notes_total: u32,
    pub chunks_embedded: u64,
    pub chunks_to_embed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedNote {
    pub path: String,
    /// Why it was not indexed ("not UTF-8 at byte 1234", …).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// Markdown notes found in the vault.
    pub notes: u32,
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
    /// Notes gone from the vault since the last sync (facts expired, rows kept).
    pub deleted: u32,
    pub chunks_embedded: u64,
    /// Chunks without a vector after this sync; `pending_reason` says why.
    pub chunks_pending: u64,
    pub pending_reason: String,
    /// Notes with pending chunks (at most 50).
    pub pending_notes: Vec<String>,
    pub skipped: Vec<SkippedNote>,
    /// Problems that did not stop a note from being indexed, each naming its note.
    pub warnings: Vec<String>,
    pub duration_ms: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The vault cannot be listed (gone, not a directory): the store was not touched.
    #[error(transparent)]
    Vault(#[from] crate::vault::VaultError),
    #[error("{0}")]
    Store(String),
    #[error("the sync stopped: {0}")]
    Aborted(String),
}
