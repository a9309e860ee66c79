//! The sync itself: the vault scanned and the store updated on a blocking thread (notes written,
//! graph recorded, deletions), then the embedding loop, then the report.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::embed::embed_pending;
use super::read::{self, VaultScan};
use super::report::{SyncError, SyncOptions, SyncPhase, SyncProgress, SyncReport};
use crate::embed::Embedder;
use crate::graph::GraphStore;
use crate::store::MemoryDb;
use crate::vault::{self, LinkResolver};
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

fn store_error(error: impl std::fmt::Display) -> SyncError {
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
    report_progress(
        options,
        SyncPhase::Done,
        0,
        0,
        embedded.embedded,
        embedded.to_embed,
    );
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

pub(super) fn report_progress(
    options: &SyncOptions,
    phase: SyncPhase,
    done: usize,
    total: usize,
    embedded: u64,
    to_embed: u64,
) {
    if let Some(progress) = &options.progress {
        progress(SyncProgress {
            phase,
            notes_done: u32::try_from(done).unwrap_or(u32::MAX),
            notes_total: u32::try_from(total).unwrap_or(u32::MAX),
            chunks_embedded: embedded,
            chunks_to_embed: to_embed,
        });
    }
}

/// Everything but embedding, on a blocking thread.
fn index(
    targets: &SyncTargets,
    root: &Path,
    options: &SyncOptions,
    now_ms: i64,
) -> Result<SyncReport, SyncError> {
    let VaultScan {
        files,
        notes,
        skipped,
    } = read::scan(root, |done, total| {
        report_progress(options, SyncPhase::Reading, done, total, 0, 0);
    })?;
    let db = &targets.db;
    if options.rebuild {
        targets.vectors.clear().map_err(store_error)?;
        db.clear_embedded().map_err(store_error)?;
    }
    let stored = db.note_hashes().map_err(store_error)?;
    let mut report = SyncReport {
        notes: u32::try_from(files.len()).unwrap_or(u32::MAX),
        skipped,
        ..SyncReport::default()
    };
    let mut removed = Vec::new();
    for note in &notes {
        report.warnings.extend(
            note.parsed
                .warnings
                .iter()
                .map(|w| format!("{}: {w}", note.parsed.path)),
        );
        match stored.get(&note.parsed.path) {
            Some(hash) if *hash == note.hash && !options.rebuild => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.changed += 1,
            None => report.added += 1,
        }
        removed.extend(
            db.write_note(&note.parsed, &note.content, &note.hash, now_ms)
                .map_err(store_error)?,
        );
    }
    let listed: HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let mut gone: Vec<String> = stored
        .keys()
        .filter(|path| !listed.contains(path.as_str()))
        .cloned()
        .collect();
    gone.sort();
    report.deleted = u32::try_from(gone.len()).unwrap_or(u32::MAX);
    removed.extend(db.delete_notes(&gone, now_ms).map_err(store_error)?);
    targets.vectors.remove(&removed).map_err(store_error)?;
    for path in &gone {
        targets
            .graph
            .expire_note(path, now_ms)
            .map_err(store_error)?;
    }
    // A skipped note still answers links to it (its aliases are unknown until it reads again).
    let no_aliases: Vec<String> = Vec::new();
    let resolver = LinkResolver::new(
        notes
            .iter()
            .map(|n| (n.parsed.path.as_str(), n.parsed.aliases.as_slice()))
            .chain(
                report
                    .skipped
                    .iter()
                    .map(|s| (s.path.as_str(), no_aliases.as_slice())),
            ),
    );
    for (done, note) in notes.iter().enumerate() {
        targets
            .graph
            .record(&vault::note_facts(&note.parsed, &resolver), now_ms)
            .map_err(store_error)?;
        report_progress(options, SyncPhase::Graph, done + 1, notes.len(), 0, 0);
    }
    Ok(report)
}
