//! Group commit: job records from the cluster loop are written by one blocking task that
//! takes everything waiting and commits it in one transaction, so the loop never waits on
//! the disk and a burst of submits costs one fsync rather than one each.

use std::collections::HashMap;
use std::sync::Arc;

use proto::v1::Job;
use tokio::sync::{mpsc, oneshot};

use super::JobStore;

/// Told once the record is durable, or why it could not be written.
pub type Durable = oneshot::Sender<Result<(), String>>;

struct Write {
    job: Job,
    durable: Option<Durable>,
}

/// Sends job records to the writer task; cheap to clone.
#[derive(Clone)]
pub struct StoreWriter {
    sender: mpsc::UnboundedSender<Write>,
}

impl StoreWriter {
    /// Starts the writer on a blocking thread; it ends when every `StoreWriter` is dropped,
    /// after writing what was already sent.
    pub fn start(store: Arc<dyn JobStore>) -> (Self, tokio::task::JoinHandle<()>) {
        let (sender, receiver) = mpsc::unbounded_channel();
        let handle = tokio::task::spawn_blocking(move || write_until_closed(store, receiver));
        (Self { sender }, handle)
    }

    /// Queues a record; `durable` (when given) hears when it is on disk.
    pub fn write(&self, job: Job, durable: Option<Durable>) {
        if let Err(unsent) = self.sender.send(Write { job, durable }) {
            // Only happens during shutdown, after the writer has stopped.
            tracing::error!(job_id = %unsent.0.job.id, "job store writer has stopped; record not written");
        }
    }
}

fn write_until_closed(store: Arc<dyn JobStore>, mut receiver: mpsc::UnboundedReceiver<Write>) {
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
            latest.insert(write.job.id.clone(), write.job);
        }
        let jobs: Vec<Job> = latest.into_values().collect();
        let outcome = store.put_all(&jobs).map_err(|error| error.to_string());
        if let Err(error) = &outcome {
            tracing::error!(%error, records = jobs.len(), "could not write job records");
        }
        for durable in waiting {
            // The submitter may have gone away; nothing to tell then.
            let _ = durable.send(outcome.clone());
        }
    }
}
