//! Sync (streaming progress, one at a time) and status.

use std::sync::Arc;

use proto::v1::{MemoryStatus, SkippedNote, SyncProgress, SyncReport};
use tokio::sync::mpsc;
use tonic::Status;

use super::{Memory, blocking};
use crate::graph::AsOf;
use crate::sync::{self, SyncOptions};

/// Where a sync's progress and report go (the gRPC stream).
pub type ProgressSender = mpsc::Sender<Result<SyncProgress, Status>>;

impl Memory {
    /// Syncs the vault; progress goes to `progress` as it happens (dropped when the receiver is
    /// slow or gone: the sync itself never waits for a client), then the report.
    pub async fn sync(
        &self,
        rebuild: bool,
        progress: ProgressSender,
    ) -> Result<SyncReport, Status> {
        let _one_at_a_time = self.sync_lock.lock().await;
        let sender = progress.clone();
        let options = SyncOptions {
            rebuild,
            progress: Some(Arc::new(move |step: sync::SyncProgress| {
                let _ = sender.try_send(Ok(progress_message(&step)));
            })),
            ..SyncOptions::default()
        };
        let report = sync::sync_vault(&self.targets, &self.config.vault, &self.embedder, &options)
            .await
            .map_err(|error| match error {
                sync::SyncError::Vault(error) => Status::failed_precondition(error.to_string()),
                other => Status::internal(other.to_string()),
            })?;
        Ok(report_message(report))
    }

    pub async fn status(&self) -> Result<MemoryStatus, Status> {
        let targets = self.targets.clone();
        let config = self.config.clone();
        blocking(move || {
            let store = targets
                .db
                .status()
                .map_err(|error| Status::internal(error.to_string()))?;
            let mut problems = Vec::new();
            let dimension = match targets.vectors.space() {
                Ok(space) => space.map_or(0, |space| space.dimension),
                Err(error) => {
                    problems.push(error.to_string());
                    0
                }
            };
            let now = crate::clock::now_ms();
            let edges = match targets.graph.edge_count(AsOf::now(now)) {
                Ok(edges) => edges,
                Err(error) => {
                    problems.push(error.to_string());
                    0
                }
            };
            if !config.vault.is_dir() {
                problems.push(format!(
                    "the vault {} does not exist or is not a directory",
                    config.vault.display()
                ));
            }
            Ok(MemoryStatus {
                vault: config.vault.display().to_string(),
                vector_store: targets.vectors.describe(),
                graph_store: targets.graph.describe(),
                embed_model: config.embed_model.clone(),
                dimension,
                notes: u32::try_from(store.notes).unwrap_or(u32::MAX),
                chunks: store.chunks,
                chunks_embedded: store.chunks_embedded,
                chunks_pending: store.chunks_pending,
                edges,
                last_sync_ms: store.last_sync_ms.unwrap_or(0),
                store_bytes: store.file_bytes,
                problems,
            })
        })
        .await
    }
}

fn progress_message(step: &sync::SyncProgress) -> SyncProgress {
    SyncProgress {
        phase: step.phase.as_str().into(),
        notes_done: step.notes_done,
        notes_total: step.notes_total,
        chunks_embedded: step.chunks_embedded,
        chunks_to_embed: step.chunks_to_embed,
        report: None,
    }
}

fn report_message(report: sync::SyncReport) -> SyncReport {
    SyncReport {
        notes: report.notes,
        added: report.added,
        changed: report.changed,
        unchanged: report.unchanged,
        deleted: report.deleted,
        chunks_embedded: report.chunks_embedded,
        chunks_pending: report.chunks_pending,
        pending_reason: report.pending_reason,
        pending_notes: report.pending_notes,
        skipped: report
            .skipped
            .into_iter()
            .map(|skipped| SkippedNote {
                path: skipped.path,
                reason: skipped.reason,
            })
            .collect(),
        warnings: report.warnings,
        duration_ms: report.duration_ms,
    }
}
