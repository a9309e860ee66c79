//! The sync itself: the store brought in step with the vault on a blocking thread (`index`),
//! then the embedding loop, then the report.

use std::path::Path;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::report::{SyncError, SyncOptions, SyncPhase, SyncReport};
use super::{embed::embed_pending, index::index};
use crate::embed::Embedder;
use crate::graph::GraphStore;
use crate::store::MemoryDb;
use crate::vectors::VectorStore;

/// Notes named in a report's `pending_notes`, at most.
const PENDING_NOTES: usize = 50;

/// Where a sync writes: the notes, chunks and full text always go to the embedded file; the
/// vectors and the graph to it or to servers.
#[derive(Clone)]
pub struct SyncTargets {
    pub db: MemoryDb,
    pub vectors: Arc<dyn VectorStore>,
    pub graph: Arc<dyn GraphStore>,
}

impl std::fmt::Debug for SyncTargets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncTargets")
            .field("db", &self.db)
            .field("vectors", &self.vectors.describe())
            .field("graph", &self.graph.describe())
            .finish()
    }
}

fn wall_clock_ms() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

pub(super) fn store_error(error: impl std::fmt::Display) -> SyncError {
    SyncError::Store(error.to_string())
}

/// Syncs memory with the vault at `vault`, embedding through `embedder`.
pub async fn sync_vault<E: Embedder>(
    targets: &SyncTargets,
    vault: &Path,
    embedder: &E,
    options: &SyncOptions,
) -> Result<SyncReport, SyncError> {
    let started = Instant::now();
    let now_ms = options.now_ms.unwrap_or_else(wall_clock_ms);
    let (index_targets, root, index_options) = (targets.clone(), vault.to_owned(), options.clone());
    let mut report =
        tokio::task::spawn_blocking(move || index(&index_targets, &root, &index_options, now_ms))
            .await
            .map_err(|error| SyncError::Aborted(error.to_string()))??;
    let embedded = embed_pending(targets, embedder, options).await?;
    report.chunks_embedded = embedded.embedded;
    report.pending_reason = embedded.reason.unwrap_or_default();
    let db = targets.db.clone();
    let (pending, notes) = tokio::task::spawn_blocking(move || {
        db.set_last_sync(now_ms)?;
        Ok::<_, crate::store::StoreError>((
            db.status()?.chunks_pending,
            db.pending_notes(PENDING_NOTES)?,
        ))
    })
    .await
    .map_err(|error| SyncError::Aborted(error.to_string()))?
    .map_err(store_error)?;
    report.chunks_pending = pending;
    report.pending_notes = notes;
    report.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    options.tell(SyncPhase::Done, 0, 0, embedded.embedded, embedded.to_embed);
    tracing::info!(
        notes = report.notes,
        added = report.added,
        changed = report.changed,
        deleted = report.deleted,
        embedded = report.chunks_embedded,
        pending = report.chunks_pending,
        skipped = report.skipped.len(),
        "memory synced"
    );
    Ok(report)
}
