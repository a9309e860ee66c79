//! Durable job history: every job, with its state, reason, timings and output, kept under
//! `data_dir` so a coordinator restart loses nothing. Behind a trait with an in-memory and an
//! on-disk (redb) implementation that pass one contract test. Beside the jobs, each keeps the
//! usage ledger (`ledger`), written in the same transaction as the job's end, and an index of
//! idempotency keys, written in the same transaction as the job's first record.

pub mod ledger;
mod memory;
mod page;
mod redb_store;
mod writer;

#[cfg(test)]
mod contract_tests;
#[cfg(test)]
mod ledger_contract_tests;

pub use memory::MemoryJobStore;
pub use page::list_page;
pub use redb_store::RedbJobStore;
pub use writer::{StoreWriter, WriterFailed};

use proto::v1::{Job, JobState, UsageReport};

use crate::usage::UsageQuery;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("job store at {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: redb::Error,
    },
    /// Another process (most likely a second coordinator on the same `data_dir`) holds the file.
    #[error(
        "job store at {path} is in use by another coordinator; stop it, or give this one another data_dir"
    )]
    InUse { path: String },
    #[error("job store: {0}")]
    Database(#[from] redb::Error),
    #[error("job store holds an unreadable record for {id}: {source}")]
    Corrupt {
        id: String,
        #[source]
        source: prost::DecodeError,
    },
}

/// Which jobs a listing wants; every field narrows it.
#[derive(Debug, Clone, Default)]
pub struct JobFilter {
    pub state: Option<JobState>,
    pub model: Option<String>,
    pub node: Option<String>,
    /// Only jobs with ids before this one (older), for paging.
    pub before_id: Option<String>,
    pub limit: usize,
}

impl JobFilter {
    pub fn matches(&self, job: &Job) -> bool {
        self.state.is_none_or(|state| job.state == state as i32)
            && self.model.as_ref().is_none_or(|model| {
                job.spec
                    .as_ref()
                    .is_some_and(|spec| crate::cluster::names_model(&spec.model, model))
            })
            && self.node.as_ref().is_none_or(|node| &job.node == node)
    }
}

pub trait JobStore: Send + Sync + 'static {
    /// Writes (inserts or replaces) jobs in one durable transaction.
    fn put_all(&self, jobs: &[Job]) -> Result<(), StoreError>;
    fn get(&self, id: &str) -> Result<Option<Job>, StoreError>;
    /// The job submitted with `idempotency_key` (`JobSpec.idempotency_key`), from an index
    /// written in the same transaction as the job; the first job written with a key keeps it.
    fn job_with_key(&self, idempotency_key: &str) -> Result<Option<Job>, StoreError>;
    /// The first `limit` ids (in order) that start with `prefix`: a range scan, not a walk
    /// over every job.
    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError>;
    /// Newest first, at most `filter.limit`.
    fn list(&self, filter: &JobFilter) -> Result<Vec<Job>, StoreError>;
    /// Jobs not yet in a terminal state (queued or running), as the last run left them.
    fn unfinished(&self) -> Result<Vec<Job>, StoreError>;
    /// What the jobs that ran used and cost over the query's range, from the usage ledger
    /// (`budgets` left empty: they are the cluster's to fill in).
    fn usage(&self, query: &UsageQuery) -> Result<UsageReport, StoreError>;
}

/// The job's idempotency key, when it was submitted with one.
fn idempotency_key(job: &Job) -> Option<&str> {
    job.spec
        .as_ref()
        .map(|spec| spec.idempotency_key.as_str())
        .filter(|key| !key.is_empty())
}

pub fn is_terminal(state: i32) -> bool {
    matches!(
        JobState::try_from(state),
        Ok(JobState::Succeeded | JobState::Failed | JobState::Cancelled | JobState::Rejected)
    )
}
