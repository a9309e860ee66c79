//! Start-up: the jobs a previous run left unfinished, each made ready to resume from its
//! stage (a note claimed but not yet moved is moved now, before the inbox is scanned).

use std::sync::Arc;

use crate::ledger::{Stage, VaultJob};

use super::moves::move_to_processing;
use super::shared::{Shared, blocking};

pub async fn unfinished(shared: &Arc<Shared>) -> Vec<VaultJob> {
    blocking(shared, |shared| {
        let jobs = match shared.ledger.unfinished() {
            Ok(jobs) => jobs,
            Err(error) => {
                tracing::error!(%error, "vault: cannot read the unfinished jobs; they resume at the next start");
                shared.status.error(error.to_string());
                return Vec::new();
            }
        };
        if !jobs.is_empty() {
            tracing::info!(jobs = jobs.len(), "vault: resuming the jobs a previous run left");
        }
        jobs.into_iter()
            .filter_map(|job| match job.stage {
                Stage::Claimed => move_to_processing(shared, job),
                _ => Some(job),
            })
            .collect()
    })
    .await
}

#[cfg(test)]
mod tests;
