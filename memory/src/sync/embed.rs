//! Embedding the chunks without a vector, a batch per embed job with the model's document
//! prefix. A rejected or failed job, or vectors of another space, stop embedding for this sync
//! (never the sync); the chunks stay pending and the next sync retries.

use super::report::{SyncError, SyncOptions, SyncPhase};
use super::run::SyncTargets;
use crate::embed::{Embedder, TextRole, task_prefix};
use crate::vectors::VectorPoint;

pub(super) struct Embedding {
    pub embedded: u64,
    pub to_embed: u64,
    /// Why chunks were left pending, if any were.
    pub reason: Option<String>,
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, SyncError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|error| SyncError::Aborted(error.to_string()))?
        .map_err(SyncError::Store)
}

pub(super) async fn embed_pending<E: Embedder>(
    targets: &SyncTargets,
    embedder: &E,
    options: &SyncOptions,
) -> Result<Embedding, SyncError> {
    let batch = options.batch_size.max(1);
    let db = targets.db.clone();
    let to_embed = blocking(move || {
        db.status()
            .map(|s| s.chunks_pending)
            .map_err(|e| e.to_string())
    })
    .await?;
    let mut done = Embedding {
        embedded: 0,
        to_embed,
        reason: None,
    };
    let prefix = task_prefix(embedder.model(), TextRole::Document);
    // Each round embeds a batch or stops: bounded by the pending count at the start.
    let rounds = to_embed.div_ceil(batch as u64) + 1;
    for _ in 0..rounds {
        let db = targets.db.clone();
        let pending = blocking(move || db.pending_chunks(batch).map_err(|e| e.to_string())).await?;
        if pending.is_empty() {
            break;
        }
        let texts = pending
            .iter()
            .map(|chunk| format!("{prefix}{}", chunk.text))
            .collect();
        let answer = match embedder.embed(texts).await {
            Ok(answer) => answer,
            Err(error) => {
                tracing::warn!(%error, "embedding stopped");
                done.reason = Some(error.to_string());
                break;
            }
        };
        if answer.vectors.len() != pending.len() {
            done.reason = Some(format!(
                "the embed job for {} answered {} vectors for {} texts",
                embedder.model(),
                answer.vectors.len(),
                pending.len()
            ));
            break;
        }
        let points: Vec<VectorPoint> = pending
            .iter()
            .zip(answer.vectors)
            .map(|(chunk, vector)| VectorPoint {
                id: chunk.id,
                note: chunk.note.clone(),
                vector,
            })
            .collect();
        let (vectors, db, space) = (targets.vectors.clone(), targets.db.clone(), answer.space);
        let stored = blocking(move || {
            if let Err(error) = vectors.upsert(&space, &points) {
                return Ok(Err(error.to_string()));
            }
            let ids: Vec<_> = points.iter().map(|point| point.id).collect();
            db.mark_embedded(&ids, &space).map_err(|e| e.to_string())?;
            Ok(Ok(ids.len() as u64))
        })
        .await?;
        match stored {
            Ok(count) => done.embedded += count,
            Err(reason) => {
                tracing::warn!(%reason, "embedding stopped");
                done.reason = Some(reason);
                break;
            }
        }
        options.tell(SyncPhase::Embedding, 0, 0, done.embedded, to_embed);
    }
    Ok(done)
}
