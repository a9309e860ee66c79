//! Group commit: job records from the cluster loop are written by one blocking task that
//! takes everything waiting and commits it in one transaction, so the loop never waits on
//! the disk and a burst of submits costs one fsync rather than one each.
//!
//! A failed commit (a full disk, an I/O error) ends the writer with an error instead of
//! logging and carrying on: redb refuses every later write once a commit has failed, so a
//! writer that carried on would drop every record from then on while submits kept being
//! answered. The coordinator supervises this task and stops when it ends, so an operator sees
//! one clear error and a non-zero exit (and a service manager restarts it once there is room),
//! rather than a coordinator that looks healthy and loses its history.

use std::collections::HashMap;
use std::sync::Arc;

use proto::v1::Job;
use tokio::sync::{mpsc, oneshot};

use super::{JobStore, StoreError};

/// Told once the record is durable, or why it could not be written.
pub type Durable = oneshot::Sender<Result<(), String>>;

/// Why the writer stopped before it was asked to.
#[derive(Debug, thiserror::Error)]
#[error(
    "could not make {records} job records durable: {source}; the job store accepts no more \
     writes: free space (or fix the disk) under data_dir and restart the coordinator"
)]
pub struct WriterFailed {
    pub records: usize,
    #[source]
    pub source: StoreError,
}

struct Write {
    /// `None` for a barrier: `durable` hears once everything sent before it is on disk.
    job: Option<Job>,
    durable: Option<Durable>,
}

/// Sends job records to the writer task; cheap to clone.
#[derive(Clone)]
pub struct StoreWriter {
    // Unbounded on purpose: the only sender is the cluster loop, which must never wait on the
    // disk. What waits here is bounded by the jobs in flight: an accepted submit's record is
    // awaited by its caller before the call is answered, and the other records are state
    // changes of active jobs (bounded by the nodes' slots and queues) or one per rejection.
    sender: mpsc::UnboundedSender<Write>,
}

impl StoreWriter {
    /// Starts the writer on a blocking thread; it ends with `Ok` when every `StoreWriter` is
    /// dropped (after writing what was already sent), or with the first failed commit.
    pub fn start(
        store: Arc<dyn JobStore>,
    ) -> (Self, tokio::task::JoinHandle<Result<(), WriterFailed>>) {
        let (sender, receiver) = mpsc::unbounded_channel();
        let handle = tokio::task::spawn_blocking(move || write_until_closed(store, receiver));
        (Self { sender }, handle)
    }

    /// Queues a record; `durable` (when given) hears when it is on disk, or why not.
    pub fn write(&self, job: Job, durable: Option<Durable>) {
        let job_id = job.id.clone();
        let write = Write {
            job: Some(job),
            durable,
        };
        if self.sender.send(write).is_err() {
            // The writer has stopped (shutdown, or a failed commit that is stopping the
            // coordinator); `durable` is dropped, so a waiting submitter hears of it too.
            tracing::warn!(job_id = %job_id, "job record not written: the job store writer has stopped");
        }
    }

    /// `durable` hears once every record sent before this call is on disk, or why not: how a
    /// replayed submit answers only once the first submit's record is durable, without
    /// writing it again.
    pub fn after_pending(&self, durable: Durable) {
        let barrier = Write {
            job: None,
            durable: Some(durable),
        };
        // A stopped writer drops `durable`, and its waiter hears of it.
        let _ = self.sender.send(barrier);
    }
}

fn write_until_closed(
    store: Arc<dyn JobStore>,
    mut receiver: mpsc::UnboundedReceiver<Write>,
) -> Result<(), WriterFailed> {
    while let Some(first) = receiver.blocking_recv() {
        let mut batch = vec![first];
        while let Ok(next) = receiver.try_recv() {
            batch.push(next);
        }
        // Later records of a job replace earlier ones in the same batch; records are moved,
        // not copied (a finished job carries its whole output).
        let mut latest: HashMap<String, Job> = HashMap::with_capacity(batch.len());
        let mut waiting = Vec::new();
        for write in batch {
            waiting.extend(write.durable);
            if let Some(job) = write.job {
                latest.insert(job.id.clone(), job);
            }
        }
        let jobs: Vec<Job> = latest.into_values().collect();
        // A batch of barriers alone has nothing to commit: what came before is on disk.
        if let Err(source) = store_unless_empty(store.as_ref(), &jobs) {
            let failed = WriterFailed {
                records: jobs.len(),
                source,
            };
            refuse_the_rest(&mut receiver, waiting, &failed.to_string());
            return Err(failed);
        }
        for durable in waiting {
            // The submitter may have gone away; nothing to tell then.
            let _ = durable.send(Ok(()));
        }
    }
    Ok(())
}

fn store_unless_empty(store: &dyn JobStore, jobs: &[Job]) -> Result<(), StoreError> {
    if jobs.is_empty() {
        return Ok(());
    }
    store.put_all(jobs)
}

/// After a failed commit, everyone waiting — in this batch or still queued — hears why their
/// record is not durable, and later writes fail at once (the channel is closed).
fn refuse_the_rest(
    receiver: &mut mpsc::UnboundedReceiver<Write>,
    waiting: Vec<Durable>,
    reason: &str,
) {
    receiver.close();
    let queued = std::iter::from_fn(|| receiver.try_recv().ok()).filter_map(|write| write.durable);
    for durable in waiting.into_iter().chain(queued) {
        let _ = durable.send(Err(reason.to_owned()));
    }
}

#[cfg(test)]
mod tests;
